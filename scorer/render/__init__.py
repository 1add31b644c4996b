"""Render a run's result model to text: an explicit registry of formats, one signature for all."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from scorer.model import RunResult


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "zh"
    width: int | None = None
    color: bool = True
    # Rule id -> its documentation (the check module's docstring), passed in by the CLI for SARIF.
    rules: Mapping[str, str] = field(default_factory=dict)


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
}


def render(result: RunResult, fmt: str, options: RenderOptions) -> str:
    return FORMATS[fmt](result, options)
