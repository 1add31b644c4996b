"""Render a run's result model to text: an explicit registry of formats, one signature for all."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from scorer.model import RunResult
from scorer.render import (
    github_format,
    gitlab_format,
    html_format,
    json_format,
    junit_format,
    markdown_format,
    rich_format,
    sarif_format,
)


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "zh"
    width: int | None = None
    color: bool = True
    # Rule id -> its documentation (the check module's docstring), passed in by the CLI for SARIF.
    rules: Mapping[str, str] = field(default_factory=dict)


Renderer = Callable[[RunResult, RenderOptions], str]

# Format name -> renderer. A test fails when a module in this package is not listed here.
FORMATS: dict[str, Renderer] = {
    "rich": rich_format.render,
    "json": json_format.render,
    "html": html_format.render,
    "sarif": sarif_format.render,
    "junit": junit_format.render,
    "github": github_format.render,
    "gitlab": gitlab_format.render,
    "markdown": markdown_format.render,
}


def render(result: RunResult, fmt: str, options: RenderOptions) -> str:
    return FORMATS[fmt](result, options)
