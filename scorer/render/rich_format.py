"""The terminal scorecard: a rich table of criteria, the findings, the total and the verdict."""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

from scorer.i18n import t
from scorer.model import Previous, RunResult, Scorecard, in_lang
from scorer.render import status_key, verdict_text
from scorer.render.safe import clean
from scorer.wording import place

if TYPE_CHECKING:
    from rich.console import Console

    from scorer.render import RenderOptions

_STATUS_STYLE = {"found": "green", "weak": "yellow", "missing": "bold red", "optional_missing": "dim"}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _card(console: Console, card: Scorecard, lang: str) -> None:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    title = card.meta.get("title") or ""
    year = card.meta.get("report_year")
    head = Text(card.path, style="bold")
    if title:
        head.append(f"\n{t(lang, 'title')}: {title}", style="")
    if year:
        head.append(f"   {t(lang, 'year')}: {year}", style="")
    name = f"{card.rubric_title[lang]} ({card.rubric_id} {card.rubric_version})" if lang in card.rubric_title \
        else f"{card.rubric_id} {card.rubric_version}"
    head.append(f"\n{t(lang, 'rubric')}: {name}", style="dim")
    if card.meta.get("rubric_choice"):
        head.append(f" ({in_lang(card.meta['rubric_choice'], lang)})", style="dim")
    console.print(head)
    verdict_style = "bold green" if card.verdict.value == "pass" else "bold red"
    summary = Text(f"{t(lang, 'total')}: {card.score:g}/100   ({t(lang, 'threshold')} {card.pass_threshold:g})   ")
    summary.append(f"{t(lang, 'verdict')}: ")
    summary.append(verdict_text(card, lang), style=verdict_style)
    console.print(Panel(summary, expand=False))
    table = Table(show_lines=False, expand=True, header_style="bold")
    table.add_column(t(lang, "criterion"), no_wrap=True)
    table.add_column(t(lang, "status"), no_wrap=True)
    table.add_column(t(lang, "points"), justify="right", no_wrap=True)
    table.add_column(t(lang, "where"), ratio=2)
    table.add_column(t(lang, "evidence"), ratio=3)
    for c in card.criteria:
        indent = "  " if c.part_of else ""
        where = ""
        if c.heading:
            where = c.heading
        if c.line is not None:
            where = f"{where} ({place(card, c.line, lang)})" if where else place(card, c.line, lang)
        evidence = (c.evidence or "")[:60] + ("…" if c.evidence and len(c.evidence) > 60 else "")
        table.add_row(
            indent + in_lang(c.label, lang),
            Text(t(lang, status_key(c)), style=_STATUS_STYLE[status_key(c)]),
            f"{c.points:g}/{c.max_points:g}",
            where,
            evidence,
        )
    console.print(table)
    if card.findings:
        console.print(Text(t(lang, "findings"), style="bold"))
        # A grid, so that a long message (Chinese has no spaces to break at) wraps in its own column.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column(overflow="fold")
        for f in card.findings:
            grid.add_row(
                " ",
                Text(t(lang, f.severity.value), style=_SEVERITY_STYLE[f.severity.value]),
                Text(f"[{f.rule}]"),
                Text(place(card, f.line, lang, f.page)),
                Text(f.message_in(lang)),
            )
        console.print(grid)
    else:
        console.print(Text(t(lang, "no_findings"), style="green"))
    if card.previous is not None:
        _previous(console, card.previous, lang)


def _previous(console: Console, prev: Previous, lang: str) -> None:
    """Last year's report beside this one: recycled paragraphs side by side, last year's plan as a checklist."""
    from rich.table import Table
    from rich.text import Text

    from scorer.rubric import ui_label

    year = prev.report_year if prev.report_year is not None else "?"
    console.print(Text(ui_label(lang, "previous_title"), style="bold"))
    console.print(Text("  " + ui_label(lang, "previous_file", path=prev.path, year=year)))
    console.print(Text("  " + ui_label(lang, "previous_share", pct=f"{100 * prev.recycled_share:.1f}")))
    if prev.recycled:
        table = Table(expand=True, header_style="bold", show_lines=True)
        table.add_column(ui_label(lang, "previous_this_col"), ratio=1, overflow="fold")
        table.add_column(ui_label(lang, "previous_last_col"), ratio=1, overflow="fold")
        for r in prev.recycled:
            table.add_row(Text(f"{ui_label(lang, 'previous_this', line=r.line)}\n{_cut(r.text)}"),
                          Text(f"{ui_label(lang, 'previous_last', line=r.related_line)}\n{_cut(r.related_text)}",
                               style="dim"))
        console.print(table)
    if not prev.plan:
        console.print(Text("  " + ui_label(lang, "previous_no_plan"), style="dim"))
        return
    plan = ui_label(lang, "previous_plan", total=prev.plan_items, followed=prev.plan_items_followed)
    console.print(Text("  " + plan))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in prev.plan:
        mark = Text("✓ " + ui_label(lang, "previous_followed"), style="green") if item.followed else Text(
            "✗ " + ui_label(lang, "previous_not_followed"), style="yellow")
        where = f" ({ui_label(lang, 'previous_trace', line=item.trace_line)})" if item.trace_line is not None else ""
        grid.add_row(" ", mark, Text(_cut(item.text, 80) + where))
    console.print(grid)


def _cut(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def render(result: RunResult, options: RenderOptions) -> str:
    from rich.console import Console
    from rich.text import Text

    buf = StringIO()
    console = Console(file=buf, width=options.width or 110, force_terminal=options.color,
                      no_color=not options.color, highlight=False, soft_wrap=False)
    lang = options.lang
    result = clean(result)  # no escape sequence from a report or a file name reaches the terminal
    for i, card in enumerate(result.cards):
        if i:
            console.rule()
        _card(console, card, lang)
    if result.errors:
        console.print(Text(t(lang, "errors"), style="bold red"))
        for err in result.errors:
            console.print(Text(f"  {err.path}: {err.message}"))
    if len(result.cards) + len(result.errors) > 1:
        passed = sum(1 for c in result.cards if c.verdict.value == "pass")
        console.print(Text(t(lang, "summary", n=len(result.cards) + len(result.errors), passed=passed,
                             failed=len(result.cards) - passed, errors=len(result.errors)), style="bold"))
    if len(result.cards) > 1:
        from scorer.stats import summarize

        s = summarize(result, top=3)
        colon = ": " if lang == "en" else ":"
        console.print(Text(t(lang, "mean_score") + colon + f"{s.mean_score:g}"))
        if s.gaps:
            gaps = ", ".join(f"{in_lang(label, lang)} ({t(lang, 'missing')} {m}, {t(lang, 'weak')} {w})"
                             for _, label, m, w in s.gaps)
            console.print(Text(t(lang, "most_missing") + colon + gaps))
        if s.worst:
            worst = ", ".join(f"{c.path} ({c.score:g})" for c in s.worst)
            console.print(Text(t(lang, "lowest") + colon + worst))
    # Cells are padded to the table's width; trailing blanks only get in the way of copying.
    return "".join(line.rstrip() + "\n" for line in buf.getvalue().splitlines())
