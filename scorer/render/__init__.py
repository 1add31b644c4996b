"""Render a run's result model to text: an explicit registry of formats, one signature for all."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import cast

from scorer.i18n import t
from scorer.model import Criterion, RunResult, Scorecard, in_lang


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "zh"
    width: int | None = None
    color: bool = True
    # Rule id -> its documentation (the check module's docstring), passed in by the CLI for SARIF.
    rules: Mapping[str, str] = field(default_factory=dict)
    # Rule id -> its one line in the output language (`scorer rules`), passed in by the CLI for xlsx.
    rule_lines: Mapping[str, str] = field(default_factory=dict)


Renderer = Callable[[RunResult, RenderOptions], str]


def _lazy(module: str) -> Renderer:
    """``scorer.render.<module>.render``, imported on the first call (a run loads only its format)."""

    def render(result: RunResult, options: RenderOptions) -> str:
        fn: Renderer = importlib.import_module(f"scorer.render.{module}").render
        return fn(result, options)

    render.__module__ = f"scorer.render.{module}"
    render.__qualname__ = "render"
    return render


# Format name -> renderer. A test fails when a module in this package is not listed here.
FORMATS: dict[str, Renderer] = {
    "rich": _lazy("rich_format"),
    "json": _lazy("json_format"),
    "html": _lazy("html_format"),
    "sarif": _lazy("sarif_format"),
    "junit": _lazy("junit_format"),
    "github": _lazy("github_format"),
    "gitlab": _lazy("gitlab_format"),
    "markdown": _lazy("markdown_format"),
    "concise": _lazy("concise_format"),
}

BinaryRenderer = Callable[[RunResult, RenderOptions], bytes]


def _lazy_bytes(module: str) -> BinaryRenderer:
    """As _lazy, for a format that writes bytes: the same lazy import, only the type differs."""
    return cast("BinaryRenderer", _lazy(module))


# Formats whose output is bytes, not text: the CLI writes them only to a file (-o FILE), atomically.
BINARY_FORMATS: dict[str, BinaryRenderer] = {
    "xlsx": _lazy_bytes("xlsx_format"),
}


def verdict_text(card: Scorecard, lang: str) -> str:
    """The verdict with its reasons, as every format shows it.

    For example 不通过:缺少“第一责任人职责情况”;有2处错误(spam-content).
    """
    word = t(lang, card.verdict.value)
    if not card.reasons:
        return word
    sep = "; " if lang == "en" else ";"
    return word + t(lang, "colon") + sep.join(in_lang(r.text, lang) for r in card.reasons)


def status_key(c: Criterion) -> str:
    """The label key of a criterion's status: an optional part that is not written is no fault (未写(可选))."""
    return "optional_missing" if c.optional and c.status.value == "missing" else c.status.value


def gap_text(card: Scorecard, lang: str) -> str:
    """缺失:……;不充分:…… (the parts missing, then those weak), or "" when none is."""
    from scorer.stats import gaps

    missing, weak = gaps(card)
    sep = t(lang, "list_sep")
    out = [t(lang, key, parts=sep.join(in_lang(c.label, lang) for c in crits))
           for key, crits in (("gaps_missing", missing), ("gaps_weak", weak)) if crits]
    return ("; " if lang == "en" else ";").join(out)


def render(result: RunResult, fmt: str, options: RenderOptions) -> str:
    return FORMATS[fmt](result, options)


def render_bytes(result: RunResult, fmt: str, options: RenderOptions) -> bytes:
    return BINARY_FORMATS[fmt](result, options)
