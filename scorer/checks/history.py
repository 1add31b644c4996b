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

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scorer.checks.base import PATTERN, PATTERNS, WORDS, Context, group, option
from scorer.errors import RubricError
from scorer.model import Finding, Lang, Related
from scorer.rubric import Rubric, pattern_strings, patterns_of
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


_NAMES: dict[str, Any] = {"type": "array", "default": [], "items": {"type": "string"}}  # criterion ids
OPTIONS: dict[str, Any] = {  # the rubric's `checks:` groups these rules read: JSON Schema with defaults
    "history": group(
        compare=_NAMES,  # recycled-text: the parts of this year's report compared with last year's
        worst=_NAMES,  # copied parts the message calls the worst case
        threshold=option("number", 90, minimum=0, maximum=100),  # rapidfuzz ratio of a recycled paragraph
        min_chars=option("integer", 40, minimum=0),  # content characters of a paragraph compared
        mask=PATTERNS,  # what reads the same on both sides (years, numbers)
        plan=option("string", "plan"),  # plan-not-followed: last year's plan part, and where it is looked for
        follow_in=_NAMES,
        item_markers={**PATTERN, "default": "(?!)"},  # where an item starts inside a paragraph
        sentence_end={**PATTERN, "default": "[。;!?]"},
        item_min_chars=option("integer", 6, minimum=0),
        closing=PATTERNS,  # paragraphs that close the report
        item_skip=PATTERNS,  # leads and slogans, not items
        follow=group(coverage=option("number", 0.4, minimum=0, maximum=1),
                     fuzzy=option("number", 85, minimum=0, maximum=100), generic=WORDS),
    ),
}


@dataclass(frozen=True)
class Options:
    compare: tuple[str, ...]
    worst: frozenset[str]
    threshold: float
    min_chars: int
    mask: tuple[str, ...]  # patterns, joined into one by scorer.history
    plan: str
    follow_in: frozenset[str]
    item_markers: re.Pattern[str]
    sentence_end: str  # a pattern, used inside others
    item_min_chars: int
    closing: tuple[re.Pattern[str], ...]
    item_skip: tuple[re.Pattern[str], ...]
    coverage: float
    fuzzy: float
    generic: tuple[str, ...]

    @classmethod
    def of(cls, o: dict[str, Any]) -> Options:
        follow = o["follow"]
        return cls(tuple(o["compare"]), frozenset(o["worst"]), float(o["threshold"]), int(o["min_chars"]),
                   pattern_strings(o["mask"]), o["plan"], frozenset(o["follow_in"]), re.compile(o["item_markers"]),
                   o["sentence_end"], int(o["item_min_chars"]), patterns_of(o["closing"]),
                   patterns_of(o["item_skip"]), float(follow["coverage"]), float(follow["fuzzy"]),
                   tuple(follow["generic"]))


TYPED = {"history": Options.of}


def options(rubric: Rubric) -> Options:
    """The rubric's ``checks.history``, completed with its defaults and typed at load."""
    got = rubric.check_options.get(ID)
    if not isinstance(got, Options):
        raise RubricError(f"{rubric.path}: checks.history: the rubric was loaded without the checks' options")
    return got


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
