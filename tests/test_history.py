"""Year over year: recycled-text, plan-not-followed and previous-year-mismatch on pairs written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.api import load_rubric, pieces, score_document, score_text
from scorer.history import compare, pieces_of
from scorer.model import Document, Line
from scorer.pairing import Key, issuer_key, pair
from scorer.read import read_path
from tests.history_pairs import PAIRS, compared, measure, pair_names

RUBRIC = load_rubric("national")


def _doc(text: str, path: str) -> Document:
    return Document(path, "text", tuple(Line(t, i + 1) for i, t in enumerate(text.split("\n"))), "utf-8")


def _text(name: str, which: str) -> str:
    return (PAIRS / name / f"{which}.txt").read_text("utf-8")


def test_precision_and_recall_on_the_pairs(capsys: pytest.CaptureFixture[str]) -> None:
    recycled, plan = measure()
    with capsys.disabled():
        print("\n" + recycled.line("recycled-text") + "\n" + plan.line("plan-not-followed"))
    assert not recycled.wrong and not plan.wrong, recycled.wrong + plan.wrong
    assert recycled.true_pos >= 10 and plan.true_pos >= 6


@pytest.mark.parametrize("name", pair_names())
def test_reworded_and_new_paragraphs_are_compared_and_not_flagged(name: str) -> None:
    card, want = compared(name)
    assert card.previous is not None
    this = _text(name, "this")
    for words in want["not_recycled"]:
        assert this.count(words) == 1, words  # the words name one paragraph of this year's
        assert not any(words in r.text for r in card.previous.recycled), words


def test_each_copy_is_one_warning_at_its_line_with_last_years_line() -> None:
    card, _ = compared("liuxi")
    found = [f for f in card.findings if f.rule == "recycled-text"]
    assert [(f.line, f.related.line if f.related else None) for f in found] == [
        (9, 9), (11, 11), (21, 17), (29, 25), (31, 27)]
    assert all(f.severity.value == "warning" and f.related and f.related.path.endswith("last.txt") for f in found)
    worst = [f for f in found if f.criterion == "shortcomings"]
    assert len(worst) == 2 and all("原样照搬" in f.message for f in worst)
    assert not any("原样照搬" in f.message for f in found if f.criterion != "shortcomings")


def test_the_share_recycled_and_the_plan_counts() -> None:
    card, _ = compared("liuxi")
    prev = card.previous
    assert prev is not None and prev.report_year == 2023
    assert (prev.plan_items, prev.plan_items_followed) == (5, 3)
    copied = sum(len(r.text) for r in prev.recycled)
    assert 0.3 < prev.recycled_share < 0.7 and copied > 0
    followed = [i for i in prev.plan if i.followed]
    assert all(i.trace_line is not None and i.trace_text for i in followed)
    assert all(i.trace_line is None for i in prev.plan if not i.followed)


def test_a_dropped_item_is_one_info_finding_pointing_at_last_years_line() -> None:
    card, _ = compared("baisha")
    listed = [f for f in card.findings if f.rule == "plan-not-followed"]
    assert len(listed) == 2 and all(f.severity.value == "info" and f.line is None for f in listed)
    assert {f.related.line for f in listed if f.related} == {25}
    assert any("加强法治督察" in f.message for f in listed)


def test_shortcomings_and_plan_under_one_heading_are_told_apart() -> None:
    card, _ = compared("baisha")
    assert card.previous is not None
    assert [r.criterion for r in card.previous.recycled] == ["measures", "measures", "shortcomings"]
    assert not any("存在一些问题" in i.text or "重点抓好以下" in i.text for i in card.previous.plan)


def test_an_unheaded_plan_is_split_into_sentences_and_its_lead_is_no_item() -> None:
    card, _ = compared("qingshi")
    assert card.previous is not None
    assert len(card.previous.plan) == 4
    assert not any("以下工作" in i.text for i in card.previous.plan)


def test_years_and_numbers_do_not_hide_a_copy() -> None:
    last = pieces(_doc(_text("liuxi", "last"), "last.txt"), RUBRIC)
    text = _text("liuxi", "last").replace("2023", "2024").replace("1867件", "2290件").replace("二〇", "二〇")
    card = score_document(_doc(text, "this.txt"), RUBRIC, previous=last)
    assert card.previous is not None
    assert any("调处矛盾纠纷2290件" in r.text for r in card.previous.recycled)


def test_a_report_compared_with_a_report_of_two_years_before_is_warned_and_still_compared() -> None:
    last_text = _text("liuxi", "last").replace("2023年", "2022年").replace("2024年", "2023年")
    last = pieces(_doc(last_text, "old.txt"), RUBRIC)
    card = score_document(_doc(_text("liuxi", "this"), "this.txt"), RUBRIC, previous=last)
    warn = [f for f in card.findings if f.rule == "previous-year-mismatch"]
    assert len(warn) == 1 and "2022" in warn[0].message and "2023" in warn[0].message
    assert card.previous is not None and card.previous.recycled


def test_without_last_years_report_nothing_changes(complete_text: str) -> None:
    alone = score_text(complete_text, RUBRIC)
    assert alone.previous is None and "previous" not in alone.to_dict()
    assert all("related" not in f.to_dict() for f in alone.findings)


def test_a_comparison_adds_findings_and_changes_no_status_or_score() -> None:
    alone = score_document(read_path(PAIRS / "liuxi" / "this.txt"), RUBRIC)
    card, _ = compared("liuxi")
    assert [c.to_dict() for c in card.criteria] == [c.to_dict() for c in alone.criteria]
    assert card.score == alone.score
    rules = {"recycled-text", "plan-not-followed", "previous-year-mismatch"}
    assert [f for f in card.findings if f.rule not in rules] == list(alone.findings)


def test_a_rule_turned_off_in_the_rubric_raises_nothing_but_the_comparison_is_kept() -> None:
    from scorer.batch import derive_rubric

    quiet = derive_rubric(RUBRIC, {"recycled-text": "off", "plan-not-followed": "off"})
    last = pieces(read_path(PAIRS / "liuxi" / "last.txt"), quiet)
    card = score_document(read_path(PAIRS / "liuxi" / "this.txt"), quiet, previous=last)
    assert not [f for f in card.findings if f.rule in ("recycled-text", "plan-not-followed")]
    assert card.previous is not None and len(card.previous.recycled) == 5


def test_english_messages() -> None:
    card, _ = compared("liuxi")
    msgs = [f.message_in("en") for f in card.findings if f.rule == "recycled-text"]
    assert all("nearly the same as line" in m and "of last year's report" in m for m in msgs)
    assert any("neither fixed" in m for m in msgs)


def test_not_a_report_is_not_compared() -> None:
    last = pieces(read_path(PAIRS / "liuxi" / "last.txt"), RUBRIC)
    card = score_document(_doc("This is an English page about the report.\nNothing else.", "x.txt"), RUBRIC,
                          previous=last)
    assert card.previous is None and [f.rule for f in card.findings] == ["not-a-report"]


def test_compare_is_pure_and_deterministic() -> None:
    from scorer.match import match
    from scorer.meta import find_facts
    from scorer.normalize import normalize
    from scorer.outline import build_outline

    clean = normalize(read_path(PAIRS / "baisha" / "this.txt"))
    outline = build_outline(clean)
    facts = find_facts(clean, outline)
    ids = tuple(c.id for c in RUBRIC.criteria)
    this = pieces_of("this.txt", clean, outline, facts, match(outline, RUBRIC, facts), ids)
    last = pieces(read_path(PAIRS / "baisha" / "last.txt"), RUBRIC)
    assert compare(this, last, RUBRIC) == compare(this, last, RUBRIC)


# ---------------------------------------------------------------- known wrong cases


@pytest.mark.xfail(strict=True, reason="a copied paragraph with a new sentence of the same length appended reads "
                                       "about 67% alike as a whole, under the threshold: copies are found paragraph "
                                       "by paragraph, not sentence by sentence")
def test_known_wrong_a_copy_with_a_sentence_appended() -> None:
    this = _text("liuxi", "this").replace(
        "宣布失效2件。\n", "宣布失效2件。今年还首次对乡镇政府出台的规范性文件开展了备案审查,纠正乡镇文件3件,"
                          "督促乡镇建立了文件合法性审核台账。\n", 1)
    last = pieces(read_path(PAIRS / "liuxi" / "last.txt"), RUBRIC)
    card = score_document(_doc(this, "this.txt"), RUBRIC, previous=last)
    assert card.previous is not None
    assert any("督促乡镇建立了文件合法性审核台账" in r.text for r in card.previous.recycled)


@pytest.mark.xfail(strict=True, reason="an item carried out in other words that share no key term with it "
                                       "(包容审慎监管 reported as 首违不罚) has no trace: no synonyms are known")
def test_known_wrong_an_item_done_in_other_words() -> None:
    last = _text("liuxi", "last").replace("(五)推进县级综合行政执法队伍标准化建设,完成执法车辆和装备配备。",
                                          "(五)推行包容审慎监管。")
    this = _text("liuxi", "this").replace(
        "(七)化解社会矛盾纠纷。", "(八)对首次轻微违法的市场主体不予处罚,全年不罚轻罚案件431件。\n\n(七)化解社会矛盾纠纷。")
    card = score_document(_doc(this, "this.txt"), RUBRIC, previous=pieces(_doc(last, "last.txt"), RUBRIC))
    assert card.previous is not None
    assert all(i.followed for i in card.previous.plan if "包容审慎" in i.text)


# ---------------------------------------------------------------- pairing


@pytest.mark.parametrize(("a", "b"), [
    ("柳溪县人民政府", "柳溪县政府"),
    ("中共柳溪县委 柳溪县人民政府", "柳溪县人民政府"),
    ("中共柳溪县委员会、柳溪县人民政府", "柳溪县政府"),
    ("柳溪县委、柳溪县人民政府", "柳溪县人民政府"),
    ("柳溪县", "柳溪县人民政府"),
    ("湖南省岳阳市华容县人民政府", "华容县人民政府"),
    ("中共柳溪县委", "中共柳溪县委员会"),
])
def test_issuer_names_of_one_body_read_the_same(a: str, b: str) -> None:
    assert issuer_key(a) == issuer_key(b) is not None


@pytest.mark.parametrize(("a", "b"), [
    ("柳溪县人民政府", "柳溪县司法局"),
    ("柳溪县人民政府", "柳溪县人民政府办公室"),
    ("湖南省人民政府", "岳阳市人民政府"),
    ("中共柳溪县委", "柳溪县人民政府"),
    ("青石镇人民政府", "青石县人民政府"),
])
def test_issuer_names_of_other_bodies_differ(a: str, b: str) -> None:
    assert issuer_key(a) != issuer_key(b)


def test_pairing_takes_the_same_issuer_and_the_year_before() -> None:
    pool = [Key("a2023.txt", "柳溪县政府", 2023), Key("a2022.txt", "柳溪县政府", 2022),
            Key("b2023.txt", "白沙市司法局", 2023), Key("c2023.txt", None, 2023)]
    inputs = [Key("a2024.txt", "柳溪县政府", 2024), Key("b2024.txt", "白沙市司法局", 2024),
              Key("x2024.txt", "青石镇政府", 2024), Key("y.txt", "柳溪县政府", None)]
    assert pair(inputs, [*pool, *inputs]) == {"a2024.txt": "a2023.txt", "b2024.txt": "b2023.txt"}
    assert pair([Key("a2023.txt", "柳溪县政府", 2023)], pool) == {"a2023.txt": "a2022.txt"}


def test_pieces_leave_out_title_signature_and_date() -> None:
    last = pieces(read_path(PAIRS / "liuxi" / "last.txt"), RUBRIC)
    texts = [p.text for p in last.paragraphs]
    assert not any(t.startswith(("柳溪县人民政府关于", "2024年3月5日")) or t == "柳溪县人民政府" for t in texts)
    assert last.issuer == "柳溪县人民政府" and last.report_year == 2023


def test_rule_documentation(tmp_path: Path) -> None:
    from scorer.checks import all_rules, rule_summary

    for rid in ("recycled-text", "plan-not-followed", "previous-year-mismatch"):
        assert rid in all_rules() and rule_summary(rid, "en")
        assert RUBRIC.rule(rid).severity is not None
