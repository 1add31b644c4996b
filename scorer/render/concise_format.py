"""One line per finding, as ruff, markdownlint-cli2 and Vale print them (``path:line:col: 错误 [rule] message``),
a verdict line per report in the same shape, and a closing count: for editors, grep and pre-commit."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scorer.i18n import t, tn
from scorer.model import RunResult
from scorer.render import verdict_text
from scorer.stats import totals

if TYPE_CHECKING:
    from scorer.render import RenderOptions

# ANSI styles, used only when colour is on (a terminal, --color or FORCE_COLOR).
_BOLD, _DIM = "1", "2"
_STYLE = {"error": "1;31", "warning": "33", "info": "36", "pass": "32", "fail": "1;31"}
# A line break or another control character would split one finding over two lines.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def _one_line(text: str) -> str:
    return _CONTROL.sub(" ", text)


def _paint(text: str, style: str, on: bool) -> str:
    return f"\x1b[{style}m{text}\x1b[0m" if on else text


def render(result: RunResult, options: RenderOptions) -> str:
    lang, on = options.lang, options.color
    out: list[str] = []
    for card in result.cards:
        path = _paint(_one_line(card.path), _BOLD, on)
        for f in card.findings:
            # No column is known; a finding with no place (a part missing) points at the top of the file.
            out.append(f"{path}:{f.line if f.line is not None else 1}:1: "
                       f"{_paint(t(lang, f.severity.value), _STYLE[f.severity.value], on)} "
                       f"{_paint('[' + f.rule + ']', _DIM, on)} {_one_line(f.message_in(lang))}")
        verdict = _paint(_one_line(verdict_text(card, lang)), _STYLE[card.verdict.value], on)
        out.append(f"{path}:1:1: {t(lang, 'total')} {card.score:g}/100 {verdict}")
    for err in result.errors:
        out.append(f"{_paint(_one_line(err.path), _BOLD, on)}:1:1: "
                   f"{_paint(t(lang, 'unreadable'), _STYLE['error'], on)}{t(lang, 'colon')}{_one_line(err.message)}")
    out.append(closing_line(result, options))
    return "\n".join(out) + "\n"


def closing_line(result: RunResult, options: RenderOptions) -> str:
    """``Found 3 errors, 2 warnings in 4 reports (2 failing)``, in the output language (as --statistics ends)."""
    lang, n = options.lang, totals(result)
    values = {"errors": tn(lang, "n_errors", n.errors), "warnings": tn(lang, "n_warnings", n.warnings),
              "reports": tn(lang, "n_reports", n.reports), "failing": n.failing, "unreadable": n.unreadable}
    line = t(lang, "found_line_unreadable" if n.unreadable else "found_line", **values)
    return _paint(line, _BOLD, options.color)
