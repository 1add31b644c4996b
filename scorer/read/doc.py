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
HOW_TO_CONVERT = (
    "open it in Word or WPS and save it as .docx (文件 › 另存为 › Word 文档 .docx), "
    "or install LibreOffice (soffice) so that it is converted automatically"
)


def find_converter() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    for exe in _EXECUTABLES:
        found = shutil.which(exe)
        if found:
            return found
    return None


def read_doc(name: str, data: bytes) -> Document:
    """Read a .doc/.wps/.rtf file through LibreOffice; explain how to convert it when that is missing."""
    kind = "an RTF file" if data.lstrip()[:5] == b"{\\rtf" else "a legacy Word/WPS file (.doc/.wps)"
    if data.startswith(_OLE_MAGIC):
        _inspect_ole(name, data)
    exe = find_converter()
    if exe is None:
        raise InputError(name, f"{kind} cannot be read directly; {HOW_TO_CONVERT}")
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
    except Exception as exc:  # olefile raises OSError and others on damaged containers
        detail = " ".join(str(exc).split())[:120]
        if "set_int_max_str_digits" in str(exc):  # a header field of 2**65535: olefile cannot even print it
            detail = "impossible sizes in its header"
        raise InputError(name, f"corrupt or truncated Office file ({detail})") from None
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise InputError(name, "password-protected (encrypted) Word document; save a copy without the password")
    if len(fib) >= 12 and int.from_bytes(fib[10:12], "little") & 0x0100:  # FIB flag fEncrypted
        raise InputError(name, "password-protected (encrypted) Word document; save a copy without the password")
    if "WordDocument" not in streams:
        if "Workbook" in streams or "Book" in streams:
            raise InputError(name, "an Excel workbook, not a report document")
        if "PowerPoint Document" in streams:
            raise InputError(name, "a PowerPoint presentation, not a report document")
        raise InputError(name, "an Office container without a Word document inside")


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
            raise InputError(name, f"LibreOffice could not be started ({exc.strerror or exc})") from None
        try:
            _, err = proc.communicate(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise InputError(
                name, f"LibreOffice did not finish converting within {CONVERT_TIMEOUT:.0f} s; {HOW_TO_CONVERT}"
            ) from None
        except BaseException:  # the worker is being stopped (its time limit, Ctrl+C): no office left running
            _kill_group(proc)
            raise
        result = outdir / "input.docx"
        if not result.is_file():
            last = (err.decode("utf-8", "replace").strip().splitlines() or [""])[-1][:160]
            raise InputError(name, f"LibreOffice could not convert the file (exit {proc.returncode}"
                                   + (f": {last})" if last else ")"))
        return result.read_bytes()


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Stop the converter and the office process it started (same new session), then reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.communicate()
