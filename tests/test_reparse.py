"""The door to CPython's private regex modules: open on this Python, with every opcode the scans read, and a
parse compiled back matches as the pattern does."""

from __future__ import annotations

import re

import pytest

from scorer.reparse import OPCODES, compiler, constants, parser


def test_every_opcode_read_off_parsed_patterns_is_there() -> None:
    missing = [name for name in OPCODES if not hasattr(parser(), name) or not hasattr(constants(), name)]
    assert not missing, f"this Python's re has no {missing}: scorer/linescan.py and scorer/backtrack.py need them"


@pytest.mark.parametrize("pattern", [r"(?<![县市])存在.{0,20}问题", r"20[X×]{2}年", r"(申博|葡京)\w{0,4}", r"[一二三]是"])
def test_a_parse_compiled_back_matches_as_the_pattern(pattern: str) -> None:
    text = "一是存在的主要问题;二是20XX年申博体育;县存在若干问题"
    again = compiler().compile(parser().parse(pattern, 0), 0)
    assert [m.span() for m in again.finditer(text)] == [m.span() for m in re.finditer(pattern, text)]
    assert parser().parse(pattern, 0).data[0][0] in {getattr(constants(), n) for n in OPCODES}
