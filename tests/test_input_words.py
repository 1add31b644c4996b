"""Why a file cannot be scored is said from the interface words (rubrics/ui/input.yaml), in Chinese by default with
what to do, in English with --lang en; never a Python exception's own text."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from scorer.errors import InputError
from scorer.model import FileError, RunResult
from scorer.read import read_bytes
from scorer.uiwords import file_error, input_text, localized, reason, table
from tests.conftest import ROOT
from tests.formats import ole, pdfgen

SOURCES = sorted((ROOT / "scorer").rglob("*.py"))
# Three English words in a row: an English sentence, which the Chinese words must not hold.
ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ,;:()]+[A-Za-z]{2,}){2,}")
PYTHON = re.compile(r"Error\b|Exception|Traceback|digits|sys\.|\bint\b|codec")


def _literal_keys() -> set[str]:
    """Every key given to InputError(path, KEY, …) or file_error(path, KEY, …) as a literal in the code."""
    keys = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in ("InputError", "file_error"):
                    keys.add(node.args[1].value)
    return keys


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_reason_the_code_gives_has_its_words_and_every_word_is_given() -> None:
    words = table("input")
    literal = _literal_keys()
    assert literal and literal <= set(words), literal - set(words)
    code = "\n".join(p.read_text("utf-8") for p in SOURCES)
    unused = [key for key in words if f'"{key}"' not in code]
    assert not unused, unused


@pytest.mark.parametrize("key", sorted(table("input")))
def test_each_reason_in_both_languages(key: str) -> None:
    entry = table("input")[key]
    assert set(entry) == {"zh", "en"}
    assert _fields(entry["zh"]) <= _fields(entry["en"])  # the Chinese leaves out technical details, never adds
    values = {name: 1234 for name in _fields(entry["en"])}
    zh, en = reason(key, values, "zh"), reason(key, values, "en")
    assert not ENGLISH.search(zh), zh  # no English sentence on the Chinese side
    assert re.search("[\u4e00-\u9fff]", zh) and not re.search("[\u4e00-\u9fff]", en.split("(文件")[0]), (zh, en)


BAD = {
    "empty.txt": b"",
    "not-word.docx": b"PK\x03\x04 this is not really a Word file",
    "secret.docx": ole.encrypted_docx(),
    "scan.pdf": pdfgen.build_pdf([pdfgen.Page(), pdfgen.Page()]),
    "program.exe": bytes(range(256)) * 8,
    "fake.doc": bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(18) + b"\x3e\x00\x03\x00\xfe\xff\xff\xff"
                      + bytes(480)) + b"9" * 5000,
    "cut.pdf": b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_file_is_told_in_chinese_with_what_to_do_never_in_python_words(name: str) -> None:
    with pytest.raises(InputError) as info:
        read_bytes(name, BAD[name], 1 << 20)
    zh, en = input_text(info.value, "zh"), input_text(info.value, "en")
    assert not ENGLISH.search(zh) and not PYTHON.search(zh) and not PYTHON.search(en), (zh, en)
    assert zh.endswith("。") and str(info.value) == f"{name}: {info.value.key}"  # the error holds no words


def test_too_big_says_the_sizes() -> None:
    with pytest.raises(InputError) as info:
        read_bytes("big.txt", "依法行政。".encode() * 100, 100)
    assert info.value.key == "too-big" and input_text(info.value, "zh").startswith("文件有1,500字节,超过100字节的上限。")


def test_the_json_errors_are_said_in_the_output_language_with_their_key() -> None:
    result = RunResult((), (file_error("a.txt", "empty"), FileError("b.yaml", "a rubric's own line")))
    zh = localized(result, "zh").to_dict()["errors"]
    assert zh == [{"path": "a.txt", "message": "文件是空的。请检查是否选错了文件。", "key": "empty"},
                  {"path": "b.yaml", "message": "a rubric's own line"}]
    assert localized(result, "en").to_dict()["errors"][0]["message"] == "file is empty"


def test_an_input_error_crosses_a_process_boundary() -> None:
    import pickle

    again = pickle.loads(pickle.dumps(InputError("x.pdf", "pdf-too-many-pages", n=400, limit=300)))
    assert (again.path, again.key, again.params) == ("x.pdf", "pdf-too-many-pages", {"n": 400, "limit": 300})


def test_the_rule_explanations_cover_every_rule() -> None:
    from scorer.checks import all_rules

    words = table("rules")
    for rid in all_rules():
        assert set(words[rid]) == {"why", "pass", "fail"}, rid
        assert all(re.search("[\u4e00-\u9fff]", words[rid][k]) for k in ("why", "pass", "fail")), rid


def test_every_word_file_has_both_languages() -> None:
    for name in ("comments", "clerk"):
        for key, entry in table(name).items():
            assert set(entry) == {"zh", "en"} and _fields(entry["zh"]) == _fields(entry["en"]), (name, key)


def test_the_words_live_in_files_the_package_ships() -> None:
    ui = ROOT / "rubrics" / "ui"
    assert {"input.yaml", "comments.yaml", "clerk.yaml", "rules.yaml"} <= {p.name for p in Path(ui).iterdir()}
