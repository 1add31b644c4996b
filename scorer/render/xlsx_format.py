"""The supervisor's 汇总表 as an Excel workbook (bytes): one row per report, one per finding, and statistics."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from io import BytesIO
from typing import TYPE_CHECKING, Any

from scorer.i18n import t
from scorer.model import FileError, RunResult, Scorecard, Severity, in_lang
from scorer.render import status_key
from scorer.stats import failing_first, is_late, part_counts, rule_counts, score_bins, severity_counts
from scorer.wording import place

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from scorer.render import RenderOptions

# Excel's own good / neutral / bad cell styles (fill, font colour), and grey for what is no fault.
_GOOD, _NEUTRAL, _BAD, _GREY, _NOTE = ("C6EFCE", "006100"), ("FFEB9C", "9C5700"), ("FFC7CE", "9C0006"), \
    ("EDEDED", "595959"), ("DDEBF7", "1F4E79")
_STATUS = {"found": _GOOD, "weak": _NEUTRAL, "missing": _BAD, "optional_missing": _GREY}
_SEVERITY = {"error": _BAD, "warning": _NEUTRAL, "info": _NOTE}
_VERDICT = {"pass": _GOOD, "fail": _BAD}
_HEADER_FILL = "D9E1F2"
_PASS_COLOUR, _FAIL_COLOUR = "1A7F37", "C62828"  # the chart's bars, as in the HTML histogram
_WIDE = 60  # the widest a column gets; longer text wraps
_MAX_CELL = 32767  # Excel's limit on a cell's characters
_LINE_HEIGHT = 16  # points per line of wrapped text (11-point type, CJK glyphs)


@lru_cache(maxsize=1)
def _fixes() -> dict[str, dict[str, str]]:
    import yaml

    from scorer.rubric import builtin_dir

    data: dict[str, dict[str, str]] = yaml.load((builtin_dir() / "ui" / "fixes.yaml").read_text("utf-8"),
                                                 Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


def fix_text(rule: str, lang: str) -> str:
    """How to fix a rule's findings, one line (rubrics/ui/fixes.yaml); "" for a rule it does not know."""
    entry = _fixes().get(rule, {})
    return entry.get(lang) or entry.get("zh") or ""


def _width(text: str) -> int:
    """Display width of the longest line: CJK and full-width characters count double."""
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in text.split("\n")), default=0)


def _clean(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub(" ", text))[:_MAX_CELL]


class _Sheet:
    """Rows written one after another, with fills, and columns sized to what they hold."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 0
        self.widths: dict[int, int] = {}
        self.wrapped: dict[int, list[tuple[int, str]]] = {}  # row -> (column, text) of its wrapping cells

    def put(self, values: Sequence[Any], fills: dict[int, tuple[str, str]] | None = None, bold: bool = False,
            wrap: Sequence[int] = (), measure: bool = True) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.row += 1
        for col, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cell = self.ws.cell(row=self.row, column=col)
            if isinstance(value, str):
                cell.value = _clean(value)
                cell.data_type = "s"  # text that opens with "=" stays text, never a formula
            else:
                cell.value = value
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            fill = (fills or {}).get(col)
            if fill is not None:
                cell.fill = PatternFill("solid", start_color=fill[0], end_color=fill[0])
                cell.font = Font(color=fill[1], bold=bold)
            elif bold:
                cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=col in wrap, vertical="top")
            if col in wrap:
                self.wrapped.setdefault(self.row, []).append((col, str(value)))
            text = value.isoformat() if isinstance(value, dt.date) else str(value)
            if measure:  # a sheet's title line may run across empty cells; it does not size its column
                self.widths[col] = max(self.widths.get(col, 0), _width(text))

    def header(self, names: Sequence[str]) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.put(names, bold=True)
        for col in range(1, len(names) + 1):
            cell = self.ws.cell(row=self.row, column=col)
            cell.fill = PatternFill("solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(vertical="center")

    def finish(self, table: bool = True) -> None:
        """Fit the columns and print landscape, a page wide; for a table, freeze the header row and the file
        column, add filters, and repeat the header on every printed page."""
        from openpyxl.utils import get_column_letter

        fitted = {col: min(max(width, 4) + 2, _WIDE) for col, width in self.widths.items()}
        for col, width in fitted.items():
            self.ws.column_dimensions[get_column_letter(col)].width = width
        # Not every program sizes a row to its wrapped text on opening (LibreOffice does not): set heights.
        for row, cells in self.wrapped.items():
            lines = max(sum(max(1, -(-_width(line) // (fitted[col] - 2))) for line in text.split("\n"))
                        for col, text in cells)
            if lines > 1:
                self.ws.row_dimensions[row].height = _LINE_HEIGHT * lines
        self.ws.page_setup.orientation = "landscape"
        self.ws.page_setup.fitToWidth, self.ws.page_setup.fitToHeight = 1, 0
        from openpyxl.worksheet.properties import PageSetupProperties

        self.ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        if table and self.row:
            self.ws.freeze_panes = "B2"
            self.ws.auto_filter.ref = f"A1:{get_column_letter(max(self.widths))}{self.row}"
            self.ws.print_title_rows = "1:1"


def _date(value: object) -> dt.date | str:
    try:
        return dt.date.fromisoformat(str(value)) if value else ""
    except ValueError:
        return str(value)


def _level(lang: str, level: object) -> str:
    if not level:
        return ""
    word = t(lang, f"level_{level}")
    return str(level) if word == f"level_{level}" else word


def _summary(sheet: _Sheet, result: RunResult, lang: str) -> None:
    parts = part_counts(result)
    names = [t(lang, k) for k in ("col_file", "col_issuer", "col_level", "year", "title", "col_date", "total",
                                  "verdict", "col_reasons")]
    first_part = len(names) + 1
    names += [in_lang(p.label, lang) for p in parts]
    names += [t(lang, k) for k in ("col_errors", "col_warnings", "col_late", "rubric")]
    compared = any(c.previous is not None for c in result.cards)  # --previous or --history: year over year
    if compared:
        names += [t(lang, k) for k in ("col_previous", "col_recycled", "col_plan_followed")]
    sheet.header(names)
    wrap = (5, 9)  # title, reasons
    for row in failing_first(result):
        if isinstance(row, FileError):
            sheet.put([row.path, "", "", "", "", "", "", t(lang, "unreadable"), row.message],
                      fills={8: _BAD}, wrap=wrap)
            continue
        m = row.meta
        sev = severity_counts(row)
        late = is_late(row)
        status = {c.id: c for c in row.criteria}
        cells: list[Any] = [row.path, m.get("issuer") or "", _level(lang, m.get("level")), m.get("report_year"),
                            m.get("title") or "", _date(m.get("date")), row.score, t(lang, row.verdict.value),
                            "\n".join(in_lang(r.text, lang) for r in row.reasons)]
        fills = {8: _VERDICT[row.verdict.value]}
        for i, p in enumerate(parts):
            c = status.get(p.id)
            cells.append(t(lang, status_key(c)) if c is not None else "")
            if c is not None:
                fills[first_part + i] = _STATUS[status_key(c)]
        cells += [sev[Severity.ERROR], sev[Severity.WARNING],
                  "" if late is None else t(lang, "yes" if late else "no"), row.rubric_id]
        if late:
            fills[len(cells) - 1] = _BAD
        prev = row.previous
        if prev is not None:
            cells += [prev.path, prev.recycled_share, f"{prev.plan_items_followed}/{prev.plan_items}"]
        sheet.put(cells, fills=fills, wrap=wrap)
        if prev is not None:
            sheet.ws.cell(row=sheet.row, column=len(cells) - 1).number_format = "0.0%"
    sheet.finish()


def _findings(sheet: _Sheet, result: RunResult, lang: str) -> None:
    sheet.header([t(lang, k) for k in ("col_file", "col_place", "col_severity", "col_rule", "col_part",
                                       "col_message", "col_fix")])
    for row in failing_first(result):
        if not isinstance(row, Scorecard):
            continue
        labels = {c.id: in_lang(c.label, lang) for c in row.criteria}
        for f in row.findings:
            sheet.put([row.path, place(row, f.line, lang, f.page), t(lang, f.severity.value), f.rule,
                       labels.get(f.criterion or "", ""), f.message_in(lang), fix_text(f.rule, lang)],
                      fills={3: _SEVERITY[f.severity.value]}, wrap=(6, 7))
    sheet.finish()


def _statistics(sheet: _Sheet, result: RunResult, lang: str, lines: Mapping[str, str]) -> None:
    from openpyxl.chart import BarChart, Reference

    passed = sum(1 for c in result.cards if c.verdict.value == "pass")
    sheet.put([t(lang, "summary", n=len(result.cards) + len(result.errors), passed=passed,
                 failed=len(result.cards) - passed, errors=len(result.errors))], bold=True, measure=False)
    sheet.put([])
    sheet.put([t(lang, "stats_parts")], bold=True, measure=False)
    sheet.header([t(lang, k) for k in ("col_part", "found", "weak", "missing", "optional_missing")])
    for p in part_counts(result):
        fills = {col: fill for col, n, fill in ((3, p.weak, _NEUTRAL), (4, p.missing, _BAD)) if n}
        sheet.put([in_lang(p.label, lang), p.found, p.weak, p.missing, p.not_written], fills=fills)
    sheet.put([])
    sheet.put([t(lang, "stats_rules")], bold=True, measure=False)
    # What the rule checks comes last: a wide column there leaves the narrow counts of the other tables alone.
    sheet.header([t(lang, k) for k in ("col_rule", "col_severity", "col_findings", "col_reports", "col_what")])
    for r in rule_counts(result):
        sheet.put([r.rule, t(lang, r.severity.value), r.findings, r.reports, lines.get(r.rule, "")],
                  fills={2: _SEVERITY[r.severity.value]}, wrap=(5,))
    sheet.put([])
    sheet.put([t(lang, "histogram")], bold=True, measure=False)
    sheet.header([t(lang, "col_range"), t(lang, "pass"), t(lang, "fail")])
    top = sheet.row
    for b in score_bins(result):
        sheet.put([f"{b.low}–{b.high}", b.passed, b.failed])
    sheet.finish(table=False)
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = t(lang, "histogram")
    chart.y_axis.title = t(lang, "col_reports")
    chart.x_axis.title = t(lang, "total")
    chart.y_axis.majorUnit, chart.y_axis.number_format = 1, "0"
    chart.x_axis.delete = chart.y_axis.delete = False  # shown (openpyxl would hide them from Excel)
    chart.add_data(Reference(sheet.ws, min_col=2, max_col=3, min_row=top, max_row=sheet.row), titles_from_data=True)
    chart.set_categories(Reference(sheet.ws, min_col=1, min_row=top + 1, max_row=sheet.row))
    for series, colour in zip(chart.series, (_PASS_COLOUR, _FAIL_COLOUR), strict=True):
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
    chart.width, chart.height = 18, 9
    sheet.ws.add_chart(chart, "H2")


def render(result: RunResult, options: RenderOptions) -> bytes:
    from openpyxl import Workbook

    lang = options.lang
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = t(lang, "sheet_summary")
    _summary(_Sheet(summary), result, lang)
    _findings(_Sheet(wb.create_sheet(t(lang, "sheet_findings"))), result, lang)
    _statistics(_Sheet(wb.create_sheet(t(lang, "sheet_stats"))), result, lang, options.rule_lines)
    wb.properties.title = t(lang, "doc_title")
    wb.properties.creator = "scorer"
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


__all__ = ["fix_text", "render"]
