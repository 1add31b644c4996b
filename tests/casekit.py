"""Shared by the case-file tests: fill a case's placeholders, read a folder's expectations, check a scorecard.

An expectation gives one status per criterion where the answer is known; a list of statuses only
where a careful reader could give either (the YAML says why, beside it). A case the scorer is known
to get wrong names the keys it gets wrong (``wrong: [duty]``) and why (``xfail: "…"``): its test is a
strict xfail that expects exactly those keys to be wrong. Any other key that goes wrong fails the
test as usual, and so does a known wrong key that comes right (then drop the xfail).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from scorer.model import Scorecard

META = frozenset({"xfail", "wrong"})  # keys of a case that are not expectations


class KnownWrong(AssertionError):
    """A known wrong case gives the wrong answer it is known for: what its strict xfail expects."""


def fill(text: str, table: Mapping[str, str]) -> str:
    """``text`` with each ``{KEY}`` replaced by ``table[KEY]`` (a paragraph the case leaves out)."""
    for key, value in table.items():
        text = text.replace("{" + key + "}", value)
    return text


def expectations(folder: Path) -> dict[str, dict[str, Any]]:
    """A case folder's expectations.yaml: file name -> statuses, verdict, findings (and xfail, wrong)."""
    data: dict[str, dict[str, Any]] = yaml.safe_load((folder / "expectations.yaml").read_text("utf-8"))
    return data


def known_wrong(entry: Mapping[str, Any]) -> tuple[pytest.MarkDecorator, ...]:
    """The strict xfail of a case with ``xfail`` (its reason) and ``wrong`` (the keys it gets wrong)."""
    if not META & set(entry):
        return ()
    if not entry.get("xfail") or not entry.get("wrong"):
        raise ValueError(f"a known wrong case needs both xfail (why) and wrong (which keys): {dict(entry)}")
    return (pytest.mark.xfail(strict=True, raises=KnownWrong, reason=entry["xfail"]),)


def by_name(entries: Mapping[str, Mapping[str, Any]]) -> list[Any]:
    """One test parameter per file of an expectations.yaml, its name as id, known wrong ones marked."""
    return [pytest.param(name, id=name, marks=known_wrong(entries[name])) for name in sorted(entries)]


def listed(cases: Iterable[Mapping[str, Any]]) -> list[Any]:
    """One test parameter per case of a YAML list of named cases, known wrong ones marked."""
    return [pytest.param(case, id=case["name"], marks=known_wrong(case)) for case in cases]


def check(card: Scorecard, expect: Mapping[str, Any], wrong: Sequence[str] = ()) -> None:
    """Each criterion's status as expected (one value, or one of a list), the verdict, the findings raised.

    Keys in ``wrong`` are known to be wrong: when exactly those are, KnownWrong is raised (the strict
    xfail holds); any other difference, or a known wrong key that is now right, is a plain failure.
    """
    unknown = set(wrong) - set(expect)
    assert not unknown, f"wrong names keys the case does not expect: {sorted(unknown)}"
    got = {c.id: c.status.value for c in card.criteria}
    off: dict[str, str] = {}
    for key, want in expect.items():
        allowed = want if isinstance(want, list) else [want]
        if key in META:
            continue
        if key == "verdict":
            if card.verdict.value not in allowed:
                off[key] = f"verdict {card.verdict.value} (score {card.score}), expected {allowed}"
        elif key == "findings":
            rules = {f.rule for f in card.findings}
            if not set(allowed) <= rules:
                off[key] = f"findings {sorted(set(allowed) - rules)} not raised (got {sorted(rules)})"
        elif got[key] not in allowed:
            off[key] = f"{key}: got {got[key]}, expected {allowed}"
    surprises = [message for key, message in off.items() if key not in wrong]
    now_right = [key for key in wrong if key not in off]
    assert not surprises, "\n".join(surprises)
    assert not (now_right and len(now_right) < len(wrong)), f"known wrong keys now right (drop them from wrong): {now_right}"
    if off:
        raise KnownWrong("\n".join(off.values()))
