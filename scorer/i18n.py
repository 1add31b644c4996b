"""Interface words of the output formats in Chinese and English, kept as data in rubrics/ui/render.yaml
(report wording lives in the rubric YAML)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _words() -> dict[str, dict[str, str]]:
    """Each key's words by language ({key: {"zh": …, "en": …}}), read once."""
    import yaml

    text = resources.files("scorer.rubrics").joinpath("ui", "render.yaml").read_text("utf-8")
    data: dict[str, dict[str, str]] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


def t(lang: str, key: str, **values: object) -> str:
    """The word ``key`` in ``lang`` (Chinese when it has none there; the key itself when unknown), filled."""
    words = _words().get(key, {})
    text = words.get(lang) or words.get("zh", key)
    return text.format(**values) if values else text


def tn(lang: str, key: str, n: int) -> str:
    """A count with its noun: ``key`` filled with n, or ``key_one`` for one where the language has it."""
    one = f"{key}_one"
    return t(lang, one if n == 1 and lang in _words().get(one, {}) else key, n=n)
