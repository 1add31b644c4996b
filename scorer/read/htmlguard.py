"""Bound a web page before it is parsed: too many elements is refused, nesting too deep is flattened.

A report's page has a few thousand elements. Parsing and extracting the article costs about
2.5 KB of memory per element (lxml's tree, then trafilatura's copies of it): 500,000 ``<p>`` in
4 MB of HTML took 1.2 GB, so a page is refused past MAX_ELEMENTS. libxml2 stops building the tree
at 256 levels and drops what lies deeper, so real text inside 5,000 nested ``<div>`` would be
lost: container tags past MAX_DEPTH levels are taken out (their text stays where it was).
"""

from __future__ import annotations

import re

from scorer.errors import InputError

MAX_ELEMENTS = 100_000
MAX_DEPTH = 128

# Elements that nest freely and that a parser never closes by itself (unlike p, li, td), so an
# opening tag is one more level until its closing tag. Others are left alone.
_CONTAINERS = ("div|span|section|article|main|aside|nav|header|footer|font|center|blockquote|form"
               "|b|i|u|s|em|strong|small|big|sub|sup|a|label|fieldset|details|figure")
_CONTAINER_TAG = re.compile(rf"<(/?)({_CONTAINERS})(?=[\s/>])[^>]*>", re.IGNORECASE)


def bound_html(name: str, text: str) -> str:
    """``text`` ready to parse: InputError when it holds too many elements; deep nesting flattened."""
    elements = text.count("<") - text.count("</")  # opening tags (and the odd comment or '<' in a script)
    if elements > MAX_ELEMENTS:
        raise InputError(name, "html-too-many", elements=elements, limit=MAX_ELEMENTS)
    if elements <= MAX_DEPTH:
        return text  # too few tags to nest too deep
    return _flatten(text)


def _flatten(text: str) -> str:
    """Drop the container tags (opening and closing) that sit deeper than MAX_DEPTH containers."""
    kept: list[bool] = []  # per open container: whether its tags are kept

    def visit(m: re.Match[str]) -> str:
        if m.group(1):  # a closing tag: it closes the innermost open container
            if not kept:
                return m.group()
            return m.group() if kept.pop() else ""
        if m.group().endswith("/>"):
            return m.group()
        keep = len(kept) < MAX_DEPTH
        kept.append(keep)
        return m.group() if keep else ""

    flat = _CONTAINER_TAG.sub(visit, text)
    return flat
