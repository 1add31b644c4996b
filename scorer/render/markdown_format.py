"""Markdown for a pull-request comment or a job summary: counts, the reports failing first, gaps, the lowest
failing reports, every finding."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorer.i18n import t
from scorer.model import FileError, RunResult, in_lang
from scorer.render import gap_text, verdict_text
from scorer.render.safe import clean, code_span

if TYPE_CHECKING:
    from scorer.render import RenderOptions

_ICON = {"error": "🔴", "warning": "🟡", "info": "🔵"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(result: RunResult, options: RenderOptions) -> str:
    from scorer.stats import summarize

    lang = options.lang
    result = clean(result)
    s = summarize(result)
    mean = f"{s.mean_score:g}" if s.mean_score is not None else "–"
    out = ["## " + t(lang, "md_title"), "", *_reports_table(result, lang)]
    out += [f"| {t(lang, 'md_reports')} | {t(lang, 'pass')} | {t(lang, 'fail')} | "
            f"{t(lang, 'md_unreadable')} | {t(lang, 'mean_score')} |",
            "| ---: | ---: | ---: | ---: | ---: |",
            f"| {s.reports + s.errors} | {s.passed} | {s.failed} | {s.errors} | {mean} |", ""]
    if s.gaps:
        out += ["### " + t(lang, "md_most_missing"), "",
                f"| {t(lang, 'criterion')} | {t(lang, 'missing')} | {t(lang, 'weak')} |", "| --- | ---: | ---: |"]
        out += [f"| {_cell(in_lang(label, lang))} (`{cid}`) | {m} | {w} |" for cid, label, m, w in s.gaps]
        out.append("")
    if s.worst:
        out += ["### " + t(lang, "md_lowest"), "",
                f"| {t(lang, 'md_report')} | {t(lang, 'total')} | {t(lang, 'verdict')} | "
                f"{t(lang, 'missing')} |", "| --- | ---: | --- | --- |"]
        for card in s.worst:
            gone = ", ".join(c.id for c in card.criteria if c.status.value == "missing" and c.required)
            out.append(f"| {_cell(code_span(card.path))} | {card.score:g} | {_cell(verdict_text(card, lang))} | "
                       f"{gone or '–'} |")
        out.append("")
    if result.errors:
        out += ["### " + t(lang, "errors"), ""]
        out += [f"- {_cell(code_span(e.path))}: {_cell(e.message)}" for e in result.errors]
        out.append("")
    with_findings = [c for c in result.cards if c.findings]
    if with_findings:
        out += ["<details><summary>" + t(lang, "findings") + f" ({sum(len(c.findings) for c in with_findings)})"
                + "</summary>", ""]
        for card in with_findings:
            out += [f"**{_cell(code_span(card.path))}** — {card.score:g}/100 {_cell(verdict_text(card, lang))}", ""]
            for f in card.findings:
                where = f" {t(lang, 'line', n=f.line)}" if f.line is not None else ""
                out.append(f"- {_ICON[f.severity.value]} `{f.rule}`{where}: {_cell(f.message_in(lang))}")
            out.append("")
        out += ["</details>", ""]
    return "\n".join(out)


def _reports_table(result: RunResult, lang: str) -> list[str]:
    """Every report, failing first: file, score, verdict with its reasons, the parts missing or weak."""
    from scorer.stats import failing_first

    out = [f"| {t(lang, 'md_report')} | {t(lang, 'total')} | {t(lang, 'verdict')} | {t(lang, 'col_gaps')} |",
           "| --- | ---: | --- | --- |"]
    for row in failing_first(result):
        if isinstance(row, FileError):
            out.append(f"| `{_cell(row.path)}` | – | {t(lang, 'unreadable')}{t(lang, 'colon')}{_cell(row.message)} | |")
        else:
            out.append(f"| `{_cell(row.path)}` | {row.score:g} | {_cell(verdict_text(row, lang))} | "
                       f"{_cell(gap_text(row, lang)) or '–'} |")
    return [*out, ""]
