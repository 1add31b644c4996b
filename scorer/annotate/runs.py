"""The runs of a Word paragraph that hold given words: found as the reader saw them (width, script and case folded),
and split at the words' ends so that a comment covers them exactly; the text itself is never changed."""

from __future__ import annotations

import copy
import unicodedata
from functools import lru_cache
from typing import Any

_Element = Any  # lxml elements from python-docx; typed loosely so that type checking needs no lxml stubs
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Inside a paragraph, subtrees whose runs are not its visible text (deleted text, a text box's own paragraphs).
_NOT_OURS = {f"{W}{t}" for t in ("del", "moveFrom", "txbxContent")}
_ONE_CHAR = {f"{W}{t}": ch for t, ch in (("tab", "\t"), ("br", "\n"), ("cr", "\n"), ("noBreakHyphen", "-"),
                                          ("softHyphen", ""), ("sym", " "))}
_FIELD = {f"{W}fldChar", f"{W}instrText", f"{W}fldSimple"}


def runs_of(p: _Element) -> list[_Element]:
    """The runs whose text this paragraph shows, in order (not those of a text box anchored in it)."""
    out = []
    for r in p.iter(f"{W}r"):
        up = r.getparent()
        while up is not None and up is not p and up.tag not in _NOT_OURS:
            up = up.getparent()
        if up is p:
            out.append(r)
    return out


def run_text(r: _Element) -> str:
    return "".join(_piece(child) for child in r)


def _piece(child: _Element) -> str:
    if child.tag == f"{W}t":
        return str(child.text or "")
    return _ONE_CHAR.get(child.tag, "")


def span_runs(p: _Element, marks: tuple[str, ...]) -> tuple[_Element, _Element] | None:
    """The first and last run covering the marked words (runs split at their ends), or every run with text when
    there are no marks or none is found; None for a paragraph without a run."""
    runs = runs_of(p)
    if not runs:
        return None
    texts = [run_text(r) for r in runs]
    spans = [s for s in (find("".join(texts), m) for m in marks if m) if s]
    if not spans:
        shown = [r for r, text in zip(runs, texts, strict=True) if text.strip()] or runs
        return shown[0], shown[-1]
    first = _cut(runs, texts, min(s[0] for s in spans), keep="right")
    runs = runs_of(p)
    last = _cut(runs, [run_text(r) for r in runs], max(s[1] for s in spans), keep="left")
    return first, last


def find(text: str, mark: str) -> tuple[int, int] | None:
    """Where ``mark`` (as the scorer read it: half-width, simplified, cleaned) stands in ``text``, or None."""
    at = text.find(mark)
    if at >= 0:
        return at, at + len(mark)
    folded, origin = fold(text)
    needle, _ = fold(mark)
    at = folded.find(needle) if needle else -1
    if at < 0:
        return None
    return origin[at], origin[at + len(needle) - 1] + 1


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` with width, case and script folded and spaces dropped, and where each folded character came from."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).lower():
            if not c.isspace():
                chars.append(c)
                origin.append(i)
    folded = "".join(chars)
    simplified = _simplified(folded)
    return (simplified if len(simplified) == len(folded) else folded), origin


def _simplified(text: str) -> str:
    """Traditional characters as simplified, as normalization converts a traditional report (OpenCC t2s)."""
    return str(_t2s().convert(text))


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s.json")


def _cut(runs: list[_Element], texts: list[str], at: int, keep: str) -> _Element:
    """The run that starts (keep="right") or ends (keep="left") at text offset ``at``, splitting a run there; a run
    that is part of a field is never split (the whole run is taken)."""
    pos = 0
    for r, text in zip(runs, texts, strict=True):
        end = pos + len(text)
        inside = pos <= at < end if keep == "right" else pos < at <= end
        if inside:
            inner = at - pos
            if inner in (0, len(text)) or any(el.tag in _FIELD for el in r.iter()):
                return r
            right = split(r, inner)
            return right if keep == "right" else r
        pos = end
    return runs[-1] if keep == "left" else runs[0]


def split(r: _Element, at: int) -> _Element:
    """Split a run at a text offset: ``r`` keeps the text before, a copy (same properties) after it is returned."""
    right = copy.deepcopy(r)
    _keep(r, 0, at)
    _keep(right, at, None)
    r.addnext(right)
    return right


def _keep(r: _Element, start: int, end: int | None) -> None:
    """Keep only the content of a run between two text offsets (its properties stay); content without text (an
    image, a page-break mark) stays on the side it stands on, so that it is never doubled."""
    pos = 0
    for child in list(r):
        if child.tag == f"{W}rPr":
            continue
        piece = _piece(child)
        lo, hi = pos, pos + len(piece)
        pos = hi
        if not piece:
            if not (start <= lo and (end is None or lo < end)):
                r.remove(child)
        elif child.tag == f"{W}t":
            a, b = max(start - lo, 0), len(piece) if end is None else min(end - lo, len(piece))
            if a >= b:
                r.remove(child)
            elif (a, b) != (0, len(piece)):
                child.text = piece[a:b]
                child.set(XML_SPACE, "preserve")
        elif not (start <= lo and (end is None or hi <= end)):
            r.remove(child)
