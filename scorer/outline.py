"""Build the heading tree of a report from Chinese numbering (一、 （一） 1. （1） 第一部分 一是) and short lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from scorer.model import NormalizedDocument, Outline, Paragraph, Section
from scorer.numerals import cn_number

_CN = "一二三四五六七八九十百零〇两壹贰叁肆伍陆柒捌玖拾"
# Numbering styles, most specific first. Each yields (kind, number, rest of the line).
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^(第[{_CN}\d]{{1,4}}(?:部分|章|篇))\s*[、.:,]?\s*(.*)$")),
    ("cnp", re.compile(rf"^([(][{_CN}]{{1,3}}[)])\s*[、.,:]?\s*(.*)$")),
    ("arp", re.compile(r"^([(]\d{1,2}[)])\s*[、.,:]?\s*(.*)$")),
    # (not 一、二…: an enumeration; but 四、二〇二四年工作计划 opens with a year in Chinese numerals)
    ("cn", re.compile(rf"^([{_CN}]{{1,3}})\s*[、.:,](?!(?![〇零○一二三四五六七八九]{{4}}\s*年)[{_CN}])\s*(.*)$")),
    # 【一】, and a short heading whose 、 was lost (二 2021年党政主要负责人…… / 三 存在的不足)
    ("cnl", re.compile(rf"^(【[{_CN}]{{1,3}}】)\s*(.*)$")),
    ("cn", _SPACED_CN := re.compile(
        rf"^([{_CN}]{{1,3}})[ \u3000]+(?![是个项次批名家年月日])(?=[\u4e00-\u9fff\d])(.{{2,46}})$")),
    ("ar", re.compile(r"^(\d{1,2})\s*(?:[、]|\.(?!\d)|[.](?=\D))\s*(.*)$")),
    ("circled", re.compile(r"^([\u2460-\u2473\u2776-\u277f])\s*[、.]?\s*(.*)$")),
    ("enum", re.compile(rf"^([{_CN}]{{1,3}}是)\s*(.*)$")),
)
# Where a run-in heading stops and its body begins.
_RUN_IN_END = re.compile(r"[。!?;:]")
_MAX_TITLE = 40
_PLAIN_MAX = 28
_BODY_STARTS = 60
_SENTENCE_PUNCT = re.compile(r"[,。;!?、]")
# A line with a colon or a pipe inside, or an ASCII word, is page chrome or an advert, not a heading.
_NOT_HEADING_CHARS = re.compile(r"[:|]|[A-Za-z]{3,}")
_NOT_PLAIN = re.compile(
    r"(^\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?$)|(:$)|(^特此报告)|(^附件)|(^来源)|(^发布)|(^索引号)|(\|)"
    r"|((报告|总结)$)|(^[〇零一二三四五六七八九十]{4}年)"
)


@dataclass
class _Node:
    level: int
    kind: str
    number: str | None
    title: str
    line: int | None
    source: int | None
    parent: int | None
    body: list[Paragraph] = field(default_factory=list)
    children: list[int] = field(default_factory=list)


# A line of a table of contents: a heading, leader dots and its page number (二、存在的不足……6).
_TOC_ENTRY = re.compile(r"(?:[.…·・。]{2,}|[…·・])\s*\d{1,3}$")


def split_heading(text: str) -> tuple[str, str, str, str] | None:
    """(kind, number, title, run-in body) if the line opens with a numbering, else None."""
    if _TOC_ENTRY.search(text):
        return None  # names a heading, on the contents page; the heading itself comes later
    for kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        number, rest = m.group(1), m.group(2).strip()
        if not rest and kind != "part":
            return None
        title, body = _run_in(rest)
        if kind == "enum" and ((body == "" and len(title) > _MAX_TITLE) or len(title) > 30):
            return None  # 一是…… running on as a sentence: an inline enumeration, not a heading
        return kind, number, title, body
    return None


def _run_in(rest: str) -> tuple[str, str]:
    """Split "坚持高位推动。市政府……" into a title and the body that runs in after it."""
    m = _RUN_IN_END.search(rest)
    if m and m.start() <= _MAX_TITLE:
        title = rest[: m.start()].strip()
        body = rest[m.end() :].strip()
        if title:
            return title, body
    if len(rest) <= _MAX_TITLE + 20:
        return rest.rstrip("。"), ""
    # A long numbered line with no early stop: the first clause is the heading.
    comma = rest.find(",", 8, _MAX_TITLE + 20)
    cut = comma if comma > 0 else _MAX_TITLE
    return rest[:cut], rest[cut:].lstrip(",")


def _is_plain_heading(text: str, next_text: str | None) -> bool:
    if not (4 <= len(text) <= _PLAIN_MAX) or next_text is None:
        return False
    if _SENTENCE_PUNCT.search(text) or _NOT_PLAIN.search(text) or _NOT_HEADING_CHARS.search(text):
        return False
    if re.search(r"\d{4}-\d{2}", text) or text.endswith(("人民政府", "委员会", "办公室")):
        return False
    if text.endswith("如下"):
        return False
    return split_heading(next_text) is not None or (len(next_text) > len(text) * 2 and len(next_text) >= 30)


_CAPITALS = str.maketrans("壹贰叁肆伍陆柒捌玖拾", "一二三四五六七八九十")


_CONTINUATION = re.compile(r"^(的|和|及|与|之|情况|职责|工作|建设|措施|举措|成效|问题|不足|安排|打算|原因)")


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


def _value(number: str | None) -> int:
    """The value of a heading number (二、 (二) 2. 贰、 → 2); 0 when it has none."""
    digits = (number or "").strip("()（）【】第部分章篇是").translate(_CAPITALS)
    return cn_number(digits) or 0


def _numbered(text: str) -> bool:
    """Whether a line opens with a heading number (not 一是…, nor a number followed only by a space)."""
    head = split_heading(text)
    return head is not None and head[0] != "enum" and not _SPACED_CN.match(text)


def build_outline(doc: NormalizedDocument) -> Outline:
    nodes: list[_Node] = [_Node(0, "root", None, "", None, None, None)]
    stack: list[int] = [0]  # open sections, root first
    top_kinds: set[str] = set()
    texts = [(i, line) for i, line in enumerate(doc.lines) if line.text.strip()]
    # A short line standing alone before a paragraph is a heading whose number was lost, once the
    # body has begun: after the first numbered heading or the first real paragraph, never in the
    # title block. Without any numbering at all, short lines are the only headings there are.
    # (一是……二是…… are run-in enumerations inside paragraphs, not a numbering of headings.)
    seen_numbered = not any(line.level is not None or _numbered(line.text.strip()) for _, line in texts)
    joined: set[int] = set()  # positions of lines that finish the heading before them
    for pos, (idx, line) in enumerate(texts):
        if pos in joined:
            continue
        text = line.text.strip()
        next_text = texts[pos + 1][1].text.strip() if pos + 1 < len(texts) else None
        head = split_heading(text)
        kind: str | None = None
        if line.level is not None:
            kind = f"style{line.level}"
            number, title, body = (head[1], head[2], head[3]) if head else (None, text, "")
        elif head is not None:
            kind, number, title, body = head
        elif seen_numbered and _is_plain_heading(text, next_text):
            kind, number, title, body = "plain", None, text, ""
        if kind is None:
            nodes[stack[-1]].body.append(Paragraph(text, idx, line.source))
            seen_numbered = seen_numbered or len(text) >= _BODY_STARTS
            continue
        seen_numbered = seen_numbered or kind != "plain"
        # Levels follow the order in which numbering styles first appear under each branch:
        # a style already open closes back to that level, a new one nests one deeper.
        # A style once seen at the top stays at the top; a line that lost its number is taken for
        # a top-level heading, the numbering that is most often lost in scraping.
        open_kinds = [nodes[i].kind for i in stack]
        if kind == "plain" or kind in top_kinds:
            del stack[1:]
        elif (kind in ("cn", "part") and len(stack) > 1 and nodes[stack[1]].kind == "plain"
              and kind not in open_kinds and _value(number) > 1):
            # "二、" after a short unnumbered line: the series began with a heading that lost its
            # "一、" (the plain line), so 二、 stands beside it, not under it.
            del stack[1:]
        elif kind in open_kinds:
            del stack[open_kinds.index(kind) :]
        elif kind.startswith("style"):
            while len(stack) > 1 and nodes[stack[-1]].kind.startswith("style") and nodes[stack[-1]].kind >= kind:
                stack.pop()
        parent = stack[-1]
        if parent == 0 and kind != "plain":
            top_kinds.add(kind)
        node_index = len(nodes)
        nodes.append(_Node(len(stack), kind, number, title, idx, line.source, parent))
        nodes[parent].children.append(node_index)
        stack.append(node_index)
        if body:
            nodes[node_index].body.append(Paragraph(body, idx, line.source))
        elif kind not in ("plain", "enum") and next_text is not None and _continues(title, next_text, texts, pos):
            # "二、2021年党政主要负责人履行推进法治" / "建设第一责任人职责情况": one heading over two lines
            nodes[node_index].title = title + next_text
            nxt_idx, nxt = texts[pos + 1]
            nodes[node_index].body.append(Paragraph(next_text, nxt_idx, nxt.source))
            joined.add(pos + 1)
    sections = tuple(
        Section(
            index=i,
            level=n.level,
            kind=n.kind,
            number=n.number,
            title=n.title,
            line=n.line,
            source=n.source,
            parent=n.parent,
            body=tuple(n.body),
            children=tuple(n.children),
        )
        for i, n in enumerate(nodes)
    )
    return Outline(sections)
