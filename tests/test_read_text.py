"""Reading .txt and .md: encodings, BOMs, line ends, Markdown headings, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.errors import InputError
from scorer.read import read_bytes, read_path
from scorer.uiwords import input_text
from tests.refusals import refused

TEXT = "关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n全年审查规范性文件18件。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings_decode_to_the_same_lines(encoding: str) -> None:
    doc = read_bytes("r.txt", TEXT.encode(encoding))
    assert [line.text for line in doc.lines][:3] == TEXT.split("\n")[:3]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends_keep_line_numbers(newline: str) -> None:
    doc = read_bytes("r.txt", TEXT.replace("\n", newline).encode("utf-8"))
    assert [(ln.source, ln.text) for ln in doc.lines[:3]] == [(1, "关于2024年度法治政府建设情况的报告"),
                                                              (2, "一、主要举措和成效"), (3, "全年审查规范性文件18件。")]


def test_markdown_headings_carry_their_level() -> None:
    doc = read_bytes("r.md", "# 报告\n\n## 一、主要举措和成效\n- 全年审查文件18件\n".encode())
    assert [(ln.text, ln.level) for ln in doc.lines if ln.text] == [
        ("报告", 1), ("一、主要举措和成效", 2), ("全年审查文件18件", None)]


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b"   \n\n ", "empty"),
    (bytes(range(256)) * 4, "not a text file"),
    (b"\xff\xfe\x00\xd8", "utf-16"),
])
def test_unreadable_inputs_are_one_line_errors(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as err:
        read_bytes("bad.txt", data)
    said = input_text(err.value, "en")
    assert err.value.path == "bad.txt" and reason in said
    assert "\n" not in said and "\n" not in input_text(err.value, "zh")


def test_size_limit_and_missing_file(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(TEXT.encode() * 100)
    with refused("over the limit"):
        read_path(big, max_bytes=1000)
    with refused("no such file"):
        read_path(tmp_path / "nope.txt")
    with refused("folder"):
        read_path(tmp_path)
