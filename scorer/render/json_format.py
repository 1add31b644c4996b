"""The reference format: the result model as one JSON document, keys sorted, same bytes every run."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from scorer.model import RunResult
from scorer.render.safe import json_text

if TYPE_CHECKING:
    from scorer.render import RenderOptions


def render(result: RunResult, options: RenderOptions) -> str:
    return json_text(json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True, indent=2)) + "\n"
