"""Which rules report findings, as ruff's --select, --ignore and --extend-select say, applied as rule severities.

The command line's choice becomes ``off`` (or a config's ``off`` undone) in the config's ``rules`` and in
every override's, so that one mechanism, the derived rubric of each file, turns a rule off: an ignored
rule raises no finding, so it cannot fail a report (the verdict follows). A required part that is missing
still fails a report: that is the verdict rule itself, not a finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from scorer.config import Config, ConfigError

__all__ = ["ALL", "RuleSelection", "expand"]

ALL = "ALL"  # every rule, as in ruff


def _split(values: Iterable[str]) -> list[str]:
    """Option values as given: repeated (--ignore a --ignore b) or comma-separated (--ignore a,b)."""
    return [v.strip() for raw in values for v in raw.split(",") if v.strip()]


def expand(option: str, values: Iterable[str], known: Iterable[str]) -> frozenset[str]:
    """Rule ids named by an option: an id, a family (``section`` for every ``section-*`` rule) or ALL.

    Raises ConfigError for a name that is none of these.
    """
    ids = sorted(known)
    out: set[str] = set()
    for name in _split(values):
        if name.upper() == ALL:
            out.update(ids)
            continue
        hits = [rid for rid in ids if rid == name or rid.startswith(name + "-")]
        if not hits:
            raise ConfigError(f"{option}: unknown rule {name!r} (see 'scorer rules'; a family such as "
                              f"'section' or ALL also works)")
        out.update(hits)
    return frozenset(out)


@dataclass(frozen=True)
class RuleSelection:
    """Rules turned off and rules turned back on by the command line, and by which option."""

    off: frozenset[str] = frozenset()
    on: frozenset[str] = frozenset()
    why: Mapping[str, str] = field(default_factory=dict)  # rule -> the option that decided it

    @classmethod
    def parse(cls, select: Iterable[str], ignore: Iterable[str], extend_select: Iterable[str],
              known: Iterable[str]) -> RuleSelection:
        """``--select`` keeps only the rules it names (and --extend-select's); ``--extend-select`` turns rules
        on over the config's ``off``; ``--ignore`` turns rules off and wins over both."""
        known = frozenset(known)
        chosen = expand("--select", select, known)
        extra = expand("--extend-select", extend_select, known)
        ignored = expand("--ignore", ignore, known)
        why: dict[str, str] = {}
        off: set[str] = set()
        if chosen:
            for rid in known - chosen - extra:
                off.add(rid)
                why[rid] = "--select"
        for rid in ignored:
            off.add(rid)
            why[rid] = "--ignore"
        on = (chosen | extra) - ignored
        for rid in on:
            why[rid] = "--select" if rid in chosen else "--extend-select"
        return cls(frozenset(off), frozenset(on), why)

    def __bool__(self) -> bool:
        return bool(self.off or self.on)

    def apply(self, rules: Mapping[str, str]) -> dict[str, str]:
        """Rule severities with the selection on top: off for the rules left out, and a config's off undone
        (the rubric's severity applies again) for the rules named."""
        out = {rid: sev for rid, sev in rules.items() if not (rid in self.on and sev == "off")}
        out.update({rid: "off" for rid in self.off})
        return out

    def configure(self, config: Config) -> Config:
        """The config with the selection applied to its rules and to every override's rules."""
        if not self:
            return config
        overrides = tuple(replace(ov, rules=self.apply(ov.rules)) for ov in config.overrides)
        return replace(config, rules=self.apply(config.rules), overrides=overrides)
