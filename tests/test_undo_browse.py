"""The library under the browser workspace: undo of each kind of decision, the queue's filters and paging,
several decisions in one transaction, imports through one call."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from glossary.errors import InvalidEdit, StaleEntry
from glossary.formats import WriteOptions, get_format
from glossary.models import Context, Equivalent, Status, TermEntry
from glossary.termbase import TermBase
from glossary.termbase.browse import Filter


def _entries() -> list[TermEntry]:
    return [
        TermEntry(
            "镨钕",
            "鐠釹",
            "pǔ nǚ",
            [Equivalent("PrNd", "text", 0.9), Equivalent("praseodymium-neodymium", "cedict", 0.6)],
            score=3.0,
            count=4,
            files=["a.txt", "b.txt"],
            file_counts={"a.txt": 3, "b.txt": 1},
            contexts=[Context("a.txt", 5, "镨钕价格上涨。")],
        ),
        TermEntry(
            "镨钕合金",
            "鐠釹合金",
            "pǔ nǚ hé jīn",
            [Equivalent("PrNd alloy", "compose", 0.5)],
            score=2.0,
            count=2,
            files=["b.txt"],
            file_counts={"b.txt": 2},
            contexts=[Context("b.txt", 9, "镨钕合金是原料。")],
        ),
        TermEntry("大豆", "大豆", "dà dòu", [], score=1.0, count=7, files=["a.txt"], file_counts={"a.txt": 7}),
    ]


@pytest.fixture
def full(tb: TermBase) -> TermBase:
    tb.stage(_entries(), by="miner")
    return tb


def _tbx(tb: TermBase) -> bytes:
    # a fixed date: two exports a second apart must not differ in their header
    return get_format("tbx").write(tb.entries(), WriteOptions(now=datetime(2026, 1, 2, tzinfo=timezone.utc)))


def test_undo_of_an_approval_gives_back_the_status_and_the_english_choice(full: TermBase) -> None:
    before = _tbx(full)
    full.set_status("镨钕", Status.APPROVED, by="ann")
    assert full.get("镨钕").english[0].role == "preferred"
    e, what = full.undo(by="ann")
    assert (e.status, e.english[0].role, what) == (Status.CANDIDATE, "suggested", "approved 镨钕")
    assert _tbx(full) == before


def test_undo_of_an_edit_restores_the_entry_and_a_second_undo_takes_back_the_one_before(full: TermBase) -> None:
    full.set_status("大豆", Status.REJECTED, by="ann")
    full.edit("镨钕", by="ann", english="praseodymium-neodymium", note="checked")
    assert full.get("镨钕").preferred_english == "praseodymium-neodymium"
    full.undo(by="ann")
    e = full.get("镨钕")
    assert (e.note, [q.role for q in e.english]) == ("", ["suggested", "suggested"])
    full.undo(by="ann")
    assert full.get("大豆").status == Status.CANDIDATE
    with pytest.raises(InvalidEdit, match="no decision left"):
        full.undo(by="ann")


def test_undo_of_a_merge_brings_back_both_entries_exactly(full: TermBase) -> None:
    before = _tbx(full)
    history = full.history("镨钕合金")
    merged = full.merge("镨钕", "镨钕合金", by="ann")
    assert "镨钕合金" in merged.variants and merged.count == 6
    full.undo(by="ann")
    assert _tbx(full) == before
    assert full.history("镨钕合金")[: len(history)] == history  # its own history went back with it
    assert full.get("镨钕").variants == []


def test_undo_is_refused_when_someone_changed_the_entry_since(full: TermBase) -> None:
    full.set_status("镨钕", Status.APPROVED, by="ann")
    full.edit("镨钕", by="bob", note="bob was here")
    with pytest.raises(StaleEntry, match="bob"):
        full.undo(by="ann")
    assert full.get("镨钕").status == Status.APPROVED


def test_undo_takes_back_only_the_reviewers_own_decisions(full: TermBase) -> None:
    full.set_status("镨钕", Status.APPROVED, by="ann")
    full.set_status("大豆", Status.REJECTED, by="bob")
    full.undo(by="ann")
    assert (full.get("镨钕").status, full.get("大豆").status) == (Status.CANDIDATE, Status.REJECTED)


def test_browse_filters_sorts_and_pages(full: TermBase) -> None:
    def terms(**kw: object) -> list[str]:
        return [e.simplified for e in full.browse(Filter(**kw)).entries]  # type: ignore[arg-type]

    assert terms() == ["镨钕", "镨钕合金", "大豆"]
    assert terms(sort="count") == ["大豆", "镨钕", "镨钕合金"]
    assert terms(sort="pinyin") == ["大豆", "镨钕", "镨钕合金"]  # dà before pǔ
    assert terms(file="b.txt") == ["镨钕", "镨钕合金"]
    assert terms(source="cedict") == ["镨钕"]
    assert terms(missing_english=True) == ["大豆"]
    assert terms(min_score=1.5, max_score=2.5) == ["镨钕合金"]
    assert terms(query="pu nv he jin") == ["镨钕合金"]
    assert terms(query="鐠釹") == ["镨钕", "镨钕合金"]
    page = full.browse(Filter(limit=2).page(2))
    assert (page.total, page.first, [e.simplified for e in page.entries]) == (3, 3, ["大豆"])
    full.set_status("大豆", Status.REJECTED, by="ann")
    assert terms() == ["镨钕", "镨钕合金"]
    assert terms(statuses=(Status.REJECTED,)) == ["大豆"]
    full.edit("镨钕合金", by="ann", drop=["PrNd alloy"])  # the count of English follows every change
    assert terms(missing_english=True) == ["镨钕合金"]
    full.undo(by="ann")
    assert terms(missing_english=True) == []
    page = full.browse(Filter())
    assert page.revisions == {e.id: full.revision(e.id) for e in page.entries}  # type: ignore[misc]


def test_the_count_of_a_source_filter_is_the_count_of_its_entries(tb: TermBase) -> None:
    """A filter by source alone is counted from the source's side (its entries less those of other statuses):
    the total is exactly the entries of those statuses with English from that source, however many it gave each."""
    import itertools

    statuses = list(Status)
    entries = []
    for i in range(24):
        english = [Equivalent(f"widget {i}", "cedict")] if i % 3 else []
        english += [Equivalent(f"widget part {i}", "cedict")] if i % 4 == 1 else []
        english += [Equivalent(f"gadget {i}", "text")] if i % 2 else []
        entries.append(TermEntry(f"词{i:02d}", english=english))
    tb.stage(entries, by="ann")
    for i, e in enumerate(entries):
        status = statuses[i % len(statuses)]
        if status in (Status.DEPRECATED, Status.FORBIDDEN):  # (only an approved entry goes there)
            tb.set_status(e.simplified, Status.APPROVED, by="ann", force=True)
        if status != Status.CANDIDATE:
            tb.set_status(e.simplified, status, by="ann", force=True)
    kept = {e.simplified: (e.status, {q.source for q in e.english}) for e in tb.entries()}
    for n in range(len(statuses) + 1):
        for chosen in itertools.combinations(statuses, n):
            for source in ("cedict", "text", "tm"):
                want = sum(1 for st, src in kept.values() if source in src and (not chosen or st in chosen))
                assert tb.browse(Filter(statuses=chosen, source=source)).total == want, (chosen, source)


def test_decide_many_is_all_or_nothing(full: TermBase) -> None:
    stale = full.revision("大豆")
    full.edit("大豆", by="bob", note="changed meanwhile")
    with pytest.raises(StaleEntry):
        full.decide_many([("镨钕", None), ("大豆", stale)], Status.REJECTED, by="ann")
    assert full.get("镨钕").status == Status.CANDIDATE
    full.decide_many([("镨钕", None), ("大豆", None)], Status.REJECTED, by="ann")
    assert {full.get(t).status for t in ("镨钕", "大豆")} == {Status.REJECTED}


def test_import_entries_dry_run_changes_nothing(tb: TermBase) -> None:
    counts = tb.import_entries(_entries(), by="ann", dry_run=True)
    assert counts == {"added": 3, "updated": 0, "skipped": 0} and tb.stats()["total"] == 0
    tb.import_entries(_entries(), by="ann")
    assert tb.stats()["total"] == 3
