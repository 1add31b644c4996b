"""Find regular expressions that can backtrack exponentially: a repeat inside a repeat, ambiguously.

Python's ``re`` is a backtracking engine that no signal interrupts: ``(a+)+$`` against forty
``a`` and a ``b`` runs for minutes, in C. A rubric's patterns are checked once, at load, on the
parsed pattern (``re._parser``). A repeat of unbounded (or large) count is refused when one
iteration can end in several places that the next one could also begin at:

* its body can match the empty string: ``(a*)*``, ``(x?)+``;
* its body ends in a repeat whose characters can also start the body: ``(a+)+``, ``(\\w+\\s*)*``;
* its body is a choice between alternatives that can start alike: ``(a|ab)*``, ``(\\d|\\w)+``.

Anything else passes, e.g. ``(?:\\d+,)*`` (the comma ends each iteration) and ``存在.{0,20}问题``.
What this misses (polynomial blow-ups such as ``.*a.*a.*a`` on a megabyte line) is stopped by the
per-file time limit of the worker that scores the report.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from scorer.reparse import constants, parser

_LARGE = 16  # a repeat of at most this count cannot make the search exponential in the text length
# Characters that stand for the rest of Unicode when classes are compared (besides ASCII and
# every character the pattern names): CJK, full-width and CJK punctuation, spaces, Latin-1.
_SAMPLES = "中国法治，。、；：！？（）《》“”\u3000\u00a0\u2003éß\uff10\uff21\u4e00\u9fa5\U00020000"


class _Checker:
    """Walks a parsed pattern; character sets are compared on a finite universe of characters."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.c = constants()
        self.dotall = bool(flags & 16)  # re.DOTALL, which also comes from (?s) in the pattern
        literal = {ch for ch in pattern if not ch.isascii()}
        self.universe = frozenset(chr(i) for i in range(128)) | frozenset(_SAMPLES) | frozenset(literal)

    # ---- what a piece can start with, and whether it can match nothing

    def atom_chars(self, op: Any, av: Any) -> frozenset[str]:
        c = self.c
        if op is c.LITERAL:
            return frozenset((chr(av),))
        if op is c.NOT_LITERAL:
            return self.universe - {chr(av)}
        if op is c.ANY:
            return self.universe if self.dotall else self.universe - {"\n"}
        if op is c.IN:
            return self.in_chars(av)
        return frozenset()

    def in_chars(self, items: Any) -> frozenset[str]:
        c = self.c
        out: set[str] = set()
        negate = False
        for op, av in items:
            if op is c.NEGATE:
                negate = True
            elif op is c.LITERAL:
                out.add(chr(av))
            elif op is c.RANGE:
                lo, hi = av
                out.update(ch for ch in self.universe if lo <= ord(ch) <= hi)
            elif op is c.CATEGORY:
                out.update(_category(av, self.universe))
        return self.universe - out if negate else frozenset(out)

    def first(self, seq: Any) -> tuple[frozenset[str], bool]:
        """(characters a match of ``seq`` can start with, whether ``seq`` can match the empty string)."""
        chars: set[str] = set()
        for op, av in seq:
            got, nullable = self.first_item(op, av)
            chars |= got
            if not nullable:
                return frozenset(chars), False
        return frozenset(chars), True

    def first_item(self, op: Any, av: Any) -> tuple[frozenset[str], bool]:
        c = self.c
        if op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN):
            return self.atom_chars(op, av), False
        if op is c.SUBPATTERN:
            return self.first(av[-1])
        if op is getattr(c, "ATOMIC_GROUP", None):
            return self.first(av)
        if op in self.repeats():
            chars, nullable = self.first(av[2])
            return chars, nullable or av[0] == 0
        if op is c.BRANCH:
            union: set[str] = set()
            nullable = False
            for alt in av[1]:
                got, empty = self.first(alt)
                union |= got
                nullable = nullable or empty
            return frozenset(union), nullable
        if op is c.GROUPREF_EXISTS:
            yes, yes_empty = self.first(av[1])
            no, no_empty = self.first(av[2]) if av[2] is not None else (frozenset(), True)
            return yes | no, yes_empty or no_empty
        return frozenset(), True  # anchors, look-arounds, back-references: width 0 as far as this goes

    def repeats(self) -> tuple[Any, ...]:
        return tuple(r for r in (self.c.MAX_REPEAT, self.c.MIN_REPEAT) if r is not None)

    # ---- the checks

    def risk(self, seq: Any) -> str | None:
        for op, av in seq:
            found = self.risk_item(op, av)
            if found:
                return found
        return None

    def risk_item(self, op: Any, av: Any) -> str | None:
        c = self.c
        if op in self.repeats():
            _low, high, body = av
            if high > 1:
                start, nullable = self.first(body)
                if nullable and high > _LARGE:
                    return "a repeated group that can match nothing"
                found = self.ambiguous(body, start)
                if found:
                    return found
            return self.risk(body)
        if op is c.SUBPATTERN:
            return self.risk(av[-1])
        if op in (c.ASSERT, c.ASSERT_NOT):
            return self.risk(av[1])
        if op is c.BRANCH:
            for alt in av[1]:
                found = self.risk(alt)
                if found:
                    return found
        if op is c.GROUPREF_EXISTS:
            return self.risk(av[1]) or (self.risk(av[2]) if av[2] is not None else None)
        if op is getattr(c, "ATOMIC_GROUP", None):
            return self.risk(av)
        if op is getattr(c, "POSSESSIVE_REPEAT", None):
            return self.risk(av[2])  # never backtracks into itself, but its body may hold a bad repeat
        return None

    def ambiguous(self, seq: Any, follow: frozenset[str]) -> str | None:
        """Why a match of ``seq``, followed by a character of ``follow``, can be split in more ways
        than one: a repeat inside it that could stop or go on, a choice that could take either way.
        ``seq`` is walked from its end, each piece checked against what can come after it."""
        c = self.c
        for op, av in reversed(list(seq)):
            if op in self.repeats() and av[0] != av[1]:
                own, _ = self.first(av[2])
                if own & follow:
                    return "a repeat inside a repeat that can stop or go on at the same character"
                found = self.ambiguous(av[2], own | follow)
                if found:
                    return found
            elif op is c.BRANCH:
                found = self.ambiguous_choice(av[1], follow)
                if found:
                    return found
            elif op is c.SUBPATTERN:
                found = self.ambiguous(av[-1], follow)
                if found:
                    return found
            chars, nullable = self.first_item(op, av)
            follow = chars | follow if nullable else chars
        return None

    def ambiguous_choice(self, alts: Any, follow: frozenset[str]) -> str | None:
        seen: set[str] = set()
        starts: list[tuple[frozenset[str], bool]] = [self.first(alt) for alt in alts]
        for chars, _empty in starts:
            if chars & seen:
                return "a choice inside a repeat whose alternatives can start alike"
            seen |= chars
        if sum(empty for _, empty in starts) > 1:
            return "a choice inside a repeat with two ways to match nothing"
        if any(empty for _, empty in starts) and any(chars & follow for chars, _ in starts):
            return "a choice inside a repeat that can match nothing or go on at the same character"
        for alt in alts:
            found = self.ambiguous(alt, follow)
            if found:
                return found
        return None


def _unwrap(seq: Any, c: Any) -> list[tuple[Any, Any]]:
    """A body's items, with a lone capturing or non-capturing group opened."""
    items = list(seq)
    while len(items) == 1 and items[0][0] is c.SUBPATTERN:
        items = list(items[0][1][-1])
    return items


@cache
def _category(code: Any, universe: frozenset[str]) -> frozenset[str]:
    import re

    names = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
             "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
             "CATEGORY_LINEBREAK": r"\n", "CATEGORY_NOT_LINEBREAK": r"[^\n]"}
    rx = re.compile(names.get(str(code), r"[^\s\S]"))
    return frozenset(ch for ch in universe if rx.fullmatch(ch))


@lru_cache(maxsize=4096)
def backtrack_risk(pattern: str, flags: int = 0) -> str | None:
    """Why ``pattern`` can backtrack exponentially, in a few words; None when it cannot (as far as
    the rules above see). A pattern that does not parse is left to ``re.compile`` to report."""
    try:
        parsed = parser().parse(pattern, flags)
    except Exception:  # re.error, RecursionError, OverflowError: compile() says what is wrong
        return None
    state = getattr(parsed, "state", None)
    checker = _Checker(pattern, flags | int(getattr(state, "flags", 0) or 0))
    try:
        return checker.risk(parsed)
    except RecursionError:
        return "nested too deeply to check"


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters every match of ``pattern`` starts with, when they are a few literals (look-arounds
    at the start skipped); None when a match may start with a class, any character or nothing at all.

    A pattern that opens with many look-behinds and alternatives is tried at every position of the text;
    a look-ahead for these characters first (``(?=[…])``) lets the engine pass most positions at once.
    """
    try:
        parsed = parser().parse(pattern)
    except Exception:  # re.error and the like: compile() reports it
        return None
    found = _starts(list(parsed), constants())
    if found is None or found[1] or not found[0] or len(found[0]) > _MAX_STARTS:
        return None
    return found[0]


_MAX_STARTS = 64


def _starts(seq: list[Any], c: Any) -> tuple[frozenset[str], bool] | None:
    """(the literal characters a match of ``seq`` can start with, whether it can match nothing), or None
    when it can start with something else than a few literals."""
    acc: set[str] = set()
    for op, av in seq:
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # zero width: the next piece starts the match
        got = _starts_item(op, av, c)
        if got is None:
            return None
        acc |= got[0]
        if not got[1]:
            return frozenset(acc), False
    return frozenset(acc), True


def _starts_item(op: Any, av: Any, c: Any) -> tuple[frozenset[str], bool] | None:
    if op is c.LITERAL:
        return frozenset((chr(av),)), False
    if op is c.IN and all(o is c.LITERAL for o, _ in av):
        return frozenset(chr(v) for _, v in av), False
    if op is c.SUBPATTERN:
        return _starts(list(av[-1]), c)
    if op is c.BRANCH:
        union: set[str] = set()
        empty = False
        for alt in av[1]:
            got = _starts(list(alt), c)
            if got is None:
                return None
            union |= got[0]
            empty = empty or got[1]
        return frozenset(union), empty
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        got = _starts(list(av[2]), c)
        return None if got is None else (got[0], got[1] or av[0] == 0)
    return None


def behind_first_chars(pattern: str) -> str:
    """``pattern`` behind a look-ahead for the characters every match starts with, when they are a few
    literals: the engine then passes most positions at once instead of trying every look-behind and
    alternative there (the same matches; ten times faster on a subject-then-act pattern)."""
    starts = first_chars(pattern)
    if starts is None:
        return pattern
    return "(?=[" + "".join(re.escape(ch) for ch in sorted(starts)) + "])" + pattern
