"""Routes of the clerk's page: the form, one upload or paste scored in a worker (never stored), the guards."""

from __future__ import annotations

import atexit
import base64
import io
import threading
from pathlib import PurePath
from typing import IO, Any
from urllib.parse import urlsplit

from flask import Flask, Request, abort, current_app, render_template, request
from markupsafe import Markup
from werkzeug.exceptions import RequestEntityTooLarge

from scorer.render.html_format import STYLE, card_html
from scorer.rubric import builtin_ids
from scorer.uiwords import word
from scorer.web.scoring import LANGS, Refused, Scored, Upload, score_upload, warm
from scorer.workers import Limits, Lost, Pool, available

UPLOAD_LIMIT = 20 * 1024 * 1024  # the largest report the page accepts; real reports are well under 5 MB
_FORM_SLACK = 256 * 1024  # multipart boundaries and the other form fields
PASTED = "pasted.txt"
LOCAL_NAMES = ("127.0.0.1", "localhost")  # the names the page answers to; any other Host is refused
_POOLS: dict[Limits, Pool] = {}  # one worker per set of limits, shared by the apps of this process
_POOLS_LOCK = threading.Lock()


def _pool(limits: Limits) -> Pool:
    """The worker that scores uploads under ``limits``, started from a fork server (the server runs
    threads, and forking a process with threads can leave a lock held in the child)."""
    with _POOLS_LOCK:
        if limits not in _POOLS:
            pool = Pool(score_upload, 1, limits, initializer=warm, context="forkserver",
                        preload=("scorer.web.scoring",))
            atexit.register(pool.close)
            _POOLS[limits] = pool
        return _POOLS[limits]


class _InMemory(Request):
    """Uploads stay in memory (within MAX_CONTENT_LENGTH), never in a temporary file on disk."""

    def _get_file_stream(self, total_content_length: int | None, content_type: str | None,
                         filename: str | None = None, content_length: int | None = None) -> IO[bytes]:
        return io.BytesIO()


def _too_big(limit: int) -> dict[str, str]:
    return _said("too_big", mb=f"{limit / (1024 * 1024):g}")


def _said(key: str, **values: object) -> dict[str, str]:
    """A word of the page (rubrics/ui/clerk.yaml) in each of its languages."""
    return {lang: word("clerk", key, lang, **values) for lang in LANGS}


def _rubric_names() -> list[dict[str, str]]:
    """The built-in rubrics for the form: each id with its title in each language."""
    from scorer.rubric import load_rubric

    return [{"id": rid, **{lang: load_rubric(rid).title.get(lang) or rid for lang in LANGS}} for rid in builtin_ids()]


def _download(outcome: Scored, name: str, lang: str) -> dict[str, str]:
    """The annotated draft as a link the page offers: its file name, a data: URL (made in memory, never stored)
    and the language of its comments."""
    from scorer.annotate.draft import SUFFIX

    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    href = f"data:{kind};base64,{base64.b64encode(outcome.docx).decode()}"
    return {"name": PurePath(name).stem + SUFFIX, "href": href, "lang": lang}


def _host_port(value: str) -> tuple[str, int | None]:
    """("127.0.0.1", 8765) from a Host header or an origin's netloc; the port None when absent."""
    parts = urlsplit(f"//{value}")
    try:
        return (parts.hostname or "").lower(), parts.port
    except ValueError:  # a port that is not a number
        return "", -1


def _local_only() -> None:
    """Refuse a Host other than this machine's loopback names and port (DNS rebinding: a web page whose name
    now points to 127.0.0.1), and a POST sent by a page from another origin."""
    host, host_port = _host_port(request.host)
    want = current_app.config["SCORER_PORT"]
    if host not in LOCAL_NAMES or (want is not None and host_port not in (None, want)):
        abort(421 if host in LOCAL_NAMES else 400, description="This page answers on 127.0.0.1 only.")
    if request.method == "POST":
        origin = request.headers.get("Origin") or request.headers.get("Referer")
        if origin is not None:
            parts = urlsplit(origin)
            if parts.scheme != "http" or _host_port(parts.netloc) != (host, host_port):
                abort(403, description="Cross-origin posts are refused.")


def _no_store(response: Any) -> Any:
    """Nothing cached, nothing framed, no script from elsewhere."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self' 'unsafe-inline'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def _upload(limit: int, chosen: str) -> Upload | tuple[dict[str, str], int]:
    """The form's report (a file, else the pasted text) and last year's, or the page's error and status."""
    upload = request.files.get("file")
    text = request.form.get("text", "")
    if upload is not None and upload.filename:
        name, data = upload.filename, upload.read(limit + 1)
    elif text.strip():
        name, data = PASTED, text.encode("utf-8", "replace")
    else:
        return _said("choose"), 400
    last = request.files.get("previous")
    last_data = last.read(limit + 1) if last is not None and last.filename else None
    if len(data) > limit or (last_data is not None and len(last_data) > limit):
        return _too_big(limit), 413
    previous = (last.filename, last_data) if last is not None and last.filename and last_data is not None else None
    lang = request.form.get("lang", LANGS[0])
    return Upload(name, data, chosen, limit, previous, lang if lang in LANGS else LANGS[0])


def create_app(max_bytes: int | None = None, limits: Limits | None = None, port: int | None = None) -> Flask:
    """The page's app. ``port`` (known once the server is bound) is the only port a Host header may name."""
    limit = max_bytes or UPLOAD_LIMIT
    limits = limits or Limits()
    app = Flask(__name__)
    app.request_class = _InMemory
    app.config["MAX_CONTENT_LENGTH"] = limit + _FORM_SLACK
    app.config["MAX_FORM_MEMORY_SIZE"] = limit + _FORM_SLACK  # pasted text is a form field, not a file
    app.config["SCORER_PORT"] = port
    rubrics = _rubric_names()
    titles = {r["id"]: r for r in rubrics}

    def score(upload: Upload) -> Scored | Refused | Lost:
        """In a worker process under ``limits``, started on the first upload; in this process where
        worker processes cannot be started."""
        if not available("forkserver"):
            return score_upload(upload)
        outcome: Scored | Refused | Lost = _pool(limits).run(upload)
        return outcome

    def page(**values: Any) -> str:
        values.setdefault("cards", None)
        values.setdefault("error", None)
        values.setdefault("chosen", "auto")
        return render_template("index.html", style=Markup(STYLE), rubrics=rubrics, limit=limit,
                               limit_mb=f"{limit / (1024 * 1024):g}", said=_said, **values)

    app.before_request(_local_only)
    app.after_request(_no_store)

    @app.get("/")
    def index() -> str:
        return page()

    @app.post("/")
    def check() -> tuple[str, int] | str:
        chosen = request.form.get("rubric", "auto")
        upload = _upload(limit, chosen)
        if not isinstance(upload, Upload):
            return page(error=upload[0], chosen=chosen), upload[1]
        name, lang = upload.name, upload.lang
        outcome = score(upload)
        if isinstance(outcome, Lost):  # past the time limit or the memory ceiling, or its worker died
            return page(error={k: f"{name}: {outcome.describe(limits, k)}" for k in LANGS}, chosen=chosen), 422
        if isinstance(outcome, Refused):
            return page(error=outcome.message, chosen=chosen), outcome.status
        html = {k: Markup(card_html(outcome.card, k)) for k in LANGS}
        # An unreadable previous report: its one line, and this year's report scored without the comparison.
        bad = outcome.previous_error
        return page(cards=html, name=name, rubric=titles[outcome.rubric_id], reason=outcome.reason, chosen=chosen,
                    error=bad, download=_download(outcome, name, lang)), 422 if bad else 200

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_: RequestEntityTooLarge) -> tuple[str, int]:
        return page(error=_too_big(limit)), 413

    return app
