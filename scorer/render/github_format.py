"""GitHub Actions workflow commands: one annotation per finding and per unreadable file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorer.model import RunResult
from scorer.render import verdict_text
from scorer.render.safe import clean

if TYPE_CHECKING:
    from scorer.render import RenderOptions

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: RunResult, options: RenderOptions) -> str:
    result = clean(result)  # an escape sequence in a report must not reach the log viewer
    out: list[str] = []
    for card in result.cards:
        for f in card.findings:
            props = f"file={_prop(card.path)}"
            if f.line is not None:
                props += f",line={f.line}"
            props += f",title={_prop('scorer ' + f.rule)}"
            out.append(f"::{_COMMAND[f.severity.value]} {props}::{_data(f.message_in(options.lang))}")
        out.append(f"{card.path}: {card.score:g}/100 {verdict_text(card, options.lang)}")
    for err in result.errors:
        out.append(f"::error file={_prop(err.path)},title=scorer::{_data(err.message)}")
    return "\n".join(out) + ("\n" if out else "")
