"""Word styles (basedOn chains, outline levels, hidden text) and automatic list numbering as Word shows it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

# python-docx hands out lxml elements; typed loosely so that type checking needs no lxml stubs.
_Element = Any
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "〇一二三四五六七八九"


def val(ppr: _Element | None, tag: str) -> str | None:
    if ppr is None:
        return None
    el = ppr.find(f"{_W}{tag}")
    return None if el is None else el.get(f"{_W}val")


def to_int(value: str | None, base: int = 10) -> int | None:
    """An attribute's number; None when absent, not a number, or longer than any real one (a 5,000-digit
    start value would make Python refuse to print it, and a list's letters as long as the number)."""
    if value is None or len(value) > 12:
        return None
    try:
        return int(value, base)
    except ValueError:
        return None


def is_on(el: _Element | None) -> bool | None:
    """A toggle property (<w:vanish/>, <w:b w:val="0"/>): None when absent."""
    if el is None:
        return None
    return el.get(f"{_W}val") not in ("0", "false", "off")


class Style(NamedTuple):
    name: str
    based_on: str | None
    outline: int | None
    num_id: str | None
    ilvl: int | None
    hidden: bool | None  # w:vanish in the style's run properties; None: not set here


class Styles:
    """Paragraph and character styles by id, with lookups that follow the basedOn chain."""

    def __init__(self, root: _Element) -> None:
        self.by_id: dict[str, Style] = {}
        self.default: str | None = None
        self._hidden: dict[str | None, bool] = {}
        for s in root.iter(f"{_W}style"):
            sid = s.get(f"{_W}styleId")
            kind = s.get(f"{_W}type", "paragraph")
            if sid is None or kind not in ("paragraph", "character"):
                continue
            if kind == "paragraph" and s.get(f"{_W}default") in ("1", "true", "on"):
                self.default = sid
            name_el, base_el = s.find(f"{_W}name"), s.find(f"{_W}basedOn")
            ppr = s.find(f"{_W}pPr")
            numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
            self.by_id[sid] = Style(
                name=(name_el.get(f"{_W}val") or "") if name_el is not None else "",
                based_on=base_el.get(f"{_W}val") if base_el is not None else None,
                outline=to_int(val(ppr, "outlineLvl")),
                num_id=val(numpr, "numId"),
                ilvl=to_int(val(numpr, "ilvl")),
                hidden=is_on(s.find(f"{_W}rPr/{_W}vanish")),
            )

    def chain(self, sid: str | None) -> Iterator[tuple[str, Style]]:
        seen: set[str] = set()
        while sid is not None and sid in self.by_id and sid not in seen and len(seen) < 20:
            seen.add(sid)
            yield sid, self.by_id[sid]
            sid = self.by_id[sid].based_on

    def hidden(self, sid: str | None) -> bool:
        """Whether text in this style is hidden (w:vanish), following the basedOn chain."""
        if sid not in self._hidden:
            self._hidden[sid] = next((s.hidden for _, s in self.chain(sid) if s.hidden is not None), False)
        return self._hidden[sid]


class _Level(NamedTuple):
    start: int
    fmt: str
    text: str
    restart: int | None
    legal: bool
    suffix: str
    style: str | None


def _parse_levels(el: _Element) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in el.iter(f"{_W}lvl"):
        ilvl = to_int(lvl.get(f"{_W}ilvl"))
        if ilvl is None:
            continue
        levels[ilvl] = _Level(
            start=to_int(val(lvl, "start")) or 0,  # ECMA-376: an omitted start is zero
            fmt=val(lvl, "numFmt") or "decimal",
            text=val(lvl, "lvlText") or "",
            restart=to_int(val(lvl, "lvlRestart")),
            legal=lvl.find(f"{_W}isLgl") is not None and val(lvl, "isLgl") not in ("0", "false", "off"),
            suffix=val(lvl, "suff") or "tab",
            style=val(lvl, "pStyle"),
        )
    return levels


class Numbering:
    """numbering.xml: list definitions plus the running counters, so each label is what Word shows."""

    def __init__(self, root: _Element | None, styles: Styles) -> None:
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.pending: dict[str, dict[int, int]] = {}  # restart values a list instance set, not yet used
        self.started: set[str] = set()
        if root is None:
            return
        for a in root.iterchildren(f"{_W}abstractNum"):
            aid = a.get(f"{_W}abstractNumId") or ""
            self.abstract[aid] = _parse_levels(a)
            link = val(a, "numStyleLink")
            if link:
                self.style_link[aid] = link
        for n in root.iterchildren(f"{_W}num"):
            starts: dict[int, int] = {}
            overrides: dict[int, _Level] = {}
            for o in n.iterchildren(f"{_W}lvlOverride"):
                ilvl = to_int(o.get(f"{_W}ilvl"))
                start = to_int(val(o, "startOverride"))
                if ilvl is not None and start is not None:
                    starts[ilvl] = start
                overrides.update(_parse_levels(o))
            self.nums[n.get(f"{_W}numId") or ""] = (val(n, "abstractNumId") or "", starts, overrides)

    def _resolve(self, num_id: str, depth: int = 0) -> tuple[str, dict[int, _Level]] | None:
        entry = self.nums.get(num_id)
        if entry is None or depth > 5:
            return None
        aid, _, overrides = entry
        link = self.style_link.get(aid)
        if link is not None:  # the list is defined by a numbering style: follow it to the real one
            linked = next((s.num_id for _, s in self.styles.chain(link) if s.num_id), None)
            target = self._resolve(linked, depth + 1) if linked and linked != num_id else None
            if target is not None:
                return target[0], {**target[1], **overrides}
        return aid, {**self.abstract.get(aid, {}), **overrides}

    def label(self, ppr: _Element | None, style_id: str | None) -> str | None:
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        num_id, ilvl = val(numpr, "numId"), to_int(val(numpr, "ilvl"))
        for _, style in self.styles.chain(style_id):
            if num_id is None and style.num_id is not None:
                num_id = style.num_id
                ilvl = ilvl if ilvl is not None else style.ilvl
        if num_id is None or num_id == "0":
            return None
        resolved = self._resolve(num_id)
        if resolved is None:
            return None
        aid, levels = resolved
        if ilvl is None:
            ilvl = next((i for i, lv in levels.items() if lv.style and lv.style == style_id), 0)
        lvl = levels.get(ilvl)
        if lvl is None or lvl.fmt == "bullet":
            return None
        counters = self.counters.setdefault(aid, {})
        pending = self.pending.setdefault(aid, {})
        if num_id not in self.started:  # a list instance that restarts its numbering (startOverride)
            self.started.add(num_id)
            pending.update(self.nums[num_id][1])
        if ilvl in pending:
            counters[ilvl] = pending.pop(ilvl)
        else:
            counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else lvl.start
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            threshold = deeper if restart is None else restart
            if restart != 0 and ilvl < threshold:
                del counters[deeper]

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k)
            if lv is None:
                return ""
            value = counters.get(k, lv.start)
            return format_number(value, "decimal" if lvl.legal and lv.fmt != "none" else lv.fmt)

        text = re.sub(r"%([1-9])", number, lvl.text)
        if not text:
            return None
        if lvl.suffix == "space" or (lvl.suffix == "tab" and text[-1].isascii()):
            text += " "
        return text


_COUNTING = {"chineseCounting", "japaneseCounting", "taiwaneseCounting"}
_THOUSAND = {"chineseCountingThousand", "japaneseCountingThousand", "taiwaneseCountingThousand"}
_LEGAL = {"chineseLegalSimplified": "零壹贰叁肆伍陆柒捌玖", "ideographLegalTraditional": "零壹貳參肆伍陸柒捌玖"}
_SERIES = {"ideographTraditional": "甲乙丙丁戊己庚辛壬癸", "ideographZodiac": "子丑寅卯辰巳午未申酉戌亥",
           "decimalEnclosedCircle": "".join(chr(c) for c in range(0x2460, 0x2474))}
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def format_number(value: int, fmt: str) -> str:
    """A list counter in one of Word's number formats (ST_NumberFormat); decimal when unknown."""
    if fmt == "none":
        return ""
    if fmt in _COUNTING:  # 1-99 in words, then digit by digit as Word does: 一〇五
        return _chinese(value) if value < 100 else "".join(_DIGITS[int(d)] for d in str(value))
    if fmt in _THOUSAND:
        return _chinese(value)
    if fmt in _LEGAL:
        return _chinese(value, bare_ten=False).translate(str.maketrans(_DIGITS + "十百千", _LEGAL[fmt] + "拾佰仟"))
    if fmt in _SERIES and 0 < value <= len(_SERIES[fmt]):
        return _SERIES[fmt][value - 1]
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("upperLetter", "lowerLetter") and 0 < value <= 26 * 100:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 0 < value < 4000:
        roman = ""
        for number, numeral in _ROMAN:
            count, value = divmod(value, number)
            roman += numeral * count
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _chinese(value: int, bare_ten: bool = True) -> str:
    """一, 十, 十一, 二十, 一百〇一, 一千二百: positional Chinese numerals, 〇 for a gap.

    ``bare_ten`` writes 10-19 as 十… (counting); the legal forms always write the one (壹拾…).
    """
    if value <= 0 or value >= 10000:
        return str(value)
    out = ""
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "〇"
            zero = False
        out += ("" if bare_ten and unit == 10 and digit == 1 and not out else _DIGITS[digit]) + name
    return out
