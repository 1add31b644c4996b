"""Full-length reports (3,000-5,000 characters) written for testing, scored through the real reader.

Each file in tests/cases/reports/ is a complete annual report in the shape real offices publish:
province, city, county, district, township, 街道, departments and joint 党委和政府 reports, 2018-2025,
with the parts laid out in different ways, page chrome, traditional script, doubled punctuation,
spliced-in spam and a draft with placeholders. expectations.yaml gives, per file, the status a
careful reviewer following the corpus README gives each criterion, the verdict, and the
findings that must be raised; known wrong ones are strict xfail (tests/casekit.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.api import load_rubric, score_file
from scorer.rubric import Rubric
from tests.casekit import by_name, check, expectations

HERE = Path(__file__).parent / "cases" / "reports"
EXPECT = expectations(HERE)


@pytest.fixture(scope="module")
def national() -> Rubric:
    return load_rubric("national")


def test_every_report_has_an_expectation() -> None:
    files = {p.name for p in HERE.glob("*.txt")}
    assert files == set(EXPECT)


@pytest.mark.parametrize("name", by_name(EXPECT))
def test_full_report(name: str, national: Rubric) -> None:
    check(score_file(HERE / name, national), EXPECT[name], EXPECT[name].get("wrong", ()))
