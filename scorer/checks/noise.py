"""Rules text-noise and mojibake: what normalization had to clean up, and garbled text it could not.

Scraped pages carry pinyin readings after characters (``建設(shè)``), doubled punctuation
(``,,`` ``,、``), odd spaces and traditional script. The scorer cleans them before matching and says
so, because a published report should not carry them. Garbled characters (``�``, ``锟斤拷``,
``?!毒V要》``) cannot be repaired and hide words.

Passing: ``2019年,泸州市全面落实……``
Failing: ``2019年,,瀘州市全面落實(shí)……``

Fix: copy the text from the original document rather than the web page, or save the page in its
own encoding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from scorer.checks.base import Context
from scorer.model import Finding
from scorer.words import either

ID = "noise"
RULES: dict[str, tuple[str, str]] = {  # rule id -> its one line (zh, en), for `scorer rules`
    "text-noise": (
        "已清理的抓取噪声(拼音注音、重复标点、异常空白、繁体字)",
        "scraping noise that was cleaned up (pinyin, doubled punctuation, odd spaces, traditional script)",
    ),
    "mojibake": (
        "无法修复的乱码",
        "garbled characters that normalization cannot repair",
    ),
}
OPTIONS: dict[str, Any] = {}  # no option group under the rubric's `checks:` (its words are the rubric's rules)
TYPED: dict[str, Callable[[dict[str, Any]], object]] = {}


def check(ctx: Context) -> Iterator[Finding | None]:
    line_of = {line.source: i for i, line in reversed(list(enumerate(ctx.doc.lines)))}
    for noise in ctx.doc.noise:
        line = line_of.get(noise.first_line)
        if noise.kind == "mojibake":
            yield ctx.finding("mojibake", line, None, count=noise.count, sample=noise.sample)
            continue
        what = either(ctx.text(ctx.rubric.noise_labels.get(noise.kind)), noise.kind)
        yield ctx.finding("text-noise", line, None, what=what, count=noise.count, sample=noise.sample)
