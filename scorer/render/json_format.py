"""The reference format: the result model as one JSON document, keys sorted, same bytes every run.

Each report (and each unreadable file) is one compact line, so that a batch of hundreds stays small,
``grep`` finds a report's line and a diff shows which reports changed.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from scorer.model import RunResult
from scorer.render.safe import json_text

if TYPE_CHECKING:
    from scorer.render import RenderOptions


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def render(result: RunResult, options: RenderOptions) -> str:
    doc = result.to_dict(options.lang)
    parts = []
    for key in sorted(doc):
        value = doc[key]
        if isinstance(value, list) and value:
            body = "[\n" + ",\n".join(_compact(item) for item in value) + "\n]"
        else:
            body = _compact(value)
        parts.append(f"{_compact(key)}:{body}")
    return json_text("{" + ",\n".join(parts) + "}") + "\n"
