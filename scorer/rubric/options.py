"""The checks' options at load: every pattern of `checks:` compiled (file:line errors) and every option
completed with the default its group declares, walking the JSON Schema beside the data.

The schema says which strings are patterns (``"format": "regex"``) and what each option defaults to
(``"default"``, also on a group or a nested mapping: its own options are then completed in turn). A
group without a default is left out when the rubric does not write it (the genre check is off then).
"""

from __future__ import annotations

import copy
from typing import Any

from scorer.rubric.patterns import compile_pattern
from scorer.yamlpos import Locator

Schema = dict[str, Any]


def complete(schema: Schema, defs: Schema, data: Any, where: Locator | None, loc: list[str | int]) -> Any:
    """``data`` (valid against ``schema``) with its defaults filled in; with ``where``, every pattern
    checked too (compiled, refused when it can backtrack catastrophically), each error at its line."""
    schema = _resolve(schema, defs, data)
    if isinstance(data, str) and schema.get("format") == "regex" and where is not None:
        compile_pattern(data, where, loc)
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        return [complete(schema["items"], defs, item, where, [*loc, i]) for i, item in enumerate(data)]
    elif isinstance(data, dict):
        return _mapping(schema, defs, data, where, loc)
    return data


def _mapping(schema: Schema, defs: Schema, data: dict[str, Any], where: Locator | None,
             loc: list[str | int]) -> dict[str, Any]:
    props: dict[str, Schema] = schema.get("properties", {})
    other = schema.get("additionalProperties")
    out: dict[str, Any] = {}
    for key, value in data.items():
        sub = props.get(key, other if isinstance(other, dict) else {})
        out[key] = complete(sub, defs, value, where, [*loc, key])
    for key, sub in props.items():
        if key not in out and "default" in sub:
            out[key] = complete(sub, defs, copy.deepcopy(sub["default"]), where, [*loc, key])
    return out


def _resolve(schema: Schema, defs: Schema, data: Any) -> Schema:
    """A schema with its ``$ref`` followed, and of ``anyOf`` the branch for the data's kind."""
    while "$ref" in schema:
        schema = {**defs[schema["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in schema.items() if k != "$ref"}}
    for branch in schema.get("anyOf", ()):
        branch = _resolve(branch, defs, data)
        if _kind(branch.get("type"), data):
            return branch
    return schema


def _kind(want: Any, data: Any) -> bool:
    kinds = {"array": list, "object": dict, "string": str, "boolean": bool}
    return want in kinds and isinstance(data, kinds[want])
