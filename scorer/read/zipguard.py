"""Vet a zip container (a .docx) before any reader inflates it: corrupt, encrypted, or a zip bomb."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from scorer.errors import InputError

MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all members together, as declared in the central directory
MAX_XML_BYTES = 64 * 1024 * 1024  # one XML part; a real report's document.xml is a few MB at most
MAX_RATIO = 100  # inflated / compressed, for members large enough to matter
RATIO_FLOOR = 1024 * 1024  # members that inflate to less than this may compress as well as they like
MAX_MEMBERS = 10_000

_MB = 1024 * 1024
_CHUNK = 256 * 1024  # inflated bytes per step: what a lying member can cost before it is caught
_LOCAL = struct.Struct("<4s5H3L2H")  # a member's local header: signature ... name length, extra length
_STORED, _DEFLATED = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED


def vet_zip(name: str, data: bytes) -> list[str]:
    """The member names of a zip that is safe to open, or InputError saying what is wrong.

    First the central directory: counts, encryption and the sizes it declares. Then every member
    is inflated through a bounded stream (a step of 256 KB at a time, nothing kept) and its real
    size compared with the declared one. This is needed: a member can declare 1,000 bytes and
    inflate to gigabytes, and Python's zipfile, which python-docx reads with, inflates a member
    in one call before cutting it to its declared size (2 GB of memory from a 2 MB file).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise InputError(name, f"corrupt or truncated zip archive ({exc})") from None
    except (OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise InputError(name, f"corrupt or truncated zip archive ({exc})") from None
    if not infos:
        raise InputError(name, "empty zip archive (no files inside)")
    if len(infos) > MAX_MEMBERS:
        raise InputError(name, f"zip archive holds {len(infos):,} files; refusing (limit {MAX_MEMBERS:,})")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(name, f"zip member {info.filename} is encrypted (password-protected archive)")
        size = info.file_size
        total += size
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            ratio = size / max(info.compress_size, 1)
            raise InputError(
                name,
                f"zip bomb refused: {info.filename} would inflate {ratio:,.0f}x to {size / _MB:,.0f} MB",
            )
        if info.filename.lower().endswith((".xml", ".rels")) and size > MAX_XML_BYTES:
            raise InputError(
                name, f"{info.filename} would inflate to {size / _MB:,.0f} MB; too large for a report"
            )
    if total > MAX_TOTAL_BYTES:
        raise InputError(
            name,
            f"zip bomb refused: contents would inflate to {total / _MB:,.0f} MB "
            f"(limit {MAX_TOTAL_BYTES // _MB} MB)",
        )
    for info in infos:
        _check_member(name, data, info)
    return [info.filename for info in infos]


def _check_member(name: str, data: bytes, info: zipfile.ZipInfo) -> None:
    """Inflate one member through a bounded stream; InputError unless it holds what it declares."""
    if info.compress_type not in (_STORED, _DEFLATED):
        raise InputError(name, f"zip member {info.filename} uses compression method {info.compress_type}; "
                               "a Word document is stored or deflated only")
    raw = _raw(name, data, info)
    real = len(raw) if info.compress_type == _STORED else _inflated_size(name, raw, info)
    if real > info.file_size:
        raise InputError(name, f"zip bomb refused: {info.filename} declares {info.file_size:,} bytes "
                               f"but inflates to more ({real:,} bytes at least)")
    if real < info.file_size:
        raise InputError(name, f"corrupt or truncated zip archive ({info.filename} declares "
                               f"{info.file_size:,} bytes but holds {real:,})")


def _raw(name: str, data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """A member's compressed bytes, located through its local header as zipfile does."""
    start = info.header_offset
    header = data[start:start + _LOCAL.size]
    if len(header) < _LOCAL.size or header[:4] != b"PK\x03\x04":
        raise InputError(name, f"corrupt or truncated zip archive (bad local header for {info.filename})")
    fields = _LOCAL.unpack(header)
    begin = start + _LOCAL.size + fields[-2] + fields[-1]
    raw = memoryview(data)[begin:begin + info.compress_size]
    if len(raw) < info.compress_size:
        raise InputError(name, f"corrupt or truncated zip archive ({info.filename} is cut short)")
    return raw


def _inflated_size(name: str, raw: memoryview, info: zipfile.ZipInfo) -> int:
    """How many bytes a deflate stream inflates to, counted up to one step past the declared size."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    real = 0
    pending: bytes | memoryview = raw
    try:
        while True:
            out = inflater.decompress(pending, _CHUNK)
            real += len(out)
            if real > info.file_size:
                return real
            pending = inflater.unconsumed_tail
            if not pending:
                if not out or inflater.eof:
                    break
                continue
        real += len(inflater.flush())
    except zlib.error as exc:
        raise InputError(name, f"corrupt zip member {info.filename} ({exc})") from None
    return real
