"""Years in a report: the year it is on, years in Chinese numerals, and {year}/{next_year} in rubric patterns."""

from __future__ import annotations

import re
from functools import lru_cache

from scorer.model import Outline

# The year a report is on: the year in its title (a preamble line naming 报告/总结, then one naming
# 法治), else the year its text opens with (2023年,我县……), else its date less one.
_TITLE_YEAR = (re.compile(r"((?:19|20)\d{2})\s*年(?:度)?(?=[^。]{0,30}(?:报告|总结))"),
               re.compile(r"((?:19|20)\d{2})\s*年(?:度)?(?=[^。\d]{0,30}法治)"))
_DATE_LINE = re.compile(r"^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?\s*$")
_OPENING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年(?:度|以来)?[,是]")
_YEAR_SLOTS = ("{year}", "{next_year}")
# A year in Chinese numerals (二〇二四年), read as 2024 wherever years are compared.
_CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{4})(?=\s*年)")
_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")


def arabic_years(text: str) -> str:
    """``text`` with its years in Chinese numerals (二〇二四年) written in digits (2024年)."""
    if "〇" not in text and "零" not in text and "○" not in text:
        return text  # every such year of this century has a zero
    return _CN_YEAR.sub(lambda m: m.group(1).translate(_CN_DIGITS), text)


def report_year(outline: Outline) -> int | None:
    """The year the report is on: from its title, its opening sentence or its 成文日期; None when none says."""
    texts = [arabic_years(para.text) for para in outline.root.body[:12]]
    for pattern in _TITLE_YEAR:  # a line that names the report first, then one that names 法治
        for text in texts:
            if len(text) <= 80 and (m := pattern.search(text)):
                return int(m.group(1))
    for text in texts:
        if m := _OPENING_YEAR.match(text):
            return int(m.group(1))
    # The date at the end (成文日期): a report dated in the first half of 2024 is on 2023.
    tail = [p for sec in outline.sections[-3:] for p in sec.body][-8:]
    for para in reversed(tail):
        if m := _DATE_LINE.match(arabic_years(para.text)):
            return int(m.group(1)) - (1 if int(m.group(2)) <= 6 else 0)
    return None


@lru_cache(maxsize=256)
def _any_year(pattern: re.Pattern[str]) -> re.Pattern[str]:
    text = pattern.pattern.replace("{year}", r"(?:19|20)\d\d").replace("{next_year}", r"(?:19|20)\d\d")
    return re.compile(text, pattern.flags)


@lru_cache(maxsize=256)
def _fill_year(pattern: re.Pattern[str], year: int) -> re.Pattern[str]:
    return re.compile(pattern.pattern.replace("{year}", str(year)).replace("{next_year}", str(year + 1)),
                      pattern.flags)


@lru_cache(maxsize=1024)
def with_years(patterns: tuple[re.Pattern[str], ...], year: int | None,
               any_year: bool = False) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """Each pattern with ``{year}``/``{next_year}`` filled in, and whether it names a year.

    A pattern naming a year is searched in text that keeps its years; with no known report year
    it is left out, or with ``any_year`` takes any year.
    """
    out: list[tuple[re.Pattern[str], bool]] = []
    for pat in patterns:
        if any(slot in pat.pattern for slot in _YEAR_SLOTS):
            if year is not None:
                out.append((_fill_year(pat, year), True))
            elif any_year:
                out.append((_any_year(pat), True))
        else:
            out.append((pat, False))
    return tuple(out)
