"""The facts stage: what a report says of itself (title, issuing body, level, year, addressee, signature,
dates), worked out once between outline and match.

Everything here is parsing of the 公文 layout (GB/T 9704: title, 主送机关 line ending with a colon,
署名 and 成文日期 at the end) and of numerals and dates; what a finding makes of these facts is the
checks' business and lives in the rubric.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import islice, takewhile
from typing import Any

from scorer.layout import words
from scorer.model import DateFound, Facts, NormalizedDocument, Outline
from scorer.numerals import cn_number
from scorer.years import arabic_years

_TITLE_WORDS = re.compile(words("title.rule_of_law"))
_REPORT_WORD = re.compile(words("title.document_type"))
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_HEAD_LINES = 25
# A page's document number before its title (浙卫〔2024〕3号《…》) and the brackets round a title.
_DOC_NUMBER = re.compile(r"^\S{0,12}[〔\[]\d{4}[〕\]]\s*\d+\s*号\s*")
# Lines that are never the title: page chrome, breadcrumbs, sentences, metadata rows.
_NOT_TITLE = re.compile(rf"[>。:|]|^{words('title.not_title_starts')}")

# The names of bodies that issue or receive a report: what a 署名 or a 主送机关 ends with.
_ORGAN_END = words("organs.endings")
_ORGAN = re.compile(rf"^[^\s,。;:!?()《》“”]{{1,40}}?{_ORGAN_END}$")
_ORGAN_IN = re.compile(rf"[\u4e00-\u9fff]{{1,24}}?{_ORGAN_END}")
_PARTY = re.compile(words("organs.party"))
_GOVERNMENT = re.compile(words("organs.government"))
_TOWNSHIP = re.compile(words("organs.township"))
_DEPARTMENT = re.compile(words("organs.department"))
_PLACE = re.compile(words("organs.place"))
_SELF = re.compile(words("organs.self"))

# Dates: 2024年2月28日, 2023年3月 1日, 二〇二四年二月二十八日, 2024-02-28 (page metadata).
_NUM = r"[0-9〇零○一二三四五六七八九十两]"
_DATE_CN = re.compile(rf"({_NUM}{{4}})\s*年\s*({_NUM}{{1,3}})\s*月(?:\s*({_NUM}{{1,3}})\s*日)?")
_DATE_TEXT = rf"{_NUM}{{4}}\s*年\s*{_NUM}{{1,3}}\s*月(?:\s*{_NUM}{{1,3}}\s*日)?"
_DATE_LINE = re.compile(rf"^(?P<sig>[^\d:|]{{0,40}}?)\s*(?P<date>{_DATE_TEXT})$")
_DATE_ISO = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_PUBLISHED = re.compile(r"(?<![效止])(?:发布|公开|生成|发文)?(?:日期|时间)\s*[:|]?\s*\|?\s*")
_END_LINES = 8
# A date line whose digits are left as blanks or placeholders (2023年___月___日, 20XX年X月X日).
_UNFILLED_DATE = re.compile(r"^(?=.*[_X×xＸ])[\d_X×xＸ ]{2,4}年[\d_X×xＸ ]{1,4}月[\d_X×xＸ ]{1,4}日$")
_PREAMBLE_LINES = 20


def parse_date(text: str) -> DateFound | None:
    """The first 年月日 date in ``text`` (line 0); well formed means Arabic digits, no zero padding, a day."""
    m = _DATE_CN.search(text)
    if not m:
        return None
    y, mo, d = cn_number(m.group(1)), cn_number(m.group(2)), cn_number(m.group(3) or "")
    arabic = all(g is None or g.isdigit() for g in m.groups())
    padded = any(g is not None and g.isdigit() and len(g) > 1 and g.startswith("0") for g in m.groups()[1:])
    when: dt.date | None = None
    if y is not None and mo is not None and d is not None:
        try:
            when = dt.date(y, mo, d)
        except ValueError:
            when = None
    return DateFound(when, m.group(0), 0, arabic and not padded and m.group(3) is not None and when is not None)


# The last document's non-blank lines, by identity: every finder of one document walks them.
_RECENT_LINES: list[tuple[NormalizedDocument, list[tuple[int, str]]]] = []


def _lines(doc: NormalizedDocument) -> list[tuple[int, str]]:
    """The non-blank lines, stripped, with their indices (shared: callers must not change it)."""
    for seen, lines in _RECENT_LINES:
        if seen is doc:
            return lines
    lines = [(i, t) for i, t in enumerate(ln.text.strip() for ln in doc.lines) if t]
    _RECENT_LINES[:] = [(doc, lines)]
    return lines


def _first_heading(doc: NormalizedDocument, outline: Outline) -> int:
    return next((s.line for s in outline.sections[1:] if s.line is not None and s.kind != "plain"), len(doc.lines))


def _clean_title(text: str) -> str:
    text = _DOC_NUMBER.sub("", text)
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1]
    return text.strip()


def find_title(doc: NormalizedDocument, outline: Outline) -> tuple[str | None, int | None]:
    """The report's own title: an early line (or two joined lines) naming 法治…建设 and 报告."""
    first_heading = _first_heading(doc, outline)
    limit = min(first_heading, 200)
    lines = list(islice(takewhile(lambda it: it[0] < limit, _lines(doc)), _HEAD_LINES))  # indices ascend
    usable = [(i, _clean_title(t)) for i, t in lines if len(t) <= 80 and not _NOT_TITLE.search(_clean_title(t))]
    for i, text in usable:
        if _TITLE_WORDS.search(text) and _REPORT_WORD.search(text) and not re.search(r"[,;]", text):
            return text, i
    for k, (i, text) in enumerate(usable):
        if k + 1 < len(usable) and usable[k + 1][0] <= i + 3 and len(text) < 40:
            nxt = usable[k + 1][1]
            joined = text + nxt
            if _TITLE_WORDS.search(joined) and _REPORT_WORD.search(nxt) and len(nxt) <= 20 \
                    and not _TITLE_WORDS.fullmatch(text):
                return joined, i
    return None, None


# A preamble line naming the report (报告/总结) then one naming 法治, with the year it is on; the text's
# opening year (2023年,我县……); a 成文日期 in the first half of a year is on the year before.
_TITLE_YEAR = (re.compile(rf"((?:19|20)\d{{2}})\s*年(?:度)?(?=[^。]{{0,30}}{words('title.document_type')})"),
               re.compile(r"((?:19|20)\d{2})\s*年(?:度)?(?=[^。\d]{0,30}法治)"))
_OPENING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年(?:度|以来)?[,是]")
_FIRST_HALF = 6


def report_year(title: str | None, doc: NormalizedDocument, outline: Outline, date: DateFound | None) -> int | None:
    """The year the report is on, one rule for every stage: the title's year, else a preamble line that
    names the report or 法治 with a year, else the year the text opens with, else the 成文日期's."""
    if title and (m := _YEAR.search(arabic_years(title))):
        return int(m.group(1))
    texts = [arabic_years(para.text) for para in outline.root.body[:12]]
    for pattern in _TITLE_YEAR:
        for text in texts:
            if len(text) <= 80 and (m := pattern.search(text)):
                return int(m.group(1))
    for text in texts:
        if m := _OPENING_YEAR.match(text):
            return int(m.group(1))
    if (found := body_year(doc)) is not None:
        return found[0]
    if date is not None and (m := _DATE_CN.search(date.text)):
        year, month = cn_number(m.group(1)), cn_number(m.group(2))
        if year is not None and month is not None:
            return year - (1 if month <= _FIRST_HALF else 0)
    return None


def body_year(doc: NormalizedDocument, start: int = 0) -> tuple[int, int] | None:
    """(year, line) of the first paragraph that opens with a year: ``2022年,``, ``2023年以来``, ``2022年是``."""
    for i, line in enumerate(doc.lines[start : start + 60], start):
        m = re.match(r"^\s*((?:19|20)\d{2})\s*年度?\s*(?:[,，以是]|来)", line.text)
        if m:
            return int(m.group(1)), i
    return None


def find_addressee(doc: NormalizedDocument, outline: Outline) -> tuple[str | None, int | None]:
    """The 主送机关 line: bodies separated by 、 or , and ending with a colon, before the body text."""
    first_heading = _first_heading(doc, outline)
    for i, text in _lines(doc):
        if i >= first_heading or i > 200:
            break
        if not text.endswith(":") or len(text) > 60:
            continue
        names = [n.strip() for n in re.split(r"[、,]", text[:-1])]
        if names and all(_ORGAN.match(n) for n in names):
            return text, i
    return None, None


def _date_lines(doc: NormalizedDocument) -> list[tuple[int, str, DateFound]]:
    out = []
    for i, text in _lines(doc):
        if "年" not in text or "月" not in text:  # both are in every _DATE_LINE match: skip the regex
            continue
        m = _DATE_LINE.match(text)
        if not m:
            continue
        sig = m.group("sig").strip()
        if sig and not _ORGAN.match(sig):
            continue
        found = parse_date(m.group("date"))
        if found is not None:
            out.append((i, sig, DateFound(found.date, found.text, i, found.well_formed)))
    return out


def find_date(doc: NormalizedDocument, outline: Outline) -> DateFound | None:
    """The 成文日期: a date standing alone near the end, else a signed date block (a covering letter).

    A date line before the first heading with no 署名 above it is a cover page's date, not this one.
    """
    lines = _lines(doc)
    tail = {i for i, _ in lines[-_END_LINES:]}
    dates = _date_lines(doc)
    first_heading = _first_heading(doc, outline)
    at_end = [d for i, _, d in dates if i in tail and i > first_heading]
    if at_end:
        return at_end[-1]
    text_at = dict(lines)
    prev = {i: lines[k - 1][0] for k, (i, _) in enumerate(lines) if k > 0}
    for i, sig, found in dates:
        if sig or (i in prev and _ORGAN.match(text_at[prev[i]])):
            return found
    return None


def find_signature(doc: NormalizedDocument, date: DateFound | None) -> tuple[str | None, int | None]:
    """The 发文机关署名: the body names just above the 成文日期 (or on its line), else in the last lines."""
    lines = _lines(doc)
    if date is not None:
        m = _DATE_LINE.match(doc.lines[date.line].text.strip())
        if m and m.group("sig").strip():
            return m.group("sig").strip(), date.line
        pos = next(k for k, (i, _) in enumerate(lines) if i == date.line)
        above: list[tuple[int, str]] = []
        for i, text in reversed(lines[max(0, pos - 3) : pos]):
            if not _ORGAN.match(text):
                break
            above.insert(0, (i, text))
        if above:
            return " ".join(t for _, t in above), above[0][0]
        return None, None
    if lines and _UNFILLED_DATE.match(lines[-1][1]):  # a draft's 2023年___月___日 below the signature
        lines = lines[:-1]
    tail = lines[-3:]
    names = [(i, t) for i, t in tail if _ORGAN.match(t) and not _TITLE_WORDS.search(t)]
    if names and names[-1][0] == tail[-1][0]:
        return " ".join(t for _, t in names), names[0][0]
    return None, None


def find_published(doc: NormalizedDocument) -> tuple[dt.date | None, int | None]:
    """The publication date a web page shows in its metadata lines (发布时间 2023-03-27)."""
    for i, text in _lines(doc)[:_PREAMBLE_LINES]:
        if "日期" not in text and "时间" not in text:  # what every _PUBLISHED match holds: skip the scan
            continue
        for label in _PUBLISHED.finditer(text):
            m = _DATE_ISO.match(text, label.end())
            if m:
                try:
                    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), i
                except ValueError:
                    continue
    return None, None


def find_issuer(title: str | None, signature: str | None, doc: NormalizedDocument) -> str | None:
    """The issuing body: named before 关于 or the year in the title, else the signature, else the opening."""
    if title:
        head = re.split(r"关于|(?:19|20)\d{2}\s*年|法治", title, maxsplit=1)[0].strip(" 、,")
        if len(head) >= 2 and (_ORGAN_IN.search(head) or _PLACE.search(head)):
            return head
    if signature:
        return signature
    found = body_year(doc)
    if found is not None:
        clause = re.split(r"[。;]", doc.lines[found[1]].text, maxsplit=1)[0]
        clause = re.sub(r"在[^,。]{0,40}?下,?", "", clause)
        clause = re.sub(r"^\s*(?:19|20)\d{2}\s*年度?(?:以来)?[,是]?", "", clause)
        name = rf"[\u4e00-\u9fffxX]{{1,30}}?(?:{_ORGAN_END}|(?:自治区|省|市|县|区|州)(?![委政人党]))"
        m = re.match(rf"^((?:中共)?{name}(?:、{name})*)", clause)
        if m and not m.group(1).startswith(("我", "全", "本", "今")):
            return m.group(1)
    return None


def is_place(name: str) -> bool:
    """A bare place name (登封市, 自治区), not the name of a body (登封市人民政府)."""
    return bool(_PLACE.search(name)) and not _ORGAN_IN.search(name)


def level_of(issuer: str | None, doc: NormalizedDocument) -> str | None:
    """government | department | party-and-government | township, from the issuer or the report's 我局/我县."""
    if issuer:
        if (_PARTY.search(issuer) and _GOVERNMENT.search(issuer.replace("、", " ") + " ")) or re.search(
                r"委[、, ]+\S*政府", issuer):
            return "party-and-government"
        if _TOWNSHIP.search(issuer):
            return "township"
        if _GOVERNMENT.search(issuer) or _PLACE.search(issuer):
            return "government"
        if _DEPARTMENT.search(issuer):
            return "department"
    for _, text in _lines(doc)[:_PREAMBLE_LINES]:
        m = _SELF.search(text)
        if m:
            unit = m.group(1)
            if unit in ("镇", "乡", "街道"):
                return "township"
            if unit in ("县", "市", "区", "省", "州", "旗"):
                return "government"
            return "department"
    return None


def find_facts(doc: NormalizedDocument, outline: Outline) -> Facts:
    """The report's facts, worked out once per document (match, the checks and the scorecard share them)."""
    title, title_line = find_title(doc, outline)
    addressee, addressee_line = find_addressee(doc, outline)
    date = find_date(doc, outline)
    signature, signature_line = find_signature(doc, date)
    published, published_line = find_published(doc)
    issuer = find_issuer(title, signature, doc)
    return Facts(title, title_line, issuer, level_of(issuer, doc), report_year(title, doc, outline, date),
                 addressee, addressee_line, signature, signature_line, date, published, published_line)


def meta_of(doc: NormalizedDocument, f: Facts) -> dict[str, Any]:
    """The scorecard's ``meta``: the facts JSON-ready (dates as ISO strings, lines as source line numbers)."""

    def src(i: int | None) -> int | None:
        return doc.lines[i].source if i is not None and 0 <= i < len(doc.lines) else None

    return {
        "title": f.title,
        "title_line": src(f.title_line),
        "issuer": f.issuer,
        "level": f.level,
        "report_year": f.report_year,
        "addressee": f.addressee,
        "addressee_line": src(f.addressee_line),
        "signature": f.signature,
        "signature_line": src(f.signature_line),
        "date": f.date.date.isoformat() if f.date and f.date.date else None,
        "date_text": f.date.text if f.date else None,
        "date_line": src(f.date.line) if f.date else None,
        "published": f.published.isoformat() if f.published else None,
        "script": doc.script,
        "format": doc.format,
        "chars": len("".join(doc.text.split())),  # the characters that are not white space
    }
