"""One self-contained, print-friendly HTML file per run: a batch summary with inline SVG, then each scorecard."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from scorer.i18n import t
from scorer.model import FileError, Previous, RunResult, Scorecard, in_lang
from scorer.render import gap_text, status_key, verdict_text
from scorer.render.safe import clean
from scorer.stats import failing_first, part_counts, score_bins
from scorer.wording import copy_block, finding_text, place

if TYPE_CHECKING:
    from scorer.render import RenderOptions

# Labels this format needs beyond scorer.i18n (page furniture only; report wording stays in the rubric).
STYLE = """
:root{--found:#1a7f37;--weak:#b35900;--missing:#c62828;--ink:#1f2328;--muted:#57606a;--line:#d0d7de}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
 color:var(--ink);margin:0 auto;max-width:60rem;padding:1rem;line-height:1.5}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin:.2rem 0}h3{font-size:1rem;margin:1rem 0 .3rem}
.report{border-top:3px solid var(--ink);padding-top:.6rem;margin-top:1.2rem}
.meta{color:var(--muted);font-size:.9rem}
.total{font-size:1.1rem;margin:.4rem 0}
.verdict{font-weight:bold;padding:.05rem .5rem;border-radius:.3rem;color:#fff}
.verdict.pass{background:var(--found)}.verdict.fail{background:var(--missing)}
table.criteria{border-collapse:collapse;width:100%;font-size:.92rem}
table.criteria th,table.criteria td{border:1px solid var(--line);padding:.25rem .4rem;
 vertical-align:top;text-align:left}
tr.sub td:first-child{padding-left:1.4rem}
.status{font-weight:bold;white-space:nowrap}
.status.optional_missing{color:var(--muted);font-weight:normal}
ul.reasons{margin:.2rem 0 .6rem;padding-left:1.2rem;color:var(--missing);font-weight:bold}
.status.found{color:var(--found)}.status.weak{color:var(--weak)}.status.missing{color:var(--missing)}
tr.found{border-left:6px solid var(--found)}tr.weak{border-left:6px solid var(--weak)}
tr.missing{border-left:6px solid var(--missing);background:#fdecea}
.pts{white-space:nowrap;text-align:right}
ul.findings{padding-left:1.2rem}ul.findings li{margin:.2rem 0}
.sev{font-weight:bold}.sev.error{color:var(--missing)}.sev.warning{color:var(--weak)}.sev.info{color:#0969da}
.rule,.ln{color:var(--muted);font-size:.85rem}
ol.outline{list-style:none;padding-left:0;font-size:.92rem}
ol.outline li{padding:.05rem .3rem;border-left:4px solid transparent}
ol.outline li.carries{background:#eef6ee;border-left-color:var(--found)}
ol.outline li.carries.weak{background:#fff4e5;border-left-color:var(--weak)}
.tag{font-size:.8rem;border:1px solid currentColor;border-radius:.3rem;padding:0 .3rem;margin-left:.4rem}
pre.template{background:#f6f8fa;border:1px dashed var(--muted);padding:.6rem;white-space:pre-wrap}
.errors li{color:var(--missing)}
table.reports{border-collapse:collapse;width:100%;font-size:.9rem;margin:.4rem 0 .8rem}
table.reports th,table.reports td{border:1px solid var(--line);padding:.2rem .4rem;text-align:left;vertical-align:top}
table.reports tr.fail td:first-child,table.reports tr.unreadable td:first-child{border-left:6px solid var(--missing)}
table.reports tr.pass td:first-child{border-left:6px solid var(--found)}
.legend{font-size:.85rem;color:var(--muted)}
.legend i{display:inline-block;width:.8rem;height:.8rem;margin:0 .2rem 0 .6rem}
table.recycled{border-collapse:collapse;width:100%;font-size:.9rem;table-layout:fixed}
table.recycled td,table.recycled th{border:1px solid var(--line);padding:.25rem .4rem;vertical-align:top;
 text-align:left}
table.recycled td.last{color:var(--muted)}
ul.checklist{list-style:none;padding-left:.2rem}ul.checklist li{margin:.15rem 0}
ul.checklist .mark{font-weight:bold;margin-right:.4rem}
ul.checklist li.followed .mark{color:var(--found)}ul.checklist li.not-followed .mark{color:var(--weak)}
svg text{font-family:inherit}
@page{size:A4;margin:15mm}
@media print{body{max-width:none;padding:0}.report{page-break-before:always;break-before:page}
 h1+.report{page-break-before:auto;break-before:auto}
 tr,li{break-inside:avoid}.noprint{display:none}}
"""


def _line(lang: str, line: int | None) -> str:
    return f'<span class="ln">{escape(t(lang, "line", n=line))}</span>' if line is not None else ""


def _place(card: Scorecard, lang: str, line: int | None, page: int | None = None) -> str:
    """Where a line of this report is, as the clerk can find it (第12段, under its heading)."""
    return f'<span class="ln">{escape(place(card, line, lang, page))}</span>' if line is not None else ""


def card_html(card: Scorecard, lang: str, anchor: str | None = None) -> str:
    """One scorecard as an HTML fragment; the web page shows exactly this. ``anchor``: its id in a batch."""
    card = clean(card)
    e = escape
    status_of = {c.id: c.status.value for c in card.criteria}
    label_of = {c.id: in_lang(c.label, lang) for c in card.criteria}
    ident = f' id="{e(anchor)}"' if anchor else ""
    out = [f'<section class="report"{ident} data-path="{e(card.path)}" data-verdict="{card.verdict.value}">',
           f"<h2>{e(card.path)}</h2>", '<div class="meta">']
    if card.meta.get("title"):
        out.append(f'{e(t(lang, "title"))}: {e(str(card.meta["title"]))}<br>')
    if card.meta.get("report_year"):
        out.append(f'{e(t(lang, "year"))}: {e(str(card.meta["report_year"]))}<br>')
    choice = f" ({e(str(in_lang(card.meta['rubric_choice'], lang)))})" if card.meta.get("rubric_choice") else ""
    name = f"{in_lang(card.rubric_title, lang) or card.rubric_id} ({card.rubric_id} {card.rubric_version})"
    out.append(f'{e(t(lang, "rubric"))}: {e(name)}{choice}</div>')
    out.append(f'<p class="total">{e(t(lang, "total"))}: <b class="score">{card.score:g}</b>/100 '
               f'({e(t(lang, "threshold"))} {card.pass_threshold:g}) · {e(t(lang, "verdict"))}: '
               f'<span class="verdict {card.verdict.value}">{e(t(lang, card.verdict.value))}</span></p>')
    if card.reasons:
        out.append('<ul class="reasons">' + "".join(
            f'<li class="reason" data-kind="{e(r.kind)}">{e(in_lang(r.text, lang))}</li>' for r in card.reasons)
            + "</ul>")
    heads = "".join(f"<th>{e(t(lang, k))}</th>" for k in ("criterion", "status", "points", "where", "evidence"))
    out.append(f'<table class="criteria"><thead><tr>{heads}</tr></thead><tbody>')
    for c in card.criteria:
        sub = " sub" if c.part_of else ""
        key = status_key(c)
        where = e(c.heading or "") + (" " + _place(card, lang, c.line) if c.line is not None else "")
        out.append(f'<tr class="criterion {c.status.value}{sub}" data-criterion="{e(c.id)}" '
                   f'data-status="{c.status.value}">'
                   f"<td>{e(in_lang(c.label, lang))}</td><td class=\"status {key}\">{e(t(lang, key))}</td>"
                   f'<td class="pts">{c.points:g}/{c.max_points:g}</td><td>{where}</td>'
                   f'<td class="evidence">{e(c.evidence or "")}</td></tr>')
    out.append("</tbody></table>")
    out.append(f"<h3>{e(t(lang, 'findings'))}</h3>")
    if card.findings:
        out.append('<ul class="findings">')
        for f in card.findings:
            out.append(f'<li class="finding" data-rule="{e(f.rule)}" data-severity="{f.severity.value}">'
                       f'<span class="sev {f.severity.value}">{e(t(lang, f.severity.value))}</span> '
                       f'<span class="rule">[{e(f.rule)}]</span> {_place(card, lang, f.line, f.page)} '
                       f'<span class="msg">{e(finding_text(card, f, lang))}</span></li>')
        out.append("</ul>")
    else:
        out.append(f'<p class="status found">{e(t(lang, "no_findings"))}</p>')
    if card.previous is not None:
        out.append(previous_html(card.previous, lang))
    if card.template:
        text = copy_block(card, lang)
        out.append(f"<h3>{e(t(lang, 'template'))}</h3><p>{e(t(lang, 'fix_hint'))}</p>"
                   f'<pre class="template">{e(text)}</pre>')
    if card.outline:
        out.append(f'<h3>{e(t(lang, "outline"))}</h3><ol class="outline">')
        for node in card.outline:
            carried = [cid for cid in node.criteria if cid in label_of]
            weak = carried and all(status_of[cid] != "found" for cid in carried)
            cls = ("carries weak" if weak else "carries") if carried else ""
            tags = "".join(f'<span class="tag status {status_of[cid]}" data-criterion="{e(cid)}">'
                           f"{e(label_of[cid])}</span>" for cid in carried)
            number = f"{e(node.number)} " if node.number else ""
            out.append(f'<li class="node {cls}" style="margin-left:{1.2 * max(node.level - 1, 0):.1f}rem">'
                       f"{number}{e(node.title)} {_place(card, lang, node.line)}{tags}</li>")
        out.append("</ol>")
    out.append("</section>")
    return "\n".join(out)


def previous_html(prev: Previous, lang: str) -> str:
    """Last year's report beside this one: recycled paragraphs side by side, last year's plan as a checklist."""
    from scorer.rubric import ui_label

    e = escape
    year = prev.report_year if prev.report_year is not None else "?"
    out = [f'<section class="previous" data-path="{e(prev.path)}">',
           f'<h3>{e(ui_label(lang, "previous_title"))}</h3>',
           f'<p>{e(ui_label(lang, "previous_file", path=prev.path, year=year))}<br>'
           f'<span class="share">{e(ui_label(lang, "previous_share", pct=f"{100 * prev.recycled_share:.1f}"))}'
           "</span></p>"]
    if prev.recycled:
        out.append(f'<table class="recycled"><thead><tr><th>{e(ui_label(lang, "previous_this_col"))}</th>'
                   f'<th>{e(ui_label(lang, "previous_last_col"))}</th></tr></thead><tbody>')
        for r in prev.recycled:
            out.append(f'<tr data-line="{r.line}" data-related-line="{r.related_line}">'
                       f'<td class="this">{_line(lang, r.line)} {e(r.text)}</td>'
                       f'<td class="last">{_line(lang, r.related_line)} {e(r.related_text)}</td></tr>')
        out.append("</tbody></table>")
    if not prev.plan:
        out.append(f'<p class="plan none">{e(ui_label(lang, "previous_no_plan"))}</p></section>')
        return "\n".join(out)
    plan = ui_label(lang, "previous_plan", total=prev.plan_items, followed=prev.plan_items_followed)
    out.append(f'<p class="plan">{e(plan)}</p><ul class="checklist">')
    for item in prev.plan:
        cls, key, mark = ("followed", "previous_followed", "✓") if item.followed else (
            "not-followed", "previous_not_followed", "✗")
        trace = (f' <span class="ln">{e(ui_label(lang, "previous_trace", line=item.trace_line))}</span>'
                 if item.trace_line is not None else "")
        out.append(f'<li class="{cls}" data-line="{item.line}"><span class="mark">{mark} '
                   f'{e(ui_label(lang, key))}</span>{e(item.text)}{trace}</li>')
    out.append("</ul></section>")
    return "\n".join(out)


def _bars(items: list[tuple[str, int, str]], width: int = 560, unit: int = 22) -> str:
    """A horizontal bar chart as inline SVG: (label, count, colour) rows."""
    top = max((n for _, n, _ in items), default=1) or 1
    height = unit * len(items) + 10
    rows = []
    for i, (label, n, colour) in enumerate(items):
        y = 5 + i * unit
        w = 300 * n / top
        rows.append(f'<text x="0" y="{y + 15}" font-size="13">{escape(label)}</text>'
                    f'<rect x="220" y="{y + 3}" width="{w:.1f}" height="{unit - 6}" fill="{colour}"/>'
                    f'<text x="{226 + w:.1f}" y="{y + 15}" font-size="12">{n}</text>')
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
            f'{"".join(rows)}</svg>')


_PASS_COLOUR, _FAIL_COLOUR = "#1a7f37", "#c62828"


def _histogram(result: RunResult, lang: str) -> str:
    """The score distribution, each bar stacked by verdict: failing reports red, passing green."""
    bins = score_bins(result)
    top = max((b.passed + b.failed for b in bins), default=0) or 1
    bars = []
    for i, b in enumerate(bins):
        x = 30 + i * 50
        y = 140.0
        for n, colour, verdict in ((b.failed, _FAIL_COLOUR, "fail"), (b.passed, _PASS_COLOUR, "pass")):
            h = 120 * n / top
            y -= h
            if n:
                bars.append(f'<rect class="bar {verdict}" data-count="{n}" x="{x}" y="{y:.1f}" width="44" '
                            f'height="{h:.1f}" fill="{colour}"/>')
        n = b.passed + b.failed
        bars.append(f'<text x="{x + 22}" y="{y - 5:.1f}" font-size="12" text-anchor="middle">{n or ""}</text>'
                    f'<text x="{x + 22}" y="156" font-size="11" text-anchor="middle">{b.low}–{b.high}</text>')
    legend = (f'<p class="legend"><i style="background:{_FAIL_COLOUR}"></i>{escape(t(lang, "fail"))}'
              f'<i style="background:{_PASS_COLOUR}"></i>{escape(t(lang, "pass"))}</p>')
    return (f'<svg class="histogram" xmlns="http://www.w3.org/2000/svg" width="540" height="165" role="img" '
            f'aria-label="{escape(t(lang, "histogram"))}">'
            f'<line x1="28" y1="140" x2="532" y2="140" stroke="#57606a"/>'
            f'{"".join(bars)}</svg>{legend}')


def _reports_table(result: RunResult, lang: str) -> str:
    """Every report, failing first: file (a link to its card), score, verdict with reasons, parts missing or weak."""
    e = escape
    index = {id(card): i for i, card in enumerate(result.cards)}
    heads = "".join(f"<th>{e(t(lang, k))}</th>" for k in ("col_file", "total", "verdict", "col_gaps"))
    rows = []
    for row in failing_first(result):
        if isinstance(row, FileError):
            rows.append(f'<tr class="unreadable" data-report="{e(row.path)}"><td>{e(row.path)}</td><td>–</td>'
                        f'<td>{e(t(lang, "unreadable"))}{e(t(lang, "colon"))}{e(row.message)}</td><td></td></tr>')
            continue
        rows.append(f'<tr class="{row.verdict.value}" data-report="{e(row.path)}">'
                    f'<td><a href="#r{index[id(row)]}">{e(row.path)}</a></td><td class="pts">{row.score:g}</td>'
                    f"<td>{e(verdict_text(row, lang))}</td><td>{e(gap_text(row, lang))}</td></tr>")
    return f'<table class="reports"><thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def summary_html(result: RunResult, lang: str) -> str:
    """The batch summary: verdict counts, the table of reports (failing first), a score histogram by verdict
    and the parts most often missing or weak (only those; an optional part not written is no gap)."""
    e = escape
    passed = sum(1 for c in result.cards if c.verdict.value == "pass")
    n = len(result.cards) + len(result.errors)
    items: list[tuple[str, int, str]] = []
    for p in sorted(part_counts(result), key=lambda p: (-(p.missing + p.weak), p.id)):
        if p.missing:
            items.append((f"{in_lang(p.label, lang)} · {t(lang, 'missing')}", p.missing, _FAIL_COLOUR))
        if p.weak:
            items.append((f"{in_lang(p.label, lang)} · {t(lang, 'weak')}", p.weak, "#b35900"))
    counts = t(lang, "summary", n=n, passed=passed, failed=len(result.cards) - passed, errors=len(result.errors))
    out = [f'<section class="summary"><h2>{e(t(lang, "batch"))}</h2>',
           f'<p class="counts">{e(counts)}</p>', _reports_table(result, lang),
           f"<h3>{e(t(lang, 'histogram'))}</h3>", _histogram(result, lang)]
    if items:
        out += [f"<h3>{e(t(lang, 'weakest'))}</h3>", _bars(items[:10])]
    out.append("</section>")
    return "\n".join(out)


def errors_html(result: RunResult, lang: str) -> str:
    if not result.errors:
        return ""
    rows = "".join(f'<li class="error">{escape(err.path)}: {escape(err.message)}</li>' for err in result.errors)
    return f'<section class="errors"><h3>{escape(t(lang, "errors"))}</h3><ul>{rows}</ul></section>'


def render(result: RunResult, options: RenderOptions) -> str:
    lang = options.lang
    result = clean(result)
    parts = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
             f"<title>{escape(t(lang, 'doc_title'))}</title><style>{STYLE}</style></head><body>",
             f"<h1>{escape(t(lang, 'doc_title'))}</h1>"]
    if len(result.cards) + len(result.errors) > 1:
        parts.append(summary_html(result, lang))
    parts.append(errors_html(result, lang))
    parts.extend(card_html(card, lang, anchor=f"r{i}") for i, card in enumerate(result.cards))
    parts.append("</body></html>\n")
    return "\n".join(p for p in parts if p)
