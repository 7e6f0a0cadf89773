"""`make bench` (fourth part): the browser workspace on a 128,000-entry term base.

The term base is bench_find's (CC-CEDICT's headwords and general words, imported through `glossary import`),
with file evidence added to a tenth of it so that the file filter has something to narrow. Each page and each
decision goes through the whole application in process (Starlette's test client: routing, session, CSRF, the
library, the template), timed from request to response; p50 and p95 over repeated requests.
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_find import build  # noqa: E402

PAGES = {
    "queue, first page": "/",
    "queue, page 1000": "/?page=1000",
    "queue, no English": "/?missing=1",
    "queue, English from cedict": "/?source=cedict",
    "queue, one file": "/?file=news-3.txt",
    "queue, by count": "/?sort=count",
    "queue, by pinyin, page 500": "/?sort=pinyin&page=500",
    "queue, score 0.5–0.9": "/?min=0.5&max=0.9",
    "queue, search xitu": "/?q=xitu&status=",
    "queue, search neodymium": "/?q=neodymium&status=",
}


def _time(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def _evidence(db: Path) -> None:
    from glossary.termbase import TermBase

    with TermBase(db) as tb, tb.transaction():
        ids = [r[0] for r in tb.con.execute("SELECT id FROM concepts WHERE id % 10 = 0")]
        for i in ids:
            tb.con.execute("INSERT INTO occurrences VALUES (?, ?, ?)", (i, f"news-{i % 7}.txt", 1 + i % 5))
            tb.con.execute("UPDATE concepts SET score = (id % 1000) / 1000.0, count = 1 + id % 5 WHERE id=?", (i,))


def main() -> int:
    from starlette.testclient import TestClient

    from glossary.web import create_app

    tmp = Path(tempfile.mkdtemp())
    try:
        db = tmp / "big.db"
        n = build(db, tmp)
        _evidence(db)
        client = TestClient(create_app(str(db), reviewer="bench"))
        page = client.get("/").text
        token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        print(f"{'workspace, ' + format(n, ',') + ' entries':<34} {'p50 ms':>7} {'p95 ms':>7}")
        worst_page = 0.0
        for name, path in PAGES.items():
            assert client.get(path).status_code == 200, path
            p50, p95 = _time(lambda path=path: client.get(path), 20)  # type: ignore[misc]
            worst_page = max(worst_page, p95)
            print(f"{name:<34} {p50:7.1f} {p95:7.1f}")
        ids = [int(x) for x in re.findall(r'data-id="(\d+)"', client.get("/?sort=pinyin&page=300").text)]
        for cid in ids[:3]:
            assert client.get(f"/entry/{cid}").status_code == 200
        p50, p95 = _time(lambda: [client.get(f"/entry/{cid}") for cid in ids[:1]], 20)
        print(f"{'entry page':<34} {p50:7.1f} {p95:7.1f}")
        worst_page = max(worst_page, p95)

        it = iter(ids * 10)

        def decide() -> None:
            cid = next(it)
            headers = {"x-requested-with": "fetch"}
            r = client.post(f"/entry/{cid}/decide", data={"csrf": token, "action": "reject"}, headers=headers)
            assert r.status_code == 200, r.text
            assert client.post("/undo", data={"csrf": token}, headers=headers).status_code == 200

        p50, p95 = _time(decide, 40)
        print(f"{'decision (reject), then its undo':<34} {p50 / 2:7.1f} {p95 / 2:7.1f}   (per request)")
        print(f"worst page p95 {worst_page:.1f} ms (target ≤ 100 ms); decision p95 {p95 / 2:.1f} ms (target ≤ 50 ms)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
