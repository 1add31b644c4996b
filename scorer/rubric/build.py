"""A rubric's data (schema-valid, merged) as the frozen model: every pattern compiled with a file:line
error, a criterion's evidence composed into its patterns, the checks' options completed and typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scorer.backtrack import behind_first_chars as _fast
from scorer.model import Severity
from scorer.rubric.model import CheckOptions, CriterionSpec, Requirement, Rubric, RuleSpec, Selector
from scorer.rubric.options import complete
from scorer.rubric.patterns import alternation, compile_pattern, compile_patterns
from scorer.yamlpos import Locator


def build(data: dict[str, Any], where: Locator, path: Path, parents: tuple[str, ...] = (),
          checks: CheckOptions | None = None, defs: dict[str, Any] | None = None) -> Rubric:
    """The model of a valid rubric; with ``checks``, its `checks:` block completed and typed by them."""
    scoring = data["scoring"]
    cleanup = data.get("heading_cleanup", {})
    factor = scoring.get("status_factor", {"found": 1.0, "weak": 0.5, "missing": 0.0})
    options = data.get("checks", {})
    if checks is not None:
        options = complete(checks.schema, defs or {}, options, None, ["checks"])  # its patterns: validate()
    spam = data.get("spam", {})
    return Rubric(
        id=data["id"],
        version=str(data["version"]),
        title=data["title"],
        path=str(path),
        pass_threshold=float(scoring["pass_threshold"]),
        status_factor={k: float(v) for k, v in factor.items()},
        fail_on=_fail_on(scoring.get("fail_on", "error")),
        fuzzy_cutoff=float(scoring.get("fuzzy_cutoff", 82)),
        cue_window=int(scoring.get("cue_window", 60)),
        order=tuple(scoring.get("order", [])),
        filler=compile_patterns(cleanup.get("filler", []), where, ["heading_cleanup", "filler"]),
        quote_strip=bool(cleanup.get("quote_strip", True)),
        criteria=tuple(_criterion(c, where, ["criteria", i]) for i, c in enumerate(data["criteria"])),
        rules=_rules(data["rules"]),
        noise_labels=data.get("noise_labels", {}),
        spam=compile_patterns({"patterns": spam.get("patterns", []), "words": spam.get("words", [])}, where,
                              ["spam"]),
        checks=options,
        raw=data,
        parents=parents,
        selector=_selector(data.get("select"), where),
        examples=tuple(data.get("examples", [])),
        matters=alternation(data.get("matters", []), where, ["matters"]),
        check_options=checks.build(options) if checks is not None else {},
    )


def _requirement(r: dict[str, Any], where: Locator, loc: list[str | int]) -> Requirement:
    return Requirement(
        id=r["id"],
        label=r["label"],
        weight=float(r["weight"]),
        severity=Severity(r.get("severity", "warning")),
        rule=r.get("rule", "requirement-missing"),
        cues=compile_patterns(r["cues"], where, [*loc, "cues"]),
        messages=r.get("messages", {}),
    )


def _criterion(c: dict[str, Any], where: Locator, base: list[str | int]) -> CriterionSpec:
    headings = c["headings"]
    return CriterionSpec(
        id=c["id"],
        label=c["label"],
        hint=c.get("hint", c["label"]),
        required=bool(c.get("required", False)),
        weight=float(c["weight"]),
        min_chars=int(c.get("min_chars", 0)),
        nest_in=tuple(c.get("nest_in", [])),
        thematic_fallback=bool(c.get("thematic_fallback", False)),
        phrases=(headings["canonical"], *headings.get("aliases", [])),
        anchors=compile_patterns(c["anchors"], where, [*base, "anchors"]),
        weak_anchors=compile_patterns(c.get("weak_anchors", []), where, [*base, "weak_anchors"]),
        cues=compile_patterns(c.get("cues", []), where, [*base, "cues"]),
        cue_anywhere=bool(c.get("cue_anywhere", False)),
        messages=c.get("messages", {}),
        requirements=tuple(_requirement(r, where, [*base, "requirements", j])
                           for j, r in enumerate(c.get("requirements", []))),
        cue_in=tuple(c.get("cue_in", [])),
        cue_not_in=tuple(c.get("cue_not_in", [])),
        **_evidence(c.get("evidence"), where, [*base, "evidence"]),
        cue_matters=bool(c.get("cue_matters", False)),
    )


def _rules(rules: dict[str, Any]) -> dict[str, RuleSpec]:
    return {
        rid: RuleSpec(
            id=rid,
            severity=None if r["severity"] == "off" else Severity(r["severity"]),
            message=r["message"],
            options=r.get("options", {}),
        )
        for rid, r in rules.items()
    }


def _evidence(spec: dict[str, Any] | None, where: Locator, loc: list[str | int]) -> dict[str, Any]:
    """A criterion's evidence: subject, then within ``gap`` characters of one sentence (none of
    ``not_between`` among them) an action, as one pattern; its responsibility headings and mentions."""
    if not spec:
        return {}
    subjects = compile_patterns(spec["subjects"], where, [*loc, "subjects"])
    actions = compile_patterns(spec["actions"], where, [*loc, "actions"])
    barred = compile_patterns(spec.get("not_between", []), where, [*loc, "not_between"])
    before = compile_patterns(spec.get("not_before", []), where, [*loc, "not_before"])
    gap = int(spec.get("gap", 20))
    bare = f"(?:{'|'.join(p.pattern for p in actions)})"
    # an action right after a word of intent (将带头述法) is a plan: neither the gap nor the action may start there
    stop = "".join(f"(?!{p.pattern})" for p in barred) + "".join(f"(?!{p.pattern}{bare})" for p in before)
    right_after = compile_patterns(spec.get("not_right_after", []), where, [*loc, "not_right_after"])
    act = "".join(f"(?<!{p.pattern})" for p in (*before, *right_after)) + bare
    # (全面压实党政主要负责人履行……职责, 督促企业主要负责人落实……: the leader is the object, not the subject)
    after = "".join(f"(?<!{p.pattern})" for p in compile_patterns(spec.get("object_after", []), where,
                                                          [*loc, "object_after"]))
    subject = f"{after}(?:{'|'.join(p.pattern for p in subjects)})"
    joined = f"{subject}(?:{stop}[^。;!?]){{0,{gap}}}?{act}"
    claims = compile_patterns(spec.get("claims", []), where, [*loc, "claims"])
    # (nor a word of intent before the claim: 局长将带头履行……职责 is next year's)
    intent = "".join(f"(?!{p.pattern})" for p in before)
    claim = f"(?:{intent}[^,。;!?]){{0,{int(spec.get('claim_gap', 12))}}}?(?:{'|'.join(p.pattern for p in claims)})"
    claimed = f"{subject}{claim}" if claims else None
    own = compile_patterns(spec.get("preamble_subjects", []), where, [*loc, "preamble_subjects"])
    own_claim = f"{after}(?:{'|'.join(p.pattern for p in own)}){claim}" if claims and own else None
    openers = compile_patterns(spec.get("openers", []), where, [*loc, "openers"])
    # (one opener: a repeat of alternatives could backtrack exponentially, and one is what reports write)
    opener = f"(?:(?:{'|'.join(p.pattern for p in openers)})[,\\s]*)?" if openers else ""
    implied = f"(?:^|(?<=[。;!?]))\\s*{opener}{act}"
    joined, implied = _fast(joined), _fast(implied)
    return {
        "evidence": (compile_pattern(joined, where, loc),),
        "evidence_implied": (compile_pattern(joined, where, loc), compile_pattern(implied, where, loc)),
        "evidence_claims": (compile_pattern(_fast(claimed), where, [*loc, "claims"]),) if claimed else (),
        "evidence_preamble_claims": (compile_pattern(_fast(own_claim), where, [*loc, "preamble_subjects"]),)
        if own_claim else (),
        "evidence_topic": alternation(spec.get("topic", []), where, [*loc, "topic"]),
        "evidence_probe": compile_pattern("|".join(p.pattern for p in (*actions, *claims)), where, loc),
        "evidence_headings": compile_patterns(spec.get("headings", []), where, [*loc, "headings"]),
        "mentions": compile_patterns(spec.get("mentions", []), where, [*loc, "mentions"]),
    }


def _fail_on(value: str | bool) -> Severity | None:
    """``scoring.fail_on``: a severity, or off (a bare YAML ``off`` reads as false)."""
    return None if value in ("off", False) else Severity(str(value))


def _selector(spec: dict[str, Any] | None, where: Locator) -> Selector | None:
    if spec is None:
        return None
    return Selector(
        priority=int(spec.get("priority", 0)),
        title=compile_patterns(spec.get("title", []), where, ["select", "title"]),
        issuer=compile_patterns(spec.get("issuer", []), where, ["select", "issuer"]),
        opening=compile_patterns(spec.get("opening", []), where, ["select", "opening"]),
        default=bool(spec.get("default", False)),
        reason=spec["reason"],
    )
