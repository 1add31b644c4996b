"""Score many files in parallel processes, in a stable order, with per-glob rubrics and rule severities."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from scorer.config import SEVERITIES, Config, ConfigError
from scorer.errors import InputError, RubricError
from scorer.model import Document, FileError, Finding, Policy, Scorecard, Severity
from scorer.read import DEFAULT_MAX_BYTES
from scorer.rubric import Rubric
from scorer.uiwords import file_error, from_input
from scorer.workers import DEFAULT_MEMORY, DEFAULT_TIMEOUT, MAX_JOBS, Limits, Lost, Pool, available, cpu_count

__all__ = ["STDIN", "Plan", "Scored", "derive_rubric", "plan", "run_plan", "run_work", "score_paths", "scored"]

STDIN = "-"  # the input that means "read the report from standard input"
T = TypeVar("T")

# key -> (rubric, rule severities applied to the findings); rubric None: chosen per report
# (--rubric auto). Set once per worker process, with the plan's other settings.
Table = dict[str, tuple[Rubric | None, dict[str, str]]]
_TABLE: Table = {}
_DETAIL = False
_MAX_BYTES = DEFAULT_MAX_BYTES
_STDIN: tuple[str, bytes] | None = None
_POLICY = Policy()
_PREVIOUS: Mapping[str, str] = {}  # input path -> last year's report (scorer.pairing)


@dataclass(frozen=True)
class Plan:
    """What to score: each input as (path, rubric key) or the FileError it already is.

    ``stdin`` holds the name and bytes of a report read from standard input (the input ``-``);
    ``max_bytes`` is the size limit for every input, ``limits`` the time and memory each may take;
    ``policy`` the run's verdict settings.
    """

    items: tuple[tuple[str, str] | FileError, ...]
    table: Table
    max_bytes: int = DEFAULT_MAX_BYTES
    stdin: tuple[str, bytes] | None = None
    policy: Policy = field(default_factory=Policy)
    previous: Mapping[str, str] = field(default_factory=dict)  # input -> last year's report (scorer.pairing)
    limits: Limits = field(default_factory=Limits)

    @property
    def size(self) -> int:
        return sum(1 for item in self.items if not isinstance(item, FileError))


def derive_rubric(rubric: Rubric, rules: Mapping[str, str], where: str = "rules") -> Rubric:
    """A copy of ``rubric`` whose rules have the given severities ("off" turns a rule off)."""
    if not rules:
        return rubric
    new = dict(rubric.rules)
    for rid, sev in rules.items():
        if sev not in SEVERITIES:
            raise ConfigError(f"{where}.{rid}: expected one of {', '.join(SEVERITIES)}, got {sev!r}")
        spec = rubric.rule(rid)
        # A rule the rubric does not list still runs there (at its default severity): it can be set too.
        if rid not in rubric.rules and rid not in _registered_rules():
            known = ", ".join(sorted(rubric.rules))
            raise ConfigError(f"{where}.{rid}: unknown rule in rubric {rubric.id!r} (known: {known})")
        new[rid] = replace(spec, severity=None if sev == "off" else Severity(sev))
    return replace(rubric, rules=new)


def _registered_rules() -> set[str]:
    from scorer.checks import all_rules

    return set(all_rules())


def _apply_rules(card: Scorecard, rules: Mapping[str, str], rubric: Rubric, policy: Policy) -> Scorecard:
    """Some checks set a finding's severity themselves; the config has the last word (and the verdict follows)."""
    if not rules:
        return card
    from scorer.scorecard import decide

    out: list[Finding] = []
    for f in card.findings:
        sev = rules.get(f.rule)
        if sev == "off":
            continue
        out.append(replace(f, severity=Severity(sev)) if sev else f)
    return decide(replace(card, findings=tuple(out)), rubric, policy)


def plan(inputs: Iterable[str], config: Config | None = None, rubric_ref: str | None = None,
         stdin: tuple[str, bytes] | None = None, max_bytes: int | None = None,
         policy: Policy | None = None, timeout: float | None = None, memory: int | None = None) -> Plan:
    """Expand inputs (or the config's ``include`` when there are none) and load every rubric needed.

    ``rubric_ref`` (from --rubric) beats the config's rubrics; ``auto`` chooses a built-in rubric
    per report. The input ``-`` is the report in ``stdin`` (its name and bytes). ``policy`` holds the
    command line's --fail-on and --fail-under, over the config's ``fail_on`` and ``threshold``;
    ``timeout`` and ``memory`` (from the command line) beat the config's. Rubric and config problems
    raise UserError before anything is scored.
    """
    from scorer.api import iter_paths

    config = config or Config()
    limit = max_bytes or config.max_bytes or DEFAULT_MAX_BYTES
    inputs, from_include = _inputs(list(inputs), config, stdin)
    rubrics = _Rubrics(config, rubric_ref)
    items: list[tuple[str, str] | FileError] = []
    for raw in inputs:
        if raw == STDIN:
            assert stdin is not None
            name = stdin[0]
            ref, rules = config.settings_for(name) if name != STDIN else (config.rubric, dict(config.rules))
            items.append((STDIN, rubrics.key_for(ref, rules)))
            continue
        for item in iter_paths([raw]):
            if isinstance(item, FileError):
                items.append(item)
                continue
            rel = config.relative(item)
            if from_include and (rel is None or not any(_match(p, rel) for p in config.include)):
                continue
            if config.excluded(item):
                continue
            ref, rules = config.settings_for(item)
            # Files found through `include` are shown relative to the working folder, like named ones.
            items.append((os.path.relpath(item) if from_include else str(item), rubrics.key_for(ref, rules)))
    limits = Limits(timeout or config.timeout or DEFAULT_TIMEOUT, memory or config.memory_bytes or DEFAULT_MEMORY)
    return Plan(tuple(items), rubrics.table, limit, stdin, policy=run_policy(config, policy), limits=limits)


def _inputs(inputs: list[str], config: Config, stdin: tuple[str, bytes] | None) -> tuple[list[str], bool]:
    """The inputs to expand, and whether they are the config's root for its ``include`` (none were given);
    ``-`` at most once and only with something read from standard input."""
    if STDIN in inputs:
        if stdin is None:
            raise ConfigError("'-' (standard input) given but nothing was read from it")
        if inputs.count(STDIN) > 1:
            raise ConfigError("'-' (standard input) given more than once")
    if inputs:
        return inputs, False
    if not config.include:
        raise ConfigError("no paths given and no `include` in a config file")
    return [str(config.root)], True


class _Rubrics:
    """The rubrics of a plan, each loaded once and derived once per set of the config's rule settings."""

    def __init__(self, config: Config, rubric_ref: str | None) -> None:
        self.config = config
        self.rubric_ref = rubric_ref  # --rubric beats the config's rubrics
        self.loaded: dict[str, Rubric] = {}
        self.table: Table = {}

    def key_for(self, ref: str | None, rules: dict[str, str]) -> str:
        """The table's key for a report's rubric and rule settings (loaded and derived on first use)."""
        from scorer.api import AUTO, load_rubric

        ref = self.rubric_ref or ref or "national"
        key = f"{ref}\0{sorted(rules.items())}"
        if key in self.table:
            return key
        where = f"{self.config.path}: rules" if self.config.path else "rules"
        if ref == AUTO:
            for rub in _selectable():  # a rule named in the config must exist in every candidate
                derive_rubric(rub, rules, where)
            self.table[key] = (None, rules)
        else:
            if ref not in self.loaded:
                self.loaded[ref] = load_rubric(ref)
            self.table[key] = (derive_rubric(self.loaded[ref], rules, where), rules)
        return key


def run_policy(config: Config, given: Policy | None) -> Policy:
    """The verdict settings of a run: --fail-on beats the config's fail_on; the strictest threshold applies."""
    given = given or Policy()
    marks = [m for m in (given.threshold, config.threshold) if m is not None]
    return Policy(given.fail_on or config.fail_on, max(marks) if marks else None)


def _selectable() -> tuple[Rubric, ...]:
    from scorer.api import selectable_rubrics

    return selectable_rubrics()


def _match(pattern: str, rel: str) -> bool:
    from scorer.config import glob_match

    return glob_match(pattern, rel)


def _init(table: Table, detail: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
          stdin: tuple[str, bytes] | None = None, policy: Policy | None = None,
          previous: Mapping[str, str] | None = None) -> None:
    global _TABLE, _DETAIL, _MAX_BYTES, _STDIN, _POLICY, _PREVIOUS
    _TABLE, _DETAIL, _MAX_BYTES, _STDIN = table, detail, max_bytes, stdin
    _POLICY = policy or Policy()
    _PREVIOUS = previous or {}


@dataclass(frozen=True)
class Scored:
    """One input read and scored: the document, the bytes it was read from, the rubric used and the scorecard."""

    doc: Document
    data: bytes
    rubric: Rubric
    card: Scorecard


def _score(task: tuple[str, str]) -> Scorecard | FileError:
    return scored(task, _card)


def _card(done: Scored) -> Scorecard:
    return done.card


def scored(task: tuple[str, str], then: Callable[[Scored], T]) -> T | FileError:
    """Read and score one task of a plan in this process (a worker's), then ``then`` what was read and scored;
    a file that cannot be read, or that ``then`` finds unreadable (InputError), becomes its FileError."""
    from scorer.api import choose_rubric, score_document
    from scorer.limits import read_capped
    from scorer.read import read_bytes

    path, key = task
    rubric, rules = _TABLE[key]
    if path == STDIN and _STDIN is not None:
        path = _stdin_name(_STDIN)
    try:
        data = _STDIN[1] if task[0] == STDIN and _STDIN is not None else read_capped(Path(path), _MAX_BYTES)
        doc = read_bytes(path, data, _MAX_BYTES)
        reason = None
        if rubric is None:
            rubric, reason = choose_rubric(doc)
            rubric = derive_rubric(rubric, rules)
        previous = None
        if task[0] in _PREVIOUS:
            from scorer.api import previous_pieces

            previous = previous_pieces(_PREVIOUS[task[0]], rubric, _MAX_BYTES)
        card = score_document(doc, rubric, detail=_DETAIL, policy=_POLICY, previous=previous)
        if reason is not None:
            card = replace(card, meta={**card.meta, "rubric_choice": reason})
        return then(Scored(doc, data, rubric, _apply_rules(card, rules, rubric, _POLICY)))
    except InputError as exc:
        return from_input(exc)
    except MemoryError:
        raise  # the worker reports the memory limit
    except RubricError as exc:  # a rubric loaded without the checks' options, whose options fail when typed
        return FileError(path, str(exc))
    except Exception as exc:  # one bad file must not stop the batch
        return file_error(path, "internal", detail=f"{type(exc).__name__}: {exc}")


def default_jobs() -> int:
    return cpu_count()


def _warm(the_plan: Plan) -> None:
    """Load the lazy caches (OpenCC dictionaries, compiled patterns) once, before workers are
    forked, so that they inherit them instead of each paying for them."""
    from scorer.api import score_text

    for rubric, _rules in the_plan.table.values():
        for rub in (rubric,) if rubric is not None else _selectable():
            score_text("一、主要举措和成效\n法治建設(shè)。", rub)


def run_plan(the_plan: Plan, jobs: int | None = None,
             detail: bool = False) -> Iterator[Scorecard | FileError]:
    """Score a plan; results stream out in input order as soon as each one (and those before) is done."""
    return run_work(the_plan, _score, jobs, detail)


def run_work(the_plan: Plan, work: Callable[[tuple[str, str]], T | FileError], jobs: int | None = None,
             detail: bool = False) -> Iterator[T | FileError]:
    """Run ``work`` (``_score``, or ``scored`` with more to do) on each task of a plan, in input order.

    Every file is scored in a worker process under the plan's limits (workers.Pool): a file past
    the time limit or the memory ceiling, or whose worker died, becomes its FileError naming why,
    and the others are still scored, so there is one result per input. Where worker processes
    cannot be started, files are scored in this process, without limits.
    """
    tasks = [item for item in the_plan.items if not isinstance(item, FileError)]
    jobs = max(1, min(jobs or default_jobs(), MAX_JOBS, len(tasks) or 1))
    initargs = (the_plan.table, detail, the_plan.max_bytes, the_plan.stdin, the_plan.policy,
                the_plan.previous)
    if not available():
        _init(*initargs)
        results: Iterator[T | FileError | Lost] = (work(t) for t in tasks)
        pool = None
    else:
        if jobs > 1:
            _warm(the_plan)
        pool = Pool(work, jobs, the_plan.limits, initializer=_init, initargs=initargs)
        results = pool.map(tasks)
    try:
        for item in the_plan.items:
            if isinstance(item, FileError):
                yield item
                continue
            outcome = next(results)
            if isinstance(outcome, Lost):
                path = item[0] if item[0] != STDIN or the_plan.stdin is None else _stdin_name(the_plan.stdin)
                key, params = outcome.reason(the_plan.limits)
                yield file_error(path, key, **params)
            else:
                yield outcome
    finally:
        if pool is not None:
            pool.close()


def _stdin_name(stdin: tuple[str, bytes]) -> str:
    return stdin[0] if stdin[0] != STDIN else "<stdin>"


def score_paths(paths: Iterable[Path | str], rubric: Rubric | str = "national", jobs: int | None = None,
                lang: str = "zh") -> Iterator[Scorecard | FileError]:
    """Score files, folders and globs with one rubric on ``jobs`` processes (None: every core)."""
    from scorer.api import iter_paths, load_rubric

    rub = load_rubric(rubric) if isinstance(rubric, str) else rubric
    items = tuple(i if isinstance(i, FileError) else (str(i), "") for i in iter_paths(str(p) for p in paths))
    yield from run_plan(Plan(items, {"": (rub, {})}), jobs)
