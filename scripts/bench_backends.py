"""`make bench` (fifth part): the same 128,000-entry term base on SQLite and on PostgreSQL.

The SQLite term base is bench_find's (CC-CEDICT's headwords and general words through `glossary import`); the
PostgreSQL one is its `glossary db copy` on a private server started for the run (Debian's binaries, 127.0.0.1,
`scripts/install-postgres`). Prints, per back end, `find` p50/p95 for each kind of query (in process, as
`glossary find` runs it, after one untimed pass over the queries) and decisions per second (reject, then reopen: each one transaction with its history row).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]

from bench_find import QUERIES, build  # noqa: E402
from pgserver import PgServer  # noqa: E402

from glossary.models import Status  # noqa: E402
from glossary.termbase import TermBase  # noqa: E402
from glossary.termbase.copy import copy_termbase  # noqa: E402


def find_times(url: str) -> dict[str, tuple[float, float]]:
    out = {}
    with TermBase(url, create=False) as tb:
        # one untimed pass first: a server that has just taken a bulk copy has nothing of it cached, and without
        # this the first kind timed carried the whole warm-up in its p95 (8.2 ms against 3–6 for the rest)
        for qs in QUERIES.values():
            for q in qs:
                tb.lookup(q)
        for kind, qs in QUERIES.items():
            times = []
            for _ in range(5):
                for q in qs:
                    t0 = time.perf_counter()
                    tb.lookup(q)
                    times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            out[kind] = (statistics.median(times), times[int(0.95 * (len(times) - 1))])
    return out


def decisions_per_second(url: str, n: int = 400) -> float:
    with TermBase(url, create=False) as tb:
        ids = [
            r[0] for r in tb.con.execute("SELECT id FROM concepts WHERE status='candidate' ORDER BY id LIMIT ?", (n,))
        ]
        t0 = time.perf_counter()
        for cid in ids:
            tb.set_status(cid, Status.REJECTED, by="bench")
            tb.set_status(cid, Status.CANDIDATE, by="bench")
        return 2 * len(ids) / (time.perf_counter() - t0)


def main() -> int:
    tmp = Path(tempfile.mkdtemp())
    server = PgServer()
    if server.bin is None:
        print("no PostgreSQL binaries (scripts/install-postgres); the back-end comparison is skipped")
        return 0
    try:
        lite = str(tmp / "big.db")
        n = build(Path(lite), tmp)
        server.start()
        pg = server.new_database()
        t0 = time.perf_counter()
        with TermBase(lite) as a, TermBase(pg) as b:
            copy_termbase(a, b)
        print(f"`glossary db copy` of {n:,} entries to PostgreSQL: {time.perf_counter() - t0:.0f} s")
        results = {"SQLite": find_times(lite), "PostgreSQL": find_times(pg)}
        print(f"{'find, ' + format(n, ',') + ' entries':<20} {'SQLite p50/p95 ms':>20} {'PostgreSQL p50/p95 ms':>24}")
        for kind in QUERIES:
            a50, a95 = results["SQLite"][kind]
            b50, b95 = results["PostgreSQL"][kind]
            print(f"{kind:<20} {a50:9.2f} / {a95:7.2f} {b50:12.2f} / {b95:7.2f}")
        worst = {name: max(p95 for _, p95 in r.values()) for name, r in results.items()}
        print(
            f"worst p95: SQLite {worst['SQLite']:.2f} ms, PostgreSQL {worst['PostgreSQL']:.2f} ms (target ≤ 5 ms)\n"
            f"decisions per second (one writer): SQLite {decisions_per_second(lite):.0f}, "
            f"PostgreSQL {decisions_per_second(pg):.0f}"
        )
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
