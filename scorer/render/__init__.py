"""Render a run's result model to text: an explicit registry of formats, one signature for all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from scorer.model import RunResult
from scorer.render import html_format, json_format, rich_format


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "zh"
    width: int | None = None
    color: bool = True


Renderer = Callable[[RunResult, RenderOptions], str]

# Format name -> renderer. A test fails when a module in this package is not listed here.
FORMATS: dict[str, Renderer] = {
    "rich": rich_format.render,
    "json": json_format.render,
    "html": html_format.render,
}


def render(result: RunResult, fmt: str, options: RenderOptions) -> str:
    return FORMATS[fmt](result, options)
