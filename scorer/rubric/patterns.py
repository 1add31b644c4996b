"""Rubric patterns compiled at load: a bad or catastrophically backtracking one is a file:line error.

A list of patterns may also be written as a mapping, ``{patterns: [...], words: [...]}``: the
``words`` are plain strings, matched as written (escaped, then treated as patterns after the
``patterns``).
"""

from __future__ import annotations

import re
from typing import Any

from scorer.backtrack import backtrack_risk
from scorer.errors import RubricError
from scorer.yamlpos import Locator


def compile_pattern(pattern: str, where: Locator, loc: list[str | int]) -> re.Pattern[str]:
    """``pattern`` compiled, or a RubricError naming the file and line of ``loc``."""
    try:
        compiled = re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise RubricError(f"{where(loc)}: bad pattern {pattern!r}: {exc}") from None
    risk = backtrack_risk(pattern)
    if risk is not None:
        raise RubricError(f"{where(loc)}: pattern {pattern!r} can backtrack catastrophically ({risk}); "
                          "rewrite it without a repeat inside a repeat")
    return compiled


def compile_patterns(items: Any, where: Locator, loc: list[str | int]) -> tuple[re.Pattern[str], ...]:
    """A list of patterns (or a mapping of ``patterns`` and ``words``) compiled, each checked on its own."""
    if isinstance(items, dict):
        regexes = compile_patterns(items.get("patterns", []), where, [*loc, "patterns"])
        return regexes + tuple(re.compile(re.escape(w)) for w in items.get("words", []))
    return tuple(compile_pattern(p, where, [*loc, i]) for i, p in enumerate(items))


def alternation(items: Any, where: Locator, loc: list[str | int]) -> re.Pattern[str] | None:
    """One pattern that matches any of ``items`` (each checked on its own first, for a precise error)."""
    compiled = compile_patterns(items, where, loc)
    if not compiled:
        return None
    return re.compile("|".join(f"(?:{p.pattern})" for p in compiled))


def pattern_strings(value: Any) -> tuple[str, ...]:
    """The patterns of a list of patterns, or of a mapping with ``patterns`` and ``words`` (escaped)."""
    if isinstance(value, dict):
        return (*pattern_strings(value.get("patterns", [])), *(re.escape(str(w)) for w in value.get("words", [])))
    if isinstance(value, str):
        return (value,)
    return tuple(str(p) for p in value or ())


def patterns_of(value: Any) -> tuple[re.Pattern[str], ...]:
    """``pattern_strings(value)`` compiled (for options already checked at load)."""
    return tuple(re.compile(p) for p in pattern_strings(value))
