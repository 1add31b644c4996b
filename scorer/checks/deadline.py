"""Rule late-report: the report is dated (or was published) after the rubric's due date.

The 2019 rule (Art. 24) has local governments and departments publish the year's report before
1 April of the following year; many provinces want departments' reports earlier (before 1 March).
The due date is the rubric's ``deadline`` (month and day of the next year; the department rubric
says 1 March), or ``checks.deadline.due`` when set, with ``checks.deadline.by_level`` overrides for
government, department, party-and-government or township reports. The date checked is the
成文日期 at the end of the report (or on its covering letter); a web page's publication date
(``发布时间 2023-03-27``) stands in when the report has none.

Passing: a report on 2023 dated ``2024年2月28日``.
Failing: a report on 2017 published ``发布日期:2018-04-03`` (after 31 March 2018).

Fix: submit and publish the report before the due date; if it was on time, date it with its real
成文日期 so that the check can see it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scorer.checks.base import LANG, Context, group, option
from scorer.model import Facts, Finding, Lang
from scorer.words import either

ID = "deadline"
RULES: dict[str, tuple[str, str]] = {  # rule id -> its one line (zh, en), for `scorer rules`
    "late-report": (
        "成文(或发布)日期晚于规定时限",
        "dated (or published) after the rubric's deadline",
    ),
}


# A day of the year after the one reported (years_after 1, month 4, day 1: 1 April of the next year).
DAY: dict[str, Any] = {
    "type": "object", "default": {}, "additionalProperties": False,
    "properties": {"years_after": {"type": "integer", "minimum": 0, "maximum": 10},
                   "month": {"type": "integer", "minimum": 1, "maximum": 12},
                   "day": {"type": "integer", "minimum": 1, "maximum": 31}},
}
OPTIONS: dict[str, Any] = {  # the rubric's `checks:` groups this check reads: JSON Schema with defaults
    "deadline": group(
        due={k: v for k, v in DAY.items() if k != "default"},  # none: the rubric's own `deadline`
        by_level={"type": "object", "default": {}, "additionalProperties": DAY},  # the due day by level
        use_published=option("boolean", True),  # without a 成文日期, check the page's publication date
    ),
    # Shared with the year check: how dates are named and written in messages.
    "dates": group(
        labels=group(written=LANG, published=LANG),
        format={**LANG, "default": {"zh": "{y}-{m:02d}-{d:02d}", "en": "{y}-{m:02d}-{d:02d}"}},
    ),
}


@dataclass(frozen=True)
class Options:
    due: dict[str, int] | None
    by_level: dict[str, dict[str, int]]
    use_published: bool

    @classmethod
    def of(cls, opts: dict[str, Any]) -> Options:
        return cls(opts.get("due"), opts["by_level"], opts["use_published"])


@dataclass(frozen=True)
class Dates:
    labels: dict[str, Lang]
    format: Lang


TYPED = {"deadline": Options.of, "dates": lambda opts: Dates(**opts)}


def check(ctx: Context) -> Iterator[Finding | None]:
    opts = ctx.options(ID, Options)
    f = ctx.facts
    if f.report_year is None:
        return
    when, line, which = report_date(f, opts.use_published)
    if when is None:
        return
    rule = due_rule(ctx)
    rule.update(opts.by_level.get(f.level or "", {}) or {})
    due = day_after(f.report_year, rule)
    if due is not None and when >= due:
        yield ctx.finding("late-report", line, None, which=date_label(ctx, which), date=fmt_date(ctx, when),
                          due=fmt_date(ctx, due), marks=date_marks(f, which))


def due_rule(ctx: Context) -> dict[str, Any]:
    """The due date: ``checks.deadline.due`` if set, else the rubric's own ``deadline`` (month, day)."""
    due = ctx.options(ID, Options).due
    if due is not None:
        return dict(due)
    top = ctx.rubric.raw.get("deadline")
    if isinstance(top, dict) and "month" in top:
        return {"years_after": 1, "month": top["month"], "day": top.get("day", 1)}
    return {}


def report_date(f: Facts, use_published: bool) -> tuple[dt.date | None, int | None, str]:
    """The 成文日期 if the report has a valid one, else (when allowed) the page's publication date."""
    if f.date is not None and f.date.date is not None:
        return f.date.date, f.date.line, "written"
    if use_published and f.published is not None:
        return f.published, f.published_line, "published"
    return None, None, ""


def date_marks(f: Facts, which: str) -> tuple[str, ...]:
    """The date's own words on its line, to point at (the 成文日期 as written; a page's date is not)."""
    return (f.date.text,) if which == "written" and f.date is not None else ()


def day_after(year: int, spec: dict[str, Any]) -> dt.date | None:
    """The day ``years_after`` years after the report year, at ``month``/``day`` (None if unset)."""
    if "month" not in spec:
        return None
    try:
        return dt.date(year + int(spec.get("years_after", 1)), int(spec["month"]), int(spec.get("day", 1)))
    except (ValueError, TypeError):
        return None


def date_label(ctx: Context, which: str) -> Lang:
    return either(ctx.text(ctx.options("dates", Dates).labels.get(which)), which)


def fmt_date(ctx: Context, when: dt.date) -> Lang:
    return ctx.say(ctx.options("dates", Dates).format, y=when.year, m=when.month, d=when.day)
