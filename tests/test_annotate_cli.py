"""`scorer annotate`: where the annotated copies go, what it refuses, its exit codes and its language."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from scorer.annotate.draft import SUFFIX
from tests import drafts
from tests.conftest import REPORTS


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scorer.cli", "annotate", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def texts(path: Path) -> list[str]:
    return [c.text for c in docx.Document(io.BytesIO(path.read_bytes())).comments]


def test_one_draft_beside_itself_then_refused_then_forced(tmp_path: Path) -> None:
    drafts.write_docx(tmp_path / "draft.docx")
    proc = run("draft.docx", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # the draft fails
    out = tmp_path / f"draft{SUFFIX}"
    assert proc.stdout.startswith(f"draft.docx → draft{SUFFIX}:总分55,不通过") and proc.stderr == ""
    assert any(t.startswith("自查结果") for t in texts(out))
    again = run("draft.docx", cwd=tmp_path)
    assert again.returncode == 2 and "已存在" in again.stderr and "--force" in again.stderr
    assert run("draft.docx", "--force", "-q", cwd=tmp_path).stdout == ""


def test_the_draft_itself_is_never_written_over(tmp_path: Path) -> None:
    drafts.write_docx(tmp_path / "draft.docx")
    before = (tmp_path / "draft.docx").read_bytes()
    proc = run("draft.docx", "-o", "draft.docx", "--force", cwd=tmp_path)
    assert proc.returncode == 2 and "不会覆盖" in proc.stderr
    assert (tmp_path / "draft.docx").read_bytes() == before


def test_out_names_the_file_for_one_draft_and_the_folder_for_several(tmp_path: Path) -> None:
    drafts.write_docx(tmp_path / "a.docx")
    drafts.write_text(tmp_path / "a.txt")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "b.txt").write_bytes((REPORTS / "qinghe-county-2024.txt").read_bytes())
    assert run("a.docx", "-o", "mine.docx", cwd=tmp_path).returncode == 1
    assert texts(tmp_path / "mine.docx")
    proc = run("a.docx", "a.txt", "more", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.docx"))
    assert written == [f"a.docx{SUFFIX}", f"a.txt{SUFFIX}", f"b{SUFFIX}"]  # a.txt and a.docx keep their type
    proc = run("more", cwd=tmp_path)  # a folder: beside each draft
    assert proc.returncode == 0 and (tmp_path / "more" / f"b{SUFFIX}").is_file()
    proc = run("more", "--force", cwd=tmp_path)  # the copy already there is no draft to annotate
    assert proc.returncode == 0 and not list((tmp_path / "more").glob(f"*{SUFFIX}{SUFFIX}"))


def test_an_unreadable_draft_is_one_chinese_line_and_the_others_are_written(tmp_path: Path) -> None:
    drafts.write_text(tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    proc = run("good.txt", "empty.txt", "old.doc", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["scorer: empty.txt: 文件是空的。请检查是否选错了文件。",
                                        "scorer: old.doc: Office文件已损坏或不完整,无法读取。请在 Word 中另存为 .docx 后重新上传。"]
    assert (tmp_path / f"good{SUFFIX}").is_file() and not (tmp_path / f"empty{SUFFIX}").exists()


def test_a_passing_draft_exits_0_and_english_comments(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_bytes((REPORTS / "qinghe-county-2024.txt").read_bytes())
    proc = run("ok.txt", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith(f"ok.txt → ok{SUFFIX}: 100/100, PASS")
    assert texts(tmp_path / f"ok{SUFFIX}")[0].startswith("Check: 100/100")


@pytest.mark.parametrize("args", [(), ("-",)])
def test_usage_errors(tmp_path: Path, args: tuple[str, ...]) -> None:
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
