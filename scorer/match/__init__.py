"""Match rubric criteria to the outline, in three phases: claim headings, place cues, assemble.

1. ``headings.claim_headings``: what each heading claims (its anchors, its likeness to the rubric's
   listed headings, a responsibility heading over text that reports the part), in document order.
2. ``cues.place_cues``: parts with no heading of their own, held by a paragraph (下一步,我们将……).
3. ``assemble.assemble``: one Match per criterion and requirement, with its status, evidence and why.

The criterion inferred from thematic sections (the measures) is the rubric's ``thematic_fallback``;
no criterion id is written here.
"""

from __future__ import annotations

from scorer.match.assemble import assemble
from scorer.match.cues import place_cues
from scorer.match.headings import claim_headings
from scorer.model import Facts, Match, Outline
from scorer.rubric import Rubric

__all__ = ["match"]


def match(outline: Outline, rubric: Rubric, facts: Facts) -> tuple[Match, ...]:
    year = facts.report_year
    fallback = next((c.id for c in rubric.criteria if c.thematic_fallback), None)
    claims = claim_headings(outline, rubric, year, fallback)
    thematic = claims.thematic(outline)
    cues = place_cues(outline, rubric, claims, thematic, year)
    return assemble(outline, rubric, claims, thematic, cues, year)
