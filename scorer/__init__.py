"""Score Chinese annual rule-of-law government reports against YAML rubrics."""

from __future__ import annotations

__version__ = "0.1.0"
