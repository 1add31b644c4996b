"""Text helpers of the matcher: years and quoted names out of headings, content characters, sentences, cues."""

from __future__ import annotations

import re

from scorer.years import arabic_years

YEAR = re.compile(r"(19|20)\d{2}\s*(年度|年)?")
# Quoted names of parts (“存在的不足及原因”) are stripped from headings; a short quoted word (“一把手”,
# “放管服”) is a word of the heading and stays.
_QUOTED = re.compile(r"“[^”]{4,60}”|《[^》]{0,60}》|\"[^\"]{4,60}\"|「[^」]{4,60}」")
TITLES = re.compile(r"《[^》]{0,60}》")
_CONTENT_RUN = re.compile(r"[\u3400-\u9fff0-9A-Za-z]+")
NOT_WORD = re.compile(r"[^\u3400-\u9fffA-Za-z0-9]")
SENTENCE_START = re.compile(r"(?<=[。;!?])")
_SENTENCE_MAX = 160


def content_chars(text: str) -> int:
    return sum(map(len, _CONTENT_RUN.findall(text)))  # runs, not characters: far fewer objects


def strip_quotes(text: str) -> str:
    """Quoted titles (“存在的不足及原因”, 《…》) name parts, they do not report them."""
    return _QUOTED.sub("", text)


def sentence_around(text: str, cue: str) -> str:
    """The sentence of ``text`` that holds ``cue`` (cut at 160 characters), for evidence."""
    pos = text.find(cue)
    if pos < 0:
        return text[:120]
    start = max(text.rfind("。", 0, pos) + 1, 0)
    end = text.find("。", pos)
    end = len(text) if end < 0 else end + 1
    sentence = text[start:end]
    return sentence if len(sentence) <= _SENTENCE_MAX else sentence[:_SENTENCE_MAX] + "…"


def opening_cue(cues: list[re.Pattern[str]], text: str, window: int, start: int = 0,
                anywhere: bool = False) -> re.Match[str] | None:
    """The first cue found in ``text`` from ``start`` that begins within ``window`` characters of it."""
    for pattern in cues:
        m = pattern.search(text, start)
        if m and (anywhere or m.start() - start <= window):
            return m
    return None


def first_cue(patterns: list[re.Pattern[str]], text: str, window: int) -> re.Match[str] | None:
    """The first of ``patterns`` opening ``text`` (years in Chinese numerals read as digits, quotes out)."""
    return opening_cue(patterns, arabic_years(strip_quotes(text)), window)
