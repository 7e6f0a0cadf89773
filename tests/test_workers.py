"""The shared worker pool: order kept, and no worker outlives a killed parent."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import alive

from glossary.errors import WorkerError
from glossary.workers import fork_call, fork_map, fork_started, split


def _square(x: int) -> int:
    return x * x


def _pid(_: int) -> int:
    return os.getpid()


def test_results_come_back_in_job_order() -> None:
    assert list(fork_map(_square, range(50), workers=3, chunksize=4)) == [x * x for x in range(50)]


def _dies(_: object, *rest: object) -> int:
    os._exit(9)  # (as a worker the system kills for want of memory ends: no exception, no result)


def test_a_worker_that_dies_is_a_one_line_error_not_a_broken_pool() -> None:
    # (the executor raised BrokenProcessPool, and `glossary mine` printed its traceback)
    with pytest.raises(WorkerError, match="ended before its work was done"):
        list(fork_map(_dies, [1, 2], workers=2))
    with pytest.raises(WorkerError), fork_started(_dies, [1], workers=1) as results:
        list(results)
    with pytest.raises(WorkerError):
        fork_call(_dies, None, progress=lambda done, total: None)


def test_split_keeps_order_and_covers_everything() -> None:
    items = list(range(10))
    parts = split(items, 3)
    assert len(parts) == 3 and [x for p in parts for x in p] == items
    assert split([], 4) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    script = f"""
import os, time
from glossary.workers import fork_map

def hang(i):
    with open({str(pids)!r}, "a") as f:
        f.write(f"{{os.getpid()}}\\n")
    time.sleep(600)

list(fork_map(hang, range(2), workers=2))
"""
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (not pids.exists() or len(pids.read_text().split()) < 2):
            time.sleep(0.05)
        workers = [int(p) for p in pids.read_text().split()]
        assert len(workers) == 2 and all(alive(p) for p in workers)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(alive(p) for p in workers):
            time.sleep(0.05)
        assert not any(alive(p) for p in workers), "workers outlived their killed parent"
    finally:
        parent.kill()
        for p in pids.read_text().split() if pids.exists() else []:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(p), signal.SIGKILL)


def test_a_started_pool_works_while_this_process_does_its_share() -> None:
    from glossary.workers import fork_started

    with fork_started(_square, [2, 3, 4], workers=2) as results:
        own = _square(1)  # (the workers are at theirs meanwhile)
        assert [own, *results] == [1, 4, 9, 16]


def _hang(pids: str) -> None:
    with open(pids, "a") as f:
        f.write(f"{os.getpid()}\n")
    time.sleep(600)


def test_leaving_a_started_pool_early_stops_its_workers(tmp_path: Path) -> None:
    # an error in this process's own share (or Ctrl-C) must not leave a worker counting on behind it
    from glossary.workers import fork_started

    pids = tmp_path / "pids"
    with pytest.raises(RuntimeError), fork_started(_hang, [str(pids)], workers=1):
        deadline = time.monotonic() + 30
        # (the file exists a moment before the worker's pid is in it)
        while time.monotonic() < deadline and not (pids.exists() and pids.read_text().endswith("\n")):
            time.sleep(0.05)
        raise RuntimeError("own share failed")
    worker = int(pids.read_text().split()[0])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and alive(worker):
        time.sleep(0.05)
    assert not alive(worker), "a worker outlived the block that started it"


def _when_told(folder: str, job: str) -> str:
    """A worker's job that waits until this process says go (the file "go"), then says it is done."""
    if job == "theirs":
        deadline = time.monotonic() + 30
        while not (Path(folder) / "go").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        (Path(folder) / "done").touch()
    return job


def test_this_process_has_its_own_result_while_the_workers_are_still_at_theirs(tmp_path: Path) -> None:
    # (`glossary mine` writes its own part of the alignment while the workers align the rest)
    from glossary.workers import fork_shared_iter

    with contextlib.closing(fork_shared_iter(_when_told, str(tmp_path), ["own", "theirs"])) as results:
        assert next(results) == "own"
        assert not (tmp_path / "done").exists(), "this process's result waited for the workers'"
        (tmp_path / "go").touch()
        assert list(results) == ["theirs"]
    assert (tmp_path / "done").exists()


def test_the_workers_have_ended_when_the_last_result_is_given() -> None:
    # a worker keeps what it built (a large corpus's counts) until it ends, and what the caller does with the last
    # result (merging those counts) was the process tree's peak while it waited, idle, for the block's end
    from glossary.workers import fork_started

    with fork_started(_pid, [0, 1], workers=2) as results:
        pids = list(results)
        assert len(pids) == 2 and not any(alive(p) for p in pids), "a worker outlived its last result"
