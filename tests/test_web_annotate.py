"""The page gives the draft back with 批注 (made in memory, never stored), and speaks Chinese for every bad input."""

from __future__ import annotations

import base64
import io
import re
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from scorer.web.app import create_app
from tests import drafts
from tests.browser import chromium, serve_page
from tests.conftest import ROOT
from tests.test_input_words import BAD, ENGLISH, PYTHON

LINK = re.compile(r'id="download" class="download" download="([^"]+)" href="data:application/'
                  r'vnd\.openxmlformats-officedocument\.wordprocessingml\.document;base64,([^"]+)"')


def _download(page: str) -> tuple[str, list[str]]:
    m = LINK.search(page)
    assert m is not None, page[:500]
    document = docx.Document(io.BytesIO(base64.b64decode(m.group(2))))
    return m.group(1), [c.text for c in document.comments]


def test_an_upload_comes_back_as_a_word_file_with_comments_in_the_pages_language(tmp_path: Path) -> None:
    data = drafts.write_docx(tmp_path / "草稿.docx").read_bytes()
    client = create_app().test_client()
    for lang, first in (("zh", "自查结果:总分55/100"), ("en", "Check: 55/100")):
        resp = client.post("/", data={"file": (io.BytesIO(data), "草稿.docx"), "rubric": "auto", "lang": lang},
                           content_type="multipart/form-data")
        assert resp.status_code == 200 and resp.headers["Cache-Control"] == "no-store"
        name, said = _download(resp.get_data(as_text=True))
        assert name == "草稿.scored.docx" and said[0].startswith(first) and len(said) >= 6


def test_pasted_text_comes_back_as_a_word_file_too() -> None:
    resp = create_app().test_client().post("/", data={"text": "\n".join(drafts.text_lines()), "rubric": "national"})
    name, said = _download(resp.get_data(as_text=True))
    assert name == "pasted.scored.docx" and any(s.startswith("此处之后应增加:三、2023年") for s in said)


def test_the_dropdown_and_the_card_name_rubrics_by_their_titles() -> None:
    client = create_app().test_client()
    page = client.get("/").get_data(as_text=True)
    assert '<option value="township" title="Annual rule-of-law government report of a township' in page
    assert ">乡镇(街道)法治政府建设年度报告</option>" in page and ">township<" not in page
    resp = client.post("/", data={"text": "\n".join(drafts.text_lines()), "rubric": "national"})
    html = resp.get_data(as_text=True)
    assert '<b id="rubric-used" data-id="national"><span data-lang="zh">法治政府建设年度报告(国家规定五项内容)' in html


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_upload_is_told_in_chinese_and_in_english(name: str) -> None:
    resp = create_app().test_client().post("/", data={"file": (io.BytesIO(BAD[name]), name)},
                                           content_type="multipart/form-data")
    page = resp.get_data(as_text=True)
    zh = re.search(r'id="error"[^>]*><span data-lang="zh">([^<]*)</span><span data-lang="en">([^<]*)</span>', page)
    assert resp.status_code == 422 and zh is not None
    assert zh.group(1).startswith(f"{name}: ") and not ENGLISH.search(zh.group(1)) and not PYTHON.search(zh.group(1))
    assert re.search("[a-z]", zh.group(2)) and not re.search("[\u4e00-\u9fff]", zh.group(2).split("(")[0])


@pytest.fixture()
def served() -> Iterator[tuple[str, subprocess.Popen[str]]]:
    with serve_page(str(ROOT)) as page:
        yield page


def test_serve_logs_no_request(served: tuple[str, subprocess.Popen[str]]) -> None:
    url, proc = served
    with urllib.request.urlopen(url, timeout=30) as resp:
        assert resp.status == 200
    proc.terminate()
    _, err = proc.communicate(timeout=10)
    assert "GET /" not in err and "HTTP/1.1" not in err


def test_the_download_in_chromium_and_every_bad_input_in_chinese(served: tuple[str, subprocess.Popen[str]],
                                                                 tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    url, _ = served
    upload = drafts.write_docx(tmp_path / "草稿.docx")
    saved = tmp_path / "downloads"
    saved.mkdir()
    with chromium(str(saved)) as driver:
        wait = WebDriverWait(driver, 60)
        driver.get(url)
        driver.find_element(By.ID, "file").send_keys(str(upload))
        driver.find_element(By.ID, "submit").click()
        link = wait.until(ec.visibility_of_element_located((By.ID, "download")))
        assert link.text == "下载带批注的Word文档"
        link.click()
        got = _wait_for(saved / "草稿.scored.docx")
        said = [c.text for c in docx.Document(str(got)).comments]
        assert said[0].startswith("自查结果:总分55/100") and any("此处之后应增加:三、" in s for s in said)
        for name, data in sorted(BAD.items()):
            bad = tmp_path / name
            bad.write_bytes(data)
            driver.find_element(By.ID, "file").send_keys(str(bad))
            before = driver.find_element(By.TAG_NAME, "html")
            driver.find_element(By.ID, "submit").click()
            wait.until(ec.staleness_of(before))  # the page of this upload, not the last one's
            error = wait.until(ec.visibility_of_element_located((By.ID, "error")))
            shown = driver.find_element(By.TAG_NAME, "body").text
            assert error.text.startswith(f"{name}: ") and not ENGLISH.search(shown), (name, shown)
            assert not PYTHON.search(error.text), error.text
        big = tmp_path / "big.docx"
        with big.open("wb") as fh:
            fh.truncate(21 * 1024 * 1024)  # over the page's 20 MB: refused before it is sent
        driver.find_element(By.ID, "file").send_keys(str(big))
        alert = wait.until(ec.visibility_of_element_located((By.ID, "client-error")))
        assert alert.text.startswith("文件太大") and not ENGLISH.search(driver.find_element(By.TAG_NAME, "body").text)


def _wait_for(path: Path, seconds: float = 30) -> Path:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if path.is_file() and path.stat().st_size and not path.with_name(path.name + ".crdownload").exists():
            return path
        time.sleep(0.2)
    raise AssertionError(f"{path.name} was not downloaded: {sorted(p.name for p in path.parent.iterdir())}")
