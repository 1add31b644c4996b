"""Rule not-a-report: the text is not an annual report at all (English, a data file, a policy
interpretation, a news item about a report).

Scoring such a text part by part gives four unrelated "part missing" errors in an arbitrary order; the
one thing to say is that it is not the report. The rubric's ``checks.genre`` options decide:
``min_cjk_share`` (a report is Chinese text), ``titles`` (what a 政策解读 or a news item opens with),
and whether a text with no part of the report and no report title is one (``no_parts``).

Passing: ``某县人民政府关于2023年度法治政府建设情况的报告`` with its parts.
Failing: ``关于《某县法治政府建设实施方案》的政策解读……``, an English page, a CSV of figures.

Fix: check that the right file was given: the report itself, not a page about it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scorer.checks.base import PATTERNS, Context, group, option, texts
from scorer.model import Finding, Lang, Status
from scorer.rubric import patterns_of

ID = "genre"
RULES: dict[str, tuple[str, str]] = {
    "not-a-report": (
        "不是法治政府建设年度报告(英文、数据文件、政策解读、新闻报道等)",
        "the text is not an annual report (English, a data file, a policy interpretation, a news item)",
    ),
}
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
_HEAD_LINES = 6
_SAMPLE = 1500  # characters whose script decides: enough to tell Chinese text from English or data


OPTIONS: dict[str, Any] = {  # the rubric's `checks:` groups this check reads: JSON Schema with defaults
    # no default: a rubric without `checks.genre` has this check off
    "genre": group(
        default=False,
        min_cjk_share=option("number", 0.3, minimum=0, maximum=1),  # under it, the text is not Chinese
        titles=PATTERNS,  # what a policy interpretation or a news item opens with
        no_parts=option("boolean", True),  # a text with no part and no report title is not a report
        messages=texts("language", "genre", "no-parts"),
    ),
}


@dataclass(frozen=True)
class Options:
    min_cjk_share: float
    titles: tuple[re.Pattern[str], ...]
    no_parts: bool
    messages: dict[str, Lang]

    @classmethod
    def of(cls, opts: dict[str, Any]) -> Options:
        return cls(float(opts["min_cjk_share"]), patterns_of(opts["titles"]), bool(opts["no_parts"]),
                   opts["messages"])


TYPED = {"genre": Options.of}


def not_a_report(ctx: Context) -> str | None:
    """Why the text is not a report (a key of ``checks.genre.messages``), or None when it may be one."""
    why: str | None = ctx.memo("not-a-report", lambda: _why(ctx))
    return why


def _why(ctx: Context) -> str | None:
    options = ctx.rubric.check_options.get(ID)
    required = [c for c in ctx.rubric.criteria if c.required]
    statuses = [m.status for c in required if (m := ctx.match(c.id)) is not None]
    if not isinstance(options, Options) or Status.FOUND in statuses:
        return None  # a part of the report under its own heading: a report, whatever else it is
    text = ctx.doc.text[:_SAMPLE]
    words = len(_WORD.findall(text))
    if words and len(_CJK.findall(text)) / words < options.min_cjk_share:
        return "language"
    head = " ".join(line.text for line in ctx.doc.lines[:_HEAD_LINES])
    if any(p.search(head) for p in options.titles):
        return "genre"
    if options.no_parts and all(s is Status.MISSING for s in statuses) and not ctx.facts.title:
        return "no-parts"
    return None


def check(ctx: Context) -> Iterator[Finding | None]:
    why = not_a_report(ctx)
    if why is not None:
        yield ctx.finding("not-a-report", None, None, detail=ctx.text(ctx.options(ID, Options).messages.get(why)))
