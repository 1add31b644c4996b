"""`make bench` times the pipeline stage by stage: its wiring must stay the one scorer.api runs."""

from __future__ import annotations

from pathlib import Path

from benchmarks.run import STAGES, staged
from scorer.api import load_rubric, score_file

REPORTS = sorted((Path(__file__).parents[1] / "reports").glob("*.txt"))


def test_the_staged_pipeline_times_every_stage_of_a_sample_report() -> None:
    rubric = load_rubric("national")
    into: dict[str, list[float]] = {s: [] for s in STAGES}
    for path in REPORTS:
        staged(path, rubric, into)
        assert score_file(path, rubric).criteria  # the report scores as the benchmark times it
    assert len(REPORTS) >= 3
    assert all(len(times) == len(REPORTS) and all(t >= 0 for t in times) for times in into.values())
