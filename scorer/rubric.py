"""Load a rubric: find it by id or path, validate it against its JSON Schema, build the frozen model."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from scorer.backtrack import backtrack_risk, first_chars
from scorer.errors import InputError, RubricError
from scorer.limits import LONG_NUMBER, data_hazard, read_settings_text, yaml_hazard
from scorer.model import Severity
from scorer.yamlpos import Locator

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
    # Headings of the part's responsibility (加强组织领导): they carry the part only over its evidence.
    evidence_headings: tuple[re.Pattern[str], ...] = ()
    # Words that only mention the part, quoted when it is missing.
    mentions: tuple[re.Pattern[str], ...] = ()
    # A paragraph holding the part unheaded must name a concrete matter (the rubric's ``matters``).
    cue_matters: bool = False


@dataclass(frozen=True)
class RuleSpec:
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
    checks: dict[str, dict[str, Any]]
    raw: dict[str, Any]
    parents: tuple[str, ...] = ()  # the ids this rubric extends, nearest first
    selector: Selector | None = None
    examples: tuple[dict[str, Any], ...] = field(default=())
    # Words naming concrete matters of the work (执法, 复议…), one alternation; None: the rubric has none.
    matters: re.Pattern[str] | None = None

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


def builtin_dir() -> Path:
    return Path(str(resources.files("scorer.rubrics")))


def builtin_ids() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


@lru_cache(maxsize=1)
def rubric_schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((builtin_dir() / "schema" / "rubric.schema.json").read_text("utf-8"))
    return data


@lru_cache(maxsize=1)
def _ui_labels() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = yaml.safe_load((builtin_dir() / "ui" / "labels.yaml").read_text("utf-8"))
    return data


def ui_label(lang: str, key: str, **values: object) -> str:
    """An interface word of the rubric tools (rubrics/ui/labels.yaml) in zh or en, filled in."""
    entry = _ui_labels().get(key, {})
    text = entry.get(lang) or entry.get("zh") or key
    return text.format(**values) if values else text


def resolve(ref: str) -> Path:
    """A rubric reference (a built-in id or a file path) as a path, or RubricError."""
    candidate = Path(ref)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        if not candidate.is_file():
            raise RubricError(f"{ref}: rubric file not found")
        return candidate
    builtin = builtin_dir() / f"{ref}.yaml"
    if builtin.is_file():
        return builtin
    raise RubricError(f"{ref}: no such rubric (built-in rubrics: {', '.join(builtin_ids())})")


def parse_yaml(path: Path) -> tuple[dict[str, Any], yaml.Node | None]:
    try:
        text = read_settings_text(path)
    except InputError as exc:
        raise RubricError(f"{path}: cannot be read ({exc.reason})") from None
    hazard = yaml_hazard(text)
    if hazard is not None:
        raise RubricError(f"{path}:{hazard[0]}: {hazard[1]}")
    try:
        data, node = _load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RubricError(f"{path}{where}: invalid YAML: {problem}") from None
    except (RecursionError, MemoryError):
        raise RubricError(f"{path}: too deeply nested or too large to load") from None
    except ValueError:  # a number of more than 4,300 digits
        raise RubricError(f"{path}: invalid YAML: {LONG_NUMBER}") from None
    if not isinstance(data, dict):
        raise RubricError(f"{path}: a rubric must be a YAML mapping")
    return data, node


def _load_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """The data and the node tree (for line numbers) of a YAML text, safely (no object construction).

    libyaml's loader when present (ten times faster; same data and marks); the pure-Python one for
    a text libyaml refuses, so that a broken file gets the same message either way.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            return yaml.load(text, Loader=fast), yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text), yaml.compose(text, Loader=yaml.SafeLoader)


def _cache_dir() -> Path | None:
    """Where schema-valid rubric contents are remembered ($SCORER_CACHE_DIR, else the user cache); None: off."""
    import os

    if os.environ.get("SCORER_NO_CACHE"):
        return None
    root = os.environ.get("SCORER_CACHE_DIR")
    if root:
        return Path(root)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scorer" / "valid-rubrics"


def _valid_key(data: dict[str, Any], schema: dict[str, Any]) -> str:
    import importlib

    from scorer import __version__

    try:  # the built-in module, as `random` does: hashlib would load OpenSSL first (5 ms)
        sha256: Any = importlib.import_module("_sha256").sha256
    except ImportError:  # pragma: no cover - a Python without it
        from hashlib import sha256
    return str(sha256(f"{__version__}\0{schema!r}\0{data!r}".encode("utf-8", "surrogatepass")).hexdigest())


def _schema_errors(data: dict[str, Any], schema: dict[str, Any], where: Locator) -> None:
    """RubricError for the first schema error. A content that passed once is remembered by its hash
    (never a failure), so a start-up does not import and run jsonschema for an unchanged rubric."""
    folder = _cache_dir()
    key = _valid_key(data, schema) if folder is not None else ""
    if folder is not None and (folder / key).exists():
        return
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        err = errors[0]
        raise RubricError(f"{where(list(err.absolute_path))}: {_schema_message(err)}")
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / key).touch()
        except OSError:  # a read-only home: validate every time
            pass


def _no_hazard(data: dict[str, Any], where: Locator) -> None:
    """NaN, infinity and data nested past the limit, before a schema is asked (NaN passes `minimum`)."""
    hazard = data_hazard(data)
    if hazard is not None:
        loc, problem = hazard
        raise RubricError(f"{where(list(loc))}: {problem}")


def validate_layer(data: dict[str, Any], where: Locator) -> None:
    """An extending rubric on its own: the schema, with only `id` and `extends` required."""
    _no_hazard(data, where)
    schema = copy.deepcopy(rubric_schema())
    schema["required"] = ["id", "extends"]
    schema["properties"]["scoring"]["required"] = []
    schema["$defs"]["rule"]["required"] = []  # an override may change a rule's severity only
    _schema_errors(data, schema, where)


def validate(data: dict[str, Any], node: yaml.Node | None, path: Path, where: Locator | None = None) -> None:
    """Check a rubric against its schema and its ids; RubricError names file:line (of the file with the key)."""
    where = where or Locator(path, node)
    _no_hazard(data, where)
    _schema_errors(data, rubric_schema(), where)
    ids = [c["id"] for c in data["criteria"]]
    for i, cid in enumerate(ids):
        if ids.index(cid) != i:
            raise RubricError(f"{where(['criteria', i, 'id'])}: duplicate id {cid!r}")
    for i, crit in enumerate(data["criteria"]):
        for key in ("nest_in", "cue_in"):
            for j, other in enumerate(crit.get(key, [])):
                if other not in ids:
                    _unknown(where, ["criteria", i, key, j], other)
    for section in ("scoring", "template"):
        for k, cid in enumerate(data.get(section, {}).get("order", [])):
            if cid not in ids:
                _unknown(where, [section, "order", k], cid)


def _unknown(where: Locator, loc: list[str | int], cid: str) -> None:
    raise RubricError(f"{where(loc)}: unknown criterion {cid!r}")


def _schema_message(err: Any) -> str:
    if err.validator == "type":
        want = err.validator_value
        if want == "array" and err.schema.get("items", {}).get("type") == "string":
            return "expected a list of strings"
        return f"expected {want}, got {type(err.instance).__name__}"
    if err.validator == "required":
        return str(err.message).replace("'", "")
    if err.validator == "additionalProperties":
        return str(err.message)
    return str(err.message)


def _compile(pattern: str, where: Locator, loc: list[str | int]) -> re.Pattern[str]:
    try:
        compiled = re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise RubricError(f"{where(loc)}: bad pattern {pattern!r}: {exc}") from None
    risk = backtrack_risk(pattern)
    if risk is not None:
        raise RubricError(f"{where(loc)}: pattern {pattern!r} can backtrack catastrophically ({risk}); "
                          "rewrite it without a repeat inside a repeat")
    return compiled


def _patterns(items: list[str], where: Locator, loc: list[str | int]) -> tuple[re.Pattern[str], ...]:
    return tuple(_compile(p, where, [*loc, i]) for i, p in enumerate(items))


def build(data: dict[str, Any], node: yaml.Node | None, path: Path, where: Locator | None = None,
          parents: tuple[str, ...] = ()) -> Rubric:
    where = where or Locator(path, node)
    scoring = data["scoring"]
    criteria: list[CriterionSpec] = []
    for i, c in enumerate(data["criteria"]):
        base: list[str | int] = ["criteria", i]
        reqs = []
        for j, r in enumerate(c.get("requirements", [])):
            reqs.append(
                Requirement(
                    id=r["id"],
                    label=r["label"],
                    weight=float(r["weight"]),
                    severity=Severity(r.get("severity", "warning")),
                    rule=r.get("rule", "requirement-missing"),
                    cues=_patterns(r["cues"], where, [*base, "requirements", j, "cues"]),
                    messages=r.get("messages", {}),
                )
            )
        headings = c["headings"]
        criteria.append(
            CriterionSpec(
                id=c["id"],
                label=c["label"],
                hint=c.get("hint", c["label"]),
                required=bool(c.get("required", False)),
                weight=float(c["weight"]),
                min_chars=int(c.get("min_chars", 0)),
                nest_in=tuple(c.get("nest_in", [])),
                thematic_fallback=bool(c.get("thematic_fallback", False)),
                phrases=(headings["canonical"], *headings.get("aliases", [])),
                anchors=_patterns(c["anchors"], where, [*base, "anchors"]),
                weak_anchors=_patterns(c.get("weak_anchors", []), where, [*base, "weak_anchors"]),
                cues=_patterns(c.get("cues", []), where, [*base, "cues"]),
                cue_anywhere=bool(c.get("cue_anywhere", False)),
                messages=c.get("messages", {}),
                requirements=tuple(reqs),
                cue_in=tuple(c.get("cue_in", [])),
                **_evidence(c.get("evidence"), where, [*base, "evidence"]),
                cue_matters=bool(c.get("cue_matters", False)),
            )
        )
    rules = {
        rid: RuleSpec(
            id=rid,
            severity=None if r["severity"] == "off" else Severity(r["severity"]),
            message=r["message"],
            options=r.get("options", {}),
        )
        for rid, r in data["rules"].items()
    }
    cleanup = data.get("heading_cleanup", {})
    factor = scoring.get("status_factor", {"found": 1.0, "weak": 0.5, "missing": 0.0})
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
        filler=_patterns(cleanup.get("filler", []), where, ["heading_cleanup", "filler"]),
        quote_strip=bool(cleanup.get("quote_strip", True)),
        criteria=tuple(criteria),
        rules=rules,
        noise_labels=data.get("noise_labels", {}),
        spam=_patterns(data.get("spam", {}).get("patterns", []), where, ["spam", "patterns"]),
        checks=data.get("checks", {}),
        raw=data,
        parents=parents,
        selector=_selector(data.get("select"), where),
        examples=tuple(data.get("examples", [])),
        matters=_alternation(data.get("matters", []), where, ["matters"]),
    )


def _alternation(items: list[str], where: Locator, loc: list[str | int]) -> re.Pattern[str] | None:
    """One pattern that matches any of ``items`` (each checked on its own first, for a precise error)."""
    if not items:
        return None
    return re.compile("|".join(f"(?:{p.pattern})" for p in _patterns(items, where, loc)))


def _fast(pattern: str) -> str:
    """``pattern`` behind a look-ahead for the characters every match starts with, when they are a few
    literals: the engine then passes most positions at once instead of trying every look-behind and
    alternative there (the same matches; ten times faster on a subject-then-act pattern)."""
    starts = first_chars(pattern)
    if starts is None:
        return pattern
    return "(?=[" + "".join(re.escape(ch) for ch in sorted(starts)) + "])" + pattern


def _evidence(spec: dict[str, Any] | None, where: Locator, loc: list[str | int]) -> dict[str, Any]:
    """A criterion's evidence: subject, then within ``gap`` characters of one sentence (none of
    ``not_between`` among them) an action, as one pattern; its responsibility headings and mentions."""
    if not spec:
        return {}
    subjects = _patterns(spec["subjects"], where, [*loc, "subjects"])
    actions = _patterns(spec["actions"], where, [*loc, "actions"])
    barred = _patterns(spec.get("not_between", []), where, [*loc, "not_between"])
    before = _patterns(spec.get("not_before", []), where, [*loc, "not_before"])
    gap = int(spec.get("gap", 20))
    bare = f"(?:{'|'.join(p.pattern for p in actions)})"
    # an action right after a word of intent (将带头述法) is a plan: neither the gap nor the action may start there
    stop = "".join(f"(?!{p.pattern})" for p in barred) + "".join(f"(?!{p.pattern}{bare})" for p in before)
    right_after = _patterns(spec.get("not_right_after", []), where, [*loc, "not_right_after"])
    act = "".join(f"(?<!{p.pattern})" for p in (*before, *right_after)) + bare
    # (全面压实党政主要负责人履行……职责, 督促企业主要负责人落实……: the leader is the object, not the subject)
    after = "".join(f"(?<!{p.pattern})" for p in _patterns(spec.get("object_after", []), where,
                                                          [*loc, "object_after"]))
    subject = f"{after}(?:{'|'.join(p.pattern for p in subjects)})"
    joined = f"{subject}(?:{stop}[^。;!?]){{0,{gap}}}?{act}"
    claims = _patterns(spec.get("claims", []), where, [*loc, "claims"])
    claimed = (f"{subject}[^。;!?]{{0,{int(spec.get('claim_gap', 12))}}}?"
               f"(?:{'|'.join(p.pattern for p in claims)})" if claims else None)
    openers = _patterns(spec.get("openers", []), where, [*loc, "openers"])
    # (one opener: a repeat of alternatives could backtrack exponentially, and one is what reports write)
    opener = f"(?:(?:{'|'.join(p.pattern for p in openers)})[,\\s]*)?" if openers else ""
    implied = f"(?:^|(?<=[。;!?]))\\s*{opener}{act}"
    joined, implied = _fast(joined), _fast(implied)
    return {
        "evidence": (_compile(joined, where, loc),),
        "evidence_implied": (_compile(joined, where, loc), _compile(implied, where, loc)),
        "evidence_claims": (_compile(_fast(claimed), where, [*loc, "claims"]),) if claimed else (),
        "evidence_topic": _alternation(spec.get("topic", []), where, [*loc, "topic"]),
        "evidence_probe": _compile("|".join(p.pattern for p in (*actions, *claims)), where, loc),
        "evidence_headings": _patterns(spec.get("headings", []), where, [*loc, "headings"]),
        "mentions": _patterns(spec.get("mentions", []), where, [*loc, "mentions"]),
    }


def _fail_on(value: str | bool) -> Severity | None:
    """``scoring.fail_on``: a severity, or off (a bare YAML ``off`` reads as false)."""
    return None if value in ("off", False) else Severity(str(value))


def _selector(spec: dict[str, Any] | None, where: Locator) -> Selector | None:
    if spec is None:
        return None
    return Selector(
        priority=int(spec.get("priority", 0)),
        title=_patterns(spec.get("title", []), where, ["select", "title"]),
        issuer=_patterns(spec.get("issuer", []), where, ["select", "issuer"]),
        opening=_patterns(spec.get("opening", []), where, ["select", "opening"]),
        default=bool(spec.get("default", False)),
        reason=spec["reason"],
    )


def load_rubric(ref: str = "national") -> Rubric:
    """Load a rubric by built-in id or file path; every problem is a RubricError naming file:line."""
    path = resolve(ref)
    data, node = parse_yaml(path)
    if "extends" not in data:
        validate(data, node, path)
        return build(data, node, path)
    from scorer.inherit import merge_chain

    merged, origins, parents = merge_chain(path, data, node)
    merged.pop("extends", None)
    merged.pop("overrides", None)
    merged.pop("drop", None)
    where = Locator(path, node, origins)
    validate(merged, None, path, where)
    return build(merged, None, path, where, parents)
