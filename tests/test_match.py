"""The matcher on the hard cases: deleted, reworded, nested, merged, unheaded, stuffed and reordered parts."""

from __future__ import annotations

import re

import pytest

from scorer.api import score_bytes, score_text
from scorer.model import Scorecard
from scorer.rubric import Rubric

# Headings of the complete sample report, by the part they carry.
HEADINGS = {
    "measures": "一、2024年推进法治政府建设的主要举措和成效",
    "duty": "二、党政主要负责人履行推进法治建设第一责任人职责情况",
    "shortcomings": "三、2024年推进法治政府建设存在的不足和原因",
    "plan": "四、2025年推进法治政府建设的主要安排",
}


def statuses(card: Scorecard) -> dict[str, str]:
    return {c.id: c.status.value for c in card.criteria}


def rules(card: Scorecard) -> set[str]:
    return {f.rule for f in card.findings}


def _sections(text: str) -> list[tuple[str, str]]:
    """Split the sample into (heading, block) pairs, the preamble first under the key ""."""
    parts = re.split(r"(?m)^(?=[一二三四]、)", text)
    out = [("", parts[0])]
    for block in parts[1:]:
        out.append((block.splitlines()[0], block))
    return out


def _without(text: str, cid: str) -> str:
    return "".join(block for head, block in _sections(text) if head != HEADINGS[cid])


def test_complete_report_passes_with_every_part_found(complete_text: str, rubric: Rubric) -> None:
    card = score_text(complete_text, rubric)
    assert statuses(card) == {"duty": "found", "measures": "found", "shortcomings": "found",
                              "shortcomings.causes": "found", "plan": "found", "other": "missing"}
    assert card.verdict.value == "pass" and card.score == 100
    assert not [f for f in card.findings if f.severity.value == "error"]


@pytest.mark.parametrize("cid", ["duty", "measures", "shortcomings", "plan"])
def test_deleting_a_part_makes_it_missing_and_fails(cid: str, complete_text: str, rubric: Rubric) -> None:
    card = score_text(_without(complete_text, cid), rubric)
    assert statuses(card)[cid] == "missing"
    assert card.verdict.value == "fail"
    missing = [f for f in card.findings if f.rule == "section-missing"]
    assert [f.criterion for f in missing] == [cid]


REWORDED = {
    "一、2024年推进法治政府建设的主要举措和成效": "一、过去一年法治政府建设工作开展情况",
    "二、党政主要负责人履行推进法治建设第一责任人职责情况": "二、县政府主要负责同志履职尽责情况",
    "三、2024年推进法治政府建设存在的不足和原因": "三、当前存在的短板弱项及原因分析",
    "四、2025年推进法治政府建设的主要安排": "四、下一步工作打算",
}


def test_reworded_headings_are_still_found(complete_text: str, rubric: Rubric) -> None:
    text = complete_text
    for old, new in REWORDED.items():
        text = text.replace(old, new)
    got = statuses(score_text(text, rubric))
    assert got["measures"] == got["duty"] == got["shortcomings"] == got["plan"] == "found"


def test_duty_nested_inside_measures_is_found(complete_text: str, rubric: Rubric) -> None:
    blocks = dict(_sections(complete_text))
    duty_block = blocks[HEADINGS["duty"]].replace(HEADINGS["duty"], "(七)党政主要负责人履行推进法治建设第一责任人职责情况")
    measures_block = blocks[HEADINGS["measures"]] + duty_block
    text = blocks[""] + measures_block + blocks[HEADINGS["shortcomings"]].replace("三、", "二、", 1) \
        + blocks[HEADINGS["plan"]].replace("四、", "三、", 1)
    card = score_text(text, rubric)
    duty = next(c for c in card.criteria if c.id == "duty")
    assert duty.status.value == "found" and duty.heading and duty.heading.startswith("党政主要负责人")
    assert card.verdict.value == "pass"


def test_merged_heading_carries_two_parts(complete_text: str, rubric: Rubric) -> None:
    blocks = dict(_sections(complete_text))
    merged = "三、存在的问题和2025年工作打算\n" + "\n".join(
        blocks[HEADINGS["shortcomings"]].splitlines()[1:] + blocks[HEADINGS["plan"]].splitlines()[1:])
    text = blocks[""] + blocks[HEADINGS["measures"]] + blocks[HEADINGS["duty"]] + merged
    card = score_text(text, rubric)
    got = statuses(card)
    assert got["shortcomings"] == got["plan"] == "found"
    assert "section-merged" in rules(card)


def test_unheaded_shortcomings_and_plan_are_weak_with_evidence(rubric: Rubric) -> None:
    body = "推进政务公开,全年公开政府信息3200条,办理依申请公开86件。" * 8
    text = (
        "某区2023年法治政府建设情况报告\n"
        "一、坚持权责明晰,全面履行政府职能\n" + body + "\n"
        "二、坚持规范管理,健全依法行政体系\n" + body + "\n"
        "2023年,区政府顺利完成年度目标任务,同时也存在一些薄弱环节,主要体现在:执法监督方式较为单一。\n"
        "区政府深知责任重大。下步工作中将认真贯彻落实党的二十大精神,进一步加强依法行政能力建设。\n"
    )
    card = score_text(text, rubric)
    by = {c.id: c for c in card.criteria}
    assert by["shortcomings"].status.value == "weak" and "薄弱环节" in (by["shortcomings"].evidence or "")
    assert by["plan"].status.value == "weak" and "下步工作中将" in (by["plan"].evidence or "")
    assert by["measures"].status.value == "weak"  # thematic sections only
    assert card.verdict.value == "fail"


def test_heading_without_content_is_weak(complete_text: str, rubric: Rubric) -> None:
    blocks = dict(_sections(complete_text))
    text = "".join(b for h, b in _sections(complete_text) if h != HEADINGS["plan"]) + HEADINGS["plan"] + "\n"
    card = score_text(text, rubric)
    assert statuses(card)["plan"] == "weak"
    assert "section-empty" in rules(card)
    assert blocks  # the sample really has the plan part we emptied


def test_headings_only_document_fails(rubric: Rubric) -> None:
    text = "\n".join(HEADINGS.values())
    card = score_text(text, rubric)
    assert card.verdict.value == "fail"
    assert statuses(card) == {"measures": "weak", "duty": "weak", "shortcomings": "weak", "plan": "weak",
                              "shortcomings.causes": "missing", "other": "missing"}


def test_stuffed_paragraph_fails(rubric: Rubric) -> None:
    text = ("本报告包括主要举措和成效、存在的不足和原因、党政主要负责人履行推进法治建设第一责任人职责情况、"
            "下一年度推进法治政府建设的主要安排以及其他需要报告的情况。")
    card = score_text(text, rubric)
    assert card.verdict.value == "fail"
    assert statuses(card)["measures"] == "missing"


def test_quoted_part_names_in_preamble_do_not_count(rubric: Rubric) -> None:
    text = ("浦东新区2022年度法治政府建设情况报告\n"
            "全文包括“法治政府建设主要举措及工作成效”“存在的不足及原因”以及“2023年度主要安排”。\n"
            "一、深入学习贯彻习近平法治思想\n" + "坚持把学习宣传贯彻习近平法治思想作为首要政治任务。" * 10)
    got = statuses(score_text(text, rubric))
    assert got["shortcomings"] == "missing" and got["plan"] == "missing"


def test_shared_words_do_not_satisfy_an_unrelated_part(rubric: Rubric) -> None:
    body = "全年审查规范性文件18件,备案审查率100%。" * 20
    text = "一、法治政府建设的主要举措和成效\n" + body + "\n二、法治政府建设\n" + body
    got = statuses(score_text(text, rubric))
    assert got["measures"] == "found"
    assert got["duty"] == "missing" and got["shortcomings"] == "missing" and got["plan"] == "missing"


def test_plan_subsection_about_party_leadership_is_not_the_duty_part(rubric: Rubric) -> None:
    body = "全年审查规范性文件18件,备案审查率100%。" * 20
    text = ("一、工作举措和成效\n" + body + "\n二、存在的问题\n(一)执法能力不足,执法文书制作不规范,执法程序不够严谨。\n"
            "三、下一年工作安排\n(一)进一步加强党对法治政府建设工作的领导。持续学习宣传贯彻习近平法治思想,健全学法制度。\n")
    assert statuses(score_text(text, rubric))["duty"] == "missing"


def test_reordered_parts_raise_section_order(complete_text: str, rubric: Rubric) -> None:
    blocks = dict(_sections(complete_text))
    text = (blocks[""] + blocks[HEADINGS["plan"]] + blocks[HEADINGS["measures"]] + blocks[HEADINGS["duty"]]
            + blocks[HEADINGS["shortcomings"]])
    card = score_text(text, rubric)
    assert "section-order" in rules(card)
    assert all(s == "found" for cid, s in statuses(card).items() if cid != "other")


def _variants(text: str) -> dict[str, bytes]:
    import opencc

    trad = opencc.OpenCC("s2t.json").convert(text)
    pinyin = trad.replace("設", "設(shè)").replace("報", "報(bào)").replace("責", "責(zé)")
    doubled = text.replace(",", ",,").replace("。", ",。")
    fullwidth = text.replace(",", "，").replace(":", "：").replace("(", "（").replace(")", "）")
    return {
        "traditional": trad.encode("utf-8"),
        "pinyin-noise": pinyin.encode("utf-8"),
        "gb18030": text.encode("gb18030"),
        "utf-16": text.encode("utf-16"),
        "utf-8-bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "doubled-punctuation": doubled.encode("utf-8"),
        "full-width": fullwidth.encode("utf-8"),
    }


@pytest.mark.parametrize("variant", ["traditional", "pinyin-noise", "gb18030", "utf-16", "utf-8-bom", "crlf",
                                     "doubled-punctuation", "full-width"])
def test_same_result_whatever_the_script_encoding_or_noise(variant: str, complete_text: str, rubric: Rubric) -> None:
    base = score_text(complete_text, rubric)
    card = score_bytes(f"report-{variant}.txt", _variants(complete_text)[variant], rubric)
    assert statuses(card) == statuses(base)
    assert card.score == base.score and card.verdict == base.verdict
    lines = {c.id: c.line for c in card.criteria}
    assert lines == {c.id: c.line for c in base.criteria}


def test_thematic_sections_after_a_short_measures_heading_count_as_its_content(rubric: Rubric) -> None:
    body = "全年审查规范性文件18件,备案审查率100%,开展执法培训4期。" * 8
    text = ("一、2023年主要举措和成效\n今年以来,我县扎实推进法治政府建设。\n"
            "二、依法全面履行政府职能\n" + body + "\n三、严格规范公正文明执法\n" + body)
    measures = next(c for c in score_text(text, rubric).criteria if c.id == "measures")
    assert measures.status.value == "found" and measures.heading == "2023年主要举措和成效"


def test_merged_heading_evidence_speaks_of_each_part(rubric: Rubric) -> None:
    text = ("三、存在的问题和2025年工作打算\n但仍然存在一些不足,执法队伍专业化程度不高,基层执法力量较为薄弱,需要进一步加强。\n"
            "2025年,我们将重点做好以下工作:一是加强执法队伍建设,二是完善重大行政决策程序,三是深化普法宣传教育。\n")
    by = {c.id: c for c in score_text(text, rubric).criteria}
    assert (by["shortcomings"].evidence or "").startswith("但仍然存在")
    assert (by["plan"].evidence or "").startswith("2025年,我们将")


def test_a_report_with_no_headings_is_read_by_its_cues(rubric: Rubric) -> None:
    text = ("2023年,区政府全面推进依法行政,全年审查规范性文件18件,办理行政复议案件64件。\n"
            "2023年,区政府顺利完成年度目标任务,同时也存在一些薄弱环节,主要体现在:执法监督方式较为单一。\n"
            "下步工作中将认真贯彻落实党的二十大精神,进一步加强依法行政能力建设。\n")
    got = statuses(score_text(text, rubric))
    assert got["measures"] == got["shortcomings"] == got["plan"] == "weak"
    assert got["duty"] == "missing"


def test_a_misplaced_heading_is_weak_and_the_finding_says_where_it_stands(rubric: Rubric) -> None:
    measures = "全年审查规范性文件18件,办理行政复议案件126件,纠错率12.5%,开展执法培训6期,培训执法人员620人次。" * 6
    text = ("某县人民政府关于2023年度法治政府建设情况的报告\n一、2023年法治政府建设工作情况\n(一)依法决策\n"
            f"{measures}\n(二)下一步工作打算\n一是深入学习贯彻习近平法治思想;二是加强行政执法监督,完善执法协调监督"
            "工作体系;三是深化法治宣传教育,落实谁执法谁普法责任制。\n")
    card = score_text(text, rubric)
    plan = next(c for c in card.criteria if c.id == "plan")
    assert plan.status.value == "weak" and plan.line == 5
    weak = [f for f in card.findings if f.rule == "section-weak" and f.criterion == "plan"]
    assert len(weak) == 1
    assert "“下一步工作打算”是“2023年法治政府建设工作情况”的下级标题" in weak[0].message
    assert any("stands inside" in f.message_in("en") for f in card.findings if f.criterion == "plan")
