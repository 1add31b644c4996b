"""Generate benchmark reports at run time from the real seeds (or the samples): never stored in the repo."""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
SAMPLES = ROOT / "reports"
_MIN_PARAGRAPH = 40  # characters: a body paragraph worth duplicating (headings are shorter)


def seed_files() -> tuple[str, list[Path]]:
    """The real seeds when the corpus sits beside the checkout, else the project's own samples."""
    if SEEDS.is_dir() and any(SEEDS.glob("*.txt")):
        return "../shared/corpus/seeds", sorted(SEEDS.glob("*.txt"))
    return "reports/ (samples; ../shared/corpus not found)", sorted(SAMPLES.glob("*.txt"))


class Generator:
    """Reports of a chosen size: a seed's own structure, its body paragraphs shuffled in and duplicated.

    Paragraphs are only taken from the same seed, so a traditional-script or noisy seed stays so,
    and headings are never moved, so every generated report keeps the outline of a real one.
    """

    def __init__(self, files: list[Path], seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.seeds: list[tuple[list[str], list[int]]] = []
        for path in files:
            lines = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n").split("\n")
            body = [i for i, t in enumerate(lines) if len(t.strip()) >= _MIN_PARAGRAPH]
            if body:
                self.seeds.append((lines, body))
        if not self.seeds:
            raise SystemExit("benchmark: no seed report with body paragraphs found")

    def report(self, size: int) -> bytes:
        """One report of about ``size`` bytes (UTF-8)."""
        lines, body = self.rng.choice(self.seeds)
        out = list(lines)
        total = len("\n".join(out).encode("utf-8"))
        if total > size:  # too long: drop random body paragraphs (headings stay)
            droppable = [i for i in body if i > 3]
            self.rng.shuffle(droppable)
            drop: set[int] = set()
            for i in droppable:
                if total <= size:
                    break
                drop.add(i)
                total -= len(lines[i].encode("utf-8")) + 1
            out = [t for i, t in enumerate(lines) if i not in drop]
            return "\n".join(out).encode("utf-8")
        # Too short: insert copies of the seed's paragraphs right after random body paragraphs.
        inserts: dict[int, list[str]] = {}
        while total < size:
            text = lines[self.rng.choice(body)]
            inserts.setdefault(self.rng.choice(body), []).append(text)
            total += len(text.encode("utf-8")) + 1
        grown: list[str] = []
        for i, text in enumerate(out):
            grown.append(text)
            grown.extend(inserts.get(i, ()))
        return "\n".join(grown).encode("utf-8")

    def mixed(self, n: int, low: int = 5_000, high: int = 50_000) -> list[bytes]:
        return [self.report(self.rng.randint(low, high)) for _ in range(n)]


def write(reports: list[bytes], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, data in enumerate(reports):
        path = folder / f"report-{i:05d}.txt"
        path.write_bytes(data)
        paths.append(path)
    return paths
