"""A minimal OLE compound-file writer for tests: what Word's .doc and encrypted .docx files are built on.

Version 3 (512-byte sectors), one FAT sector, every stream padded to the 4 KiB mini-stream cutoff
so that no mini FAT is needed. Enough for olefile and LibreOffice to open the container.
"""

from __future__ import annotations

import struct

_SECTOR = 512
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
    raw = name.encode("utf-16-le") + b"\0\0" if name else b""
    return (raw.ljust(64, b"\0") + struct.pack("<HBB3I", len(raw), kind, 1, left, right, child)
            + b"\0" * 36 + struct.pack("<IQ", start, size))


def build_ole(streams: dict[str, bytes]) -> bytes:
    """A compound file holding ``streams`` at its root (names under 32 characters)."""
    # Directory siblings must ascend by (length, upper-case name); a right-leaning chain does.
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    datas = [streams[n].ljust(4096, b"\0") for n in names]
    datas = [d.ljust(-(-len(d) // _SECTOR) * _SECTOR, b"\0") for d in datas]
    fat: list[int] = [_FATSECT]
    starts = []
    for data in datas:
        count = -(-len(data) // _SECTOR)
        first = len(fat)
        starts.append(first)
        fat.extend(range(first + 1, first + count))
        fat.append(_END)
    entries = [_entry("Root Entry", 5, _NOSTREAM, _NOSTREAM, 1 if names else _NOSTREAM, _END, 0)]
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else _NOSTREAM
        entries.append(_entry(name, 2, _NOSTREAM, right, _NOSTREAM, starts[i], max(len(streams[name]), 4096)))
    while len(entries) % 4:
        entries.append(_entry("", 0, _NOSTREAM, _NOSTREAM, _NOSTREAM, 0, 0))
    dir_first = len(fat)
    dir_count = len(entries) // 4
    fat.extend(range(dir_first + 1, dir_first + dir_count))
    fat.append(_END)
    if len(fat) > _SECTOR // 4:
        raise ValueError("streams too large for a one-sector FAT")
    fat.extend([_FREE] * (_SECTOR // 4 - len(fat)))
    header = (MAGIC + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, dir_first, 0, 4096, _END, 0, _END, 0)
              + struct.pack("<I", 0) + struct.pack("<I", _FREE) * 108)
    body = struct.pack(f"<{len(fat)}I", *fat) + b"".join(datas) + b"".join(entries)
    return header + body


def word_fib(encrypted: bool = False) -> bytes:
    """The start of a WordDocument stream: a File Information Block, flagged encrypted or not."""
    flags = 0x0100 if encrypted else 0
    return struct.pack("<HHHHHH", 0xA5EC, 0x00C1, 0, 0x0804, 0, flags) + b"\0" * 500


def encrypted_docx() -> bytes:
    """What Word writes for a .docx with a password: the package encrypted inside an OLE container."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version=\"1.0\"?><encryption/>"
    return build_ole({"EncryptionInfo": info, "EncryptedPackage": struct.pack("<Q", 9000) + b"\x5a" * 9000})
