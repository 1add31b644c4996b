"""Build the heading tree of a report from Chinese numbering (一、 （一） 1. （1） 第一部分 一是) and short lines."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from scorer.model import Line, NormalizedDocument, Outline, Paragraph, Section
from scorer.numerals import cn_number

_CN = "一二三四五六七八九十百零〇两壹贰叁肆伍陆柒捌玖拾"
# Numbering styles, most specific first. Each yields (kind, number, rest of the line).
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^(第[{_CN}\d]{{1,4}}(?:部分|章|篇))\s*[、.:,]?\s*(.*)$")),
    ("cnp", re.compile(rf"^([(][{_CN}]{{1,3}}[)])\s*[、.,:]?\s*(.*)$")),
    ("arp", re.compile(r"^([(]\d{1,2}[)])\s*[、.,:]?\s*(.*)$")),
    # (一、二、三等级 is an enumeration, not a heading: see _enumerates)
    ("cn", re.compile(rf"^([{_CN}]{{1,3}})\s*[、.:,]\s*(.*)$")),
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
    key: str  # the numbering series it belongs to (see _Builder)
    number: str | None
    title: str
    line: int | None
    source: int | None
    parent: int | None
    body: list[Paragraph] = field(default_factory=list)
    children: list[int] = field(default_factory=list)


# A line of a table of contents: a heading, leader dots and its page number (二、存在的不足……6).
_TOC_ENTRY = re.compile(r"(?:[.…·・。]{2,}|[…·・])\s*\d{1,3}$")


# After "一、", the next number of the same list (一、二、三等级, 一、二级, 一、二审, 1、2月): an inline
# enumeration. A heading's text may start with a numeral all the same: 二、一年来的主要工作,
# 三、一季度以来……, 四、二〇二四年工作计划, 一、“十四五”期间…… (not the next number, or no unit after it).
_NEXT_ITEM = re.compile(
    rf"^([{_CN}]{{1,4}}|\d{{1,4}})(?:\s*[、,至到~-]|级|等|类|审|期|号|线|档|星|批|届|轮|型|产|胎|孩|层|楼|组|种|年级|季度|月|把手)")


def _enumerates(number: str, rest: str) -> bool:
    """Whether ``rest`` (after the number ``number`` and its 、) goes on with the next number of a list."""
    m = _NEXT_ITEM.match(rest)
    return m is not None and not m.group(1).startswith("两") and _value(m.group(1)) == _value(number) + 1


def _reads_as_heading(rest: str, title: str) -> bool:
    """A title that is a phrase, not the start of a sentence (no comma or 、 in it or right after it)."""
    return len(title) <= 30 and not re.search(r"[,、]", rest[: len(title) + 1])


def split_heading(text: str, enumeration: bool = False) -> tuple[str, str, str, str] | None:
    """(kind, number, title, run-in body) if the line opens with a numbering, else None.

    With ``enumeration``, a line that reads as an enumeration (二、三级……) is a heading all the same
    when its title reads as one: the outline asks so where the report's series lacks that number
    (一、…… 二、三级联动机制建设 三、……; see _fill_series).
    """
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
        if kind in ("cn", "ar") and _enumerates(number, rest) and not (enumeration and _reads_as_heading(rest, title)):
            return None
        if kind == "enum" and ((body == "" and len(title) > _MAX_TITLE) or len(title) > 30):
            return None  # 一是…… running on as a sentence: an inline enumeration, not a heading
        return kind, number, title, body
    return None


# A heading glued to its body with nothing between (the line breaks were lost): the body opens
# with a numbering of its own (一是 (一) 1.), or a heading's last word meets a body's first words
# (……职责情况县长认真履行……, ……工作安排2024年,我县将……).
_GLUED_NUMBER = re.compile(  # (the look-ahead first: most places open none of them, and say so fast)
    r"(?=[一(\d])(?:(?<![统唯第万同专单])一是|[(][一二三四五六七八九十]{1,3}[)]|\d{1,2}[.、](?!\d))")
_GLUED_WORDS = re.compile(
    r"(?:情况|成效|成绩|举措|措施|做法|不足|原因|问题|短板|差距|弱项|安排|打算|计划|思路|建议|职责|工作|建设|改革"
    r"|领导|监督|执法|决策|体系|机制|制度|能力|水平|服务|保障|环境|宣传|治理|思想|责任|成果|进展|任务|目标)"
    r"(?=(?:19|20)\d\d年|[〇零一二三四五六七八九]{4}年|全年|今年|本年|年内|近年来|一年来|一是"
    r"|我(?:县|市|区|州|省|镇|乡|局|委|厅|办|院|街道)|(?:县|市|区|州|省|镇|乡)(?:委|政府|人民政府|长)"
    r"|主要负责|党政主要|坚持|围绕|按照|根据|对照|虽然|但是|下一步)")


def _glued_end(head: str) -> int | None:
    """Where a heading glued to the text after it ends, within ``head`` (a line up to its first stop):
    before a numbering that opens the body; or, when ``head`` is a sentence (it has a comma), after a
    heading's last word that meets a body's first words in its first clause. None if neither."""
    comma = head.find(",")
    clause = head[: _MAX_TITLE if comma < 0 else min(comma, _MAX_TITLE)]
    m = _GLUED_NUMBER.search(clause, 2)
    if m is not None:
        return m.start()
    m = _GLUED_WORDS.search(clause) if comma >= 0 else None
    return m.end() if m is not None and m.end() >= 4 else None


def _run_in(rest: str) -> tuple[str, str]:
    """Split "坚持高位推动。市政府……" into a title and the body that runs in after it."""
    m = _RUN_IN_END.search(rest)
    cut = _glued_end(rest[: m.start()] if m else rest)
    if cut is not None:
        return rest[:cut], rest[cut:]
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


Head = tuple[str, str, str, str]  # (kind, number, title, run-in body), as split_heading gives them
# A number, its 、 and another number: a line that may read as an enumeration (split_heading refuses it).
_NUMBER_THEN_NUMBER = re.compile(rf"^(?:[{_CN}]{{1,3}}|\d{{1,2}})\s*[、.:,]\s*(?:[{_CN}]|\d)")


def _numbered(text: str, head: Head | None) -> bool:
    """Whether a line opens with a heading number (not 一是…, nor a number followed only by a space)."""
    return head is not None and head[0] != "enum" and not _SPACED_CN.match(text)


def _fill_series(texts: list[str], heads: list[Head | None]) -> list[Head | None]:
    """The headings with the lines that read as enumerations (二、三级……) taken for headings where the
    report's series of that numbering lacks their number and holds the one before or after it
    (一、…… 二、三级联动机制建设 三、……; 一、二级以上医院依法执业情况 二、……)."""
    have: dict[str, set[int]] = {}
    for head in heads:
        if head is not None and head[0] in ("cn", "ar"):
            have.setdefault(head[0], set()).add(_value(head[1]))
    maybe = {pos: head for pos, text in enumerate(texts)
             if heads[pos] is None and _NUMBER_THEN_NUMBER.match(text) and (head := split_heading(text, True))}
    out = list(heads)
    found = True
    while found:
        found = False
        for pos, head in maybe.items():
            values, value = have.setdefault(head[0], set()), _value(head[1])
            if out[pos] is None and value not in values and (value - 1 in values or value + 1 in values):
                out[pos], found = head, True
                values.add(value)
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
    its level carries elsewhere (see ``_style_key``). Levels follow the order in which series
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
            del stack[1:]
        elif (key in ("cn", "part") and len(stack) > 1 and (keys[1] == "plain" or keys[1].startswith("style"))
              and key not in keys and _value(number) > 1):
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
    seen_numbered = not any(line.level is not None or _numbered(stripped[pos], heads[pos])
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
    if line.level is not None and (len(text) <= _MAX_TITLE + 20 or not _SENTENCE_PUNCT.search(text)):
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
