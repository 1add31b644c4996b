"""The one door to CPython's private regex parser and compiler (``re._parser``, ``re._compiler``; the
``sre_*`` modules before 3.11): the line scans and the backtracking check read parsed patterns through it."""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

# The opcodes read off parsed patterns; tests/test_reparse.py checks that this Python still has them.
OPCODES = ("LITERAL", "NOT_LITERAL", "IN", "RANGE", "CATEGORY", "NEGATE", "ANY", "BRANCH", "SUBPATTERN",
           "MAX_REPEAT", "MIN_REPEAT", "AT", "ASSERT", "ASSERT_NOT", "GROUPREF", "MAXREPEAT")


def _module(name: str, before_311: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:  # pragma: no cover - Python 3.10
        return importlib.import_module(before_311)


@cache
def parser() -> Any:
    """The parser module: ``parse(pattern, flags)``, ``SubPattern``, and the opcodes as attributes."""
    return _module("re._parser", "sre_parse")


@cache
def constants() -> Any:
    """The opcodes and categories (also reachable as attributes of ``parser()``)."""
    return _module("re._constants", "sre_constants")


@cache
def compiler() -> Any:
    """The compiler module: ``compile(parsed, flags)`` gives a ``re.Pattern`` of a (rewritten) parse."""
    return _module("re._compiler", "sre_compile")
