"""Match rubric criteria to outline sections (anchors + rapidfuzz), then to unheaded cue paragraphs."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from scorer.model import Candidate, Match, Outline, Paragraph, Section, Status
from scorer.rubric import CriterionSpec, Rubric
from scorer.years import arabic_years, report_year, with_years

_YEAR = re.compile(r"(19|20)\d{2}\s*(年度|年)?")
# Quoted names of parts (“存在的不足及原因”) are stripped from headings; a short quoted word (“一把手”,
# “放管服”) is a word of the heading and stays.
_QUOTED = re.compile(r"“[^”]{4,60}”|《[^》]{0,60}》|\"[^\"]{4,60}\"|「[^」]{4,60}」")
_CONTENT_RUN = re.compile(r"[\u3400-\u9fff0-9A-Za-z]+")
_THEMATIC_MIN = 30


@dataclass(frozen=True)
class _Hit:
    criterion: str
    strength: str  # "strong" | "weak"
    score: float
    span: tuple[int, int] | None
    reason: str
    dated: bool = False  # claimed by an anchor naming the report's years ({next_year}年…)


def content_chars(text: str) -> int:
    return sum(map(len, _CONTENT_RUN.findall(text)))  # runs, not characters: far fewer objects


def strip_quotes(text: str) -> str:
    """Quoted titles (“存在的不足及原因”, 《…》) name parts, they do not report them."""
    return _QUOTED.sub("", text)


_NOT_WORD = re.compile(r"[^\u3400-\u9fffA-Za-z0-9]")


class _Cleaner:
    def __init__(self, rubric: Rubric) -> None:
        self.filler = rubric.filler

    def __call__(self, text: str) -> str:
        text = _NOT_WORD.sub("", _YEAR.sub("", text))
        for pattern in self.filler:
            text = pattern.sub("", text)
        return text


@lru_cache(maxsize=32)
def _clean_phrases(filler: tuple[re.Pattern[str], ...],
                   phrases: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, list[str]]:
    """Each criterion's listed headings as compared (computed once per rubric)."""
    clean = _Cleaner.__new__(_Cleaner)
    clean.filler = filler
    return {cid: [clean(p) for p in texts] for cid, texts in phrases}


def _heading_hits(title: str, rubric: Rubric, clean: _Cleaner, phrases: dict[str, list[str]],
                  anchors: dict[str, tuple[tuple[re.Pattern[str], bool], ...]]) -> list[_Hit]:
    raw = arabic_years(strip_quotes(title) if rubric.quote_strip else title)
    text = _YEAR.sub("", raw)
    stripped = clean(text)
    hits: list[_Hit] = []
    for crit in rubric.criteria:
        # WRatio (partial) grades a heading that an anchor already claimed; only a whole-string
        # likeness may claim a heading on its own, or "立法计划" would pass for "工作计划".
        # Each is computed only on the branch that uses it (WRatio is the costly one).
        found = next(((m, dated) for p, dated in anchors[crit.id] if (m := p.search(raw if dated else text))), None)
        anchor, dated = found if found is not None else (None, False)
        scorer = fuzz.WRatio if anchor is not None else fuzz.ratio
        best = process.extractOne(stripped, phrases[crit.id], scorer=scorer, score_cutoff=50,
                                  processor=None) if len(stripped) >= 2 else None
        fuzzy = whole = float(best[1]) if best else 0.0
        if anchor is not None:
            score = 0.75 + 0.25 * fuzzy / 100
            span = _span_in(text, anchor.group(0)) if dated else anchor.span()
            hits.append(_Hit(crit.id, "strong", score, span, f"anchor “{anchor.group(0)}”, fuzzy {fuzzy:.0f}", dated))
        elif whole >= rubric.fuzzy_cutoff:
            hits.append(_Hit(crit.id, "strong", 0.9 * whole / 100, None, f"fuzzy {whole:.0f} to a listed heading"))
        else:
            weak = next((m for p in crit.weak_anchors if (m := p.search(text))), None)
            if weak is not None:
                hits.append(_Hit(crit.id, "weak", 0.45, weak.span(), f"weak anchor “{weak.group(0)}”"))
    # A heading that names the year after the report's (2024年……主要举措 in a report on 2023) is about
    # that year, whatever else its words would claim.
    return sorted(hits, key=lambda h: (not h.dated, -h.score))


def _whole_ratio(title: str, clean: _Cleaner, phrases: list[str]) -> float:
    """How nearly the whole heading is one of a part's listed headings (0-100)."""
    stripped = clean(strip_quotes(title))
    best = process.extractOne(stripped, phrases, scorer=fuzz.ratio, processor=None) if len(stripped) >= 2 else None
    return float(best[1]) if best else 0.0


def _span_in(text: str, found: str) -> tuple[int, int]:
    """Where a dated anchor's hit lies in the heading with its years taken out (for merged headings)."""
    bare = _YEAR.sub("", found)
    pos = text.find(bare) if bare else -1
    return (pos, pos + len(bare)) if pos >= 0 else (0, max(1, len(bare)))


def _merges(a: _Hit, b: _Hit, order: tuple[str, ...], specs: dict[str, CriterionSpec]) -> bool:
    """One heading carries two parts when both anchors hit apart, in the rule's order.

    "存在的问题和2020年工作打算" carries shortcomings and plan; "下一步工作思路及措施" is a plan
    only (措施 after 下一步 belongs to it), "存在问题及整改措施" is shortcomings only. A part that may
    stand inside another (the duty inside the measures) is carried with it: "主要举措、成效及党政
    主要负责人履职情况", but not "主要负责人推进法治建设情况" (the duty's own heading, where 建设情况
    is no more than a word the measures' anchors share).
    """
    if _overlap(a.span, b.span):
        return False
    assert a.span is not None and b.span is not None
    first, second = (a, b) if a.span[0] < b.span[0] else (b, a)
    if first.criterion in order and second.criterion in order:
        return order.index(first.criterion) < order.index(second.criterion)
    if first.criterion in specs[second.criterion].nest_in:
        return True
    # the duty named first, then the measures it stands in, by their own words (fuzzy 60 or more):
    # "党政主要负责人履行……职责及推进法治政府建设的主要举措和成效"
    return second.criterion in specs[first.criterion].nest_in and second.score >= 0.9


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    if a is None or b is None:
        return True
    return a[0] < b[1] and b[0] < a[1]


def _allowed(crit: CriterionSpec, ancestors: set[str]) -> bool:
    if crit.id in ancestors:
        return False  # a subsection of a part is part of it, not a second instance
    return all(a in crit.nest_in for a in ancestors)


def match(outline: Outline, rubric: Rubric) -> tuple[Match, ...]:
    clean = _Cleaner(rubric)
    phrases = _clean_phrases(tuple(rubric.filler), tuple((c.id, tuple(c.phrases)) for c in rubric.criteria))
    specs = {c.id: c for c in rubric.criteria}
    year = report_year(outline)
    anchors = {c.id: with_years(c.anchors, year) for c in rubric.criteria}
    claims: dict[int, list[str]] = {}
    merged: dict[int, list[str]] = {}
    weak_heads: dict[str, list[int]] = {}
    misplaced: set[tuple[str, int]] = set()  # (criterion, section) of a part's heading inside another part
    candidates: dict[str, list[Candidate]] = {c.id: [] for c in rubric.criteria}
    thematic_top: set[int] = set()

    for sec in outline.sections[1:]:
        hits = _heading_hits(sec.title, rubric, clean, phrases, anchors)
        for hit in hits:
            candidates[hit.criterion].append(
                Candidate(hit.criterion, "heading" if hit.strength == "strong" else "weak-heading",
                          round(hit.score, 3), sec.index, sec.line, sec.title, hit.reason)
            )
        ancestors: set[str] = set()
        top = sec
        for anc in outline.ancestors(sec.index):
            ancestors.update(claims.get(anc.index, []))
            if anc.level >= 1:
                top = anc
        if not ancestors and top.index != sec.index and top.index in thematic_top:
            ancestors = {"measures"} if "measures" in specs else set()
        strong = [h for h in hits if h.strength == "strong" and _allowed(specs[h.criterion], ancestors)]
        if strong:
            best = strong[0]
            chosen = [best.criterion]
            for other in strong[1:]:
                # A part named after the first part of the report (the measures) must show in the text
                # under it: an opening cut off under "一、工作成效和存在的问题" holds no shortcomings. Under
                # "存在的问题和2023年工作打算" the plan may be a bare list of tasks.
                if _merges(best, other, rubric.order, specs) and (
                        not rubric.order or best.criterion != rubric.order[0]
                        or any(_speaks_of(specs[other.criterion], p.text, year) for p in outline.content(sec.index))):
                    chosen.append(other.criterion)
            claims[sec.index] = chosen
            if len(chosen) > 1:
                merged[sec.index] = chosen
            continue
        for hit in hits:
            if hit.strength == "weak" and _allowed(specs[hit.criterion], ancestors):
                weak_heads.setdefault(hit.criterion, []).append(sec.index)
            elif (hit.strength == "strong" and hit.criterion not in ancestors
                  and _whole_ratio(sec.title, clean, phrases[hit.criterion]) >= rubric.fuzzy_cutoff):
                # A part's own heading, misplaced inside another part ("(四)下一步工作打算" under the
                # measures): the part is there, but not as a part of its own.
                weak_heads.setdefault(hit.criterion, []).append(sec.index)
                misplaced.add((hit.criterion, sec.index))
        if sec.level == 1 and not ancestors:
            thematic_top.add(sec.index)

    claimed_by: dict[str, list[int]] = {}
    for index, cids in claims.items():
        for cid in cids:
            claimed_by.setdefault(cid, []).append(index)
    # A top-level section that claims nothing is thematic (e.g. 二、坚持权责明晰…): measures in substance.
    thematic = [i for i in sorted(thematic_top) if i not in claims and
                content_chars(" ".join(p.text for p in outline.content(i))) >= _THEMATIC_MIN]
    # Cues are placed before the matches are assembled: a paragraph evidences one part only, and
    # the specific parts (不足, 安排) take their paragraphs before the broad measures cue does.
    used_paragraphs: set[int] = set()
    cues: dict[str, tuple[Paragraph, str]] = {}
    for crit in sorted(rubric.criteria, key=lambda c: c.thematic_fallback):
        if crit.id in claimed_by or (crit.thematic_fallback and thematic) or weak_heads.get(crit.id):
            continue
        excluded = _excluded_lines(outline, claims, crit.cue_in)
        found = _cue_match(crit, outline, rubric, excluded, used_paragraphs, year)
        if found is None:
            # One closing paragraph may hold two parts unheaded: "但仍存在一些不足……。下一步,我镇将……".
            shared = [cues[c][0] for c in crit.cue_in if c in cues]
            found = _sentence_cue(crit, shared, rubric, year)
        if found is not None:
            cues[crit.id] = found
            used_paragraphs.add(found[0].line)
    results: list[Match] = []
    for crit in rubric.criteria:
        sections = sorted(claimed_by.get(crit.id, []))
        if sections:
            extra = thematic if crit.thematic_fallback else []
            results.append(_heading_match(crit, sections, outline, merged, candidates[crit.id], extra, specs, year))
            results.extend(_requirements(crit, results[-1], outline, rubric, year))
            continue
        cue = cues.get(crit.id)
        weak_secs = weak_heads.get(crit.id, [])
        if crit.thematic_fallback and thematic:
            first = outline.sections[thematic[0]]
            titles = "; ".join(outline.sections[i].title for i in thematic[:4])
            chars = sum(content_chars(" ".join(p.text for p in outline.content(i))) for i in thematic)
            results.append(Match(crit.id, Status.WEAK, 0.5, tuple(thematic), first.title, first.line,
                                 titles, first.line, chars, "thematic", tuple(candidates[crit.id])))
        elif weak_secs:
            sec = outline.sections[weak_secs[0]]
            evidence, ev_line = _evidence(outline, sec.index, crit)
            results.append(Match(crit.id, Status.WEAK, 0.45, tuple(weak_secs), sec.title, sec.line,
                                 evidence or sec.title, ev_line or sec.line,
                                 content_chars(" ".join(p.text for p in outline.content(sec.index))),
                                 "misplaced" if (crit.id, sec.index) in misplaced else "weak-heading",
                                 tuple(candidates[crit.id])))
        elif cue is not None:
            para, pattern = cue
            cand = Candidate(crit.id, "cue", 0.4, None, para.line, para.text[:80], f"cue “{pattern}”")
            results.append(Match(crit.id, Status.WEAK, 0.4, (), None, None, _sentence_around(para.text, pattern),
                                 para.line, content_chars(para.text), "cue",
                                 (*candidates[crit.id], cand)))
        else:
            results.append(Match(crit.id, Status.MISSING, 0.0, (), None, None, None, None, 0, "none",
                                 tuple(candidates[crit.id])))
        results.extend(_requirements(crit, results[-1], outline, rubric, year))
    return tuple(results)


def _requirements(crit: CriterionSpec, parent: Match, outline: Outline, rubric: Rubric,
                  year: int | None) -> list[Match]:
    """Requirements inside a part (the causes of the shortcomings) are looked for in its own text.

    Not in a paragraph that opens as another part ("下一步,我市将从根源上解决……" under a heading
    that carries shortcomings and plan): a promise is no cause.
    """
    others = [p for c in rubric.criteria if c.id != crit.id and not c.thematic_fallback
              for p, _dated in with_years(c.cues, year)]

    def opens_other(text: str) -> bool:
        return _opening_cue(others, arabic_years(strip_quotes(text)), rubric.cue_window) is not None

    out: list[Match] = []
    for req in crit.requirements:
        hit = (requirement_hits(parent, outline, req.cues, opens_other)
               if parent.status is not Status.MISSING else None)
        if hit is None:
            out.append(Match(req.id, Status.MISSING, 0.0, (), None, None, None, None, 0, "none"))
        else:
            sentence, line = hit
            out.append(Match(req.id, Status.FOUND, 0.8, parent.sections, parent.heading, parent.line,
                             sentence, line, content_chars(sentence), "body"))
    return out


def _heading_match(crit: CriterionSpec, sections: list[int], outline: Outline, merged: dict[int, list[str]],
                   cands: list[Candidate], thematic: list[int], specs: dict[str, CriterionSpec],
                   year: int | None = None) -> Match:
    first = outline.sections[sections[0]]
    chars = sum(content_chars(" ".join(p.text for p in outline.content(i))) for i in sections)
    if chars < crit.min_chars and thematic:
        # "一、主要举措和成效" as a short lead-in, the measures themselves as thematic sections after it.
        chars += sum(content_chars(" ".join(p.text for p in outline.content(i))) for i in thematic)
    status = Status.FOUND if chars >= crit.min_chars else Status.WEAK
    claimed = set(sections)  # a set: a report may repeat one heading thousands of times
    best = max((c.score for c in cands if c.section in claimed), default=0.75)
    if any(i in merged for i in sections):
        via = "merged"
    else:
        via = "nested" if first.level > 1 and _nested(outline, first) else "heading"
    others = [specs[c] for i in sections for c in merged.get(i, []) if c != crit.id]
    evidence, ev_line = _evidence(outline, first.index, crit, others, year)
    conf = best if status is Status.FOUND else best * 0.6
    return Match(crit.id, status, min(conf, 1.0), tuple(sections), first.title, first.line, evidence,
                 ev_line, chars, via, tuple(cands))


def _nested(outline: Outline, sec: Section) -> bool:
    parent = outline.sections[sec.parent] if sec.parent is not None else None
    return parent is not None and parent.level >= 1


def _speaks_of(crit: CriterionSpec, text: str, year: int | None = None) -> bool:
    """Whether a paragraph names a part: one of its cues or anchors anywhere in it."""
    text = arabic_years(strip_quotes(text))
    patterns = (*with_years(crit.cues, year, True), *with_years(crit.anchors, year, True))
    return any(p.search(text) for p, _dated in patterns)


def _evidence(outline: Outline, index: int, crit: CriterionSpec, others: list[CriterionSpec] | None = None,
              year: int | None = None) -> tuple[str | None, int | None]:
    """The first paragraph with real content; under a merged heading, the first that speaks of this part."""
    paras = [p for p in outline.content(index) if content_chars(p.text) >= 10]
    if others:
        own = [p for p in paras if _speaks_of(crit, p.text, year)]
        if not own:
            own = [p for p in paras if not any(_speaks_of(o, p.text, year) for o in others)]
        paras = own or paras
    for para in paras:
        if content_chars(para.text) >= 10:
            return para.text[:120], para.line
    return None, None


def _excluded_lines(outline: Outline, claims: dict[int, list[str]], allowed: tuple[str, ...] = ()) -> set[int]:
    """Lines where an unheaded part cannot be: the preamble and parts claimed by other criteria.

    ``allowed`` names the parts whose text may hold this one unheaded (the rubric's ``cue_in``:
    "下一步,我们将……" closing the section on shortcomings is the plan).
    """
    # The preamble is not a part, unless the report has no headings at all and is all preamble.
    out = {p.line for p in outline.root.body} if len(outline.sections) > 1 else set()
    for index, cids in claims.items():
        if "measures" in cids or all(c in allowed for c in cids):
            continue
        out.update(p.line for p in outline.content(index))
    return out


def _cue_match(crit: CriterionSpec, outline: Outline, rubric: Rubric, excluded: set[int],
               used: set[int], year: int | None = None) -> tuple[Paragraph, str] | None:
    cues = [p for p, _dated in with_years(crit.cues, year)]
    if not cues:
        return None
    paragraphs: list[Paragraph] = []
    for sec in outline.sections:
        if sec.index and sec.line is not None:
            paragraphs.append(Paragraph(sec.title, sec.line, sec.source or 0))
        paragraphs.extend(sec.body)
    for para in sorted(paragraphs, key=lambda p: p.line):
        if para.line in used or (not crit.cue_anywhere and para.line in excluded):
            continue
        m = _opening_cue(cues, arabic_years(strip_quotes(para.text)), rubric.cue_window, anywhere=crit.cue_anywhere)
        if m:
            return para, m.group(0)
    return None


_SENTENCE_START = re.compile(r"(?<=[。;!?])")


def _opening_cue(cues: list[re.Pattern[str]], text: str, window: int, start: int = 0,
                 anywhere: bool = False) -> re.Match[str] | None:
    """The first cue found in ``text`` from ``start`` that begins within ``window`` characters of it."""
    for pattern in cues:
        m = pattern.search(text, start)
        if m and (anywhere or m.start() - start <= window):
            return m
    return None


def _sentence_cue(crit: CriterionSpec, paragraphs: list[Paragraph], rubric: Rubric,
                  year: int | None) -> tuple[Paragraph, str] | None:
    """A cue opening a later sentence (within the cue window of its start) of a paragraph another part opens."""
    cues = [p for p, _dated in with_years(crit.cues, year)]
    for para in paragraphs:
        text = arabic_years(strip_quotes(para.text))
        for start in (m.start() for m in _SENTENCE_START.finditer(text)):
            if found := _opening_cue(cues, text, rubric.cue_window, start):
                return para, found.group(0)
    return None


def _sentence_around(text: str, cue: str) -> str:
    pos = text.find(cue)
    if pos < 0:
        return text[:120]
    start = max(text.rfind("。", 0, pos) + 1, 0)
    end = text.find("。", pos)
    end = len(text) if end < 0 else end + 1
    sentence = text[start:end]
    return sentence if len(sentence) <= 160 else sentence[:160] + "…"


def requirement_hits(match_: Match, outline: Outline, cues: tuple[re.Pattern[str], ...],
                     skip: Callable[[str], bool] | None = None) -> tuple[str, int] | None:
    """The first cue of a requirement (e.g. causes) inside a matched part's own text (not in ``skip`` paragraphs)."""
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
    for para in paras:
        if skip is not None and skip(para.text):
            continue
        text = arabic_years(strip_quotes(para.text))
        for pattern in cues:
            m = pattern.search(text)
            if m:
                return _sentence_around(text, m.group(0)), para.line
    return None
