"""Interface words kept as data in rubrics/ui/<name>.yaml (zh, en), looked up and filled in."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

LANGS = ("zh", "en")


@lru_cache(maxsize=8)
def table(name: str) -> dict[str, Any]:
    """The words of ``rubrics/ui/<name>.yaml``: key -> {zh, en} (read once per process)."""
    import yaml

    text = resources.files("scorer.rubrics").joinpath("ui", f"{name}.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def word(name: str, key: str, lang: str, **values: object) -> str:
    """The word ``key`` of ``name`` in ``lang`` (Chinese when the language lacks it), filled with ``values``.

    An unknown key comes back as itself, so that a missing word shows where it is missing.
    """
    entry = table(name).get(key)
    if not isinstance(entry, dict):
        return key
    text = str(entry.get(lang) or entry.get("zh") or key)
    return text.format(**values) if values else text


def reason(key: str, params: dict[str, object] | tuple[tuple[str, object], ...], lang: str) -> str:
    """Why a file cannot be scored, and what to do, in ``lang`` (rubrics/ui/input.yaml)."""
    return word("input", key, lang, **dict(params))
