"""SARIF 2.1.0: one result per finding, rule metadata with the rules' documentation as help text."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorer import __version__
from scorer.model import RunResult
from scorer.render.safe import json_text

if TYPE_CHECKING:
    from scorer.render import RenderOptions

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def uri(path: str) -> str:
    """A path as a relative URI when it lies under the working folder (what code scanning expects)."""
    rel = os.path.relpath(os.path.abspath(path))
    if rel.startswith(".."):
        return Path(os.path.abspath(path)).as_uri()
    return Path(rel).as_posix()


def _rule(rid: str, doc: str | None) -> dict[str, Any]:
    text = (doc or rid).strip()
    first = text.splitlines()[0] if text else rid
    return {
        "id": rid,
        "name": "".join(part.capitalize() for part in rid.split("-")),
        "shortDescription": {"text": first},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": text},
    }


def _related(path: str, line: int | None) -> dict[str, Any]:
    """A finding's place in another file (last year's report), as a SARIF related location."""
    where: dict[str, Any] = {"artifactLocation": {"uri": uri(path)}}
    if line is not None and line > 0:
        where["region"] = {"startLine": line}
    return {"id": 0, "physicalLocation": where}


def render(result: RunResult, options: RenderOptions) -> str:
    from scorer.stats import fingerprint

    seen = sorted({f.rule for c in result.cards for f in c.findings} | set(options.rules))
    index = {rid: i for i, rid in enumerate(seen)}
    results: list[dict[str, Any]] = []
    for card in result.cards:
        for f in card.findings:
            region: dict[str, Any] = {"startLine": f.line if f.line is not None and f.line > 0 else 1}
            props: dict[str, Any] = {"criterion": f.criterion, "score": card.score, "verdict": card.verdict.value}
            if f.page is not None:
                props["page"] = f.page
            related = [] if f.related is None else [_related(f.related.path, f.related.line)]
            results.append({
                **({"relatedLocations": related} if related else {}),
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _LEVEL[f.severity.value],
                "message": {"text": f.message_in(options.lang)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(card.path)},
                                                    "region": region}}],
                "partialFingerprints": {"scorerFinding/v2": fingerprint(f)},
                "properties": props,
            })
    notifications = [{"level": "error", "message": {"text": e.message},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(e.path)}}}]}
                     for e in result.errors]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "scorer", "version": __version__, "semanticVersion": __version__,
                            "rules": [_rule(rid, options.rules.get(rid)) for rid in seen]}},
        "invocations": [{"executionSuccessful": not result.errors,
                         "toolExecutionNotifications": notifications}],
        "results": results,
        "properties": {"reports": [{"path": c.path, "score": c.score, "verdict": c.verdict.value,
                                    "reasons": [r.to_dict(options.lang) for r in c.reasons],
                                    "rubric": c.rubric_id} for c in result.cards]},
    }
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_text(json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2)) + "\n"
