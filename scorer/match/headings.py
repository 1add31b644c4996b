"""Phase 1: what each heading claims (anchors, fuzzy likeness to listed headings, responsibility
headings over text that reports the part), and so which sections each criterion claims."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from rapidfuzz import fuzz, process

from scorer.match import weights
from scorer.match.evidence import reports, speaks_of
from scorer.match.text import NOT_WORD, YEAR, content_chars, strip_quotes
from scorer.model import Candidate, CandidateKind, Outline, Section
from scorer.rubric import CriterionSpec, Rubric
from scorer.years import arabic_years, with_years


class Strength(Enum):
    STRONG = "strong"  # the heading may carry the part
    WEAK = "weak"  # the heading names the part only weakly
    EVIDENCE = "evidence"  # a responsibility heading: strong over text that reports the part, else nothing


@dataclass(frozen=True)
class Hit:
    """One criterion that a heading's words name, how strongly, and where in the heading."""

    criterion: str
    strength: Strength
    score: float
    span: tuple[int, int] | None
    reason: str
    dated: bool = False  # claimed by an anchor naming the report's years ({next_year}年…)
    responsibility: bool = False  # a responsibility heading (加强组织领导) over text that reports the part


class Cleaner:
    """A heading as compared with the listed ones: no years, no punctuation, no shared filler words."""

    def __init__(self, filler: tuple[re.Pattern[str], ...]) -> None:
        self.filler = filler

    def __call__(self, text: str) -> str:
        text = NOT_WORD.sub("", YEAR.sub("", text))
        for pattern in self.filler:
            text = pattern.sub("", text)
        return text


@lru_cache(maxsize=32)
def _clean_phrases(filler: tuple[re.Pattern[str], ...],
                   phrases: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, list[str]]:
    """Each criterion's listed headings as compared (computed once per rubric)."""
    clean = Cleaner(filler)
    return {cid: [clean(p) for p in texts] for cid, texts in phrases}


class Judge:
    """What each heading title claims, for one rubric and report year; a title is judged once.

    Every criterion's anchors are first tried as one alternation (most headings name no part, and one
    search says so); only a title that one of them names is searched anchor by anchor, in the rubric's
    order, as the rubric means them. Titles recur across a batch (存在的问题, 下一步工作打算), so the
    judgement of each is kept (up to a bound).
    """

    _MAX_TITLES = 4096

    def __init__(self, rubric: Rubric, year: int | None) -> None:
        self.rubric = rubric
        self.clean = Cleaner(rubric.filler)
        self.phrases = _clean_phrases(rubric.filler, tuple((c.id, tuple(c.phrases)) for c in rubric.criteria))
        self.anchors = {c.id: with_years(c.anchors, year) for c in rubric.criteria}
        self.probes = {cid: (_any_of([p for p, dated in pats if dated]), _any_of([p for p, dated in pats if not dated]))
                       for cid, pats in self.anchors.items()}
        self.seen: dict[str, list[Hit]] = {}

    def hits(self, title: str) -> list[Hit]:
        found = self.seen.get(title)
        if found is None:
            if len(self.seen) >= self._MAX_TITLES:
                self.seen.clear()
            found = self.seen[title] = _heading_hits(title, self)
        return found

    def anchor(self, cid: str, raw: str, text: str) -> tuple[re.Match[str] | None, bool]:
        """The first of a criterion's anchors, in the rubric's order, in the title (and whether it names a year)."""
        dated_probe, probe = self.probes[cid]
        if not ((dated_probe is not None and dated_probe.search(raw)) or (probe is not None and probe.search(text))):
            return None, False
        found = next(((m, dated) for p, dated in self.anchors[cid] if (m := p.search(raw if dated else text))), None)
        return found if found is not None else (None, False)

    def whole_ratio(self, title: str, cid: str) -> float:
        """How nearly the whole heading is one of a part's listed headings (0-100)."""
        stripped = self.clean(strip_quotes(title))
        best = (process.extractOne(stripped, self.phrases[cid], scorer=fuzz.ratio, processor=None)
                if len(stripped) >= 2 else None)
        return float(best[1]) if best else 0.0


def _any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns)) if patterns else None


_JUDGES: dict[tuple[int, int | None], Judge] = {}


def judge_for(rubric: Rubric, year: int | None) -> Judge:
    """The heading judge of a rubric and year (kept for the rubrics in use)."""
    judge = _JUDGES.get((id(rubric), year))
    if judge is None or judge.rubric is not rubric:
        if len(_JUDGES) >= 64:
            _JUDGES.clear()
        judge = _JUDGES[(id(rubric), year)] = Judge(rubric, year)
    return judge


def _heading_hits(title: str, judge: Judge) -> list[Hit]:
    rubric = judge.rubric
    raw = arabic_years(strip_quotes(title) if rubric.quote_strip else title)
    text = YEAR.sub("", raw)
    stripped = judge.clean(text)
    hits = [hit for crit in rubric.criteria if (hit := _hit(crit, judge, raw, text, stripped)) is not None]
    # A heading that names the year after the report's (2024年……主要举措 in a report on 2023) is about
    # that year, whatever else its words would claim.
    return sorted(hits, key=lambda h: (not h.dated, -h.score))


def _hit(crit: CriterionSpec, judge: Judge, raw: str, text: str, stripped: str) -> Hit | None:
    # WRatio (partial) grades a heading that an anchor already claimed; only a whole-string likeness may
    # claim a heading on its own, or "立法计划" would pass for "工作计划". Each is computed only on the
    # branch that uses it (WRatio is the costly one).
    anchor, dated = judge.anchor(crit.id, raw, text)
    scorer = fuzz.WRatio if anchor is not None else fuzz.ratio
    best = process.extractOne(stripped, judge.phrases[crit.id], scorer=scorer, score_cutoff=weights.FUZZY_FLOOR,
                              processor=None) if len(stripped) >= 2 else None
    fuzzy = float(best[1]) if best else 0.0
    if anchor is not None:
        score = weights.ANCHOR_BASE + weights.ANCHOR_FUZZY * fuzzy / 100
        span = _span_in(text, anchor.group(0)) if dated else anchor.span()
        return Hit(crit.id, Strength.STRONG, score, span, f"anchor “{anchor.group(0)}”, fuzzy {fuzzy:.0f}", dated)
    if fuzzy >= judge.rubric.fuzzy_cutoff:
        return Hit(crit.id, Strength.STRONG, weights.FUZZY_ONLY * fuzzy / 100, None,
                   f"fuzzy {fuzzy:.0f} to a listed heading")
    if (named := next((m for p in crit.evidence_headings if (m := p.search(text))), None)) is not None:
        # 加强组织领导, 压实主体责任: the part's heading only over text that reports it (see confirmed())
        return Hit(crit.id, Strength.EVIDENCE, weights.RESPONSIBILITY, named.span(),
                   f"responsibility heading “{named.group(0)}”")
    weak = next((m for p in crit.weak_anchors if (m := p.search(text))), None)
    if weak is not None:
        return Hit(crit.id, Strength.WEAK, weights.WEAK_HEADING, weak.span(), f"weak anchor “{weak.group(0)}”")
    return None


def _span_in(text: str, found: str) -> tuple[int, int]:
    """Where a dated anchor's hit lies in the heading with its years taken out (for merged headings)."""
    bare = YEAR.sub("", found)
    pos = text.find(bare) if bare else -1
    return (pos, pos + len(bare)) if pos >= 0 else (0, max(1, len(bare)))


def confirmed(hits: list[Hit], outline: Outline, index: int, specs: dict[str, CriterionSpec]) -> list[Hit]:
    """Responsibility headings (加强组织领导) carry their part only over text that reports it: such a hit
    becomes strong over a section whose text holds the part's evidence, weak over text that only claims
    it, and is dropped otherwise."""
    if all(h.strength is not Strength.EVIDENCE for h in hits):
        return hits
    out = []
    for hit in hits:
        if hit.strength is Strength.EVIDENCE:
            texts = [p.text for p in outline.content(index)]
            if reports(specs[hit.criterion], texts):
                hit = Hit(hit.criterion, Strength.STRONG, hit.score, hit.span, hit.reason + ", its text reports it",
                          hit.dated, responsibility=True)
            elif reports(specs[hit.criterion], texts, claims=True):
                hit = Hit(hit.criterion, Strength.WEAK, weights.WEAK_HEADING, hit.span,
                          hit.reason + ", its text only claims it")
            else:
                continue
        out.append(hit)
    return out


def merges(a: Hit, b: Hit, order: tuple[str, ...], specs: dict[str, CriterionSpec]) -> bool:
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
    return second.criterion in specs[first.criterion].nest_in and second.score >= weights.MERGE_OWN_WORDS


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    if a is None or b is None:
        return True
    return a[0] < b[1] and b[0] < a[1]


def _allowed(crit: CriterionSpec, ancestors: set[str]) -> bool:
    if crit.id in ancestors:
        return False  # a subsection of a part is part of it, not a second instance
    return all(a in crit.nest_in for a in ancestors)


@dataclass
class Claims:
    """Phase 1's result: the criteria each section's heading claims, and what else the headings said."""

    by_section: dict[int, list[str]] = field(default_factory=dict)
    merged: dict[int, list[str]] = field(default_factory=dict)  # sections whose heading carries two parts
    weak_heads: dict[str, list[int]] = field(default_factory=dict)
    misplaced: set[tuple[str, int]] = field(default_factory=set)  # a part's heading inside another part
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)
    top_level: set[int] = field(default_factory=set)  # top-level sections that may be thematic measures
    by_responsibility: set[int] = field(default_factory=set)  # also thematic measures when top-level

    def sections_of(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for index, cids in self.by_section.items():
            for cid in cids:
                out.setdefault(cid, []).append(index)
        return {cid: sorted(indices) for cid, indices in out.items()}

    def thematic(self, outline: Outline) -> list[int]:
        """Top-level sections that claim nothing (二、坚持权责明晰…) or only the duty by its responsibility,
        with some content: the measures in substance."""
        return [i for i in sorted(self.top_level)
                if (i not in self.by_section or i in self.by_responsibility)
                and content_chars(" ".join(p.text for p in outline.content(i))) >= weights.THEMATIC_MIN]


def claim_headings(outline: Outline, rubric: Rubric, year: int | None, fallback: str | None) -> Claims:
    """Which criteria each heading claims, in document order (a subsection sees what its ancestors claim).

    ``fallback`` is the criterion inferred from thematic sections (the measures): what stands under a
    thematic top-level section stands inside it.
    """
    specs = {c.id: c for c in rubric.criteria}
    judge = judge_for(rubric, year)
    claims = Claims(candidates={c.id: [] for c in rubric.criteria})
    for sec in outline.sections[1:]:
        hits = confirmed(judge.hits(sec.title), outline, sec.index, specs)
        for hit in hits:
            kind = CandidateKind.HEADING if hit.strength is Strength.STRONG else CandidateKind.WEAK_HEADING
            claims.candidates[hit.criterion].append(
                Candidate(hit.criterion, kind, round(hit.score, 3), sec.index, sec.line, sec.title, hit.reason))
        ancestors = _ancestor_parts(outline, sec, claims, fallback)
        strong = [h for h in hits if h.strength is Strength.STRONG and _allowed(specs[h.criterion], ancestors)
                  and not (h.responsibility and _named_below(outline, sec, h.criterion, judge))]
        if strong:
            _claim(sec, strong, ancestors, claims, outline, rubric, specs, year, fallback)
            continue
        _weakly_named(sec, hits, ancestors, claims, judge, specs)
        if sec.level == 1 and not ancestors:
            claims.top_level.add(sec.index)
    return claims


def _named_below(outline: Outline, sec: Section, cid: str, judge: Judge) -> bool:
    """Whether a subsection's own heading names the part (一、坚持党的领导 over (二)党政主要负责人履职尽责): the
    part is there, and the responsibility heading above it is the measures' theme."""
    return any(h.criterion == cid and h.strength is Strength.STRONG
               for sub in outline.descendants(sec.index) for h in judge.hits(sub.title))


def _ancestor_parts(outline: Outline, sec: Section, claims: Claims, fallback: str | None) -> set[str]:
    """The parts a section stands inside: what its ancestors claim, or the measures under a thematic section."""
    ancestors: set[str] = set()
    top = sec
    for anc in outline.ancestors(sec.index):
        ancestors.update(claims.by_section.get(anc.index, []))
        if anc.level >= 1:
            top = anc
    if not ancestors and top.index != sec.index and top.index in claims.top_level:
        return {fallback} if fallback else set()
    return ancestors


# 一是…… 二是…… inside a paragraph: where each item begins
_INLINE_ITEM = re.compile(r"(?=(?<![一二三四五六七八九十])[一二三四五六七八九十]是)")


def _themed_and_mixed(sec: Section, hit: Hit, outline: Outline, crit: CriterionSpec) -> bool:
    """A heading that names a theme of the year's work beside the part (一、坚持党的全面领导,法治建设第一责任人
    职责落实到位) over items of which some report none of the part (二是法治创建考评稳步推进): the section is
    that theme's measures too, as a responsibility heading's is."""
    if not crit.evidence_headings or not any(p.search(sec.title) for p in crit.evidence_headings):
        return False
    items = [outline.content(i) for i in sec.children] or [[p] for p in sec.body]
    texts = [t for group in items for t in _INLINE_ITEM.split(" ".join(p.text for p in group))
             if content_chars(t) >= weights.EVIDENCE_MIN]
    return len(texts) >= 2 and any(reports(crit, [t]) is None for t in texts)


def _claim(sec: Section, strong: list[Hit], ancestors: set[str], claims: Claims, outline: Outline,
           rubric: Rubric, specs: dict[str, CriterionSpec], year: int | None, fallback: str | None) -> None:
    best = strong[0]
    if best.responsibility or _themed_and_mixed(sec, best, outline, specs[best.criterion]):
        claims.by_responsibility.add(sec.index)
        if sec.level == 1 and not ancestors:
            claims.top_level.add(sec.index)
    chosen = [best.criterion]
    for other in strong[1:]:
        # A part named after the broad part (the measures) must show in the text under it: an opening
        # cut off under "一、工作成效和存在的问题" holds no shortcomings. Under "存在的问题和2023年工作
        # 打算" the plan may be a bare list of tasks.
        if merges(best, other, rubric.order, specs) and (
                best.criterion != fallback
                or any(speaks_of(specs[other.criterion], p.text, year) for p in outline.content(sec.index))):
            chosen.append(other.criterion)
    claims.by_section[sec.index] = chosen
    if len(chosen) > 1:
        claims.merged[sec.index] = chosen


def _weakly_named(sec: Section, hits: list[Hit], ancestors: set[str], claims: Claims, judge: Judge,
                  specs: dict[str, CriterionSpec]) -> None:
    for hit in hits:
        if hit.strength is Strength.WEAK and _allowed(specs[hit.criterion], ancestors):
            claims.weak_heads.setdefault(hit.criterion, []).append(sec.index)
        elif (hit.strength is Strength.STRONG and hit.criterion not in ancestors
              and judge.whole_ratio(sec.title, hit.criterion) >= judge.rubric.fuzzy_cutoff):
            # A part's own heading, misplaced inside another part ("(四)下一步工作打算" under the
            # measures): the part is there, but not as a part of its own.
            claims.weak_heads.setdefault(hit.criterion, []).append(sec.index)
            claims.misplaced.add((hit.criterion, sec.index))
