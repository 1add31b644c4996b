"""Bad files: every one becomes a one-line InputError naming its cause, quickly, never a traceback."""

from __future__ import annotations

import io
import random
import struct
import time
import zipfile
from pathlib import Path

import pytest

from scorer.errors import InputError
from scorer.model import Document
from scorer.read import pdf as pdf_reader
from scorer.read import read_bytes, read_path, zipguard
from scorer.uiwords import input_text
from tests.formats import make, ole, pdfgen
from tests.formats.sample import SAMPLE
from tests.refusals import refused


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return make.write_docx(SAMPLE, tmp_path_factory.mktemp("docx") / "good.docx").read_bytes()


@pytest.fixture(scope="module")
def good_pdf() -> bytes:
    return pdfgen.build_pdf(make.layout(SAMPLE))


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _patch_central(data: bytes, **fields: int) -> bytes:
    """Rewrite fields of every central-directory entry: what a hostile archive claims about itself."""
    offsets = {"flags": (8, "<H"), "compressed": (20, "<I"), "uncompressed": (24, "<I")}
    out = bytearray(data)
    pos = out.find(b"PK\x01\x02")
    while pos >= 0:
        for field, value in fields.items():
            at, fmt = offsets[field]
            struct.pack_into(fmt, out, pos + at, value)
        pos = out.find(b"PK\x01\x02", pos + 4)
    return bytes(out)


def _error(name: str, data: bytes) -> str:
    start = time.monotonic()
    with pytest.raises(InputError) as info:
        read_bytes(name, data)
    assert time.monotonic() - start < 5, "a bad file must be refused quickly"
    message = f"{info.value.path}: {input_text(info.value, 'en')}"
    assert "\n" not in message and message.startswith(f"{name}: ")
    return message


# ---------------------------------------------------------------- Word


def test_corrupt_zip(good_docx: bytes) -> None:
    data = b"PK\x03\x04" + bytes(random.Random(3).randrange(256) for _ in range(4000))
    assert "corrupt or truncated zip" in _error("bad.docx", data)


def test_truncated_docx(good_docx: bytes) -> None:
    assert "corrupt or truncated zip" in _error("cut.docx", good_docx[: len(good_docx) // 2])


def test_docx_with_damaged_xml() -> None:
    data = _zip({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document>not xml"})
    assert "not a readable Word document" in _error("damaged.docx", data)


def test_docx_that_is_not_a_zip() -> None:
    assert "not a Word .docx file" in _error("plain.docx", "这只是一段文字，不是Word文件。".encode())


def test_zip_that_is_not_word() -> None:
    assert "not a Word document" in _error("archive.docx", _zip({"readme.txt": b"hello"}))


def test_password_protected_docx() -> None:
    assert "password-protected" in _error("secret.docx", ole.encrypted_docx())


def test_password_protected_doc() -> None:
    data = ole.build_ole({"WordDocument": ole.word_fib(encrypted=True), "1Table": b"\0"})
    assert "password-protected" in _error("secret.doc", data)


def test_zip_bomb_by_ratio() -> None:
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:p/>" * 2_000_000})
    assert len(bomb) < 200_000
    assert "zip bomb refused" in _error("bomb.docx", bomb)


def test_zip_bomb_by_declared_size() -> None:
    members = {f"word/media/image{i}.bin": b"x" * 100 for i in range(3)}
    lying = _patch_central(_zip(members), compressed=1_000_000, uncompressed=90_000_000)
    message = _error("huge.docx", lying)
    assert "zip bomb refused" in message and "257 MB" in message


def test_zip_with_encrypted_members() -> None:
    encrypted = _patch_central(_zip({"word/document.xml": b"<x/>"}), flags=1)
    assert "encrypted" in _error("locked.docx", encrypted)


def test_guard_limits_are_checked_before_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipguard, "MAX_MEMBERS", 2)
    assert "refusing" in _error("many.docx", _zip({f"f{i}": b"" for i in range(3)}))


def test_empty_docx(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    assert "has no text" in _error("empty.docx", path.read_bytes())


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "zero.docx").write_bytes(b"")
    with refused("file is empty"):
        read_path(tmp_path / "zero.docx")


def test_office_files_of_the_wrong_kind() -> None:
    assert "Excel workbook" in _error("sheet.doc", ole.build_ole({"Workbook": b"\0"}))
    assert "corrupt or truncated Office file" in _error("cut.doc", ole.encrypted_docx()[:700])


# ---------------------------------------------------------------- PDF


def test_password_protected_pdf() -> None:
    data = pdfgen.build_pdf(make.layout(SAMPLE), user_password="secret")
    assert "password-protected PDF" in _error("secret.pdf", data)


def test_pdf_with_only_an_owner_password_is_read() -> None:
    doc = read_bytes("owner.pdf", pdfgen.build_pdf(make.layout(SAMPLE), user_password=""))
    assert "四、2024年工作安排" in [line.text for line in doc.lines]


def test_scanned_pdf_without_text_layer() -> None:
    message = _error("scan.pdf", pdfgen.build_pdf([pdfgen.Page(), pdfgen.Page()]))
    assert message == "scan.pdf: scanned PDF with no text layer; OCR is not supported: score the Word original, or run OCR first"


def test_truncated_and_corrupt_pdf(good_pdf: bytes) -> None:
    assert "corrupt or truncated PDF" in _error("cut.pdf", good_pdf[: len(good_pdf) // 2])
    garbage = b"%PDF-1.7\n" + bytes(random.Random(5).randrange(256) for _ in range(5000))
    assert "corrupt or truncated PDF" in _error("noise.pdf", garbage)
    assert "not a PDF file" in _error("fake.pdf", b"just some words in a file called .pdf")


def test_pdf_with_too_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    pages = [pdfgen.Page([(72, 700, 12, f"第{i}页的内容。")]) for i in range(3)]
    assert "3 pages" in _error("long.pdf", pdfgen.build_pdf(pages))


# ---------------------------------------------------------------- HTML


def test_html_without_article() -> None:
    page = "<html><head><meta charset='gbk'></head><body><ul><li><a href='/'>首页</a></li></ul></body></html>"
    assert "no article text" in _error("nav.html", page.encode("gbk"))


# ---------------------------------------------------------------- never a traceback


@pytest.mark.parametrize("kind", ["docx", "pdf", "html"])
def test_damaged_files_give_a_document_or_an_input_error(
    kind: str, good_docx: bytes, good_pdf: bytes, tmp_path: Path
) -> None:
    good = {"docx": good_docx, "pdf": good_pdf, "html": make.write_html(SAMPLE, tmp_path / "p.html").read_bytes()}
    rng = random.Random(kind)
    original = good[kind]
    start = time.monotonic()
    for _ in range(15):
        data = bytearray(original)
        for _ in range(rng.randrange(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            data = data[: rng.randrange(len(data))]
        try:
            assert isinstance(read_bytes(f"fuzz.{kind}", bytes(data)), Document)
        except InputError as exc:
            assert "\n" not in str(exc)
    assert time.monotonic() - start < 30
