"""The bounds every file is held to: regular files only, reads capped, YAML without aliases, shallow data."""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path
from typing import Any

from scorer.errors import InputError

MAX_DEPTH = 64  # nesting of YAML and JSON data; a rubric needs 8 levels, a baseline 5
MAX_SETTINGS_BYTES = 4 * 1024 * 1024  # a rubric or a config file; the national rubric is 40 KB
MAX_BASELINE_BYTES = 256 * 1024 * 1024  # a baseline of 100,000 reports
_CHUNK = 1024 * 1024
LONG_NUMBER = "a number too long to read (more than 4,300 digits)"  # Python refuses to convert those

Where = tuple[str | int, ...]


# What a file that is not a regular file is: the key of its reason (rubrics/ui/input.yaml).
_KINDS = ((stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"), (stat.S_ISSOCK, "socket"))


def _kind(mode: int) -> str | None:
    """Why a file of this mode is not read (the key of the reason); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is-folder"
    return next((key for test, key in _KINDS if test(mode)), "not-regular")


def read_capped(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, whatever its size claims to be.

    The file is opened without blocking (a FIFO swapped in after a check cannot hang the open)
    and checked on the open descriptor, so there is no window between the check and the read;
    then at most ``max_bytes + 1`` bytes are read. InputError names the problem in one line.
    """
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(name, "not-found") from None
    except PermissionError:
        raise InputError(name, "permission") from None
    except IsADirectoryError:
        raise InputError(name, "is-folder") from None
    except OSError as exc:  # a socket cannot even be opened (ENXIO): say what it is
        try:
            problem = _kind(os.stat(path).st_mode)
        except OSError:
            problem = None
        raise InputError(name, problem or "os-error", detail=exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        problem = _kind(info.st_mode)
        if problem is not None:
            raise InputError(name, problem)
        if info.st_size > max_bytes:
            raise InputError(name, "too-big", size=info.st_size, limit=max_bytes)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        parts: list[bytes] = []
        got = 0
        while got <= max_bytes:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - got))
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
    except IsADirectoryError:
        raise InputError(name, "is-folder") from None
    except OSError as exc:
        raise InputError(name, "os-error", detail=exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    if got > max_bytes:  # a file that grew, or a size the file system does not report (/proc)
        raise InputError(name, "over-limit", limit=max_bytes)
    return b"".join(parts)


def read_settings_text(path: Path | str, max_bytes: int = MAX_SETTINGS_BYTES) -> str:
    """A rubric, config or baseline file as UTF-8 text (capped like a report); InputError otherwise."""
    data = read_capped(path, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), "not-utf8", byte=exc.start) from None


def yaml_hazard(text: str) -> tuple[int, str] | None:
    """(line, problem) of the first alias or over-deep nesting in a YAML text, else None.

    Read as a stream of parser events, which neither builds the data nor recurses: an alias
    (``*name``) can make a few lines expand to gigabytes in whoever walks the data, and deep
    nesting exhausts the recursion of the loaders. Syntax errors are left to the loader.
    """
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    for loader in (fast, yaml.SafeLoader) if fast is not None else (yaml.SafeLoader,):
        try:
            return _first_hazard(yaml.parse(text, Loader=loader))
        except yaml.YAMLError:
            continue  # libyaml refuses what the Python parser may read (and stops at 10,000 levels)
    return None  # not YAML at all: the loader reports it, with its line


def _first_hazard(events: Any) -> tuple[int, str] | None:
    import yaml

    depth = 0
    for event in events:
        line = event.start_mark.line + 1 if event.start_mark is not None else 1
        if isinstance(event, yaml.AliasEvent):
            return line, f"YAML aliases (*{event.anchor}) are not allowed; write the value out"
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return line, f"nested more than {MAX_DEPTH} levels deep"
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None


def data_hazard(data: Any) -> tuple[Where, str] | None:
    """(path, problem) of the first value nested deeper than MAX_DEPTH or not a finite number.

    Iterative, so it is safe on any depth; NaN and infinity pass every comparison a schema makes
    (``minimum: 0`` holds for NaN), so they are refused here.
    """
    stack: list[tuple[Any, Where]] = [(data, ())]
    while stack:
        value, where = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            return where, f"expected a finite number, got {value}"
        if isinstance(value, (dict, list)):
            if len(where) >= MAX_DEPTH:
                return where, f"nested more than {MAX_DEPTH} levels deep"
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend((v, (*where, k)) for k, v in items)
    return None


def dotted(where: Where) -> str:
    """A data path as ``criteria[2].weight``."""
    out = ""
    for key in where:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out or "(top level)"
