"""Language at render time: the core words each message once in every language; renderers pick one."""

from __future__ import annotations

from scorer.api import load_rubric, score_text
from scorer.model import RunResult
from scorer.render import RenderOptions, render
from scorer.words import as_lang, concat, either, fill, join
from tests.test_verdict import FULL


def test_fill_join_concat_either_work_in_every_language() -> None:
    label = {"zh": "存在的不足", "en": "Shortcomings"}
    assert fill({"zh": "“{label}”共{n}处", "en": "{label}: {n}"}, label=label, n=3) == {
        "zh": "“存在的不足”共3处", "en": "Shortcomings: 3"}
    assert fill("{missing}", other=1) == {"zh": "{missing}", "en": "{missing}"}  # never raises
    assert join({"zh": "、", "en": ", "}, ["甲", {"zh": "乙", "en": "B"}]) == {"zh": "甲、乙", "en": "甲, B"}
    # an empty translation falls back to Chinese, the reference language, as the rubric's words always did
    assert concat({"zh": "缺少。", "en": "Missing."}, "", {"zh": "请补上。", "en": ""}) == {
        "zh": "缺少。 请补上。", "en": "Missing. 请补上。"}
    assert concat({"zh": "缺少。", "en": "Missing."}, {"zh": "", "en": ""}) == {"zh": "缺少。", "en": "Missing."}
    assert either(None, "", {"zh": "有", "en": "yes"}) == {"zh": "有", "en": "yes"}
    assert as_lang({"zh": "只有中文"}) == {"zh": "只有中文", "en": "只有中文"}


def test_one_scoring_renders_in_either_language() -> None:
    text = FULL.replace("培训执法人员620人次", "培训执法人员XX人次", 1)
    card = score_text(text, load_rubric("national"))
    result = RunResult((card,), ())
    zh = render(result, "rich", RenderOptions(lang="zh", color=False, width=160))
    en = render(result, "rich", RenderOptions(lang="en", color=False, width=160))
    assert "不通过:有1处错误(placeholder)" in zh and "模板占位符未替换" in zh
    assert "FAIL: 1 × error (placeholder)" in en and "Template placeholders left in" in en
    assert "模板占位符" not in en


def test_findings_carry_the_values_they_name() -> None:
    text = FULL.replace("纠错率12.5%,", "纠错率12.5%,申博体育在线,", 1)
    card = score_text(text, load_rubric("national"))
    spam = next(f for f in card.findings if f.rule == "spam-content")
    params = dict(spam.params)
    assert params["span"] == "申博体育在线" and params["kind"] == {"zh": "赌博", "en": "gambling"}
    assert spam.to_dict("en")["message"].startswith("Injected content (gambling)")
