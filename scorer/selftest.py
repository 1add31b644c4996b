"""Semantic checks of a rubric beyond its schema, and its `examples:` self-tests run through the engine."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorer.api import score_text
from scorer.rubric import Rubric, ui_label

_PUNCT = re.compile(r"[^\u3400-\u9fffA-Za-z0-9]")


@dataclass(frozen=True)
class Problem:
    kind: str  # "duplicate-alias" | "weights" | "example"
    message: str


def lint(rubric: Rubric, lang: str = "zh") -> list[Problem]:
    """Heading phrases shared by two criteria, and weights that do not sum to 100.
    (Duplicate ids and unknown references are load errors already.)"""
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for crit in rubric.criteria:
        for phrase in dict.fromkeys(crit.phrases):
            key = _PUNCT.sub("", phrase)
            other = owner.setdefault(key, crit.id)
            if other != crit.id:
                text = ui_label(lang, "dup_alias", phrase=phrase, a=other, b=crit.id)
                problems.append(Problem("duplicate-alias", text))
    total = sum(c.weight for c in rubric.criteria) + sum(r.weight for c in rubric.criteria for r in c.requirements)
    if abs(total - 100) > 1e-6:
        problems.append(Problem("weights", ui_label(lang, "weights_sum", total=f"{total:g}")))
    return problems


def run_examples(rubric: Rubric, lang: str = "zh") -> list[Problem]:
    """Score each example text with the rubric; a problem for every status or verdict it does not get."""
    problems: list[Problem] = []
    for example in rubric.examples:
        card = score_text(example["text"], rubric, path=f"<example {example['name']}>")
        got = {c.id: c.status.value for c in card.criteria}
        wrong: list[str] = []
        for cid, want in example["expect"].items():
            allowed = [want] if isinstance(want, str) else list(want)
            if cid not in got:
                wrong.append(ui_label(lang, "example_unknown", cid=cid))
            elif got[cid] not in allowed:
                wrong.append(ui_label(lang, "example_status", cid=cid, got=got[cid], want="/".join(allowed)))
        if "verdict" in example and card.verdict.value != example["verdict"]:
            wrong.append(ui_label(lang, "example_verdict", got=card.verdict.value, want=example["verdict"]))
        problems.extend(Problem("example", ui_label(lang, "example_failed", name=example["name"], what=w))
                        for w in wrong)
    return problems
