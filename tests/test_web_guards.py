"""The page answers this machine only: other Host names, cross-origin posts refused; uploads in memory, bounded."""

from __future__ import annotations

import io
import time

import pytest

from scorer.web import make_server
from scorer.web.app import create_app
from scorer.workers import Limits, available
from tests import hostile
from tests.conftest import REPORTS

SAMPLE = (REPORTS / "qinghe-county-2024.txt").read_bytes()


def _post(client, **headers: str):  # type: ignore[no-untyped-def]
    return client.post("/", data={"file": (io.BytesIO(SAMPLE), "r.txt"), "rubric": "national"},
                       content_type="multipart/form-data", headers=headers)


def test_a_host_other_than_this_machine_is_refused() -> None:
    """DNS rebinding: a page whose own name now points at 127.0.0.1 reads the answer; not with its Host."""
    client = create_app(port=8765).test_client()
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:9999"}).status_code == 421
    for host in ("127.0.0.1:8765", "localhost:8765", "LOCALHOST"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host


def test_a_post_from_another_origin_is_refused() -> None:
    client = create_app(port=8765).test_client()
    base = {"Host": "127.0.0.1:8765"}
    assert _post(client, **base, Origin="http://evil.example").status_code == 403
    assert _post(client, **base, Origin="null").status_code == 403
    assert _post(client, **base, Referer="http://evil.example/page").status_code == 403
    assert _post(client, **base, Origin="http://localhost:8765").status_code == 403  # another origin, too
    assert _post(client, **base, Origin="http://127.0.0.1:8765").status_code == 200
    assert _post(client, **base, Referer="http://127.0.0.1:8765/").status_code == 200
    assert _post(client, **base).status_code == 200  # no browser: curl, scripts


def test_the_server_knows_its_own_port() -> None:
    server = make_server(0)
    try:
        assert server.app.config["SCORER_PORT"] == server.server_port  # type: ignore[attr-defined]
    finally:
        server.server_close()


def test_uploads_stay_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def no_disk(*args: object, **kwargs: object) -> object:
        raise AssertionError("an upload was spooled to disk")

    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", no_disk)
    monkeypatch.setattr(tempfile, "TemporaryFile", no_disk)
    big = SAMPLE + "依法行政。".encode() * 200_000  # 3 MB: far over werkzeug's 500 KB spooling threshold
    resp = create_app().test_client().post("/", data={"file": (io.BytesIO(big), "big.txt")},
                                           content_type="multipart/form-data")
    assert resp.status_code == 200


def test_pasted_text_over_half_a_megabyte_is_scored() -> None:
    text = SAMPLE.decode() + "\n" + "依法行政。" * 60_000  # 900 KB: was refused as "file too large"
    resp = create_app().test_client().post("/", data={"text": text, "rubric": "national"})
    assert resp.status_code == 200 and 'class="report"' in resp.get_data(as_text=True)


@pytest.mark.skipif(not available("forkserver"), reason="the page scores in-process without a fork server")
def test_a_hostile_upload_is_bounded_and_the_server_goes_on() -> None:
    client = create_app(limits=Limits(timeout=1.0)).test_client()
    slow = hostile.many_headings(100_000)
    start = time.monotonic()
    resp = client.post("/", data={"file": (io.BytesIO(slow), "slow.txt")}, content_type="multipart/form-data")
    assert time.monotonic() - start < 30
    assert resp.status_code == 422 and "slow.txt: took longer than the time limit of 1 s" in resp.get_data(as_text=True)
    bomb = hostile.lying_zip_bomb(inflates_to=1 << 30)
    resp = client.post("/", data={"file": (io.BytesIO(bomb), "bomb.docx")}, content_type="multipart/form-data")
    assert resp.status_code == 422 and "zip bomb refused" in resp.get_data(as_text=True)
    assert _post(client).status_code == 200


@pytest.mark.skipif(not available("forkserver"), reason="the page scores in-process without a fork server")
def test_the_server_never_parses_a_report_itself() -> None:
    """The memory an upload takes is the worker's, given back when it is replaced: the server stays small."""
    import resource

    client = create_app().test_client()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    page = hostile.many_paragraph_tags(90_000)  # just under the element limit: about 200 MB to extract
    resp = client.post("/", data={"file": (io.BytesIO(page), "p.html")}, content_type="multipart/form-data")
    assert resp.status_code in (200, 422)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KB
