"""The exceptions the core raises at its edges; each carries a one-line message for the user."""

from __future__ import annotations


class ScorerError(Exception):
    """Base of every error the CLI turns into a one-line message and exit code 2."""


class UserError(ScorerError):
    """A problem in what the user asked for: a bad rubric, config or option."""


class RubricError(UserError):
    """A rubric that cannot be loaded: names the file, the YAML path and what is wrong."""


class InputError(ScorerError):
    """A report file that cannot be read: missing, empty, not text, unknown encoding, too big."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
