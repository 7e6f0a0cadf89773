"""A term base for a team, on a real PostgreSQL server the tests start themselves: copies both ways, many
reviewers at once, a killed writer, credentials kept out of output. (The term-base, review, find, tm and
format tests also run on it, through the ``tb`` and ``termbase_url`` fixtures.)"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from pgserver import PgServer

from glossary.cli import cli
from glossary.formats import WriteOptions, get_format
from glossary.formats.base import select_english
from glossary.models import Equivalent, Status, TermEntry
from glossary.termbase import TermBase
from glossary.termbase.backend import WRITE_LOCK
from glossary.termbase.users import add_user

FIXED = WriteOptions(now=datetime(2026, 1, 2, tzinfo=timezone.utc))


def _exports(db: str) -> dict[str, bytes]:
    with TermBase(db, create=False) as tb:
        entries = select_english(tb.entries(), "all")
        return {name: get_format(name).write(entries, FIXED) for name in ("csv", "tbx", "tmx", "omegat")}


def _histories(db: str) -> list[tuple[object, ...]]:
    with TermBase(db, create=False) as tb:
        return [tuple(r) for r in tb.con.execute("SELECT id, concept_id, at, by, action, before, after, note FROM log")]


def test_db_copy_both_ways_keeps_everything(tmp_path: Path, seed_dir: Path, pg_server: PgServer) -> None:
    runner = CliRunner()
    lite = str(tmp_path / "a.db")
    assert runner.invoke(cli, ["--db", lite, "mine", str(seed_dir)]).exit_code == 0
    with TermBase(lite) as tb:
        first = tb.entries()[0].simplified
        tb.set_status(first, Status.REJECTED, by="ann", note="not a term")
        tb.merge(tb.entries()[1].id or 0, tb.entries()[2].id or 0, by="ann")
        add_user(tb, "ann", "correct horse battery")
    pairs = tmp_path / "tm.tsv"
    pairs.write_text("大豆很重要。\tSoybeans matter.\n", encoding="utf-8")
    assert runner.invoke(cli, ["--db", lite, "tm", "import", str(pairs)]).exit_code == 0
    pg = pg_server.new_database()
    r = runner.invoke(cli, ["db", "copy", lite, pg])
    assert r.exit_code == 0, r.output
    back = str(tmp_path / "back.db")
    assert runner.invoke(cli, ["db", "copy", pg, back]).exit_code == 0
    assert _exports(lite) == _exports(pg) == _exports(back)
    assert _histories(lite) == _histories(pg) == _histories(back)
    with TermBase(pg) as tb:  # new rows after the copy get new ids, and the accounts came along
        tb.stage([TermEntry("新术语", "新術語", "xīn shù yǔ")], by="ann")
        assert tb.get("新术语").id == 1 + max(e.id or 0 for e in tb.entries() if e.simplified != "新术语")
        assert tb.con.execute("SELECT name FROM users").fetchall() == [("ann",)]
        assert tb.con.execute("SELECT COUNT(*) FROM tm_units").fetchone()[0] == 1
    r = runner.invoke(cli, ["db", "copy", lite, pg])
    assert r.exit_code == 1 and "not empty" in r.output


def _decide(url: str, names: list[str], who: str) -> None:
    with TermBase(url) as tb:
        for i, n in enumerate(names):
            tb.set_status(n, Status.APPROVED if i % 2 else Status.REJECTED, by=who, force=True)


def test_eight_reviewers_deciding_at_once_lose_nothing(pg_server: PgServer) -> None:
    url = pg_server.new_database()
    names = [f"术语{i:04d}" for i in range(2000)]
    with TermBase(url) as tb:
        tb.stage([TermEntry(n, n, "", [Equivalent(f"term {i}", "t")]) for i, n in enumerate(names)], by="miner")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_decide, args=(url, names[k * 250 : (k + 1) * 250], f"r{k}")) for k in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
    assert [p.exitcode for p in procs] == [0] * 8
    with TermBase(url) as tb:
        assert tb.stats()["candidate"] == 0 and tb.stats()["approved"] == tb.stats()["rejected"] == 1000
        rows = tb.con.execute(
            "SELECT by, COUNT(*) FROM log WHERE action IN ('approved', 'rejected') GROUP BY by ORDER BY by"
        ).fetchall()
    assert rows == [(f"r{k}", 250) for k in range(8)]


def _holds_the_write_lock(url: str) -> bool:
    with TermBase(url, create=False) as tb:
        return bool(
            tb.con.execute(
                "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = ? "
                "AND pid != pg_backend_pid()",
                (WRITE_LOCK,),
            ).fetchone()
        )


@pytest.mark.parametrize("command", ["mine", "import"])
def test_a_killed_writer_leaves_the_term_base_as_it_was(
    command: str, tmp_path: Path, seed_dir: Path, pg_server: PgServer
) -> None:
    url = pg_server.new_database()
    env = {**os.environ, "GLOSSARY_REVIEWER": "tester"}
    subprocess.run([sys.executable, "-m", "glossary", "--db", url, "mine", str(seed_dir)], env=env, check=True)
    before = _exports(url)
    if command == "import":
        big = tmp_path / "big.csv"
        rows = "".join(f"术语{i:05d},術語{i:05d},,term {i}\n" for i in range(30000))
        big.write_text("zh-CN,zh-TW,pinyin,en-US\n" + rows, encoding="utf-8")
        args = ["import", str(big)]
    else:
        big = tmp_path / "texts"
        big.mkdir()
        for i in range(30):
            text = "".join(f"第{i}篇的术语{i:02d}{j:03d}甲乙用于测试。\n" for j in range(400))
            (big / f"{i:02}.txt").write_text(text * 3, encoding="utf-8")
        args = ["mine", str(big)]
    proc = subprocess.Popen([sys.executable, "-m", "glossary", "--db", url, *args], env=env)
    deadline = time.monotonic() + 120
    while proc.poll() is None and not _holds_the_write_lock(url) and time.monotonic() < deadline:
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.skip(f"the {command} finished before it could be killed in its transaction")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 30
    while _holds_the_write_lock(url) and time.monotonic() < deadline:  # the server notices and rolls back
        time.sleep(0.05)
    assert _exports(url) == before


def test_credentials_never_appear_in_output(seed_dir: Path, pg_server: PgServer) -> None:
    runner = CliRunner()
    url = pg_server.new_database().replace("glossary@", "glossary:s3cret-pw@")  # trust auth: any password
    r = runner.invoke(cli, ["--db", url, "mine", str(seed_dir)])
    assert r.exit_code == 0 and "s3cret-pw" not in r.output and "glossary:***@" in r.output
    wrong = url.rsplit("/", 1)[0] + "/no_such_database"
    r = runner.invoke(cli, ["--db", wrong, "list"])
    assert r.exit_code == 1 and "s3cret-pw" not in r.output and "no_such_database" in r.output
    r = runner.invoke(cli, ["--db", url.replace(str(pg_server.port), "1"), "stats"])
    assert r.exit_code == 1 and "s3cret-pw" not in r.output


def test_a_database_with_other_tables_is_not_taken_for_a_term_base(pg_server: PgServer, seed_dir: Path) -> None:
    import psycopg

    url = pg_server.new_database()
    with psycopg.connect(url, autocommit=True) as con:
        con.execute("CREATE TABLE invoices (id int)")
    r = CliRunner().invoke(cli, ["--db", url, "mine", str(seed_dir)])
    assert r.exit_code == 1 and "not a glossary term base" in r.output


def test_the_readme_quickstart_runs_unchanged_on_postgresql(tmp_path: Path, pg_server: PgServer) -> None:
    import shlex
    import shutil

    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "seeds", tmp_path / "seeds")
    (tmp_path / "tests" / "data").mkdir(parents=True)
    shutil.copy(root / "tests" / "data" / "tm_sample.tsv", tmp_path / "tests" / "data")
    url = pg_server.new_database()
    blocks = (root / "README.md").read_text(encoding="utf-8").split("```console\n")[1:]
    ran = 0
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        for block in blocks:
            text = block.split("```")[0]
            for part in text.split("$ .venv/bin/glossary ")[1:]:
                line, _, shown = part.partition("\n")
                r = CliRunner().invoke(cli, shlex.split(line), env={"GLOSSARY_DB": url, "GLOSSARY_REVIEWER": "ann"})
                assert r.exit_code == 0, (line, r.output)
                # what the README shows, but for the term base's name
                assert r.output.replace(url, "terms/glossary.db") == shown, line
                ran += 1
    finally:
        os.chdir(old)
    assert ran >= 8


def _restage(url: str, entries: list[TermEntry], times: int) -> None:
    with TermBase(url) as tb:
        for _ in range(times):
            tb.stage(entries, by="miner")


def test_mining_while_others_review_keeps_every_decision(pg_server: PgServer) -> None:
    url = pg_server.new_database()
    names = [f"术语{i:04d}" for i in range(300)]
    entries = [TermEntry(n, n, "", [Equivalent(f"term {i}", "cedict")], score=1.0) for i, n in enumerate(names)]
    with TermBase(url) as tb:
        tb.stage(entries, by="miner")
    ctx = multiprocessing.get_context("spawn")
    again = [TermEntry(e.simplified, e.traditional, "", [Equivalent("new", "cedict")], score=2.0) for e in entries]
    procs = [
        ctx.Process(target=_restage, args=(url, again, 5)),
        ctx.Process(target=_decide, args=(url, names[:150], "ann")),
        ctx.Process(target=_decide, args=(url, names[150:], "bob")),
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    with TermBase(url) as tb:
        assert tb.stats()["candidate"] == 0  # every decision stands, whatever the mine staged around it
        assert tb.con.execute("SELECT COUNT(*) FROM log WHERE by IN ('ann', 'bob')").fetchone()[0] == 300
