"""The exceptions the core raises at its edges; each carries a one-line message for the user."""

from __future__ import annotations


class ScorerError(Exception):
    """Base of every error the CLI turns into a one-line message and exit code 2."""


class UserError(ScorerError):
    """A problem in what the user asked for: a bad rubric, config or option."""


class RubricError(UserError):
    """A rubric that cannot be loaded: names the file, the YAML path and what is wrong."""


class InputError(ScorerError):
    """A report file that cannot be read: missing, empty, not text, unknown encoding, too big.

    ``key`` names the reason among the interface words (rubrics/ui/input.yaml), which say it in Chinese
    or English with what to do; ``params`` fill it in (scorer.uiwords.input_text says it).
    """

    def __init__(self, path: str, key: str, **params: object) -> None:
        self.path = path
        self.key = key
        self.params = params
        super().__init__(f"{path}: {key}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_input_error, (self.path, self.key, self.params))


def _input_error(path: str, key: str, params: dict[str, object]) -> InputError:
    """Rebuild an InputError sent from a worker process (exceptions pickle their args only)."""
    return InputError(path, key, **params)
