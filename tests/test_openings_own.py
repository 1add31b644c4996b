"""Openings written for testing (tests/cases/openings/), scored through the real reader.

Each .txt file is the start of an annual report as a published page shows it, cut off mid-sentence
long before the shortcomings and the plan: provinces, cities, counties, districts, townships, departments
and joint reports, 2016-2025, with page chrome, transmittal letters, traditional script, Taiwan
vocabulary, pinyin annotations, doubled punctuation, masked digits and mojibake. expectations.yaml gives,
per file, the statuses a careful reviewer following the corpus README allows for each criterion.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scorer.api import load_rubric, score_file
from scorer.rubric import Rubric

HERE = Path(__file__).parent / "cases" / "openings"
EXPECT: dict[str, dict[str, Any]] = yaml.safe_load((HERE / "expectations.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def national() -> Rubric:
    return load_rubric("national")


def test_every_opening_has_an_expectation() -> None:
    files = {p.name for p in HERE.glob("*.txt")}
    assert files == set(EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_opening(name: str, national: Rubric) -> None:
    card = score_file(HERE / name, national)
    got = {c.id: c.status.value for c in card.criteria}
    for criterion, allowed in EXPECT[name].items():
        assert got[criterion] in allowed, f"{criterion}: got {got[criterion]}, allowed {allowed}"
