"""Stage 5: the term base — staging, review transitions, history, migrations, safety."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from glossary.errors import InvalidEdit, InvalidTransition, TermBaseError, TermNotFound
from glossary.models import Context, Equivalent, Status, TermEntry
from glossary.pipeline import mine_paths
from glossary.termbase import TRANSITIONS, TermBase
from glossary.termbase.migrations import LATEST, MIGRATIONS, current_version, migrate


def entry(simp: str, trad: str = "", english: str = "x", count: int = 1, files=("a.txt",)) -> TermEntry:
    return TermEntry(
        simp,
        trad or simp,
        "",
        [Equivalent(english, "cedict", 0.7)],
        count=count,
        files=list(files),
        file_counts={f: count for f in files},
    )


def test_stage_adds_then_merges(tb: TermBase) -> None:
    assert tb.stage([entry("大豆")], by="t") == {"added": 1, "updated": 0, "kept": 0, "joined": 0}
    assert tb.stage([entry("大豆", count=4, files=("b.txt",))], by="t") == {
        "added": 0,
        "updated": 1,
        "kept": 0,
        "joined": 0,
    }
    e = tb.get("大豆")
    assert e.files == ["a.txt", "b.txt"] and e.count == 5


def test_lookup_by_id_traditional_and_variant(tb: TermBase) -> None:
    e = entry("镨钕", "鐠釹")
    e.variants = ["钕镨"]
    tb.stage([e], by="t")
    cid = tb.resolve("镨钕")
    assert tb.resolve(str(cid)) == tb.resolve("鐠釹") == tb.resolve("钕镨") == cid
    with pytest.raises(TermNotFound):
        tb.get("不存在")


ALL = list(Status)


@pytest.mark.parametrize("before", ALL)
@pytest.mark.parametrize("after", ALL)
def test_every_transition_legal_or_refused(before: Status, after: Status) -> None:
    with TermBase(":memory:") as tb:
        e = entry("大豆")
        e.status = before
        tb.stage([e], by="t")
        if after in TRANSITIONS[before]:
            assert tb.set_status("大豆", after, by="ann", note="why") == (before, after)
            assert tb.get("大豆").status == after
            last = tb.history("大豆")[-1]
            assert (last["by"], last["action"], last["note"]) == ("ann", after.value, "why")
            assert before.value in last["before"] and after.value in last["after"]
        else:
            with pytest.raises(InvalidTransition):
                tb.set_status("大豆", after, by="ann")
            assert tb.get("大豆").status == before


def test_a_mined_form_of_another_entry_joins_it_and_is_counted_so_not_as_reviewed(tb: TermBase) -> None:
    # Taiwan writes 智能 "smart" as 智慧, a variant of the entry: mined in the same run, 智慧's evidence joins 智能;
    # no reviewer kept anything, and the count that `glossary mine` prints says which happened
    smart = entry("智能", english="smart")
    smart.variants = ["智慧"]
    counts = tb.stage([smart, entry("智慧", english="wisdom", files=("tw.txt",))], by="t")
    assert counts == {"added": 1, "updated": 0, "kept": 0, "joined": 1}
    assert tb.get("智能").files == ["a.txt", "tw.txt"]


def test_dry_run_changes_nothing(tb: TermBase) -> None:
    tb.stage([entry("大豆")], by="t")
    tb.set_status("大豆", Status.APPROVED, by="ann", dry_run=True)
    assert tb.get("大豆").status == Status.CANDIDATE
    assert [h["action"] for h in tb.history("大豆")] == ["mine"]


def test_remining_keeps_decisions_and_rejected_stays_rejected(tb: TermBase) -> None:
    tb.stage([entry("大豆", english="soybean"), entry("美国")], by="t")
    tb.set_status("大豆", Status.APPROVED, by="ann")
    tb.set_status("美国", Status.REJECTED, by="ann")
    counts = tb.stage([entry("大豆", english="soya bean element", files=("c.txt",)), entry("美国")], by="t")
    assert counts == {"added": 0, "updated": 0, "kept": 2, "joined": 0}
    assert tb.get("大豆").status == Status.APPROVED
    assert [q.text for q in tb.get("大豆").english] == ["soybean", "soya bean element"]
    assert tb.get("美国").status == Status.REJECTED
    assert tb.get("大豆").files == ["a.txt", "c.txt"]


def test_failed_stage_leaves_term_base_as_it_was(tb: TermBase) -> None:
    tb.stage([entry("大豆")], by="t")
    bad = entry("镝")
    bad.status = "not a status"  # type: ignore[assignment]  # fails on the second entry, mid-transaction
    with pytest.raises(AttributeError):
        tb.stage([entry("铽"), bad], by="t")
    assert tb.stats()["total"] == 1
    with pytest.raises(TermNotFound):
        tb.get("铽")


def test_mining_is_one_transaction(tmp_path: Path, seed_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "g.db"
    with TermBase(db) as tb:
        mine_paths([seed_dir], tb, by="t")
        before = tb.stats()["total"]
    (seed_dir / "c.txt").write_text("全新的术语钐钴磁体出现了。钐钴磁体耐高温。", encoding="utf-8")
    calls = {"n": 0}
    from glossary.termbase import writes

    original = writes.add_evidence

    def dying(*args, **kw):  # simulate the process being killed half way through the known terms
        calls["n"] += 1
        if calls["n"] > 3:
            raise KeyboardInterrupt
        return original(*args, **kw)

    monkeypatch.setattr(writes, "add_evidence", dying)
    with TermBase(db) as tb, pytest.raises(KeyboardInterrupt):
        mine_paths([seed_dir], tb, by="t")
    monkeypatch.undo()
    with TermBase(db) as tb:
        assert tb.stats()["total"] == before
        with pytest.raises(TermNotFound):
            tb.get("钐钴磁体")


def test_migrations_run_once_and_first_schema_migrates(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    con = sqlite3.connect(path, isolation_level=None)
    assert migrate(con, target=1) == [1]
    con.execute(
        "INSERT INTO concepts (simplified, traditional, pinyin, status, kind, score, note, created_at, "
        "updated_at) VALUES ('镨钕', '鐠釹', 'pǔ nǚ', 'approved', 'term', 1, '', 'x', 'x')"
    )
    con.execute("INSERT INTO equivalents (concept_id, text, source, confidence, rank) VALUES (1, 'PrNd', 'text', 1, 0)")
    con.close()
    with TermBase(path) as tb:
        assert current_version(tb.con) == LATEST == MIGRATIONS[-1][0]
        assert [m.entry.simplified for m in tb.find("pu3 nv3")] == ["镨钕"]
        assert [m.entry.simplified for m in tb.find("prnd")] == ["镨钕"]
        assert tb.get("鐠釹").status == Status.APPROVED


def test_a_term_base_from_before_roles_keeps_what_reviewers_chose(tmp_path: Path) -> None:
    """Migration 7: an approved entry's first English becomes its preferred one, English a reviewer wrote or a
    glossary brought stays admitted, and machine suggestions become suggestions; candidates choose nothing."""
    path = tmp_path / "v6.db"
    con = sqlite3.connect(path, isolation_level=None)
    assert migrate(con, target=6) == [1, 2, 3, 4, 5, 6]
    for cid, (term, status) in enumerate([("擀面杖", "approved"), ("砧板", "candidate")], 1):
        con.execute(
            "INSERT INTO concepts (simplified, status, created_at, updated_at) VALUES (?, ?, 'x', 'x')", (term, status)
        )
        for rank, (text, source) in enumerate(
            [("rolling pin", "reviewer"), ("dough roller", "import"), ("roll flour stick", "compose")]
        ):
            con.execute(
                "INSERT INTO equivalents (concept_id, text, source, confidence, rank, folded) VALUES (?,?,?,1,?,?)",
                (cid, text, source, rank, text),
            )
    con.close()
    with TermBase(path) as tb:
        approved = {q.text: q.role for q in tb.get("擀面杖").english}
        candidate = {q.role for q in tb.get("砧板").english}
    assert approved == {"rolling pin": "preferred", "dough roller": "admitted", "roll flour stick": "suggested"}
    assert candidate == {"suggested"}


def _sql(path: Path, statement: str) -> None:
    """Run one statement on a database file behind the term base's back."""
    con = sqlite3.connect(path)
    con.execute(statement)
    con.commit()
    con.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with TermBase(path):
        pass
    _sql(path, "INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    with pytest.raises(TermBaseError, match="newer than this glossary"):
        TermBase(path)


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    _sql(path, "CREATE TABLE t (x)")
    with pytest.raises(TermBaseError, match="not a glossary term base"):
        TermBase(path)


def test_file_term_base_uses_wal(tmp_path: Path) -> None:
    with TermBase(tmp_path / "g.db") as tb:
        assert tb.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migration_9_keys_pinyin_by_the_reading_shown(tmp_path: Path) -> None:
    path = tmp_path / "v8.db"
    con = sqlite3.connect(path, isolation_level=None)
    assert migrate(con, target=8) == [1, 2, 3, 4, 5, 6, 7, 8]
    con.execute(
        "INSERT INTO concepts (simplified, pinyin, status, created_at, updated_at, pinyin_num, pinyin_plain) "
        "VALUES ('调压', 'tiáo yā', 'candidate', 'x', 'x', 'diao4ya1', 'diaoya')"
    )
    con.close()
    with TermBase(path) as tb:
        assert [m.entry.simplified for m in tb.find("tiao2ya1")] == ["调压"]
        assert tb.find("diao4ya1") == []


def test_a_failure_after_a_part_is_written_leaves_the_term_base_as_it_was(
    tmp_path: Path, seed_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `glossary mine` writes its own part of the alignment while the workers align the rest: a worker's failure
    # (or Ctrl-C) after that part is written must still leave nothing behind
    from glossary import pipeline

    real = pipeline.align_parts

    def first_then_fail(*args, **kw):
        parts = real(*args, **kw)
        yield next(parts)
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "align_parts", first_then_fail)
    with TermBase(tmp_path / "g.db") as tb:
        with pytest.raises(KeyboardInterrupt):
            mine_paths([seed_dir], tb, by="t")
        assert tb.stats()["total"] == 0


def test_each_concept_counts_its_english_after_a_bulk_write(tmp_path: Path, seed_dir: Path) -> None:
    # a first mine writes its concepts in bulk, each with its count of English rows (the triggers that keep the
    # count count nothing there); what the browser's "no English" filter reads must still be right, and no
    # English row may point at no concept
    with TermBase(tmp_path / "g.db") as tb:
        mine_paths([seed_dir], tb, by="t")
        mine_paths([seed_dir], tb, by="t")  # (again: the rows updated one by one, the triggers counting)
        wrong = tb.con.execute(
            "SELECT COUNT(*) FROM concepts c WHERE english_count != "
            "(SELECT COUNT(*) FROM equivalents e WHERE e.concept_id = c.id)"
        ).fetchone()[0]
        assert wrong == 0
        assert tb.con.execute("SELECT SUM(english_count) FROM concepts").fetchone()[0] > 0
        assert tb.con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_first_bulk_write_indexes_the_occurrences_after_them_and_a_failed_one_keeps_the_index(tmp_path: Path) -> None:
    # into an empty table the occurrences go unindexed and their index by file is made after them, in the same
    # transaction: the index must be there after, as defined, and after a write that failed half-way
    from glossary.termbase.bulk import indexed_after

    def index_sql(tb: TermBase) -> list[str]:
        return [r[0] for r in tb.con.execute("SELECT sql FROM sqlite_master WHERE name = 'occurrences_file'")]

    widgets = [TermEntry(f"小部件{n}", files=["a.txt", f"{n}.txt"], count=2) for n in range(3)]
    with TermBase(tmp_path / "g.db") as tb:
        defined = index_sql(tb)
        assert defined and "(file)" in defined[0]
        with pytest.raises(RuntimeError), tb.transaction(), indexed_after(tb.con, "occurrences"):
            tb.con.execute("INSERT INTO concepts (id, simplified, created_at, updated_at) VALUES (9, '齿轮', '', '')")
            tb.con.execute("INSERT INTO occurrences VALUES (9, 'a.txt', 1)")
            assert index_sql(tb) == []  # (dropped meanwhile)
            raise RuntimeError("a write that fails half-way")
        assert index_sql(tb) == defined and tb.stats()["total"] == 0
        tb.stage(widgets, by="t")
        assert index_sql(tb) == defined
        plan = tb.con.execute("EXPLAIN QUERY PLAN SELECT concept_id FROM occurrences WHERE file = 'a.txt'").fetchall()
        assert "occurrences_file" in str(plan)
        held = tb.con.execute("SELECT COUNT(*) FROM occurrences WHERE file = 'a.txt'").fetchone()[0]
        assert held == 3


def test_an_edit_refuses_a_blank_english_and_a_traditional_form_that_is_not_the_entrys(tb: TermBase) -> None:
    # (a blank --english became the entry's preferred English; "abc", or another entry's form pasted by mistake,
    # became its Traditional form, the right one pushed to the variants)
    tb.stage([entry("小部件", "小部件"), entry("大部件", "大部件")], by="t")
    before = tb.get("小部件")
    for change in ({"english": "  "}, {"admit": ["widget", " "]}, {"traditional": "abc"}, {"traditional": "大部件"}):
        with pytest.raises(InvalidEdit):
            tb.edit("小部件", by="r", **change)  # type: ignore[arg-type]
    after = tb.get("小部件")
    assert (after.english, after.traditional, after.variants) == (before.english, before.traditional, before.variants)
    # a form OpenCC does not derive is a reviewer's to give (Taiwan's and Hong Kong's own words)
    e = tb.edit("小部件", by="r", english=" widget ", traditional="小零件", pinyin="xiao3 bu4 jian4")
    assert (e.english[0].text, e.english[0].role) == ("widget", "preferred")
    assert (e.traditional, e.pinyin) == ("小零件", "xiǎo bù jiàn")  # (numbered as typed, shown with marks)


def test_an_edited_neutral_tone_keeps_its_u_umlaut(tb: TermBase) -> None:
    # a reading typed with numbers is shown with tone marks; a neutral tone (5) was only stripped of its number, so
    # "nv5" was stored as "nv", where every other tone's v became ü (nv3 → nǚ): one entry's reading in two spellings
    tb.stage([entry("小女件", "小女件")], by="t")
    e = tb.edit("小女件", by="r", pinyin="xiao3 nv5 jian4")
    assert e.pinyin == "xiǎo nü jiàn"
    assert tb.edit("小女件", by="r", pinyin="xiao3 lv5 zi5").pinyin == "xiǎo lü zi"


def test_a_deleted_entrys_id_and_history_never_pass_to_a_new_entry(tb: TermBase) -> None:
    # SQLite gives a new row the largest id plus one: the last entry deleted, the next one added took its id and
    # with it its history (who approved it, that it was deleted); a mine's bulk writes did the same on both back ends
    tb.stage([TermEntry("小部件"), TermEntry("大部件", english=[Equivalent("big widget", "import", 1.0)])], by="ann")
    tb.set_status("大部件", Status.APPROVED, by="ann")
    gone = [tb.delete("大部件", by="ann", note="a duplicate").id]
    tb.stage([TermEntry("旧部件")], by="bob")  # in bulk, as mining writes
    tb.put(TermEntry("新部件", english=[Equivalent("new widget", "import", 1.0)]), by="bob")  # one at a time
    gone.append(tb.delete("新部件", by="bob").id)
    tb.put(TermEntry("另部件", english=[Equivalent("other widget", "import", 1.0)]), by="bob")
    for term in ("旧部件", "另部件"):
        assert tb.get(term).id not in gone
        assert [r["by"] for r in tb.history(term)] == ["bob"]


def test_a_deleted_entry_keeps_its_history_by_name_and_revert_puts_it_back_whole(tb: TermBase) -> None:
    # the delete kept the entry's fields but not its name or evidence, and nothing could find it by name again
    e = TermEntry(
        "大部件",
        "大部件",
        "dà bù jiàn",
        [Equivalent("big widget", "import", 1.0)],
        variants=["大零件"],
        count=3,
        files=["a.txt"],
        file_counts={"a.txt": 3},
        contexts=[Context("a.txt", 4, "大部件已到。", 1)],
    )
    tb.stage([e], by="ann")
    tb.set_status("大部件", Status.APPROVED, by="ann")
    before = tb.get("大部件")
    tb.delete("大部件", by="ann", note="by mistake")
    with pytest.raises(TermNotFound):
        tb.get("大部件")
    rows = tb.history("大部件")
    assert [r["action"] for r in rows] == ["mine", "approved", "delete"] and rows[-1]["note"] == "by mistake"
    back = tb.revert("大部件", by="ann")
    assert (back.id, back.status, back.english, back.variants, back.files, back.contexts, back.count) == (
        before.id,
        before.status,
        before.english,
        before.variants,
        before.files,
        before.contexts,
        before.count,
    )
    assert tb.find("大零件")[0].entry.simplified == "大部件"  # its search rows are back too
    assert [r["action"] for r in tb.history("大部件")][-2:] == ["delete", "revert"]
    with pytest.raises(TermNotFound):
        tb.history("没有的部件")
