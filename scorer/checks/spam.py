"""Rule spam-content: gambling, lottery and advertising text injected into a hacked page.

Hacked government sites splice a gambling site's name into sentences (``上级申博体育在线:扎实稳定
经济运行``). Such a page must not be filed or republished as the report. The patterns live in the
rubric's ``spam.patterns``; the exact span is reported with its line.

Passing: ``为严格贯彻落实上级扎实稳定经济运行的一揽子措施……``
Failing: ``为严格贯彻落实上级申博体育在线:扎实稳定经济运行……``

Fix: take the text from the original document, not the published page, and tell the site's
administrators that the page was tampered with.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scorer.checks.base import Context
from scorer.model import Finding

ID = "spam"
RULES = ("spam-content",)
_CONTEXTUAL = re.compile(r"(?<!\[)\^|\$|\\[bBAZ]|\(\?[=!<]|\(\?[a-zA-Z]")


def check(ctx: Context) -> Iterator[Finding | None]:
    if not ctx.rubric.spam:
        return
    # A pattern that depends on no context (no anchor, boundary or look-around) and does not hit the
    # whole text cannot hit any line of it: one search over the text spares a scan of every line.
    text = ctx.doc.text
    patterns = [p for p in ctx.rubric.spam if _CONTEXTUAL.search(p.pattern) or p.search(text)]
    if not patterns:
        return
    for i, line in enumerate(ctx.doc.lines):
        spans = sorted(m.span() for p in patterns for m in p.finditer(line.text) if m.end() > m.start())
        for start, end in _merge(spans):
            yield ctx.finding("spam-content", i, None, span=line.text[start:end])


def _merge(spans: list[tuple[int, int]], gap: int = 1) -> list[tuple[int, int]]:
    """Overlapping or adjacent hits (申博 + 体育在线) are one injected span."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start <= out[-1][1] + gap:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
