"""What every check receives and how it words a finding from the rubric's message templates."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from scorer.errors import RubricError
from scorer.model import Facts, Finding, Lang, Match, NormalizedDocument, Outline, Severity, Status
from scorer.rubric import Rubric
from scorer.words import Wordy, as_lang, fill

T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """The pipeline's state up to matching, as the checks see it (read only)."""

    doc: NormalizedDocument
    outline: Outline
    facts: Facts
    matches: tuple[Match, ...]
    rubric: Rubric
    # Facts shared by the checks of one document, computed on first use (see scan()).
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def scan(self) -> LineScan:
        """The document's lines joined once for fast pattern scans (shared by the checks)."""
        got = self._memo.get("scan")
        if got is None:
            got = self._memo["scan"] = LineScan(tuple(line.text for line in self.doc.lines))
        return got

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """A fact about this document computed once and shared by the checks (``compute()`` on first use)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def source(self, line: int | None) -> int | None:
        """The user-visible line number of a normalized line index."""
        if line is None or not 0 <= line < len(self.doc.lines):
            return None
        return self.doc.lines[line].source

    def page(self, line: int | None) -> int | None:
        if line is None or not 0 <= line < len(self.doc.lines):
            return None
        return self.doc.lines[line].page

    def match(self, cid: str) -> Match | None:
        return next((m for m in self.matches if m.criterion == cid), None)

    def label(self, cid: str) -> Lang:
        """A criterion's (or requirement's) label in every language."""
        for crit in self.rubric.criteria:
            if crit.id == cid:
                return as_lang(crit.label)
            for req in crit.requirements:
                if req.id == cid:
                    return as_lang(req.label)
        return as_lang(cid)

    def options(self, group: str, kind: type[T]) -> T:
        """A check's options: the rubric's ``checks.<group>``, completed with their defaults and typed at load."""
        got = self.rubric.check_options.get(group)
        if not isinstance(got, kind):
            raise RubricError(f"{self.rubric.path}: checks.{group}: the rubric was loaded without the checks' "
                              "options (load it with scorer.api.load_rubric)")
        return got

    def complete(self) -> bool:
        """Whether the report runs to its end: the last part in the rubric's order is there.

        Web pages and excerpts are often cut off; what a report lacks at its end (署名, 成文日期)
        or in its whole (纲要 areas) is only said of a report that reaches its last part.
        """
        if not self.rubric.order:
            return True
        m = self.match(self.rubric.order[-1])
        return m is not None and m.status is not Status.MISSING

    def say(self, template: Wordy, **values: Any) -> Lang:
        """A template from the rubric's options, filled in, in every language (never raises)."""
        return fill(template, **values)

    def text(self, lang_map: Wordy) -> Lang:
        """Words of the rubric's options in every language ("" in each when there are none)."""
        return as_lang(lang_map)

    def finding(
        self,
        rule: str,
        line: int | None = None,
        criterion: str | None = None,
        severity: Severity | None = None,
        marks: tuple[str, ...] = (),
        **values: Any,
    ) -> Finding | None:
        """A finding worded by the rubric's template for ``rule`` (in every language, filled with
        ``values``, kept as its params); None when the rubric turns it off.

        ``marks``: the words of the line it is about (a spam span, the placeholders), to point at them exactly."""
        spec = self.rubric.rule(rule)
        if spec.severity is None:
            return None
        return Finding(
            rule=rule,
            severity=severity or spec.severity,
            text=fill(spec.message, **values),
            line=self.source(line),
            criterion=criterion,
            page=self.page(line),
            params=tuple(sorted(values.items())),
            marks=marks,
        )


# ---------------------------------------------------------------- option schemas
# Pieces of the JSON Schema fragments in which each check declares its options (OPTIONS), composed
# under the rubric's `checks:` by scorer.checks.check_options. `$defs` are the rubric schema's.
LANG: dict[str, Any] = {"$ref": "#/$defs/lang"}
TEXT: dict[str, Any] = {"anyOf": [{"type": "string"}, LANG]}  # the same in every language, or each its own
PATTERN: dict[str, Any] = {"$ref": "#/$defs/pattern"}
PATTERNS: dict[str, Any] = {"$ref": "#/$defs/patternList", "default": []}  # regexes, or patterns: and words:
WORDS: dict[str, Any] = {"$ref": "#/$defs/words", "default": []}


def group(default: bool = True, **props: dict[str, Any]) -> dict[str, Any]:
    """A mapping of options, no other key allowed, completed with its options' defaults ({} by default)."""
    out: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": props}
    return {**out, "default": {}} if default else out


def option(kind: str | list[str], default: Any = None, **more: Any) -> dict[str, Any]:
    """One option of JSON type ``kind`` (with its default unless None)."""
    out = {"type": kind, **more}
    return out if default is None else {**out, "default": default}


def texts(*keys: str) -> dict[str, Any]:
    """Message templates by key, each in every language (``messages``)."""
    return {"type": "object", "additionalProperties": False, "properties": dict.fromkeys(keys, LANG), "default": {}}


# ---------------------------------------------------------------- fast line scans
#
# The line checks (spam, placeholder) run dozens of rubric patterns over every line. Most
# patterns need a literal (申博, 葡京, XX, ___) that most reports never contain, but a pattern
# that starts with a look-behind or an optional group makes Python's regex engine try every
# position of every line. So each pattern gets a set of *factors*: short strings one of which
# every match must contain (found from the parsed pattern; none when that cannot be proved).
# One pass over the report finds the lines holding a factor, and a pattern is run only on
# those lines, line by line as before: the findings are the same, only the lines that cannot
# match are skipped.

_FACTOR_LIMIT = 32  # most strings in one factor set
_RANGE_LIMIT = 16  # widest character class spelled out as factors


def _sre() -> Any:
    import importlib

    try:
        return importlib.import_module("re._parser")
    except ImportError:  # Python 3.10
        return importlib.import_module("sre_parse")


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
        sre = _sre()
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
        hi = int(_sre().parse(pattern, flags).getwidth()[1])
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
        import importlib

        sre = _sre()
        compiler = importlib.import_module("re._compiler" if sre.__name__ == "re._parser" else "sre_compile")
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
        compiled: re.Pattern[str] = compiler.compile(parsed, flags)
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
