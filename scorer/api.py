"""The whole product in one page: read → normalize → outline → match → checks → scorecard."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.checks import Context, check_options, run_checks
from scorer.errors import InputError
from scorer.match import match
from scorer.meta import find_facts, meta_of
from scorer.model import (
    Document,
    FileError,
    Lang,
    Line,
    Match,
    Outline,
    OutlineNode,
    Policy,
    Scorecard,
)
from scorer.normalize import normalize
from scorer.outline import build_outline
from scorer.placement import Report
from scorer.read import DEFAULT_MAX_BYTES, READERS, read_bytes, read_path
from scorer.rubric import Rubric, with_check_options
from scorer.rubric import load_rubric as load_rubric_file
from scorer.uiwords import file_error, from_input

if TYPE_CHECKING:
    from scorer.history import Pieces

__all__ = ["AUTO", "choose_rubric", "iter_paths", "load_rubric", "pieces", "previous_pieces", "score_bytes",
           "score_document", "score_file", "score_file_auto", "score_many", "score_text"]

AUTO = "auto"  # `--rubric auto`: choose a built-in rubric per report (choose_rubric)


def load_rubric(ref: str = "national") -> Rubric:
    """A rubric by built-in id or file path, its `checks:` block validated against the checks' options,
    every pattern compiled and every option completed with its default; each problem is a RubricError
    naming file:line. Every caller that scores loads rubrics here."""
    return load_rubric_file(ref, check_options())


_TYPED: dict[int, tuple[Rubric, Rubric]] = {}  # id of a rubric loaded without the checks' options -> typed


def _with_options(rubric: Rubric) -> Rubric:
    """A rubric loaded by scorer.rubric.load_rubric (without the checks' options) given them, once."""
    if rubric.check_options:
        return rubric
    hit = _TYPED.get(id(rubric))
    if hit is None or hit[0] is not rubric:
        if len(_TYPED) >= 16:
            _TYPED.clear()
        hit = _TYPED[id(rubric)] = (rubric, with_check_options(rubric, check_options()))
    return hit[1]


def score_document(doc: Document, rubric: Rubric, detail: bool = False, policy: Policy | None = None,
                   previous: Pieces | None = None) -> Scorecard:
    """Score one report; with ``previous`` (last year's report, see ``pieces``) compare the two as well.
    The card holds its words in every interface language: a renderer picks one."""
    rubric = _with_options(rubric)
    clean = normalize(doc)
    outline = build_outline(clean)
    facts = find_facts(clean, outline)
    matches = match(outline, rubric, facts)
    findings = run_checks(Context(clean, outline, facts, matches, rubric))
    compared = None
    if previous is not None and not any(rubric.rule(f.rule).options.get("alone") for f in findings):
        from scorer.history import compare, pieces_of

        ids = tuple(c.id for c in rubric.criteria)
        extra, compared = compare(pieces_of(doc.path, clean, outline, facts, matches, ids), previous, rubric)
        findings += extra
    meta = meta_of(clean, facts)
    source_of = {i: line.source for i, line in enumerate(clean.lines)}
    from scorer.scorecard import build_scorecard

    card = build_scorecard(doc.path, rubric, matches, findings, meta, source_of, policy)
    if compared is not None:
        from dataclasses import replace

        card = replace(card, previous=compared)
    if not detail:
        return card
    pages = {i: line.page for i, line in enumerate(clean.lines) if line.page is not None}
    return _with_detail(card, outline, matches, rubric, Report(outline, matches, facts, card.findings, source_of,
                                                               pages))


def pieces(doc: Document, rubric: Rubric) -> Pieces:
    """Last year's report as the comparison reads it: read, normalized, outlined and matched by ``rubric``."""
    from scorer.history import pieces_of

    clean = normalize(doc)
    outline = build_outline(clean)
    facts = find_facts(clean, outline)
    matches = match(outline, rubric, facts)
    return pieces_of(doc.path, clean, outline, facts, matches, tuple(c.id for c in rubric.criteria))


def previous_pieces(path: Path | str, rubric: Rubric, max_bytes: int = DEFAULT_MAX_BYTES) -> Pieces | None:
    """Last year's report read from ``path`` as its pieces; None when it cannot be read (pairing said so)."""
    try:
        return pieces(read_path(Path(path), max_bytes), rubric)
    except InputError:
        return None


def _with_detail(card: Scorecard, outline: Outline, matches: tuple[Match, ...], rubric: Rubric,
                 report: Report) -> Scorecard:
    """Add the outline the engine saw (each heading with the parts it carries) and the headings to add."""
    from dataclasses import replace

    from scorer.placement import headings_to_add

    source_of = report.source_of

    carried: dict[int, list[str]] = {}
    for m in matches:
        for index in m.sections:
            carried.setdefault(index, []).append(m.criterion)
    nodes = tuple(OutlineNode(s.level, s.number, s.title, source_of.get(s.line) if s.line is not None else None,
                              tuple(carried.get(s.index, ()))) for s in outline.sections[1:])
    template = headings_to_add(report, rubric)
    return replace(card, outline=nodes, template=template)


def score_text(text: str, rubric: Rubric, path: str = "<text>", detail: bool = False,
               policy: Policy | None = None) -> Scorecard:
    lines = tuple(Line(t, i + 1) for i, t in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))
    return score_document(Document(path, "text", lines, "utf-8"), rubric, detail, policy)


def score_bytes(name: str, data: bytes, rubric: Rubric, max_bytes: int = DEFAULT_MAX_BYTES, detail: bool = False,
                policy: Policy | None = None) -> Scorecard:
    return score_document(read_bytes(name, data, max_bytes), rubric, detail, policy)


def score_file(path: Path | str, rubric: Rubric, max_bytes: int = DEFAULT_MAX_BYTES, detail: bool = False,
               policy: Policy | None = None) -> Scorecard:
    return score_document(read_path(Path(path), max_bytes), rubric, detail, policy)


@lru_cache(maxsize=1)
def selectable_rubrics() -> tuple[Rubric, ...]:
    """The built-in rubrics that carry a `select:` block, loaded once."""
    from scorer.rubric import builtin_ids

    return tuple(r for r in (load_rubric(rid) for rid in builtin_ids()) if r.selector is not None)


def choose_rubric(doc: Document) -> tuple[Rubric, Lang]:
    """The built-in rubric for a report, chosen by its title, signature and opening, and why."""
    from scorer.select import select, signature

    clean = normalize(doc)
    outline = build_outline(clean)
    facts = find_facts(clean, outline)
    issuer = facts.issuer or signature([line.text for line in clean.lines])
    opening = " ".join(p.text for p in outline.root.body)[:600]
    chosen = select(facts.title, issuer, opening, selectable_rubrics())
    return chosen.rubric, chosen.reason


def score_file_auto(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Scorecard, Lang]:
    """Read a report, choose its rubric (choose_rubric), score it; the scorecard and the reason."""
    doc = read_path(Path(path), max_bytes)
    rubric, reason = choose_rubric(doc)
    return score_document(doc, rubric), reason


def supported_suffixes() -> set[str]:
    from scorer.read import EXTENSIONS

    return {ext for ext, fmt in EXTENSIONS.items() if fmt in READERS}


def iter_paths(inputs: Iterable[str]) -> Iterator[Path | FileError]:
    """Expand files, folders (recursively, supported extensions only) and globs, in a stable order."""
    suffixes = supported_suffixes()
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                yield file_error(raw, "folder-empty", exts=", ".join(sorted(suffixes)))
            yield from found
        elif any(ch in raw for ch in "*?[") and not path.exists():
            matches = sorted(Path().glob(raw)) if not path.is_absolute() else sorted(
                Path(path.anchor).glob(str(path.relative_to(path.anchor))))
            if not matches:
                yield file_error(raw, "no-match")
            yield from (p for p in matches if p.is_file())
        else:
            yield path


def score_many(inputs: Iterable[str], rubric: Rubric, detail: bool = False) -> Iterator[Scorecard | FileError]:
    """Score every input in order; a file that cannot be read becomes its FileError, the rest go on."""
    for item in iter_paths(inputs):
        if isinstance(item, FileError):
            yield item
            continue
        try:
            yield score_file(item, rubric, detail=detail)
        except InputError as exc:
            yield from_input(exc)
