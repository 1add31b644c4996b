"""Recycled paragraphs: this year's paragraphs that are nearly the same as one of last year's."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from scorer.history.pieces import Para
from scorer.history.text import content_chars, masked


@dataclass(frozen=True)
class Copy:
    """A paragraph of this year's and the paragraph of last year's it copies, with their likeness (0-100)."""

    this: Para
    last: Para
    score: float


def recycled(this: Sequence[Para], last: Sequence[Para], mask: re.Pattern[str] | None, threshold: float,
             min_chars: int) -> list[Copy]:
    """Each of ``this`` (with at least ``min_chars`` content characters) whose masked text reads ``threshold``
    or more like a paragraph of ``last`` (rapidfuzz ratio): one scan of last year's paragraphs per paragraph,
    in C, and a paragraph of a length that cannot reach the threshold is never compared."""
    # ratio = 2·matches / (a + b): a paragraph shorter than this cannot reach the threshold with one of min_chars
    floor = min_chars * threshold / (200 - threshold) if threshold < 200 else 0
    choices = [p for p in last if content_chars(p.text) >= floor]
    texts = [masked(p.text, mask) for p in choices]
    out: list[Copy] = []
    if not texts:
        return out
    for para in this:
        if para.heading or content_chars(para.text) < min_chars:
            continue
        found = process.extractOne(masked(para.text, mask), texts, scorer=fuzz.ratio, processor=None,
                                   score_cutoff=threshold)
        if found is not None:
            out.append(Copy(para, choices[found[2]], float(found[1])))
    return out
