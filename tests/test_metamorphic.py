"""Metamorphic tests on the five real reports in ../shared/corpus/seeds.

Each seed is read at run time (never copied here) and transformed in memory; each transformation has a
known effect on the statuses: none (script, pinyin, punctuation, spaces, page chrome, .html, .docx,
numbering style, synonym headings, extra measures, shifted years, line endings), or a known change
(a part deleted, a heading deleted or merged, the duty part nested, numbers stripped, the report cut).
Only relations the scorer honours are here; the ones it breaks are reported, not committed.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from scorer.api import load_rubric, score_bytes, score_text
from scorer.model import Scorecard
from tests.conftest import CORPUS

HUARONG, DENGFENG, LUZHOU = "huarong-county-2022.txt", "dengfeng-city-2023.txt", "luzhou-city-2019.txt"
JIANGYUAN, HAIGANG = "jiangyuan-district-2022.txt", "haigang-district-2022.txt"
SEED_NAMES = [HUARONG, DENGFENG, LUZHOU, JIANGYUAN, HAIGANG]
PARTS = ("duty", "measures", "shortcomings", "shortcomings.causes", "plan")
RANK = {"missing": 0, "weak": 1, "found": 2}
CN = "一二三四五六七八九十"

Statuses = dict[str, str]

# ---------------------------------------------------------------- reading and scoring


@pytest.fixture(scope="module")
def seed_text(seeds_dir: Path) -> Callable[[str], str]:
    """A seed's text (the fixture skips with a reason when ../shared/corpus is absent)."""
    return lambda name: _read(seeds_dir / name)


@cache
def _read(path: Path) -> str:
    return path.read_text("utf-8")


def _statuses(card: Scorecard) -> Statuses:
    got = {c.id: c.status.value for c in card.criteria if c.id in PARTS}
    got["verdict"] = card.verdict.value
    return got


@cache
def _score(text: str) -> Statuses:
    return _statuses(score_text(text, load_rubric("national")))


def _score_bytes(name: str, data: bytes) -> Statuses:
    return _statuses(score_bytes(name, data, load_rubric("national")))


def _changed(before: Statuses, after: Statuses) -> str:
    return ", ".join(f"{k}: {before[k]} -> {after[k]}" for k in before if before[k] != after[k]) or "nothing"


# ---------------------------------------------------------------- finding the parts

TOP = re.compile(r"^\s*[一二三四五六七八九十]+\s*[,，]?[、.．]")  # 一、 and luzhou's 二,、
SUB = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")
ITEM = re.compile(r"^\s*\d+[.．、]")
PINYIN = r"(\([a-z\u00e0-\u01ff]+\))?"  # luzhou's 責(zé)
DUTY = re.compile("第一[责責]" + PINYIN + "任人")
SHORT = re.compile("存在|問" + PINYIN + "題|不足")
PLAN = re.compile("安排|打算")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _heading(lines: list[str], rx: re.Pattern[str], level: re.Pattern[str] = TOP) -> int:
    found = [i for i, line in enumerate(lines) if level.match(line) and rx.search(line)]
    assert found, f"the seed has no heading matching {rx.pattern} (has the corpus changed?)"
    return found[0]


def _duty_span(lines: list[str]) -> tuple[int, int]:
    """The duty section (its heading and body), a top-level section or a （N） subsection."""
    level = TOP if any(TOP.match(line) and DUTY.search(line) for line in lines) else SUB
    start = _heading(lines, DUTY, level)
    end = start + 1
    while end < len(lines) and not (TOP.match(lines[end]) or (level is SUB and SUB.match(lines[end]))):
        end += 1
    return start, end


# ---------------------------------------------------------------- transformations with no effect

PINYIN_OF = {"设": "shè", "設": "shè", "责": "zé", "責": "zé", "务": "wù", "務": "wù", "实": "shí", "實": "shí",
             "规": "guī", "規": "guī", "执": "zhí", "執": "zhí", "题": "tí", "題": "tí"}
PAGE_HEADER = ["首页 > 政务公开 > 法治政府建设 > 年度报告", "索 引 号:000000000/2024-00001", "发布机构:青禾县司法局",
               "【字体:大 中 小】 打印本页 关闭窗口", "浏览次数:123"]
PAGE_FOOTER = ["【打印本页】【关闭窗口】", "主办:青禾县人民政府办公室 承办:青禾县大数据中心",
               "网站标识码:0000000000 ICP备00000000号 公网安备00000000000000号", "联系我们 | 网站地图 | 隐私声明"]
EXTRA_MEASURES = ["此外,积极推进智慧司法建设,完成公共法律服务平台升级改造,全年提供法律咨询1200余人次,办理法律援助案件86件。",
                  "同时,深入开展“法律进企业”活动,组织律师走访企业50家,帮助企业防范化解法律风险,出具法律意见书32份。"]
SYNONYMS = [(re.compile(r"主要举措(和|及|与)成效|工作举措和成效|主要舉" + PINYIN + "措和成效"), "主要做法及成效"),
            (re.compile(r"存在的(问题和不足|不足|问题)(?!和)"), "存在的短板弱项"),
            (re.compile(r"(主要|初步)安排|工作安排"), "工作打算")]


def s2t(text: str) -> str:
    import opencc

    return str(opencc.OpenCC("s2t").convert(text))


def add_pinyin(text: str) -> str:
    return "".join(ch + f"({PINYIN_OF[ch]})" if ch in PINYIN_OF else ch for ch in text)


def double_punctuation(text: str) -> str:
    return re.sub(r"[,，]", ",,", re.sub(r"([。、；;：:])", r",\1", text))


def mixed_commas(text: str) -> str:
    """Every other comma full-width (the seeds were scraped with ASCII commas only)."""
    parts = text.split(",")
    return "".join(part + ("，" if i % 2 else ",") for i, part in enumerate(parts[:-1])) + parts[-1]


def fullwidth_commas(text: str) -> str:
    return text.replace(",", "，")


def fullwidth_parens(text: str) -> str:
    return text.replace("(", "（").replace(")", "）")


def spaced_headings(text: str) -> str:
    """Indent headings with full-width spaces, NBSP after the number, a full-width space inside the title."""
    out = []
    for line in _lines(text):
        m = TOP.match(line) or SUB.match(line)
        if m:
            number, title = line[:m.end()].strip(), line[m.end():]
            cut = min(4, len(title) // 2)
            line = "\u3000\u3000" + number + "\u00a0" + title[:cut] + "\u3000" + title[cut:]
        out.append(line)
    return "\n".join(out)


def page_chrome(text: str) -> str:
    return "\n".join([*PAGE_HEADER, "", text, "", *PAGE_FOOTER])


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def blank_lines_between(text: str) -> str:
    return "\n\n".join(_lines(text))


def no_blank_lines(text: str) -> str:
    return "\n".join(line for line in _lines(text) if line.strip())


def renumber(text: str) -> str:
    """一、 → 第一部分, （一） → 1., 1. → (1)."""
    out = []
    for line in _lines(text):
        if m := TOP.match(line):
            line = "第" + line[:m.end()].strip(" ,，、.．") + "部分 " + line[m.end():]
        elif (m := SUB.match(line)) and len(n := line[:m.end()].strip(" （()）")) == 1:
            line = f"{CN.index(n) + 1}." + line[m.end():]
        elif m := ITEM.match(line):
            line = "(" + line[:m.end()].strip(" .．、") + ")" + line[m.end():]
        out.append(line)
    return "\n".join(out)


def synonym_headings(text: str) -> str:
    """The part names officials also use: 主要做法及成效, 存在的短板弱项, 工作打算."""
    out = []
    for line in _lines(text):
        if TOP.match(line):
            for rx, new in SYNONYMS:
                line = rx.sub(new, line)
        out.append(line)
    return "\n".join(out)


def _shortcomings_start(lines: list[str]) -> int:
    """The shortcomings heading, or haigang's unheaded paragraph."""
    headed = [i for i, line in enumerate(lines) if TOP.match(line) and SHORT.search(line)]
    return headed[0] if headed else next(i for i, line in enumerate(lines) if "薄弱环节" in line)


def more_measures(text: str) -> str:
    """Two unrelated measures paragraphs at the end of the measures."""
    lines = _lines(text)
    at = _shortcomings_start(lines)
    return "\n".join(lines[:at] + EXTRA_MEASURES + lines[at:])


def shift_years(text: str) -> str:
    return re.sub(r"(?<!\d)(20[0-3]\d)(?!\d)", lambda m: str(int(m.group(1)) + 1), text)


def to_html(text: str) -> bytes:
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in _lines(text) if line.strip())
    nav = "<div class='nav'><a href='/'>首页</a> | <a href='/zwgk'>政务公开</a> | <a href='/hd'>互动交流</a></div>"
    foot = "<div class='footer'>主办:某某县人民政府办公室 网站标识码:0000000000 ICP备00000000号</div>"
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>法治政府建设年度报告_某某县人民政府</title>"
            f"</head><body>{nav}<div class='article'>{body}</div>{foot}</body></html>").encode()


def to_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in _lines(text):
        if not line.strip():
            continue
        if TOP.match(line):
            document.add_paragraph(line.strip(), style="Heading 1")
        elif SUB.match(line) and len(line) < 40:
            document.add_paragraph(line.strip(), style="Heading 2")
        else:
            document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


TEXT_INVARIANTS: dict[str, Callable[[str], str]] = {
    "s2t": s2t, "pinyin": add_pinyin, "double-punctuation": double_punctuation, "mixed-commas": mixed_commas,
    "fullwidth-commas": fullwidth_commas, "fullwidth-parens": fullwidth_parens, "spaced-headings": spaced_headings,
    "page-chrome": page_chrome, "crlf": crlf, "blank-lines": blank_lines_between, "no-blank-lines": no_blank_lines,
    "renumber": renumber, "synonym-headings": synonym_headings, "more-measures": more_measures,
    "shift-years": shift_years,
}
NOT_APPLICABLE = {("no-blank-lines", name) for name in SEED_NAMES if name != HUARONG} | {("synonym-headings", HAIGANG)}
BYTES_INVARIANTS: dict[str, tuple[str, Callable[[str], bytes]]] = {
    "html": ("report.html", to_html), "docx": ("report.docx", to_docx),
}

# ---------------------------------------------------------------- transformations with a known change


def drop_duty(text: str) -> str:
    lines = _lines(text)
    start, end = _duty_span(lines)
    return "\n".join(lines[:start] + lines[end:])


def drop_plan_heading(text: str) -> str:
    lines = _lines(text)
    at = _heading(lines, PLAN)
    return "\n".join(lines[:at] + lines[at + 1:])


def drop_causes(text: str) -> str:
    return "\n".join(line for line in _lines(text) if not line.lstrip().startswith("存在原因"))


def merge_shortcomings_and_plan(text: str, year: int) -> str:
    """The shortcomings heading becomes 存在的问题和<year+1>年工作打算; the plan heading goes."""
    lines = _lines(text)
    short, plan = _heading(lines, SHORT), _heading(lines, PLAN)
    assert short != plan, "already merged"
    number = lines[short][:TOP.match(lines[short]).end()]  # type: ignore[union-attr]
    lines[short] = f"{number}存在的问题和{year + 1}年工作打算"
    return "\n".join(lines[:plan] + lines[plan + 1:])


def nest_duty(text: str) -> str:
    """The top-level duty section becomes the last （N） subsection of the measures (its own （N） become 1.)."""
    lines = _lines(text)
    start, end = _duty_span(lines)
    block, rest = lines[start:end], lines[:start] + lines[end:]
    at = _shortcomings_start(rest)
    n = sum(1 for line in rest[:at] if SUB.match(line)) + 1
    body = []
    for line in block[1:]:
        if m := SUB.match(line):
            line = f"{CN.index(line[:m.end()].strip(' （()）')) + 1}." + line[m.end():]
        body.append(line)
    heading = f"({CN[n - 1]})" + block[0][TOP.match(block[0]).end():]  # type: ignore[union-attr]
    nested = [*rest[:at], heading, *body, *rest[at:]]
    out, count = [], 0
    for line in nested:  # renumber the top-level sections 一、二、三、
        if m := TOP.match(line):
            line = CN[count] + "、" + line[m.end():]
            count += 1
        out.append(line)
    return "\n".join(out)


def strip_heading_numbers(text: str) -> str:
    out = []
    for line in _lines(text):
        m = TOP.match(line) or SUB.match(line) or ITEM.match(line)
        out.append(line[m.end():] if m else line)
    return "\n".join(out)


def _same_except(before: Statuses, after: Statuses, *changed: str) -> list[str]:
    return [f"{k}: {before[k]} -> {after[k]}" for k in PARTS if k not in changed and after[k] != before[k]]


def _year(name: str) -> int:
    return int(re.search(r"20\d\d", name).group())  # type: ignore[union-attr]


# ---------------------------------------------------------------- baseline


@pytest.mark.parametrize("name", SEED_NAMES)
def test_baseline_agrees_with_the_corpus_readme(name: str, seed_text: Callable[[str], str]) -> None:
    want = json.loads((CORPUS / "expectations.json").read_text("utf-8"))["reports"][name]
    got = _score(seed_text(name))
    wrong = [f"{k}: {got[k]} not in {want[k]}" for k in PARTS if got[k] not in want[k]]
    assert not wrong and got["verdict"] == want["verdict"], f"{name}: {wrong}, verdict {got['verdict']}"


# ---------------------------------------------------------------- invariants


@pytest.mark.parametrize(("name", "transform"), [(name, transform) for name in SEED_NAMES for transform in
                                                  sorted(TEXT_INVARIANTS) if (transform, name) not in NOT_APPLICABLE])
def test_text_invariant(name: str, transform: str, seed_text: Callable[[str], str]) -> None:
    text = seed_text(name)
    changed = TEXT_INVARIANTS[transform](text)
    assert changed != text, f"{transform} does not change {name} (has the corpus changed?)"
    before, after = _score(text), _score(changed)
    assert after == before, f"{name} after {transform}: {_changed(before, after)}"


@pytest.mark.parametrize("transform", sorted(BYTES_INVARIANTS))
@pytest.mark.parametrize("name", SEED_NAMES)
def test_format_invariant(name: str, transform: str, seed_text: Callable[[str], str]) -> None:
    text = seed_text(name)
    filename, convert = BYTES_INVARIANTS[transform]
    before, after = _score(text), _score_bytes(filename, convert(text))
    assert after == before, f"{name} as {filename}: {_changed(before, after)}"


# ---------------------------------------------------------------- known changes


@pytest.mark.parametrize("name", [HUARONG, DENGFENG, LUZHOU])
def test_deleting_the_duty_part(name: str, seed_text: Callable[[str], str]) -> None:
    before, text = _score(seed_text(name)), drop_duty(seed_text(name))
    after = _score(text)
    # huarong's opening still says 全面压实法治建设第一责任人职责: a mention, no part (missing all the same)
    assert after["duty"] == "missing" and after["verdict"] == "fail", after
    assert not _same_except(before, after, "duty")


@pytest.mark.parametrize("name", [DENGFENG, LUZHOU])
def test_deleting_the_plan_heading_keeps_its_text(name: str, seed_text: Callable[[str], str]) -> None:
    text = seed_text(name)
    before, after = _score(text), _score(drop_plan_heading(text))
    assert after["plan"] == "weak", after  # its text is still there, inside the shortcomings' part
    merged = _heading(_lines(text), SHORT) == _heading(_lines(text), PLAN)  # luzhou: the heading carried both
    assert not _same_except(before, after, "plan", *(("shortcomings",) if merged else ()))
    # with the merged heading gone, luzhou's shortcomings are text inside the measures' part
    assert after["shortcomings"] == ("weak" if merged else "found"), after


def test_deleting_the_causes(seed_text: Callable[[str], str]) -> None:
    text = seed_text(DENGFENG)
    assert "存在原因" in text
    before, after = _score(text), _score(drop_causes(text))
    assert after["shortcomings.causes"] == "missing" and before["shortcomings.causes"] == "found"
    assert not _same_except(before, after, "shortcomings.causes")


@pytest.mark.parametrize("name", [DENGFENG, HUARONG, JIANGYUAN])
def test_merged_shortcomings_and_plan_heading(name: str, seed_text: Callable[[str], str]) -> None:
    text = seed_text(name)
    before, after = _score(text), _score(merge_shortcomings_and_plan(text, _year(name)))
    assert after["shortcomings"] == after["plan"] == "found", after
    assert not _same_except(before, after)


@pytest.mark.parametrize("name", [DENGFENG, LUZHOU])
def test_duty_nested_in_the_measures(name: str, seed_text: Callable[[str], str]) -> None:
    text = seed_text(name)
    nested = nest_duty(text)
    assert _heading(_lines(nested), DUTY, SUB) > _heading(_lines(nested), re.compile("举措|舉"))
    before, after = _score(text), _score(nested)
    assert after == before, f"{name} with the duty nested: {_changed(before, after)}"


@pytest.mark.parametrize("name", [HUARONG, DENGFENG, LUZHOU])
def test_headings_without_numbers(name: str, seed_text: Callable[[str], str]) -> None:
    """No status worse than weak (the headings are still there) and none better (no content was added)."""
    before, after = _score(seed_text(name)), _score(strip_heading_numbers(seed_text(name)))
    worse = [k for k in PARTS if RANK[after[k]] < min(RANK[before[k]], RANK["weak"])]
    better = [k for k in PARTS if RANK[after[k]] > RANK[before[k]]]
    assert not worse and not better, f"{name} without numbers: {_changed(before, after)}"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_report_cut_after_700_characters(name: str, seed_text: Callable[[str], str]) -> None:
    before, after = _score(seed_text(name)), _score(seed_text(name)[:700])
    assert after["shortcomings"] == after["shortcomings.causes"] == after["plan"] == "missing", after
    assert not [k for k in PARTS if RANK[after[k]] > RANK[before[k]]], _changed(before, after)


def unnumber_first(text: str) -> str:
    """The first top-level heading loses its 一、 (as scraping often does)."""
    lines = _lines(text)
    at = next(i for i, line in enumerate(lines) if TOP.match(line))
    lines[at] = lines[at][TOP.match(lines[at]).end():]  # type: ignore[union-attr]
    return "\n".join(lines)


@pytest.mark.parametrize("name", [HUARONG, DENGFENG, LUZHOU, JIANGYUAN])
def test_first_heading_that_lost_its_number(name: str, seed_text: Callable[[str], str]) -> None:
    """二、三、四、 stay beside the line that lost its 一、, not under it: nothing changes."""
    before, after = _score(seed_text(name)), _score(unnumber_first(seed_text(name)))
    assert after == before, f"{name} with its first 一、 lost: {_changed(before, after)}"
