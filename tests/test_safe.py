"""What reaches a terminal, an XML file or a page: escape sequences and control characters made visible."""

from __future__ import annotations

import json

import pytest

from scorer.model import FileError, RunResult, Status
from scorer.render.safe import clean, code_span, json_text, line, text


@pytest.mark.parametrize(("raw", "shown"), [
    ("\x1b[2J", "\\x1b[2J"),
    ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
    ("\x9b31m", "\\x9b31m"),
    ("a\u202eb", "a\\u202eb"),
    ("r\udcff.txt", "r\\xff.txt"),  # a file name's byte that is not UTF-8, as Python decodes it
    ("\x00\x7f\ufeff\ufffe", "\\x00\\x7f\\ufeff\\ufffe"),
])
def test_unsafe_characters_become_visible_escapes(raw: str, shown: str) -> None:
    assert text(raw) == line(raw) == shown


def test_ordinary_text_is_untouched_and_lines_stay_lines() -> None:
    s = "一、主要举措和成效\n（一）依法行政\t98.6%《纲要》“引号”"
    assert text(s) is s
    assert line(s) == "一、主要举措和成效\\n（一）依法行政\\t98.6%《纲要》“引号”"


def test_json_text_escapes_without_changing_the_data() -> None:
    data = {"path": "r\udcff.txt", "text": "a\x9bb\u2028c\x1b"}
    dumped = json_text(json.dumps(data, ensure_ascii=False))
    assert json.loads(dumped) == data
    assert all(ch not in dumped for ch in "\udcff\x9b\u2028\x1b")
    assert dumped.encode("utf-8")


@pytest.mark.parametrize("name", ["plain.txt", "a`b.txt", "``x``.txt", "`start.txt", "end`.txt"])
def test_a_code_span_holds_any_back_ticks(name: str) -> None:
    span = code_span(name)
    fence = span[: len(span) - len(span.lstrip("`"))]
    inner = span[len(fence):-len(fence)]
    assert span.endswith(fence) and fence not in inner
    assert (inner[1:-1] if inner.startswith(" ") and inner.endswith(" ") else inner) == name


def test_clean_walks_a_result_and_keeps_enums() -> None:
    result = RunResult((), (FileError("a\nb\x1b.txt", "bad\x1b[2J"),))
    got = clean(result)
    assert got.errors[0] == FileError("a\\nb\\x1b.txt", "bad\\x1b[2J")
    assert clean(Status.FOUND) is Status.FOUND
    same = RunResult((), (FileError("a.txt", "file is empty"),))
    assert clean(same) is same
