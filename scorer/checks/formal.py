"""公文 form, GB/T 9704: title-format, addressee-missing, signature-missing, date-missing, date-format, numbering-order.

A report is a 公文 and follows GB/T 9704-2012: a title naming the issuing body, the year, 法治政府建设
and the document type 报告; the addressee (主送机关) on its own line before the text, ending with a
colon; the issuing body's signature (署名) and the date (成文日期, Arabic numerals, no zero padding)
at the end; headings numbered 一、 then (一) then 1. then (1), each series without gaps. Reports
published on the web often drop the addressee and the signature, so those two are only hints
(severity ``info`` in the national rubric); what a report lacks at its end is only said when the
report runs to its last part (an excerpt cut short is not blamed for its missing end).

Passing: ``华容县人民政府关于2022年度法治政府建设情况的报告`` / ``市委、市政府:`` … ``华容县人民政府``
``2023年3月1日``; headings ``一、`` ``(一)`` ``(二)`` ``1.`` ``二、``.
Failing: ``法治政府建设情况年度报告`` (no year: title-format); no ``市委、市政府:`` line
(addressee-missing); the text ends at ``特此报告。`` with no body name (signature-missing) and no
date (date-missing); ``二〇二四年二月二十八日`` or ``2024年02月28日`` (date-format); ``一、`` followed by
``三、``, or ``(一)`` under ``1.`` (numbering-order).

Fix: title the report ``XX人民政府关于20XX年度法治政府建设情况的报告``; put the addressee line after
the title; end with the issuing body's name and the date written ``2024年2月28日``; number headings
一、 → (一) → 1. → (1) without gaps or repeats.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypedDict

from scorer.checks.base import LANG, PATTERN, TEXT, Context, group, option, texts
from scorer.meta import is_place
from scorer.model import DateFound, Facts, Finding, Lang, Section
from scorer.numerals import cn_number
from scorer.words import CLAUSE_SEP, LIST_SEP, Wordy, as_lang, either, join

ID = "formal"
RULES: dict[str, tuple[str, str]] = {  # rule id -> its one line (zh, en), for `scorer rules`
    "title-format": (
        "标题不规范:缺标题,或未写明“法治政府建设”、年度、文种“报告”",
        "no title, or a title without 法治政府建设, the year, or 报告 at its end",
    ),
    "addressee-missing": (
        "未写主送机关",
        "no 主送机关 (addressee) line before the text",
    ),
    "signature-missing": (
        "未写发文机关署名",
        "no 发文机关署名 (signature) above the date",
    ),
    "date-missing": (
        "未写成文日期",
        "no 成文日期 (date) at the end of the report",
    ),
    "date-format": (
        "成文日期书写不规范(汉字数字、补零、缺日或日期不存在)",
        "the date in Chinese numerals, zero-padded, without its day, or impossible",
    ),
    "numbering-order": (
        "标题序号不规范(应为一、→(一)→1.→(1),不跳号、不重号)",
        "headings not numbered 一、 → (一) → 1. → (1), or a series with a gap or a repeat",
    ),
}


_KINDS = ["part", "cn", "cnp", "cnl", "ar", "arp", "circled", "enum"]  # the outline's numbering styles


def _by_kind(kind: str) -> dict[str, Any]:
    return {"type": "object", "default": {}, "propertyNames": {"enum": _KINDS}, "additionalProperties": {"type": kind}}


OPTIONS: dict[str, Any] = {  # the rubric's `checks:` groups this check reads: JSON Schema with defaults
    "formal": group(
        title=group(
            # what the title must contain, each named when missing
            require=option("array", [], items={"type": "object", "additionalProperties": False,
                                               "required": ["pattern", "what"],
                                               "properties": {"pattern": PATTERN, "what": LANG}}),
            example={**TEXT, "default": ""},  # {issuer} and {year} are the report's own when known
            example_defaults=group(issuer=option("string"), year=option(["string", "integer"])),
            messages=texts("none", "incomplete"),
        ),
        addressee=group(examples={"type": "object", "default": {}, "additionalProperties": {"type": "string"}}),
        date=group(example=option("string", ""), messages=texts("chinese-numerals", "zero-padded", "no-day",
                                                                 "impossible")),
        numbering=group(
            ranks=_by_kind("integer"),  # GB/T 9704: 一、 then (一) then 1. then (1)
            labels=_by_kind("string"),
            allow_skip=option("boolean", True),  # 一、 straight to 1. (跃层) is accepted
            messages=texts("inverted", "skip", "gap", "repeat", "first"),
        ),
    ),
}


class Title(TypedDict):
    require: list[dict[str, Any]]
    example: Wordy
    example_defaults: dict[str, str]
    messages: dict[str, Lang]


class Date(TypedDict):
    example: str
    messages: dict[str, Lang]


class Numbering(TypedDict):
    ranks: dict[str, int]
    labels: dict[str, str]
    allow_skip: bool
    messages: dict[str, Lang]


@dataclass(frozen=True)
class Options:
    title: Title
    require: tuple[tuple[re.Pattern[str], Lang], ...]  # the title's requirements, compiled
    addressees: dict[str, str]  # the example addressee by the report's level
    date: Date
    numbering: Numbering

    @classmethod
    def of(cls, opts: dict[str, Any]) -> Options:
        title = opts["title"]
        require = tuple((re.compile(r["pattern"]), as_lang(r["what"])) for r in title["require"])
        return cls(title, require, opts["addressee"]["examples"], opts["date"], opts["numbering"])


TYPED = {"formal": Options.of}


def check(ctx: Context) -> Iterator[Finding | None]:
    opts = ctx.options(ID, Options)
    f = ctx.facts
    yield from _title(ctx, opts, f)
    if f.addressee is None:
        examples = opts.addressees
        example = examples.get(f.level or "", examples.get("default", ""))
        yield ctx.finding("addressee-missing", f.title_line, None, example=example)
    if ctx.complete():
        yield from _end(ctx, opts.date, f)
    yield from _numbering(ctx, opts.numbering)


def _title(ctx: Context, opts: Options, f: Facts) -> Iterator[Finding | None]:
    title, line = f.title, f.title_line
    messages = opts.title["messages"]
    # The example title, with this report's issuer and year where they are known.
    issuer = f.issuer if f.issuer and f.level != "party-and-government" and not is_place(f.issuer) else None
    known = {"issuer": issuer, "year": f.report_year}
    defaults = opts.title["example_defaults"]
    example = ctx.say(opts.title["example"], **{k: v or defaults.get(k, "") for k, v in known.items()})
    if title is None:
        detail = ctx.say(messages.get("none"), example=example)
        yield ctx.finding("title-format", None, None, detail=detail, title="")
        return
    missing = [what for p, what in opts.require if not p.search(title)]
    if missing:
        detail = ctx.say(messages.get("incomplete"), title=title, missing=join(LIST_SEP, missing), example=example)
        yield ctx.finding("title-format", line, None, detail=detail, title=title)


def _end(ctx: Context, opts: Date, f: Facts) -> Iterator[Finding | None]:
    lines = ctx.doc.lines
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].text.strip()), None)
    if f.date is None:
        yield ctx.finding("date-missing", last, None, example=opts["example"])
    else:
        problems = _date_problems(f.date)
        if problems:
            messages = opts["messages"]
            detail = join(CLAUSE_SEP, [either(ctx.text(messages.get(p)), p) for p in problems])
            yield ctx.finding("date-format", f.date.line, None, text=f.date.text, detail=detail)
    if f.signature is None:
        yield ctx.finding("signature-missing", f.date.line if f.date else last, None)


def _date_problems(date: DateFound) -> list[str]:
    if date.well_formed:
        return []
    text = date.text
    out = []
    if not any(ch.isdigit() for ch in text) or any(ch in "〇零○一二三四五六七八九十" for ch in text):
        out.append("chinese-numerals")
    parts = [p for p in text.replace("年", " ").replace("月", " ").replace("日", " ").split() if p.isdigit()]
    if any(len(p) > 1 and p.startswith("0") for p in parts[1:]):
        out.append("zero-padded")
    if "日" not in text:
        out.append("no-day")
    elif date.date is None and "chinese-numerals" not in out:
        out.append("impossible")
    return out or ["impossible"]


def _numbering(ctx: Context, opts: Numbering) -> Iterator[Finding | None]:
    ranks = opts["ranks"]
    labels = opts["labels"]
    messages = opts["messages"]
    sections = ctx.outline.sections

    def label(sec: Section) -> Lang:
        return ctx.say(str(labels.get(sec.kind, "{n}")), n=sec.number or "")

    def say(key: str, **values: Any) -> Lang:
        return ctx.say(messages.get(key), **values)

    inverted: set[tuple[str, str]] = set()
    for sec in sections[1:]:
        parent = sections[sec.parent] if sec.parent is not None else None
        if parent is None or sec.kind not in ranks or parent.kind not in ranks:
            continue
        if ranks[sec.kind] <= ranks[parent.kind] and (parent.kind, sec.kind) not in inverted:
            inverted.add((parent.kind, sec.kind))
            yield ctx.finding("numbering-order", sec.line, None,
                              detail=say("inverted", child=label(sec), parent=label(parent)))
        elif ranks[sec.kind] > ranks[parent.kind] + 1 and not opts["allow_skip"]:
            yield ctx.finding("numbering-order", sec.line, None,
                              detail=say("skip", child=label(sec), parent=label(parent)))
    for parent in sections:
        last: dict[str, tuple[int, Section]] = {}
        broken: set[str] = set()  # one finding per series: what follows a slip would only repeat it
        for child in (sections[i] for i in parent.children):
            if child.kind not in ranks or child.number is None or child.kind in broken:
                continue
            n = cn_number(child.number.strip("()第部分章篇"))
            if n is None:
                continue
            prev = last.get(child.kind)
            detail = None
            if prev is None and n != 1:
                detail = say("first", next=label(child))
            elif prev is not None and n == prev[0] and n != 1:
                detail = say("repeat", next=label(child))
            elif prev is not None and n not in (prev[0] + 1, 1):
                detail = say("gap", prev=label(prev[1]), next=label(child))
            if detail is not None:
                broken.add(child.kind)
                yield ctx.finding("numbering-order", child.line, None, detail=detail)
            last[child.kind] = (n, child)
