"""Counts computed without a Python loop over characters equal the plain definitions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.checks.substance import _REAL, real_chars


def test_real_chars_on_every_bmp_character() -> None:
    for code in range(0x10000):
        ch = chr(code)
        assert real_chars(ch) == len(_REAL.findall(ch)), hex(code)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from("中国法治政府建设一丁丂丌不与丐专aZ09 ，。\u4dff\u4e00\u9fff\ua000")),
               max_size=80))
def test_real_chars_on_any_text(text: str) -> None:
    assert real_chars(text) == len(_REAL.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_non_space_count_as_meta_counts_it(text: str) -> None:
    assert len("".join(text.split())) == sum(1 for ch in text if not ch.isspace())
