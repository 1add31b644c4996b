"""`make bench`, year over year: a report compared with a made-up "last year's" one (scorer.history.compare)."""

from __future__ import annotations

import random
import re
import statistics
import time

from benchmarks.corpus import Generator
from scorer.api import pieces, score_document
from scorer.history import compare
from scorer.model import Document, Line
from scorer.rubric import Rubric

_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"(20\d\d)(?=\s*年)")


def _doc(text: str, path: str) -> Document:
    return Document(path, "text", tuple(Line(t, i + 1) for i, t in enumerate(text.split("\n"))), "utf-8")


def next_year(last: str, other: str, rng: random.Random) -> str:
    """"This year's" report from last year's: its years one on, each body paragraph kept, given new numbers,
    replaced by a paragraph of another report, or dropped (about a quarter each)."""
    lines = _YEAR.sub(lambda m: str(int(m.group(1)) + 1), last).split("\n")
    spare = [t for t in other.split("\n") if len(t) >= 40]
    out = []
    for text in lines:
        if len(text) < 40:
            out.append(text)
            continue
        roll = rng.random()
        if roll < 0.25:
            out.append(text)
        elif roll < 0.5:
            out.append(_NUMBER.sub(lambda m: str(int(m.group(0)) + rng.randint(1, 9)), text))
        elif roll < 0.75 and spare:
            out.append(rng.choice(spare))
    return "\n".join(out)


def pair_bench(gen: Generator, rubric: Rubric, sizes: list[int], runs: int) -> None:
    """Time scorer.history.compare on pairs of each size (both reports' pieces made once, outside the timing)."""
    rng = random.Random(17)
    for size in sizes:
        times, extra = [], []
        for k in range(3):
            last_text = gen.report(size).decode("utf-8")
            this_text = next_year(last_text, gen.report(size).decode("utf-8"), rng)
            last = pieces(_doc(last_text, f"last-{k}.txt"), rubric)
            this = pieces(_doc(this_text, f"this-{k}.txt"), rubric)
            for _ in range(runs):
                start = time.perf_counter()
                compare(this, last, rubric)
                times.append(time.perf_counter() - start)
            for _ in range(max(1, runs // 5)):
                a = time.perf_counter()
                score_document(_doc(this_text, "this.txt"), rubric)
                b = time.perf_counter()
                score_document(_doc(this_text, "this.txt"), rubric, previous=last)
                extra.append((time.perf_counter() - b) - (b - a))
        found = compare(this, last, rubric)[1]
        print(f"  {size // 1000:>4} KB pair: compare median {1000 * statistics.median(times):6.2f} ms "
              f"(max {1000 * max(times):6.2f}; goal < 50 ms at 20 KB); score with vs without last year's "
              f"+{1000 * statistics.median(extra):5.2f} ms; last sample: {len(found.recycled)} recycled, "
              f"{found.plan_items_followed}/{found.plan_items} plan items followed")
