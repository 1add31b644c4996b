"""Phase 2: parts held by a paragraph without a heading of their own (cues), placed before the matches
are assembled: a paragraph evidences one part only, and the specific parts (不足, 安排) take their
paragraphs before the broad measures do."""

from __future__ import annotations

from scorer.match import weights
from scorer.match.evidence import evidence_in
from scorer.match.headings import Claims
from scorer.match.text import SENTENCE_START, opening_cue, strip_quotes
from scorer.model import Outline, Paragraph
from scorer.rubric import CriterionSpec, Rubric
from scorer.years import arabic_years, with_years

Cue = tuple[Paragraph, str]  # the paragraph and the words that opened it as the part


def place_cues(outline: Outline, rubric: Rubric, claims: Claims, thematic: list[int],
               year: int | None) -> dict[str, Cue]:
    """The paragraph that holds each part with no heading of its own (none for a part claimed otherwise)."""
    claimed = claims.sections_of()
    paras, heads = _paragraphs(outline)
    used: set[int] = set()
    cues: dict[str, Cue] = {}
    preamble = _preamble(outline)
    for crit in sorted(rubric.criteria, key=lambda c: c.thematic_fallback):
        if crit.id in claimed or (crit.thematic_fallback and thematic) or claims.weak_heads.get(crit.id):
            continue
        excluded = _excluded_lines(outline, claims, crit.cue_in, _fallback(rubric))
        barred = _lines_of(outline, claims, crit.cue_not_in)
        found = _cue_match(crit, [p for p in paras if p.line not in barred], heads, rubric, excluded, used, year,
                           preamble)
        if found is None:
            # One closing paragraph may hold two parts unheaded: "但仍存在一些不足……。下一步,我镇将……".
            found = _sentence_cue(crit, [cues[c][0] for c in crit.cue_in if c in cues], rubric, year)
        if found is not None:
            cues[crit.id] = found
            used.add(found[0].line)
    return cues


def _fallback(rubric: Rubric) -> str | None:
    return next((c.id for c in rubric.criteria if c.thematic_fallback), None)


def _paragraphs(outline: Outline) -> tuple[list[Paragraph], set[int]]:
    """Every heading and paragraph in order, and the lines of headings that end what a cue's paragraph
    goes on into (not 一是……)."""
    paras: list[Paragraph] = []
    heads: set[int] = set()
    for sec in outline.sections:
        if sec.index and sec.line is not None:
            paras.append(Paragraph(sec.title, sec.line, sec.source or 0))
            if sec.kind != "enum":
                heads.add(sec.line)
        paras.extend(sec.body)
    return paras, heads


def _excluded_lines(outline: Outline, claims: Claims, allowed: tuple[str, ...], fallback: str | None) -> set[int]:
    """Lines where an unheaded part cannot be: the preamble and parts claimed by other criteria.

    ``allowed`` names the parts whose text may hold this one unheaded (the rubric's ``cue_in``:
    "下一步,我们将……" closing the section on shortcomings is the plan); the broad part (the
    measures) may hold any.
    """
    # The preamble is not a part, unless the report has no headings at all and is all preamble.
    out = _preamble(outline)
    for index, cids in claims.by_section.items():
        if fallback in cids or all(c in allowed for c in cids):
            continue
        out.update(p.line for p in outline.content(index))
    return out


def _lines_of(outline: Outline, claims: Claims, cids: tuple[str, ...]) -> set[int]:
    """The lines of the sections claimed by the parts ``cids`` (the rubric's ``cue_not_in``)."""
    if not cids:
        return set()
    return {p.line for index, owners in claims.by_section.items() if any(c in cids for c in owners)
            for p in outline.content(index)}


def _preamble(outline: Outline) -> set[int]:
    """The lines before the first heading (none when the report has no heading: it is all body)."""
    return {p.line for p in outline.root.body} if len(outline.sections) > 1 else set()


def _cue_match(crit: CriterionSpec, paras: list[Paragraph], heads: set[int], rubric: Rubric, excluded: set[int],
               used: set[int], year: int | None, preamble: set[int]) -> Cue | None:
    """The first paragraph that holds a part unheaded: one of its cues (or its evidence) at its start
    (anywhere, for a part that may stand anywhere), naming a concrete matter after it where the rubric asks."""
    cues = [p for p, _dated in with_years(crit.cues, year)]
    if not cues and not crit.evidence:
        return None
    for k, para in enumerate(paras):
        if para.line in used or (not crit.cue_anywhere and para.line in excluded):
            continue
        text = arabic_years(strip_quotes(para.text))
        m = opening_cue(cues, text, rubric.cue_window, anywhere=crit.cue_anywhere) or (
            evidence_in(crit, text, claims=True, preamble=para.line in preamble) if crit.evidence else None)
        if m and _names_matter(crit, rubric, _going_on(text, paras[k + 1 : k + 1 + weights.GOES_ON], heads), m.end()):
            return para, m.group(0)
    return None


def _going_on(text: str, after: list[Paragraph], heads: set[int]) -> str:
    """A cue's paragraph with those it goes on into (2024年,我市将……。 then 一是……二是……), up to a heading."""
    out = [text]
    for para in after:
        if para.line in heads:
            break
        out.append(para.text)
    return "。".join(out)


def _names_matter(crit: CriterionSpec, rubric: Rubric, text: str, start: int) -> bool:
    """Whether the sentences after a cue name a concrete matter (执法, 复议…), up to a sentence that opens
    as another part: "但也存在一些不足。" or "下一步,我们将继续努力" alone only mention the part."""
    if not crit.cue_matters or rubric.matters is None:
        return True
    others = [p for c in rubric.criteria if c.id != crit.id for p in c.cues if "{" not in p.pattern]
    for k, sentence in enumerate(SENTENCE_START.split(text[start:])):
        if k and opening_cue(others, sentence.lstrip(" ,"), weights.NEXT_PART_WINDOW):
            break  # the next part begins
        if rubric.matters.search(sentence):
            return True
    return False


def _sentence_cue(crit: CriterionSpec, paragraphs: list[Paragraph], rubric: Rubric, year: int | None) -> Cue | None:
    """A cue opening a later sentence (within the cue window of its start) of a paragraph another part opens."""
    cues = [p for p, _dated in with_years(crit.cues, year)]
    for para in paragraphs:
        text = arabic_years(strip_quotes(para.text))
        for start in (m.start() for m in SENTENCE_START.finditer(text)):
            if (found := opening_cue(cues, text, rubric.cue_window, start)) and _names_matter(
                    crit, rubric, text, found.end()):
                return para, found.group(0)
    return None

