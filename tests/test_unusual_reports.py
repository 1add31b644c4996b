"""Unusual but real report shapes, scored through the real reader.

Each file in tests/cases/unusual/ is a report written for testing in a shape real offices publish but
that the other cases do not cover: 2015-2018 reports written before the 2019 rule (基本情况 / 主要工作 /
存在问题 / 下一步打算, often with no duty part, titled 依法行政工作报告 or 工作情况报告), 述职-style reports in a
leader's voice, reports laid out by the 纲要's areas, shortcomings of one sentence or of a short
paragraph around the 60-character minimum, plans of one or three lines, the duty only in the preamble,
only in the plan or only under 其他需要报告的情况, two-level 一、/1. numbering, unnumbered headings,
annexed tables after the signature, 第一部分 mixed with 一、, (一) or 1、 at the top level, very long
thematic reports and reports of a few hundred characters. expectations.yaml gives, per file, the
status a careful reviewer following the corpus README gives each part and the verdict; known wrong
ones are strict xfail (tests/casekit.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.api import load_rubric, score_file
from scorer.rubric import Rubric
from tests.casekit import by_name, check, expectations

HERE = Path(__file__).parent / "cases" / "unusual"
EXPECT = expectations(HERE)


@pytest.fixture(scope="module")
def national() -> Rubric:
    return load_rubric("national")


def test_every_report_has_an_expectation() -> None:
    assert {p.name for p in HERE.glob("*.txt")} == set(EXPECT)


@pytest.mark.parametrize("name", by_name(EXPECT))
def test_unusual_report(name: str, national: Rubric) -> None:
    check(score_file(HERE / name, national), EXPECT[name], EXPECT[name].get("wrong", ()))
