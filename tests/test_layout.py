"""The 公文 layout vocabulary (rubrics/vocabulary/layout.yaml): loaded once, every entry a valid pattern."""

from __future__ import annotations

import re

from scorer.layout import _data, words
from scorer.rubric import builtin_ids


def test_every_entry_is_a_list_of_patterns_that_compile() -> None:
    for group, entries in _data().items():
        for name, items in entries.items():
            assert isinstance(items, list) and items, f"{group}.{name}"
            re.compile(words(f"{group}.{name}"))


def test_words_joins_alternatives() -> None:
    assert re.fullmatch(words("title.document_type"), "总结")
    assert re.search(words("organs.self"), "我局坚持依法行政").group(1) == "局"  # type: ignore[union-attr]


def test_the_vocabulary_is_not_a_rubric() -> None:
    assert "layout" not in builtin_ids()


def test_the_facts_stage_reads_organ_endings_from_the_vocabulary() -> None:
    from scorer.meta import level_of
    from scorer.model import NormalizedDocument

    doc = NormalizedDocument("x", "text", (), (), (), "simplified")
    assert level_of("青禾县市场监督管理局", doc) == "department"
    assert level_of("青禾县清溪镇人民政府", doc) == "township"
