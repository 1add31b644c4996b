"""Shared fixtures: the national rubric, the real corpus beside the checkout, and a complete sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.api import load_rubric
from scorer.rubric import Rubric

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
