"""Routes of the clerk's page: the form, one upload or paste scored in memory (never stored), the size limit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import Flask, render_template, request
from markupsafe import Markup
from werkzeug.exceptions import RequestEntityTooLarge

from scorer import api
from scorer.errors import InputError, ScorerError
from scorer.model import Document
from scorer.read import read_bytes
from scorer.render.html_format import STYLE, card_html
from scorer.rubric import Rubric, builtin_ids

if TYPE_CHECKING:
    from scorer.history import Pieces

UPLOAD_LIMIT = 20 * 1024 * 1024  # the largest report the page accepts; real reports are well under 5 MB
_FORM_SLACK = 256 * 1024  # multipart boundaries and the other form fields
LANGS = ("zh", "en")
PASTED = "pasted.txt"


def _too_big(limit: int) -> dict[str, str]:
    mb = limit / (1024 * 1024)
    return {"zh": f"文件太大:上限为 {mb:g} MB。请压缩图片或只上传报告正文。",
            "en": f"File too large: the limit is {mb:g} MB. Remove images or upload the report text only."}


def _auto_rubric(doc: Document) -> tuple[str, dict[str, str]]:
    """The rubric id for a report and why, per language: the engine's choice (api.choose_rubric), else national."""
    chooser = getattr(api, "choose_rubric", None)  # absent in builds without rubric auto-selection
    if not callable(chooser):
        return "national", {}
    reasons: dict[str, str] = {}
    rubric_id = "national"
    for lang in LANGS:
        rubric, reasons[lang] = chooser(doc, lang)
        rubric_id = str(rubric.id)
    return rubric_id, reasons


def _previous(name: str | None, data: bytes | None, rubric: Rubric, limit: int) -> tuple[Pieces | None, str | None]:
    """Last year's report from the form's second file, as the comparison reads it; or why it cannot be read."""
    if name is None or data is None:
        return None, None
    try:
        return api.pieces(read_bytes(name, data, limit), rubric), None
    except InputError as exc:
        return None, f"{exc.path}: {exc.reason}"


def create_app(max_bytes: int | None = None) -> Flask:
    limit = max_bytes or UPLOAD_LIMIT
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = limit + _FORM_SLACK
    rubrics = builtin_ids()

    def page(**values: Any) -> str:
        values.setdefault("cards", None)
        values.setdefault("error", None)
        values.setdefault("chosen", "auto")
        return render_template("index.html", style=Markup(STYLE), rubrics=rubrics, limit=limit,
                               limit_mb=f"{limit / (1024 * 1024):g}", **values)

    @app.get("/")
    def index() -> str:
        return page()

    @app.post("/")
    def check() -> tuple[str, int] | str:
        upload = request.files.get("file")
        text = request.form.get("text", "")
        chosen = request.form.get("rubric", "auto")
        if upload is not None and upload.filename:
            name, data = upload.filename, upload.read(limit + 1)
        elif text.strip():
            name, data = PASTED, text.encode("utf-8")
        else:
            return page(error={"zh": "请选择一个文件,或粘贴报告全文。",
                               "en": "Choose a file, or paste the report's text."}, chosen=chosen), 400
        if len(data) > limit:
            return page(error=_too_big(limit), chosen=chosen), 413
        last = request.files.get("previous")
        last_data = last.read(limit + 1) if last is not None and last.filename else None
        if last_data is not None and len(last_data) > limit:
            return page(error=_too_big(limit), chosen=chosen), 413
        try:
            doc = read_bytes(name, data, limit)
            rubric_id, reason = _auto_rubric(doc) if chosen == "auto" else (chosen, {})
            if rubric_id not in rubrics:
                raise ScorerError(f"{rubric_id}: no such rubric (built-in rubrics: {', '.join(rubrics)})")
            rubric = api.load_rubric(rubric_id)
            previous, bad = _previous(last.filename if last is not None else None, last_data, rubric, limit)
            cards = {lang: api.score_document(doc, rubric, lang, detail=True, previous=previous) for lang in LANGS}
        except InputError as exc:  # the same line the CLI prints after "scorer: "
            message = f"{exc.path}: {exc.reason}"
            return page(error={"zh": message, "en": message}, chosen=chosen), 422
        except ScorerError as exc:
            return page(error={"zh": str(exc), "en": str(exc)}, chosen=chosen), 400
        html = {lang: Markup(card_html(card, lang)) for lang, card in cards.items()}
        # An unreadable previous report: its one line, and this year's report scored without the comparison.
        error = {"zh": bad, "en": bad} if bad else None
        return page(cards=html, name=name, rubric_id=rubric_id, reason=reason, chosen=chosen,
                    error=error), 422 if bad else 200

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_: RequestEntityTooLarge) -> tuple[str, int]:
        return page(error=_too_big(limit)), 413

    @app.after_request
    def no_store(response: Any) -> Any:
        response.headers["Cache-Control"] = "no-store"
        response.headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self' 'unsafe-inline'"
        return response

    return app
