"""Fast line scans: which lines of a document may hold a match of a pattern, read off the parsed regex.

The line checks (spam, placeholder) run dozens of rubric patterns over every line. Most
patterns need a literal (申博, 葡京, XX, ___) that most reports never contain, but a pattern
that starts with a look-behind or an optional group makes Python's regex engine try every
position of every line. So each pattern gets a set of *factors*: short strings one of which
every match must contain (found from the parsed pattern; none when that cannot be proved).
One pass over the report finds the lines holding a factor, and a pattern is run only on
those lines, line by line as before: the findings are the same, only the lines that cannot
match are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from scorer.reparse import compiler, parser

_FACTOR_LIMIT = 32  # most strings in one factor set
_RANGE_LIMIT = 16  # widest character class spelled out as factors


def _product(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    if len(a) * len(b) > _FACTOR_LIMIT:
        return None
    return frozenset(x + y for x in a for y in b)


def _alts(sre: Any, items: Any) -> frozenset[str] | None:
    """Every string ``items`` (a parsed sequence) can consume, or a superset; None if too many."""
    out: frozenset[str] | None = frozenset({""})
    for op, av in items:
        one = _alt(sre, op, av)
        if one is None or out is None:
            return None
        out = _product(out, one)
    return out


def _alt(sre: Any, op: Any, av: Any) -> frozenset[str] | None:
    if op is sre.LITERAL:
        return frozenset({chr(av)})
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return frozenset({""})  # zero width
    if op is sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < _RANGE_LIMIT:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY, a wide range
                return None
        return frozenset(chars) if len(chars) <= _RANGE_LIMIT else None
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            one = _alts(sre, branch)
            if one is None:
                return None
            union |= one
        return frozenset(union) if len(union) <= _FACTOR_LIMIT else None
    if op is sre.SUBPATTERN:
        return None if av[1] & (re.IGNORECASE | re.LOCALE) else _alts(sre, av[-1])
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _alts(sre, av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        lo, hi, sub = av
        if hi > 4:
            return None
        one = _alts(sre, sub)
        if one is None:
            return None
        union = set()
        for k in range(lo, hi + 1):
            acc: frozenset[str] | None = frozenset({""})
            for _ in range(k):
                acc = _product(acc, one) if acc is not None else None
            if acc is None:
                return None
            union |= acc
        return frozenset(union) if len(union) <= _FACTOR_LIMIT else None
    return None  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, conditionals: anything


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two factor sets (longer shortest string, then fewer strings)."""
    def score(s: frozenset[str]) -> tuple[int, int, int]:
        shortest = min(len(x) for x in s)
        return min(3, shortest), -len(s), shortest

    if a is None or "" in a:
        return b if b is not None and "" not in b else None
    if b is None or "" in b:
        return a
    return b if score(b) > score(a) else a


def _factors_of(sre: Any, items: Any) -> frozenset[str] | None:
    """A set of strings one of which every match of ``items`` contains, or None."""
    best: frozenset[str] | None = None
    run: frozenset[str] | None = frozenset({""})
    for op, av in items:
        one = _alt(sre, op, av)
        if one is not None:
            grown = _product(run, one) if run is not None else None
            run = grown if grown is not None else one  # too many: a new run starts here
            best = _better(best, run)
            continue
        repeat = op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None))
        if repeat and av[0] >= 1 and (sub := _alts(sre, av[2])) is not None:
            # The first ``lo`` copies follow the run; the last ``lo`` copies precede what follows.
            base: frozenset[str] | None = frozenset({""})
            for _ in range(av[0]):
                base = _product(base, sub) if base is not None else None
            if base is not None:
                grown = _product(run, base) if run is not None else None
                best = _better(best, grown if grown is not None else base)
                run = base
                continue
        run = frozenset({""})
        inner: frozenset[str] | None = None
        if op is sre.BRANCH:
            parts = [_factors_of(sre, branch) for branch in av[1]]
            if all(p is not None for p in parts):
                union = frozenset(x for p in parts if p is not None for x in p)
                inner = union if len(union) <= _FACTOR_LIMIT else None
        elif op is sre.SUBPATTERN and not av[1] & (re.IGNORECASE | re.LOCALE):
            inner = _factors_of(sre, av[-1])
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            inner = _factors_of(sre, av)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            inner = _factors_of(sre, av[2])
        best = _better(best, inner)
    return best


@lru_cache(maxsize=1024)
def factors(pattern: str, flags: int) -> tuple[str, ...] | None:
    """Strings one of which every match of the pattern contains; None when none can be proved."""
    if flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        sre = parser()
        parsed = sre.parse(pattern, flags)
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
            return None
        found = _factors_of(sre, parsed.data if hasattr(parsed, "data") else list(parsed))
    except Exception:  # an unknown parser: no filter, every line is scanned
        return None
    if not found or "" in found:
        return None
    return tuple(sorted(found))


@lru_cache(maxsize=1024)
def _width(pattern: str, flags: int) -> int | None:
    """The most characters a match of the pattern can span; None when unbounded or unknown."""
    try:
        hi = int(parser().parse(pattern, flags).getwidth()[1])
    except Exception:  # an unknown parser: no bound
        return None
    return hi if hi < 100_000 else None


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, searched for only near the pattern's factors.

    Every match holds one of its factors, so when a match spans at most ``width`` characters it
    starts at most ``width - 1`` before a factor's occurrence: the search skips straight there
    (look-behinds still see the text before). A pattern that starts with a look-behind otherwise
    makes the engine try every position of a long line.
    """
    fs = factors(pattern.pattern, pattern.flags)
    width = _width(pattern.pattern, pattern.flags) if fs is not None else None
    if fs is None or width is None or width <= 0:
        yield from pattern.finditer(text)
        return
    spots = sorted({at for f in fs for at in _positions(text, f)})
    pos = k = 0
    while True:
        while k < len(spots) and spots[k] < pos:  # an occurrence before pos is in no later match
            k += 1
        if k == len(spots):
            return
        m = pattern.search(text, max(pos, spots[k] - width + 1))
        if m is None:
            return
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1  # never empty: a factor is inside


def count(pattern: re.Pattern[str], text: str) -> int:
    """``len(pattern.findall(text))``; faster for a pattern that starts with a look-behind."""
    faster = _lookbehind_second(pattern.pattern, pattern.flags)
    return len((faster or pattern).findall(text))


@lru_cache(maxsize=256)
def _lookbehind_second(pattern: str, flags: int) -> re.Pattern[str] | None:
    """The pattern with a leading look-behind moved after the first character it consumes.

    ``(?<!X)\\d+…`` makes the engine try every position; ``\\d(?<!X\\d)\\d*…`` lets it skip to
    a digit. At a position t where the character matches, the look-behind ``X`` before t holds
    exactly when ``X`` followed by that character holds before t+1 (and neither has enough text
    when t is too close to the start), and ``c`` then ``c*`` backtracks through the same lengths
    as ``c+``: the same matches, the same groups. None when the pattern is not of that form.
    """
    if flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        sre = parser()
        parsed = sre.parse(pattern, flags)
        data = list(parsed.data)
        if len(data) < 2 or parsed.state.flags & (re.IGNORECASE | re.LOCALE):
            return None
        (op0, av0), (op1, av1) = data[0], data[1]
        if op0 not in (sre.ASSERT, sre.ASSERT_NOT) or av0[0] != -1:
            return None
        atoms = (sre.LITERAL, sre.NOT_LITERAL, sre.IN)
        if op1 in atoms:
            first, rest = (op1, av1), []
        elif op1 is sre.MAX_REPEAT and av1[0] >= 1 and len(av1[2].data) == 1 and av1[2].data[0][0] in atoms:
            lo, hi, sub = av1
            first = sub.data[0]
            rest = [(sre.MAX_REPEAT, (lo - 1, hi if hi == sre.MAXREPEAT else hi - 1, sub))]
        else:
            return None
        behind = sre.SubPattern(parsed.state, [*av0[1].data, first])
        parsed.data = [first, (op0, (-1, behind)), *rest, *data[2:]]
        compiled: re.Pattern[str] = compiler().compile(parsed, flags)
        return compiled
    except Exception:  # an unknown parser or compiler: the pattern as written
        return None


def _positions(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


@lru_cache(maxsize=64)
def _finder(words: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """A regex that matches where one of ``words`` starts (a trie, so each position is tried
    once per first character), and for each word the words that begin with it.

    The regex stops at the first word that ends along its path, so it matches the shortest word
    starting at a position; every other word starting there is a longer prefix of the same text,
    so it begins with that one."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        if "" in node:  # a word ends here: enough to know that one starts
            return ""
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(node)]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    ordered = sorted(set(words))
    longer: dict[str, tuple[str, ...]] = {}
    for k, word in enumerate(ordered):  # the words with this prefix follow it in sorted order
        end = k + 1
        while end < len(ordered) and ordered[end].startswith(word):
            end += 1
        longer[word] = tuple(ordered[k:end])
    return re.compile(emit(trie)), longer


@lru_cache(maxsize=64)
def _plan_words(patterns: tuple[tuple[str, int], ...]) -> tuple[tuple[int, ...], dict[str, tuple[int, ...]]]:
    """For LineScan.plan, from (pattern, flags) pairs (hashing a compiled pattern hashes its whole
    code): the patterns without factors (run on every line), and for each factor the patterns
    that have it."""
    every: list[int] = []
    users: dict[str, list[int]] = {}
    for k, (pattern, flags) in enumerate(patterns):
        fs = factors(pattern, flags)
        if fs is None:
            every.append(k)
            continue
        for w in fs:
            users.setdefault(w, []).append(k)
    return tuple(every), {w: tuple(ks) for w, ks in sorted(users.items())}


class LineScan:
    """A document's lines joined once, to find the lines that may hold a pattern's match."""

    def __init__(self, lines: tuple[str, ...]) -> None:
        self.lines = lines
        self.text = "\n".join(lines)
        starts = []
        pos = 0
        for text in lines:
            starts.append(pos)
            pos += len(text) + 1
        self.starts = starts
        self._found: dict[tuple[str, ...], dict[str, set[int]]] = {}

    def occurrences(self, words: tuple[str, ...]) -> dict[str, set[int]]:
        """For each of ``words`` (non-empty) found in the text, the lines its occurrences start in."""
        got = self._found.get(words)
        if got is not None:
            return got
        finder, longer = _finder(words)
        out: dict[str, set[int]] = {}
        text, starts = self.text, self.starts
        pos = 0
        while (m := finder.search(text, pos)) is not None:
            at = m.start()
            line = bisect_right(starts, at) - 1
            for word in longer[m.group()]:
                if text.startswith(word, at):
                    out.setdefault(word, set()).add(line)
            pos = at + 1
        self._found[words] = out
        return out

    def plan(self, patterns: Sequence[re.Pattern[str]]) -> list[tuple[int, list[int]]]:
        """(line index, indices of the patterns that may match in it), in line order.

        A pattern that matches somewhere in a line contains one of its factors there, so it is
        always listed for that line: running the listed patterns finds every match that running
        all of them on every line would.
        """
        every, users = _plan_words(tuple((p.pattern, p.flags) for p in patterns))
        occ = self.occurrences(tuple(users)) if users else {}
        per_line: dict[int, set[int]] = {}
        for word, lines in occ.items():
            for i in lines:
                per_line.setdefault(i, set()).update(users[word])
        if every:
            return [(i, sorted({*every, *per_line.get(i, ())})) for i in range(len(self.lines))]
        return [(i, sorted(per_line[i])) for i in sorted(per_line)]
