"""Shared by the case-file tests: fill a case's placeholders, read a folder's expectations, check a scorecard."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from scorer.model import Scorecard


def fill(text: str, table: Mapping[str, str]) -> str:
    """``text`` with each ``{KEY}`` replaced by ``table[KEY]`` (a paragraph the case leaves out)."""
    for key, value in table.items():
        text = text.replace("{" + key + "}", value)
    return text


def expectations(folder: Path) -> dict[str, dict[str, Any]]:
    """A case folder's expectations.yaml: file name -> allowed statuses, verdict, findings."""
    data: dict[str, dict[str, Any]] = yaml.safe_load((folder / "expectations.yaml").read_text("utf-8"))
    return data


def check(card: Scorecard, expect: Mapping[str, Any]) -> None:
    """Each criterion's status among those allowed (a value or a list), the verdict, the findings raised."""
    got = {c.id: c.status.value for c in card.criteria}
    for key, want in expect.items():
        allowed = want if isinstance(want, list) else [want]
        if key == "verdict":
            assert card.verdict.value in allowed, f"verdict {card.verdict.value} (score {card.score}), allowed {allowed}"
        elif key == "findings":
            rules = {f.rule for f in card.findings}
            assert set(allowed) <= rules, f"findings {sorted(set(allowed) - rules)} not raised (got {sorted(rules)})"
        else:
            assert got[key] in allowed, f"{key}: got {got[key]}, allowed {allowed}"
