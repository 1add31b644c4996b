"""Last year's plan, item by item, and the best trace of each item in what this year's report says was done."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz

from scorer.history.pieces import Para
from scorer.history.text import bigrams, content_chars, masked, sentences


@dataclass(frozen=True)
class Item:
    """One task of last year's plan: its words and its line in last year's report."""

    text: str
    source: int


@dataclass(frozen=True)
class Trace:
    """The best trace of an item in this year's report: how much of the item it holds (0-1), and where."""

    score: float
    fuzzy: float
    text: str | None
    source: int | None


@dataclass(frozen=True)
class ItemRules:
    markers: re.Pattern[str]
    end: str
    min_chars: int
    skip: tuple[re.Pattern[str], ...]
    closing: tuple[re.Pattern[str], ...] = ()  # paragraphs that close the report (特此报告), never an item


def plan_items(paras: Sequence[Para], rules: ItemRules) -> list[Item]:
    """Split a plan part into its items: each subsection with no subsections under it, each 一是/(一)/1./①
    inside a paragraph; with neither, each sentence. Leads and slogans (rules.skip) are no items."""
    paras = [p for p in paras if not any(c.search(p.text.strip()) for c in rules.closing)]
    blocks = _blocks(paras)
    structured = any(head is not None for head, _ in blocks) or any(
        len(rules.markers.findall(p.text)) >= 2 for p in paras)
    items: list[Item] = []
    for head, body in blocks:
        text = "".join(p.text for p in ([head] if head is not None else []) + body)
        source = (head or body[0]).source
        pieces = _split(text, rules.markers)
        if len(pieces) >= 2:  # the text before the first marker is the block's lead
            items.extend(Item(t, source) for t in pieces[1:])
        elif head is not None and head.leaf:
            items.append(Item(text, source))
        elif not structured:
            items.extend(Item(s, p.source) for p in body for s in sentences(p.text, rules.end))
    return [i for i in items if content_chars(i.text) >= rules.min_chars
            and not any(p.search(i.text.strip()) for p in rules.skip)]


def _blocks(paras: Sequence[Para]) -> list[tuple[Para | None, list[Para]]]:
    """The part's text cut at its subheadings: (subheading or None for the lead, the paragraphs under it)."""
    blocks: list[tuple[Para | None, list[Para]]] = []
    for p in paras:
        if p.heading:
            blocks.append((p, []))
        elif blocks:
            blocks[-1][1].append(p)
        else:
            blocks.append((None, [p]))
    return [(h, b) for h, b in blocks if h is not None or b]


def _split(text: str, markers: re.Pattern[str]) -> list[str]:
    """The text before the first marker, then the text after each marker up to the next (markers dropped)."""
    found = [m for m in markers.finditer(text) if m.end() > m.start()]
    if len(found) < 2:
        return [text]
    ends = [m.start() for m in found[1:]] + [len(text)]
    return [text[:found[0].start()].strip()] + [text[m.end():e].strip() for m, e in zip(found, ends, strict=True)]


def traces(items: Sequence[Item], done: Sequence[Para], mask: re.Pattern[str] | None, end: str,
           generic: frozenset[str]) -> list[Trace]:
    """For each item, the sentence (or two sentences in a row) of ``done`` that holds most of its key terms,
    weighted by how rare each term is across both texts; and how well the item reads inside it."""
    units = _units(done, end)
    unit_masked = [masked(text, mask) for text, _ in units]
    unit_terms = [bigrams(t) - generic for t in unit_masked]
    item_masked = [masked(i.text, mask) for i in items]
    item_terms = [bigrams(t) - generic for t in item_masked]
    weight = _rarity(unit_terms + item_terms)
    index: dict[str, list[int]] = {}
    for k, terms in enumerate(unit_terms):
        for term in terms:
            index.setdefault(term, []).append(k)
    out: list[Trace] = []
    for terms, text in zip(item_terms, item_masked, strict=True):
        total = sum(weight[t] for t in terms)
        hits: dict[int, float] = {}
        for term in terms:
            for k in index.get(term, ()):
                hits[k] = hits.get(k, 0.0) + weight[term]
        if not total or not hits:
            out.append(Trace(0.0, 0.0, None, None))
            continue
        best = sorted(hits, key=lambda k: (-hits[k], k))[:_TOP]
        fuzzy = [_reads_in(text, unit_masked[k]) for k in best]
        k = best[max(range(len(best)), key=lambda j: (hits[best[j]] / total + fuzzy[j] / 100, -j))]
        out.append(Trace(hits[k] / total, max(fuzzy), units[k][0], units[k][1]))
    return out


_TOP = 3  # sentences richest in an item's key terms that are read against it


def _reads_in(item: str, unit: str) -> float:
    """How well an item reads inside a sentence (partial ratio), less for a sentence shorter than the item."""
    if not item or not unit:
        return 0.0
    return float(fuzz.partial_ratio(item, unit, processor=None)) * min(1.0, len(unit) / len(item))


def _units(done: Sequence[Para], end: str) -> list[tuple[str, int]]:
    """What this year's report says was done, as sentences and as pairs of sentences in a row."""
    out: list[tuple[str, int]] = []
    for p in done:
        sents = sentences(p.text, end)
        out.extend((s, p.source) for s in sents)
        out.extend((a + b, p.source) for a, b in pairwise(sents))
    return out


def _rarity(docs: list[set[str]]) -> dict[str, float]:
    """Each term's weight: rare terms (三项制度, 监督员) say more of an item than common ones (行政, 执法)."""
    df: dict[str, int] = {}
    for terms in docs:
        for t in terms:
            df[t] = df.get(t, 0) + 1
    n = len(docs) + 1
    return {t: math.log(n / c) + 0.1 for t, c in df.items()}
