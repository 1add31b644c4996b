"""Where rubrics come from: a reference resolved to a file, the file read and parsed with its YAML node
marks (for file:line errors) and its hazards refused; the built-in ids and the rubric tools' labels."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from scorer.errors import InputError, RubricError
from scorer.limits import LONG_NUMBER, read_settings_text, yaml_hazard
from scorer.uiwords import input_text


def builtin_dir() -> Path:
    return Path(str(resources.files("scorer.rubrics")))


def builtin_ids() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


@lru_cache(maxsize=1)
def _ui_labels() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = yaml.load((builtin_dir() / "ui" / "labels.yaml").read_text("utf-8"),
                                                 Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
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
        raise RubricError(f"{path}: cannot be read ({input_text(exc, 'en')})") from None
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
