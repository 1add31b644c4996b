"""The matcher's numbers in one place: confidences of each way of finding a part, and a few sizes."""

from __future__ import annotations

# Confidence (0-1) of a part found by: an anchor in its heading (base, plus this share of the fuzzy
# likeness to a listed heading), a heading alike a listed one (times the likeness), a responsibility
# heading over text that reports the part, a weak heading, thematic sections, a cue, a requirement in
# its part's text. A part under its heading with too little content keeps this share of it.
ANCHOR_BASE = 0.75
ANCHOR_FUZZY = 0.25
FUZZY_ONLY = 0.9
RESPONSIBILITY = 0.7
WEAK_HEADING = 0.45
THEMATIC = 0.5
CUE = 0.4
BODY = 0.8
THIN = 0.6

FUZZY_FLOOR = 50  # rapidfuzz likeness under which a listed heading is no candidate at all
THEMATIC_MIN = 30  # content characters for a top-level section to count as thematic measures
EVIDENCE_MIN = 10  # content characters for a paragraph to be quoted as evidence
EVIDENCE_MAX = 120  # characters of a paragraph quoted as evidence
MENTION_MAX = 40  # characters of a mention quoted for a missing part
GOES_ON = 3  # paragraphs after a cue's own that may still be its part
NEXT_PART_WINDOW = 12  # a sentence opening with another part's cue within this many characters ends a part
MERGE_OWN_WORDS = 0.9  # a heading's score for a part named second by its own words (fuzzy 60 or more)
