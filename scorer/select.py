"""Choose a rubric for a report from its title, its signature and its opening (the patterns live in YAML)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scorer.model import LANGS, Lang
from scorer.rubric import Rubric, ui_label
from scorer.words import fill

_WHERE = ("title", "issuer", "opening")


@dataclass(frozen=True)
class Selection:
    rubric: Rubric
    reason: Lang  # why, in every interface language
    where: str | None  # "title" | "issuer" | "opening" | None (the default)
    match: str | None


def select(title: str | None, issuer: str | None, opening: str, rubrics: Sequence[Rubric]) -> Selection:
    """The rubric whose `select:` patterns hit first: the title before the signature before the opening;
    among rubrics, the higher `priority` first (a joint title also names a 人民政府)."""
    ranked = sorted((r for r in rubrics if r.selector is not None),
                    key=lambda r: (-(r.selector.priority if r.selector else 0), r.id))
    texts = {"title": title or "", "issuer": issuer or "", "opening": opening}
    for where in _WHERE:
        text = texts[where]
        if not text:
            continue
        for rubric in ranked:
            assert rubric.selector is not None
            for pattern in getattr(rubric.selector, where):
                m = pattern.search(text)
                if m:
                    words = {lang: ui_label(lang, f"where_{where}") for lang in LANGS}
                    return Selection(rubric, fill(rubric.selector.reason, where=words, match=m.group(0)), where,
                                     m.group(0))
    default = next((r for r in ranked if r.selector and r.selector.default), None)
    if default is None:
        default = next((r for r in rubrics if r.id == "national"), rubrics[0])
    reason = {lang: ui_label(lang, "select_default", rubric=default.title.get(lang) or default.id) for lang in LANGS}
    return Selection(default, reason, None, None)


def signature(lines: Sequence[str]) -> str | None:
    """The issuer's name as signed at the end: the line just above a closing date (2024年2月28日)."""
    import re

    tail = [t.strip() for t in lines[-12:] if t.strip()]
    for k in range(len(tail) - 1, 0, -1):
        if re.fullmatch(r"(19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", tail[k]):
            name = tail[k - 1]
            return name if len(name) <= 30 else None
    return None
