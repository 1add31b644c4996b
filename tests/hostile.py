"""Hostile inputs, made at run time (nothing big is stored): lying zip bombs, slow and huge files, bad names."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from tests.conftest import REPORTS

SAMPLE = (REPORTS / "qinghe-county-2024.txt").read_text("utf-8")
HEADING = "一、主要举措和成效\n"


def docx(text: str = SAMPLE) -> bytes:
    """A real .docx (python-docx) with one paragraph per line."""
    import docx as python_docx

    doc = python_docx.Document()
    for line in text.split("\n"):
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _deflate_zeros(size: int) -> bytes:
    """A raw deflate stream of ``size`` zero bytes, a multiple of 1 MB (about a thousand times smaller).

    Each megabyte is flushed to a byte boundary; once the window is full of zeros, every megabyte
    compresses to the same bytes, so the stream is built by repeating them instead of compressing GBs.
    """
    out = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    chunk = bytes(1 << 20)
    first, unit = (out.compress(chunk) + out.flush(zlib.Z_SYNC_FLUSH) for _ in range(2))
    assert out.compress(chunk) + out.flush(zlib.Z_SYNC_FLUSH) == unit
    return first + unit * ((size >> 20) - 2) + out.flush()


def lying_zip_bomb(inflates_to: int = 512 << 20, declares: int = 1000, member: str = "word/document.xml") -> bytes:
    """A real .docx whose ``member`` declares ``declares`` bytes in both headers while its deflate
    stream inflates to ``inflates_to``: the central directory's sizes look perfectly innocent."""
    base = zipfile.ZipFile(io.BytesIO(docx("一、主要举措和成效")))
    parts: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for info in base.infolist():
        content = base.read(info)
        if info.filename == member:
            raw, size, crc = _deflate_zeros(inflates_to), declares, zlib.crc32(bytes(declares))
        else:
            packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
            raw, size, crc = packer.compress(content) + packer.flush(), len(content), zlib.crc32(content)
        name = info.filename.encode()
        local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(raw), size, len(name), 0)
        directory.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(raw), size,
                                     len(name), 0, 0, 0, 0, 0, offset) + name)
        parts.append(local + name + raw)
        offset += len(local) + len(name) + len(raw)
    central = b"".join(directory)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(directory), len(directory), len(central), offset, 0)
    return b"".join(parts) + central + end


def many_headings(copies: int = 100_000) -> bytes:
    """One heading line, many times (2.8 MB at 100,000): quadratic matching took 51 s."""
    return (HEADING * copies).encode("utf-8")


def many_paragraph_tags(count: int = 500_000) -> bytes:
    """A page of ``count`` empty-ish <p> (4 MB at 500,000): 1.2 GB and 35 s to extract."""
    return b"<html><body>" + b"<p>a</p>" * count + b"</body></html>"


def deep_divs(depth: int = 5_000) -> bytes:
    """A real report's text inside ``depth`` nested <div>: libxml2 drops what is deeper than 256."""
    body = "".join(f"<p>{line}</p>" for line in SAMPLE.split("\n") if line.strip())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>报告</title></head><body>"
            f"{'<div>' * depth}{body}{'</div>' * depth}</body></html>").encode()


def billion_laughs(levels: int = 12) -> str:
    """A YAML document a few hundred bytes long whose aliases expand to 9**levels strings."""
    lines = ['l0: &l0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def deep_yaml(depth: int = 50_000) -> str:
    return "title: " + "[" * depth + "]" * depth + "\n"


def stray_byte(text: str = SAMPLE, at: int = 500) -> bytes:
    """UTF-8 with one byte that is no UTF-8 at all, between two characters near ``at``."""
    data = text.encode("utf-8")
    while data[at] & 0xC0 == 0x80:  # not inside a character: a stray byte, not a broken one
        at += 1
    return data[:at] + b"\xff" + data[at:]


def cut_in_a_character(text: str = SAMPLE) -> bytes:
    """A download cut off in the middle of a three-byte character."""
    data = text.encode("utf-8")
    end = len(data) * 2 // 3
    while data[end] & 0xF0 != 0xE0:
        end += 1
    return data[:end + 2]


def crowded_pdf(chars: int = 200_000) -> bytes:
    """A one-page PDF with ``chars`` characters drawn one by one at scattered places: a few MB that
    the layout analysis takes minutes over (pdfminer groups every character with its neighbours)."""
    from tests.formats.pdfgen import Page, build_pdf

    runs = [(20.0 + (i * 7919) % 560, 20.0 + (i * 104729) % 800, 4.0, "法治政府建设"[i % 6]) for i in range(chars)]
    return build_pdf([Page(runs)])
