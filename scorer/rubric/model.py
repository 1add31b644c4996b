"""The rubric as the engine sees it: frozen dataclasses built once at load (scorer.rubric.build)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from scorer.model import Severity

Lang = dict[str, str]


@dataclass(frozen=True)
class Requirement:
    """A requirement inside a criterion (e.g. the causes of the shortcomings), found by cues."""

    id: str
    label: Lang
    weight: float
    severity: Severity
    rule: str
    cues: tuple[re.Pattern[str], ...]
    messages: dict[str, Lang]


@dataclass(frozen=True)
class CriterionSpec:
    """A part the report must (or may) hold: how its heading reads, the patterns that find it, its weight."""

    id: str
    label: Lang
    hint: Lang
    required: bool
    weight: float
    min_chars: int
    nest_in: tuple[str, ...]
    thematic_fallback: bool
    phrases: tuple[str, ...]
    anchors: tuple[re.Pattern[str], ...]
    weak_anchors: tuple[re.Pattern[str], ...]
    cues: tuple[re.Pattern[str], ...]
    cue_anywhere: bool
    messages: dict[str, Lang]
    requirements: tuple[Requirement, ...]
    # Parts whose text may hold this part unheaded (the plan's "下一步,我们将……" closing the shortcomings).
    cue_in: tuple[str, ...] = ()
    # Parts whose text never holds this one unheaded, even for a part cued anywhere (the plan for the duty).
    cue_not_in: tuple[str, ...] = ()
    # What the part must report, not merely name (a subject and its action in one sentence); empty: any text.
    evidence: tuple[re.Pattern[str], ...] = ()
    # The same under the part's own heading, where the subject may be left out (全年主持召开……).
    evidence_implied: tuple[re.Pattern[str], ...] = ()
    # Any action or claim word: text without one holds no evidence (a cheap test before the patterns).
    evidence_probe: re.Pattern[str] | None = None
    # What an evidence sentence must be about (法治, 依法, 学法…): 主持召开安全生产专题会议 is another duty.
    evidence_topic: re.Pattern[str] | None = None
    # A leader named as fulfilling the duty with no act told (主要负责人认真履行……职责): the part is weak.
    evidence_claims: tuple[re.Pattern[str], ...] = ()
    # The claims that count in the preamble: those of its `preamble_subjects` only (本人作为……第一责任人).
    evidence_preamble_claims: tuple[re.Pattern[str], ...] = ()
    # Headings of the part's responsibility (加强组织领导): they carry the part only over its evidence.
    evidence_headings: tuple[re.Pattern[str], ...] = ()
    # Words that only mention the part, quoted when it is missing.
    mentions: tuple[re.Pattern[str], ...] = ()
    # A paragraph holding the part unheaded must name a concrete matter (the rubric's ``matters``).
    cue_matters: bool = False


@dataclass(frozen=True)
class RuleSpec:
    """A rule as the rubric sets it: its severity (None: off), message template and options."""

    id: str
    severity: Severity | None  # None: turned off
    message: Lang
    options: dict[str, Any]


@dataclass(frozen=True)
class Selector:
    """When auto-selection picks this rubric: patterns on the title, the issuer, the opening lines."""

    priority: int
    title: tuple[re.Pattern[str], ...]
    issuer: tuple[re.Pattern[str], ...]
    opening: tuple[re.Pattern[str], ...]
    default: bool
    reason: Lang


@dataclass(frozen=True)
class Rubric:
    """A loaded rubric: its criteria, rules, scoring and the checks' options, every pattern compiled."""

    id: str
    version: str
    title: Lang
    path: str
    pass_threshold: float
    status_factor: dict[str, float]
    fail_on: Severity | None  # the least severe finding that fails a report; None: findings never do
    fuzzy_cutoff: float
    cue_window: int
    order: tuple[str, ...]
    filler: tuple[re.Pattern[str], ...]
    quote_strip: bool
    criteria: tuple[CriterionSpec, ...]
    rules: dict[str, RuleSpec]
    noise_labels: dict[str, Lang]
    spam: tuple[re.Pattern[str], ...]
    # The `checks:` block: with scorer.api.load_rubric validated, every pattern compiled once and every
    # option completed with its declared default; as written when loaded without the checks' options.
    checks: dict[str, dict[str, Any]]
    raw: dict[str, Any]
    parents: tuple[str, ...] = ()  # the ids this rubric extends, nearest first
    selector: Selector | None = None
    examples: tuple[dict[str, Any], ...] = field(default=())
    # Words naming concrete matters of the work (执法, 复议…), one alternation; None: the rubric has none.
    matters: re.Pattern[str] | None = None
    # Each check's options, typed by the checks (option group -> its object); {}: loaded without them.
    check_options: Mapping[str, object] = field(default_factory=dict)

    def criterion(self, cid: str) -> CriterionSpec:
        for crit in self.criteria:
            if crit.id == cid:
                return crit
        raise KeyError(cid)

    def rule(self, rid: str) -> RuleSpec:
        spec = self.rules.get(rid)
        if spec is None:
            return RuleSpec(rid, Severity.WARNING, {"zh": "{detail}", "en": "{detail}"}, {})
        return spec


@dataclass(frozen=True)
class CheckOptions:
    """The `checks:` block as the checks declare it (scorer.checks.check_options): the JSON Schema of
    its option groups, each with its defaults, and how the checks type a completed block."""

    schema: dict[str, Any]
    build: Callable[[dict[str, dict[str, Any]]], Mapping[str, object]]
