"""Year over year: a report beside last year's, for recycled text and last year's plan followed up or not."""

from __future__ import annotations

from scorer.history.compare import compare
from scorer.history.pieces import Para, Pieces, pieces_of

__all__ = ["Para", "Pieces", "compare", "pieces_of"]
