"""Rule placeholder: template placeholders left in the report (XX, ××, ＊ for digits, 【 】, 某某, ___, (此处…)).

Reports are drafted from last year's text or a template; a draft sent on with ``20XX年``,
``全年审查规范性文件××件``, ``评查案卷___卷`` or ``(此处填写数据)`` in it was never finished. A copy of
a report on a model-essay site, with the place names and digits masked (``xx市``, ``x01x年度``), is
the same case: it is not a real report. The names of real documents that contain XX inside 《》 or
quotation marks are not placeholders, nor is an anonymised person (``王某某``). The patterns and the
quotation marks live in the rubric (``checks.placeholder``); each line is reported with its spans.

Passing: ``全年审查规范性文件18件,开展执法培训4期。``; ``印发《XX区行政执法公示办法》``.
Failing: ``XX县人民政府关于20XX年度法治政府建设情况的报告``; ``全年审查规范性文件××件``.

Fix: fill in every placeholder with the real name, year or figure, or delete the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scorer.checks.base import WORDS, Context, group, option
from scorer.linescan import finditer
from scorer.model import Finding
from scorer.rubric import patterns_of
from scorer.words import LIST_SEP, join

ID = "placeholder"
RULES: dict[str, tuple[str, str]] = {  # rule id -> its one line (zh, en), for `scorer rules`
    "placeholder": (
        "未替换的模板占位符(XX、××、【 】、某某县、___、(此处…))",
        "template placeholders left in (XX, ××, 【 】, 某某县, ___, (此处…))",
    ),
}


OPTIONS: dict[str, Any] = {  # the rubric's `checks:` groups this check reads: JSON Schema with defaults
    "placeholder": group(
        patterns={"$ref": "#/$defs/regexes", "default": []},
        words=WORDS,  # placeholders written as they are (某某县), beside the patterns
        # pairs of quotation marks (《》) inside which a placeholder is part of a real name
        ignore_inside=option("array", [], items={"type": "string", "minLength": 2, "maxLength": 2}),
        max_lines=option("integer", 20, minimum=1),  # lines reported at most
    ),
}


@dataclass(frozen=True)
class Options:
    patterns: tuple[re.Pattern[str], ...]
    ignore_inside: tuple[str, ...]
    max_lines: int

    @classmethod
    def of(cls, opts: dict[str, Any]) -> Options:
        return cls(patterns_of(opts), tuple(str(q) for q in opts["ignore_inside"]), int(opts["max_lines"]))


TYPED = {"placeholder": Options.of}


def check(ctx: Context) -> Iterator[Finding | None]:
    opts = ctx.options(ID, Options)
    pats = opts.patterns
    if not pats:
        return
    quotes = list(opts.ignore_inside)
    reported = 0
    # Only the lines that may hold a match are scanned, with the patterns that may match there.
    for i, which in ctx.scan().plan(pats):
        text = ctx.doc.lines[i].text
        if not text.strip():
            continue
        hits = [m.span() for k in which for m in finditer(pats[k], text) if m.end() > m.start()]
        if not hits:
            continue
        quoted = quoted_spans(text, quotes)
        spans = sorted(s for s in hits if not any(a <= s[0] and s[1] <= b for a, b in quoted))
        found = []
        for start, end in merge(spans):
            piece = text[start:end]
            if piece not in found:
                found.append(piece)
        if found:
            yield ctx.finding("placeholder", i, None, spans=join(LIST_SEP, [f"“{s}”" for s in found[:6]]),
                              count=len(found), marks=tuple(found))
            reported += 1
            if reported >= opts.max_lines:
                return


def quoted_spans(text: str, pairs: list[str]) -> list[tuple[int, int]]:
    """Spans inside 《…》, “…” and the like (``pairs`` such as ``《》``), innermost marks included."""
    out: list[tuple[int, int]] = []
    for pair in pairs:
        open_, close = pair[0], pair[1]
        # What re.finditer(open [^close]* close) finds, by str.find: linear on an unclosed mark
        # repeated over a 1 MB line, where the regex retries from every open mark (quadratic).
        pos = 0
        while (start := text.find(open_, pos)) >= 0 and (end := text.find(close, start + 1)) >= 0:
            out.append((start, end + 1))
            pos = end + 1
    return out


def merge(spans: list[tuple[int, int]], gap: int = 0) -> list[tuple[int, int]]:
    """Overlapping (or, with ``gap``, nearly adjacent) hits as one span."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start <= out[-1][1] + gap:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
