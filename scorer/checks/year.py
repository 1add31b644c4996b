"""Rule year-mismatch: the years in the report disagree with the year it reports on.

An annual report covers one year (the 上一年度 of the 2019 rule) and plans the next. The year in
the title, the year the text opens with (``2023年,登封市坚持……``), the years in the headings of the
measures and shortcomings, and the date must agree: the plan is for the report year + 1, and the
date falls after the year reported (the earliest day is ``checks.year.not_before`` in the rubric).
A copy-pasted report from last year shows up here first.

Passing: ``登封市2023年法治政府建设情况报告`` … ``2023年,登封市坚持……`` … ``二、2023年推进法治政府建设的
主要举措和成效`` … ``四、2024年度推进法治政府建设的初步安排`` … ``2024年2月28日``.
Failing: title 2023 but ``2022年,我县坚持……``; ``四、2023年工作安排`` in a report on 2023; a report on 2017
published ``2017年12月13日``, before its year had ended.

Fix: make the title, the opening, the headings and the plan name the right years (the plan is for
the next year), and date the report after the year it reports on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scorer.checks.base import Context, group, option, texts
from scorer.checks.deadline import DAY, date_label, date_marks, day_after, fmt_date, report_date
from scorer.model import Finding, Lang, Via

ID = "year"
RULES: dict[str, tuple[str, str]] = {  # rule id -> its one line (zh, en), for `scorer rules`
    "year-mismatch": (
        "标题、开头、各部分标题、下一年度安排和成文日期的年份不一致",
        "the title, the opening, the headings, the plan (report year + 1) and the date disagree on the year",
    ),
}
# A single year, not one end of a span such as 2021—2025年 or (2021-2025年).
_YEAR = re.compile(r"(?<![\d—–~\-至])((?:19|20)\d{2})\s*年(?!\s*[—–~\-至])")
_OPENING = re.compile(r"^\s*((?:19|20)\d{2})\s*年度?\s*(?:[,是])")


OPTIONS: dict[str, Any] = {  # the rubric's `checks:` groups this check reads: JSON Schema with defaults
    "year": group(
        report_year_parts=option("array", [], items={"type": "string"}),  # headings name the year reported
        next_year_parts=option("array", [], items={"type": "string"}),  # headings name the next year
        not_before=DAY,  # the earliest date of a report on a year (none: not checked)
        use_published=option("boolean", True),  # without a 成文日期, check the page's publication date
        messages=texts("title-body", "part", "date"),
    ),
}


@dataclass(frozen=True)
class Options:
    report_year_parts: list[str]
    next_year_parts: list[str]
    not_before: dict[str, int]
    use_published: bool
    messages: dict[str, Lang]


TYPED = {"year": lambda opts: Options(**opts)}


def check(ctx: Context) -> Iterator[Finding | None]:
    opts = ctx.options(ID, Options)
    f = ctx.facts
    year = f.report_year
    if year is None:
        return
    messages = opts.messages

    def say(key: str, **values: Any) -> Lang:
        return ctx.say(messages.get(key), **values)

    title_years = [int(y) for y in _YEAR.findall(f.title or "")]
    opening = _opening_year(ctx)
    if title_years and opening is not None and opening[0] != title_years[0]:
        yield ctx.finding("year-mismatch", opening[1], None, marks=(str(opening[0]),),
                          detail=say("title-body", title=title_years[0], body=opening[0]))
    for cid in opts.report_year_parts:
        yield from _part(ctx, cid, year, say, merged_ok=False)
    for cid in opts.next_year_parts:
        yield from _part(ctx, cid, year + 1, say, merged_ok=True)
    when, line, which = report_date(f, opts.use_published)
    earliest = day_after(year, opts.not_before)
    if when is not None and earliest is not None and when < earliest:
        yield ctx.finding("year-mismatch", line, None, marks=date_marks(f, which), detail=say(
            "date", which=date_label(ctx, which), date=fmt_date(ctx, when), earliest=fmt_date(ctx, earliest),
            year=year))


def _opening_year(ctx: Context) -> tuple[int, int] | None:
    """The year the text opens with: the first preamble paragraph that starts ``2023年,`` or ``2023年是``."""
    for para in ctx.outline.root.body[:12]:
        m = _OPENING.match(para.text)
        if m:
            return int(m.group(1)), para.line
    return None


def _part(ctx: Context, cid: str, want: int, say: Any, merged_ok: bool) -> Iterator[Finding | None]:
    m = ctx.match(cid)
    if m is None or not m.heading or not m.via.headed:
        return
    if m.via is Via.MERGED and not merged_ok:
        return
    years = [int(y) for y in _YEAR.findall(m.heading)]
    if years:
        found = max(years) if m.via is Via.MERGED else years[0]
        if found != want:
            yield ctx.finding("year-mismatch", m.line, cid, marks=(str(found),), detail=say(
                "part", label=ctx.label(cid), found=found, want=want))
            return
    if merged_ok and m.sections:
        # The plan's own first sentence (2024年,登封市将……); it may look back on the report year first.
        for para in ctx.outline.content(m.sections[0])[:2]:
            mm = _OPENING.match(para.text)
            if mm and int(mm.group(1)) not in (want, want - 1) and m.via is not Via.MERGED:
                yield ctx.finding("year-mismatch", para.line, cid, marks=(mm.group(1),), detail=say(
                    "part", label=ctx.label(cid), found=int(mm.group(1)), want=want))
                return
