"""Read a report file into a Document: choose a reader by content and extension (explicit registry)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from scorer.errors import InputError
from scorer.limits import read_capped
from scorer.model import Document
from scorer.read import text
from scorer.read.reflow import reflow, split_sections, unglue

Reader = Callable[[str, bytes], Document]


def _lazy(module: str, name: str) -> Reader:
    """``scorer.read.<module>.<name>``, imported on the first call (a plain-text run never loads
    the Word, PDF or HTML readers and what they import)."""

    def reader(path: str, data: bytes) -> Document:
        fn: Reader = getattr(importlib.import_module(f"scorer.read.{module}"), name)
        return fn(path, data)

    reader.__module__ = f"scorer.read.{module}"
    reader.__name__ = reader.__qualname__ = name
    return reader


# Format name -> reader. Each reader takes (display path, raw bytes) and returns a Document or
# raises InputError with a one-line reason. A test checks that every module here is registered.
READERS: dict[str, Reader] = {
    "text": text.read_text,
    "markdown": text.read_markdown,
    "docx": _lazy("docx", "read_docx"),
    "html": _lazy("html", "read_html"),
    "pdf": _lazy("pdf", "read_pdf"),
    "doc": _lazy("doc", "read_doc"),
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".doc": "doc",
    ".wps": "doc",
    ".rtf": "doc",
}

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def sniff(name: str, data: bytes) -> str:
    """The format of a file, from its first bytes first and its extension second."""
    head = data[:2048].lstrip()
    lowered = head[:512].lower()
    if b"%PDF-" in data[:1024] and "pdf" in READERS:
        return "pdf"
    if data.startswith(b"PK\x03\x04") and "docx" in READERS:
        return "docx"
    if (data.startswith(b"\xd0\xcf\x11\xe0") or head.startswith(b"{\\rtf")) and "doc" in READERS:
        return "doc"
    if (lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered) and "html" in READERS:
        return "html"
    ext = Path(name).suffix.lower()
    fmt = EXTENSIONS.get(ext)
    if fmt is not None and fmt in READERS:
        return fmt
    return "text"


def read_bytes(name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Turn raw bytes into a Document, naming ``name`` in every error."""
    if len(data) > max_bytes:
        raise InputError(name, "too-big", size=len(data), limit=max_bytes)
    if not data.strip():
        raise InputError(name, "empty")
    return split_sections(unglue(reflow(READERS[sniff(name, data)](name, data))))


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file from disk; the only place in the pipeline that touches the file system.

    Only a regular file is read (a FIFO, a device or a socket is refused), and never more than
    ``max_bytes``, whatever size the file system reports (scorer.limits.read_capped).
    """
    return read_bytes(str(path), read_capped(path, max_bytes), max_bytes)
