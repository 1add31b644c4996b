"""Years in a report: years in Chinese numerals read as digits, and {year}/{next_year} in rubric patterns."""

from __future__ import annotations

import re
from functools import lru_cache

_YEAR_SLOTS = ("{year}", "{next_year}")
# A year in Chinese numerals (二〇二四年), read as 2024 wherever years are compared.
_CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{4})(?=\s*年)")
_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")


def arabic_years(text: str) -> str:
    """``text`` with its years in Chinese numerals (二〇二四年) written in digits (2024年)."""
    if "〇" not in text and "零" not in text and "○" not in text:
        return text  # every such year of this century has a zero
    return _CN_YEAR.sub(lambda m: m.group(1).translate(_CN_DIGITS), text)


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
