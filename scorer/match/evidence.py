"""What a part must report, not merely name: its evidence sentences, claims of it, and mentions of a missing part."""

from __future__ import annotations

import re

from scorer.match import weights
from scorer.match.text import TITLES, sentence_around, strip_quotes
from scorer.model import Outline
from scorer.rubric import CriterionSpec
from scorer.years import arabic_years, with_years


def reports(crit: CriterionSpec, texts: list[str], own_heading: bool = False, claims: bool = False) -> str | None:
    """The first sentence among ``texts`` that holds the part's evidence (None: none; a part with no
    evidence patterns takes any text as reporting it). Under the part's own heading, which names the
    subject, a sentence may leave it out; with ``claims``, a leader claimed to fulfil it counts too."""
    if not crit.evidence:
        return "" if texts else None
    for text in texts:
        if m := evidence_in(crit, text, own_heading, claims):
            return sentence_around(text, m.group(0))
    return None


def evidence_in(crit: CriterionSpec, text: str, own_heading: bool = False, claims: bool = False,
                preamble: bool = False) -> re.Match[str] | None:
    """The first evidence of a part in one text whose sentence is on the part's topic; with ``claims``, a claim
    of it too (in the ``preamble``, only one of the rubric's ``preamble_subjects``)."""
    if crit.evidence_probe is not None and not crit.evidence_probe.search(text):
        return None  # no word of an act or a claim: nothing to look at closely
    text = TITLES.sub("", text)  # 《党政主要负责人履行……职责规定》 is a title
    patterns = crit.evidence_implied if own_heading else crit.evidence
    if claims:
        patterns = (*patterns, *(crit.evidence_preamble_claims if preamble else crit.evidence_claims))
    for pattern in patterns:
        for m in pattern.finditer(text):
            if crit.evidence_topic is None or crit.evidence_topic.search(sentence_around(text, m.group(0))):
                return m
    return None


def mention(crit: CriterionSpec, outline: Outline) -> str | None:
    """The clause that first mentions a missing part (全面压实第一责任人职责), to quote it to the reader."""
    if not crit.mentions:
        return None
    for sec in outline.sections:
        for text in ([sec.title] if sec.index else []) + [p.text for p in sec.body]:
            for pattern in crit.mentions:
                if m := pattern.search(text):
                    return _clause(text, m)
    return None


def _clause(text: str, m: re.Match[str]) -> str:
    start = max((text.rfind(ch, 0, m.start()) for ch in ",。;:"), default=-1) + 1
    ends = [i for ch in ",。;" if (i := text.find(ch, m.end())) >= 0]
    clause = text[start:min(ends, default=len(text))].strip()
    return clause if len(clause) <= weights.MENTION_MAX else clause[: weights.MENTION_MAX] + "…"


def speaks_of(crit: CriterionSpec, text: str, year: int | None = None) -> bool:
    """Whether a paragraph names a part: one of its cues or anchors anywhere in it."""
    text = arabic_years(strip_quotes(text))
    patterns = (*with_years(crit.cues, year, True), *with_years(crit.anchors, year, True))
    return any(p.search(text) for p, _dated in patterns)
