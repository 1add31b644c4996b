"""Compare this year's report with last year's: recycled paragraphs, last year's plan followed up or not."""

from __future__ import annotations

import re
from typing import Any

from scorer.checks.history import finding, option_text
from scorer.history.pieces import Pieces
from scorer.history.plan import Item, ItemRules, Trace, plan_items, traces
from scorer.history.recycled import Copy, recycled
from scorer.history.text import content_chars, generic_pairs, masker, short
from scorer.model import Finding, PlanItem, Previous, Recycled, Related
from scorer.rubric import Rubric
from scorer.words import as_lang

_QUOTE = 40  # characters of a paragraph or an item quoted in a message


def compare(this: Pieces, last: Pieces, rubric: Rubric) -> tuple[tuple[Finding, ...], Previous]:
    """The findings of the year-over-year rules and the ``previous`` summary of a report, given last year's.

    Pure: both reports come as their pieces (scorer.history.pieces_of); options from ``checks.history``.
    """
    opts: dict[str, Any] = rubric.checks.get("history", {}) or {}
    mask = masker(tuple(str(p) for p in opts.get("mask", ())))
    out: list[Finding | None] = [_mismatch(this, last, rubric)]
    compared = this.part(*(str(c) for c in opts.get("compare", ())))
    copies = recycled(compared, last.paragraphs, mask, float(opts.get("threshold", 90)),
                      int(opts.get("min_chars", 40)))
    worst = {str(c) for c in opts.get("worst", ())}
    out.extend(_recycled_finding(c, last.path, rubric, c.this.part in worst) for c in copies)
    items, found = _plan(this, last, opts, mask)
    follow = opts.get("follow", {}) or {}
    followed = [_followed(t, follow) for t in found]
    plan_id = str(opts.get("plan", "plan"))
    out.extend(finding(rubric, "plan-not-followed", None, plan_id, Related(last.path, i.source),
                       item=short(i.text, _QUOTE), related_line=i.source)
               for i, ok in zip(items, followed, strict=True) if not ok)
    total = sum(content_chars(p.text) for p in compared if not p.heading)
    share = sum(content_chars(c.this.text) for c in copies) / total if total else 0.0
    previous = Previous(last.path, last.report_year, share, len(items), sum(followed),
                        tuple(Recycled(c.this.part, c.this.source, c.this.text, c.last.source, c.last.text, c.score)
                              for c in copies),
                        tuple(_item(i, t, ok) for i, t, ok in zip(items, found, followed, strict=True)))
    return tuple(f for f in out if f is not None), previous


def _mismatch(this: Pieces, last: Pieces, rubric: Rubric) -> Finding | None:
    if this.report_year is None or last.report_year is None or last.report_year == this.report_year - 1:
        return None
    return finding(rubric, "previous-year-mismatch", None, None, Related(last.path, None), path=last.path,
                   previous=last.report_year, year=this.report_year, want=this.report_year - 1)


def _recycled_finding(c: Copy, path: str, rubric: Rubric, worst: bool) -> Finding | None:
    label = as_lang(rubric.criterion(c.this.part).label if c.this.part else "")
    return finding(rubric, "recycled-text", c.this.source, c.this.part, Related(path, c.last.source),
                   label=label, related_line=c.last.source,
                   score=round(c.score), text=short(c.this.text, _QUOTE),
                   worst=option_text(rubric, "recycled-text", "worst") if worst else "")


def _plan(this: Pieces, last: Pieces, opts: dict[str, Any],
          mask: re.Pattern[str] | None) -> tuple[list[Item], list[Trace]]:
    """Last year's plan items and the best trace of each in what this year's report says was done."""
    end = str(opts.get("sentence_end", "[。;!?]"))
    rules = ItemRules(re.compile(str(opts.get("item_markers", r"(?!)"))), end, int(opts.get("item_min_chars", 6)),
                      tuple(re.compile(str(p)) for p in opts.get("item_skip", ())),
                      tuple(re.compile(str(p)) for p in opts.get("closing", ())))
    items = plan_items(last.part(str(opts.get("plan", "plan"))), rules)
    follow_in = {str(c) for c in opts.get("follow_in", ())}
    done = [p for p in this.paragraphs if p.part is None or p.part in follow_in]
    generic = generic_pairs(str(w) for w in (opts.get("follow", {}) or {}).get("generic", ()))
    return items, traces(items, done, mask, end, generic)


def _followed(t: Trace, follow: dict[str, Any]) -> bool:
    return t.score >= float(follow.get("coverage", 0.4)) or t.fuzzy >= float(follow.get("fuzzy", 85))


def _item(i: Item, t: Trace, ok: bool) -> PlanItem:
    return PlanItem(i.text, i.source, ok, t.source if ok else None, t.text if ok else None,
                    100 * max(t.score, t.fuzzy / 100))
