"""Scraping noise and damage as real pages carry it, applied to the project's own reports.

Each report (reports/qinghe-county-2024.txt and three of tests/cases/reports) is damaged in memory the
way scraped and copied pages are: pinyin after characters, doubled or vanished punctuation, Taiwan
vocabulary, GBK mojibake, a document-sharing site's watermark, headings split or renumbered, PDF line
breaks, the whole report on one line, page numbers, spam, placeholders, no title. The damage must not
change any status or the verdict, and the finding it calls for must be raised. Only the pairs the
scorer honours are listed; the ones it breaks are reported, not committed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import opencc
import pytest

from scorer.api import load_rubric, score_bytes
from scorer.model import Scorecard, Severity
from tests.conftest import REPORTS, ROOT

CASES = ROOT / "tests" / "cases" / "reports"
BASES = {
    "qinghe": REPORTS / "qinghe-county-2024.txt",
    "r01": CASES / "01-province-2021-textbook.txt",
    "r09": CASES / "09-joint-county-2023.txt",
    "r11": CASES / "11-justice-bureau-2018.txt",
}
PARTS = ("duty", "measures", "shortcomings", "shortcomings.causes", "plan")
TOP = re.compile(r"^\s*([一二三四五六七八九十]+)、")
SUB = re.compile(r"^\s*[(（]([一二三四五六七八九十]+)[)）]")
CN = "一二三四五六七八九十"
Damage = Callable[[str], str]

_PY = ("设設shè 报報bào 务務wù 关關guān 领領lǐng 导導dǎo 执執zhí 质質zhì 业業yè 内內nèi 统統tǒng 发發fā 规規guī "
       "划劃huà 协協xié 环環huán 节節jié 实實shí 区區qū 责責zé 项項xiàng 点點diǎn 动動dòng 审審shěn 决決jué")
PINYIN = {ch: word[2:] for word in _PY.split() for ch in word[:2]}


def _lines(text: str) -> list[str]:
    return text.split("\n")


_TONE = {ch: (v, str(t)) for t, vowels in enumerate(("āēīōūǖ", "áéíóúǘ", "ǎěǐǒǔǚ", "àèìòùǜ"), 1)
         for ch, v in zip(vowels, "aeiouü", strict=True)}


def _tone_digits(reading: str) -> str:
    """shè -> she4: the reading with a tone digit instead of a mark."""
    tone = next((_TONE[ch][1] for ch in reading if ch in _TONE), "5")
    return "".join(_TONE[ch][0] if ch in _TONE else ch for ch in reading) + tone


def pinyin(fmt: str, traditional: bool = False, digits: bool = False) -> Damage:
    """建设 -> 建设(shè) (or 建设(she4) with tone digits): the annotation some sites add after many characters."""
    def damage(text: str) -> str:
        if traditional:
            text = str(opencc.OpenCC("s2t").convert(text))
        return "".join(ch + fmt.format(_tone_digits(PINYIN[ch]) if digits else PINYIN[ch]) if ch in PINYIN else ch
                       for ch in text)
    return damage


def html_entities(text: str) -> str:
    """Character references a scraper left in: &nbsp; indents, &ldquo; quotes, &#12289; for 、."""
    text = text.replace("“", "&ldquo;").replace("”", "&rdquo;").replace("、", "&#12289;")
    return "\n".join(("&nbsp;&nbsp;&nbsp;&nbsp;" + line) if line.strip() else line for line in _lines(text))


def glue_headings(text: str) -> str:
    """Each top-level heading glued to the end of the line before it."""
    out: list[str] = []
    for line in _lines(text):
        if TOP.match(line) and out:
            while out and not out[-1].strip():
                out.pop()
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def double_punctuation(text: str) -> str:
    """Every punctuation mark doubled: ,, ,、 ,。 ,; ,:"""
    return re.sub(r"([，,。、；;：:])", r",\1", text)


def punctuation_to_spaces(text: str) -> str:
    """The body's punctuation lost and replaced by spaces (headings keep their numbers)."""
    out = []
    for line in _lines(text):
        m = TOP.match(line) or SUB.match(line)
        head, body = (line[:m.end()], line[m.end():]) if m else ("", line)
        out.append(head + re.sub(r"[，,。、；;：:“”]", " ", body))
    return "\n".join(out)


def taiwan(ceo: bool = False) -> Damage:
    """Machine conversion to traditional with Taiwan vocabulary: 資訊, 網路, 軟體, 計畫, 執行長."""
    def damage(text: str) -> str:
        text = text.replace("。", "。加快信息化建设,推进网络平台和软件系统整合。", 1)
        if ceo:
            text = re.sub(r"(政府|局)主要负责同志", r"\1首席执行官", text, count=1)
        return str(opencc.OpenCC("s2twp").convert(text)).replace("計劃", "計畫")
    return damage


def mojibake_kunkao(text: str) -> str:
    lines = _lines(text)
    for i in range(6, len(lines), 5):
        if len(lines[i]) > 30:
            lines[i] = lines[i][:20] + "锟斤拷锟斤拷" + lines[i][20:]
    return "\n".join(lines)


def mojibake_quotes(text: str) -> str:
    """Quotation marks of UTF-8 read as GBK: “ -> 鈥?"""
    return text.replace("“", "鈥\ufffd").replace("”", "鈥\ufffd")


def mojibake_paragraph(text: str) -> str:
    """One paragraph's punctuation of UTF-8 read as GBK: 、 and 。 -> 銆?"""
    lines = _lines(text)
    for i, line in enumerate(lines):
        if i > 5 and len(line) > 80 and not TOP.match(line):
            lines[i] = line.replace("、", "銆\ufffd").replace("。", "銆\ufffd").replace("“", "鈥\ufffd")
            break
    return "\n".join(lines)


def watermark_headings(text: str) -> str:
    out = []
    for line in _lines(text):
        if TOP.match(line):
            cut = len(line) // 2
            line = line[:cut] + "本文由第一文库网整理" + line[cut:]
        out.append(line)
    return "\n".join(out)


def watermark_paragraphs(text: str) -> str:
    out = []
    for i, line in enumerate(_lines(text)):
        if len(line) > 60 and not TOP.match(line) and i % 3 == 0:
            line = line[:30] + "精品文档 欢迎下载" + line[30:]
        out.append(line)
    return "\n".join(out)


def watermark_lines(text: str) -> str:
    out = []
    for i, line in enumerate(_lines(text)):
        out.append(line)
        if i % 7 == 6:
            out.append("本文档由用户上传,文库网仅提供信息存储空间服务")
    return "\n".join(out)


def split_headings(text: str) -> str:
    out = []
    for line in _lines(text):
        if TOP.match(line):
            cut = len(line) * 2 // 3
            out += [line[:cut], line[cut:]]
        else:
            out.append(line)
    return "\n".join(out)


def glue_subheadings(text: str) -> str:
    """Each (N) item glued to the end of the paragraph before it."""
    out: list[str] = []
    for line in _lines(text):
        if SUB.match(line) and out and out[-1].strip() and not TOP.match(out[-1]):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def renumber(top: str, sub: str | None = None) -> Damage:
    """一、 -> top.format(n=一); (一) -> sub.format(n=一, i=1, c=①)."""
    def damage(text: str) -> str:
        out = []
        for line in _lines(text):
            if m := TOP.match(line):
                line = top.format(n=m.group(1)) + line[m.end():]
            elif sub and (m := SUB.match(line)) and len(m.group(1)) == 1:
                i = CN.index(m.group(1)) + 1
                line = sub.format(n=m.group(1), i=i, c="①②③④⑤⑥⑦⑧⑨"[i - 1]) + line[m.end():]
            out.append(line)
        return "\n".join(out)
    return damage


def wrap(width: int, blank: bool = True) -> Damage:
    """PDF copy-paste: every line broken after `width` characters."""
    def damage(text: str) -> str:
        out = []
        for line in _lines(text):
            while len(line) > width:
                out.append(line[:width])
                line = line[width:]
            out.append(line)
        return "\n".join(line for line in out if blank or line.strip())
    return damage


def one_line(sep: str) -> Damage:
    return lambda text: sep.join(line.strip() for line in _lines(text) if line.strip())


def page_numbers(style: str) -> Damage:
    def damage(text: str) -> str:
        out, page = [], 1
        for i, line in enumerate(_lines(text)):
            out.append(line)
            if i % 8 == 7:
                page += 1
                out.append(style.format(page))
        return "\n".join(out)
    return damage


def page_number_mid_paragraph(text: str) -> str:
    lines = _lines(text)
    for i, line in enumerate(lines):
        if len(line) > 100 and i > 5:
            lines[i] = line[:50] + "\n- 2 -\n" + line[50:]
            break
    return "\n".join(lines)


def page_header_lines(text: str) -> str:
    """第N页 共5页 and the title's start repeated as a running header."""
    lines = _lines(text)
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i % 10 == 9:
            out += ["", f"第{i // 10 + 1}页 共5页", lines[0][:20], ""]
    return "\n".join(out)


def spam_mid_sentence(text: str) -> str:
    lines, n = _lines(text), 0
    for i, line in enumerate(lines):
        if len(line) > 60 and n < 3:
            lines[i] = line[:25] + "澳门新葡京娱乐场官网" + line[25:]
            n += 1
    return "\n".join(lines)


def spam_lines(text: str) -> str:
    lines = _lines(text)
    lines.insert(6, "【bet365体育在线投注】注册即送88元彩金 www.bet365-vip88.com")
    lines.insert(len(lines) // 2, "六合彩开奖结果 香港马会资料大全 加微信:lhc8888")
    return "\n".join(lines)


def spam_in_heading(text: str) -> str:
    lines = _lines(text)
    at = next(i for i, line in enumerate(lines) if TOP.match(line))
    lines[at] += "皇冠体育"
    return "\n".join(lines)


def placeholder_digits(text: str) -> str:
    """XX件, ××%."""
    return re.sub(r"(\d+(?:\.\d+)?)%", "××%", re.sub(r"(?<!\d)\d{1,4}件", "XX件", text))


def placeholder_years(text: str) -> str:
    """x02x年 in the body (a model-essay site's anonymised copy)."""
    cut = text.index("\n")
    return text[:cut] + re.sub(r"20(\d)(\d)年", r"x0\1x年", text[cut:], count=3)


def placeholder_places(text: str) -> str:
    for name in ("青禾县", "松阳县"):
        text = text.replace(name, "xx县")
    return text.replace("江南省", "xx省").replace("北湖区", "xx区")


def no_title(text: str) -> str:
    return "\n".join(_lines(text)[1:]).lstrip("\n")


ALL = ("qinghe", "r01", "r09", "r11")
# name: (damage, the findings it calls for, the reports on which the scorer honours it)
VARIANTS: dict[str, tuple[Damage, tuple[str, ...], tuple[str, ...]]] = {
    "pinyin-paren": (pinyin("({})"), ("text-noise",), ALL),
    "pinyin-traditional": (pinyin("({})", traditional=True), ("text-noise",), ALL),
    "pinyin-fullwidth-brackets": (pinyin("（{}）"), ("text-noise",), ALL),
    "pinyin-space-before": (pinyin(" ({})"), ("text-noise",), ALL),
    "pinyin-tone-digits": (pinyin("({})", digits=True), ("text-noise",), ALL),
    "pinyin-tone-digits-traditional": (pinyin("（{}）", traditional=True, digits=True), ("text-noise",), ALL),
    "html-entities": (html_entities, ("text-noise",), ALL),
    "headings-glued-to-paragraph": (glue_headings, (), ALL),
    "double-punctuation": (double_punctuation, ("text-noise",), ALL),
    "pinyin-traditional-doubled": (lambda t: double_punctuation(pinyin("({})", True)(t)), ("text-noise",), ALL),
    "punctuation-to-spaces": (punctuation_to_spaces, (), ALL),
    "taiwan-vocabulary": (taiwan(), ("text-noise",), ALL),
    "taiwan-vocabulary-ceo": (taiwan(ceo=True), ("text-noise",), ALL),
    "mojibake-kunkao": (mojibake_kunkao, ("mojibake",), ALL),
    "mojibake-quotes": (mojibake_quotes, ("mojibake",), ALL),
    "mojibake-paragraph": (mojibake_paragraph, ("mojibake",), ALL),
    "watermark-in-headings": (watermark_headings, (), ("qinghe", "r01", "r09")),
    "watermark-in-paragraphs": (watermark_paragraphs, (), ALL),
    "watermark-lines": (watermark_lines, (), ALL),
    "heading-split-over-two-lines": (split_headings, (), ALL),
    "subheading-glued-to-paragraph": (glue_subheadings, (), ALL),
    "numbering-fullwidth-dot": (renumber("{n}．", "（{n}）"), (), ALL),
    "numbering-space": (renumber("{n} ", "({n}) "), (), ALL),
    "numbering-colon": (renumber("{n}:", "({n})、"), (), ALL),
    "numbering-lenticular": (renumber("【{n}】", "{i}）"), (), ALL),
    "numbering-circled": (renumber("{n}、", "{c}"), (), ALL),
    "numbering-ascii-dot": (renumber("{n}.", "({n})."), (), ALL),
    "pdf-lines-40": (wrap(40), (), ALL),
    "pdf-lines-38-no-blank": (wrap(38, blank=False), (), ALL),
    "one-line": (one_line(""), (), ALL),
    "one-line-spaced": (one_line(" "), (), ALL),
    "page-numbers-dash": (page_numbers("- {} -"), ("text-noise",), ALL),
    "page-numbers-emdash": (page_numbers("—{}—"), (), ALL),
    "page-numbers-cn": (page_numbers("第{}页 共8页"), ("text-noise",), ALL),
    "page-number-mid-paragraph": (page_number_mid_paragraph, (), ALL),
    "page-header-lines": (page_header_lines, (), ("qinghe", "r01", "r09")),
    "spam-mid-sentence": (spam_mid_sentence, ("spam-content",), ALL),
    "spam-lines": (spam_lines, ("spam-content",), ALL),
    "spam-in-heading": (spam_in_heading, ("spam-content",), ALL),
    "placeholder-digits": (placeholder_digits, ("placeholder",), ALL),
    "placeholder-years": (placeholder_years, ("placeholder",), ALL),
    "placeholder-places": (placeholder_places, ("placeholder",), ALL),
    "no-title": (no_title, ("title-format",), ALL),
    "pdf-lines-with-page-numbers": (lambda t: wrap(40)(page_numbers("- {} -")(t)), (), ALL),
}
PAIRS = [(base, name) for name, (_, _, bases) in VARIANTS.items() for base in bases]


def _statuses(card: Scorecard) -> dict[str, str]:
    got = {c.id: c.status.value for c in card.criteria if c.id in PARTS}
    got["verdict"] = card.verdict.value
    return got


@cache
def _clean(base: str) -> dict[str, str]:
    return _statuses(score_bytes(f"{base}.txt", BASES[base].read_bytes(), load_rubric("national")))


@pytest.mark.parametrize(("base", "name"), PAIRS, ids=[f"{b}-{n}" for b, n in PAIRS])
def test_noise_keeps_the_scorecard(base: str, name: str) -> None:
    damage, wanted, _ = VARIANTS[name]
    text = damage(BASES[base].read_text("utf-8"))
    rubric = load_rubric("national")
    card = score_bytes(f"{base}-{name}.txt", text.encode(), rubric)
    # Damage that raises an error (spam, placeholders) fails the report; the parts stay as they were.
    errors = {rid for rid, spec in rubric.rules.items() if spec.severity is Severity.ERROR}
    assert _statuses(card) == _clean(base) | ({"verdict": "fail"} if errors & set(wanted) else {})
    rules = {f.rule for f in card.findings}
    assert set(wanted) <= rules, f"{sorted(set(wanted) - rules)} not raised; got {sorted(rules)}"
    # Noise alone never invents a missing part.
    assert "section-missing" not in rules or "section-missing" in _clean_rules(base)


@cache
def _clean_rules(base: str) -> frozenset[str]:
    card = score_bytes(f"{base}.txt", BASES[base].read_bytes(), load_rubric("national"))
    return frozenset(f.rule for f in card.findings)


def test_clean_reports_pass_with_every_part() -> None:
    for base in BASES:
        assert _clean(base)["verdict"] == "pass", base
