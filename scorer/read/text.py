"""Plain text and Markdown: decode (UTF-8/16 with or without BOM, GB18030) and split into lines."""

from __future__ import annotations

import re

from scorer.errors import InputError
from scorer.model import Document, Line

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: Chinese text has a zero byte in most ASCII positions; text that is
    nearly all Chinese has few, so a sample that decodes to text (not binary) either way counts too."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0)
    odd_zero = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zero > half * 0.2 and even_zero < half * 0.05:
        return "utf-16-le"
    if even_zero > half * 0.2 and odd_zero < half * 0.05:
        return "utf-16-be"
    if even_zero + odd_zero == 0:
        return None
    sample = sample[: len(sample) // 2 * 2]
    best, share = None, 0.0
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            chars = sample.decode(enc)
        except UnicodeDecodeError:
            chars = sample[:-2].decode(enc, "ignore")  # the sample may end inside a surrogate pair
        if chars:
            got = len(_TEXTLIKE.findall(chars)) / len(chars)
            if got > share:
                best, share = enc, got
    return best if share >= 0.95 else None


# What Chinese text is made of: CJK ideographs and punctuation, full-width forms, printable ASCII.
_TEXTLIKE = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e\t\n\r]")


def decode(name: str, data: bytes) -> tuple[str, str]:
    """Decode bytes as text, returning (text, encoding); InputError when it is not text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise InputError(name, "bad-bom", enc=enc) from None
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise InputError(name, "unsupported")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged, "utf-8"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _plausible_chinese(text):
        return text, "gb18030"
    from charset_normalizer import from_bytes  # heavy: only for files that are neither UTF nor GB

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError(name, "unknown-encoding")
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        raise InputError(name, "unknown-encoding-guess", enc=best.encoding) from None


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")  # below 32, except \t \n \v \f \r
_BAD_BYTE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape decodes it
MAX_BAD_SHARE = 0.001  # of the bytes: more damage than this is another encoding, not a few stray bytes
_MIN_BAD_ALLOWED = 4  # a truncated download cuts up to 3 bytes of a character; a stray byte is 1


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few bad bytes (a stray byte, a download cut inside a character), each read as
    U+FFFD, which the mojibake rule then reports with its line; None when the damage is too much,
    or when the valid part does not look like UTF-8 text (GBK text with a few Chinese characters
    among ASCII has invalid sequences, but hardly any valid multi-byte ones)."""
    loose = data.decode("utf-8", "surrogateescape")
    bad = len(_BAD_BYTE.findall(loose))
    if bad > max(_MIN_BAD_ALLOWED, int(len(data) * MAX_BAD_SHARE)):
        return None
    multibyte = len(loose) - len(loose.encode("ascii", "ignore")) - bad
    if multibyte < 20 * bad:
        return None
    return data.decode("utf-8", "replace")


def _plausible_chinese(text: str) -> bool:
    sample = text[:5000]
    # Compiled here, not at import: only a GB18030 file gets this far, and the class is slow to build.
    cjk = len(re.findall("[\u4e00-\u9fff]", sample))
    odd = len(re.findall("[\ue000-\uf8ff\ufffd]", sample))  # private use, replacement character
    return cjk > 0 and odd * 20 < cjk


def split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = len(_CONTROL.findall(sample))
    return bad / len(sample)


def read_text(name: str, data: bytes) -> Document:
    text, enc = decode(name, data)
    if _control_ratio(text) > 0.01:
        raise InputError(name, "control-chars")
    if not text.strip():
        raise InputError(name, "empty")
    lines = tuple(Line(t, i + 1) for i, t in enumerate(split_lines(text)))
    return Document(path=name, format="text", lines=lines, encoding=enc)


def read_markdown(name: str, data: bytes) -> Document:
    doc = read_text(name, data)
    out: list[Line] = []
    for line in doc.lines:
        m = _MD_HEADING.match(line.text.strip())
        if m:
            out.append(Line(m.group(2), line.source, level=len(m.group(1))))
        else:
            out.append(Line(re.sub(r"^\s*(?:[-*+]\s+|>\s?)", "", line.text), line.source))
    return Document(path=name, format="markdown", lines=tuple(out), encoding=doc.encoding)
