"""A rubric checked against its JSON Schema (with the checks' option groups when given) and its ids;
a content that passed once is remembered, so that an unchanged rubric starts without jsonschema."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from scorer.errors import RubricError
from scorer.limits import data_hazard
from scorer.rubric.model import CheckOptions
from scorer.rubric.source import builtin_dir
from scorer.yamlpos import Locator


@lru_cache(maxsize=1)
def rubric_schema() -> dict[str, Any]:
    """rubrics/schema/rubric.schema.json, where `checks:` is any mapping of option groups."""
    data: dict[str, Any] = json.loads((builtin_dir() / "schema" / "rubric.schema.json").read_text("utf-8"))
    return data


def schema_for(checks: CheckOptions | None) -> dict[str, Any]:
    """The rubric schema with the checks' own schema of `checks:` (its groups closed, each with its options)."""
    base = rubric_schema()
    if checks is None:
        return base
    return {**base, "properties": {**base["properties"], "checks": checks.schema}}


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
    return str(sha256(f"{__version__}\0built\0{schema!r}\0{data!r}".encode("utf-8", "surrogatepass")).hexdigest())


def check_schema(data: dict[str, Any], schema: dict[str, Any], where: Locator,
                 then: Callable[[], object] | None = None, remember: bool = True) -> bool:
    """RubricError for the first schema error, then for what ``then`` finds (the patterns of `checks:`).
    A content that passed once is remembered by its hash (never a failure), so a start-up does not
    import and run jsonschema, nor check those patterns again, for an unchanged rubric. True when it
    was remembered; with ``remember`` False a content that passes is not remembered yet (the caller
    calls ``remember_valid`` once what it checks after this has passed too)."""
    folder = _cache_dir()
    key = _valid_key(data, schema) if folder is not None else ""
    if folder is not None and (folder / key).exists():
        return True
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        err = _within(errors[0])
        raise RubricError(f"{where(list(err.absolute_path))}: {_schema_message(err)}")
    if then is not None:
        then()
    if remember:
        remember_valid(data, schema)
    return False


def remember_valid(data: dict[str, Any], schema: dict[str, Any]) -> None:
    """Remember that a rubric content passed every check (its hash in the cache folder)."""
    folder = _cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / _valid_key(data, schema)).touch()
    except OSError:  # a read-only home: validate every time
        pass


def _no_hazard(data: dict[str, Any], where: Locator) -> None:
    """NaN, infinity and data nested past the limit, before a schema is asked (NaN passes `minimum`)."""
    hazard = data_hazard(data)
    if hazard is not None:
        loc, problem = hazard
        raise RubricError(f"{where(list(loc))}: {problem}")


def validate_layer(data: dict[str, Any], where: Locator, full: dict[str, Any]) -> None:
    """An extending rubric on its own: the schema ``full``, with only `id` and `extends` required."""
    _no_hazard(data, where)
    schema = copy.deepcopy(full)
    schema["required"] = ["id", "extends"]
    schema["properties"]["scoring"]["required"] = []
    schema["$defs"]["rule"]["required"] = []  # an override may change a rule's severity only
    check_schema(data, schema, where)


def validate(data: dict[str, Any], where: Locator, schema: dict[str, Any],
             then: Callable[[], object] | None = None) -> bool:
    """Check a rubric against ``schema``, ``then``, and its ids; RubricError names file:line (of the file
    with the key). True when the content passed before (remembered); otherwise the caller remembers it
    (``remember_valid``) once the rest of its checks, its patterns', have passed."""
    _no_hazard(data, where)
    known = check_schema(data, schema, where, then, remember=False)
    ids = [c["id"] for c in data["criteria"]]
    for i, cid in enumerate(ids):
        if ids.index(cid) != i:
            raise RubricError(f"{where(['criteria', i, 'id'])}: duplicate id {cid!r}")
    for i, crit in enumerate(data["criteria"]):
        for key in ("nest_in", "cue_in", "cue_not_in"):
            for j, other in enumerate(crit.get(key, [])):
                if other not in ids:
                    _unknown(where, ["criteria", i, key, j], other)
    for section in ("scoring", "template"):
        for k, cid in enumerate(data.get(section, {}).get("order", [])):
            if cid not in ids:
                _unknown(where, [section, "order", k], cid)
    return known


def _unknown(where: Locator, loc: list[str | int], cid: str) -> None:
    raise RubricError(f"{where(loc)}: unknown criterion {cid!r}")


def _schema_message(err: Any) -> str:
    if err.validator in ("anyOf", "oneOf"):
        wanted = " or ".join(dict.fromkeys(str(e.validator_value) for e in err.context if _shape(e)))
        return f"expected {wanted}, got {type(err.instance).__name__}" if wanted else str(err.message)
    if err.validator == "type":
        want = err.validator_value
        if want == "array" and err.schema.get("items", {}).get("type") == "string":
            return "expected a list of strings"
        return f"expected {want}, got {type(err.instance).__name__}"
    if err.validator == "required":
        return str(err.message).replace("'", "")
    return str(err.message)


def _within(err: Any) -> Any:
    """For a value that fits none of the shapes allowed (a list of patterns, or a mapping of `patterns` and
    `words`): the problem inside the shape that was written, if it is one of them."""
    while err.validator in ("anyOf", "oneOf"):
        inside = [e for e in err.context if not _shape(e)]
        if not inside:
            return err
        err = min(inside, key=lambda e: [str(p) for p in e.absolute_path])
    return err


def _shape(err: Any) -> bool:
    """Whether an error inside anyOf only says the value is not of that branch's type."""
    return bool(err.validator == "type" and not err.relative_path)
