"""Text in every interface language at once (a ``Lang`` map, {"zh": …, "en": …}): filled templates,
joins and concatenations, so the core words a message once and a renderer picks the language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scorer.model import LANGS, Lang, in_lang

Wordy = Lang | str | None  # a Lang map, or a string that reads the same in every language
LIST_SEP: Lang = {"zh": "、", "en": ", "}  # between the items of a list
CLAUSE_SEP: Lang = {"zh": ";", "en": "; "}  # between clauses
AREA_SEP: Lang = {"zh": "、", "en": "; "}  # between names that hold commas themselves


def as_lang(value: Wordy) -> Lang:
    """``value`` as a map over every interface language (a plain string stands for each)."""
    if isinstance(value, dict):
        return {lang: in_lang(value, lang) for lang in LANGS}
    text = "" if value is None else str(value)
    return {lang: text for lang in LANGS}


def fill(template: Wordy, **values: Any) -> Lang:
    """The template in each language with the values filled in (a Lang value in that language); a
    template whose slots the values do not fill is left as written, never raising."""
    out: Lang = {}
    for lang in LANGS:
        text = in_lang(template, lang)
        try:
            out[lang] = text.format(**{k: in_lang(v, lang) if isinstance(v, dict) else v for k, v in values.items()})
        except (KeyError, IndexError, ValueError, AttributeError):
            out[lang] = text
    return out


def join(sep: Wordy, items: Sequence[Wordy]) -> Lang:
    """``items`` joined by ``sep`` in each language (、 in Chinese, ", " in English)."""
    return {lang: in_lang(as_lang(sep), lang).join(in_lang(as_lang(i), lang) for i in items) for lang in LANGS}


def concat(*parts: Wordy) -> Lang:
    """The parts one after the other in each language; empty parts and the spaces between them dropped."""
    out: Lang = {}
    for lang in LANGS:
        texts = [in_lang(as_lang(p), lang) for p in parts]
        out[lang] = " ".join(t for t in texts if t)
    return out


def either(*options: Wordy) -> Lang:
    """The first option that has text (in Chinese, the reference language), as ``a or b`` would pick."""
    for option in options:
        lang_map = as_lang(option)
        if lang_map["zh"]:
            return lang_map
    return as_lang("")
