"""Clean scraped Chinese text line by line (script, pinyin, punctuation, widths, spaces), keeping the line map."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

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
    if "&" in text:
        ents = _entities(text)
        if ents and tally is not None:
            tally.add("html-entity", len(ents), source, _sample(text, ents[0].start(), ents[0].end(), 4))
        text = _decode_entities(text)
    raw = text
    if tally is not None:
        m = _ODD_SPACE.search(raw)
        if m:
            tally.add("odd-spaces", len(_ODD_SPACE.findall(raw)), source, _sample(raw, m.start(), m.end()))
    text = _ODD_SPACE.sub(" ", text)
    text = text.translate(_WIDTH)
    page = _PAGE_LINE.search(text)
    if page:
        if tally is not None:
            tally.add("page-number", 1, source, text.strip())
        text = ""
    if tally is not None:
        found = list(_PINYIN.finditer(text))
        if found:
            tally.add("pinyin-annotation", len(found), source, _sample(text, found[0].start(), found[0].end(), 2))
    text = _strip_pinyin(text)
    if tally is not None:
        runs = [m for m in _PUNCT_RUN.finditer(text) if len(set(m.group(0))) > 1 or m.group(0)[0] != "。"]
        if runs:
            tally.add("doubled-punctuation", len(runs), source, _sample(text, runs[0].start(), runs[0].end(), 4))
        mb = list(_MOJIBAKE.finditer(text))
        if mb:
            tally.add("mojibake", len(mb), source, _sample(text, mb[0].start(), mb[0].end(), 4))
    text = _PUNCT_RUN.sub(_collapse_punct, text)
    text = text.strip(" \t\u3000\r\n")
    text = _CJK_GAP.sub("", text)
    text = _MULTI_SPACE.sub(" ", text)
    return text


def _tally_first(tally: _Tally, kind: str, n: int, joined: str, m: re.Match[str], sources: list[int],
                 pad: int) -> None:
    """Count ``n`` hits of ``kind`` and sample the first, ``m``, within its own line of ``joined``."""
    start = joined.rfind("\n", 0, m.start()) + 1
    end = joined.find("\n", m.end())
    line = joined[start : end if end >= 0 else len(joined)]
    tally.add(kind, n, sources[joined.count("\n", 0, start)], _sample(line, m.start() - start, m.end() - start, pad))


def _clean_document(texts: list[str], sources: list[int], tally: _Tally) -> list[str]:
    """clean_line on every line, done once over the joined document (same result, far fewer calls).

    Every pattern stops at a newline and every step but the strip works character by character,
    so each substitution over the joined text equals the same substitution line by line; the
    tally counts all hits and samples the first, as clean_line does.
    """
    if any("\n" in t for t in texts):
        return [clean_line(t, tally, s) for t, s in zip(texts, sources, strict=True)]
    text = "\n".join(texts)
    if "&" in text:
        ents = _entities(text)
        if ents:
            _tally_first(tally, "html-entity", len(ents), text, ents[0], sources, 4)
            text = _decode_entities(text)
    m = _ODD_SPACE.search(text)
    if m:
        _tally_first(tally, "odd-spaces", len(_ODD_SPACE.findall(text)), text, m, sources, 6)
        text = _ODD_SPACE.sub(" ", text)
    for ch in {ch for ch in _WIDE.findall(text)}:
        text = text.replace(ch, _WIDTH_STR[ch])
    pages = list(_PAGE_LINE.finditer(text))
    if pages:
        _tally_first(tally, "page-number", len(pages), text, pages[0], sources, 0)
        text = _PAGE_LINE.sub("", text)
    found = list(_PINYIN.finditer(text))
    if found:
        _tally_first(tally, "pinyin-annotation", len(found), text, found[0], sources, 2)
        text = _strip_pinyin(text)
    all_runs = list(_PUNCT_RUN.finditer(text))
    runs = [m for m in all_runs if len(set(m.group(0))) > 1 or m.group(0)[0] != "。"]
    if runs:
        _tally_first(tally, "doubled-punctuation", len(runs), text, runs[0], sources, 4)
    mb = list(_MOJIBAKE.finditer(text)) if _MOJIBAKE_FIRST.search(text) else []
    if mb:
        _tally_first(tally, "mojibake", len(mb), text, mb[0], sources, 4)
    if all_runs:
        text = _PUNCT_RUN.sub(_collapse_punct, text)
    text = "\n".join(t.strip(" \t\u3000\r\n") for t in text.split("\n"))
    text = _CJK_GAP.sub("", text)
    text = _MULTI_SPACE.sub(" ", text)
    return text.split("\n")


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
