"""`scorer check --show-settings`: the settings a run would use, as YAML, each with where it comes from."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from scorer.cli import fail
from scorer.errors import ScorerError
from scorer.i18n import t

if TYPE_CHECKING:
    from scorer.config import Config
    from scorer.rubric import Rubric
    from scorer.select_rules import RuleSelection


def _v(value: Any) -> str:
    """A YAML value that reads back as itself (JSON is YAML; "off" stays a string, not false)."""
    return json.dumps(value, ensure_ascii=False)


def _size(n: int) -> str:
    for unit, size in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024)):
        if n % size == 0:
            return f"{n // size}{unit}"
    return str(n)


class _Lines:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.out: list[str] = []

    def add(self, key: str, value: Any, *sources: str, indent: str = "") -> None:
        note = f"  # {t(self.lang, 'from')}{t(self.lang, 'colon')}{', '.join(sources)}" if sources else ""
        self.out.append(f"{indent}{key}: {_v(value)}{note}")

    def src(self, key: str, detail: str = "") -> str:
        return t(self.lang, f"src_{key}") + (f" {detail}" if detail else "")


def _pick(lines: _Lines, given: Mapping[str, Any], gkey: str, config_value: Any, default: Any,
          default_src: str = "") -> tuple[Any, str]:
    """A setting from the command line, else the config, else the default; and its source."""
    if gkey in given:
        return given[gkey], lines.src("cli")
    if config_value is not None:
        return config_value, lines.src("config")
    return default, default_src or lines.src("default")


def _rubric(ref: str) -> Rubric:
    from scorer.api import AUTO, load_rubric

    try:
        return load_rubric("national" if ref == AUTO else ref)
    except ScorerError as exc:
        fail(str(exc))


def settings_text(original: Config, config: Config, selection: RuleSelection, given: Mapping[str, Any],
                  fmt: str) -> str:
    """``original`` is the config as found; ``config`` has the command line's rule selection applied."""
    from scorer.api import AUTO, selectable_rubrics
    from scorer.batch import default_jobs
    from scorer.read import DEFAULT_MAX_BYTES

    lang = given.get("lang") or original.lang or "zh"
    lines = _Lines(lang)
    lines.out.append("# scorer check --show-settings")
    if original.path:
        lines.add("config", os.path.abspath(original.path))
    else:
        lines.out.append(f"config: null  # {t(lang, 'no_config')}")
    ref, src = _pick(lines, given, "rubric_ref", original.rubric, "national")
    rubric = _rubric(ref)
    if ref == AUTO:
        ids = ", ".join(r.id for r in selectable_rubrics())
        src += "; " + t(lang, "auto_rubric", ids=ids, rubric=rubric.id)
    lines.add("rubric", ref, f"{src} ({rubric.id} {rubric.version})")
    env = os.environ.get("GITHUB_ACTIONS") == "true"
    _, fsrc = _pick(lines, given, "fmt", original.format, "github" if env else "rich",
                    lines.src("env", "GITHUB_ACTIONS") if env else "")
    lines.add("format", fmt, fsrc)
    lines.add("lang", lang, _pick(lines, given, "lang", original.lang, "zh")[1])
    jobs, jsrc = _pick(lines, given, "jobs", original.jobs, default_jobs(), f"{lines.src('default')} "
                       f"({t(lang, 'all_cores')})")
    lines.add("jobs", jobs, jsrc)
    size, ssrc = _pick(lines, given, "max_size", original.max_bytes, DEFAULT_MAX_BYTES)
    lines.add("max_size", size if isinstance(size, str) else _size(size), ssrc)
    lines.add("include", list(original.include))
    lines.add("exclude", list(original.exclude))
    marks = [rubric.pass_threshold, original.threshold, given.get("fail_under")]
    detail = ", ".join(f"{lines.src(k)} {m:g}" for k, m in zip(("rubric", "config", "cli"), marks, strict=True)
                       if m is not None)
    mark = max(m for m in marks if m is not None)
    lines.add("threshold", int(mark) if mark == int(mark) else mark, f"{detail}; {t(lang, 'strictest')}")
    rubric_fail_on = rubric.fail_on.value if rubric.fail_on is not None else "off"
    fail_on, osrc = _pick(lines, given, "fail_on", original.fail_on, rubric_fail_on, lines.src("rubric"))
    lines.add("fail_on", fail_on, osrc)
    lines.out.append("rules:")
    for rid in sorted(rubric.rules):
        base = rubric.rules[rid].severity
        severity = config.rules.get(rid, base.value if base is not None else "off")
        if rid in selection.why:
            where = lines.src("cli", selection.why[rid])
        else:
            where = lines.src("config" if rid in original.rules else "rubric")
        lines.add(rid, severity, where, indent="  ")
    if original.overrides:
        lines.out.append("overrides:")
        for ov in original.overrides:
            entry = {"files": list(ov.files), "rubric": ov.rubric, "rules": ov.rules}
            lines.out.append(f"  - {_v(entry)}" + ("  # + --select/--ignore/--extend-select" if selection else ""))
    return "\n".join(lines.out) + "\n"
