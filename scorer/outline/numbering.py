"""One line's heading number: its kind (一、 （一） 1. （1） 第一部分 一是), its title and the body run in after it."""

from __future__ import annotations

import re

from scorer.layout import words
from scorer.numerals import cn_number

_CN = "一二三四五六七八九十百零〇两壹贰叁肆伍陆柒捌玖拾"
# Numbering styles, most specific first. Each yields (kind, number, rest of the line).
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^(第[{_CN}\d]{{1,4}}(?:部分|章|篇))\s*[、.:,]?\s*(.*)$")),
    ("cnp", re.compile(rf"^([(][{_CN}]{{1,3}}[)])\s*[、.,:]?\s*(.*)$")),
    ("arp", re.compile(r"^([(]\d{1,2}[)])\s*[、.,:]?\s*(.*)$")),
    # (一、二、三等级 is an enumeration, not a heading: see _enumerates)
    ("cn", re.compile(rf"^([{_CN}]{{1,3}})\s*[、.:,]\s*(.*)$")),
    # 【一】, and a short heading whose 、 was lost (二 2021年党政主要负责人…… / 三 存在的不足)
    ("cnl", re.compile(rf"^(【[{_CN}]{{1,3}}】)\s*(.*)$")),
    ("cn", _SPACED_CN := re.compile(
        rf"^([{_CN}]{{1,3}})[ \u3000]+(?![是个项次批名家年月日])(?=[\u4e00-\u9fff\d])(.{{2,46}})$")),
    ("ar", re.compile(r"^(\d{1,2})\s*(?:[、]|\.(?!\d)|[.](?=\D))\s*(.*)$")),
    ("circled", re.compile(r"^([\u2460-\u2473\u2776-\u277f])\s*[、.]?\s*(.*)$")),
    ("enum", re.compile(rf"^([{_CN}]{{1,3}}是)\s*(.*)$")),
)
# Where a run-in heading stops and its body begins.
_RUN_IN_END = re.compile(r"[。!?;:]")
MAX_TITLE = 40
_CAPITALS = str.maketrans("壹贰叁肆伍陆柒捌玖拾", "一二三四五六七八九十")  # 贰、 is 二、
Head = tuple[str, str, str, str]  # (kind, number, title, run-in body), as split_heading gives them
# A line of a table of contents: a heading, leader dots and its page number (二、存在的不足……6).
_TOC_ENTRY = re.compile(r"(?:[.…·・。]{2,}|[…·・])\s*\d{1,3}$")


# After "一、", the next number of the same list (一、二、三等级, 一、二级, 一、二审, 1、2月): an inline
# enumeration. A heading's text may start with a numeral all the same: 二、一年来的主要工作,
# 三、一季度以来……, 四、二〇二四年工作计划, 一、“十四五”期间…… (not the next number, or no unit after it).
_NEXT_ITEM = re.compile(
    rf"^([{_CN}]{{1,4}}|\d{{1,4}})(?:\s*[、,至到~-]|级|等|类|审|期|号|线|档|星|批|届|轮|型|产|胎|孩|层|楼|组|种|年级|季度|月|把手)")


def _enumerates(number: str, rest: str) -> bool:
    """Whether ``rest`` (after the number ``number`` and its 、) goes on with the next number of a list."""
    m = _NEXT_ITEM.match(rest)
    return m is not None and not m.group(1).startswith("两") and value(m.group(1)) == value(number) + 1


def _reads_as_heading(rest: str, title: str) -> bool:
    """A title that is a phrase, not the start of a sentence (no comma or 、 in it or right after it)."""
    return len(title) <= 30 and not re.search(r"[,、]", rest[: len(title) + 1])


def split_heading(text: str, enumeration: bool = False) -> Head | None:
    """(kind, number, title, run-in body) if the line opens with a numbering, else None.

    With ``enumeration``, a line that reads as an enumeration (二、三级……) is a heading all the same
    when its title reads as one: the outline asks so where the report's series lacks that number
    (一、…… 二、三级联动机制建设 三、……; see _fill_series).
    """
    if _TOC_ENTRY.search(text):
        return None  # names a heading, on the contents page; the heading itself comes later
    for kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        number, rest = m.group(1), m.group(2).strip()
        if not rest and kind != "part":
            return None
        title, body = _run_in(rest)
        if kind in ("cn", "ar") and _enumerates(number, rest) and not (enumeration and _reads_as_heading(rest, title)):
            return None
        if kind == "enum" and ((body == "" and len(title) > MAX_TITLE) or len(title) > 30):
            return None  # 一是…… running on as a sentence: an inline enumeration, not a heading
        return kind, number, title, body
    return None


# A heading glued to its body with nothing between (the line breaks were lost): the body opens
# with a numbering of its own (一是 (一) 1.), or a heading's last word meets a body's first words
# (……职责情况县长认真履行……, ……工作安排2024年,我县将……).
_GLUED_NUMBER = re.compile(  # (the look-ahead first: most places open none of them, and say so fast)
    r"(?=[一(\d])(?:(?<![统唯第万同专单])一是|[(][一二三四五六七八九十]{1,3}[)]|\d{1,2}[.、](?!\d))")
_GLUED_WORDS = re.compile(rf"{words('headings.last_words')}(?={words('headings.body_openings')})")


def _glued_end(head: str) -> int | None:
    """Where a heading glued to the text after it ends, within ``head`` (a line up to its first stop):
    before a numbering that opens the body; or, when ``head`` is a sentence (it has a comma), after a
    heading's last word that meets a body's first words in its first clause. None if neither."""
    comma = head.find(",")
    clause = head[: MAX_TITLE if comma < 0 else min(comma, MAX_TITLE)]
    m = _GLUED_NUMBER.search(clause, 2)
    if m is not None:
        return m.start()
    m = _GLUED_WORDS.search(clause) if comma >= 0 else None
    return m.end() if m is not None and m.end() >= 4 else None


def _run_in(rest: str) -> tuple[str, str]:
    """Split "坚持高位推动。市政府……" into a title and the body that runs in after it."""
    m = _RUN_IN_END.search(rest)
    cut = _glued_end(rest[: m.start()] if m else rest)
    if cut is not None:
        return rest[:cut], rest[cut:]
    if m and m.start() <= MAX_TITLE:
        title = rest[: m.start()].strip()
        body = rest[m.end() :].strip()
        if title:
            return title, body
    if len(rest) <= MAX_TITLE + 20:
        return rest.rstrip("。"), ""
    # A long numbered line with no early stop: the first clause is the heading.
    comma = rest.find(",", 8, MAX_TITLE + 20)
    cut = comma if comma > 0 else MAX_TITLE
    return rest[:cut], rest[cut:].lstrip(",")


def value(number: str | None) -> int:
    """The value of a heading number (二、 (二) 2. 贰、 → 2); 0 when it has none."""
    digits = (number or "").strip("()（）【】第部分章篇是").translate(_CAPITALS)
    return cn_number(digits) or 0


# A number, its 、 and another number: a line that may read as an enumeration (split_heading refuses it).
_NUMBER_THEN_NUMBER = re.compile(rf"^(?:[{_CN}]{{1,3}}|\d{{1,2}})\s*[、.:,]\s*(?:[{_CN}]|\d)")


def may_enumerate(text: str) -> bool:
    """Whether a line opens with a number, its 、 and another number (split_heading may refuse it as an enumeration)."""
    return _NUMBER_THEN_NUMBER.match(text) is not None


def numbered(text: str, head: Head | None) -> bool:
    """Whether a line opens with a heading number (not 一是…, nor a number followed only by a space)."""
    return head is not None and head[0] != "enum" and not _SPACED_CN.match(text)
