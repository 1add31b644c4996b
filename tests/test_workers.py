"""Worker processes: one outcome per task in order, whatever happens to a worker (killed, out of time, of memory)."""

from __future__ import annotations

import os
import signal
import time

import pytest

from scorer.workers import Limits, Lost, Pool, available

pytestmark = pytest.mark.skipif(not available(), reason="no fork() here: tasks run in the calling process")


def task(arg: tuple[str, int]) -> tuple[str, int, int]:
    """What a hostile file can do to the worker scoring it; ("ok", n) just answers."""
    kind, n = arg
    if kind == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if kind == "exit":
        os._exit(3)
    if kind == "sleep":
        time.sleep(n)
    if kind == "allocate":
        blocks = [bytearray(64 << 20) for _ in range(n)]  # 64 MB each, touched by the zero fill
        return kind, n, len(blocks)
    if kind == "raise":
        raise ValueError("a task's own error")
    if kind == "grow":
        task.__dict__.setdefault("keep", []).append(bytearray(n << 20))
    return kind, n, os.getpid()


def test_outcomes_come_in_input_order_one_per_task() -> None:
    tasks = [("ok", i) for i in range(40)]
    with Pool(task, 3) as pool:
        outcomes = list(pool.map(tasks))
    assert [o[:2] for o in outcomes] == tasks
    assert len({o[2] for o in outcomes}) <= 3 and os.getpid() not in {o[2] for o in outcomes}


def test_a_killed_worker_is_replaced_and_only_its_task_is_lost() -> None:
    """The batch that lost 3,160 of 5,000 files: now every task has its outcome."""
    tasks = [("ok", i) for i in range(30)]
    for i in (3, 4, 17, 29):
        tasks[i] = ("kill", i)
    tasks[10] = ("exit", 10)
    with Pool(task, 2) as pool:
        outcomes = list(pool.map(tasks))
    assert len(outcomes) == len(tasks)
    for (kind, i), got in zip(tasks, outcomes, strict=True):
        if kind == "ok":
            assert got[:2] == (kind, i)
        else:
            assert isinstance(got, Lost) and got.kind == "died", (kind, got)
    assert "SIGKILL" in outcomes[3].detail and outcomes[10].detail == "exit status 3"


def test_a_task_past_the_time_limit_is_stopped_and_the_rest_go_on() -> None:
    tasks = [("ok", 0), ("sleep", 600), ("ok", 2), ("sleep", 600), ("ok", 4)]
    start = time.monotonic()
    with Pool(task, 2, Limits(timeout=1.0)) as pool:
        outcomes = list(pool.map(tasks))
    assert time.monotonic() - start < 30  # a generous bound: without the limit this takes 20 minutes
    assert [o.kind if isinstance(o, Lost) else o[0] for o in outcomes] == ["ok", "timeout", "ok", "timeout", "ok"]
    assert "time limit of 1 s" in outcomes[1].describe(Limits(timeout=1.0))


def test_a_task_past_the_memory_ceiling_is_a_memory_outcome_and_the_worker_goes_on() -> None:
    limits = Limits(memory=512 << 20)
    with Pool(task, 1, limits) as pool:
        outcomes = list(pool.map([("ok", 0), ("allocate", 64), ("allocate", 2), ("ok", 3)]))
    assert outcomes[1] == Lost("memory") and "memory limit of 512 MB" in outcomes[1].describe(limits)
    assert outcomes[2][:3] == ("allocate", 2, 2) and outcomes[3][:2] == ("ok", 3)


def test_a_task_that_raises_is_an_error_outcome() -> None:
    with Pool(task, 1) as pool:
        outcomes = list(pool.map([("raise", 0), ("ok", 1)]))
    assert outcomes[0] == Lost("error", "ValueError: a task's own error") and outcomes[1][:2] == ("ok", 1)


def test_a_worker_that_grew_past_the_recycling_size_is_replaced_without_losing_a_task() -> None:
    with Pool(task, 1, recycle=150 << 20) as pool:
        outcomes = list(pool.map([("grow", 200), ("ok", 1), ("ok", 2)]))
    assert not any(isinstance(o, Lost) for o in outcomes)
    assert outcomes[0][2] != outcomes[1][2] == outcomes[2][2]  # a fresh worker after the big task


def test_run_keeps_its_workers_between_calls_and_close_stops_them() -> None:
    pool = Pool(task, 1)
    first = pool.run(("ok", 1))
    second = pool.run(("ok", 2))
    assert first[2] == second[2]
    pool.close()
    with pytest.raises(ProcessLookupError):
        for _ in range(100):  # reaped by close(); the pid is gone
            os.kill(first[2], 0)
            time.sleep(0.05)


def test_an_abandoned_map_leaves_no_worker_running() -> None:
    pool = Pool(task, 2)
    outcomes = pool.map([("ok", 0), ("sleep", 600), ("sleep", 600)])
    assert next(outcomes)[0] == "ok"
    pids = [w.process.pid for w in pool._workers]
    outcomes.close()  # the caller stops reading (Ctrl+C, an exception): busy workers are killed
    assert pool._workers == []
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


@pytest.mark.skipif(not available("forkserver"), reason="no fork server here")
def test_workers_from_a_fork_server_for_a_threaded_caller() -> None:
    with Pool(task, 1, Limits(timeout=2.0), context="forkserver") as pool:
        assert pool.run(("ok", 7))[:2] == ("ok", 7)
        assert pool.run(("sleep", 600)) == Lost("timeout")
        assert pool.run(("kill", 0)).kind == "died"
        assert pool.run(("ok", 8))[:2] == ("ok", 8)
