"""Hostile input: random and mutated files, zip bombs, 1 MB one-line texts, unsafe rubric YAML."""

from __future__ import annotations

import contextlib
import io
import signal
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.api import score_bytes, score_text
from scorer.errors import InputError, RubricError
from scorer.read import DEFAULT_MAX_BYTES, read_bytes
from scorer.rubric import Rubric, load_rubric
from tests.refusals import refused

REPORTS = Path(__file__).resolve().parents[1] / "reports"
SAMPLE = (REPORTS / "qinghe-county-2024.txt").read_text("utf-8")
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
NAMES = ("r.txt", "r.md", "r.html", "r.docx", "r.pdf", "r.doc", "r")


@pytest.fixture(autouse=True)
def _hang_guard() -> Iterator[None]:
    """A catastrophic regex would hang the suite; fail loudly instead (a guard, not a speed test)."""
    def boom(*_: object) -> None:
        raise TimeoutError("input took over 60 s: catastrophic backtracking?")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def _docx(text: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.split("\n") if line.strip())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        zf.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://'
                    f'schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    return buf.getvalue()


def _html(text: str) -> bytes:
    paras = "".join(f"<p>{line}</p>" for line in text.split("\n") if line.strip())
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>报告</title></head><body>{paras}</body></html>".encode()


SEEDS = {"r.txt": SAMPLE.encode("utf-8"), "r.html": _html(SAMPLE), "r.docx": _docx(SAMPLE)}


def _score_or_input_error(name: str, data: bytes, rubric: Rubric) -> None:
    with contextlib.suppress(InputError):  # the one exception bad input may raise: the file's one-line error
        score_bytes(name, data, rubric)


@FUZZ
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=3000))
def test_random_bytes_never_raise_anything_but_input_error(rubric: Rubric, name: str, data: bytes) -> None:
    _score_or_input_error(name, data, rubric)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[pos:]
        elif kind == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        elif data:
            del data[pos : pos + draw(st.integers(1, 256))]
    return name, bytes(data)


@FUZZ
@given(mutated())
def test_mutated_txt_html_docx_never_raise_anything_but_input_error(rubric: Rubric, case: tuple[str, bytes]) -> None:
    _score_or_input_error(*case, rubric)


def test_seed_files_themselves_score(rubric: Rubric) -> None:
    for name, data in SEEDS.items():
        try:
            card = score_bytes(name, data, rubric)
        except InputError as exc:  # a reader whose optional dependency is absent says so in one line
            assert name != "r.txt", exc
            continue
        assert card.criteria


def test_zip_bomb_is_refused_before_inflating(rubric: Rubric) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * (80 * 1024 * 1024) + b"</w:document>")
    with refused(r"(?i)zip|bomb|large|inflate"):
        score_bytes("bomb.docx", buf.getvalue(), rubric)


def test_input_over_the_size_limit_is_a_clear_input_error(rubric: Rubric) -> None:
    with refused("over the limit"):
        read_bytes("big.txt", b"a" * 2001, max_bytes=2000)
    with refused("over the limit"):
        score_bytes("big.txt", SAMPLE.encode(), rubric, max_bytes=100)
    assert DEFAULT_MAX_BYTES >= 1024 * 1024


ONE_LINE = {
    "brackets": "建(" * 200_000,
    "pinyin-like": "建(shèshèshè" * 80_000,
    "spaces between": "法 \u3000\t" * 250_000,
    "punctuation run": ",、。;:" * 200_000,
    "heading then comma": "一、" + "，" * 500_000,
    "numbering": "(一)(1)1.一是第一部分" * 60_000,
    "question marks": "?!" * 500_000,
    "quotes unclosed": "“《\"「" * 250_000,
    "urls": "http://" * 150_000,
    "wechat": "加微信:" * 250_000,
    "cjk": "存在问题原因下一步" * 110_000,
}


@pytest.mark.parametrize("name", sorted(ONE_LINE))
def test_one_megabyte_single_line_does_not_backtrack(rubric: Rubric, name: str) -> None:
    card = score_text(ONE_LINE[name], rubric)
    assert card.criteria


def test_every_rubric_pattern_is_bounded_on_long_lines(rubric: Rubric) -> None:
    """Each pattern against 200 KB made of its own characters: the input that makes a bad regex explode."""
    patterns = [p for c in rubric.criteria for p in (*c.anchors, *c.weak_anchors, *c.cues)]
    patterns += [p for c in rubric.criteria for r in c.requirements for p in r.cues]
    patterns += [*rubric.spam, *rubric.filler]
    assert patterns
    for p in patterns:
        chars = "".join(dict.fromkeys(ch for ch in p.pattern if ch not in "\\()[]{}|?*+^$.")) or "a"
        for text in (chars * (200_000 // len(chars)), "的" * 200_000):
            p.search(text)


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['echo pwned']", "!!python/object:builtins.dict {}",
                                 "!!python/name:os.system"])
def test_rubric_yaml_is_loaded_safely(tmp_path: Path, tag: str) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text(f"id: evil\nversion: 1\ntitle: {tag}\n", "utf-8")
    with pytest.raises(RubricError, match=r"evil\.yaml"):
        load_rubric(str(path))
