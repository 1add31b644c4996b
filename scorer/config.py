"""The project config: find scorer.yaml or [tool.scorer] in pyproject.toml, validate it, match globs."""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from scorer.errors import InputError, UserError
from scorer.limits import LONG_NUMBER, data_hazard, dotted, read_settings_text, yaml_hazard
from scorer.uiwords import input_text

CONFIG_NAMES = ("scorer.yaml", ".scorer.yaml", "scorer.yml")
MIN_MEMORY = 128 * 1024 * 1024  # below this a worker cannot even import the readers
SEVERITIES = ("error", "warning", "info", "off")


class ConfigError(UserError):
    """A config file that cannot be used: names the file, the line when known, and the key."""


@dataclass(frozen=True)
class Override:
    """Per-glob settings: a rubric and rule severities for the files that match ``files``."""

    files: tuple[str, ...]
    rubric: str | None
    rules: dict[str, str]
    where: str  # "overrides[2]", for messages

    def matches(self, rel: str) -> bool:
        return any(glob_match(pat, rel) for pat in self.files)


@dataclass(frozen=True)
class Config:
    """Settings from a config file; None means "not set here" so that options and defaults apply."""

    path: str | None = None
    root: Path = field(default_factory=Path)
    rubric: str | None = None
    threshold: float | None = None
    fail_on: str | None = None
    format: str | None = None
    lang: str | None = None
    jobs: int | None = None
    max_bytes: int | None = None
    timeout: float | None = None  # seconds per file
    memory_bytes: int | None = None  # per worker process
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    rules: dict[str, str] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    history: str | None = None  # a folder of earlier reports (relative paths resolved against the config file)

    def relative(self, path: Path | str) -> str | None:
        """``path`` relative to the config's folder, POSIX style; None when it lies outside."""
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))
        if rel == ".." or rel.startswith(".." + os.sep):
            return None
        return Path(rel).as_posix()

    def excluded(self, path: Path | str) -> bool:
        rel = self.relative(path)
        return rel is not None and any(glob_match(pat, rel) for pat in self.exclude)

    def settings_for(self, path: Path | str) -> tuple[str | None, dict[str, str]]:
        """The rubric reference (None: the default) and rule severities that apply to one file.

        Later overrides win over earlier ones, as in a cascade; top-level ``rules`` come first.
        """
        rubric = self.rubric
        rules = dict(self.rules)
        rel = self.relative(path)
        if rel is not None:
            for ov in self.overrides:
                if ov.matches(rel):
                    rubric = ov.rubric or rubric
                    rules.update(ov.rules)
        return rubric, rules

    def resolve_rubric(self, ref: str) -> str:
        """A rubric named in the config: file paths are relative to the config file's folder."""
        if ref.endswith((".yaml", ".yml")) or "/" in ref or os.sep in ref:
            return str(self.root / ref) if not os.path.isabs(ref) else ref
        return ref


# ---------------------------------------------------------------- globs


@lru_cache(maxsize=512)
def _glob_re(pattern: str) -> re.Pattern[str]:
    pat = pattern.strip()
    while pat.startswith("./"):
        pat = pat[2:]
    anchored = "/" in pat.rstrip("/")
    pat = pat.strip("/")
    out, i = "", 0
    while i < len(pat):
        if pat.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pat.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pat[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pat[i] == "?":
            out, i = out + "[^/]", i + 1
        elif pat[i] == "[" and "]" in pat[i + 2:]:
            end = pat.index("]", i + 2)
            body = pat[i + 1:end]
            out += "[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]"
            i = end + 1
        else:
            out, i = out + re.escape(pat[i]), i + 1
    if not anchored:
        out = "(?:.*/)?" + out
    # A pattern that names a folder covers everything under it, as in .gitignore.
    return re.compile(out + "(?:/.*)?")


def glob_match(pattern: str, rel: str) -> bool:
    """gitignore-like: ``**`` spans folders, a pattern without ``/`` matches at any depth."""
    return _glob_re(pattern).fullmatch(rel) is not None


# ---------------------------------------------------------------- discovery and loading


def discover(start: Path | None = None) -> Path | None:
    """The nearest scorer.yaml, or pyproject.toml with a [tool.scorer] table, from ``start`` up."""
    folder = (start or Path.cwd()).resolve()
    for here in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (here / name).is_file():
                return here / name
        pyproject = here / "pyproject.toml"
        if pyproject.is_file() and "scorer" in _toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path | str | None = None, start: Path | None = None) -> Config:
    """Load ``path`` (from --config) or the discovered config; Config() when there is none."""
    if path is None:
        found = discover(start)
        if found is None:
            return Config()
        path = found
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    node = None
    if path.name == "pyproject.toml":
        tool = _toml(path).get("tool", {})
        if "scorer" not in tool:
            raise ConfigError(f"{path}: no [tool.scorer] table")
        data, prefix = tool["scorer"], "tool.scorer."
    else:
        data, node, prefix = *_yaml(path), ""
    _validate(data, node, path, prefix)
    return _build(data, path)


def _toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    text = _text(path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    except ValueError:
        raise ConfigError(f"{path}: invalid TOML: {LONG_NUMBER}") from None


def _text(path: Path) -> str:
    """A config file's text: a regular UTF-8 file of at most MAX_SETTINGS_BYTES (limits.read_settings_text)."""
    try:
        return read_settings_text(path)
    except InputError as exc:
        raise ConfigError(f"{path}: cannot be read ({input_text(exc, 'en')})") from None


def _yaml(path: Path) -> tuple[dict[str, Any], Any]:
    import yaml

    text = _text(path)
    hazard = yaml_hazard(text)
    if hazard is not None:
        raise ConfigError(f"{path}:{hazard[0]}: {hazard[1]}")
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except ValueError:
        raise ConfigError(f"{path}: invalid YAML: {LONG_NUMBER}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a config must be a YAML mapping")
    return data, node


@lru_cache(maxsize=1)
def config_schema() -> dict[str, Any]:
    text = resources.files("scorer").joinpath("schema/config.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _validate(data: dict[str, Any], node: Any, path: Path, prefix: str) -> None:
    from jsonschema import Draft202012Validator

    hazard = data_hazard(data)
    if hazard is not None:  # NaN passes `minimum`; deep data would exhaust the validator's recursion
        loc, problem = list(hazard[0]), hazard[1]
        line = _node_line(node, loc) if node is not None else None
        raise ConfigError(f"{path}{f':{line}' if line is not None else ''}: {prefix}{dotted(tuple(loc))}: {problem}")
    errors = sorted(Draft202012Validator(config_schema()).iter_errors(data),
                    key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        return
    err = errors[0]
    loc = list(err.absolute_path)
    line = _node_line(node, loc) if node is not None else None
    where = f"{path}:{line}" if line is not None else str(path)
    key = prefix + _fmt_path(loc) if loc else (prefix.rstrip(".") or "(top level)")
    if err.validator == "additionalProperties":
        unknown = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        message = f"unknown key {', '.join(unknown)!s} (allowed: {', '.join(sorted(err.schema['properties']))})"
    elif err.validator == "enum":
        allowed = [v for v in err.validator_value if v is not False]
        message = f"expected one of {', '.join(map(str, allowed))}, got {err.instance!r}"
    elif err.validator == "type":
        message = f"expected {err.validator_value}, got {type(err.instance).__name__}"
    elif err.validator == "oneOf" and loc and loc[-1] == "files":
        message = "expected a glob or a list of globs"
    else:
        message = str(err.message)
    raise ConfigError(f"{where}: {key}: {message}")


def _node_line(root: Any, path: list[str | int]) -> int | None:
    """The 1-based line of the YAML node at a JSON path, as close as the path allows."""
    import yaml

    node, line = root, root.start_mark.line + 1
    for key in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return int(line)


def _fmt_path(path: list[str | int]) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?)i?B?\s*$", re.IGNORECASE)


def parse_size(value: int | str) -> int:
    """A size in bytes from ``20000000``, ``"500KB"``, ``"20MB"`` or ``"1GiB"`` (powers of 1024)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value <= 0:
            raise ValueError(f"expected a positive size, got {value}")
        return value
    m = _SIZE.match(str(value))
    if not m:
        raise ValueError(f"expected a size such as 20MB or 500KB, got {value!r}")
    size = int(float(m.group(1)) * 1024 ** " KMG".index(m.group(2).upper() or " "))
    if size <= 0:
        raise ValueError(f"expected a positive size, got {value!r}")
    return size


def _rules(raw: dict[str, Any]) -> dict[str, str]:
    return {rid: "off" if sev is False else str(sev) for rid, sev in raw.items()}


def _build(data: dict[str, Any], path: Path) -> Config:
    overrides = []
    for i, ov in enumerate(data.get("overrides", [])):
        files = ov["files"]
        overrides.append(Override(
            files=(files,) if isinstance(files, str) else tuple(files),
            rubric=ov.get("rubric"),
            rules=_rules(ov.get("rules", {})),
            where=f"overrides[{i}]",
        ))
    cfg = Config(
        path=str(path),
        root=path.parent,
        threshold=float(data["threshold"]) if "threshold" in data else None,
        fail_on="off" if data.get("fail_on") is False else data.get("fail_on"),
        format=data.get("format"),
        lang=data.get("lang"),
        jobs=data.get("jobs"),
        max_bytes=parse_size(data["max_size"]) if "max_size" in data else None,
        timeout=float(data["timeout"]) if "timeout" in data else None,
        memory_bytes=parse_size(data["memory_limit"]) if "memory_limit" in data else None,
        include=tuple(data.get("include", ())),
        exclude=tuple(data.get("exclude", ())),
        rules=_rules(data.get("rules", {})),
        overrides=(),
        history=str(path.parent / data["history"]) if "history" in data else None,
    )
    # Rubric paths in the file are relative to it, whatever folder scorer runs from.
    resolved = tuple(Override(o.files, cfg.resolve_rubric(o.rubric) if o.rubric else None, o.rules, o.where)
                     for o in overrides)
    if cfg.memory_bytes is not None and cfg.memory_bytes < MIN_MEMORY:
        raise ConfigError(f"{path}: memory_limit: {data['memory_limit']} is too small to score anything; "
                          f"give at least {MIN_MEMORY >> 20}MB")
    from dataclasses import replace

    return replace(cfg, rubric=cfg.resolve_rubric(data["rubric"]) if "rubric" in data else None, overrides=resolved)
