"""The case files keep one answer where it is known, and a known wrong case fails the way it is known to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorer.api import score_text
from scorer.model import Scorecard
from scorer.rubric import Rubric
from tests.casekit import KnownWrong, check, known_wrong

CASES = Path(__file__).parent / "cases"
STATUS = r"(?:found|weak|missing|pass|fail)"
CHOICE = re.compile(rf"([\w.]+): \[{STATUS}(?:, *{STATUS})+\]")


@pytest.fixture(scope="module")
def card(complete_text: str, rubric: Rubric) -> Scorecard:
    return score_text(complete_text, rubric)  # every part found, passes


def test_every_choice_of_statuses_says_why() -> None:
    """A list of statuses only where either is defensible, with a '# key: why' comment just above it."""
    unexplained = []
    for path in sorted(CASES.rglob("*.yaml")):
        lines = path.read_text("utf-8").splitlines()
        for number, line in enumerate(lines):
            above = []
            for prev in reversed(lines[:number]):
                if not prev.strip().startswith("#"):
                    break
                above.append(prev.strip())
            unexplained += [f"{path.relative_to(CASES)}:{number + 1}: {key}" for key in CHOICE.findall(line)
                            if not any(comment.startswith(f"# {key}:") for comment in above)]
    assert not unexplained, "lists of statuses without their reason:\n" + "\n".join(unexplained)


def test_a_case_as_expected_passes(card: Scorecard) -> None:
    check(card, {"duty": "found", "plan": ["found", "weak"], "verdict": "pass"})


def test_a_case_not_as_expected_is_a_plain_failure(card: Scorecard) -> None:
    with pytest.raises(AssertionError) as caught:
        check(card, {"duty": "weak"})
    assert not isinstance(caught.value, KnownWrong)
    assert "duty: got found, expected ['weak']" in str(caught.value)


def test_a_known_wrong_case_still_wrong_is_the_expected_failure(card: Scorecard) -> None:
    with pytest.raises(KnownWrong):
        check(card, {"duty": "weak", "verdict": "fail", "plan": "found"}, wrong=["duty", "verdict"])


@pytest.mark.parametrize(("expect", "wrong", "says"), [
    ({"duty": "weak", "plan": "weak"}, ["duty"], "plan: got found"),  # another key went wrong
    ({"duty": "weak", "plan": "found"}, ["duty", "plan"], "now right"),  # one known wrong key came right
    ({"duty": "weak"}, ["shortcomings"], "does not expect"),  # wrong names a key not expected
])
def test_a_known_wrong_case_fails_plainly_when_anything_else_changes(
        card: Scorecard, expect: dict[str, str], wrong: list[str], says: str) -> None:
    with pytest.raises(AssertionError) as caught:
        check(card, expect, wrong)
    assert not isinstance(caught.value, KnownWrong)
    assert says in str(caught.value)


def test_a_known_wrong_case_come_right_raises_nothing_so_its_strict_xfail_fails(card: Scorecard) -> None:
    check(card, {"duty": "found"}, wrong=["duty"])


def test_a_known_wrong_case_is_a_strict_xfail_on_known_wrong_only() -> None:
    (mark,) = known_wrong({"duty": "weak", "xfail": "why", "wrong": ["duty"]})
    assert mark.kwargs == {"strict": True, "raises": KnownWrong, "reason": "why"}
    assert known_wrong({"duty": "weak"}) == ()
    for half in ({"xfail": "why"}, {"wrong": ["duty"]}):
        with pytest.raises(ValueError, match="needs both"):
            known_wrong(half)
