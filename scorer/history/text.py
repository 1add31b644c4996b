"""Text as the year-over-year comparison reads it: years and numbers masked, punctuation dropped, sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from scorer.years import arabic_years

MASK = "#"  # what a year or a number becomes on both sides
_NOT_CONTENT = re.compile(r"[^\u3400-\u9fffA-Za-z0-9#]+")
_CONTENT = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


@lru_cache(maxsize=32)
def masker(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for the rubric's ``mask`` patterns (None when there are none)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def masked(text: str, mask: re.Pattern[str] | None) -> str:
    """The text as compared: years in digits, then years and numbers masked, only content characters kept."""
    text = arabic_years(text)
    if mask is not None:
        text = mask.sub(MASK, text)
    return _NOT_CONTENT.sub("", text)


def content_chars(text: str) -> int:
    """Chinese characters, letters and digits: what a paragraph says, without its punctuation and spaces."""
    return len(_CONTENT.findall(text))


@lru_cache(maxsize=32)
def _splitter(pattern: str) -> re.Pattern[str]:
    return re.compile(f"(?<={pattern})")


def sentences(text: str, end: str) -> list[str]:
    """The sentences of a paragraph (each with its closing mark), blank ones left out."""
    return [s for s in _splitter(end).split(text) if s.strip()]


def bigrams(text: str) -> set[str]:
    """The pairs of adjacent characters of a masked text: the terms an item and its trace may share."""
    return {text[i:i + 2] for i in range(len(text) - 1)} - {MASK * 2}


def generic_pairs(words: Iterable[str]) -> frozenset[str]:
    """The character pairs inside words that say nothing of a matter (推进, 加强…)."""
    return frozenset(p for w in words for p in bigrams(w))


def short(text: str, limit: int) -> str:
    """A text cut to ``limit`` characters with an ellipsis, for messages."""
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"
