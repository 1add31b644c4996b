"""Compare this year's report with last year's: recycled paragraphs, last year's plan followed up or not."""

from __future__ import annotations

import re

from scorer.checks.history import Options, finding, option_text, options
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
    opts = options(rubric)
    mask = masker(opts.mask)
    out: list[Finding | None] = [_mismatch(this, last, rubric)]
    compared = this.part(*opts.compare)
    copies = recycled(compared, last.paragraphs, mask, opts.threshold, opts.min_chars)
    out.extend(_recycled_finding(c, last.path, rubric, c.this.part in opts.worst) for c in copies)
    items, found = _plan(this, last, opts, mask)
    followed = [t.score >= opts.coverage or t.fuzzy >= opts.fuzzy for t in found]
    out.extend(finding(rubric, "plan-not-followed", None, opts.plan, Related(last.path, i.source),
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


def _plan(this: Pieces, last: Pieces, opts: Options,
          mask: re.Pattern[str] | None) -> tuple[list[Item], list[Trace]]:
    """Last year's plan items and the best trace of each in what this year's report says was done."""
    rules = ItemRules(opts.item_markers, opts.sentence_end, opts.item_min_chars, opts.item_skip, opts.closing)
    items = plan_items(last.part(opts.plan), rules)
    done = [p for p in this.paragraphs if p.part is None or p.part in opts.follow_in]
    return items, traces(items, done, mask, opts.sentence_end, generic_pairs(opts.generic))


def _item(i: Item, t: Trace, ok: bool) -> PlanItem:
    return PlanItem(i.text, i.source, ok, t.source if ok else None, t.text if ok else None,
                    100 * max(t.score, t.fuzzy / 100))
