"""The line-scan prefilter of the checks (scorer.checks.base): it may only skip lines that cannot match."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.api import load_rubric
from scorer.checks import placeholder, spam
from scorer.checks.base import Context, LineScan, _lookbehind_second, count, factors, finditer
from scorer.model import Facts
from scorer.rubric import builtin_ids

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Small alphabets make matches likely; the patterns use these characters.
_ALPHABET = "abcXx×_某县1348-0.com 申博葡京新(此处)《》\u3000"

_PATTERNS = [
    r"ab", r"a(bc)+d", r"(ab|cd)e", r"a*b", r"x{0,3}", r"(?i)ab", r"(?i:ab)c", r"[Xx]{2,}", r"第[Xx×]+",
    r"(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])", r"(?<=\S)_{3,}|_{3,}(?=\S)", r"(新)?葡京", r"申博|某某",
    r"(?<!\d)1[3-9]\d{2}(?!\d)", r"(?<![\d-])[48]00-?\d{1}", r"\(此处[^)]*\)?", r"^ab$", r"\bab\b",
    r"[a-c]{2}x", r"(a|b)(c|x)(?:1|3)", r"a(?=b)b", r"(?:ab){1,2}c", r"x+?a",
    *([r"(?>ab)c", r"ab*+c"] if sys.version_info >= (3, 11) else []),  # atomic, possessive
]


def _all_rubric_patterns() -> list[re.Pattern[str]]:
    out: list[re.Pattern[str]] = []
    for rid in builtin_ids():
        ctx = Context(None, None, Facts(), (), load_rubric(rid))  # type: ignore[arg-type]
        for cat in ctx.options("spam", spam.Options).categories:
            out.extend(cat.patterns)
        out.extend(ctx.options("placeholder", placeholder.Options).patterns)
    return out


PATTERNS = list({p.pattern: p for p in [re.compile(p) for p in _PATTERNS] + _all_rubric_patterns()}.values())


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:40])
@FAST
@given(text=st.text(alphabet=_ALPHABET, max_size=40))
def test_every_match_contains_a_factor(pattern: re.Pattern[str], text: str) -> None:
    fs = factors(pattern.pattern, pattern.flags)
    if fs is None:
        return
    for m in pattern.finditer(text):
        assert any(f in m.group(0) for f in fs), (pattern.pattern, text, m.group(0), fs)


@FAST
@given(lines=st.lists(st.text(alphabet=_ALPHABET, max_size=30), max_size=12))
def test_plan_lists_every_line_and_pattern_that_matches(lines: list[str]) -> None:
    scan = LineScan(tuple(lines))
    plan = dict(scan.plan(PATTERNS))
    for i, text in enumerate(lines):
        for k, pattern in enumerate(PATTERNS):
            if pattern.search(text) is not None:
                assert k in plan.get(i, []), (pattern.pattern, text)


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:40])
@FAST
@given(text=st.text(alphabet=_ALPHABET, max_size=60))
def test_finditer_near_factors_finds_what_finditer_finds(pattern: re.Pattern[str], text: str) -> None:
    assert [m.span() for m in finditer(pattern, text)] == [m.span() for m in pattern.finditer(text)]


_FIGURES = [re.compile(p) for rid in builtin_ids()
            for p in load_rubric(rid).checks.get("substance", {}).get("evidence", {}).get("figures", [])]
_BEHIND = [re.compile(p) for p in (r"(?<![\d.])\d+(\.\d+)?\s*(件|项)", r"(?<!a)b", r"(?<=[ab])\d{2,3}x?",
                                   r"(?<!\d)1[3-9]\d{2}(?!\d)", r"(?<![\d-])(\d)+(件)", r"(?<!ab)[0-9]+?件")]


@pytest.mark.parametrize("pattern", list({p.pattern: p for p in _FIGURES + _BEHIND}.values()), ids=lambda p: p.pattern[:40])
@FAST
@given(text=st.text(alphabet="0123456789.. 件项次万%个余多年度,。ab-", max_size=60))
def test_count_with_the_look_behind_second_counts_the_same(pattern: re.Pattern[str], text: str) -> None:
    assert count(pattern, text) == len(pattern.findall(text))
    faster = _lookbehind_second(pattern.pattern, pattern.flags)
    if faster is not None:
        assert [(m.span(), m.groups()) for m in faster.finditer(text)] == \
            [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_no_factor_when_case_is_ignored() -> None:
    assert factors("ab", re.IGNORECASE) is None
    assert factors("(?i)ab", 0) is None
    assert factors("(?i:ab)c", 0) == ("c",)


def test_factors_of_literals_and_classes() -> None:
    assert factors("(新)?葡京", 0) == ("新葡京", "葡京")
    assert factors(r"(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])", 0) == ("XX", "Xx", "xX", "xx")
    assert factors(r".*", 0) is None


def test_first_chars_of_a_pattern() -> None:
    from scorer.backtrack import first_chars

    assert first_chars("(?<!副)(县长|局长)主持") == frozenset("县局")
    assert first_chars("(?:(?:政府)|(?<!党政))主要") == frozenset("政主")  # an optional first piece
    assert first_chars(".x") is None and first_chars("[a-z]x") is None and first_chars("a*") is None
    assert first_chars("(?:^|(?<=。))\\s*主持") is None  # a class of spaces may start it
