"""Properties of normalize, outline and match that must hold for any text (hypothesis, bounded)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scorer.api import score_text
from scorer.model import Document, Line
from scorer.normalize import _Tally, clean_line, normalize, normalize_text
from scorer.outline import build_outline
from scorer.rubric import Rubric

REPORTS = Path(__file__).resolve().parents[1] / "reports"
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters a scraped report is made of, noise included: Chinese, traditional forms, full-width
# and half-width punctuation, brackets, odd spaces, pinyin tones, digits and heading numerals.
_ALPHABET = (
    "法治政府建设年度报告存在问题原因下一步工作安排主要举措成效第一责任人履行职责情况"
    "建設問題範圍發展經濟"
    "一二三四五六七八九十是部分章"
    "，。、；：！？（）()“”《》,.;:!?-|"
    " \t\u3000\u00a0\u200b\ufeff"
    "shèǐāóǔ"
    "０１２３４５６７８９ＡＢａｂ0123456789abcXYZ"
    "\ufffd\ue000锟斤拷"
)
lines_st = st.lists(st.text(alphabet=_ALPHABET, max_size=60), min_size=1, max_size=25)
_HEADS = st.sampled_from(["", "一、", "二、", "（一）", "(二)", "1.", "2、", "（3）", "第一部分", "三是", "①", "十、"])
outline_lines = st.lists(st.tuples(_HEADS, st.text(alphabet=_ALPHABET, max_size=50)), min_size=1, max_size=30)


def _doc(lines: list[str]) -> Document:
    return Document("<t>", "text", tuple(Line(t, i + 1) for i, t in enumerate(lines)), "utf-8")


@FAST
@given(lines_st)
@example(["建(shè)(shè)设", "法 ,, 治,。,理"])
def test_normalize_is_idempotent(lines: list[str]) -> None:
    once = normalize_text("\n".join(lines))
    assert normalize_text(once) == once


@FAST
@given(lines_st)
def test_normalize_keeps_a_valid_line_map(lines: list[str]) -> None:
    doc = _doc(lines)
    out = normalize(doc)
    assert len(out.lines) == len(doc.lines)
    assert [ln.source for ln in out.lines] == [ln.source for ln in doc.lines]
    assert out.raw_lines == tuple(lines)
    assert all("\n" not in ln.text for ln in out.lines)
    valid = {ln.source for ln in doc.lines}
    assert all(n.first_line in valid and n.count > 0 for n in out.noise)


@FAST
@given(lines_st)
def test_document_cleaning_equals_line_by_line(lines: list[str]) -> None:
    """normalize cleans the joined document at once for speed; it must equal clean_line per line."""
    doc = _doc(lines)
    tally = _Tally()
    per_line = [clean_line(t, tally, i + 1) for i, t in enumerate(lines)]
    out = normalize(doc)
    if out.script == "simplified":
        assert [ln.text for ln in out.lines] == per_line
    assert {n.kind: (n.count, n.first_line, n.sample) for n in out.noise if n.kind != "traditional-script"} == {
        n.kind: (n.count, n.first_line, n.sample) for n in tally.noise()
    }


@FAST
@given(outline_lines)
def test_every_non_blank_line_is_in_exactly_one_outline_node(pairs: list[tuple[str, str]]) -> None:
    doc = normalize(_doc([head + rest for head, rest in pairs]))
    outline = build_outline(doc)
    for idx, line in enumerate(doc.lines):
        holders = [s.index for s in outline.sections
                   if s.line == idx or any(p.line == idx for p in s.body)]
        assert len(holders) == (1 if line.text.strip() else 0), (idx, line.text, holders)
    for sec in outline.sections[1:]:
        assert sec.parent is not None and sec.index in outline.sections[sec.parent].children


def _unrelated_alphabet(rubric: Rubric) -> str:
    """Chinese characters that occur in no pattern or phrase of the rubric, so they can match nothing."""
    used = set(repr(rubric.raw))
    pool = "森林湖泊山川河流鸟兽鱼虫花草树木云雨风雪桥梁道路楼宇车船灯火钟表茶酒米面盐糖"
    return "".join(ch for ch in pool if ch not in used)


@pytest.fixture(scope="module")
def sample() -> str:
    return (REPORTS / "qinghe-county-2024.txt").read_text("utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_statuses_do_not_change_when_unrelated_paragraphs_are_appended(
    sample: str, rubric: Rubric, data: st.DataObject
) -> None:
    alphabet = _unrelated_alphabet(rubric)
    assert len(alphabet) >= 10
    sentence = st.text(alphabet=alphabet, min_size=10, max_size=80).map(lambda s: s + "。")
    extra = data.draw(st.lists(sentence, min_size=1, max_size=8))
    before = {c.id: c.status for c in score_text(sample, rubric).criteria}
    after = {c.id: c.status for c in score_text(sample.rstrip("\n") + "\n" + "\n".join(extra) + "\n", rubric).criteria}
    assert after == before


def test_unrelated_alphabet_really_matches_no_pattern(rubric: Rubric) -> None:
    text = _unrelated_alphabet(rubric) * 3
    patterns = [p for c in rubric.criteria for p in (*c.anchors, *c.weak_anchors, *c.cues)]
    patterns += [p for c in rubric.criteria for r in c.requirements for p in r.cues]
    assert not [p.pattern for p in patterns if p.search(text)]
