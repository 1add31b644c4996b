"""Neutralise what a report's text or a file's name could do to a terminal, an XML file or a page.

Report text, file names and a user's rubric reach every format. In them, an escape sequence
(``ESC[2J`` clears the screen, OSC 8 makes a hidden link, OSC 0 sets the window title), any other
C0 or C1 control character, a bidirectional override (which makes text display in another order
than it reads) or a lone surrogate (a file name that is not valid UTF-8, as Python decodes it)
is written as a visible escape: ``\\x1b``, ``\\x9b``, ``\\u202e``, and the byte ``\\xff`` for a
name's undecodable byte. Ordinary text, Chinese included, is untouched. The JSON formats escape
instead (``\\u001b``), which JSON readers turn back into the same string.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from enum import Enum
from typing import Any, TypeVar, cast

T = TypeVar("T")
# C0 controls but tab and newline, DEL, C1 controls, bidirectional controls, line and paragraph
# separators, surrogates, the byte-order mark in text, and the two non-characters XML forbids.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
                     "\ud800-\udfff\ufeff\ufffe\uffff]")
_UNSAFE_LINE = re.compile(_UNSAFE.pattern[:-1] + "\t\n]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufeff\ufffe\uffff]")
_BACKTICKS = re.compile("`+")


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def text(value: object) -> str:
    """``value`` as text with every unsafe character written as a visible escape; newlines and tabs kept."""
    s = str(value)
    return _UNSAFE.sub(_escape, s) if _UNSAFE.search(s) else s


def line(value: object) -> str:
    """``text``, and newlines and tabs escaped too: for what must stay on one line (a path, an error)."""
    s = str(value)
    return _UNSAFE_LINE.sub(_escape, s) if _UNSAFE_LINE.search(s) else s


def json_text(dumped: str) -> str:
    """A JSON document whose raw C1, bidirectional and surrogate characters are \\u-escaped (the same
    data to a JSON reader; no surprise to a terminal that shows the file; and encodable as UTF-8)."""
    if not _JSON_UNSAFE.search(dumped):
        return dumped
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def code_span(value: object) -> str:
    """``value`` as one Markdown code span, whatever back-ticks it holds (CommonMark: the fence is
    longer than any run of back-ticks inside, with a space when the text starts or ends with one)."""
    s = line(value)
    longest = max((len(run) for run in _BACKTICKS.findall(s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if s.startswith("`") or s.endswith("`") or (s.startswith(" ") and s.endswith(" ") and s.strip()) else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def clean(value: T) -> T:
    """A copy of a result value (a RunResult, a Scorecard, any frozen dataclass, tuple, list or dict
    of them) with every string made ``text``-safe and every ``path`` made ``line``-safe; the value
    itself when nothing needed it. Enums and numbers are kept as they are."""
    return cast(T, _clean(value))


def _clean(value: Any) -> Any:
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return text(value)
    if is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for f in fields(value):
            old = getattr(value, f.name)
            new = line(old) if f.name == "path" and isinstance(old, str) else _clean(old)
            if new is not old and new != old:
                changes[f.name] = new
        return replace(value, **changes) if changes else value
    if isinstance(value, (tuple, list)):
        items = [_clean(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(items) if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        pairs = {k: _clean(v) for k, v in value.items()}
        return pairs if any(pairs[k] is not v for k, v in value.items()) else value
    return value
