"""One function over many items in worker processes: bounded, crash-proof, interruptible.

Why not ``Pool.imap_unordered`` or ``Executor.map``: both read their whole input before the
first result comes (a dump would be read into memory), and a pool loses the task of a
worker that dies and waits for it forever. Here at most ``in_flight`` items are handed out
at once, and the items of a pool that breaks are run again one by one, so that only the
item that kills its worker fails.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import partial
from itertools import islice
from types import FrameType, TracebackType
from typing import TypeVar

_T = TypeVar("_T")
_R = TypeVar("_R")

_POLL = 0.2
"""Seconds between looks at a Ctrl-C while waiting for the workers."""


class WorkerError(Exception):
    """Worker processes cannot run at all (they die before doing any work)."""


class WorkerDied(Exception):
    """The worker process working on an item died: killed for memory, or a crash in C."""


class Interrupts:
    """Ctrl-C, acted on where it is safe while a run is under way.

    Raised at any point, KeyboardInterrupt can stop the main thread half-way through the
    pool's bookkeeping and leave it waiting at exit for work it will never get. So in the
    main thread, with Python's default handler in place, a first Ctrl-C only asks the run
    to stop, which it does at its next look (:meth:`check`); a second one raises at once,
    and so does one during :meth:`immediate` (long work that is safe to interrupt).
    Elsewhere (another thread, another handler), nothing changes.
    """

    def __init__(self) -> None:
        self._requested = threading.Event()
        self._immediate = False
        self._previous: object = None

    def __enter__(self) -> Interrupts:
        in_main_thread = threading.current_thread() is threading.main_thread()
        if in_main_thread and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]

    def check(self) -> None:
        """Raise KeyboardInterrupt if Ctrl-C was pressed."""
        if self._requested.is_set():
            raise KeyboardInterrupt

    @contextmanager
    def immediate(self) -> Iterator[None]:
        self.check()
        self._immediate = True
        try:
            yield
        finally:
            self._immediate = False

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._immediate or self._requested.is_set():
            raise KeyboardInterrupt
        self._requested.set()


def run_all(
    work: Callable[[_T], _R],
    items: Iterator[_T],
    *,
    jobs: int,
    in_flight: int,
    interrupts: Interrupts,
    lost: Callable[[_T, BaseException], _R],
) -> Iterator[_R]:
    """``work(item)`` for each item, the results in the order they come; in this process
    for one job. ``work`` must be a module-level function of picklable arguments.

    ``lost(item, error)`` stands for the result of an item whose work did not come back:
    its worker died (:class:`WorkerDied`) or its result could not be sent. Raises
    :class:`WorkerError` when no worker can run at all.
    """
    if jobs == 1:
        for item in items:
            yield work(item)
            interrupts.check()
        return
    pooled = partial(_pooled, work, items, jobs=jobs, in_flight=in_flight, lost=lost)
    while suspects := (yield from pooled(interrupts=interrupts)):
        for item in suspects:
            yield _alone(work, item, lost)


def _pooled(
    work: Callable[[_T], _R],
    items: Iterator[_T],
    *,
    jobs: int,
    in_flight: int,
    interrupts: Interrupts,
    lost: Callable[[_T, BaseException], _R],
) -> Generator[_R, None, list[_T]]:
    """Results from one pool until the items run out (returns ``[]``) or the pool breaks
    (returns the items that were in flight)."""
    pool = _pool(jobs)
    pending: dict[Future[_R], _T] = {}
    try:
        while True:
            for item in islice(items, in_flight - len(pending)):
                try:
                    pending[pool.submit(work, item)] = item
                except BrokenProcessPool:
                    return [*pending.values(), item]
            if not pending:
                return []
            finished, _ = wait(pending, timeout=_POLL, return_when=FIRST_COMPLETED)
            interrupts.check()
            for future in finished:
                error = future.exception()
                if isinstance(error, BrokenProcessPool):
                    return list(pending.values())
                item = pending.pop(future)
                yield future.result() if error is None else lost(item, error)
    finally:
        # Only what the workers hold already is finished (a second or so): the rest is
        # dropped, so that stopping early does not wait for it.
        for future in pending:
            future.cancel()
        pool.shutdown(wait=False, cancel_futures=True)


def _alone(work: Callable[[_T], _R], item: _T, lost: Callable[[_T, BaseException], _R]) -> _R:
    """``work`` on one item in a pool of its own."""
    try:
        return _solo(work, item)
    except BrokenProcessPool:
        pass
    except Exception as error:
        return lost(item, error)
    # Blame the item only if a worker that is given nothing to do survives: otherwise no
    # worker can run at all, and every item would be blamed in turn.
    try:
        _solo(_nothing, item)
    except BrokenProcessPool:
        raise WorkerError(
            "worker processes die before doing any work (see the errors above)"
        ) from None
    return lost(item, WorkerDied("the worker process working on it died"))


def _solo(work: Callable[[_T], _R], item: _T) -> _R:
    pool = _pool(1)
    try:
        return pool.submit(work, item).result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _pool(jobs: int) -> ProcessPoolExecutor:
    # Spawned, not forked: a worker inherits no memory, threads, locks or open files of the
    # caller's, and behaves the same on every platform.
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_ignore_interrupts,
    )
    # Every worker is started now, with Ctrl-C blocked: a process keeps the signal mask it
    # is started with, so not even a Ctrl-C while it imports makes it print a traceback
    # (CPython starts its resource tracker the same way).
    with _interrupts_blocked():
        for _ in range(jobs):
            pool.submit(_nothing)
    return pool


@contextmanager
def _interrupts_blocked() -> Iterator[None]:
    """SIGINT blocked in this thread meanwhile; one that comes is delivered afterwards."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows has no signal masks
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _ignore_interrupts() -> None:
    # Ctrl-C reaches every process of the terminal's group; only the main process acts on
    # it. (Where signals can be masked, workers start with it blocked already: see _pool.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _nothing(*_: object) -> None:
    """A task that does no work: to start a worker, or to tell a dying item from a pool
    that cannot run at all."""
