"""The suite keeps its rubric validation cache in a temporary folder, never in the user's ~/.cache/scorer."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import CACHE, REPORTS, ROOT


def test_the_suite_caches_in_a_temporary_folder() -> None:
    assert os.environ["SCORER_CACHE_DIR"] == str(CACHE)
    assert CACHE.is_dir() and CACHE.resolve().is_relative_to(Path(tempfile.gettempdir()).resolve())
    assert not CACHE.resolve().is_relative_to(Path.home().resolve())


def test_a_cli_run_writes_nothing_under_home_cache(tmp_path: Path) -> None:
    """`scorer check` in a subprocess, as the tests run it, with HOME an empty folder: a run that used the
    user's cache would create $HOME/.cache/scorer (its rubric is not cached there); it writes the suite's."""
    home = tmp_path / "home"
    home.mkdir()
    for entry in CACHE.iterdir():  # so that this run has to remember the rubric again
        entry.unlink()
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", "SCORER_NO_CACHE")}
    proc = subprocess.run([sys.executable, "-m", "scorer.cli", "check", str(REPORTS / "qinghe-county-2024.txt"),
                           "--format", "json"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**env, "HOME": str(home)})
    assert proc.returncode == 0, proc.stderr
    assert not (home / ".cache").exists(), sorted(str(p) for p in home.rglob("*"))
    assert list(CACHE.iterdir()), "the run remembered nothing: is the cache on?"
