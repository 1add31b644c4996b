"""Golden renders: every output format of `scorer check`, byte for byte, on the sample reports.

Each sample report in reports/ alone, and the three as one batch, in every format of
scorer.render.FORMATS in Chinese, and the terminal scorecard (rich, 100 columns, no colour) and JSON
in English too, as `scorer check` writes them to a file (-o) from the project's root with relative
paths and no config. They prove that a change keeps every output byte-identical; when a change is
meant to alter an output, `make golden` (SCORER_REGENERATE_GOLDEN=1) rewrites the files in
tests/golden/, and the diff of those files is the review of what changed.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorer.cli import main
from scorer.render import FORMATS
from tests.conftest import REPORTS, ROOT

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("SCORER_REGENERATE_GOLDEN") == "1"
SAMPLES = {path.stem: (f"reports/{path.name}",) for path in sorted(REPORTS.glob("*.txt"))}
INPUTS = {**SAMPLES, "batch": tuple(p for paths in SAMPLES.values() for p in paths)}
SUFFIX = {"rich": "txt", "json": "json", "html": "html", "sarif": "sarif.json", "junit": "xml",
          "github": "github.txt", "gitlab": "gitlab.json", "markdown": "md", "concise": "concise.txt"}
ENGLISH_TOO = ("rich", "json")
RUNS = [(name, fmt, lang) for name in INPUTS for fmt in sorted(FORMATS)
        for lang in ("zh", "en") if lang == "zh" or fmt in ENGLISH_TOO]
# Environment that could change a render: colour and terminal switches read by rich, CI detection.
UNSET = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM", "COLORTERM", "TTY_COMPATIBLE",
         "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES", "GITHUB_ACTIONS")
SHOWN = 40  # diff lines in a failure message


def golden_path(name: str, fmt: str, lang: str) -> Path:
    return GOLDEN / f"{name}.{lang}.{SUFFIX[fmt]}"


@pytest.fixture(scope="module")
def no_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty config, so that no scorer.yaml or pyproject.toml above the checkout changes a render."""
    path = tmp_path_factory.mktemp("golden") / "scorer.yaml"
    path.write_text("# the defaults\n", "utf-8")
    return path


def render(paths: tuple[str, ...], fmt: str, lang: str, config: Path, out: Path,
           monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, int]:
    """`scorer check PATHS --format FMT --lang LANG -o OUT` from the project's root: (the bytes, exit code)."""
    monkeypatch.chdir(ROOT)
    for name in UNSET:
        monkeypatch.delenv(name, raising=False)
    args = [*paths, "--format", fmt, "--lang", lang, "--config", str(config), "--output", str(out),
            "--no-color", "--width", "100", "--jobs", "1", "--quiet"]
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return out.read_bytes(), result.exit_code


def short_diff(want: bytes, got: bytes, name: str) -> str:
    lines = list(difflib.unified_diff(want.decode("utf-8", "replace").splitlines(),
                                      got.decode("utf-8", "replace").splitlines(),
                                      f"tests/golden/{name}", "now", n=1, lineterm=""))
    more = f"\n… {len(lines) - SHOWN} more diff lines" if len(lines) > SHOWN else ""
    return "\n".join(line[:200] for line in lines[:SHOWN]) + more


@pytest.mark.parametrize(("name", "fmt", "lang"), RUNS, ids=[f"{n}.{lang}.{f}" for n, f, lang in RUNS])
def test_golden(name: str, fmt: str, lang: str, no_config: Path, tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch) -> None:
    got, code = render(INPUTS[name], fmt, lang, no_config, tmp_path / "out", monkeypatch)
    assert code == (0 if name == "qinghe-county-2024" else 1), f"exit code {code}"
    path = golden_path(name, fmt, lang)
    if REGENERATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(got)
        return
    assert path.is_file(), f"no golden file {path.relative_to(ROOT)}: run `make golden`"
    want = path.read_bytes()
    if got != want:
        pytest.fail(f"{fmt} ({lang}) of {name} differs from tests/golden/{path.name}; if the change is meant, "
                    f"run `make golden` and review the diff\n{short_diff(want, got, path.name)}", pytrace=False)


def test_every_golden_file_is_rendered() -> None:
    """No stale golden files: each is one of the renders above (`make golden` removes the others)."""
    wanted = {golden_path(*run) for run in RUNS}
    stale = sorted(p for p in GOLDEN.iterdir() if p not in wanted and not p.name.startswith("."))
    if REGENERATE:
        for path in stale:
            path.unlink()
        return
    assert not stale, f"golden files no test renders: {[p.name for p in stale]}"


def test_renders_are_byte_for_byte_the_same_twice(no_config: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """What makes a golden file trustworthy: the same input gives the same bytes, every format."""
    for fmt in sorted(FORMATS):
        first, _ = render(INPUTS["batch"], fmt, "zh", no_config, tmp_path / "1", monkeypatch)
        again, _ = render(INPUTS["batch"], fmt, "zh", no_config, tmp_path / "2", monkeypatch)
        assert first == again, fmt
