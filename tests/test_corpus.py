"""The real reports in ../shared/corpus score exactly as its README says a correct scorer must."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorer.api import score_file
from scorer.rubric import Rubric
from tests.conftest import CORPUS

SEED_NAMES = [
    "huarong-county-2022.txt",
    "dengfeng-city-2023.txt",
    "luzhou-city-2019.txt",
    "jiangyuan-district-2022.txt",
    "haigang-district-2022.txt",
]


def _expectations(name: str) -> dict[str, object]:
    data = json.loads((CORPUS / "expectations.json").read_text("utf-8"))["reports"]
    return data[name]  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_statuses_and_verdict(name: str, seeds_dir: Path, rubric: Rubric) -> None:
    want = _expectations(name)
    card = score_file(seeds_dir / name, rubric)
    got = {c.id: c.status.value for c in card.criteria}
    for cid, allowed in want.items():
        if cid in ("verdict", "findings"):
            continue
        assert got[cid] in allowed, f"{name}: {cid} is {got[cid]}, want one of {allowed}"
    assert card.verdict.value == want["verdict"]
    rules = {f.rule for f in card.findings}
    for rule in want.get("findings", []):  # type: ignore[attr-defined]
        assert rule in rules


def test_dengfeng_scores_highest(seeds_dir: Path, rubric: Rubric) -> None:
    scores = {name: score_file(seeds_dir / name, rubric).score for name in SEED_NAMES}
    assert max(scores, key=lambda n: scores[n]) == "dengfeng-city-2023.txt"
    assert list(scores.values()).count(scores["dengfeng-city-2023.txt"]) == 1


def test_luzhou_noise_is_reported(seeds_dir: Path, rubric: Rubric) -> None:
    card = score_file(seeds_dir / "luzhou-city-2019.txt", rubric)
    noise = " ".join(f.message for f in card.findings if f.rule == "text-noise")
    assert "拼音" in noise and "重复标点" in noise and "繁体" in noise


def test_haigang_spam_span_and_line(seeds_dir: Path, rubric: Rubric) -> None:
    card = score_file(seeds_dir / "haigang-district-2022.txt", rubric)
    spam = [f for f in card.findings if f.rule == "spam-content"]
    assert spam and all(f.line in (8, 21) for f in spam)
    assert any("申博体育在线" in f.message for f in spam)


def test_huarong_duty_is_the_nested_subsection(seeds_dir: Path, rubric: Rubric) -> None:
    card = score_file(seeds_dir / "huarong-county-2022.txt", rubric)
    duty = next(c for c in card.criteria if c.id == "duty")
    assert duty.line == 55 and duty.heading and "第一责任人" in duty.heading


def test_openings_agree_with_expectations(openings_dir: Path, rubric: Rubric) -> None:
    exp = json.loads((openings_dir / "expectations.json").read_text("utf-8"))["reports"]
    wrong = []
    for name, entry in sorted(exp.items()):
        card = score_file(openings_dir / name, rubric)
        got = {c.id: c.status.value for c in card.criteria}
        wrong += [f"{name} {cid}: {got[cid]} not in {allowed}" for cid, allowed in entry["criteria"].items()
                  if got[cid] not in allowed]
    assert not wrong, "\n".join(wrong)
