"""Batch summaries in HTML and Markdown open with the reports, failing first; the histogram is coloured by
verdict; the gaps list only parts missing or weak; the lowest scores are failing reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.api import score_text
from scorer.model import FileError, RunResult, Verdict
from scorer.render import RenderOptions, gap_text, render, verdict_text
from scorer.rubric import Rubric
from scorer.stats import failing_first, part_counts
from tests.conftest import REPORTS, SEEDS
from tests.test_html_format import NO_DUTY, parse


@pytest.fixture(scope="module")
def batch() -> RunResult:
    from scorer.api import load_rubric

    rubric = load_rubric("national")
    texts = {p.name: p.read_text("utf-8") for p in sorted(REPORTS.glob("*.txt"))}
    if SEEDS.is_dir():
        texts.update({p.name: p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))})
    texts["no-duty.txt"] = NO_DUTY
    cards = tuple(score_text(text, rubric, name, detail=True) for name, text in texts.items())
    return RunResult(cards, (FileError("broken.docx", "not a Word file"),))


def test_failing_first_order(batch: RunResult) -> None:
    rows = failing_first(batch)
    kinds = ["error" if isinstance(r, FileError) else r.verdict.value for r in rows]
    assert kinds == sorted(kinds, key=["fail", "error", "pass"].index)
    fails = [r.score for r in rows if not isinstance(r, FileError) and r.verdict is Verdict.FAIL]
    assert fails == sorted(fails) and len(rows) == len(batch.cards) + 1


def test_html_summary_opens_with_the_reports_linked_to_their_cards(batch: RunResult) -> None:
    html = render(batch, "html", RenderOptions())
    page = parse(html)
    summary = html[html.index('class="summary"'):html.index('class="report"')]
    assert summary.index('class="reports"') < summary.index('class="histogram"')
    rows = [a for tag, a in page.elements if tag == "tr" and "data-report" in a]
    order = failing_first(batch)
    assert [r["data-report"] for r in rows] == [o.path for o in order]
    assert [r["class"] for r in rows] == ["unreadable" if isinstance(o, FileError) else o.verdict.value for o in order]
    anchors = {a["id"]: a["data-path"] for tag, a in page.elements if tag == "section" and a.get("id")}
    links = [a["href"] for tag, a in page.elements if tag == "a" and (a.get("href") or "").startswith("#r")]
    assert [anchors[h[1:]] for h in links] == [o.path for o in order if not isinstance(o, FileError)]
    text = "".join(page.text)
    for card in batch.cards:
        assert verdict_text(card, "zh") in text
        if gap_text(card, "zh"):
            assert gap_text(card, "zh") in text
    no_duty = next(c for c in batch.cards if c.path == "no-duty.txt")
    assert gap_text(no_duty, "zh").startswith("缺失:第一责任人职责情况")


def test_html_histogram_bars_are_coloured_by_verdict(batch: RunResult) -> None:
    page = parse(render(batch, "html", RenderOptions()))
    bars = [a for tag, a in page.elements if tag == "rect" and "bar" in (a.get("class") or "")]
    fails = sum(int(str(a["data-count"])) for a in bars if a["class"] == "bar fail")
    passes = sum(int(str(a["data-count"])) for a in bars if a["class"] == "bar pass")
    assert fails == sum(c.verdict is Verdict.FAIL for c in batch.cards) > 0
    assert passes == sum(c.verdict is Verdict.PASS for c in batch.cards) > 0
    assert {a["fill"] for a in bars if a["class"] == "bar fail"} == {"#c62828"}
    assert {a["fill"] for a in bars if a["class"] == "bar pass"} == {"#1a7f37"}


def test_html_gaps_list_only_parts_missing_or_weak(batch: RunResult) -> None:
    html = render(batch, "html", RenderOptions())
    chart = html[html.index('<svg class="chart"'):]
    chart = chart[:chart.index("</svg>")]
    labels = [seg.split("</text>")[0] for seg in chart.split('font-size="13">')[1:]]
    expected = []
    for p in sorted(part_counts(batch), key=lambda p: (-(p.missing + p.weak), p.id)):
        expected += [f"{p.label['zh']} · 缺失"] * bool(p.missing) + [f"{p.label['zh']} · 不充分"] * bool(p.weak)
    assert labels == expected[:10] and labels
    assert not any(label.startswith("其他需要报告的情况 · 缺失") for label in labels)  # optional: no gap


def test_markdown_opens_with_the_reports_and_lists_failing_lowest(batch: RunResult) -> None:
    md = render(batch, "markdown", RenderOptions())
    lines = md.splitlines()
    assert lines[2] == "| 报告 | 总分 | 结论 | 缺失或不充分的部分 |"
    rows = lines[4:4 + len(batch.cards) + 1]
    assert [r.split("`")[1] for r in rows] == [o.path for o in failing_first(batch)]
    assert "| `broken.docx` | – | 无法读取:not a Word file | |" in rows
    lowest = md[md.index("### 得分最低的不通过报告"):md.index("<details>")]
    listed = [line.split("`")[1] for line in lowest.splitlines() if line.startswith("| `")]
    failing = sorted((c for c in batch.cards if c.verdict is Verdict.FAIL), key=lambda c: (c.score, c.path))
    assert listed == [c.path for c in failing[:5]]
    gaps = md[md.index("### 最常缺失或不充分的部分"):md.index("### 得分最低")]
    for line in gaps.splitlines()[4:]:
        if line.startswith("|"):
            missing, weak = (int(x) for x in line.strip("|").split("|")[-2:])
            assert missing + weak > 0, line


def test_markdown_of_a_batch_that_passes_has_no_lowest_list(rubric: Rubric) -> None:
    card = score_text((REPORTS / "qinghe-county-2024.txt").read_text("utf-8"), rubric, "a.txt")
    md = render(RunResult((card, card), ()), "markdown", RenderOptions())
    assert "得分最低" not in md and "| `a.txt` | 100 | 通过 | – |" in md


def test_english_summary_words(batch: RunResult, tmp_path: Path) -> None:
    html = render(batch, "html", RenderOptions(lang="en"))
    assert "Parts missing or weak" in html and "missing: " in html
    md = render(batch, "markdown", RenderOptions(lang="en"))
    assert "### Parts most often missing or weak" in md and "### Lowest-scoring failing reports" in md
