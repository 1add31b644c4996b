"""A first benchmark: reports per second on the sample and corpus reports (extended by the bench issue)."""

from __future__ import annotations

import time
from pathlib import Path

from scorer.api import load_rubric, score_file

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    rubric = load_rubric()
    files = sorted((ROOT / "reports").glob("*.txt"))
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    if seeds.is_dir():
        files += sorted(seeds.glob("*.txt"))
    n = 0
    start = time.perf_counter()
    while time.perf_counter() - start < 3:
        for f in files:
            score_file(f, rubric)
            n += 1
    elapsed = time.perf_counter() - start
    print(f"{n} reports in {elapsed:.2f} s: {n / elapsed:.0f} reports/s on one process")


if __name__ == "__main__":
    main()
