"""Shared fixtures: the national rubric, the real corpus beside the checkout, and a complete sample.

The suite never writes to the user's cache: before anything is imported, SCORER_CACHE_DIR points at a
temporary folder for the whole session (removed at its end), and the `scorer` commands the tests run
in subprocesses inherit it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

CACHE = Path(tempfile.mkdtemp(prefix="scorer-tests-cache-"))
os.environ["SCORER_CACHE_DIR"] = str(CACHE)

from scorer.api import load_rubric  # noqa: E402  (imported once the cache is in place)
from scorer.rubric import Rubric  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = CORPUS / "seeds"
OPENINGS = CORPUS / "openings"
REPORTS = ROOT / "reports"


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric("national")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"real corpus not found at {SEEDS} (CI checks it out beside the project)")
    return SEEDS


@pytest.fixture(scope="session")
def openings_dir() -> Path:
    if not OPENINGS.is_dir():
        pytest.skip(f"real corpus openings not found at {OPENINGS} (CI checks it out beside the project)")
    return OPENINGS


@pytest.fixture(scope="session")
def complete_text() -> str:
    return (REPORTS / "qinghe-county-2024.txt").read_text("utf-8")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(CACHE, ignore_errors=True)
