"""Rules recycled-text, plan-not-followed, previous-year-mismatch: this year's report beside last year's.

Supervisors and third-party evaluators keep finding two faults that need last year's report to see:
the report copies last year's text (the same shortcomings word for word, year after year: 问题年年一样,
照搬照抄), and last year's 下一年度主要安排 is never reported on. Given last year's report
(``scorer check THIS --previous LAST``, or ``--history DIR`` / ``history:`` in the config for a batch,
where a report's previous one has the same issuer and the year before), scorer.history compares them;
one report alone raises none of these rules. Options in the rubric's ``checks.history``.

* recycled-text (warning): a paragraph of this year's measures, shortcomings or plan (``compare``, at
  least ``min_chars`` content characters) that reads ``threshold`` (90) or more like a paragraph of last
  year's report, with years and numbers masked (``2023年``/``2024年``, ``12项``/``15项`` read the same),
  is named at its line with last year's line. Copied shortcomings (``worst``) are the worst case: the
  problems were neither fixed nor looked at afresh, and the message says so. The report gets
  ``previous.recycled_share``: the share of the compared parts' content characters that is recycled.
* plan-not-followed (info): last year's plan part is split into its items (subsections, ``一是……``,
  ``(一)……``, ``1.……``, or its sentences when it has none); an item is followed when one sentence of
  this year's measures, duty part, other matters or opening (or two in a row) holds 40% of its key terms
  (pairs of characters, weighted by rarity, generic words such as 推进/加强 left out) or reads as it
  (rapidfuzz partial ratio 85). Items with no trace are listed; the report gets
  ``previous.plan_items`` and ``previous.plan_items_followed``.
* previous-year-mismatch (warning): the previous report given is not on the year before this one's;
  it is compared all the same.

Passing: last year's shortcoming ``基层执法力量薄弱,乡镇执法人员少`` reported this year as
``经过一年整改,乡镇执法人员增至46人,但执法规范化程度仍待提高``; last year's item
``推行行政执法三项制度全覆盖`` followed by ``全县行政执法单位全面推行“三项制度”,实现全覆盖``.
Failing: this year's shortcomings ``(一)基层执法力量薄弱。部分乡镇综合行政执法队伍人员少……`` as
last year's, word for word but the year; last year's item ``建立行政执法监督员制度`` with no word
of it in this year's report.

Fix: write this year's text from this year's work: say what became of last year's problems and which
remain, and report on each item of last year's plan (done, in part, or why not).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scorer.checks.base import Context
from scorer.model import Finding, Lang, Related
from scorer.rubric import Rubric
from scorer.words import as_lang, fill

ID = "history"
RULES: dict[str, tuple[str, str]] = {
    "recycled-text": (
        "段落与上一年度报告几乎相同(照搬照抄)",
        "a paragraph is nearly the same as one of last year's report",
    ),
    "plan-not-followed": (
        "上一年度报告安排的工作,本年度报告未见落实情况",
        "an item of last year's plan that this year's report does not follow up",
    ),
    "previous-year-mismatch": (
        "比对的上一年度报告不是上一年度的",
        "the previous report given is not on the year before",
    ),
}


def check(ctx: Context) -> Iterator[Finding | None]:
    """Nothing to say of one report alone: these rules compare two (scorer.history.compare raises them)."""
    return iter(())


def finding(rubric: Rubric, rule: str, line: int | None = None, criterion: str | None = None,
            related: Related | None = None, **values: Any) -> Finding | None:
    """A finding of these rules worded by the rubric's template in every language; None when the rubric
    turns the rule off."""
    spec = rubric.rule(rule)
    if spec.severity is None:
        return None
    return Finding(rule, spec.severity, fill(spec.message, **values), line, criterion, related=related,
                   params=tuple(sorted(values.items())))


def option_text(rubric: Rubric, rule: str, key: str) -> Lang:
    """A rule's option in every language (``options.worst`` of recycled-text), "" when absent."""
    value = rubric.rule(rule).options.get(key)
    return as_lang(value if isinstance(value, dict) else str(value or ""))
