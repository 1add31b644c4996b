"""Pair each report with last year's: the same issuer (names normalized) and the year before, for a batch."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.errors import InputError, UserError
from scorer.model import FileError
from scorer.uiwords import from_input

if TYPE_CHECKING:
    from scorer.batch import Plan

_CJK = "[\u4e00-\u9fff]"
# 中共柳溪县委 柳溪县人民政府, 中共柳溪县委员会、柳溪县人民政府: the party committee of a joint report.
_PARTY = re.compile(rf"^(?:中共|中国共产党)({_CJK}{{1,24}}?)(?:委员会|委)(?:[、,\s]+|(?={_CJK})|$)")
# 柳溪县委、柳溪县人民政府
_COMMITTEE = re.compile(rf"^{_CJK}{{1,20}}?[省市县区州旗盟镇乡](?:党)?委(?:员会)?[、,\s]+(?={_CJK})")
# 湖南省岳阳市华容县 → 华容县: the province, and the city above a county or district, are often left out.
_ABOVE = re.compile(rf"^(?:{_CJK}{{1,8}}?(?:省|自治区)(?={_CJK}{{2,12}}?[市州盟县区旗]))?"
                    rf"(?:{_CJK}{{1,8}}?市(?={_CJK}{{1,8}}?[县区旗](?:人民)?政府))?")
_PLACE = re.compile(rf"{_CJK}[省市县区州旗盟镇乡]$")
_NOT_NAME = re.compile(r"[\s、,,·]+")


def issuer_key(issuer: str | None) -> str | None:
    """An issuer's name as reports of other years write it: 县人民政府 = 县政府, a joint report's 中共…委 left
    out, a bare place (柳溪县) as its government, the province and city before a county dropped."""
    if not issuer:
        return None
    name = _NOT_NAME.sub(" ", issuer).strip()
    party = _PARTY.match(name)
    if party and name[party.end():].strip():
        name = name[party.end():]
    elif party:
        name = party.group(1) + "委"
    name = _COMMITTEE.sub("", name)
    name = _NOT_NAME.sub("", name).replace("人民政府", "政府")
    if _PLACE.search(name):
        name += "政府"
    return _ABOVE.sub("", name, count=1) or name


@dataclass(frozen=True)
class Key:
    """Who issued a report and the year it is on, as read from it (None when it does not say)."""

    path: str
    issuer: str | None
    year: int | None


def key_of(path: str, max_bytes: int, stdin: tuple[str, bytes] | None = None) -> Key | FileError:
    """Read a report far enough to know its issuer and year (read → normalize → outline → facts)."""
    from scorer.meta import find_facts
    from scorer.normalize import normalize
    from scorer.outline import build_outline
    from scorer.read import read_bytes, read_path

    try:
        doc = read_bytes(stdin[0], stdin[1], max_bytes) if stdin is not None else read_path(Path(path), max_bytes)
    except InputError as exc:
        return from_input(exc)
    clean = normalize(doc)
    facts = find_facts(clean, build_outline(clean))
    return Key(path, issuer_key(facts.issuer), facts.report_year)


def pair(inputs: Iterable[Key], pool: Iterable[Key]) -> dict[str, str]:
    """Each input's previous report: in ``pool``, the same issuer and the year before (the first by path)."""
    by: dict[tuple[str, int], list[str]] = {}
    for k in pool:
        if k.issuer is not None and k.year is not None:
            by.setdefault((k.issuer, k.year), []).append(k.path)
    out: dict[str, str] = {}
    for k in inputs:
        if k.issuer is None or k.year is None:
            continue
        found = sorted(p for p in by.get((k.issuer, k.year - 1), ()) if p != k.path)
        if found:
            out[k.path] = found[0]
    return out


@dataclass(frozen=True)
class Pairing:
    """What pairing found: the plan with each report's previous one, and the reports left without."""

    plan: Plan
    unpaired: tuple[str, ...]


def with_previous(the_plan: Plan, previous: str | None = None, history: str | None = None,
                  jobs: int | None = None) -> Pairing:
    """The plan with last year's report of each input: ``previous`` for the one report of the plan, or the
    reports in ``history`` and among the inputs paired by issuer and year. A previous report that cannot be
    read becomes its FileError (the report is still scored, without the comparison)."""
    tasks = [item for item in the_plan.items if not isinstance(item, FileError)]
    if previous is not None:
        if len(tasks) != 1:
            raise UserError("--previous compares one report with last year's; for a batch use --history DIR")
        got = key_of(previous, the_plan.max_bytes)
        if isinstance(got, FileError):
            return Pairing(replace(the_plan, items=(*the_plan.items, got)), ())
        return Pairing(replace(the_plan, previous={tasks[0][0]: previous}), ())
    if history is None:
        return Pairing(the_plan, ())
    if not Path(history).is_dir():
        raise UserError(f"{history}: history folder not found")
    from scorer.api import iter_paths

    given = [t[0] for t in tasks]
    found = [p for p in iter_paths([history]) if not isinstance(p, FileError)]
    extra = sorted({str(p) for p in found} - set(given))
    keys = _keys([*given, *extra], the_plan, jobs)
    errors = tuple(k for k in keys.values() if isinstance(k, FileError))
    ok = {p: k for p, k in keys.items() if isinstance(k, Key)}
    mapping = pair((ok[p] for p in given if p in ok), ok.values())
    unpaired = tuple(p for p in given if p not in mapping)
    return Pairing(replace(the_plan, items=(*the_plan.items, *errors), previous=mapping), unpaired)


def _keys(paths: list[str], the_plan: Plan, jobs: int | None) -> Mapping[str, Key | FileError]:
    """The key of every path, on ``jobs`` processes when there are many."""
    from scorer.batch import STDIN, default_jobs

    args = [(p, the_plan.max_bytes, the_plan.stdin if p == STDIN else None) for p in paths]
    jobs = max(1, jobs or default_jobs())
    if jobs > 1 and len(paths) >= 8:
        from concurrent.futures import ProcessPoolExecutor

        try:
            with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
                return dict(zip(paths, pool.map(_key_task, args, chunksize=4), strict=True))
        except (OSError, NotImplementedError):  # no working multiprocessing here: read them in this process
            pass
    return {p: _key_task(a) for p, a in zip(paths, args, strict=True)}


def _key_task(args: tuple[str, int, tuple[str, bytes] | None]) -> Key | FileError:
    return key_of(*args)
