"""Rule spam-content: gambling, adult, lottery and advertising text, URLs and phone numbers injected into a page.

Hacked government sites splice a gambling site's name into sentences (``上级申博体育在线:扎实稳定
经济运行``) or append adverts, links and mobile numbers. Such a page must not be filed or republished
as the report. The patterns live in the rubric by category (``checks.spam.categories``; the older
flat ``spam.patterns`` list still counts). A report may speak of such things when it reports
enforcement (``严厉打击跨境赌博``, ``查处涉黄案件``): a hit with an enforcement word just before it is not
spam (``checks.spam.legit_before``). Government addresses (``www.gov.cn``, ``*.gov.cn``) and public
hotlines (12345, 12348) are never spam (``checks.spam.allow``). The exact span is reported with
its line.

Passing: ``为严格贯彻落实上级扎实稳定经济运行的一揽子措施……``; ``依托12345热线和www.hubei.gov.cn受理诉求``;
``严厉打击跨境赌博``.
Failing: ``为严格贯彻落实上级申博体育在线:扎实稳定经济运行……``; ``加微信abc12345领取彩金``;
``详情访问http://www.example-bet.com``.

Fix: take the text from the original document, not the published page, and tell the site's
administrators that the page was tampered with.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scorer.checks.base import LANG, PATTERNS, WORDS, Context, group, option
from scorer.checks.placeholder import merge
from scorer.linescan import finditer
from scorer.model import Finding, Lang
from scorer.rubric import patterns_of
from scorer.words import as_lang

ID = "spam"
RULES: dict[str, tuple[str, str]] = {  # rule id -> its one line (zh, en), for `scorer rules`
    "spam-content": (
        "被注入的赌博、彩票、色情、广告内容,以及网址和电话号码",
        "gambling, lottery, adult or advertising text, URLs and phone numbers injected into the page",
    ),
}


_CATEGORY = {
    "type": "object", "additionalProperties": False, "required": ["label"],
    "properties": {"label": LANG, "patterns": {"$ref": "#/$defs/regexes", "default": []}, "words": WORDS,
                   "legit_context": option("boolean", True)},
}
OPTIONS: dict[str, Any] = {  # the rubric's `checks:` groups this check reads: JSON Schema with defaults
    "spam": group(
        categories=option("array", [], items=_CATEGORY),
        allow=PATTERNS,  # a hit one of these matches is never spam (.gov.cn, 12345)
        legit_before=PATTERNS,  # an enforcement word just before a hit (打击, 查处)
        context_chars=option("integer", 10, minimum=0),  # how far before a hit legit_before looks
    ),
}


@dataclass(frozen=True)
class Category:
    label: Lang
    patterns: tuple[re.Pattern[str], ...]
    context: bool  # whether an enforcement word just before a hit makes it legitimate


@dataclass(frozen=True)
class Options:
    categories: tuple[Category, ...]
    allow: tuple[re.Pattern[str], ...]
    legit_before: tuple[re.Pattern[str], ...]
    context_chars: int

    @classmethod
    def of(cls, opts: dict[str, Any]) -> Options:
        cats = tuple(Category(as_lang(c["label"]), patterns_of(c), bool(c["legit_context"]))
                     for c in opts["categories"])
        return cls(cats, patterns_of(opts["allow"]), patterns_of(opts["legit_before"]), int(opts["context_chars"]))


TYPED = {"spam": Options.of}


def check(ctx: Context) -> Iterator[Finding | None]:
    opts = ctx.options(ID, Options)
    cats = _categories(ctx, opts)
    if not cats:
        return
    window = opts.context_chars
    flat = [(p, cat) for cat in cats for p in cat.patterns]
    # Only the lines that may hold a match are scanned, with the patterns that may match there.
    for i, which in ctx.scan().plan([p for p, _ in flat]):
        text = ctx.doc.lines[i].text
        hits: list[tuple[int, int, Lang]] = []
        for k in which:
            p, cat = flat[k]
            for m in finditer(p, text):
                if m.end() <= m.start() or any(a.search(m.group(0)) for a in opts.allow):
                    continue
                if cat.context and any(lg.search(text[max(0, m.start() - window) : m.start()])
                                       for lg in opts.legit_before):
                    continue
                hits.append((m.start(), m.end(), cat.label))
        if not hits:
            continue
        hits.sort(key=lambda h: (h[0], h[1], h[2]["zh"]))
        for start, end in merge([(s, e) for s, e, _ in hits], gap=1):
            kind = next(lab for s, _, lab in hits if start <= s < end)
            yield ctx.finding("spam-content", i, None, span=text[start:end], kind=kind, marks=(text[start:end],))


def _categories(ctx: Context, opts: Options) -> list[Category]:
    out = list(opts.categories)
    if ctx.rubric.spam:
        out.append(Category(ctx.text(""), ctx.rubric.spam, True))
    return out
