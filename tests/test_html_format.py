"""--format html: parsed back, every criterion and finding is there; one run printed to PDF in Chromium."""

from __future__ import annotations

import base64
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from scorer.api import score_text
from scorer.model import FileError, RunResult, Scorecard
from scorer.render import FORMATS, RenderOptions, render
from scorer.rubric import Rubric
from tests.browser import chromium
from tests.conftest import REPORTS, ROOT

ARTIFACTS = ROOT / "test-artifacts"

NO_DUTY = """某区2024年法治政府建设年度报告
一、2024年推进法治政府建设的主要举措和成效
我区坚持依法行政,全年制定行政规范性文件十二件,全部经过合法性审核,行政复议纠错率下降。
二、存在的不足和原因
基层执法人员数量不足,培训不够系统。原因是编制紧张,经费投入有限。
三、2025年推进法治政府建设的主要安排
加强执法队伍建设,推进行政执法三项制度全面落实,提升依法决策水平。
"""


class Collect(HTMLParser):
    """Every element's attributes and the page's visible text, for assertions."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def having(self, attr: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.elements if attr in a]


def parse(html: str) -> Collect:
    p = Collect()
    p.feed(html)
    p.close()
    return p


def _cards(rubric: Rubric) -> tuple[Scorecard, Scorecard]:
    complete = score_text((REPORTS / "qinghe-county-2024.txt").read_text("utf-8"), rubric, "qinghe.txt", detail=True)
    return complete, score_text(NO_DUTY, rubric, "no-duty.txt", detail=True)


def test_registered() -> None:
    assert "html" in FORMATS


def test_every_criterion_and_finding_of_every_card_is_in_the_page(rubric: Rubric) -> None:
    cards = _cards(rubric)
    result = RunResult(cards, (FileError("broken.txt", "file is empty"),))
    html = render(result, "html", RenderOptions(lang="zh"))
    page = parse(html)
    text = "".join(page.text)
    sections = [a for a in page.having("data-verdict")]
    assert [s["data-path"] for s in sections] == ["qinghe.txt", "no-duty.txt"]
    rows = [a for tag, a in page.elements if tag == "tr" and "data-criterion" in a]
    assert [(r["data-criterion"], r["data-status"]) for r in rows] == [
        (c.id, c.status.value) for card in cards for c in card.criteria]
    findings = [a for tag, a in page.elements if tag == "li" and "data-rule" in a]
    assert [f["data-rule"] for f in findings] == [f.rule for card in cards for f in card.findings]
    for card in cards:
        for f in card.findings:
            assert f.message in text
        for c in card.criteria:
            assert c.label["zh"] in text
    assert "section-missing" in {f["data-rule"] for f in findings}
    assert "broken.txt: file is empty" in text
    # The batch opens with its summary: counts, a histogram and the weakest parts, as inline SVG.
    assert html.index('class="summary"') < html.index('class="report"')
    assert len([1 for tag, _ in page.elements if tag == "svg"]) == 2
    assert "共3份报告:1份通过,1份不通过,1份无法读取" in text


def test_outline_and_template_of_the_missing_heading(rubric: Rubric) -> None:
    _, card = _cards(rubric)
    page = parse(render(RunResult((card,), ()), "html", RenderOptions(lang="zh")))
    text = "".join(page.text)
    assert 'class="summary"' not in "".join(str(a) for _, a in page.elements)
    carried = [a for tag, a in page.elements if tag == "span" and "tag" in (a.get("class") or "")]
    assert {a["data-criterion"] for a in carried} >= {"measures", "shortcomings", "plan"}
    assert [h.criterion for h in card.template] == ["duty"]
    assert card.template[0].heading["zh"] in text and card.template[0].hint["zh"] in text
    for node in card.outline:
        assert node.title in text


def test_english_labels(rubric: Rubric) -> None:
    card = score_text(NO_DUTY, rubric, "no-duty.txt", detail=True)
    text = "".join(parse(render(RunResult((card,), ()), "html", RenderOptions(lang="en"))).text)
    for word in ("Criterion", "missing", "FAIL", "Leaders' first-responsibility duty", "Missing headings"):
        assert word in text


def test_self_contained_no_external_assets(rubric: Rubric) -> None:
    html = render(RunResult(_cards(rubric), ()), "html", RenderOptions())
    page = parse(html)
    assert not [a for tag, a in page.elements if tag in ("script", "link", "img", "iframe")]
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html


def test_cli_writes_html_and_prints_it_to_pdf_in_chromium(tmp_path: Path) -> None:
    out = tmp_path / "run.html"
    proc = subprocess.run([sys.executable, "-m", "scorer.cli", "check", str(REPORTS), "--format", "html",
                           "-o", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1, proc.stderr
    page = parse(out.read_text("utf-8"))
    reports = sorted(p.name for p in REPORTS.glob("*.txt"))
    assert sorted(Path(str(a["data-path"])).name for a in page.having("data-verdict")) == reports
    with chromium() as driver:
        driver.get(out.as_uri())
        assert driver.find_element("css selector", "svg.histogram").is_displayed()
        pdf = base64.b64decode(driver.print_page())
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "batch.pdf").write_bytes(pdf)
        driver.save_screenshot(str(ARTIFACTS / "batch.png"))
    assert pdf.startswith(b"%PDF")
    # A4 pages, and each report starts a page of its own after the summary.
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page") > len(reports)
