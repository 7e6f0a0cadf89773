"""Review: checks before approval, edits that survive re-mining, merge, the interactive queue,
backups, and two reviewers writing at once."""

from __future__ import annotations

import multiprocessing
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli
from glossary.errors import CheckFailed
from glossary.models import Equivalent, Status, TermEntry
from glossary.pipeline import mine_paths
from glossary.termbase import TermBase
from glossary.termbase.checks import english_taken, latin_spacing, run_checks


@pytest.fixture
def db(termbase_url: str) -> str:
    """The review commands run on both back ends: a SQLite file and a PostgreSQL database."""
    return termbase_url


def term(simp: str, trad: str, pinyin: str, *english: str) -> TermEntry:
    return TermEntry(
        simp,
        trad,
        pinyin,
        [Equivalent(x, "cedict", 0.7) for x in english],
        files=["a.txt"],
        file_counts={"a.txt": 2},
        count=2,
    )


@pytest.fixture
def base(tb: TermBase) -> TermBase:
    tb.stage(
        [
            term("大豆", "大豆", "dà dòu", "soybean"),
            term("镨钕", "鐠釹", "pǔ nǚ"),
            term("大豆元素", "大豆元素", "dà dòu yuán sù", "soybean"),
            term("大豆磁铁", "大豆磁鐵", "dà dòu cí tiě", "soybean magnet"),
            term("大豆磁体", "大豆磁體", "dà dòu cí tǐ", "soybean magnet"),
        ],
        by="miner",
    )
    return tb


def test_checks_each_find_their_problem(base: TermBase) -> None:
    assert base.check("镨钕") == ["no English equivalent"]
    base.set_status("大豆", Status.APPROVED, by="ann")
    assert english_taken(base.get("大豆元素"), base.con) == [
        "English 'soybean' is already the preferred English of 大豆"
    ]
    assert latin_spacing(TermEntry("MP  Materials")) == ["odd spacing in 'MP  Materials'"]
    assert run_checks(TermEntry("大豆", "大豆", "dà dòu tǔ", [Equivalent("x", "t")])) == [
        "pinyin has 3 syllables for 2 Hanzi"
    ]


def test_approval_is_refused_then_forced_and_logged(base: TermBase) -> None:
    with pytest.raises(CheckFailed, match="镨钕: no English equivalent; fix it with `glossary edit`"):
        base.set_status("镨钕", Status.APPROVED, by="ann")
    assert base.get("镨钕").status == Status.CANDIDATE
    base.set_status("镨钕", Status.APPROVED, by="ann", note="name only", force=True)
    assert base.history("镨钕")[-1]["note"] == "name only [forced past: no English equivalent]"


def test_edit_sets_preferred_english_and_survives_remining(base: TermBase) -> None:
    base.edit("镨钕", by="ann", english="praseodymium-neodymium", admit=["PrNd"], traditional="鐠釹", note="alloy")
    e = base.get("镨钕")
    assert [(q.text, q.source) for q in e.english] == [("praseodymium-neodymium", "reviewer"), ("PrNd", "reviewer")]
    base.stage([term("镨钕", "镨釹", "pu nü", "didymium")], by="miner")
    again = base.get("镨钕")
    assert (again.traditional, again.pinyin, again.note) == ("鐠釹", "pǔ nǚ", "alloy")
    assert [q.text for q in again.english] == ["praseodymium-neodymium", "PrNd", "didymium"]
    last = base.history("镨钕")[-1]
    assert last["action"] == "edit" and "praseodymium-neodymium" in last["after"]


def test_english_a_reviewer_dropped_is_not_suggested_again(base: TermBase) -> None:
    # a dropped suggestion came back with the next mine of the same texts, and with the next `tm extract`: the
    # reviewer's --drop lasted until a machine ran again
    base.stage([term("大豆", "大豆", "dà dòu", "soybean", "soya")], by="miner")
    base.edit("大豆", by="ann", drop=["soya"])
    base.stage([term("大豆", "大豆", "dà dòu", "soybean", "soya")], by="miner")
    assert [q.text for q in base.get("大豆").english] == ["soybean"]
    base.edit_suggestions("大豆", [Equivalent("Soya", "tm", 0.9)], by="tm", first=True)  # (any letter case)
    assert [q.text for q in base.get("大豆").english] == ["soybean"]
    base.revert("大豆", by="ann")  # the drop undone: the machines may suggest it again
    assert "soya" in [q.text for q in base.get("大豆").english]
    base.edit("大豆", by="ann", drop=["soya"])
    base.edit("大豆", by="ann", admit=["soya"])  # given back by the reviewer
    base.stage([term("大豆", "大豆", "dà dòu", "soybean", "soya")], by="miner")
    assert [(q.text, q.role) for q in base.get("大豆").english] == [("soya", "admitted"), ("soybean", "suggested")]


def test_a_variant_a_reviewer_dropped_is_not_added_again(base: TermBase) -> None:
    # mining the texts again put a dropped surface form back among the entry's variants
    mined = replace(term("大豆元素", "大豆元素", "dà dòu yuán sù", "soybean"), variants=["大荳元素"])
    base.stage([mined], by="miner")
    assert "大荳元素" in base.get("大豆元素").variants
    base.edit("大豆元素", by="ann", drop_variants=["大荳元素"])
    base.stage([mined], by="miner")
    assert "大荳元素" not in base.get("大豆元素").variants


def test_a_machine_suggestion_put_first_stays_below_the_reviewers_choice(base: TermBase) -> None:
    # the memory's strong rendering went to the top of the list, above the English a reviewer had chosen: the
    # list's first English is what exports write first, and a CAT tool took the machine's word for the reviewer's
    base.edit("大豆", by="ann", english="soya bean")
    base.edit_suggestions("大豆", [Equivalent("soy", "tm", 0.9)], by="tm", first=True)
    english = base.get("大豆").english
    assert [(q.text, q.role) for q in english] == [
        ("soya bean", "preferred"),
        ("soy", "suggested"),
        ("soybean", "suggested"),
    ]
    # nor above English a person wrote (a glossary the user imported), only above the machines' guesses
    base.import_entries(
        [TermEntry("镨钕", english=[Equivalent("PrNd", "import", 1.0)])], by="ann", on_conflict="overwrite"
    )
    base.edit_suggestions("镨钕", [Equivalent("NdPr", "tm", 0.9)], by="tm", first=True)
    assert [q.text for q in base.get("镨钕").english] == ["PrNd", "NdPr"]
    # and the memory's rendering of the same text does not take the place of the person's (nor its source)
    base.edit_suggestions("镨钕", [Equivalent("prnd", "tm", 0.95)], by="tm", first=True)
    assert [(q.text, q.source) for q in base.get("镨钕").english] == [("PrNd", "import"), ("NdPr", "tm")]


def test_merge_keeps_both_forms_and_the_evidence(base: TermBase) -> None:
    base.merge("大豆磁体", "大豆磁铁", by="ann", note="same concept")
    e = base.get("大豆磁铁")  # the merged form now finds the kept concept
    assert e.simplified == "大豆磁体"
    assert {"大豆磁铁", "大豆磁鐵"} <= set(e.variants)
    assert e.count == 4 and e.file_counts == {"a.txt": 4}
    assert base.history("大豆磁体")[-1]["action"] == "merge"
    assert base.stats()["total"] == 4


def test_rejected_does_not_come_back(base: TermBase) -> None:
    base.set_status("大豆元素", Status.REJECTED, by="ann")
    base.stage([term("大豆元素", "大豆元素", "dà dòu yuán sù", "soybean element")], by="miner")
    assert base.get("大豆元素").status == Status.REJECTED
    assert [e.simplified for e in base.queue("ann")] == ["大豆", "镨钕", "大豆磁铁", "大豆磁体"]


def test_backup_is_a_consistent_copy(tmp_path: Path) -> None:
    with TermBase(tmp_path / "g.db") as tb:
        tb.stage([term("大豆", "大豆", "dà dòu", "soybean")], by="t")
        tb.backup(tmp_path / "copy.db")
    with TermBase(tmp_path / "copy.db") as copy:
        assert copy.get("大豆").english[0].text == "soybean"


def run(runner: CliRunner, db: str, *args: str, input: str | None = None):
    return runner.invoke(cli, ["--db", db, *args], input=input, env={"GLOSSARY_REVIEWER": "ann"})


def test_review_queue_through_its_prompts_and_resume(runner: CliRunner, db: str) -> None:
    with TermBase(db) as tb:
        tb.stage(
            [
                term("大豆", "大豆", "dà dòu", "soybean", "soybeans"),
                term("镨钕", "鐠釹", "pǔ nǚ"),
                term("磁体", "磁體", "cí tǐ", "magnet"),
            ],
            by="miner",
        )
        tb.con.execute("UPDATE concepts SET score = CASE simplified WHEN '大豆' THEN 3 WHEN '镨钕' THEN 2 ELSE 1 END")
    # pick the second suggestion, then approve; skip 镨钕; quit at 磁体
    r = run(runner, db, "review", input="2\na\ns\nq\n")
    assert r.exit_code == 0, r.output
    assert "stopped after 1 decision(s)" in r.output
    with TermBase(db) as tb:
        e = tb.get("大豆")
        assert (e.status, e.english[0].text) == (Status.APPROVED, "soybeans")
    # resumes at 磁体 (镨钕 was skipped); approving an entry without English asks first
    r = run(runner, db, "review", input="r\n")
    assert r.output.count("[candidate]") == 1 and "磁体  [candidate]" in r.output
    assert "queue empty: 1 decision(s)" in r.output
    with TermBase(db) as tb:
        assert tb.get("磁体").status == Status.REJECTED
        tb.con.execute("DELETE FROM review_skips")
    r = run(runner, db, "review", input="a\ny\n")
    assert "checks: 镨钕: no English equivalent" in r.output
    with TermBase(db) as tb:
        assert tb.get("镨钕").status == Status.APPROVED
        assert "forced past" in tb.history("镨钕")[-1]["note"]


def test_an_empty_answer_to_the_review_edit_goes_back_to_the_keys(runner: CliRunner, db: str) -> None:
    # e pressed by mistake: an empty answer asked again and again, and the key typed next to get out became the
    # entry's English ("r" as its preferred rendering, the entry still a candidate)
    with TermBase(db) as tb:
        tb.stage([term("小部件", "小部件", "xiǎo bù jiàn", "widget")], by="miner")
    r = run(runner, db, "review", input="e\n\nr\n")
    assert r.exit_code == 0, r.output
    with TermBase(db) as tb:
        e = tb.get("小部件")
        assert (e.status, [q.text for q in e.english]) == (Status.REJECTED, ["widget"])
    r = run(runner, db, "reopen", "小部件")
    r = run(runner, db, "review", input="e\n  widget maker \na\n")
    with TermBase(db) as tb:
        e = tb.get("小部件")
        assert (e.status, e.english[0].text) == (Status.APPROVED, "widget maker")


def test_cli_edit_merge_force_backup(runner: CliRunner, db: str, tmp_path: Path) -> None:
    with TermBase(db) as tb:
        tb.stage([term("镨钕", "鐠釹", "pǔ nǚ"), term("钕镨", "釹鐠", "nǚ pǔ")], by="miner")
    r = run(runner, db, "approve", "镨钕")
    assert r.exit_code == 1 and r.output.startswith("Error: 镨钕: no English equivalent")
    r = run(runner, db, "approve", "镨钕", "--force")
    assert r.output == "approve 镨钕: candidate → approved (forced past: no English equivalent)\n"
    r = run(runner, db, "edit", "镨钕", "--english", "PrNd")
    assert "1. PrNd   (reviewer, 1, preferred)" in r.output
    r = run(runner, db, "merge", "镨钕", "钕镨")
    assert r.output == "merged 钕镨 into 镨钕: variants 釹鐠 | 钕镨\n"
    merge_row = run(runner, db, "history", "镨钕").output.splitlines()[-1]
    # what the history keeps to undo the merge (both entries whole) is not printed, what it changed is
    assert '"merged": "钕镨"' in merge_row and '"entry"' not in merge_row and '"kept"' not in merge_row
    assert run(runner, db, "edit", "镨钕").exit_code == 2
    r = run(runner, db, "backup", str(tmp_path / "b.db"))
    if db.startswith("postgresql://"):  # a server's term base is copied with `db copy` (or pg_dump)
        assert r.exit_code == 1 and "glossary db copy" in r.output
        return
    assert r.exit_code == 0 and (tmp_path / "b.db").exists()
    assert run(runner, db, "backup", str(tmp_path / "b.db")).exit_code == 1


def _approve_many(db: str, terms: list[str], who: str) -> None:
    with TermBase(db) as tb:
        for t in terms:
            tb.set_status(t, Status.APPROVED, by=who)


def test_two_processes_approving_at_once_lose_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "g.db")
    names = [f"术语{i:04d}" for i in range(1000)]
    with TermBase(db) as tb:
        tb.stage([TermEntry(n, n, "", [Equivalent(f"term {i}", "t")]) for i, n in enumerate(names)], by="miner")
    ctx = multiprocessing.get_context("spawn")
    procs = [
        ctx.Process(target=_approve_many, args=(db, names[:500], "ann")),
        ctx.Process(target=_approve_many, args=(db, names[500:], "bob")),
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM concepts WHERE status='approved'").fetchone()[0] == 1000
    assert con.execute("SELECT by, COUNT(*) FROM log WHERE action='approved' GROUP BY by ORDER BY by").fetchall() == [
        ("ann", 500),
        ("bob", 500),
    ]


def test_mine_keeps_reviewer_edits(tmp_path: Path, seed_dir: Path) -> None:
    with TermBase(tmp_path / "g.db") as tb:
        mine_paths([seed_dir], tb, by="miner")
        tb.edit("串级萃取", by="ann", english="cascade extraction", note="standard")
        mine_paths([seed_dir], tb, by="miner")
        e = tb.get("串级萃取")
        assert (e.english[0].text, e.note) == ("cascade extraction", "standard")
