"""The year-over-year test pairs (tests/cases/history/*/) and a helper that measures the comparison on them.

Each pair is a report (``this.txt``) and last year's (``last.txt``), written for these tests, with
``expect.yaml`` naming (by a few of their words) this year's paragraphs that copy last year's, the
compared paragraphs that are reworded or new, and last year's plan items carried out or dropped.
``python -m tests.history_pairs`` prints precision and recall.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scorer.api import load_rubric, pieces, score_document
from scorer.model import Scorecard
from scorer.read import read_path

PAIRS = Path(__file__).parent / "cases" / "history"


@dataclass
class Tally:
    """Hits and misses of one rule over the pairs, with what went wrong, for precision and recall."""

    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    wrong: list[str] = field(default_factory=list)

    def precision(self) -> float:
        return self.true_pos / (self.true_pos + self.false_pos) if self.true_pos + self.false_pos else 1.0

    def recall(self) -> float:
        return self.true_pos / (self.true_pos + self.false_neg) if self.true_pos + self.false_neg else 1.0

    def line(self, name: str) -> str:
        return (f"{name}: precision {self.precision():.2f}, recall {self.recall():.2f} "
                f"({self.true_pos} found, {self.false_pos} wrongly, {self.false_neg} missed)")


def pair_names() -> list[str]:
    return sorted(p.name for p in PAIRS.iterdir() if (p / "expect.yaml").is_file())


def compared(name: str) -> tuple[Scorecard, dict[str, Any]]:
    """This year's scorecard compared with last year's, and what the pair expects."""
    rubric = load_rubric("national")
    folder = PAIRS / name
    last = pieces(read_path(folder / "last.txt"), rubric)
    card = score_document(read_path(folder / "this.txt"), rubric, previous=last)
    return card, yaml.safe_load((folder / "expect.yaml").read_text("utf-8"))


def measure(names: list[str] | None = None) -> tuple[Tally, Tally]:
    """recycled-text and plan-not-followed over the pairs: a copied paragraph must be flagged, a reworded or
    new one must not; a dropped plan item must be listed, a carried-out one must not."""
    recycled, plan = Tally(), Tally()
    for name in names or pair_names():
        card, want = compared(name)
        assert card.previous is not None
        flagged = [r.text for r in card.previous.recycled]
        for words in want["recycled"]:
            hit = any(words in text for text in flagged)
            recycled.true_pos += hit
            recycled.false_neg += not hit
            if not hit:
                recycled.wrong.append(f"{name}: copied paragraph not found: {words}")
        for text in flagged:
            if not any(words in text for words in want["recycled"]):
                recycled.false_pos += 1
                recycled.wrong.append(f"{name}: flagged, not a copy: {text[:30]}")
        _plan(name, card, want["plan"], plan)
    return recycled, plan


def _plan(name: str, card: Scorecard, want: dict[str, list[str]], plan: Tally) -> None:
    assert card.previous is not None
    items = card.previous.plan
    for kind in ("followed", "dropped"):
        for words in want[kind]:
            found = [i for i in items if words in i.text]
            if len(found) != 1:
                plan.wrong.append(f"{name}: item “{words}” found {len(found)} times among {[i.text for i in items]}")
                plan.false_neg += kind == "dropped"
                continue
            listed = not found[0].followed
            if kind == "dropped":
                plan.true_pos += listed
                plan.false_neg += not listed
            else:
                plan.false_pos += listed
            if listed != (kind == "dropped"):
                plan.wrong.append(f"{name}: {kind} item judged {'dropped' if listed else 'followed'}: {words}")
    known = [w for kind in ("followed", "dropped") for w in want[kind]]
    for item in items:
        if not any(w in item.text for w in known):
            plan.wrong.append(f"{name}: an item the pair does not list: {item.text[:30]}")
            plan.false_pos += not item.followed


if __name__ == "__main__":
    r, p = measure()
    print(r.line("recycled-text"))
    print(p.line("plan-not-followed"))
    for w in r.wrong + p.wrong:
        print("  ", w)
