"""Openings written for testing (tests/cases/openings/), scored through the real reader.

Each .txt file is the start of an annual report as a published page shows it, cut off mid-sentence
long before the shortcomings and the plan: provinces, cities, counties, districts, townships, departments
and joint reports, 2016-2025, with page chrome, transmittal letters, traditional script, Taiwan
vocabulary, pinyin annotations, doubled punctuation, masked digits and mojibake. expectations.yaml gives,
per file, the status a careful reviewer following the corpus README gives each criterion; known wrong
ones are strict xfail (tests/casekit.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.api import load_rubric, score_file
from scorer.rubric import Rubric
from tests.casekit import by_name, check, expectations

HERE = Path(__file__).parent / "cases" / "openings"
EXPECT = expectations(HERE)


@pytest.fixture(scope="module")
def national() -> Rubric:
    return load_rubric("national")


def test_every_opening_has_an_expectation() -> None:
    files = {p.name for p in HERE.glob("*.txt")}
    assert files == set(EXPECT)


@pytest.mark.parametrize("name", by_name(EXPECT))
def test_opening(name: str, national: Rubric) -> None:
    check(score_file(HERE / name, national), EXPECT[name], EXPECT[name].get("wrong", ()))
