"""Load a rubric: find it by id or path, validate it against its JSON Schema, build the frozen model."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from scorer.errors import RubricError
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


@dataclass(frozen=True)
class RuleSpec:
    id: str
    severity: Severity | None  # None: turned off
    message: Lang
    options: dict[str, Any]


@dataclass(frozen=True)
class Rubric:
    id: str
    version: str
    title: Lang
    path: str
    pass_threshold: float
    status_factor: dict[str, float]
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


def _node_line(root: yaml.Node | None, path: list[str | int]) -> int | None:
    """The 1-based line of the YAML node at a JSON path, as close as the path allows."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            nxt = node.value[key]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line


def _fmt_path(path: list[str | int]) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out or "(top level)"


def parse_yaml(path: Path) -> tuple[dict[str, Any], yaml.Node | None]:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError(f"{path}: cannot be read ({exc})") from None
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RubricError(f"{path}{where}: invalid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise RubricError(f"{path}: a rubric must be a YAML mapping")
    return data, node


def validate(data: dict[str, Any], node: yaml.Node | None, path: Path) -> None:
    """Check a rubric against its schema and compile its patterns; RubricError names file:line."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(rubric_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        err = errors[0]
        loc = list(err.absolute_path)
        line = _node_line(node, loc)
        raise RubricError(f"{path}:{line}: {_fmt_path(loc)}: {_schema_message(err)}")
    ids = [c["id"] for c in data["criteria"]]
    for i, cid in enumerate(ids):
        if ids.index(cid) != i:
            line = _node_line(node, ["criteria", i, "id"])
            raise RubricError(f"{path}:{line}: criteria[{i}].id: duplicate id {cid!r}")
    for i, crit in enumerate(data["criteria"]):
        for j, other in enumerate(crit.get("nest_in", [])):
            if other not in ids:
                _unknown(path, node, ["criteria", i, "nest_in", j], other)
    for k, cid in enumerate(data["scoring"].get("order", [])):
        if cid not in ids:
            _unknown(path, node, ["scoring", "order", k], cid)


def _unknown(path: Path, node: yaml.Node | None, loc: list[str | int], cid: str) -> None:
    raise RubricError(f"{path}:{_node_line(node, loc)}: {_fmt_path(loc)}: unknown criterion {cid!r}")


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


def _compile(pattern: str, path: Path, node: yaml.Node | None, loc: list[str | int]) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RubricError(f"{path}:{_node_line(node, loc)}: {_fmt_path(loc)}: bad pattern {pattern!r}: {exc}") from None


def _patterns(
    items: list[str], path: Path, node: yaml.Node | None, loc: list[str | int]
) -> tuple[re.Pattern[str], ...]:
    return tuple(_compile(p, path, node, [*loc, i]) for i, p in enumerate(items))


def build(data: dict[str, Any], node: yaml.Node | None, path: Path) -> Rubric:
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
                    cues=_patterns(r["cues"], path, node, [*base, "requirements", j, "cues"]),
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
                anchors=_patterns(c["anchors"], path, node, [*base, "anchors"]),
                weak_anchors=_patterns(c.get("weak_anchors", []), path, node, [*base, "weak_anchors"]),
                cues=_patterns(c.get("cues", []), path, node, [*base, "cues"]),
                cue_anywhere=bool(c.get("cue_anywhere", False)),
                messages=c.get("messages", {}),
                requirements=tuple(reqs),
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
        fuzzy_cutoff=float(scoring.get("fuzzy_cutoff", 82)),
        cue_window=int(scoring.get("cue_window", 60)),
        order=tuple(scoring.get("order", [])),
        filler=_patterns(cleanup.get("filler", []), path, node, ["heading_cleanup", "filler"]),
        quote_strip=bool(cleanup.get("quote_strip", True)),
        criteria=tuple(criteria),
        rules=rules,
        noise_labels=data.get("noise_labels", {}),
        spam=_patterns(data.get("spam", {}).get("patterns", []), path, node, ["spam", "patterns"]),
        checks=data.get("checks", {}),
        raw=data,
    )


def load_rubric(ref: str = "national") -> Rubric:
    """Load a rubric by built-in id or file path; every problem is a RubricError naming file:line."""
    path = resolve(ref)
    data, node = parse_yaml(path)
    validate(data, node, path)
    return build(data, node, path)
