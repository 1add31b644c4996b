"""The bounds on every input, one by one: capped reads, YAML and data hazards, catastrophic patterns, page guards."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from scorer.backtrack import backtrack_risk
from scorer.limits import MAX_DEPTH, data_hazard, read_capped, yaml_hazard
from scorer.read.htmlguard import MAX_DEPTH as HTML_DEPTH
from scorer.read.htmlguard import bound_html
from scorer.read.text import decode
from scorer.rubric import builtin_ids, load_rubric
from tests import hostile
from tests.refusals import refused


def test_read_capped_reads_a_regular_file_and_no_more_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(b"x" * 1000)
    assert read_capped(path, 1000) == b"x" * 1000
    with refused("1,000 bytes, over the limit of 999"):
        read_capped(path, 999)


def test_read_capped_does_not_trust_the_reported_size() -> None:
    """Files under /proc report a size of 0 and can be any length."""
    with refused("over the limit of 100 bytes"):
        read_capped("/proc/self/maps", 100)


@pytest.mark.parametrize(("make", "words"), [("fifo", "named pipe"), ("dir", "folder"), ("missing", "no such file")])
def test_read_capped_names_what_it_refuses(tmp_path: Path, make: str, words: str) -> None:
    path = tmp_path / "x"
    if make == "fifo":
        os.mkfifo(path)
    elif make == "dir":
        path.mkdir()
    start = time.monotonic()
    with refused(words):
        read_capped(path, 1000)
    assert time.monotonic() - start < 5  # opening a FIFO with no writer would block forever


def test_yaml_hazards_are_found_on_the_parser_events_with_their_line() -> None:
    assert yaml_hazard(hostile.billion_laughs()) == (2, "YAML aliases (*l0) are not allowed; write the value out")
    assert yaml_hazard(hostile.deep_yaml()) == (1, f"nested more than {MAX_DEPTH} levels deep")
    assert yaml_hazard("a:\n" + "- " * 100 + "x\n") == (2, f"nested more than {MAX_DEPTH} levels deep")
    assert yaml_hazard("a: &anchor 1\nb: 2\n") is None  # an anchor alone expands nothing
    assert yaml_hazard("a: [unclosed\n") is None  # the loader reports syntax, with its line
    for rid in builtin_ids():
        path = Path(load_rubric(rid).path)
        assert yaml_hazard(path.read_text("utf-8")) is None, rid


def test_data_hazards_nan_infinity_and_depth() -> None:
    assert data_hazard({"scoring": {"pass_threshold": float("nan")}}) == (
        ("scoring", "pass_threshold"), "expected a finite number, got nan")
    assert data_hazard({"a": [1, 2, {"b": float("-inf")}]}) == (("a", 2, "b"), "expected a finite number, got -inf")
    deep: object = 1
    for _ in range(10_000):
        deep = [deep]
    assert data_hazard({"x": deep}) is not None
    assert data_hazard({"a": [1.5, "x", None, {"b": True}]}) is None


EXPONENTIAL = [r"(a+)+$", r"(a*)*b", r"(a|a)*b", r"(a|aa)+$", r"(\w+\s?)+$", r"(x+x+)+y", r"(.*a){20}",
               r"^(([a-z])+.)+[A-Z]([a-z])+$", r"(\d+|\w+)*!", r"((ab)*)+c", r"(?:a?){30}a{30}", r"(a|b|ab)+c",
               r"([\u4e00-\u9fff]+[,。]?)+X", r"(博彩.*)+", r"(?:.{1,100})+$", r"(?:\s*,\s*)+$", r"(?:(?:a+)+)++"]
LINEAR = [r"(?:\d+,)*", r"存在.{0,20}问题", r"(?:的|地|得)+", r"\d{4}年", r"(https?://\S+)", r"(?:ab)+c",
          r"(?:第[一二三]+[章节])+", r"(?:[一二三四五六七八九十]+、)+", r"(?:a|b)+", r"(?:ab|cd)*", r"[a-z]+@[a-z]+"]


@pytest.mark.parametrize("pattern", EXPONENTIAL)
def test_patterns_that_backtrack_exponentially_are_named(pattern: str) -> None:
    assert backtrack_risk(pattern)


@pytest.mark.parametrize("pattern", LINEAR)
def test_patterns_that_do_not_are_left_alone(pattern: str) -> None:
    assert backtrack_risk(pattern) is None


def test_no_built_in_rubric_pattern_is_refused() -> None:
    for rid in builtin_ids():
        rubric = load_rubric(rid)
        patterns = [p for c in rubric.criteria for p in (*c.anchors, *c.weak_anchors, *c.cues)]
        patterns += [p for c in rubric.criteria for r in c.requirements for p in r.cues]
        patterns += [*rubric.spam, *rubric.filler]
        assert all(backtrack_risk(p.pattern) is None for p in patterns), rid


def test_a_page_over_the_element_limit_is_refused_before_parsing() -> None:
    with refused("500,002 elements"):
        bound_html("p.html", hostile.many_paragraph_tags().decode())


def test_nesting_past_the_depth_limit_is_flattened_and_the_text_kept() -> None:
    page = hostile.deep_divs(1000).decode()
    flat = bound_html("d.html", page)
    assert flat.count("<div>") == HTML_DEPTH == flat.count("</div>")
    assert re.sub("</?div>", "", flat) == re.sub("</?div>", "", page)
    ordinary = "<html><body>" + "<div><p>x</p></div>" * 500 + "</body></html>"
    assert bound_html("o.html", ordinary) == ordinary  # many containers, none deep: untouched


def test_a_few_bad_bytes_are_replaced_more_are_another_encoding() -> None:
    text, enc = decode("r.txt", hostile.stray_byte())
    assert enc == "utf-8" and text.count("\ufffd") == 1
    text, enc = decode("r.txt", hostile.cut_in_a_character())
    assert enc == "utf-8" and text.endswith("\ufffd")
    gbk = hostile.SAMPLE.encode("gb18030")
    assert decode("g.txt", gbk) == (hostile.SAMPLE, "gb18030")
    sparse = ("Annual report. " * 400 + "法治政府").encode("gbk")  # GBK: nearly all ASCII, a few Chinese
    assert decode("s.txt", sparse)[1] != "utf-8"
    many = bytearray(hostile.SAMPLE.encode())
    for i in range(100, len(many), 100):  # 1% of the bytes damaged: not "a few"
        many[i] = 0xFF
    with refused("encoding"):
        decode("m.txt", bytes(many))
