"""GitLab Code Quality: a JSON list of issues, each with a unique fingerprint, path and line."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from scorer.model import RunResult
from scorer.render.safe import json_text

if TYPE_CHECKING:
    from scorer.render import RenderOptions

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(result: RunResult, options: RenderOptions) -> str:
    from scorer.stats import fingerprint

    issues: list[dict[str, Any]] = []
    used: set[str] = set()
    for card in result.cards:
        for f in card.findings:
            # The same finding twice in one file needs two distinct fingerprints.
            base = f"{card.path}\0{fingerprint(f)}"
            fp, n = hashlib.md5(base.encode("utf-8", "surrogateescape")).hexdigest(), 1
            while fp in used:
                fp, n = hashlib.md5(f"{base}\0{n}".encode("utf-8", "surrogateescape")).hexdigest(), n + 1
            used.add(fp)
            issues.append({
                "type": "issue",
                "check_name": f.rule,
                "description": f.message_in(options.lang),
                "categories": ["Style"],
                "severity": _SEVERITY[f.severity.value],
                "fingerprint": fp,
                "location": {"path": card.path, "lines": {"begin": f.line if f.line is not None else 1}},
            })
    for err in result.errors:
        issues.append({
            "type": "issue", "check_name": "unreadable", "description": err.message, "categories": ["Bug Risk"],
            "severity": "blocker",
            "fingerprint": hashlib.md5(f"{err.path}\0error".encode("utf-8", "surrogateescape")).hexdigest(),
            "location": {"path": err.path, "lines": {"begin": 1}},
        })
    return json_text(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n"
