"""Substance: shortcomings-thin (problems glossed over), no-evidence (few figures), outline-coverage (纲要 areas).

The 2019 rule asks for the measures *and their results*, and for the shortcomings *and their
causes*; evaluations of published reports (CASS, 明天 2017, Shenzhen's 指引) find reports that list
achievements at length, give one line to problems, cite few figures or cases, and leave whole
areas of the 法治政府建设实施纲要 unreported. Three warnings, each with its thresholds in the rubric
(``checks.substance``):

* shortcomings-thin: the shortcomings part is a small fraction of the measures part
  (``thin.min_ratio`` of its characters, once the measures reach ``thin.min_measures_chars``);
* no-evidence: the measures cite fewer than ``evidence.per_mille`` figures (a number with a
  unit: ``18件``, ``98.6%``) per 1,000 characters;
* outline-coverage: a secondary score, the share of the 纲要's areas (2015—2020 or 2021—2025 by the
  report year, keywords per area) that the measures touch; the areas absent are listed.

The last two are only said of a report that runs to its last part: an excerpt cut short has not
shown all its measures.

Passing: ``(一)依法全面履行政府职能。全年取消和下放行政许可事项12项,政务服务事项网上可办率达到98.6%……``
and a shortcomings part that gives each problem a paragraph.
Failing: 5,000 characters of measures with no ``件/项/%`` figures, followed by ``二、存在的问题`` and one
sentence.

Fix: back each measure with figures and cases; give each shortcoming its own point with its cause;
report on every area of the 纲要 or say why an area did not apply.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypedDict

from scorer.checks.base import LANG, PATTERNS, Context, count, group, option
from scorer.model import Finding, Match, Status, Via
from scorer.rubric import patterns_of
from scorer.words import AREA_SEP, join

ID = "substance"
RULES: dict[str, tuple[str, str]] = {  # rule id -> its one line (zh, en), for `scorer rules`
    "shortcomings-thin": (
        "“存在的不足”相对“主要举措和成效”过于简略",
        "the shortcomings are too thin next to the measures",
    ),
    "no-evidence": (
        "“主要举措和成效”缺少数据支撑",
        "the measures cite too few figures",
    ),
    "outline-coverage": (
        "主要举措未涉及《法治政府建设实施纲要》的某些方面",
        "areas of the 纲要 in force that the measures do not touch",
    ),
}
_REAL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# _REAL counted on UTF-8 bytes: A-Z a-z 0-9 are one byte each; U+5000-U+9FFF start with a lead
# byte E5-E9 (never a continuation byte); U+4E00-U+4FFF are E4 followed by B8-BF.
_REAL_BYTES = bytes(range(0xE5, 0xEA)) + b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_NOT_REAL_BYTES = bytes(b for b in range(256) if b not in _REAL_BYTES)
_E4_REAL = re.compile(rb"\xe4[\xb8-\xbf]")


def real_chars(text: str) -> int:
    """``len(_REAL.findall(text))``: Chinese characters, Latin letters and digits, counted fast."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, _NOT_REAL_BYTES)) + len(_E4_REAL.findall(data))


_AREA = {"type": "object", "additionalProperties": False, "required": ["label"],
         "properties": {"label": LANG, "keywords": PATTERNS}}
_OUTLINE = {"type": "object", "additionalProperties": False, "required": ["name"],
            "properties": {"name": LANG, "from": option("integer", 0), "until": option("integer", 9999),
                           "areas": option("array", [], items=_AREA)}}
OPTIONS: dict[str, Any] = {  # the rubric's `checks:` groups this check reads: JSON Schema with defaults
    "substance": group(
        measures=option("string", "measures"),  # the criteria of the measures and of the shortcomings
        shortcomings=option("string", "shortcomings"),
        thin=group(min_ratio=option("number", 0.05, minimum=0), min_measures_chars=option("integer", 500)),
        evidence=group(per_mille=option("number", 5, minimum=0), min_chars=option("integer", 500),
                       figures=PATTERNS),
        coverage=group(min_share=option("number", 1.0, minimum=0, maximum=1),
                       min_measures_chars=option("integer", 500), outlines=option("array", [], items=_OUTLINE)),
    ),
}


class Thin(TypedDict):
    min_ratio: float
    min_measures_chars: int


class Evidence(TypedDict):
    per_mille: float
    min_chars: int
    figures: Any


class Coverage(TypedDict):
    min_share: float
    min_measures_chars: int
    outlines: list[dict[str, Any]]


@dataclass(frozen=True)
class Options:
    measures: str
    shortcomings: str
    thin: Thin
    evidence: Evidence
    coverage: Coverage


TYPED = {"substance": lambda opts: Options(**opts)}


def check(ctx: Context) -> Iterator[Finding | None]:
    opts = ctx.options(ID, Options)
    measures = ctx.match(opts.measures)
    if measures is None or measures.status is Status.MISSING:
        return
    text = _content(ctx, measures)
    chars = real_chars(text)
    yield from _thin(ctx, opts.thin, measures, chars, opts.shortcomings)
    if ctx.complete():
        yield from _evidence(ctx, opts.evidence, measures, text, chars)
        yield from _coverage(ctx, opts.coverage, measures, text, chars)


def _content(ctx: Context, m: Match) -> str:
    """A part's text: its sections (headings included), or the paragraph that showed it."""
    if m.via in (Via.HEADING, Via.NESTED, Via.THEMATIC, Via.WEAK_HEADING, Via.MISPLACED) and m.sections:
        return "\n".join(p.text for i in m.sections for p in ctx.outline.content(i))
    if m.evidence_line is not None:
        return ctx.doc.lines[m.evidence_line].text
    return m.evidence or ""


def _line(m: Match) -> int | None:
    return m.line if m.line is not None else m.evidence_line


def _thin(ctx: Context, opts: Thin, measures: Match, chars: int, sid: str) -> Iterator[Finding | None]:
    short = ctx.match(sid)
    if short is None or short.status is Status.MISSING or chars < int(opts["min_measures_chars"]):
        return
    short_chars = real_chars(_content(ctx, short))
    ratio = short_chars / chars
    if short_chars and ratio < float(opts["min_ratio"]):
        yield ctx.finding("shortcomings-thin", _line(short), sid, chars=short_chars, measures=chars,
                          pct=round(100 * ratio, 1), need=round(100 * float(opts["min_ratio"])))


def _evidence(ctx: Context, opts: Evidence, measures: Match, text: str, chars: int) -> Iterator[Finding | None]:
    if chars < int(opts["min_chars"]):
        return
    figures = sum(count(p, text) for p in patterns_of(opts["figures"]))
    rate = 1000 * figures / chars
    need = float(opts["per_mille"])
    if rate < need:
        yield ctx.finding("no-evidence", _line(measures), measures.criterion, figures=figures, chars=chars,
                          rate=round(rate, 1), need=need)


def _coverage(ctx: Context, opts: Coverage, measures: Match, text: str, chars: int) -> Iterator[Finding | None]:
    if chars < int(opts["min_measures_chars"]):
        return
    outline = _outline_for(opts["outlines"], ctx.facts.report_year)
    if outline is None:
        return
    areas = outline["areas"]
    absent = [ctx.text(area["label"]) for area in areas if not _any_in(patterns_of(area["keywords"]), text)]
    covered = len(areas) - len(absent)
    if areas and absent and covered / len(areas) < float(opts["min_share"]):
        yield ctx.finding("outline-coverage", _line(measures), measures.criterion, covered=covered,
                          total=len(areas), outline=ctx.text(outline["name"]), absent=join(AREA_SEP, absent))


def _any_in(pats: tuple[re.Pattern[str], ...], text: str) -> bool:
    """Whether one of the patterns is found in the text; plain keywords in one scan, not one each."""
    words = _words(tuple(p.pattern for p in pats), tuple(p.flags for p in pats))
    if words is not None:
        return words.search(text) is not None
    return any(p.search(text) for p in pats)


@lru_cache(maxsize=256)
def _words(patterns: tuple[str, ...], flags: tuple[int, ...]) -> re.Pattern[str] | None:
    """One regex for a list of plain keywords (no regex syntax, no flags): it matches where any does."""
    if not patterns or any(f & ~re.UNICODE for f in flags) or any(
            not p or any(ch in ".^$*+?{}[]\\|()" for ch in p) for p in patterns):
        return None
    return re.compile("|".join(patterns))


def _outline_for(outlines: list[dict[str, Any]], year: int | None) -> dict[str, Any] | None:
    """The 纲要 in force for the report year (the latest one when the year is unknown)."""
    if not outlines:
        return None
    if year is None:
        return max(outlines, key=lambda o: int(o["from"]))
    for o in outlines:
        if int(o["from"]) <= year <= int(o["until"]):
            return o
    return None
