"""Clean scraped Chinese text line by line (script, pinyin, punctuation, widths, spaces), keeping the line map."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from scorer.layout import words
from scorer.linescan import factors
from scorer.model import Document, Line, Noise, NormalizedDocument

_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A pinyin reading in brackets right after a Chinese character, as scrapers of some sites leave
# them: 建設(shè), 領(lǐng). At least one tone mark, so "(a)" or "(ABC)" is never touched.
# The bracket comes first and the look-behind after it, so the regex engine scans for brackets
# instead of testing a look-behind at every character (same matches, 3× faster).
# Also with a space before the bracket (建设 (shè)) and with tone digits (建设(she4)).
_PINYIN = re.compile(
    rf"[(（](?:(?<=[\u3400-\u9fff][(（])|(?<=[\u3400-\u9fff] [(（]))"
    rf"(?:(?=[a-zü{_TONES}]*[{_TONES}])[a-zü{_TONES}]{{1,7}}|[a-zü]{{1,6}}[1-5])[)）]"
)
# HTML character references a scraper left in (&nbsp; &ldquo; &#12289;), decoded.
_ENTITY = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")
# A line that is only a page number (- 3 -, —5—, 第3页 共8页, 3/8), as copied from a PDF.
_PAGE_LINE = re.compile(
    r"^[ \t\u3000]*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})[ \t\u3000]*$", re.MULTILINE)
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u200b\u200c\u200d\u2060\ufeff]")
_CJK_GAP = re.compile(r"[ \t\u3000](?<=[\u3400-\u9fff][ \t\u3000])[ \t\u3000]*(?=[\u3400-\u9fff])")
_MULTI_SPACE = re.compile(r"[ \t\u3000]{2,}")
_PUNCT_RUN = re.compile(r"[,、。;:]{2,}")
_PUNCT_RANK = {"。": 5, ";": 4, ":": 3, "、": 2, ",": 1}
# Watermarks of document-sharing sites (rubrics/vocabulary/layout.yaml), spliced even into headings.
_WATERMARK = re.compile(words("noise.watermarks"))
_WATERMARK_FACTORS = factors(_WATERMARK.pattern, 0)  # one of these is in every watermark: most texts hold none
_MOJIBAKE = re.compile(r"\ufffd+|[\ue000-\uf8ff]+|锟斤拷|烫烫烫|屯屯屯|\?[,!][A-Za-z\u3400-\u9fff]")
_MOJIBAKE_FIRST = re.compile("[\ufffd\ue000-\uf8ff锟烫屯?]")  # every branch of _MOJIBAKE starts with one
# Full-width ASCII (！ to ～) folds to half-width; so do the ideographic full stop look-alikes
# that are not Chinese punctuation proper.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0xFF61: ord("。"), 0xFF64: ord("、")})
_WIDTH_STR = {chr(k): chr(v) for k, v in _WIDTH.items()}
_WIDE = re.compile("[\uff01-\uff5e\uff61\uff64]")


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s.json")


_CJK_CHAR = re.compile("[\u4e00-\u9fff]")


def _cjk_count(text: str) -> int:
    return len(_CJK_CHAR.findall(text))


def _collapse_punct(match: re.Match[str]) -> str:
    run = match.group(0)
    return max(run, key=lambda ch: _PUNCT_RANK[ch])


class _Tally:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.first: dict[str, tuple[int, str]] = {}

    def add(self, kind: str, n: int, source: int, sample: str) -> None:
        if n <= 0:
            return
        self.counts[kind] = self.counts.get(kind, 0) + n
        self.first.setdefault(kind, (source, sample))

    def noise(self) -> tuple[Noise, ...]:
        return tuple(
            Noise(kind, self.counts[kind], self.first[kind][0], self.first[kind][1])
            for kind in sorted(self.counts, key=lambda k: (self.first[k][0], k))
        )


def _strip_pinyin(text: str) -> str:
    """Remove pinyin readings until none is left: 建(shè)(shè) loses both, so normalizing is idempotent."""
    n = 1
    while n:
        text, n = _PINYIN.subn("", text)
    return text


def _entity(m: re.Match[str]) -> str:
    import html

    ch = html.unescape(m.group(0))
    return " " if ch in ("\n", "\r") else ch


def _decode_entities(text: str) -> str:
    """Decode character references until none is left (&amp;nbsp; too), so normalizing is idempotent."""
    while (decoded := _ENTITY.sub(_entity, text)) != text:
        text = decoded
    return text


def _entities(text: str) -> list[re.Match[str]]:
    """The character references in ``text`` that decode to something else (not an unknown &foo;)."""
    return [m for m in _ENTITY.finditer(text) if _entity(m) != m.group(0)]


def _sample(text: str, start: int, end: int, pad: int = 6) -> str:
    return text[max(0, start - pad) : end + pad].strip()


def clean_line(text: str, tally: _Tally | None = None, source: int = 0) -> str:
    """Normalize one line (everything but script conversion, which is done per document)."""
    return "\n".join(_clean(text, [source] * (text.count("\n") + 1), tally or _Tally()))


def _tally_first(tally: _Tally, kind: str, n: int, joined: str, m: re.Match[str], sources: list[int],
                 pad: int) -> None:
    """Count ``n`` hits of ``kind`` and sample the first, ``m``, within its own line of ``joined``."""
    start = joined.rfind("\n", 0, m.start()) + 1
    end = joined.find("\n", m.end())
    line = joined[start : end if end >= 0 else len(joined)]
    tally.add(kind, n, sources[joined.count("\n", 0, start)], _sample(line, m.start() - start, m.end() - start, pad))


def _fold_width(text: str) -> str:
    for ch in set(_WIDE.findall(text)):
        text = text.replace(ch, _WIDTH_STR[ch])
    return text


def _doubled(text: str) -> list[re.Match[str]]:
    """Runs of mixed punctuation (,。 ,、) or doubled marks other than 。。 (an ellipsis), as scrapers leave them."""
    return [m for m in _PUNCT_RUN.finditer(text) if len(set(m.group(0))) > 1 or m.group(0)[0] != "。"]


def _watermarks(text: str) -> list[re.Match[str]]:
    if _WATERMARK_FACTORS is not None and not any(f in text for f in _WATERMARK_FACTORS):
        return []
    return list(_WATERMARK.finditer(text))


def _unwatermark(text: str) -> str:
    return _WATERMARK.sub("", text) if _watermarks(text) else text


def _mojibake(text: str) -> list[re.Match[str]]:
    return list(_MOJIBAKE.finditer(text)) if _MOJIBAKE_FIRST.search(text) else []


def _strip_lines(text: str) -> str:
    return "\n".join(t.strip(" \t\u3000\r\n") for t in text.split("\n"))


@dataclass(frozen=True)
class _Step:
    """One cleaning step: the noise it reports (its hits, sampled with ``pad`` characters), and the fix."""

    kind: str | None
    hits: Callable[[str], list[re.Match[str]]] | None
    fix: Callable[[str], str]
    pad: int = 0


# The cleaning, in order. Every pattern stops at a newline and every fix but the strip works character
# by character, so a step over the joined document equals the same step line by line.
_STEPS: tuple[_Step, ...] = (
    _Step("html-entity", lambda t: _entities(t) if "&" in t else [], _decode_entities, 4),
    _Step("odd-spaces", lambda t: list(_ODD_SPACE.finditer(t)), lambda t: _ODD_SPACE.sub(" ", t), 6),
    _Step(None, None, _fold_width),
    _Step("watermark", _watermarks, _unwatermark, 4),
    _Step("page-number", lambda t: list(_PAGE_LINE.finditer(t)), lambda t: _PAGE_LINE.sub("", t)),
    _Step("pinyin-annotation", lambda t: list(_PINYIN.finditer(t)), _strip_pinyin, 2),
    _Step("doubled-punctuation", _doubled, lambda t: _PUNCT_RUN.sub(_collapse_punct, t), 4),
    _Step("mojibake", _mojibake, lambda t: t, 4),  # reported, not repaired: nothing to repair it with
    _Step(None, None, _strip_lines),
    _Step(None, None, lambda t: _MULTI_SPACE.sub(" ", _CJK_GAP.sub("", t))),
)


def _clean(text: str, sources: list[int], tally: _Tally) -> list[str]:
    """``text`` (lines joined by newlines, with their source lines) through every step, noise tallied."""
    for step in _STEPS:
        found = step.hits(text) if step.hits is not None else []
        if found and step.kind is not None:
            _tally_first(tally, step.kind, len(found), text, found[0], sources, step.pad)
        text = step.fix(text)
    return text.split("\n")


def _clean_document(texts: list[str], sources: list[int], tally: _Tally) -> list[str]:
    """The steps once over the joined document (far fewer calls than line by line)."""
    if any("\n" in t for t in texts):  # a line that holds line breaks keeps them
        return [clean_line(t, tally, s) for t, s in zip(texts, sources, strict=True)]
    return _clean("\n".join(texts), sources, tally)


def to_simplified(lines: list[str]) -> tuple[list[str], bool]:
    """Convert traditional script to simplified when the text is mostly traditional."""
    joined = "\n".join(lines)
    if not _CJK_CHAR.search(joined):
        return lines, False
    converted: str = _converter().convert(joined)
    if converted == joined:  # the common case: already simplified, nothing to count
        return lines, False
    cjk = _cjk_count(joined)
    changed = sum(1 for a, b in zip(joined, converted, strict=False) if a != b)
    if changed < 5 or changed < cjk * 0.01:
        return lines, False
    out = converted.split("\n")
    if len(out) != len(lines):  # never lose the line map
        out = [_converter().convert(t) for t in lines]
    return out, True


def normalize(doc: Document) -> NormalizedDocument:
    tally = _Tally()
    cleaned = _clean_document([line.text for line in doc.lines], [line.source for line in doc.lines], tally)
    simplified, was_traditional = to_simplified(cleaned)
    if was_traditional:
        first = next((i for i, (a, b) in enumerate(zip(cleaned, simplified, strict=True)) if a != b), 0)
        tally.add("traditional-script", 1, doc.lines[first].source if doc.lines else 1, cleaned[first][:20])
    lines = tuple(
        Line(text, line.source, line.page, line.level) for text, line in zip(simplified, doc.lines, strict=True)
    )
    return NormalizedDocument(
        path=doc.path,
        format=doc.format,
        lines=lines,
        raw_lines=tuple(line.text for line in doc.lines),
        noise=tally.noise(),
        script="traditional" if was_traditional else "simplified",
    )


def normalize_text(text: str) -> str:
    """Normalize a free string the same way as a document (used for rubric phrases and tests)."""
    lines, _ = to_simplified([clean_line(t) for t in text.split("\n")])
    return "\n".join(lines)
