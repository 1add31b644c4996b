"""Numbers written in Chinese numerals or Arabic digits (二〇二四, 十二, 二十八), as officials write them."""

from __future__ import annotations

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> int | None:
    """An integer written in Arabic digits or Chinese numerals (二〇二四, 十二, 二十八, 三十一)."""
    text = text.strip()
    if text.isdecimal():  # not isdigit(): ① and ² are digits that int() refuses
        return int(text)
    if not text:
        return None
    if "十" not in text:
        digits = [_CN_DIGIT.get(ch) for ch in text]
        if any(d is None for d in digits):
            return None
        return int("".join(str(d) for d in digits))
    tens, _, units = text.partition("十")
    t = 1 if tens == "" else _CN_DIGIT.get(tens)
    u = 0 if units == "" else _CN_DIGIT.get(units)
    if t is None or u is None or len(tens) > 1 or len(units) > 1:
        return None
    return t * 10 + u
