"""A file the readers refuse, checked by the English words of its reason (an InputError holds a key, not words)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from scorer.errors import InputError
from scorer.uiwords import input_text


@contextmanager
def refused(pattern: str) -> Iterator[None]:
    """As ``pytest.raises(InputError, match=pattern)``, on the reason said in English."""
    with pytest.raises(InputError) as info:
        yield
    said = input_text(info.value, "en")
    assert re.search(pattern, said), said
