"""Rules section-missing, section-weak, section-empty, section-merged, section-order, causes-missing.

Each part the rubric requires must stand in the report under its own heading with real content,
in the rule's order (举措和成效 → 不足 → 安排), and the shortcomings must state their causes.

Passing: ``三、存在的不足和原因 …… 存在原因:编制招录人数跟不上工作任务需求。``
Failing: ``二、存在的问题`` followed straight by ``三、下一步工作安排`` (empty), or no
``第一责任人`` part at all (section-missing).

Fix: add the missing part under its own heading (``scorer init`` writes the skeleton), give every
heading real content, and state the cause after each shortcoming.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from scorer.checks.base import Context
from scorer.checks.genre import not_a_report
from scorer.model import Finding, Severity, Status, Via
from scorer.words import concat, either, fill, join

ID = "sections"
RULES: dict[str, tuple[str, str]] = {  # rule id -> its one line (zh, en), for `scorer rules`
    "section-missing": (
        "缺少必备内容(规定要求的某一部分没有写)",
        "a required part is absent",
    ),
    "section-weak": (
        "某部分不充分:只在段落中提及、由专题内容推断、标题放错位置,或标题下内容过少",
        "a part is only mentioned in passing, inferred, misplaced inside another part, or thin under its heading",
    ),
    "section-empty": (
        "只有标题,标题下几乎没有内容",
        "a heading with (almost) nothing under it",
    ),
    "section-merged": (
        "一个标题同时包含两部分(如“存在的问题和2020年工作打算”)",
        "one heading carries two parts (存在的问题和2020年工作打算)",
    ),
    "section-order": (
        "各部分顺序与规定不一致(举措和成效 → 不足 → 安排)",
        "the parts are not in the rule's order (举措和成效 → 不足 → 安排)",
    ),
    "causes-missing": (
        "只列出不足,没有写明原因",
        "shortcomings listed without their causes",
    ),
}
_EMPTY_CHARS = 10
OPTIONS: dict[str, Any] = {}  # no option group under the rubric's `checks:` (its words are the rubric's rules)
TYPED: dict[str, Callable[[dict[str, Any]], object]] = {}


def check(ctx: Context) -> Iterator[Finding | None]:
    whole = not_a_report(ctx) is not None  # then not-a-report says it once, not a finding per part
    for crit in ctx.rubric.criteria:
        m = ctx.match(crit.id)
        if m is None:
            continue
        label = ctx.label(crit.id)
        fix = ctx.text(crit.messages.get("fix"))
        if m.status is Status.MISSING and crit.required and whole:
            continue
        if m.status is Status.MISSING and crit.required:
            said = ctx.say(crit.messages.get("mention"), mention=m.mention) if m.mention else None
            detail = concat(either(said, ctx.text(crit.messages.get("missing"))), fix)
            yield ctx.finding("section-missing", None, crit.id, label=label, detail=detail)
        elif m.status is Status.WEAK and m.via.headed and m.content_chars < _EMPTY_CHARS:
            # an optional part left empty (五、其他需要报告的情况 with nothing under it) is no fault
            yield ctx.finding("section-empty", m.line, crit.id, severity=None if crit.required else Severity.INFO,
                              label=label, chars=m.content_chars)
        elif m.status is Status.WEAK:
            detail = ctx.text(crit.messages.get("weak"))
            options = ctx.rubric.rule("section-weak").options
            if m.unreported:
                detail = either(ctx.text(crit.messages.get("unreported")), detail)
            elif m.via.headed:
                detail = either(ctx.say(options.get("thin"), chars=m.content_chars, need=crit.min_chars), detail)
                fix = ctx.text("")
            elif m.via is Via.MISPLACED and m.sections:
                parent = ctx.outline.sections[m.sections[0]].parent
                inside = ctx.outline.sections[parent].title if parent else ""
                detail = either(ctx.say(options.get("misplaced"), heading=m.heading, inside=inside), detail)
            sev = Severity.WARNING if crit.required else Severity.INFO
            yield ctx.finding("section-weak", m.evidence_line if m.line is None else m.line, crit.id,
                              severity=sev, label=label, detail=concat(detail, fix))
        for req in crit.requirements:
            r = ctx.match(req.id)
            if r is not None and r.status is Status.MISSING and m.status is not Status.MISSING:
                detail = concat(ctx.text(req.messages.get("missing")), ctx.text(req.messages.get("fix")))
                yield ctx.finding(req.rule, m.line if m.line is not None else m.evidence_line, req.id,
                                  severity=req.severity, detail=detail)
    yield from _merged(ctx)
    yield from _order(ctx)


def _merged(ctx: Context) -> Iterator[Finding | None]:
    seen: set[tuple[int, ...]] = set()
    for m in ctx.matches:
        if m.via is not Via.MERGED or not m.sections:
            continue
        others = [o for o in ctx.matches if o.via is Via.MERGED and o.sections and o.sections[0] == m.sections[0]]
        key = (m.sections[0],)
        if key in seen:
            continue
        seen.add(key)
        labels = join("、", [fill("“{label}”", label=ctx.label(o.criterion)) for o in others])
        yield ctx.finding("section-merged", m.line, m.criterion, heading=m.heading, labels=labels)


def _order(ctx: Context) -> Iterator[Finding | None]:
    placed = []
    for cid in ctx.rubric.order:
        m = ctx.match(cid)
        if m is not None and m.line is not None and m.via.headed:
            placed.append((cid, m.line))
    for i, (cid, line) in enumerate(placed):
        for before_cid, before_line in placed[:i]:
            if line < before_line:
                yield ctx.finding("section-order", line, cid, label=ctx.label(cid), before=ctx.label(before_cid))
                break
