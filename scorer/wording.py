"""What a clerk reads that is worked out from a scorecard, in zh or en: a finding's text and how to fix it with the
year filled in, a place they can find (第12段, under its heading; 第3页第12行), and the headings to add with where
they go. The renderers, the page and the Word comments share these; the words are in rubrics/ui/comments.yaml."""

from __future__ import annotations

import re

from scorer.model import Finding, OutlineNode, Scorecard, TemplateHeading, in_lang
from scorer.uiwords import table, word

# A year left as the rubric's placeholder in a fix text (用“一、20XX年推进……”作为标题).
_YEAR_SLOT = re.compile(r"20[X×xＸ]{2}(?=\s*年)")
_CN_NUMBER = re.compile(r"^[一二三四五六七八九十百零〇两]+$")


def say(key: str, lang: str, **values: object) -> str:
    """A word of the comments and places (rubrics/ui/comments.yaml)."""
    return word("comments", key, lang, **values)


def finding_text(card: Scorecard, finding: Finding, lang: str) -> str:
    """A finding's message in ``lang``, with the placeholder year of its fix filled in when the heading it asks
    for names one."""
    heading = _heading_for(card, finding.criterion)
    year = heading.year if heading is not None else None
    message = finding.message_in(lang)
    return _YEAR_SLOT.sub(str(year), message) if year is not None else message


def fix_text(card: Scorecard, finding: Finding, lang: str) -> str:
    """How to fix a rule's findings, one line (rubrics/ui/fixes.yaml), the year filled in; "" for an unknown rule."""
    entry = table("fixes").get(finding.rule)
    if not isinstance(entry, dict):
        return ""
    text = str(entry.get(lang) or entry.get("zh") or "")
    heading = _heading_for(card, finding.criterion)
    year = heading.year if heading is not None else card.meta.get("report_year")
    return _YEAR_SLOT.sub(str(year), text) if isinstance(year, int) else text


def _heading_for(card: Scorecard, criterion: str | None) -> TemplateHeading | None:
    return next((h for h in card.template if h.criterion == criterion), None) if criterion else None


def place(card: Scorecard, line: int | None, lang: str, page: int | None = None) -> str:
    """Where a line is, as the clerk can find it: 第12行 in a text, 第12段 (“三、存在的不足”下) in a Word file or
    a web page (the heading when the outline is known), 第3页第12行 in a PDF; "" when there is no line."""
    if line is None:
        return ""
    if card.unit == "page" and page is not None:
        return say("place_page", lang, p=page, n=line)
    if card.unit != "paragraph":
        return say("place_line", lang, n=line)
    where = say("place_paragraph", lang, n=line)
    node = heading_above(card, line)
    return say("place_under", lang, place=where, heading=heading_display(node)) if node is not None else where


def heading_above(card: Scorecard, line: int) -> OutlineNode | None:
    """The heading a line stands under (None: the line is a heading itself, or comes before the first)."""
    above = None
    for node in card.outline:
        if node.line is None:
            continue
        if node.line == line:
            return None
        if node.line < line:
            above = node
    return above


def heading_display(node: OutlineNode) -> str:
    """A heading with its number as the report writes it: 三、存在的不足, (一)加强组织领导, 1.……"""
    number = node.number or ""
    if _CN_NUMBER.match(number):
        number += "、"
    elif number.isdigit():
        number += "."
    return number + node.title


def where_text(card: Scorecard, heading: TemplateHeading, lang: str) -> str:
    """Where a heading to add goes: 插在“二、存在的问题”之后, 插在第12段“下一步,我们将……”之前, ……"""
    anchor = heading.anchor or ""
    if heading.where == "before" and not any(n.line == heading.line for n in card.outline):
        return say("copy_before_para", lang, place=place(card, heading.line, lang), anchor=anchor)
    key = {"after": "copy_after", "before": "copy_before", "above": "copy_above", "split": "copy_split"}
    return say(key.get(heading.where, "copy_end"), lang, anchor=anchor)


def copy_block(card: Scorecard, lang: str) -> str:
    """The headings to add, ready to copy: each with its number and year, its hint, and where it goes."""
    lines = []
    for h in card.template:
        where = say("copy_where", lang, where=where_text(card, h, lang))
        lines += [f"{h.number}{in_lang(h.heading, lang)}", f"  ({in_lang(h.hint, lang)})", f"  {where}"]
    return "\n".join(lines)
