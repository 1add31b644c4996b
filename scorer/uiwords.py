"""Interface words kept as data in rubrics/ui/<name>.yaml (zh, en), looked up and filled in; and why a file
cannot be scored, said from its key in a language (the model and the errors carry keys, never words)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Any

from scorer.errors import InputError
from scorer.model import FileError, RunResult

LANGS = ("zh", "en")


@lru_cache(maxsize=8)
def table(name: str) -> dict[str, Any]:
    """The words of ``rubrics/ui/<name>.yaml``: key -> {zh, en} (read once per process)."""
    import yaml

    text = resources.files("scorer.rubrics").joinpath("ui", f"{name}.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


def word(name: str, key: str, lang: str, **values: object) -> str:
    """The word ``key`` of ``name`` in ``lang`` (Chinese when the language lacks it), filled with ``values``.

    An unknown key comes back as itself, so that a missing word shows where it is missing.
    """
    entry = table(name).get(key)
    if not isinstance(entry, dict):
        return key
    text = str(entry.get(lang) or entry.get("zh") or key)
    return text.format(**values) if values else text


def reason(key: str, params: dict[str, object] | tuple[tuple[str, object], ...], lang: str) -> str:
    """Why a file cannot be scored, and what to do, in ``lang`` (rubrics/ui/input.yaml)."""
    return word("input", key, lang, **dict(params))


def input_text(exc: InputError, lang: str) -> str:
    """Why a file cannot be read, with what to do, in ``lang``."""
    return reason(exc.key, exc.params, lang)


def file_error(path: str, key: str, **params: object) -> FileError:
    """A file's error entry for the reason ``key``, its message said in English until a language is chosen."""
    return FileError(path, reason(key, params, "en"), key, tuple(params.items()))


def from_input(exc: InputError) -> FileError:
    return file_error(exc.path, exc.key, **exc.params)


def error_text(err: FileError, lang: str) -> str:
    """An error entry's reason in ``lang``; its message as it is when it has no key (a rubric's own line)."""
    return reason(err.key, err.params, lang) if err.key else err.message


def localized(result: RunResult, lang: str) -> RunResult:
    """The result with each unreadable file's reason said in ``lang``, for every format to print as it is."""
    return replace(result, errors=tuple(replace(e, message=error_text(e, lang)) for e in result.errors))
