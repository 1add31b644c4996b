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
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise InputError(name, "zip-corrupt") from None
    if not infos:
        raise InputError(name, "zip-empty")
    if len(infos) > MAX_MEMBERS:
        raise InputError(name, "zip-members", n=len(infos), limit=MAX_MEMBERS)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(name, "zip-encrypted", member=info.filename)
        size = info.file_size
        total += size
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            ratio = size / max(info.compress_size, 1)
            raise InputError(name, "zip-bomb-ratio", member=info.filename, ratio=ratio, mb=size / _MB)
        if info.filename.lower().endswith((".xml", ".rels")) and size > MAX_XML_BYTES:
            raise InputError(name, "zip-xml-huge", member=info.filename, mb=size / _MB)
    if total > MAX_TOTAL_BYTES:
        raise InputError(name, "zip-bomb-total", mb=total / _MB, limit=MAX_TOTAL_BYTES // _MB)
    for info in infos:
        _check_member(name, data, info)
    return [info.filename for info in infos]


def _check_member(name: str, data: bytes, info: zipfile.ZipInfo) -> None:
    """Inflate one member through a bounded stream; InputError unless it holds what it declares."""
    if info.compress_type not in (_STORED, _DEFLATED):
        raise InputError(name, "zip-method", member=info.filename, method=info.compress_type)
    raw = _raw(name, data, info)
    real = len(raw) if info.compress_type == _STORED else _inflated_size(name, raw, info)
    if real > info.file_size:
        raise InputError(name, "zip-bomb-declared", member=info.filename, declared=info.file_size, real=real)
    if real < info.file_size:
        raise InputError(name, "zip-short", member=info.filename, declared=info.file_size, real=real)


def _raw(name: str, data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """A member's compressed bytes, located through its local header as zipfile does."""
    start = info.header_offset
    header = data[start:start + _LOCAL.size]
    if len(header) < _LOCAL.size or header[:4] != b"PK\x03\x04":
        raise InputError(name, "zip-member-corrupt", member=info.filename)
    fields = _LOCAL.unpack(header)
    begin = start + _LOCAL.size + fields[-2] + fields[-1]
    raw = memoryview(data)[begin:begin + info.compress_size]
    if len(raw) < info.compress_size:
        raise InputError(name, "zip-member-corrupt", member=info.filename)
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
    except zlib.error:
        raise InputError(name, "zip-member-corrupt", member=info.filename) from None
    return real
