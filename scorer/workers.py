"""Worker processes that run one task at a time under a time limit and a memory ceiling, replaced when lost.

A report can be hostile: a pattern that backtracks for hours inside the C regex engine (which no
signal interrupts), a PDF whose layout takes minutes, a stream that inflates to gigabytes. The
only bound that always holds is a process boundary, so each task runs in a worker process:

* the worker's address space is capped (``RLIMIT_AS``), so a runaway allocation is a MemoryError
  there, or kills the worker, never the caller;
* the caller stops a worker whose task runs past the time limit: SIGTERM first, which raises
  ``Stopped`` in the task so that its ``finally`` blocks run (a converter it started is stopped),
  then SIGKILL when the task is stuck in C code;
* a worker that dies (killed, out of memory, a crash in C code) is replaced, and its task, and
  only its task, comes back as ``Lost``: every task gives exactly one outcome, in input order.

Workers are forked from the caller (``fork``: they inherit its loaded modules and caches), or,
for a caller that runs threads (the web server), from a fork server (``forkserver``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

DEFAULT_TIMEOUT = 60.0  # seconds per task
DEFAULT_MEMORY = 1024 * 1024 * 1024  # bytes of address space per worker
RECYCLE_RSS = 384 * 1024 * 1024  # a worker whose peak resident memory grew by more than this is replaced
MAX_JOBS = 64
_READY = "ready"  # what a worker says once its initializer has run
_GRACE = 1.0  # seconds a stopped worker has to clean up before it is killed
_MB = 1024 * 1024


class Stopped(BaseException):
    """Raised in a worker's task when its caller stops it (SIGTERM): cleanup runs, then the worker ends."""


def _stop(_signum: int, _frame: Any) -> None:
    raise Stopped


@dataclass(frozen=True)
class Limits:
    """Per task: ``timeout`` seconds of wall time; per worker: ``memory`` bytes. None: no limit."""

    timeout: float | None = DEFAULT_TIMEOUT
    memory: int | None = DEFAULT_MEMORY


@dataclass(frozen=True)
class Lost:
    """A task that gave no result: ``kind`` is "timeout", "memory", "died" or "error"; ``detail`` says more."""

    kind: str
    detail: str = ""
    code: int | None = None  # how a worker that died ended: its exit status, or minus the signal that killed it

    def describe(self, limits: Limits, lang: str = "en") -> str:
        """One line for the user, naming the limit that stopped the task."""
        from scorer.uiwords import reason

        return reason(*self.reason(limits), lang)

    def reason(self, limits: Limits) -> tuple[str, dict[str, object]]:
        """The key and parameters of that line among the interface words (rubrics/ui/input.yaml)."""
        if self.kind == "timeout":
            return "timeout", {"seconds": f"{limits.timeout:g}"}
        if self.kind == "memory":
            return ("memory", {"mb": (limits.memory or 0) // _MB}) if limits.memory else ("memory-unknown", {})
        if self.kind == "died":
            return _died(self.code)
        return "internal", {"detail": self.detail}


def available(context: str = "fork") -> bool:
    """Whether worker processes can be started this way here (not on Windows, not in some sandboxes)."""
    import multiprocessing

    return context in multiprocessing.get_all_start_methods()


def _set_memory(limit: int | None) -> None:
    if not limit:
        return
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, ValueError, OSError):  # pragma: no cover - no such limit on this system
        pass


def _peak_rss() -> int:
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024  # KB on Linux
    except ImportError:  # pragma: no cover - not Unix
        return 0


def _serve(conn: Any, fn: Callable[[Any], Any], memory: int | None, recycle: int | None,
           initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    """A worker's life: receive (index, task), send (index, (kind, value), retiring), until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the caller's to handle: it stops us
    signal.signal(signal.SIGTERM, _stop)
    with contextlib.suppress(Stopped):
        _set_memory(memory)
        if initializer is not None:
            initializer(*initargs)
        conn.send(_READY)  # the clock of the first task starts now, not while the worker was loading
        _loop(conn, fn, recycle)


def _loop(conn: Any, fn: Callable[[Any], Any], recycle: int | None) -> None:
    start_rss = _peak_rss()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, task = message
        try:
            reply: tuple[str, Any] = ("ok", fn(task))
        except Stopped:
            raise
        except MemoryError:
            reply = ("memory", None)
        except RecursionError:
            reply = ("error", "RecursionError: nested too deeply")
        except BaseException as exc:  # the task's own errors (SystemExit too) are its outcome; the worker goes on
            reply = ("error", f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}")
        # A worker that grew by more than ``recycle`` gives its memory back by leaving; it says so with its reply.
        retiring = bool(recycle) and _peak_rss() - start_rss > (recycle or 0)
        try:
            conn.send((index, reply, retiring))
        except MemoryError:
            conn.send((index, ("memory", None), retiring))
        except (OSError, EOFError):
            return
        except Exception as exc:  # a result that cannot be pickled
            conn.send((index, ("error", f"{type(exc).__name__}: result cannot be sent back"), retiring))
        if retiring:
            return


@dataclass
class _Worker:
    process: Any
    conn: Any
    # Tasks sent, in order: the first is running, the others wait in the pipe (so that a worker
    # never idles waiting for the caller to hand it the next one).
    tasks: deque[tuple[int, Any]] = field(default_factory=deque)
    started: float = 0.0  # when the first of ``tasks`` started


_AHEAD = 2  # tasks sent to a worker at a time


@dataclass
class Pool:
    """Up to ``jobs`` workers running ``fn`` on tasks; see the module docstring.

    ``map`` streams outcomes in input order (a result of ``fn`` or a ``Lost``); ``run`` scores one
    task and may be called from several threads (one task at a time). Close it, or use ``with``.
    """

    fn: Callable[[Any], Any]
    jobs: int = 1
    limits: Limits = field(default_factory=Limits)
    initializer: Callable[..., None] | None = None
    initargs: tuple[Any, ...] = ()
    context: str = "fork"
    recycle: int | None = RECYCLE_RSS
    preload: tuple[str, ...] = ()  # modules a fork server imports once, before it forks any worker
    _workers: list[_Worker] = field(default_factory=list, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _ctx: Any = field(default=None, init=False, repr=False)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def run(self, task: Any) -> Any:
        """The outcome of one task (thread-safe: callers take turns)."""
        with self._lock:
            outcomes = list(self.map([task]))  # run the generator out: one left open would close the pool
            return outcomes[0]

    def map(self, tasks: Iterable[Any]) -> Iterator[Any]:
        """Outcomes in the order of ``tasks``, each as soon as it and those before it are done."""
        todo = deque(enumerate(tasks))
        total = len(todo)
        done: dict[int, Any] = {}
        following = 0
        try:
            while following < total:
                if following in done:
                    yield done.pop(following)
                    following += 1
                    continue
                self._assign(todo)
                self._wait(done, todo)
        except BaseException:
            self.close()  # an interrupted run leaves no worker behind
            raise

    def close(self) -> None:
        """Stop every worker: idle ones are told to stop, busy ones are killed."""
        workers, self._workers = self._workers, []
        for w in workers:
            if not w.tasks:
                with contextlib.suppress(OSError, ValueError):
                    w.conn.send(None)
        for w in workers:
            if w.tasks:
                w.process.terminate()
        deadline = time.monotonic() + _GRACE
        for w in workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
            w.conn.close()

    # ---------------------------------------------------------------- internals

    def _start(self) -> _Worker:
        import multiprocessing

        if self._ctx is None:
            self._ctx = multiprocessing.get_context(self.context)
            if self.preload and self.context == "forkserver":
                self._ctx.set_forkserver_preload(list(self.preload))
        mine, theirs = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_serve, name="scorer-worker", daemon=True,
            args=(theirs, self.fn, self.limits.memory, self.recycle, self.initializer, self.initargs))
        # The worker is born ignoring Ctrl+C (which the terminal sends to the whole process group):
        # the caller stops it. Only the main thread may change signal handling.
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            process.start()
        finally:
            if main:
                signal.signal(signal.SIGINT, previous)
        theirs.close()
        worker = _Worker(process, mine)
        self._workers.append(worker)
        return worker

    def _assign(self, todo: deque[tuple[int, Any]]) -> None:
        """Start workers (up to ``jobs``) while the others cannot take every waiting task; then give
        each worker one task, then a second (``_AHEAD``)."""
        while todo and len(self._workers) < max(1, self.jobs) and \
                len(todo) > sum(_AHEAD - len(w.tasks) for w in self._workers):
            self._start()
        for depth in range(1, _AHEAD + 1):
            for w in list(self._workers):
                while todo and len(w.tasks) < depth and w in self._workers:
                    self._send(w, todo)

    def _send(self, w: _Worker, todo: deque[tuple[int, Any]]) -> None:
        index, task = todo.popleft()
        if not w.tasks:
            w.started = time.monotonic()
        w.tasks.append((index, task))
        try:
            w.conn.send((index, task))
        except (OSError, ValueError):  # it died: the task was never received
            w.tasks.pop()
            todo.appendleft((index, task))
            self._reap(w, {}, todo)

    def _wait(self, done: dict[int, Any], todo: deque[tuple[int, Any]]) -> None:
        """Block until a busy worker answers, dies or runs out of time; record what happened."""
        from multiprocessing.connection import wait

        busy = [w for w in self._workers if w.tasks]
        if not busy:
            return
        timeout = None
        if self.limits.timeout is not None:
            timeout = max(0.0, min(w.started for w in busy) + self.limits.timeout - time.monotonic())
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
        now = time.monotonic()
        for w in busy:
            if w.conn in ready or w.process.sentinel in ready:
                self._receive(w, done, todo)
            elif self.limits.timeout is not None and now - w.started >= self.limits.timeout:
                done[w.tasks.popleft()[0]] = Lost("timeout")
                w.process.terminate()
                w.process.join(_GRACE)
                if w.process.is_alive():  # stuck in C code, where no signal handler runs
                    w.process.kill()
                self._reap(w, done, todo, between=True)

    def _receive(self, w: _Worker, done: dict[int, Any], todo: deque[tuple[int, Any]]) -> None:
        """Take a ready worker's reply; a worker that retires or died is reaped."""
        retiring = lost = False
        try:
            if w.conn.poll():
                message = w.conn.recv()
                w.started = time.monotonic()  # the next task, if any, starts now
                if message == _READY:
                    return
                index, (kind, value), retiring = message
                done[index] = value if kind == "ok" else Lost(kind, value or "")
                w.tasks.popleft()
                if retiring:
                    w.process.join()
        except (EOFError, OSError):
            lost = True  # the pipe closed without a (whole) reply: the worker is gone
        if retiring or lost or not w.process.is_alive():
            self._reap(w, done, todo, between=retiring)

    def _reap(self, w: _Worker, done: dict[int, Any], todo: deque[tuple[int, Any]], between: bool = False) -> None:
        """Forget a dead, killed or retired worker. Unless it ended ``between`` tasks (it retired, or its
        task's outcome is recorded already), the task it was running is lost; the tasks still waiting
        in its pipe go back to the front of ``todo``."""
        w.process.join()
        w.conn.close()
        if w in self._workers:
            self._workers.remove(w)
        if w.tasks and not between:
            done[w.tasks.popleft()[0]] = Lost("died", _how(w.process.exitcode), w.process.exitcode)
        todo.extendleft(reversed(w.tasks))
        w.tasks.clear()


def _how(code: int | None) -> str:
    """How a process ended, in words: "killed by SIGKILL", "exit status 3"."""
    if code is None:
        return "unknown"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = ": out of memory, or killed" if -code == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exit status {code}"


def _died(code: int | None) -> tuple[str, dict[str, object]]:
    """The reason's key for a worker that ended so (as _how says it): killed, a signal, an exit status."""
    if code is None:
        return "died", {}
    if code == -signal.SIGKILL:
        return "died-killed", {}
    if code < 0:
        try:
            return "died-signal", {"signal": signal.Signals(-code).name}
        except ValueError:
            return "died-signal", {"signal": f"signal {-code}"}
    return "died-exit", {"code": code}


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
