"""`make bench`: throughput, stage latency, cold start, memory, size scaling, against a read+normalize floor."""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.corpus import ROOT, Generator, seed_files, write
from scorer.api import load_rubric, score_file
from scorer.checks import Context, run_checks
from scorer.match import match
from scorer.meta import find_facts, meta_of
from scorer.model import RunResult
from scorer.normalize import normalize
from scorer.outline import build_outline
from scorer.read import read_path
from scorer.render import RenderOptions, render
from scorer.rubric import Rubric
from scorer.scorecard import build_scorecard

STAGES = ("read", "normalize", "outline", "facts", "match", "checks", "scorecard", "render")


def rate(fn: Callable[[Path], object], files: list[Path], seconds: float) -> float:
    """Calls per second of ``fn`` cycling over ``files`` for at least ``seconds`` (after one warm-up pass)."""
    for f in files[:20]:
        fn(f)
    n = 0
    start = time.perf_counter()
    while True:
        for f in files:
            fn(f)
            n += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return n / elapsed


def floor(path: Path) -> object:
    return normalize(read_path(path))


def staged(path: Path, rubric: Rubric, into: dict[str, list[float]]) -> None:
    """The pipeline of scorer.api.score_document, stage by stage, each one timed."""
    t = [time.perf_counter()]
    doc = read_path(path)
    t.append(time.perf_counter())
    clean = normalize(doc)
    t.append(time.perf_counter())
    outline = build_outline(clean)
    t.append(time.perf_counter())
    facts = find_facts(clean, outline)
    t.append(time.perf_counter())
    matches = match(outline, rubric, facts)
    t.append(time.perf_counter())
    findings = run_checks(Context(clean, outline, facts, matches, rubric))
    meta = meta_of(clean, facts)
    t.append(time.perf_counter())
    source_of = {i: line.source for i, line in enumerate(clean.lines)}
    card = build_scorecard(doc.path, rubric, matches, findings, meta, source_of)
    t.append(time.perf_counter())
    render(RunResult((card,), ()), "json", RenderOptions())
    t.append(time.perf_counter())
    for name, a, b in zip(STAGES, t, t[1:], strict=False):
        into[name].append(b - a)


def stage_table(files: list[Path], rubric: Rubric) -> None:
    into: dict[str, list[float]] = {s: [] for s in STAGES}
    for _ in range(3):
        for f in files:
            staged(f, rubric, into)
    total = sum(statistics.mean(v) for v in into.values())
    print("  stage        mean µs   median µs   share")
    for name in STAGES:
        v = into[name]
        print(f"  {name:<10} {statistics.mean(v) * 1e6:9.0f} {statistics.median(v) * 1e6:11.0f}"
              f"   {statistics.mean(v) / total:5.1%}")
    print(f"  {'total':<10} {total * 1e6:9.0f}")


_rubric: Rubric | None = None


def _init() -> None:
    global _rubric
    _rubric = load_rubric()


def _score(path: Path) -> float:
    assert _rubric is not None
    return score_file(path, _rubric).score


def all_processes(files: list[Path], folder: Path) -> None:
    jobs = os.cpu_count() or 1
    if importlib.util.find_spec("scorer.batch") is not None and _cli_has_jobs():
        cmd = [*scorer_cmd(), "check", str(folder), "--format", "json", "--jobs", str(jobs), "-o", os.devnull]
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        how = f"scorer check --jobs {jobs} (scorer.batch), wall time incl. start-up"
        files = sorted(folder.glob("*.txt"))
        if proc.returncode not in (0, 1):
            print(f"  scorer check --jobs failed ({proc.returncode}): {proc.stderr.decode()[:200]}")
            return
    else:
        import multiprocessing

        with multiprocessing.Pool(jobs, initializer=_init) as pool:
            pool.map(_score, files[: jobs * 4], chunksize=1)  # warm the workers
            start = time.perf_counter()
            pool.map(_score, files, chunksize=16)
            elapsed = time.perf_counter() - start
        how = f"multiprocessing.Pool({jobs}) over scorer.api.score_file (scorer.batch not present yet)"
    print(f"  {len(files) / elapsed:7.0f} reports/s with {jobs} processes  [{how}]")


def _cli_has_jobs() -> bool:
    proc = subprocess.run([*scorer_cmd(), "check", "--help"], capture_output=True, text=True, check=False)
    return "--jobs" in proc.stdout


def scorer_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("scorer")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "scorer.cli"]


def cold_start(one: Path, runs: int, tmp: Path) -> None:
    """Each run a new process. The first run also remembers the validated rubric (user cache), as
    any first run does; the rows after the first three say what the environment changes."""
    env = {**os.environ, "NO_COLOR": "1"}
    check = [*scorer_cmd(), "check", str(one)]
    rows: list[tuple[str, list[str], dict[str, str]]] = [
        ("scorer check one.txt", check, env),
        ("scorer check one.txt --format json", [*check, "--format", "json"], env),
        ("scorer --version", [*scorer_cmd(), "--version"], env),
        ("scorer check one.txt, no rubric cache", check, {**env, "SCORER_NO_CACHE": "1"}),
    ]
    if sys.flags.dont_write_bytecode or os.environ.get("PYTHONDONTWRITEBYTECODE"):
        # This environment compiles every module from source at each start; an installed package
        # has its bytecode (pip compiles it), so measure that too, with a bytecode cache in tmp.
        cached = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        subprocess.run(check, capture_output=True, check=False, env=cached)  # writes the bytecode
        rows.append(("scorer check one.txt, bytecode cached", check, cached))
        rows.append(("scorer --version, bytecode cached", [*scorer_cmd(), "--version"], cached))
    for label, args, run_env in rows:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(args, capture_output=True, check=False, env=run_env)
            times.append(time.perf_counter() - start)
        print(f"  {label:<38} median {statistics.median(times) * 1000:6.0f} ms"
              f"  (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, {runs} runs)")


def scaling(gen: Generator, folder: Path, rubric: Rubric, sizes: list[int]) -> None:
    print("     size     ms/report   µs/KB   floor ms   ratio")
    for size in sizes:
        paths = write([gen.report(size) for _ in range(3)], folder / f"size-{size}")
        reps = max(1, 200_000 // size)
        best = []
        for path in paths:
            times = []
            for _ in range(reps):
                start = time.perf_counter()
                score_file(path, rubric)
                times.append(time.perf_counter() - start)
            best.append(statistics.median(times))
        ms = statistics.mean(best) * 1000
        fl = 1000 / rate(floor, paths, 0.2)
        real = statistics.mean(p.stat().st_size for p in paths)
        print(f"  {real / 1024:7.0f} KB {ms:10.2f} {ms * 1000 / (real / 1024):8.1f} {fl:10.2f} {ms / fl:7.1f}×")


MEMORY_CHILD = """
import resource, sys, tempfile
from pathlib import Path
from benchmarks.corpus import Generator, seed_files
from scorer.api import load_rubric, score_many
n = int(sys.argv[1])
gen = Generator(seed_files()[1], seed=11)
rubric = load_rubric()
marks = {n // 10: None, n: None}
with tempfile.TemporaryDirectory() as tmp:
    def paths():
        for i in range(n):
            p = Path(tmp) / f"r{i % 64}.txt"
            p.write_bytes(gen.report(gen.rng.randint(5_000, 50_000)))
            yield str(p)
    done = 0
    for card in score_many(paths(), rubric):
        done += 1
        if done in marks:
            marks[done] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
for k, v in marks.items():
    print(k, v)
"""


def memory(n: int) -> None:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(n)], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    if proc.returncode != 0:
        print(f"  memory child failed: {proc.stderr.strip().splitlines()[-1:]}")
        return
    marks = [tuple(int(x) for x in line.split()) for line in proc.stdout.split("\n") if line.strip()]
    text = ", ".join(f"after {k:,} reports {v / 1024:.0f} MB" for k, v in marks)
    print(f"  peak RSS (ru_maxrss, one process, scorer.api.score_many streaming): {text}"
          f"  [{time.perf_counter() - start:.0f} s]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller corpus and fewer repeats (smoke run)")
    parser.add_argument("--memory-reports", type=int, default=10_000)
    args = parser.parse_args()
    seconds = 0.5 if args.quick else 3.0
    source, files = seed_files()
    gen = Generator(files)
    rubric = load_rubric()
    tmp = Path(tempfile.mkdtemp(prefix="scorer-bench-"))
    try:
        twenty = write([gen.report(20_000) for _ in range(50 if args.quick else 200)], tmp / "20k")
        mixed = write(gen.mixed(100 if args.quick else 1000), tmp / "mixed")
        print(f"corpus: generated from {source} ({len(files)} seeds) in {tmp}")
        print(f"  {len(twenty)} reports of ~20 KB; {len(mixed)} reports of 5–50 KB "
              f"(mean {statistics.mean(p.stat().st_size for p in mixed) / 1024:.0f} KB)")
        print("\none process (scorer.api.score_file; floor = scorer.read + scorer.normalize only)")
        for label, group in (("20 KB", twenty), ("5–50 KB", mixed)):
            full = rate(lambda p: score_file(p, rubric), group, seconds)
            base = rate(floor, group, seconds)
            print(f"  {label:<8} {full:7.0f} reports/s   floor {base:7.0f} reports/s   ratio {base / full:4.1f}×")
        print("\nper-report latency by stage (20 KB reports, stage functions called as scorer.api wires them)")
        stage_table(twenty, rubric)
        print("\nall processes (5–50 KB reports)")
        all_processes(mixed * (1 if args.quick else 4), tmp / "mixed")
        print("\ncold start (subprocess, one 20 KB report)")
        cold_start(twenty[0], 3 if args.quick else 9, tmp)
        print("\ntime vs size (median per report; floor = read + normalize)")
        sizes = [5_000, 20_000, 100_000, 1_000_000] if args.quick else \
            [5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000]
        scaling(gen, tmp, rubric, sizes)
        print("\nyear over year (scorer.history.compare on a report and a made-up last year's one)")
        from benchmarks.history import pair_bench

        pair_bench(gen, rubric, [20_000] if args.quick else [10_000, 20_000, 50_000, 100_000], 5 if args.quick else 20)
        print("\nmemory")
        memory(1_000 if args.quick else args.memory_reports)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
