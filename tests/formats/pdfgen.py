"""A small PDF writer for tests: Chinese text laid out in lines, optionally password-protected.

It uses the standard CJK font STSong-Light by name (Adobe-GB1, UniGB-UCS2-H), which a PDF may
reference without embedding, so tests need no font file and no PDF library. Encryption is the
standard security handler, revision 2 (RC4, 40-bit), which every PDF reader understands.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


@dataclass
class Page:
    runs: list[tuple[float, float, float, str]] = field(default_factory=list)  # x, y, size, text


def char_width(ch: str, size: float) -> float:
    """Half width for ASCII (CIDs 1-95 are declared 500 wide), full width for the rest."""
    return size * (0.5 if ord(ch) < 128 else 1.0)


def text_width(text: str, size: float) -> float:
    return sum(char_width(ch, size) for ch in text)


def wrap(text: str, width: float, size: float, first_indent: float = 0.0) -> list[str]:
    """Greedy line breaking by character, as Chinese typesetting does."""
    lines: list[str] = []
    current, used, limit = "", 0.0, width - first_indent
    for ch in text:
        w = char_width(ch, size)
        if current and used + w > limit:
            lines.append(current)
            current, used, limit = "", 0.0, width
        current += ch
        used += w
    if current:
        lines.append(current)
    return lines


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _pad(password: str) -> bytes:
    return (password.encode("latin-1") + _PAD)[:32]


def _encrypt_dict(user: str, owner: str, file_id: bytes) -> tuple[bytes, bytes, bytes]:
    """(O, U, file key) for the standard security handler, revision 2 (PDF 1.7, algorithms 2-4)."""
    owner_key = hashlib.md5(_pad(owner or user)).digest()[:5]
    o = _rc4(owner_key, _pad(user))
    permissions = struct.pack("<i", -4)
    key = hashlib.md5(_pad(user) + o + permissions + file_id).digest()[:5]
    u = _rc4(key, _PAD)
    return o, u, key


def build_pdf(pages: list[Page], user_password: str | None = None) -> bytes:
    """Assemble pages into a PDF file (no text at all when every page's runs are empty)."""
    file_id = hashlib.md5(repr([p.runs for p in pages]).encode()).digest()
    key = b""
    o = u = b""
    if user_password is not None:
        o, u, key = _encrypt_dict(user_password, "owner-" + user_password, file_id)
    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def crypt(num: int, data: bytes) -> bytes:  # strings and streams of an encrypted file (algorithm 1)
        return _rc4(hashlib.md5(key + struct.pack("<i", num)[:3] + b"\0\0").digest()[:10], data) if key else data

    def stream(num: int, data: bytes) -> bytes:
        data = crypt(num, data)
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    catalog = add(b"")
    pages_obj = add(b"")
    cid_num = len(objects) + 1
    cid = add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
              b"<< /Registry <%s> /Ordering <%s> /Supplement 2 >> /FontDescriptor %d 0 R "
              b"/DW 1000 /W [1 95 500] >>" % (crypt(cid_num, b"Adobe").hex().encode(),
                                              crypt(cid_num, b"GB1").hex().encode(), cid_num + 1))
    add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H "
               b"/Encoding /UniGB-UCS2-H /DescendantFonts [%d 0 R] >>" % cid)
    encrypt = None
    if user_password is not None:
        encrypt = add(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (o.hex().encode(), u.hex().encode()))
    kids = []
    for page in pages:
        ops = [b"BT"]
        for x, y, size, text in page.runs:
            hexed = text.encode("utf-16-be", errors="replace").hex().encode()
            ops.append(b"/F1 %.1f Tf 1 0 0 1 %.2f %.2f Tm <%s> Tj" % (size, x, y, hexed))
        ops.append(b"ET")
        content_num = len(objects) + 1
        content = add(stream(content_num, b"\n".join(ops)))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_obj, PAGE_W, PAGE_H, content, font)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    trailer = b"<< /Size %d /Root %d 0 R /ID [<%s> <%s>]" % (
        len(objects) + 1, catalog, file_id.hex().encode(), file_id.hex().encode())
    if encrypt is not None:
        trailer += b" /Encrypt %d 0 R" % encrypt
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
