"""Build the heading tree of a report from Chinese numbering (一、 （一） 1. （1） 第一部分 一是) and short lines."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from scorer.layout import words
from scorer.model import Line, NormalizedDocument, Outline, Paragraph, Section
from scorer.outline.numbering import MAX_TITLE, Head, may_enumerate, numbered, split_heading, value

__all__ = ["build_outline", "split_heading"]

_PLAIN_MAX = 28
_BODY_STARTS = 60
_SENTENCE_PUNCT = re.compile(r"[,。;!?、]")
# A line with a colon or a pipe inside, or an ASCII word, is page chrome or an advert, not a heading.
_NOT_HEADING_CHARS = re.compile(r"[:|]|[A-Za-z]{3,}")
_WORD_CHARS = re.compile(r"[\u3400-\u9fff]{2}")  # a heading says something: two Chinese characters in a row at least
_TABLE_ROW = re.compile(r"\S\t+\S|[\d%]$")  # cells apart by tabs, or a figure at the end
_NOT_PLAIN = re.compile(
    r"(^\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?$)|(:$)|(^特此报告)|(^附件)|(^来源)|(^发布)|(^索引号)|(\|)"
    r"|((报告|总结)$)|(^[〇零一二三四五六七八九十]{4}年)"
)


@dataclass
class _Node:
    level: int
    kind: str
    key: str  # the numbering series it belongs to (see _Builder)
    number: str | None
    title: str
    line: int | None
    source: int | None
    parent: int | None
    body: list[Paragraph] = field(default_factory=list)
    children: list[int] = field(default_factory=list)


def _is_plain_heading(text: str, next_text: str | None) -> bool:
    if not (4 <= len(text) <= _PLAIN_MAX) or next_text is None:
        return False
    if _SENTENCE_PUNCT.search(text) or _NOT_PLAIN.search(text) or _NOT_HEADING_CHARS.search(text):
        return False
    if not _WORD_CHARS.search(text) or _TABLE_ROW.search(text):  # a table's cell (-50.0%) or row (其他专业\t78\t92.9%)
        return False
    if re.search(r"\d{4}-\d{2}", text) or text.endswith(("人民政府", "委员会", "办公室")):
        return False
    if text.endswith("如下"):
        return False
    return split_heading(next_text) is not None or (len(next_text) > len(text) * 2 and len(next_text) >= 30)


_CONTINUATION = re.compile(rf"^{words('headings.continuations')}")


def _continues(title: str, next_text: str, texts: list[tuple[int, Any]], pos: int) -> bool:
    """Whether ``next_text`` is the rest of a heading broken over two lines (not a body or a subheading)."""
    if len(next_text) > 20 or _SENTENCE_PUNCT.search(next_text) or split_heading(next_text) is not None:
        return False
    if len(title) < 14 and not _CONTINUATION.match(next_text):
        return False
    after = texts[pos + 2][1].text.strip() if pos + 2 < len(texts) else None
    return after is None or split_heading(after) is not None or _long(after, next_text)


def _long(para: str, heading: str) -> bool:
    """Whether ``para`` reads as the body under ``heading``: over twice as long, and 30 characters at least."""
    return len(para) > len(heading) * 2 and len(para) >= 30


def _fill_series(texts: list[str], heads: list[Head | None]) -> list[Head | None]:
    """The headings with the lines that read as enumerations (二、三级……) taken for headings where the
    report's series of that numbering lacks their number and holds the one before or after it
    (一、…… 二、三级联动机制建设 三、……; 一、二级以上医院依法执业情况 二、……)."""
    have: dict[str, set[int]] = {}
    for head in heads:
        if head is not None and head[0] in ("cn", "ar"):
            have.setdefault(head[0], set()).add(value(head[1]))
    maybe = {pos: head for pos, text in enumerate(texts)
             if heads[pos] is None and may_enumerate(text) and (head := split_heading(text, True))}
    out = list(heads)
    found = True
    while found:
        found = False
        for pos, head in maybe.items():
            values, n = have.setdefault(head[0], set()), value(head[1])
            if out[pos] is None and n not in values and (n - 1 in values or n + 1 in values):
                out[pos], found = head, True
                values.add(n)
    return out


def _style_kinds(texts: list[tuple[int, Line]], heads: list[Head | None]) -> dict[int, str]:
    """The typed numbering each Word heading level carries where a styled heading has one
    (Heading 1 over 一、…, Heading 2 over (一)…), most often used first."""
    seen: dict[int, Counter[str]] = {}
    for (_, line), head in zip(texts, heads, strict=True):
        if head is not None and line.level is not None:
            seen.setdefault(line.level, Counter())[head[0]] += 1
    return {level: kinds.most_common(1)[0][0] for level, kinds in seen.items()}


class _Builder:
    """The heading tree grown line by line: a stack of open sections, root first.

    Each node has a numbering series (its key): the kind of its typed numbering, ``plain`` for a
    short unnumbered line, and for an unnumbered line in a Word heading style the series that
    its level carries elsewhere (see ``style_key``). Levels follow the order in which series
    first appear under each branch: a series already open closes back to that level, a new one
    nests one deeper; a series once seen at the top stays at the top.
    """

    def __init__(self, style_kinds: dict[int, str]) -> None:
        self.nodes: list[_Node] = [_Node(0, "root", "root", None, "", None, None, None)]
        self.stack: list[int] = [0]
        self.top: set[str] = set()
        self.style_kinds = style_kinds

    def style_key(self, level: int) -> str:
        """The series of an unnumbered heading in Word's heading ``level``: the typed numbering that
        level carries elsewhere, else its own style when open, else the series open at its depth
        (it stands beside that section), else its own."""
        own = f"style{level}"
        keys = [self.nodes[i].key for i in self.stack]
        if level in self.style_kinds:
            return self.style_kinds[level]
        if own not in keys and len(keys) > level:
            return keys[level]
        return own

    def close_for(self, key: str, number: str | None) -> None:
        """Close the open sections that a heading of series ``key`` ends."""
        stack, nodes = self.stack, self.nodes
        keys = [nodes[i].key for i in stack]
        if key == "plain" or key in self.top:
            # (a line that lost its number is taken for a top-level heading, the numbering most often lost)
            del stack[1:]
        elif (key in ("cn", "part") and len(stack) > 1 and (keys[1] == "plain" or keys[1].startswith("style"))
              and key not in keys and value(number) > 1):
            # "二、" after an unnumbered heading (a short line, or one in a heading style): the series
            # began with a heading that lost its "一、", so 二、 stands beside it, not under it.
            del stack[1:]
        elif key in keys:
            del stack[keys.index(key):]
        elif key.startswith("style"):
            while len(stack) > 1 and nodes[stack[-1]].key.startswith("style") and nodes[stack[-1]].key >= key:
                stack.pop()

    def open(self, kind: str, key: str, number: str | None, title: str, idx: int, source: int) -> _Node:
        self.close_for(key, number)
        parent = self.stack[-1]
        if parent == 0 and key != "plain":
            self.top.add(key)
        node = _Node(len(self.stack), kind, key, number, title, idx, source, parent)
        self.nodes[parent].children.append(len(self.nodes))
        self.stack.append(len(self.nodes))
        self.nodes.append(node)
        return node


def build_outline(doc: NormalizedDocument) -> Outline:
    texts = [(i, line) for i, line in enumerate(doc.lines) if line.text.strip()]
    stripped = [line.text.strip() for _, line in texts]
    heads = _fill_series(stripped, [split_heading(text) for text in stripped])
    builder = _Builder(_style_kinds(texts, heads))
    # A short line standing alone before a paragraph is a heading whose number was lost, once the
    # body has begun: after the first numbered heading or the first real paragraph, never in the
    # title block. Without any numbering at all, short lines are the only headings there are.
    # (一是……二是…… are run-in enumerations inside paragraphs, not a numbering of headings.)
    seen_numbered = not any(line.level is not None or numbered(stripped[pos], heads[pos])
                            for pos, (_, line) in enumerate(texts))
    joined: set[int] = set()  # positions of lines that finish the heading before them
    for pos, (idx, line) in enumerate(texts):
        if pos in joined:
            continue
        text = stripped[pos]
        next_text = stripped[pos + 1] if pos + 1 < len(texts) else None
        heading = _heading(line, heads[pos], next_text, seen_numbered, builder)
        if heading is None:
            builder.nodes[builder.stack[-1]].body.append(Paragraph(text, idx, line.source))
            seen_numbered = seen_numbered or len(text) >= _BODY_STARTS
            continue
        kind, key, number, title, body = heading
        seen_numbered = seen_numbered or kind != "plain"
        node = builder.open(kind, key, number, title, idx, line.source)
        if body:
            node.body.append(Paragraph(body, idx, line.source))
        elif kind not in ("plain", "enum") and next_text is not None and _continues(title, next_text, texts, pos):
            # "二、2021年党政主要负责人履行推进法治" / "建设第一责任人职责情况": one heading over two lines
            node.title = title + next_text
            nxt_idx, nxt = texts[pos + 1]
            node.body.append(Paragraph(next_text, nxt_idx, nxt.source))
            joined.add(pos + 1)
    return _freeze(builder.nodes)


def _heading(line: Line, head: Head | None, next_text: str | None, seen_numbered: bool,
             builder: _Builder) -> tuple[str, str, str | None, str, str] | None:
    """(kind, series key, number, title, run-in body) when the line is a heading. Typed numbering
    (``head``) decides; a Word heading style counts only where the text has none."""
    text = line.text.strip()
    if head is not None:
        kind, number, title, body = head
        return kind, kind, number, title, body
    if line.level is not None and (len(text) <= MAX_TITLE + 20 or not _SENTENCE_PUNCT.search(text)):
        # (a paragraph of sentences in a heading style, or with an outline level, is body text all the same)
        return f"style{line.level}", builder.style_key(line.level), None, text, ""
    if seen_numbered and _is_plain_heading(text, next_text):
        return "plain", "plain", None, text, ""
    return None


def _freeze(nodes: list[_Node]) -> Outline:
    return Outline(tuple(
        Section(index=i, level=n.level, kind=n.kind, number=n.number, title=n.title, line=n.line,
                source=n.source, parent=n.parent, body=tuple(n.body), children=tuple(n.children))
        for i, n in enumerate(nodes)))
