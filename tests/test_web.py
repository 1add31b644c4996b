"""The clerk's page end to end: the real `scorer serve` on a loopback port, driven in headless Chromium."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scorer.rubric import builtin_ids, load_rubric
from scorer.web import HOST, make_server
from scorer.web.app import create_app
from tests.browser import chromium, serve_page
from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
CORRUPT = b"PK\x03\x04 this is not really a Word file"
NO_DUTY_SEED = "jiangyuan-district-2022.txt"  # the corpus README: no duty part at all


def test_the_server_listens_on_loopback_only() -> None:
    server = make_server(0)
    try:
        assert server.server_address[0] == HOST == "127.0.0.1"
    finally:
        server.server_close()


def test_upload_is_scored_in_memory_with_both_languages(complete_text: str) -> None:
    client = create_app().test_client()
    resp = client.post("/", data={"file": (io.BytesIO(complete_text.encode("utf-8")), "qinghe.txt"),
                                  "rubric": "national"}, content_type="multipart/form-data")
    assert resp.status_code == 200
    page = resp.get_data(as_text=True)
    assert page.count('class="report"') == 2  # zh and en, switched in the page
    assert "具备" in page and "found" in page and resp.headers["Cache-Control"] == "no-store"


def test_pasted_text_and_an_empty_form() -> None:
    client = create_app().test_client()
    resp = client.post("/", data={"text": "一、主要举措和成效\n依法行政工作取得成效。", "rubric": "auto"})
    assert resp.status_code == 200 and "pasted.txt" in resp.get_data(as_text=True)
    resp = client.post("/", data={"text": "  "})
    assert resp.status_code == 400 and "请选择一个文件" in resp.get_data(as_text=True)


def test_size_limit_has_a_clear_message() -> None:
    client = create_app(max_bytes=2048).test_client()
    resp = client.post("/", data={"file": (io.BytesIO("依法行政。".encode() * 400), "big.txt")},
                       content_type="multipart/form-data")
    assert resp.status_code == 413
    assert "文件太大:上限为" in resp.get_data(as_text=True)


def test_a_bad_file_shows_the_same_line_as_the_cli(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(CORRUPT)
    cli = subprocess.run([sys.executable, "-m", "scorer.cli", "check", bad.name], capture_output=True, text=True,
                         cwd=tmp_path, timeout=60)
    assert cli.returncode == 2
    line = cli.stderr.strip().splitlines()[0]
    assert line.startswith("scorer: bad.docx: ")
    resp = create_app().test_client().post("/", data={"file": (io.BytesIO(CORRUPT), "bad.docx")},
                                           content_type="multipart/form-data")
    assert resp.status_code == 422
    assert line.removeprefix("scorer: ") in resp.get_data(as_text=True)


@pytest.fixture()
def served() -> Iterator[str]:
    """`scorer serve --port 0` in a subprocess; yields the URL it prints."""
    with serve_page(str(ROOT)) as (url, _):
        yield url


def _report_upload(seeds: Path, tmp_path: Path) -> Path:
    """The real report with no duty part, as a Word file when the docx writer is available, else as text."""
    text = (seeds / NO_DUTY_SEED).read_text("utf-8")
    try:
        from tests.formats.make import write_docx

        return write_docx(text, tmp_path / "jiangyuan.docx")
    except ImportError:
        path = tmp_path / "jiangyuan.txt"
        path.write_text(text, "utf-8")
        return path


def test_the_page_in_chromium(served: str, seeds_dir: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    upload = _report_upload(seeds_dir, tmp_path)
    bad = tmp_path / "corrupt.docx"
    bad.write_bytes(CORRUPT)
    with chromium() as driver:
        wait = WebDriverWait(driver, 30)
        driver.get(served)
        assert "法治政府建设年度报告自查" in driver.find_element(By.TAG_NAME, "h1").text
        driver.find_element(By.ID, "file").send_keys(str(upload))
        driver.find_element(By.ID, "submit").click()
        wait.until(ec.visibility_of_element_located((By.ID, "result")))
        used = driver.find_element(By.ID, "rubric-used")
        assert used.get_attribute("data-id") in builtin_ids()  # chosen automatically, shown by its title
        assert used.text == load_rubric(used.get_attribute("data-id")).title["zh"]
        card = driver.find_element(By.CSS_SELECTOR, '.card[data-lang="zh"]')
        missing = card.find_element(By.CSS_SELECTOR, 'tr[data-criterion="duty"]')
        assert missing.get_attribute("data-status") == "missing"
        assert "第一责任人职责情况" in missing.text and "缺失" in missing.text
        assert "section-missing" in card.find_element(By.CSS_SELECTOR, "ul.findings").text
        assert "党政主要负责人履行推进法治建设第一责任人职责情况" in card.find_element(By.CSS_SELECTOR, "pre.template").text
        assert card.find_elements(By.CSS_SELECTOR, "ol.outline li.carries")
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "web-scorecard-zh.png"))

        driver.find_element(By.ID, "lang-toggle").click()
        english = driver.find_element(By.CSS_SELECTOR, '.card[data-lang="en"]')
        wait.until(lambda _: english.is_displayed())
        assert not card.is_displayed()
        row = english.find_element(By.CSS_SELECTOR, 'tr[data-criterion="duty"]').text
        assert "Leaders' first-responsibility duty" in row and "missing" in row
        driver.save_screenshot(str(ARTIFACTS / "web-scorecard-en.png"))

        driver.find_element(By.ID, "file").send_keys(str(bad))
        driver.find_element(By.ID, "submit").click()
        error = wait.until(ec.visibility_of_element_located((By.ID, "error")))
        assert error.text.startswith("corrupt.docx: ")
        assert not driver.find_elements(By.ID, "result")
        # The language chosen stays chosen across a submission.
        assert driver.find_element(By.TAG_NAME, "body").get_attribute("class") == "lang-en"
