"""Metadata read from the text: title, issuer, level, year, addressee, signature, dates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from scorer.api import score_file, score_text
from scorer.meta import cn_number, parse_date
from scorer.rubric import Rubric
from tests.conftest import REPORTS

LEVELS = {"province": "government", "city": "government", "county": "government", "district": "government"}


@pytest.mark.parametrize(("text", "value"), [("2024", 2024), ("二〇二四", 2024), ("十二", 12), ("二十八", 28),
                                             ("三十一", 31), ("十", 10), ("九", 9), ("x", None), ("", None)])
def test_numerals(text: str, value: int | None) -> None:
    assert cn_number(text) == value


def test_dates() -> None:
    d = parse_date("2024年2月28日")
    assert d is not None and d.date == dt.date(2024, 2, 28) and d.well_formed
    d = parse_date("2023年3月 1日")
    assert d is not None and d.date == dt.date(2023, 3, 1) and d.well_formed
    d = parse_date("二〇二四年二月二十八日")
    assert d is not None and d.date == dt.date(2024, 2, 28) and not d.well_formed
    d = parse_date("2024年02月08日")
    assert d is not None and d.date == dt.date(2024, 2, 8) and not d.well_formed
    d = parse_date("2024年2月")
    assert d is not None and d.date is None and not d.well_formed
    d = parse_date("2023年2月30日")
    assert d is not None and d.date is None
    assert parse_date("全年办理案件12件") is None


def test_sample_report_meta(rubric: Rubric) -> None:
    meta = score_file(REPORTS / "qinghe-county-2024.txt", rubric).meta
    assert meta["title"] == "青禾县人民政府关于2024年度法治政府建设情况的报告" and meta["title_line"] == 1
    assert meta["issuer"] == "青禾县人民政府" and meta["level"] == "government"
    assert meta["report_year"] == 2024
    assert meta["addressee"] == "县委、县人大常委会,市人民政府:" and meta["addressee_line"] == 3
    assert meta["signature"] == "青禾县人民政府" and meta["signature_line"] == 43
    assert (meta["date"], meta["date_text"], meta["date_line"]) == ("2025-02-26", "2025年2月26日", 44)
    assert meta["published"] is None and meta["script"] == "simplified" and meta["chars"] > 1000


@pytest.mark.parametrize(("head", "issuer", "level"), [
    ("中共青禾县委 青禾县人民政府关于2024年度法治政府建设情况的报告", "中共青禾县委青禾县人民政府", "party-and-government"),
    ("青禾县司法局2024年度法治政府建设情况报告", "青禾县司法局", "department"),
    ("浙江省卫生健康委关于2024年度法治政府建设情况的报告", "浙江省卫生健康委", "department"),
    ("柳林镇人民政府关于2024年度法治政府建设情况的报告", "柳林镇人民政府", "township"),
    ("坡子街街道办事处2024年法治政府建设年度报告", "坡子街街道办事处", "township"),
    ("青禾县2024年法治政府建设情况报告", "青禾县", "government"),
])
def test_issuer_and_level_from_the_title(head: str, issuer: str, level: str, rubric: Rubric) -> None:
    meta = score_text(f"{head}\n2024年,全县坚持依法行政,扎实推进法治政府建设。\n一、主要举措和成效\n……\n", rubric).meta
    assert (meta["issuer"], meta["level"]) == (issuer, level)


def test_level_from_the_opening_when_there_is_no_title(rubric: Rubric) -> None:
    joint = score_text("2023年,山西省委、省政府坚持以习近平法治思想为指导。\n一、主要举措\n……\n", rubric).meta
    assert (joint["issuer"], joint["level"]) == ("山西省委、省政府", "party-and-government")
    bureau = score_text("2022年,全市司法行政系统在市委、市政府的领导下,我局扎实工作。\n一、主要举措\n……\n", rubric).meta
    assert bureau["level"] == "department"


def test_page_metadata_gives_the_publication_date(rubric: Rubric) -> None:
    meta = score_text("青禾县2024年法治政府建设情况报告\n来源:县司法局 发布时间:2025-03-27 浏览次数:\n"
                      "生效日期: | 2025-01-01 |\n2024年,全县……\n", rubric).meta
    assert meta["published"] == "2025-03-27"


def test_openings_level_and_year_agree_with_expectations(openings_dir: Path, rubric: Rubric) -> None:
    exp = json.loads((openings_dir / "expectations.json").read_text("utf-8"))["reports"]
    wrong = []
    for name, entry in sorted(exp.items()):
        meta = score_file(openings_dir / name, rubric).meta
        want = LEVELS.get(entry["level"], entry["level"])
        if meta["level"] != want and not (name == "063.txt" and meta["level"] is not None):
            wrong.append(f"{name}: level {meta['level']}, want {want}")
        if meta["report_year"] != entry["report_year"]:
            wrong.append(f"{name}: year {meta['report_year']}, want {entry['report_year']}")
        if meta["script"] != entry["script"]:
            wrong.append(f"{name}: script {meta['script']}, want {entry['script']}")
    assert not wrong, "\n".join(wrong)


def test_seed_meta(seeds_dir: Path, rubric: Rubric) -> None:
    huarong = score_file(seeds_dir / "huarong-county-2022.txt", rubric).meta
    assert huarong["level"] == "party-and-government" and huarong["addressee"] == "市委、市政府:"
    assert huarong["signature"] == "中共华容县委 华容县人民政府" and huarong["date"] == "2023-03-01"
    dengfeng = score_file(seeds_dir / "dengfeng-city-2023.txt", rubric).meta
    assert dengfeng["addressee"] == "市人民政府:" and dengfeng["date"] == "2024-02-28"
    assert dengfeng["report_year"] == 2023 and dengfeng["signature"] is None
    luzhou = score_file(seeds_dir / "luzhou-city-2019.txt", rubric).meta
    assert luzhou["title"] == "泸州市人民政府 2019年度法治政府建设工作报告" and luzhou["script"] == "traditional"


def test_a_drafts_signature_above_a_date_left_blank_is_the_signature(rubric: Rubric) -> None:
    text = ("河西街道2023年度法治政府建设工作报告\n一、主要举措和成效\n全年审查合同52份,出具法律意见81条。\n"
            "二、2024年工作安排\n一是加强学法用法;二是规范决策程序。\n河西街道办事处\n2023年___月___日\n")
    card = score_text(text, rubric)
    assert card.meta["signature"] == "河西街道办事处"
    assert "signature-missing" not in {f.rule for f in card.findings}
