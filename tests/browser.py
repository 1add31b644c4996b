"""Headless Chromium for the tests that look at real pages: Debian's chromium and chromium-driver via selenium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1100,1500")


def need_chromium() -> None:
    if CHROMIUM is None or DRIVER is None:
        pytest.skip("headless Chromium not installed (apt-get install chromium chromium-driver)")
    pytest.importorskip("selenium", reason="selenium not installed (pip install -e '.[dev]')")


@contextmanager
def chromium(downloads: str | None = None) -> Iterator[Any]:
    """A fresh headless Chromium with its own throwaway profile; skips the test when there is none.
    ``downloads``: the folder where files the page gives are saved, without asking."""
    need_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="scorer-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in (*FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        if downloads is not None:
            options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                                      "download.prompt_for_download": False})
        driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
        if downloads is not None:
            driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
        driver.set_page_load_timeout(30)
        try:
            yield driver
        finally:
            driver.quit()


@contextmanager
def serve_page(cwd: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`scorer serve --port 0` in a subprocess: the URL its (Chinese) start line gives, and the process."""
    proc = subprocess.Popen([sys.executable, "-m", "scorer.cli", "serve", "--port", "0"], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        found = re.fullmatch(r"scorer:自查页面已启动:(http://127\.0\.0\.1:\d+/)  \(按 Ctrl\+C 停止\)\n", first)
        assert found is not None, first + (proc.stderr.read() if proc.stderr and not first else "")
        yield found.group(1), proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)
