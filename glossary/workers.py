"""One pool of forked worker processes for the package's parallel steps (reading, counting, aligning).

Workers are forked, so the dictionaries a step loads before :func:`fork_map` are shared with every worker
instead of being loaded again in each. On Linux a worker also dies with the process that started it: a
``glossary mine`` stopped with ``kill`` (even ``kill -9``) leaves nothing running behind it.

>>> list(fork_map(len, [["a"], ["b", "c"]], workers=2))
[1, 2]
>>> split([1, 2, 3, 4, 5], 2)
[[1, 2, 3], [4, 5]]
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from .errors import WorkerError

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

#: more processes than this rarely pays: the steps are bounded by memory bandwidth and the parent's merging
MAX_WORKERS = 4

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def default_workers() -> int:
    """One worker per core, at most :data:`MAX_WORKERS`."""
    return min(os.cpu_count() or 1, MAX_WORKERS)


def split(items: Sequence[T], parts: int) -> list[list[T]]:
    """``items`` in at most ``parts`` consecutive slices of (nearly) equal length, order kept."""
    return [list(items[lo:hi]) for lo, hi in bounds(len(items), parts)]


def bounds(n: int, parts: int) -> list[tuple[int, int]]:
    """The (start, end) of :func:`split`'s slices of ``n`` items: a job given as a range of what the workers
    inherit, not the items pickled.

    >>> bounds(5, 2), bounds(0, 2)
    ([(0, 3), (3, 5)], [])
    """
    size = -(-n // max(1, parts))
    return [(lo, min(lo + size, n)) for lo in range(0, n, size)] if n else []


def weighted_bounds(weights: Sequence[float], parts: int, first: float = 1.0) -> list[tuple[int, int]]:
    """:func:`bounds` of as many items as ``weights``, each range about an equal share of their sum, the first
    ``first`` times the others' (this process's own, where it has other work or none: every range holds an item
    at least).

    >>> weighted_bounds([3, 1, 1, 1], 2), weighted_bounds([1, 1, 1, 1], 2), weighted_bounds([], 2)
    ([(0, 1), (1, 4)], [(0, 2), (2, 4)], [])
    >>> weighted_bounds([1] * 10, 2, first=0.6), weighted_bounds([1] * 9, 2, first=1.25)
    ([(0, 4), (4, 10)], [(0, 5), (5, 9)])
    """
    n = len(weights)
    parts = max(1, min(parts, n))
    total, lo, acc = sum(weights), 0, 0.0
    whole = first + parts - 1  # (the ranges' shares: first, then 1 each)
    out: list[tuple[int, int]] = []
    for i, w in enumerate(weights):
        acc += w
        k = len(out) + 1  # (the range being filled)
        if k < parts and acc >= total * (first + k - 1) / whole and n - (i + 1) >= parts - k:
            out.append((lo, i + 1))
            lo = i + 1
    return [*out, (lo, n)] if n else []


def _die_with_parent(parent: int) -> None:
    """Pool initializer: ask the kernel to end this worker when its parent ends (Linux ``PR_SET_PDEATHSIG``)."""
    if sys.platform.startswith("linux"):
        # (no prctl in this libc: the pool still works, its workers just may outlive a killed parent)
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` forked processes that end with this one."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max(1, workers),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )


def fork_map(fn: Callable[[T], R], jobs: Iterable[T], workers: int, chunksize: int = 1) -> Iterator[R]:
    """``fn`` over ``jobs`` in ``workers`` forked processes; results in the order of ``jobs``.

    ``fn`` must be a module-level function (its arguments and results are pickled between processes).
    """
    from concurrent.futures import BrokenExecutor

    with _pool(workers) as pool:
        try:
            yield from pool.map(fn, jobs, chunksize=chunksize)
        except BrokenExecutor:
            raise _died() from None


@contextlib.contextmanager
def fork_started(fn: Callable[[T], R], jobs: Sequence[T], workers: int) -> Iterator[Iterator[R]]:
    """:func:`fork_map` begun at once: the workers are forked and at work when the block starts, so this process
    can do a share of its own meanwhile; the block iterates the results, in the order of ``jobs``. Leaving the
    block early stops the workers.

    >>> with fork_started(len, [["a"], ["b", "c"]], workers=2) as results:
    ...     mine = len(["d", "e", "f"])  # this process's own share, while the workers count theirs
    ...     [mine, *results]
    [3, 1, 2]
    """
    pool = _pool(workers)
    try:
        futures = [pool.submit(fn, job) for job in jobs]
        yield _results(pool, futures)
    except BaseException:
        # (a worker mid-job would run on to its end: the executor can cancel only jobs not begun, and has no
        # public way to end its processes before Python 3.14's terminate_workers)
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _results(pool: ProcessPoolExecutor, futures: Sequence[Future[R]]) -> Iterator[R]:
    """The futures' results in order, the pool shut down once the last is in: a worker that sent its result
    keeps the memory it used (a 16 MB corpus's counting worker: 405 MB) until it ends, and the caller's work
    on the last result (merging those counts) was the process tree's peak with it still there."""
    from concurrent.futures import BrokenExecutor

    for i, f in enumerate(futures):
        try:
            result = f.result()
        except BrokenExecutor:
            raise _died() from None
        if i == len(futures) - 1:
            pool.shutdown()
        yield result


def _died() -> WorkerError:
    """What a caller is told of a worker that ended before its work was done (the executor says only that its pool
    is broken, and the command printed a traceback)."""
    return WorkerError(
        "a worker process ended before its work was done (killed, or out of memory?): "
        "run the command again, or give it fewer files at once"
    )


#: what :func:`fork_map_inherited`'s workers are given beside each job (inherited by the fork, never pickled)
_INHERITED: object = None


def _call_inherited(job: tuple[Callable[[object, T], R], T]) -> R:
    fn, item = job
    return fn(_INHERITED, item)


def fork_map_inherited(fn: Callable[[S, T], R], shared: S, jobs: Iterable[T], workers: int) -> Iterator[R]:
    """:func:`fork_map` of ``fn(shared, job)``: ``shared`` (a memory's index, a miner's counts) reaches the
    workers by the fork itself, however large, where a job's arguments would be pickled for each.

    >>> list(fork_map_inherited(_tag, "x", ["a", "b"], workers=2))
    ['x:a', 'x:b']
    """
    global _INHERITED
    _INHERITED = shared
    try:
        yield from fork_map(_call_inherited, [(fn, job) for job in jobs], workers)  # type: ignore[arg-type]
    finally:
        _INHERITED = None


def fork_shared(fn: Callable[[S, T], R], shared: S, jobs: Sequence[T]) -> list[R]:
    """``fn(shared, job)`` for each of ``jobs``, results in their order: the first job in this process while one
    forked worker for each of the others does it, ``shared`` reaching them by the fork (as
    :func:`fork_map_inherited`'s), and nothing pickled but the jobs and their results. Where every process would
    wait for the workers, this one does a share instead (and keeps what it loaded doing it).

    >>> fork_shared(_tag, "x", ["a", "b", "c"])
    ['x:a', 'x:b', 'x:c']
    """
    return list(fork_shared_iter(fn, shared, jobs))


def fork_shared_iter(fn: Callable[[S, T], R], shared: S, jobs: Sequence[T]) -> Iterator[R]:
    """:func:`fork_shared`, each result given as soon as it is there: this process's own (the first job's) while
    the workers are still at theirs, so the caller can use it meanwhile (write it, say). Closing the iterator
    early stops the workers.

    >>> results = fork_shared_iter(_tag, "x", ["a", "b"])
    >>> next(results), list(results)
    ('x:a', ['x:b'])
    """
    global _INHERITED
    if len(jobs) <= 1:
        yield from (fn(shared, job) for job in jobs)
        return
    _INHERITED = shared
    try:
        with fork_started(_call_inherited, [(fn, job) for job in jobs[1:]], len(jobs) - 1) as others:  # type: ignore[arg-type]
            first = fn(shared, jobs[0])
            yield first
            yield from others
    finally:
        _INHERITED = None


def fork_call(
    fn: Callable[[S, Callable[[int, int], None] | None], R],
    shared: S,
    progress: Callable[[int, int], None] | None = None,
) -> R:
    """``fn(shared, report)`` in one forked process, its result sent back: ``shared`` reaches it by the fork, and
    ``report(done, total)`` there calls ``progress`` here (None where no ``progress`` is given). For work whose
    memory should end with it: what this process does next forks its workers from a process that never held it.

    >>> fork_call(_reported, "x", lambda done, total: print(done, total))
    1 2
    2 2
    'x!'
    """
    global _INHERITED
    read, write = os.pipe() if progress is not None else (-1, -1)
    _INHERITED = shared
    try:
        with fork_started(_call_reporting, [(fn, write)], 1) as results:  # type: ignore[arg-type]
            if progress is not None:
                os.close(write)  # (the worker holds its own: the pipe ends when it says so, or with it)
                write = -1
                with open(read, encoding="ascii", closefd=False) as lines:
                    for line in lines:
                        if line == "end\n":
                            break
                        done, total = map(int, line.split())
                        progress(done, total)
            return next(results)
    finally:
        _INHERITED = None
        for fd in (read, write):
            if fd >= 0:
                os.close(fd)


def _call_reporting(job: tuple[Callable[[object, Callable[[int, int], None] | None], R], int]) -> R:
    fn, fd = job

    def report(done: int, total: int) -> None:
        os.write(fd, f"{done} {total}\n".encode("ascii"))

    try:
        return fn(_INHERITED, report if fd >= 0 else None)
    finally:
        if fd >= 0:
            os.write(fd, b"end\n")


def _reported(shared: str, report: Callable[[int, int], None] | None) -> str:  # (the doctest's worker)
    if report is not None:
        report(1, 2)
        report(2, 2)
    return shared + "!"


def _tag(shared: str, job: str) -> str:  # (the doctest's worker: a worker's function is a module's)
    return f"{shared}:{job}"


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a batch of work that builds many small objects and no cycles.

    Mining builds hundreds of thousands of counters, tuples and candidates beside dictionaries of millions of
    entries; each full collection walks them all and finds nothing to free (about a tenth of a mine's time).
    Reference counting still frees everything; the collector resumes, as it was, afterwards.

    >>> import gc
    >>> with collection_paused():
    ...     gc.isenabled()
    False
    """
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def give_back_memory() -> None:
    """Hand the pages freed objects left behind back to the system (glibc's ``malloc_trim``; elsewhere nothing).

    A large mine frees most of what counting built before it aligns, but the C allocator keeps the freed pages:
    the process stayed at 900 MB through the alignment of 16 MB where 320 MB were in use (the workers it forks
    then share what is left). Trimming takes milliseconds.

    >>> give_back_memory()
    """
    # (no glibc: that allocator gives pages back on its own terms)
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(None).malloc_trim(0)
