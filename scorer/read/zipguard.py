"""Vet a zip container (a .docx) before anything inflates it: corrupt, encrypted, or a zip bomb."""

from __future__ import annotations

import io
import zipfile

from scorer.errors import InputError

MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all members together, as declared in the central directory
MAX_XML_BYTES = 64 * 1024 * 1024  # one XML part; a real report's document.xml is a few MB at most
MAX_RATIO = 100  # inflated / compressed, for members large enough to matter
RATIO_FLOOR = 1024 * 1024  # members that inflate to less than this may compress as well as they like
MAX_MEMBERS = 10_000

_MB = 1024 * 1024


def vet_zip(name: str, data: bytes) -> list[str]:
    """The member names of a zip that is safe to open, or InputError saying what is wrong.

    Only the central directory is read here; nothing is inflated. The declared sizes are
    trustworthy enough because Python's zipfile stops inflating a member at its declared size
    (and then fails its CRC), so a member that lies about its size cannot grow past it.
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
    return [info.filename for info in infos]
