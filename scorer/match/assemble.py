"""Phase 3: one Match per criterion (and per requirement inside it) from the claimed headings and cues."""

from __future__ import annotations

import re
from collections.abc import Callable

from scorer.match import weights
from scorer.match.cues import Cue
from scorer.match.evidence import mention, reports, speaks_of
from scorer.match.headings import Claims
from scorer.match.text import SENTENCE_START, content_chars, first_cue, sentence_around, strip_quotes
from scorer.model import Candidate, CandidateKind, Match, Outline, Paragraph, Section, Status, Via
from scorer.rubric import CriterionSpec, Rubric
from scorer.years import arabic_years, with_years


def assemble(outline: Outline, rubric: Rubric, claims: Claims, thematic: list[int], cues: dict[str, Cue],
             year: int | None) -> tuple[Match, ...]:
    specs = {c.id: c for c in rubric.criteria}
    claimed = claims.sections_of()
    results: list[Match] = []
    for crit in rubric.criteria:
        cands = tuple(claims.candidates[crit.id])
        if crit.id in claimed:
            extra = thematic if crit.thematic_fallback else []
            found = heading_match(crit, claimed[crit.id], outline, claims.merged, cands, extra, specs, year)
        elif crit.thematic_fallback and thematic:
            found = _thematic(crit, thematic, outline, cands)
        elif crit.id in claims.weak_heads:
            found = _weak_heading(crit, claims.weak_heads[crit.id], claims, outline, cands)
        elif crit.id in cues:
            found = _by_cue(crit, cues[crit.id], cands)
        else:
            found = Match(crit.id, Status.MISSING, 0.0, (), None, None, None, None, 0, Via.NONE, cands,
                          mention=mention(crit, outline))
        results.append(found)
        results.extend(requirements(crit, found, outline, rubric, year))
    return tuple(results)


def _chars(outline: Outline, indices: list[int]) -> int:
    return sum(content_chars(" ".join(p.text for p in outline.content(i))) for i in indices)


def _thematic(crit: CriterionSpec, thematic: list[int], outline: Outline, cands: tuple[Candidate, ...]) -> Match:
    """The broad part (the measures) inferred from top-level sections that name no part."""
    first = outline.sections[thematic[0]]
    titles = "; ".join(outline.sections[i].title for i in thematic[:4])
    return Match(crit.id, Status.WEAK, weights.THEMATIC, tuple(thematic), first.title, first.line, titles,
                 first.line, _chars(outline, thematic), Via.THEMATIC, cands)


def _weak_heading(crit: CriterionSpec, indices: list[int], claims: Claims, outline: Outline,
                  cands: tuple[Candidate, ...]) -> Match:
    """A heading that names the part weakly, only claims it, or stands misplaced inside another part."""
    sec = outline.sections[indices[0]]
    evidence, ev_line = paragraph_evidence(outline, sec.index, crit)
    via = Via.MISPLACED if (crit.id, sec.index) in claims.misplaced else Via.WEAK_HEADING
    return Match(crit.id, Status.WEAK, weights.WEAK_HEADING, tuple(indices), sec.title, sec.line,
                 evidence or sec.title, ev_line or sec.line, _chars(outline, [sec.index]), via, cands,
                 unreported=bool(crit.evidence))


def _by_cue(crit: CriterionSpec, cue: Cue, cands: tuple[Candidate, ...]) -> Match:
    para, words = cue
    cand = Candidate(crit.id, CandidateKind.CUE, weights.CUE, None, para.line, para.text[:80], f"cue “{words}”")
    return Match(crit.id, Status.WEAK, weights.CUE, (), None, None, sentence_around(para.text, words), para.line,
                 content_chars(para.text), Via.CUE, (*cands, cand))


def heading_match(crit: CriterionSpec, sections: list[int], outline: Outline, merged: dict[int, list[str]],
                  cands: tuple[Candidate, ...], thematic: list[int], specs: dict[str, CriterionSpec],
                  year: int | None = None) -> Match:
    """A part under its own heading(s): found with enough content that reports it, else weak."""
    first = outline.sections[sections[0]]
    chars = _chars(outline, sections)
    if len(sections) == 1 and len(merged.get(sections[0], [])) > 1:
        # 二、存在问题及下一步打算: each part is only as long as its own sentences under the heading
        own = _merged_share(crit, sections[0], outline, merged[sections[0]], specs, year)
        chars = chars if own is None else own
    if chars < crit.min_chars and thematic:
        # "一、主要举措和成效" as a short lead-in, the measures themselves as thematic sections after it.
        chars += _chars(outline, thematic)
    # a heading of the part over text that reports none of it (slogans, a leading group): weak
    unreported = bool(crit.evidence) and reports(
        crit, [p.text for i in sections for p in outline.content(i)], own_heading=True) is None
    status = Status.FOUND if chars >= crit.min_chars and not unreported else Status.WEAK
    claimed = set(sections)  # (a set: 100,000 repeated headings must not make this quadratic)
    best = max((c.score for c in cands if c.section in claimed), default=weights.ANCHOR_BASE)
    if any(i in merged for i in sections):
        via = Via.MERGED
    else:
        via = Via.NESTED if first.level > 1 and _nested(outline, first) else Via.HEADING
    others = [specs[c] for i in sections for c in merged.get(i, []) if c != crit.id]
    evidence, ev_line = paragraph_evidence(outline, first.index, crit, others, year)
    conf = best if status is Status.FOUND else best * weights.THIN
    return Match(crit.id, status, min(conf, 1.0), tuple(sections), first.title, first.line, evidence,
                 ev_line, chars, via, cands, unreported=unreported)


def _merged_share(crit: CriterionSpec, index: int, outline: Outline, ids: list[str], specs: dict[str, CriterionSpec],
                  year: int | None) -> int | None:
    """Under a heading that carries several parts, the content characters of this part's own sentences: from
    the one that opens it (the first, for the first part) to the one that opens the next part. None when the
    text does not show where one part ends (no sentence opens the part before or after)."""
    if crit.id not in ids:
        return None
    order = list(specs)  # the rubric's order: 不足 before 安排 under 存在问题及下一步打算
    ids = sorted(ids, key=order.index)
    pos = ids.index(crit.id)
    sentences = [t for p in outline.content(index) for t in SENTENCE_START.split(p.text) if t.strip()]

    def opening(cid: str, start: int) -> int | None:
        cues = [p for p, _dated in with_years(specs[cid].cues, year)]
        return next((k for k in range(start, len(sentences))
                     if cues and first_cue(cues, sentences[k].lstrip(" ,"), weights.NEXT_PART_WINDOW)), None)

    start = 0 if pos == 0 else opening(crit.id, 0)
    if start is None:
        return None
    end = len(sentences) if pos == len(ids) - 1 else opening(ids[pos + 1], start)
    if end is None:
        return None
    return sum(content_chars(t) for t in sentences[start:end])


def _nested(outline: Outline, sec: Section) -> bool:
    parent = outline.sections[sec.parent] if sec.parent is not None else None
    return parent is not None and parent.level >= 1


def paragraph_evidence(outline: Outline, index: int, crit: CriterionSpec, others: list[CriterionSpec] | None = None,
                       year: int | None = None) -> tuple[str | None, int | None]:
    """The first paragraph with real content; under a merged heading, the first that speaks of this part."""
    paras = [p for p in outline.content(index) if content_chars(p.text) >= weights.EVIDENCE_MIN]
    if others:
        own = [p for p in paras if speaks_of(crit, p.text, year)]
        if not own:
            own = [p for p in paras if not any(speaks_of(o, p.text, year) for o in others)]
        paras = own or paras
    for para in paras:
        return para.text[: weights.EVIDENCE_MAX], para.line
    return None, None


def requirements(crit: CriterionSpec, parent: Match, outline: Outline, rubric: Rubric,
                 year: int | None) -> list[Match]:
    """Requirements inside a part (the causes of the shortcomings) are looked for in its own text.

    Not in a paragraph that opens as another part ("下一步,我市将从根源上解决……" under a heading
    that carries shortcomings and plan): a promise is no cause.
    """
    others = [p for c in rubric.criteria if c.id != crit.id and not c.thematic_fallback
              for p, _dated in with_years(c.cues, year)]

    def opens_other(text: str) -> bool:
        return first_cue(others, text, rubric.cue_window) is not None

    out: list[Match] = []
    for req in crit.requirements:
        hit = (requirement_hits(parent, outline, req.cues, opens_other)
               if parent.status is not Status.MISSING else None)
        if hit is None:
            out.append(Match(req.id, Status.MISSING, 0.0, (), None, None, None, None, 0, Via.NONE))
        else:
            sentence, line = hit
            out.append(Match(req.id, Status.FOUND, weights.BODY, parent.sections, parent.heading, parent.line,
                             sentence, line, content_chars(sentence), Via.BODY))
    return out


def requirement_hits(match_: Match, outline: Outline, cues: tuple[re.Pattern[str], ...],
                     skip: Callable[[str], bool] | None = None) -> tuple[str, int] | None:
    """The first cue of a requirement (e.g. causes) inside a matched part's own text (not in ``skip`` paragraphs)."""
    for para in _own_paragraphs(match_, outline):
        if skip is not None and skip(para.text):
            continue
        text = arabic_years(strip_quotes(para.text))
        for pattern in cues:
            m = pattern.search(text)
            if m:
                return sentence_around(text, m.group(0)), para.line
    return None


def _own_paragraphs(match_: Match, outline: Outline) -> list[Paragraph]:
    paras: list[Paragraph] = []
    if match_.sections:
        for k, index in enumerate(match_.sections):
            sec = outline.sections[index]
            # A later section of the part headed by the requirement (四、原因分析) states it, as its
            # subsections' headings do; the part's own first heading (不足和原因) only names it.
            if k and sec.line is not None and outline.content(index):
                paras.append(Paragraph(sec.title, sec.line, sec.source or 0))
            paras.extend(outline.content(index))
    elif match_.evidence_line is not None:
        for sec in outline.sections:
            for i, para in enumerate(sec.body):
                if para.line == match_.evidence_line:
                    paras.extend(sec.body[i : i + 2])
    return paras
