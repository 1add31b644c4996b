"""JUnit XML: a test suite per report, a test case per criterion and one for the verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from scorer.model import Finding, RunResult, Scorecard, Status, in_lang
from scorer.render import verdict_text
from scorer.render.safe import clean

if TYPE_CHECKING:
    from scorer.render import RenderOptions

_FAILING = ("error", "warning")


def _line(f: Finding, lang: str) -> str:
    where = f" (line {f.line})" if f.line is not None else ""
    return f"{f.severity.value} [{f.rule}]{where}: {f.message_in(lang)}"


def _case(suite: ET.Element, card: Scorecard, name: str, failure: str | None, findings: list[Finding],
          lang: str) -> bool:
    case = ET.SubElement(suite, "testcase", classname=card.path, name=name, file=card.path)
    body = "\n".join(_line(f, lang) for f in findings)
    failed = failure is not None or any(f.severity.value in _FAILING for f in findings)
    if failed:
        message = failure or findings[0].message_in(lang)
        el = ET.SubElement(case, "failure", message=message,
                           type="verdict" if name == "verdict" or not findings else findings[0].rule)
        el.text = message + ("\n" + body if body and failure else "") if failure else body
    elif body:
        ET.SubElement(case, "system-out").text = body
    return failed


def render(result: RunResult, options: RenderOptions) -> str:
    result = clean(result)  # no control character in an XML document: it would not be well-formed
    root = ET.Element("testsuites", name="scorer")
    total = failures = 0
    lang = options.lang
    for card in result.cards:
        suite = ET.SubElement(root, "testsuite", name=card.path)
        ET.SubElement(ET.SubElement(suite, "properties"), "property", name="score", value=f"{card.score:g}")
        n = bad = 0
        by_crit: dict[str | None, list[Finding]] = {}
        for f in card.findings:
            by_crit.setdefault(f.criterion, []).append(f)
        for crit in card.criteria:
            missing = crit.status is Status.MISSING and crit.required
            failure = f"{in_lang(crit.label, lang)}: {crit.status.value}" if missing else None
            bad += _case(suite, card, f"{crit.id} {in_lang(crit.label, lang)}", failure, by_crit.pop(crit.id, []),
                         lang)
            n += 1
        rest = [f for fs in by_crit.values() for f in fs]
        verdict = None if card.verdict.value == "pass" else f"{verdict_text(card, options.lang)} ({card.score:g}/100)"
        bad += _case(suite, card, "verdict", verdict, rest, lang)
        n += 1
        suite.set("tests", str(n))
        suite.set("failures", str(bad))
        suite.set("errors", "0")
        total, failures = total + n, failures + bad
    if result.errors:
        suite = ET.SubElement(root, "testsuite", name="unreadable files", tests=str(len(result.errors)),
                              failures="0", errors=str(len(result.errors)))
        for err in result.errors:
            case = ET.SubElement(suite, "testcase", classname=err.path, name="read", file=err.path)
            ET.SubElement(case, "error", message=err.message, type="FileError").text = err.message
    root.set("tests", str(total + len(result.errors)))
    root.set("failures", str(failures))
    root.set("errors", str(len(result.errors)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
