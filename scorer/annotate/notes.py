"""What to comment on and where, before any Word: a summary on the title, a note on each finding's line and words,
and a note where each heading to add belongs (its number, its year, its hint)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorer.i18n import t
from scorer.model import Finding, Scorecard, Severity, TemplateHeading, in_lang
from scorer.render import status_key, verdict_text
from scorer.wording import finding_text, fix_text, place, say, where_text

# The findings whose words a note on a heading to add says instead of a note of their own.
_SAID_BY_HEADING = ("section-missing",)


@dataclass(frozen=True)
class Note:
    """One comment: its text (lines), the source line it belongs to (None: the title) and the words it marks."""

    text: str
    line: int | None = None
    page: int | None = None
    marks: tuple[str, ...] = ()
    kind: str = "finding"  # "summary" | "finding" | "add"


def notes(card: Scorecard, lang: str) -> list[Note]:
    """Every comment a scored draft gets: the summary first, then the headings to add, then the findings."""
    said = {h.criterion for h in card.template}
    out = [summary(card, lang)]
    out += [_add_note(card, h, lang) for h in card.template]
    out += [_finding_note(card, f, lang) for f in card.findings
            if not (f.rule in _SAID_BY_HEADING and f.criterion in said)]
    return out


def summary(card: Scorecard, lang: str) -> Note:
    """The total, the verdict with its reasons, each part's status in one line, and the count of findings."""
    lines = [say("summary_head", lang, score=f"{card.score:g}", threshold=f"{card.pass_threshold:g}",
                 verdict=verdict_text(card, lang))]
    title = in_lang(card.rubric_title, lang) or card.rubric_id
    lines += [say("summary_rubric", lang, title=title), say("summary_parts", lang)]
    for c in card.criteria:
        where = say("summary_part_where", lang, heading=c.heading, place=place(card, c.line, lang)) \
            if c.heading and c.line is not None else ""
        lines.append(say("summary_part", lang, label=in_lang(c.label, lang), status=t(lang, status_key(c)),
                         where=where))
    count = {sev: sum(1 for f in card.findings if f.severity is sev) for sev in Severity}
    lines.append(say("summary_counts", lang, errors=count[Severity.ERROR], warnings=count[Severity.WARNING],
                     infos=count[Severity.INFO]))
    line = card.meta.get("title_line")
    return Note("\n".join(lines), line if isinstance(line, int) else None, kind="summary")


def _add_note(card: Scorecard, heading: TemplateHeading, lang: str) -> Note:
    """Where a heading belongs: the heading with its number and year, where it goes, the hint, and the finding."""
    key = {"after": "add_after", "before": "add_before", "above": "add_above", "split": "add_split"}
    lines = [say(key.get(heading.where, "add_end"), lang, number=heading.number,
                 heading=in_lang(heading.heading, lang))]
    if heading.where != "end" and heading.number:
        lines[0] += say("renumber", lang)
    lines.append(say("add_hint", lang, hint=in_lang(heading.hint, lang)))
    lines += [_finding_head(card, f, lang) for f in card.findings
              if f.criterion == heading.criterion and f.rule in _SAID_BY_HEADING]
    if heading.line is None:  # no place in the report: say where in words, on the title
        lines.append(where_text(card, heading, lang))
    return Note("\n".join(lines), heading.line, kind="add")


def _finding_note(card: Scorecard, finding: Finding, lang: str) -> Note:
    lines = [_finding_head(card, finding, lang)]
    fix = fix_text(card, finding, lang)
    if fix and not said_already(fix, lines[0]):
        lines.append(say("fix", lang, fix=fix))
    lines.append(say("rule", lang, rule=finding.rule))
    return Note("\n".join(lines), finding.line, finding.page, finding.marks or _heading_words(card, finding))


def _heading_words(card: Scorecard, finding: Finding) -> tuple[str, ...]:
    """A finding on a part's heading line marks the heading's words (a heading may run in with its text)."""
    crit = next((c for c in card.criteria if c.id == finding.criterion), None)
    if crit is None or crit.heading is None or crit.line != finding.line or finding.line is None:
        return ()
    return (crit.heading,)


def said_already(fix: str, text: str, window: int = 10) -> bool:
    """Whether ``text`` already gives the fix (a rubric's message often ends with it): a run of ``window`` of its
    letters, punctuation and spaces left out, stands in the text."""
    keep = [re.sub(r"[\W_]+", "", s) for s in (fix, text)]
    return any(keep[0][i:i + window] in keep[1] for i in range(max(len(keep[0]) - window + 1, 0)))


def _finding_head(card: Scorecard, finding: Finding, lang: str) -> str:
    return say("finding_head", lang, severity=t(lang, finding.severity.value),
               message=finding_text(card, finding, lang))
