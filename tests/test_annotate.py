"""scorer.annotate: the draft given back with 批注 where its findings are, and nothing else changed."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from scorer.annotate.draft import annotated
from scorer.annotate.runs import find, split
from scorer.api import load_rubric, score_document
from scorer.model import Scorecard
from scorer.read import read_bytes
from tests import drafts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The parts a comment may change; every other part of the package must come back byte for byte.
COMMENT_PARTS = {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}


def score(path: Path) -> tuple[Scorecard, bytes]:
    data = path.read_bytes()
    doc = read_bytes(str(path), data)
    card = score_document(doc, load_rubric("national"), detail=True)
    return card, annotated(doc, data, card, "zh")


def comments(data: bytes) -> dict[int, tuple[str, str, str]]:
    """Each comment: (its text, the text it covers, the text of the paragraph it is in)."""
    document = docx.Document(io.BytesIO(data))
    covered: dict[int, list[str]] = {}
    where: dict[int, str] = {}
    for p in document.element.body.iter(f"{W}p"):
        open_ids: set[int] = set()
        for el in p.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}t"):
            if el.tag == f"{W}commentRangeStart":
                cid = int(el.get(f"{W}id"))
                open_ids.add(cid)
                covered[cid] = []
                where[cid] = "".join(t.text or "" for t in p.iter(f"{W}t"))
            elif el.tag == f"{W}commentRangeEnd":
                open_ids.discard(int(el.get(f"{W}id")))
            else:
                for cid in open_ids:
                    covered[cid].append(el.text or "")
    return {c.comment_id: (c.text, "".join(covered.get(c.comment_id, [])), where.get(c.comment_id, ""))
            for c in document.comments}


def by_text(found: dict[int, tuple[str, str, str]], words: str) -> tuple[str, str, str]:
    hits = [c for c in found.values() if words in c[0]]
    assert len(hits) == 1, (words, [c[0][:40] for c in found.values()])
    return hits[0]


@pytest.fixture(scope="module")
def word_draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Scorecard, bytes]:
    path = drafts.write_docx(tmp_path_factory.mktemp("word") / "qingsong.docx")
    card, out = score(path)
    return path, card, out


def test_every_part_but_the_body_and_the_comments_is_byte_identical(word_draft: tuple[Path, Scorecard, bytes]) -> None:
    path, _, out = word_draft
    before, after = zipfile.ZipFile(path), zipfile.ZipFile(io.BytesIO(out))
    assert set(after.namelist()) == set(before.namelist()) | {"word/comments.xml"}
    kept = [n for n in before.namelist() if n not in COMMENT_PARTS]
    assert any(n.startswith("word/media/") for n in kept) and "word/numbering.xml" in kept
    assert "word/styles.xml" in kept and any(n.startswith("word/header") for n in kept)
    for name in kept:
        assert after.read(name) == before.read(name), name
    assert [i.filename for i in after.infolist()][: len(before.namelist())] == before.namelist()


def test_the_same_paragraphs_runs_text_table_and_image(word_draft: tuple[Path, Scorecard, bytes]) -> None:
    path, _, out = word_draft
    before, after = docx.Document(str(path)), docx.Document(io.BytesIO(out))
    assert [(p.style.name, p.text) for p in after.paragraphs] == [(p.style.name, p.text) for p in before.paragraphs]
    assert [[c.text for c in r.cells] for r in after.tables[0].rows] == [list(r) for r in drafts.TABLE]
    assert len(after.inline_shapes) == len(before.inline_shapes) == 1
    numbered = [p for p in after.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(numbered) == 5  # Word's own numbering is left as it was
    enforce = next(p for p in after.paragraphs if drafts.PLACEHOLDER in p.text)
    sizes = [(r.text, r.font.size.pt if r.font.size else None) for r in enforce.runs]
    assert (drafts.PLACEHOLDER, 14.0) in sizes  # the formatted run is still itself


def test_the_scorer_reads_the_annotated_draft_as_it_read_the_draft(word_draft: tuple[Path, Scorecard, bytes]) -> None:
    _, card, out = word_draft
    again = score_document(read_bytes("again.docx", out), load_rubric("national"))
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in card.findings]
    assert again.score == card.score


def test_a_summary_on_the_title(word_draft: tuple[Path, Scorecard, bytes]) -> None:
    _, card, out = word_draft
    text, covered, paragraph = by_text(comments(out), "自查结果")
    assert paragraph == drafts.TITLE and covered == drafts.TITLE
    assert f"总分{card.score:g}/100" in text and "不通过" in text and "缺少“第一责任人职责情况”" in text
    for c in card.criteria:
        assert c.label["zh"] in text
    assert "主要举措和成效:不充分" in text and "第4段" in text


def test_placeholder_spam_and_year_are_marked_exactly(word_draft: tuple[Path, Scorecard, bytes]) -> None:
    _, _, out = word_draft
    found = comments(out)
    text, covered, _ = by_text(found, "模板占位符未替换")
    assert covered == drafts.PLACEHOLDER and text.startswith("【错误】") and "修改建议:" in text
    text, covered, paragraph = by_text(found, "疑似被注入的无关内容")
    assert covered == drafts.SPAM and paragraph == drafts.SPAM_TEXT  # the run was split at the spam's ends
    _, covered, paragraph = by_text(found, "年份不一致")
    assert covered == "2022" and paragraph == drafts.OPENING


def test_the_missing_part_is_commented_where_it_belongs(word_draft: tuple[Path, Scorecard, bytes]) -> None:
    _, _, out = word_draft
    text, covered, _ = by_text(comments(out), "此处之后应增加")
    assert covered == drafts.SHORTCOMINGS_TEXT  # the end of the shortcomings, before the plan
    first = text.splitlines()[0]
    assert first.startswith("此处之后应增加:三、2023年党政主要负责人履行推进法治建设第一责任人职责情况")
    assert "应写明:写明党政主要负责人" in text and "【错误】缺少必备内容" in text


def test_the_weak_heading_and_the_causes_are_on_their_paragraphs(word_draft: tuple[Path, Scorecard, bytes]) -> None:
    _, _, out = word_draft
    found = comments(out)
    _, covered, _ = by_text(found, "“主要举措和成效”不充分")
    assert covered == drafts.MEASURES  # the heading (its number is Word's)
    _, covered, _ = by_text(found, "没有写明原因")
    assert covered == drafts.SHORTCOMINGS


def test_english_comments(word_draft: tuple[Path, Scorecard, bytes]) -> None:
    path, _, _ = word_draft
    data = path.read_bytes()
    doc = read_bytes(str(path), data)
    card = score_document(doc, load_rubric("national"), detail=True)
    texts = [c[0] for c in comments(annotated(doc, data, card, "en")).values()]
    assert any(t.startswith("Check: 55/100") for t in texts)
    assert any(t.startswith("Add after this: 三、2023年") for t in texts)
    assert docx.Document(io.BytesIO(annotated(doc, data, card, "en"))).comments is not None


def test_a_draft_with_comments_of_its_own_keeps_them(tmp_path: Path) -> None:
    path = drafts.write_docx(tmp_path / "reviewed.docx")
    reviewed = docx.Document(str(path))
    reviewed.add_comment(reviewed.paragraphs[2].runs, text="请核对数据", author="王科长", initials="王")
    reviewed.save(str(path))
    _, out = score(path)
    found = comments(out)
    assert "请核对数据" in [c[0] for c in found.values()] and len(found) > 5
    before, after = zipfile.ZipFile(path), zipfile.ZipFile(io.BytesIO(out))
    assert set(after.namelist()) == set(before.namelist())
    for name in set(before.namelist()) - COMMENT_PARTS:
        assert after.read(name) == before.read(name), name
    # the comments part was already related and typed: those parts come back as they were
    assert after.read("[Content_Types].xml") == before.read("[Content_Types].xml")
    assert after.read("word/_rels/document.xml.rels") == before.read("word/_rels/document.xml.rels")


@pytest.mark.parametrize("kind", ["txt", "pdf", "html"])
def test_other_inputs_become_a_word_file_of_their_text(tmp_path: Path, kind: str) -> None:
    from tests.formats import make

    write = {"txt": drafts.write_text, "pdf": drafts.write_pdf,
             "html": lambda p: make.write_html("\n".join(drafts.text_lines()), p)}[kind]
    path = write(tmp_path / f"d.{kind}")
    card, out = score(path)
    document = docx.Document(io.BytesIO(out))
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles[drafts.TITLE] == "Title" or kind == "html"  # a web page's own title comes first there
    assert styles[f"一、{drafts.MEASURES}"] == "Heading 1" and styles[f"(一){drafts.REFORM}"] == "Heading 2"
    assert styles[f"三、{drafts.PLAN}"] == "Heading 1" and styles[drafts.PLAN_TEXT] == "Normal"
    found = comments(out)
    assert by_text(found, "模板占位符未替换")[1] == drafts.PLACEHOLDER
    assert by_text(found, "疑似被注入的无关内容")[1] == drafts.SPAM
    assert by_text(found, "此处之后应增加")[2] == drafts.SHORTCOMINGS_TEXT
    assert by_text(found, "自查结果")[2] == next(p.text for p in document.paragraphs if p.style.name == "Title")
    again = score_document(read_bytes("again.docx", out), load_rubric("national"))
    assert [(c.id, c.status) for c in again.criteria] == [(c.id, c.status) for c in card.criteria]


def test_a_heading_run_in_with_its_paragraph_is_set_in_bold(tmp_path: Path) -> None:
    path = tmp_path / "run-in.txt"
    lines = drafts.text_lines()
    at = lines.index(f"(一){drafts.REFORM}")
    lines[at: at + 2] = [f"(一){drafts.REFORM}。{drafts.REFORM_TEXT}"]
    path.write_text("\n".join(lines), "utf-8")
    _, out = score(path)
    p = next(p for p in docx.Document(io.BytesIO(out)).paragraphs if p.text.startswith("(一)"))
    assert p.style.name == "Normal" and p.runs[0].bold and p.runs[0].text == f"(一){drafts.REFORM}。"


def test_a_run_split_keeps_its_formatting_and_never_doubles_an_image() -> None:
    from docx.oxml import parse_xml

    r = parse_xml(f'<w:r xmlns:w="{W[1:-1]}"><w:rPr><w:b/></w:rPr><w:t>申博体育</w:t><w:drawing/>'
                  f'<w:t xml:space="preserve"> 在线</w:t></w:r>')
    holder = parse_xml(f'<w:p xmlns:w="{W[1:-1]}"/>')
    holder.append(r)
    right = split(r, 2)
    assert [el.text for el in r.iter(f"{W}t")] == ["申博"]
    assert [el.text for el in right.iter(f"{W}t")] == ["体育", " 在线"]
    assert len(list(holder.iter(f"{W}drawing"))) == 1 and len(list(holder.iter(f"{W}b"))) == 2


@pytest.mark.parametrize(("text", "mark", "span"), [
    ("全年审查规范性文件××件", "××", (9, 11)),
    ("ＸＸ县人民政府", "XX", (0, 2)),  # read full-width, normalized half-width
    ("上级申博體育在線扎实", "申博体育在线", (2, 8)),  # read traditional, normalized simplified
    ("全年审查规范性文件18件", "××", None),
])
def test_marks_are_found_as_the_reader_saw_them(text: str, mark: str, span: tuple[int, int] | None) -> None:
    assert find(text, mark) == span


def test_libreoffice_opens_the_annotated_drafts(word_draft: tuple[Path, Scorecard, bytes], tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-writer)")
    (tmp_path / "word.docx").write_bytes(word_draft[2])
    (tmp_path / "text.docx").write_bytes(score(drafts.write_text(tmp_path / "t.txt"))[1])
    for name in ("word", "text"):
        proc = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                               "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / f"{name}.docx")],
                              capture_output=True, text=True, timeout=180)
        pdf = tmp_path / f"{name}.pdf"
        if not pdf.is_file() and "no export filter" in (proc.stdout + proc.stderr).lower():
            pytest.skip("LibreOffice has no Writer (apt-get install libreoffice-writer)")
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), proc.stdout + proc.stderr
        assert re.search(rb"/Type\s*/Page\b", pdf.read_bytes())


def test_a_run_in_heading_gets_its_comment_on_its_words(tmp_path: Path) -> None:
    heading = "一、2023年推进法治政府建设的主要举措和成效"
    path = tmp_path / "run-in.txt"
    path.write_text("\n".join([drafts.TITLE, f"{heading}。全年办理行政复议案件96件,行政诉讼应诉35件。",
                               f"二、{drafts.SHORTCOMINGS}", drafts.SHORTCOMINGS_TEXT, f"三、{drafts.PLAN}",
                               drafts.PLAN_TEXT]), "utf-8")
    _, out = score(path)
    _, covered, paragraph = by_text(comments(out), "“主要举措和成效”不充分")
    assert covered == heading.removeprefix("一、") and paragraph.startswith(heading + "。全年")


_BOX = ('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing><wps:wsp><wps:txbx>'
        '<w:txbxContent><w:p><w:r><w:t>{0}</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></w:r>')


def test_a_finding_in_a_text_box_is_commented_on_the_paragraph_holding_the_box(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    path = drafts.write_docx(tmp_path / "boxed.docx")
    document = docx.Document(str(path))
    anchor = document.paragraphs[-4].insert_paragraph_before("见下框")
    anchor._p.append(parse_xml(_BOX.format("全年开展执法培训XX期")))
    document.save(str(path))
    _, out = score(path)
    assert by_text(comments(out), "“XX”")[2].startswith("见下框")  # Word takes no comment inside a text box
    body = docx.Document(io.BytesIO(out)).element.body
    assert not [el for box in body.iter(f"{W}txbxContent") for el in box.iter(f"{W}commentRangeStart")]


@pytest.mark.xfail(strict=True, reason="a mark is found by its words: when the same words stand earlier in the "
                                       "paragraph where the check does not count them (inside 《》), the comment "
                                       "starts there; a finding carries no position within its line")
def test_a_placeholder_counted_after_a_quoted_one_is_marked_where_it_is_counted(tmp_path: Path) -> None:
    path = tmp_path / "quoted.txt"
    lines = drafts.text_lines()
    at = lines.index(drafts.ENFORCE_TEXT)
    lines[at] = "依据《XX市行政执法条例》开展检查," + drafts.ENFORCE_TEXT.replace(drafts.PLACEHOLDER, "XX")
    path.write_text("\n".join(lines), "utf-8")
    _, out = score(path)
    assert by_text(comments(out), "模板占位符未替换")[1] == "XX"
    assert _before_comment(out, "模板占位符未替换").endswith("审查规范性文件")


def _before_comment(data: bytes, words: str) -> str:
    """The text of a comment's paragraph before its range starts."""
    document = docx.Document(io.BytesIO(data))
    cid = next(c.comment_id for c in document.comments if words in c.text)
    start = next(el for el in document.element.body.iter(f"{W}commentRangeStart") if el.get(f"{W}id") == str(cid))
    p = start.getparent()
    text = []
    for el in p.iter(f"{W}t", f"{W}commentRangeStart"):
        if el is start:
            return "".join(text)
        if el.tag == f"{W}t":
            text.append(el.text or "")
    raise AssertionError("no range start")
