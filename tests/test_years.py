"""The year a report is on, years in Chinese numerals, and year slots in rubric patterns."""

from __future__ import annotations

import re

import pytest

from scorer.years import arabic_years, with_years


@pytest.mark.parametrize(("text", "year"), [
    ("某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n", 2023),
    ("2024年03月01日 来源:县司法局 法治政府建设\n关于2023年法治政府建设工作的报告\n一、成效\n", 2023),
    ("市人民政府:\n2022年,我县坚持依法行政。\n一、主要举措\n", 2022),
    ("市人民政府:\n今年以来,我县坚持依法行政。\n一、主要举措\n", None),
    ("市人民政府:\n今年以来,我县坚持依法行政。\n一、主要举措\n全年审查文件18件。\n某县人民政府\n2024年3月1日\n", 2023),
    # the 成文日期 in Chinese numerals counts as well (one rule for the year, as the checks read it)
    ("市人民政府:\n今年以来,我县坚持依法行政。\n一、主要举措\n全年审查文件18件。\n二〇二三年十二月\n", 2023),
    ("市人民政府:\n今年以来,我县坚持依法行政。\n一、主要举措\n全年审查文件18件。\n某县人民政府\n二〇二四年一月十日\n", 2023),
])
def test_the_year_a_report_is_on(text: str, year: int | None) -> None:
    from scorer.meta import find_facts
    from scorer.model import Document, Line
    from scorer.normalize import normalize
    from scorer.outline import build_outline

    lines = tuple(Line(t, i + 1) for i, t in enumerate(text.split("\n")))
    clean = normalize(Document("x", "text", lines, "utf-8"))
    assert find_facts(clean, build_outline(clean)).report_year == year


def test_years_in_chinese_numerals_read_as_digits() -> None:
    assert arabic_years("四、二〇二四年工作计划") == "四、2024年工作计划"
    assert arabic_years("二零二三年度报告") == "2023年度报告"
    assert arabic_years("一、二是加强领导") == "一、二是加强领导"  # no year, nothing changes


def test_year_slots_are_filled_or_left_out() -> None:
    pats = (re.compile(r"{next_year}\s*年.{0,4}计划"), re.compile("下一步"))
    filled = with_years(pats, 2023)
    assert [(p.pattern, dated) for p, dated in filled] == [(r"2024\s*年.{0,4}计划", True), ("下一步", False)]
    assert [p.pattern for p, _ in with_years(pats, None)] == ["下一步"]
    anyyear = with_years(pats, None, any_year=True)
    assert anyyear[0][0].search("2031年工作计划") is not None
