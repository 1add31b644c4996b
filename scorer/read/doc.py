"""Legacy Word .doc, WPS .wps and RTF: refuse encrypted files, else convert with LibreOffice and read as .docx."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from scorer.errors import InputError
from scorer.model import Document
from scorer.read.docx import read_docx

CONVERT_TIMEOUT = 60.0  # seconds; LibreOffice converts a report in a few, but can hang on a bad file
_EXECUTABLES = ("soffice", "libreoffice")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def find_converter() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    for exe in _EXECUTABLES:
        found = shutil.which(exe)
        if found:
            return found
    return None


def read_doc(name: str, data: bytes) -> Document:
    """Read a .doc/.wps/.rtf file through LibreOffice; explain how to convert it when that is missing."""
    kind = "rtf-no-office" if data.lstrip()[:5] == b"{\\rtf" else "doc-no-office"
    if data.startswith(_OLE_MAGIC):
        _inspect_ole(name, data)
    exe = find_converter()
    if exe is None:
        raise InputError(name, kind)
    docx_bytes = _convert(name, data, exe)
    doc = read_docx(name, docx_bytes)
    return Document(path=name, format="doc", lines=doc.lines, encoding=doc.encoding)


def _inspect_ole(name: str, data: bytes) -> None:
    """Name the problem in an OLE compound file before converting: encryption or the wrong program."""
    try:
        import olefile  # type: ignore[import-untyped, unused-ignore]

        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir()}
            fib = ole.openstream("WordDocument").read(12) if "WordDocument" in streams else b""
    except Exception:  # olefile raises OSError and others on damaged containers (even ValueError for a
        # header field of 2**65535, whose text is Python's own): the clerk is told what to do, not that
        raise InputError(name, "doc-corrupt") from None
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise InputError(name, "encrypted-word")
    if len(fib) >= 12 and int.from_bytes(fib[10:12], "little") & 0x0100:  # FIB flag fEncrypted
        raise InputError(name, "encrypted-word")
    if "WordDocument" not in streams:
        if "Workbook" in streams or "Book" in streams:
            raise InputError(name, "excel")
        if "PowerPoint Document" in streams:
            raise InputError(name, "powerpoint")
        raise InputError(name, "office-no-word")


def _convert(name: str, data: bytes, exe: str) -> bytes:
    suffix = Path(name).suffix.lower()
    if suffix not in (".doc", ".wps", ".rtf", ".dot", ".wpt"):
        suffix = ".rtf" if data.lstrip()[:5] == b"{\\rtf" else ".doc"
    with tempfile.TemporaryDirectory(prefix="scorer-doc-") as tmp:
        work = Path(tmp)
        source = work / f"input{suffix}"
        source.write_bytes(data)
        outdir = work / "out"
        outdir.mkdir()
        # A private profile: no clash with a LibreOffice the user has open, no first-start dialogs.
        profile = (work / "profile").as_uri()
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--nologo",
               "--norestore", "--nolockcheck", "--nodefault", "--convert-to", "docx", "--outdir",
               str(outdir), str(source)]
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, cwd=tmp, start_new_session=True)
        except OSError as exc:
            raise InputError(name, "office-start", detail=exc.strerror or str(exc)) from None
        try:
            proc.communicate(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise InputError(name, "office-timeout", seconds=f"{CONVERT_TIMEOUT:.0f}") from None
        except BaseException:  # the worker is being stopped (its time limit, Ctrl+C): no office left running
            _kill_group(proc)
            raise
        result = outdir / "input.docx"
        if not result.is_file():  # (its stderr is LibreOffice's own words: the exit code is enough)
            raise InputError(name, "office-failed", code=proc.returncode)
        return result.read_bytes()


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Stop the converter and the office process it started (same new session), then reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.communicate()
