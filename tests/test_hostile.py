"""Every class of hostile input from the red-team pass, end to end through `scorer`: the right exit code,
one line on stderr, no traceback, in bounded time and memory; inputs are made at run time (tests/hostile.py)."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scorer.workers import available
from tests import hostile
from tests.conftest import REPORTS, ROOT

SAMPLE = REPORTS / "qinghe-county-2024.txt"
fork_only = pytest.mark.skipif(not available(), reason="limits need worker processes (fork)")


def scorer(*args: str, cwd: Path = ROOT, timeout: float = 120, memory: int | None = None,
           stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    """`scorer ARGS`; ``memory`` caps the address space of the command and all it starts (RLIMIT_AS)."""
    def limit() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "scorer.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=timeout, preexec_fn=limit, stdin=stdin)


def one_line(proc: subprocess.CompletedProcess[str], *words: str) -> str:
    """The single error line on stderr, which names every word given; never a traceback."""
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# ---------------------------------------------------------------- zip bombs


def test_a_zip_member_that_lies_about_its_size_is_refused_in_little_time_and_memory(tmp_path: Path) -> None:
    """Declares 1,000 bytes, inflates to 2 GB: took 2.1 GB of memory; now refused under a 400 MB cap."""
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(hostile.lying_zip_bomb(inflates_to=2 << 30))
    assert bomb.stat().st_size < 3 << 20
    start = time.monotonic()
    proc = scorer("check", bomb.name, cwd=tmp_path, memory=400 << 20, timeout=60)
    assert time.monotonic() - start < 30
    assert proc.returncode == 2
    one_line(proc, "bomb.docx", "疑似压缩炸弹", "word/document.xml", "声明的1,000字节")


def test_the_lying_member_is_caught_by_the_reader_itself(tmp_path: Path) -> None:
    """Through the Python API too, in one process held to 300 MB of address space."""
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(hostile.lying_zip_bomb(inflates_to=512 << 20, member="word/styles.xml"))
    code = ("import sys; from scorer.read import read_path; from scorer.errors import InputError\n"
            "try:\n    read_path(__import__('pathlib').Path(sys.argv[1]))\n"
            "except InputError as e:\n    print(__import__('scorer.uiwords').uiwords.input_text(e, 'en'))\n")
    proc = subprocess.run([sys.executable, "-c", code, str(bomb)], capture_output=True, text=True, timeout=60,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (300 << 20, 300 << 20)))
    assert proc.returncode == 0, proc.stderr
    assert "zip bomb refused: word/styles.xml declares" in proc.stdout


# ---------------------------------------------------------------- batches that lose files


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@fork_only
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc")
def test_a_worker_killed_mid_batch_costs_one_file_and_every_other_is_scored(tmp_path: Path) -> None:
    """5,000 inputs gave 1,840 reports and one error when a worker died; now reports + errors = inputs."""
    for i in range(30):  # the first six take a second or so each: both workers are surely busy on them
        (tmp_path / f"r{i:03}.txt").write_bytes(hostile.many_headings(20_000) if i < 6 else SAMPLE.read_bytes())
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "scorer.cli", "check", ".", "-j", "2", "--format", "json",
                             "-q"], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        killed = None
        while killed is None and time.monotonic() < deadline:
            workers = _children(proc.pid)
            if len(workers) == 2:
                time.sleep(1.0)
                workers = _children(proc.pid)
                if workers:
                    killed = workers[0]
                    os.kill(killed, signal.SIGKILL)
            time.sleep(0.05)
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert killed is not None, "no worker seen"
    doc = json.loads(out)
    assert len(doc["reports"]) + len(doc["errors"]) == 30
    assert len(doc["errors"]) == 1 and "评分进程被强行终止(可能是内存不足)" in doc["errors"][0]["message"]
    assert proc.returncode == 2 and "Traceback" not in err


@fork_only
def test_a_file_past_the_time_limit_is_an_error_entry_and_the_batch_goes_on(tmp_path: Path) -> None:
    for name in ("a.txt", "c.txt"):
        (tmp_path / name).write_bytes(SAMPLE.read_bytes())
    (tmp_path / "b.txt").write_bytes(hostile.many_headings(100_000))
    start = time.monotonic()
    proc = scorer("check", ".", "--timeout", "1", "-j", "2", "--format", "json", cwd=tmp_path)
    assert time.monotonic() - start < 60
    assert proc.returncode == 2
    doc = json.loads(proc.stdout)
    assert [Path(r["path"]).name for r in doc["reports"]] == ["a.txt", "c.txt"]
    one_line(proc, "b.txt", "评分超过1秒的时间上限")


def test_timeout_and_memory_limit_from_the_config_and_bad_values(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(hostile.many_headings(100_000))
    (tmp_path / "scorer.yaml").write_text("timeout: 1\nmemory_limit: 600MB\n", "utf-8")
    proc = scorer("check", "b.txt", cwd=tmp_path)
    assert proc.returncode == 2
    one_line(proc, "b.txt", "1秒的时间上限")
    for bad, word in (("timeout: 0\n", "timeout"), ("timeout: .nan\n", "finite"), ("jobs: 1000\n", "jobs"),
                      ("memory_limit: 1MB\n", "memory_limit")):
        (tmp_path / "scorer.yaml").write_text(bad, "utf-8")
        proc = scorer("check", str(SAMPLE), cwd=tmp_path)
        assert proc.returncode == 2
        one_line(proc, "scorer.yaml", word)
    for args in (("--timeout", "0"), ("--timeout", "nan"), ("-j", "65"), ("--memory-limit", "1KB")):
        proc = scorer("check", str(SAMPLE), *args)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, args


@fork_only
def test_a_file_past_the_memory_ceiling_is_an_error_entry(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(hostile.many_headings(400_000))  # 11 MB; scoring it needs more than 128 MB
    (tmp_path / "ok.txt").write_bytes(SAMPLE.read_bytes())
    proc = scorer("check", ".", "--memory-limit", "160MB", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2
    one_line(proc, "big.txt", "内存超过160MB的上限")
    assert [Path(r["path"]).name for r in json.loads(proc.stdout)["reports"]] == ["ok.txt"]


# ---------------------------------------------------------------- slow and huge inputs


def test_one_heading_a_hundred_thousand_times_is_scored_in_linear_time(tmp_path: Path) -> None:
    """51 s on the CLI before (quadratic in matching); a few seconds now, well under the time limit."""
    (tmp_path / "same.txt").write_bytes(hostile.many_headings(100_000))
    proc = scorer("check", "same.txt", "--format", "json", "--timeout", "50", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["reports"][0]["criteria"]


def test_half_a_million_paragraph_tags_are_refused_quickly(tmp_path: Path) -> None:
    (tmp_path / "tags.html").write_bytes(hostile.many_paragraph_tags())
    start = time.monotonic()
    proc = scorer("check", "tags.html", cwd=tmp_path, memory=1 << 30)
    assert time.monotonic() - start < 30
    assert proc.returncode == 2
    one_line(proc, "tags.html", "约有500,002个元素", "超过100,000个的上限")


def test_text_inside_five_thousand_nested_divs_is_found(tmp_path: Path) -> None:
    (tmp_path / "deep.html").write_bytes(hostile.deep_divs())
    proc = scorer("check", "deep.html", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)["reports"][0]
    assert report["score"] == 100


# ---------------------------------------------------------------- what is not a regular file


@pytest.mark.parametrize("make", ["fifo", "device", "socket"])
def test_a_fifo_a_device_or_a_socket_is_refused_at_once(tmp_path: Path, make: str) -> None:
    import socket

    if make == "fifo":
        target = tmp_path / "pipe.txt"
        os.mkfifo(target)
    elif make == "device":
        target = Path("/dev/zero")
    else:
        target = tmp_path / "sock.txt"
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(target))
    proc = scorer("check", str(target), str(SAMPLE), "--format", "json", timeout=60)
    assert proc.returncode == 2
    one_line(proc, str(target), "不是普通文件")
    assert len(json.loads(proc.stdout)["reports"]) == 1


def test_standard_input_is_read_only_up_to_the_size_limit() -> None:
    with open("/dev/zero", "rb") as zero:
        proc = scorer("check", "-", "--max-size", "1MB", stdin=zero.fileno(), timeout=60, memory=1 << 30)
    assert proc.returncode == 2
    one_line(proc, "超过1,048,576字节的上限")


# ---------------------------------------------------------------- hostile rubrics, configs and baselines


def _rubric(tmp_path: Path, body: str, name: str = "my.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, "utf-8")
    return path


@pytest.mark.parametrize(("body", "words"), [
    ('extends: national\nid: laughs\nversion: "1"\n' + hostile.billion_laughs(), ("my.yaml:5", "aliases")),
    ('extends: national\nid: deep\nversion: "1"\n' + hostile.deep_yaml(), ("my.yaml:4", "nested more than 64")),
    ('extends: national\nid: deep\nversion: "1"\nspam:\n  patterns:\n' + "  " * 2 + "- " * 3000 + "x\n",
     ("my.yaml", "nested more than 64")),
    ('extends: national\nid: redos\nversion: "1"\nspam:\n  patterns: ["(\\\\w+\\\\s?)+$"]\n',
     ("my.yaml:5", "spam.patterns[0]", "backtrack catastrophically")),
    ('extends: national\nid: redos\nversion: "1"\noverrides:\n  duty:\n    anchors: ["(a|aa)+b"]\n',
     ("my.yaml:6", "anchors", "backtrack catastrophically")),
    ('extends: national\nid: nan\nversion: "1"\nscoring: {pass_threshold: .nan}\n',
     ("my.yaml:4", "pass_threshold", "finite number")),
    ('extends: national\nid: inf\nversion: "1"\noverrides:\n  duty: {weight: .inf}\n', ("my.yaml", "finite")),
])
def test_a_hostile_rubric_is_one_line_and_exit_2_in_a_few_seconds(tmp_path: Path, body: str,
                                                                   words: tuple[str, ...]) -> None:
    rubric = _rubric(tmp_path, body)
    for args in (("check", str(SAMPLE), "--rubric", str(rubric)), ("rubric", "validate", str(rubric))):
        start = time.monotonic()
        proc = scorer(*args, timeout=60, memory=1 << 30)
        assert time.monotonic() - start < 30
        assert proc.returncode == 2, proc.stderr
        one_line(proc, *words)


def test_a_catastrophic_pattern_in_a_check_option_is_an_error_entry(tmp_path: Path) -> None:
    rubric = _rubric(tmp_path, 'extends: national\nid: opt\nversion: "1"\n'
                               'checks:\n  placeholder: {patterns: ["(x+x+)+y"]}\n')
    proc = scorer("check", str(SAMPLE), "--rubric", str(rubric), timeout=60)
    assert proc.returncode == 2
    one_line(proc, "checks.placeholder.patterns[0]", "backtrack catastrophically")


def test_an_extends_chain_1500_deep_is_one_line(tmp_path: Path) -> None:
    for i in range(1500):
        body = f"extends: r{i + 1}.yaml\nid: r{i}\n" if i < 1499 else "extends: national\nid: last\n"
        (tmp_path / f"r{i}.yaml").write_text(body, "utf-8")
    proc = scorer("check", str(SAMPLE), "--rubric", str(tmp_path / "r0.yaml"), timeout=60)
    assert proc.returncode == 2
    one_line(proc, "r15.yaml:1", "a chain of more than 16 rubrics")


@pytest.mark.parametrize("body", [hostile.billion_laughs(), hostile.deep_yaml(), "threshold: .nan\n",
                                  "rules: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n"])
def test_a_hostile_config_is_one_line_and_exit_2(tmp_path: Path, body: str) -> None:
    (tmp_path / "scorer.yaml").write_text(body, "utf-8")
    proc = scorer("check", str(SAMPLE), cwd=tmp_path, timeout=60, memory=1 << 30)
    assert proc.returncode == 2
    one_line(proc, "scorer.yaml")


@pytest.mark.parametrize(("body", "words"), [
    ("[" * 50_000 + "]" * 50_000, ("not a", "baseline")),
    ('{"version": 2, "reports": {"a.txt": "not an entry"}}', ('reports["a.txt"]', "expected an object")),
    ('{"version": 2, "reports": {"a.txt": {"score": 9, "findings": ["x"]}}}', ("findings[0]",)),
    ('{"version": 2, "reports": {"a.txt": {"score": 9, "findings": [{"rule": 1}]}}}', ("findings[0]",)),
    ('{"version": 2, "reports": {"a.txt": {"score": "high"}}}', ("score: expected a finite number",)),
    ('{"version": 2, "reports": {"a.txt": {"score": ' + "9" * 5000 + "}}}", ("not a baseline file",)),
    ('{"version": 2, "reports": {"a.txt": {"score": NaN}}}', ("finite number",)),
    ('{"version": 2, "reports": {"a": ' + '{"x": ' * 5000 + "1" + "}" * 5000 + "}}", ("not a baseline file",)),
])
def test_a_deep_or_malformed_baseline_is_one_line_and_exit_2(tmp_path: Path, body: str,
                                                              words: tuple[str, ...]) -> None:
    (tmp_path / "base.json").write_text(body, "utf-8")
    (tmp_path / "a.txt").write_bytes(SAMPLE.read_bytes())
    proc = scorer("check", "a.txt", "--baseline", "base.json", cwd=tmp_path, timeout=60)
    assert proc.returncode == 2
    one_line(proc, "base.json", *words)


def test_a_baseline_given_as_a_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "base.json")
    proc = scorer("check", str(SAMPLE), "--baseline", str(tmp_path / "base.json"), timeout=60)
    assert proc.returncode == 2
    one_line(proc, "base.json", "not a regular file")


# ---------------------------------------------------------------- what reaches the output


FORMATS = ("rich", "json", "html", "sarif", "junit", "github", "gitlab", "markdown")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_name_that_is_not_utf8_is_written_in_every_format(tmp_path: Path, fmt: str) -> None:
    """Was a traceback, and the previous output file left empty."""
    bad = os.fsencode(tmp_path) + b"/r\xff\xfe.txt"
    with open(bad, "wb") as fh:  # a report with findings, so that every format names it
        fh.write((REPORTS / "songling-district-2024.txt").read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    os.link(bad, os.fsencode(tmp_path) + b"/e\xff.txt")
    out = tmp_path / "out"
    out.write_text("the previous output", "utf-8")
    proc = scorer("check", ".", "--format", fmt, "-o", str(out), cwd=tmp_path)
    assert proc.returncode == 2  # empty.txt cannot be read
    assert "Traceback" not in proc.stderr
    text = out.read_text("utf-8")
    assert "r\\xff\\xfe.txt" in text or "r\\udcff\\udcfe.txt" in text
    if fmt in ("json", "sarif", "gitlab"):
        assert "r\udcff\udcfe.txt" in json.dumps(json.loads(text), ensure_ascii=False)  # the same name, escaped


ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x1b]8;;http://evil.invalid/\x1b\\click\x1b]8;;\x1b\\\x9b31m\u202e"


@pytest.mark.parametrize("fmt", FORMATS)
def test_escape_sequences_in_text_and_names_never_reach_the_output(tmp_path: Path, fmt: str) -> None:
    lines = SAMPLE.read_text("utf-8").split("\n")
    title = lines[0]
    lines[0] = ESCAPES[:4] + title  # the title: it reaches every format
    lines.insert(3, ESCAPES)
    (tmp_path / f"a{ESCAPES[:4]}.txt").write_text("\n".join(lines), "utf-8")
    (tmp_path / f"b{ESCAPES[:4]}.txt").write_bytes(b"")
    proc = scorer("check", ".", "--format", fmt, "--color" if fmt == "rich" else "--no-color", cwd=tmp_path)
    assert proc.returncode == 2
    stderr = one_line(proc, "文件是空的")
    for stream in (proc.stdout, stderr):
        for bad in ("\x1b[2J", "\x1b]", "\x07", "\x9b", "\u202e"):
            assert bad not in stream, (fmt, bad)
    if fmt == "junit":
        from xml.etree import ElementTree

        ElementTree.fromstring(proc.stdout)  # well-formed
    if fmt == "json":  # JSON escapes, and gives back the very same text
        doc = json.loads(proc.stdout)
        assert doc["reports"][0]["path"] == f"a{ESCAPES[:4]}.txt" and doc["errors"][0]["path"] == f"b{ESCAPES[:4]}.txt"
        assert doc["reports"][0]["meta"]["title"] == ESCAPES[:4] + title
    elif fmt in ("sarif", "gitlab"):
        assert "b\\u001b[2J.txt" in proc.stdout
    else:
        assert "b\\x1b[2J.txt" in proc.stdout  # the name, shown with its escape made visible


def test_a_back_tick_in_a_file_name_keeps_the_markdown_code_span(tmp_path: Path) -> None:
    (tmp_path / "a`b``c.txt").write_bytes(b"")
    proc = scorer("check", ".", "--format", "markdown", cwd=tmp_path)
    assert "- ```a`b``c.txt```: 文件是空的。" in proc.stdout


def test_output_is_replaced_whole_or_not_at_all(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("previous", "utf-8")
    os.chmod(tmp_path, 0o500)  # cannot create the temporary file beside it: the old file stays
    try:
        proc = scorer("check", str(SAMPLE), "--format", "json", "-o", str(out))
    finally:
        os.chmod(tmp_path, 0o700)
    if os.geteuid() != 0:  # root writes anyway
        assert proc.returncode == 2 and out.read_text("utf-8") == "previous"
        one_line(proc, "out.json", "cannot write")
    proc = scorer("check", str(SAMPLE), "--format", "json", "-o", str(out))
    assert proc.returncode == 0 and json.loads(out.read_text("utf-8"))["reports"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".scorer-")]


# ---------------------------------------------------------------- damaged text


@pytest.mark.parametrize("make", [hostile.stray_byte, hostile.cut_in_a_character])
def test_a_few_bad_bytes_are_a_mojibake_finding_not_an_unreadable_file(tmp_path: Path, make: object) -> None:
    data = make()  # type: ignore[operator]
    (tmp_path / "r.txt").write_bytes(data)
    proc = scorer("check", "r.txt", "--format", "json", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)["reports"][0]
    bad_line = data[: data.index(b"\xff") if b"\xff" in data else len(data)].count(b"\n") + 1
    assert [(f["rule"], f["line"]) for f in report["findings"] if f["rule"] == "mojibake"] == [("mojibake", bad_line)]


def test_utf16_without_a_bom_is_text(tmp_path: Path) -> None:
    chinese = "".join(ch for ch in SAMPLE.read_text("utf-8") if "\u4e00" <= ch <= "\u9fff" or ch in "，。、\n")
    (tmp_path / "le.txt").write_bytes(chinese.encode("utf-16-le"))
    (tmp_path / "be.txt").write_bytes(SAMPLE.read_text("utf-8").encode("utf-16-be"))
    proc = scorer("check", ".", "--format", "json", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert len(json.loads(proc.stdout)["reports"]) == 2


def test_a_huge_list_number_in_a_word_file_is_no_python_message(tmp_path: Path) -> None:
    """A fake .doc (a .docx inside) whose list starts at a 5,000-digit number."""
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(hostile.docx()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/numbering.xml":
                data = data.replace(b'w:start w:val="1"', b'w:start w:val="' + b"9" * 5000 + b'"')
            out.writestr(info, data)
    (tmp_path / "fake.doc").write_bytes(buf.getvalue())
    proc = scorer("check", "fake.doc", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert "digits" not in proc.stderr + proc.stdout


# ---------------------------------------------------------------- Ctrl+C


@fork_only
def test_ctrl_c_exits_130_with_one_line_and_leaves_no_worker(tmp_path: Path) -> None:
    (tmp_path / "slow.txt").write_bytes(hostile.many_headings(100_000))
    proc = subprocess.Popen([sys.executable, "-m", "scorer.cli", "check", "slow.txt"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 30
    while not _children(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert workers
    os.killpg(proc.pid, signal.SIGINT)  # what the terminal sends to the whole foreground group
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.strip().splitlines() == ["scorer: interrupted"]
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_fake_doc_with_an_impossible_header_is_no_python_message(tmp_path: Path) -> None:
    """An OLE header whose sector size is 2**65535: olefile's message was Python's 4,300-digit limit."""
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    ole[0x1A:0x1E] = (0x3E, 0, 3, 0)  # minor and major version 3
    ole[0x1C:0x1E] = b"\xfe\xff"  # little-endian byte order mark
    ole[0x1E:0x20] = b"\xff\xff"  # sector shift 65535
    (tmp_path / "fake.doc").write_bytes(bytes(ole) + b"9" * 5000)
    proc = scorer("check", "fake.doc", cwd=tmp_path)
    assert proc.returncode == 2
    line = one_line(proc, "fake.doc")
    assert "digits" not in line and "sys." not in line


@fork_only
def test_a_pdf_that_is_slow_to_lay_out_is_stopped_and_the_batch_has_its_output(tmp_path: Path) -> None:
    """An 8 MB one-page PDF ran for minutes, and a `-j 2` batch with it printed nothing at all."""
    (tmp_path / "a-crowded.pdf").write_bytes(hostile.crowded_pdf(60_000))  # minutes of layout analysis
    (tmp_path / "b.txt").write_bytes(SAMPLE.read_bytes())
    start = time.monotonic()
    proc = scorer("check", ".", "-j", "2", "--timeout", "2", "--format", "json", cwd=tmp_path)
    assert time.monotonic() - start < 60
    assert proc.returncode == 2
    one_line(proc, "a-crowded.pdf", "2秒的时间上限")
    assert [Path(r["path"]).name for r in json.loads(proc.stdout)["reports"]] == ["b.txt"]


@fork_only
def test_a_converter_started_by_a_stopped_worker_is_stopped_with_it(tmp_path: Path) -> None:
    """A .doc whose conversion hangs, under a time limit shorter than the converter's own: the worker
    is stopped at the limit, and the LibreOffice it started (in a session of its own) with it."""
    from tests.formats import ole

    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(f"#!{sys.executable}\nimport os, time\n"
                      f"open({str(tmp_path / 'pid')!r}, 'w').write(str(os.getpid()))\ntime.sleep(600)\n")
    script.chmod(0o755)
    (tmp_path / "slow.doc").write_bytes(ole.build_ole({"WordDocument": ole.word_fib()}))
    env = {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.run([sys.executable, "-m", "scorer.cli", "check", "slow.doc", "--timeout", "2"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    one_line(proc, "slow.doc", "2秒的时间上限")
    with pytest.raises(ProcessLookupError):
        os.kill(int((tmp_path / "pid").read_text()), 0)
