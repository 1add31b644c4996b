"""Resolve `extends:`: merge a rubric's raw YAML onto its base's, remembering which file gave each key."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from scorer.errors import RubricError
from scorer.rubric.schema import validate_layer
from scorer.rubric.source import builtin_dir, builtin_ids, parse_yaml
from scorer.yamlpos import Locator, Origins, Source

MAX_EXTENDS = 16  # rubrics in one `extends` chain: a province's rubric on a city's on the national one is 3
# Keys that belong to one rubric file only and are never inherited.
_OWN_ONLY = ("select", "examples")
# Criterion keys whose lists an override extends instead of replacing.
_APPEND = ("anchors", "weak_anchors", "cues", "nest_in", "cue_in", "cue_not_in")


def resolve_extends(ref: str, child: Path, where: Locator) -> Path:
    """`extends:` is a built-in id, or a path relative to the extending file."""
    if ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref:
        path = (child.parent / ref) if not Path(ref).is_absolute() else Path(ref)
        if not path.is_file():
            raise RubricError(f"{where(['extends'])}: no such rubric file {ref!r} (relative to {child.parent})")
        return path
    builtin = builtin_dir() / f"{ref}.yaml"
    if not builtin.is_file():
        raise RubricError(f"{where(['extends'])}: no such built-in rubric {ref!r} "
                          f"(built-in rubrics: {', '.join(builtin_ids())})")
    return builtin


def merge_chain(path: Path, data: dict[str, Any], node: yaml.Node | None, schema: dict[str, Any],
                seen: tuple[Path, ...] = ()) -> tuple[dict[str, Any], Origins, tuple[str, ...]]:
    """The fully merged raw rubric, where each of its keys came from, and the chain of base ids; each
    extending layer checked against ``schema`` on its own (with only `id` and `extends` required)."""
    if "extends" not in data:
        return copy.deepcopy(data), {(): Source(path, node, ())}, ()
    where = Locator(path, node)
    validate_layer(data, where, schema)
    base_path = resolve_extends(str(data["extends"]), path, where)
    chain = (*seen, path.resolve())
    if base_path.resolve() in chain:
        names = " → ".join(p.name for p in (*chain, base_path.resolve()))
        raise RubricError(f"{where(['extends'])}: extends cycle: {names}")
    if len(chain) >= MAX_EXTENDS:
        raise RubricError(f"{where(['extends'])}: a chain of more than {MAX_EXTENDS} rubrics extending each other "
                          f"(from {chain[0].name}); flatten it")
    base_data, base_node = parse_yaml(base_path)
    merged, origins, parents = merge_chain(base_path, base_data, base_node, schema, chain)
    base_id = str(merged.get("id", base_path.stem))
    _apply(merged, origins, data, path, node, where, base_id)
    return merged, origins, (base_id, *parents)


def _src(origins: Origins, loc: tuple[str | int, ...]) -> Source:
    for k in range(len(loc), -1, -1):
        src = origins.get(loc[:k])
        if src is not None:
            return Source(src.file, src.node, (*src.path, *loc[k:]))
    raise KeyError(loc)  # pragma: no cover - the root is always present


Mine = Callable[..., Source]  # a path in the extending file -> where it was written


def _apply(merged: dict[str, Any], origins: Origins, data: dict[str, Any], path: Path,
           node: yaml.Node | None, where: Locator, base_id: str) -> None:
    """Merge one extending layer onto its merged base, in place, recording where each key came from."""
    def mine(*loc: str | int) -> Source:
        return Source(path, node, tuple(loc))

    for key in _OWN_ONLY:
        merged.pop(key, None)
    for key in ("id", "version", "title", "description", "select", "examples", "deadline"):
        if key in data:
            merged[key] = copy.deepcopy(data[key])
            origins[(key,)] = mine(key)
    _sections(merged, origins, data, mine)
    cleanup = data.get("heading_cleanup", {})
    if "quote_strip" in cleanup:
        merged.setdefault("heading_cleanup", {})["quote_strip"] = cleanup["quote_strip"]
        origins[("heading_cleanup", "quote_strip")] = mine("heading_cleanup", "quote_strip")
    _append(merged.setdefault("heading_cleanup", {}), "filler", cleanup.get("filler", []), origins,
            ("heading_cleanup", "filler"), mine("heading_cleanup", "filler"))
    for key in ("patterns", "words"):
        _append(merged.setdefault("spam", {}), key, data.get("spam", {}).get(key, []), origins, ("spam", key),
                mine("spam", key))
    _rules(merged.setdefault("rules", {}), origins, data.get("rules", {}), mine)
    _criteria(merged, origins, data, mine, where, base_id)


def _sections(merged: dict[str, Any], origins: Origins, data: dict[str, Any], mine: Mine) -> None:
    """Keys of `scoring`, `template` and `noise_labels` replace the base's; an option group of `checks`
    replaces the options it names and keeps the rest."""
    for section in ("scoring", "template", "checks", "noise_labels"):
        target = merged.setdefault(section, {}) if data.get(section) else {}
        for key, value in data.get(section, {}).items():
            if section == "checks" and isinstance(target.get(key), dict) and isinstance(value, dict):
                origins.setdefault((section, key), _src(origins, (section, key)))
                target[key] = {**target[key], **copy.deepcopy(value)}
                for option in value:
                    origins[(section, key, option)] = mine(section, key, option)
                continue
            target[key] = copy.deepcopy(value)
            origins[(section, key)] = mine(section, key)


def _rules(rules: dict[str, Any], origins: Origins, layer: dict[str, Any], mine: Mine) -> None:
    """A rule new to the chain is added whole; a known one takes the keys given (options merged)."""
    for rid, rule in layer.items():
        if rid not in rules:
            rules[rid] = copy.deepcopy(rule)
            origins[("rules", rid)] = mine("rules", rid)
            continue
        for key, value in rule.items():
            if key == "options":
                rules[rid]["options"] = {**rules[rid].get("options", {}), **copy.deepcopy(value)}
            else:
                rules[rid][key] = copy.deepcopy(value)
            origins[("rules", rid, key)] = mine("rules", rid, key)


def _criteria(merged: dict[str, Any], origins: Origins, data: dict[str, Any], mine: Mine, where: Locator,
              base_id: str) -> None:
    """`overrides` patch the base's criteria, `criteria` add new ones, `drop` removes optional ones."""
    criteria: list[dict[str, Any]] = merged.setdefault("criteria", [])
    index = {c.get("id"): i for i, c in enumerate(criteria) if isinstance(c, dict)}
    for cid, patch in data.get("overrides", {}).items():
        if cid not in index:
            raise RubricError(f"{where(['overrides', cid])}: unknown criterion {cid!r} in base rubric "
                              f"{base_id!r} (its criteria: {', '.join(map(str, index))})")
        _patch(criteria[index[cid]], index[cid], patch, origins, mine, cid)
    inherited = set(index)
    for j, crit in enumerate(data.get("criteria", [])):
        if crit["id"] in inherited:
            raise RubricError(f"{where(['criteria', j, 'id'])}: criterion {crit['id']!r} is already in base "
                              f"rubric {base_id!r}; change it under overrides instead")
        index[crit["id"]] = len(criteria)
        origins[("criteria", len(criteria))] = mine("criteria", j)
        criteria.append(copy.deepcopy(crit))
    drops = data.get("drop", [])
    for k, cid in enumerate(drops):
        if cid not in index:
            raise RubricError(f"{where(['drop', k])}: unknown criterion {cid!r} in base rubric {base_id!r}")
        if criteria[index[cid]].get("required", False):
            raise RubricError(f"{where(['drop', k])}: criterion {cid!r} is required and cannot be dropped "
                              f"(override it with required: false first)")
    if drops:
        _drop(merged, origins, set(drops))


def _append(target: dict[str, Any], key: str, items: list[Any], origins: Origins,
            loc: tuple[str | int, ...], src: Source) -> None:
    if not items:
        return
    existing = target.setdefault(key, [])
    for j, item in enumerate(items):
        origins[(*loc, len(existing))] = Source(src.file, src.node, (*src.path, j))
        existing.append(copy.deepcopy(item))


def _patch(crit: dict[str, Any], i: int, patch: dict[str, Any], origins: Origins, mine: Mine, cid: str) -> None:
    origins.setdefault(("criteria", i), _src(origins, ("criteria", i)))
    base = ("criteria", i)
    for key, value in patch.items():
        if key in _APPEND:
            _append(crit, key, value, origins, (*base, key), mine("overrides", cid, key))
        elif key == "headings":
            heads = crit.setdefault("headings", {})
            if "canonical" in value:
                heads["canonical"] = value["canonical"]
                origins[(*base, "headings", "canonical")] = mine("overrides", cid, "headings", "canonical")
            _append(heads, "aliases", value.get("aliases", []), origins, (*base, "headings", "aliases"),
                    mine("overrides", cid, "headings", "aliases"))
        elif key == "messages":
            for kind, text in value.items():
                crit.setdefault("messages", {})[kind] = copy.deepcopy(text)
                origins[(*base, "messages", kind)] = mine("overrides", cid, "messages", kind)
        elif key == "requirements":
            reqs = crit.setdefault("requirements", [])
            by_id = {r.get("id"): k for k, r in enumerate(reqs)}
            for j, rp in enumerate(value):
                loc = ("overrides", cid, "requirements", j)
                if rp.get("id") not in by_id:
                    origins[(*base, "requirements", len(reqs))] = mine(*loc)
                    reqs.append(copy.deepcopy(rp))
                    continue
                k = by_id[rp["id"]]
                for rkey, rval in rp.items():
                    if rkey == "cues":
                        _append(reqs[k], "cues", rval, origins, (*base, "requirements", k, "cues"), mine(*loc, "cues"))
                    else:
                        reqs[k][rkey] = copy.deepcopy(rval)
                        origins[(*base, "requirements", k, rkey)] = mine(*loc, rkey)
        else:
            crit[key] = copy.deepcopy(value)
            origins[(*base, key)] = mine("overrides", cid, key)


def _drop(merged: dict[str, Any], origins: Origins, drops: set[str]) -> None:
    criteria = merged["criteria"]
    for i in range(len(criteria)):
        origins.setdefault(("criteria", i), _src(origins, ("criteria", i)))
    keep = [i for i, c in enumerate(criteria) if c.get("id") not in drops]
    renumber = {old: new for new, old in enumerate(keep)}
    moved: Origins = {}
    for key, src in origins.items():
        if len(key) >= 2 and key[0] == "criteria" and isinstance(key[1], int):
            if key[1] in renumber:
                moved[("criteria", renumber[key[1]], *key[2:])] = src
        else:
            moved[key] = src
    origins.clear()
    origins.update(moved)
    merged["criteria"] = [criteria[i] for i in keep]
    for crit in merged["criteria"]:
        for ref_key in ("nest_in", "cue_in", "cue_not_in"):
            if ref_key in crit:
                crit[ref_key] = [c for c in crit[ref_key] if c not in drops]
    scoring = merged.get("scoring", {})
    if "order" in scoring:
        scoring["order"] = [c for c in scoring["order"] if c not in drops]
    template = merged.get("template", {})
    if "order" in template:
        template["order"] = [c for c in template["order"] if c not in drops]
