"""The 公文 layout vocabulary (rubrics/vocabulary/layout.yaml): words the reader, outline and facts stage parse by."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = (resources.files("scorer.rubrics") / "vocabulary" / "layout.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


def words(path: str) -> str:
    """The entry at ``path`` (``organs.endings``) as one regular-expression alternation: ``(?:a|b|…)``."""
    node: Any = _data()
    for key in path.split("."):
        node = node[key]
    return "(?:" + "|".join(str(item) for item in node) + ")"
