"""Web pages (.html/.htm): decode by the declared charset, keep the article, drop the site's chrome.

The article is found by trafilatura (``extract`` with XML output), chosen over readability-lxml
and jusText because it is the best maintained of the three and the only one that works on
Chinese pages out of the box: jusText needs a stop-word list (it has none for Chinese) and
readability scores paragraphs by ASCII commas, which Chinese text does not use. trafilatura
drops navigation, breadcrumbs, link lists, footers, forms and scripts by link density and tag
semantics, falls back on its own readability and jusText ports when its main pass finds too
little, and keeps the block structure (headings, paragraphs, list items, table cells) that
becomes our lines.
"""

from __future__ import annotations

import codecs
import logging
import re
from typing import Any
from xml.etree import ElementTree

from scorer.errors import InputError
from scorer.model import Document, Line
from scorer.read.htmlguard import bound_html
from scorer.read.text import decode

_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Declared names → the codec that decodes everything pages labelled so really contain.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "euc-cn": "gb18030",
              "hz-gb-2312": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs",
              "latin-1": "windows-1252", "iso8859-1": "windows-1252", "ascii": "windows-1252"}
_BLOCKS = {"head", "p", "item", "cell", "quote", "code", "list", "table", "row"}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_REPORT_WORD = re.compile(r"报告|总结")
# What a CMS puts between the article's title and the site's name in <title>: 标题 - XX县人民政府, 标题_XX网
_TITLE_PARTS = re.compile(r"\s+[-–—|]\s+|\s*[_|｜]\s*|\s*(?:--|——|－)\s*")


def declared_charset(data: bytes) -> str | None:
    """The page's own charset (BOM, <meta charset>, http-equiv or XML declaration), as a codec."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return enc
    m = _DECLARED.search(data[:16384])
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii", "replace").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, _SUPERSETS.get(label, name))


def decode_html(name: str, data: bytes) -> tuple[str, str]:
    """Decode a page by its declared charset; a page that lies about it is decoded as what it is.

    Valid UTF-8 wins over any declaration: GBK text of any length is never valid UTF-8, while
    GB18030 decodes nearly any bytes, so a UTF-8 page labelled GBK would otherwise turn to mojibake.
    """
    declared = declared_charset(data)
    if declared is not None and not declared.startswith("utf-16"):
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if declared is not None:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass  # saved in another encoding than it declares: guess below
    return decode(name, data)


def read_html(name: str, data: bytes) -> Document:
    """Read a saved web page into one line per block of its main article."""
    text, encoding = decode_html(name, data)
    text = _XML_DECL.sub("", text.lstrip("\ufeff"), count=1)
    if not text.strip():
        raise InputError(name, "empty")
    text = bound_html(name, text)  # too many elements refused, nesting past libxml2's depth flattened
    _quiet_library_logs()
    try:
        import trafilatura
        from trafilatura.utils import load_html

        tree = load_html(text)
        if tree is None:
            raise InputError(name, "html-no-article")
        links = _link_texts(tree)
        title = _page_title(tree)  # before extract, which prunes the tree
        extracted = trafilatura.extract(
            tree,
            output_format="xml",
            include_tables=True,
            include_comments=False,
            include_links=False,
            include_images=False,
            include_formatting=False,
            deduplicate=False,
            with_metadata=False,
            favor_recall=True,
        )
        if not extracted:
            raise InputError(name, "html-no-article")
        # trafilatura's own serialisation: no DTD, no entities, so the standard library parses it safely
        root = ElementTree.fromstring(extracted)
        main = root.find("main")
        # When a page has no article, trafilatura falls back on whatever text it finds, menus
        # included; a block that is nothing but the text of a link elsewhere is navigation.
        texts = [t for t in _blocks(main if main is not None else root) if t not in links]
        if title and not _starts_with(texts, title):
            texts.insert(0, title)
    except InputError:
        raise
    except Exception:  # trafilatura and lxml raise many types on odd markup
        raise InputError(name, "html-unparsable") from None
    lines = tuple(Line(t, i) for i, t in enumerate(texts, start=1))
    if not lines:
        raise InputError(name, "html-no-article")
    return Document(path=name, format="html", lines=lines, encoding=encoding)


def _page_title(tree: Any) -> str | None:
    """The report's title from the page's markup, where trafilatura (without metadata) drops it: the
    <h1> above the article, the CMS's ArticleTitle/og:title, or <title> with the site's name cut off.
    Only a title naming 报告/总结 is taken, so a site name in <h1> is never made the report's title."""
    candidates = ["".join(h.itertext()) for h in tree.iter("h1")]
    for meta in tree.iter("meta"):
        if (meta.get("name") or meta.get("property") or "").lower() in ("articletitle", "og:title"):
            candidates.append(meta.get("content") or "")
    for el in tree.iter("title"):
        candidates.extend(sorted(_TITLE_PARTS.split("".join(el.itertext())), key=len, reverse=True))
    for text in candidates:
        text = " ".join(text.split())
        if 6 <= len(text) <= 80 and _REPORT_WORD.search(text):
            return text
    return None


def _starts_with(texts: list[str], title: str) -> bool:
    """Whether the article's first lines already hold the title (perhaps broken over two lines)."""
    head = "".join("".join(texts[:5]).split())
    return "".join(title.split()) in head


def _link_texts(tree: Any) -> set[str]:
    """The texts of the page's links to other pages (not in-page anchors such as a contents list)."""
    out: set[str] = set()
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.startswith("#"):
            text = " ".join("".join(a.itertext()).split())
            if text:
                out.add(text)
    return out


def _blocks(el: ElementTree.Element) -> list[str]:
    """One text per block (heading, paragraph, list item, table cell), split at <lb/>."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buf).split())
        if text:
            out.append(text)
        buf.clear()

    def visit(node: ElementTree.Element) -> None:
        buf.append(node.text or "")
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _BLOCKS:
                flush()
                visit(child)
                flush()
            elif tag == "lb":
                flush()
            elif tag:
                buf.append("".join(child.itertext()))
            buf.append(child.tail or "")

    visit(el)
    flush()
    return out


def _quiet_library_logs() -> None:
    """The libraries log every oddity they repair; unless the application set up logging,
    Python would print those warnings on stderr, where only our one-line errors belong."""
    for logger_name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(logger_name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
