"""The output formats' interface words (rubrics/ui/render.yaml): complete in both languages, same blanks."""

from __future__ import annotations

import string

from scorer.i18n import _words, t, tn


def _blanks(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_word_is_said_in_both_languages_with_the_same_blanks() -> None:
    words = _words()
    assert all(isinstance(k, str) for k in words), "a key YAML reads as something else (yes, no, on…): quote it"
    for key, said in words.items():
        if key.endswith("_one"):  # a language's form for one, only where it has one
            assert key.removesuffix("_one") in words and set(said) <= {"zh", "en"}, key
            continue
        assert set(said) == {"zh", "en"}, key
        assert _blanks(said["zh"]) == _blanks(said["en"]), key


def test_words_are_filled_counted_and_fall_back() -> None:
    assert t("zh", "verdict") == "结论" and t("en", "verdict") == "Verdict"
    assert t("en", "line", n=12) == "line 12" and t("zh", "line", n=12) == "第12行"
    assert tn("en", "n_errors", 1) == "1 error" and tn("en", "n_errors", 3) == "3 errors"
    assert tn("zh", "n_errors", 1) == t("zh", "n_errors", n=1)
    assert t("fr", "verdict") == "结论"  # an unknown language: Chinese
    assert t("zh", "no-such-word") == "no-such-word"
