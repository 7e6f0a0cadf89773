"""The term base with reviewers' decisions: status moves, edits, merges, deletions, the review queue, imports
and reverts, each recorded in the history.

>>> from glossary.models import TermEntry, Equivalent, Status
>>> with TermBase(":memory:") as tb:
...     tb.stage([TermEntry("镨钕", "鐠釹", "pǔ nǚ", [Equivalent("PrNd", "text", 0.9)])], by="ann")
...     _ = tb.set_status("鐠釹", Status.APPROVED, by="ann")
...     e = tb.get("镨钕")
...     e.status.value, e.english[0].role
{'added': 1, 'updated': 0, 'kept': 0, 'joined': 0}
('approved', 'preferred')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..errors import CheckFailed, InvalidEdit, InvalidTransition, StaleEntry
from ..models import Equivalent, Status, TermEntry
from ..normalise.hanzi import HAN
from ..normalise.script import to_simplified
from . import browse as _browse
from . import changes as _changes
from . import edits
from . import queue as _queue
from . import search as _search
from . import undo as _undo
from . import writes as _writes
from .backend import marks
from .checks import run_checks
from .review import check_transition
from .store import Store, _now, snapshot


class TermBase(Store):
    """A term base file (or ``":memory:"``) with the decisions reviewers make on it; use as a context manager.

    :param path: SQLite file; its folder is created when missing.
    :param create: make the file when it does not exist (read-only commands pass False).
    """

    def set_status(
        self,
        term_or_id: str | int,
        status: Status,
        by: str,
        note: str = "",
        dry_run: bool = False,
        force: bool = False,
        revision: int | None = None,
    ) -> tuple[Status, Status]:
        """Move one concept to ``status``; return (before, after).

        Approval first runs the quality checks (:mod:`glossary.termbase.checks`), and makes the English the
        reviewer saw first the preferred one when no English was chosen yet.

        :param revision: the revision the reviewer saw (:meth:`revision`); a concept changed since is refused.
        :raises StaleEntry: when ``revision`` is given and the concept changed since.

        :raises InvalidTransition: when the workflow does not allow the move.
        :raises CheckFailed: when a check finds a problem and ``force`` is false; with
            ``force`` the approval goes ahead and the log records the problems.
        """
        with self.transaction():
            cid = self.resolve(term_or_id)
            self._expect(cid, revision)
            before = Status(self.con.execute("SELECT status FROM concepts WHERE id=?", (cid,)).fetchone()[0])
            check_transition(before, status)
            problems = run_checks(self._load([cid])[0], self.con) if status == Status.APPROVED else []
            if problems and not force:
                name = self.con.execute("SELECT simplified FROM concepts WHERE id=?", (cid,)).fetchone()[0]
                raise CheckFailed(
                    f"{name}: {'; '.join(problems)}; fix it with `glossary edit`, or approve with --force"
                )
            if not dry_run:
                if problems:
                    note = (note + " " if note else "") + "[forced past: " + "; ".join(problems) + "]"
                self.con.execute("UPDATE concepts SET status=?, updated_at=? WHERE id=?", (status.value, _now(), cid))
                self.con.execute("DELETE FROM review_skips WHERE concept_id=?", (cid,))
                self.con.execute("DELETE FROM review_claims WHERE concept_id=?", (cid,))
                after: dict[str, object] = {"status": status.value}
                if (
                    status == Status.APPROVED
                    and not self.con.execute(
                        "SELECT 1 FROM equivalents WHERE concept_id=? AND role='preferred'", (cid,)
                    ).fetchone()
                ):
                    first = self.con.execute(
                        "SELECT id, text FROM equivalents WHERE concept_id=? ORDER BY rank, id LIMIT 1", (cid,)
                    ).fetchone()
                    if first:
                        self.con.execute("UPDATE equivalents SET role='preferred' WHERE id=?", (first[0],))
                        after["preferred"] = first[1]  # so that undoing the approval gives the choice back
                self._log(cid, by, status.value, {"status": before.value}, after, note)
        return before, status

    def decide_many(
        self,
        items: Sequence[tuple[str | int, int | None]],
        status: Status,
        by: str,
        note: str = "",
        force: bool = False,
    ) -> list[tuple[Status, Status]]:
        """Move several concepts, each given with the revision the reviewer saw (or None), to ``status`` in one
        transaction: all of them or, when one is refused, none."""
        with self.transaction():
            return [self.set_status(t, status, by, note, force=force, revision=rev) for t, rev in items]

    def undo(self, by: str, note: str = "") -> tuple[TermEntry, str]:
        """Take back ``by``'s last decision (:func:`glossary.termbase.undo.undo`)."""
        return _undo.undo(self, by, note)

    def browse(self, f: _browse.Filter) -> _browse.Page:
        """One page of the filtered, sorted queue, with each entry's revision (:mod:`glossary.termbase.browse`)."""
        ids, total = _browse.page_ids(self.con, f)
        revisions = (
            dict(self.con.execute(f"SELECT id, revision FROM concepts WHERE id IN ({marks(len(ids))})", ids))
            if ids
            else {}
        )
        return _browse.Page(self._load(ids), total, f, revisions)

    def import_entries(
        self,
        entries: Sequence[TermEntry],
        by: str,
        on_conflict: str = "keep",
        dry_run: bool = False,
        ask: Callable[[TermEntry, TermEntry], bool] | None = None,
    ) -> dict[str, int]:
        """Put a file's entries in one transaction (all or none); return how many were added, updated, skipped
        (each as :meth:`put` puts it).

        :param ask: with ``on_conflict="ask"``, called with (ours, theirs) for each conflict: True overwrites.
        :param dry_run: count, then roll everything back. :attr:`warnings` says what a reviewer should hear.
        """
        counts = {"added": 0, "updated": 0, "skipped": 0}
        try:
            with self.transaction():
                for e in entries:
                    policy = on_conflict
                    if on_conflict == "ask":
                        policy = "keep"
                        if ask is not None and self.conflicts(e):
                            policy = "overwrite" if ask(self.get(e.simplified), e) else "keep"
                    counts[self.put(e, by, policy)] += 1
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        return counts

    def revision(self, term_or_id: str | int) -> int:
        """How many recorded changes the concept has had: pass it back with a decision to refuse a stale one."""
        cid = self.resolve(term_or_id)
        return int(self.con.execute("SELECT revision FROM concepts WHERE id=?", (cid,)).fetchone()[0])

    def _expect(self, cid: int, revision: int | None) -> None:
        if revision is None:
            return
        now = self.con.execute("SELECT revision, simplified FROM concepts WHERE id=?", (cid,)).fetchone()
        if now[0] != revision:
            last = self.con.execute(
                "SELECT by, action FROM log WHERE concept_id=? ORDER BY id DESC LIMIT 1", (cid,)
            ).fetchone()
            who = f" ({last[0]}: {last[1]})" if last else ""
            raise StaleEntry(f"{now[1]} changed since it was shown{who}; look at it again before deciding")

    def check(self, term_or_id: str | int) -> list[str]:
        """What the quality checks find in one entry (approval would need --force)."""
        cid = self.resolve(term_or_id)
        return run_checks(self._load([cid])[0], self.con)

    def edit(
        self,
        term_or_id: str | int,
        by: str,
        english: str | None = None,
        admit: Sequence[str] = (),
        traditional: str | None = None,
        pinyin: str | None = None,
        note: str | None = None,
        drop: Sequence[str] = (),
        drop_variants: Sequence[str] = (),
        revision: int | None = None,
    ) -> TermEntry:
        """Change an entry as a reviewer; mining never overwrites what was edited.

        ``english`` becomes the preferred equivalent (a former preferred one becomes a suggestion again);
        ``admit`` adds admitted alternatives (or admits suggestions); ``drop`` removes English equivalents and
        ``drop_variants`` surface forms. The history keeps the whole entry before and after.

        A pinyin typed with tone numbers is kept with tone marks (``li3 zi3`` → ``lǐ zǐ``), as every reading is
        shown; English and forms are kept without the spaces around them.

        :raises InvalidEdit: for a pinyin that does not fit the Hanzi, a blank English, a Traditional form with no
            Hanzi or one that is another entry's, or a dropped form the entry lacks.
        :raises StaleEntry: when ``revision`` is given and the entry changed since.
        """
        english = edits.english_given(english)
        admit = [a for a in map(edits.english_given, admit) if a is not None]
        traditional = traditional.strip() if traditional is not None else None
        with self.transaction():
            cid = self.resolve(term_or_id)
            self._expect(cid, revision)
            before = self._load([cid])[0]
            if pinyin is not None:
                edits.check_pinyin(before.simplified, pinyin)
                pinyin = edits.with_tone_marks(pinyin)
            if traditional:
                self._check_traditional(cid, before.simplified, traditional)
            self._drop(cid, before.simplified, drop, drop_variants)
            if english is not None:
                self.con.execute(
                    "UPDATE equivalents SET role='suggested' WHERE concept_id=? AND role='preferred'", (cid,)
                )
                self.con.execute("DELETE FROM equivalents WHERE concept_id=? AND folded=?", (cid, english.lower()))
                self._add_equivalents(cid, [Equivalent(english, "reviewer", 1.0, "preferred")], first=True)
            for alt in admit:
                if (
                    not self.con.execute(
                        "UPDATE equivalents SET role='admitted' WHERE concept_id=? AND folded=? AND role != 'preferred'",
                        (cid, alt.lower()),
                    ).rowcount
                    and not self.con.execute(
                        "SELECT 1 FROM equivalents WHERE concept_id=? AND folded=?", (cid, alt.lower())
                    ).fetchone()
                ):
                    self._add_equivalents(cid, [Equivalent(alt, "reviewer", 1.0, "admitted")])
            for column, value in (("traditional", traditional), ("pinyin", pinyin), ("note", note)):
                if value is not None:
                    self.con.execute(f"UPDATE concepts SET {column}=? WHERE id=?", (value, cid))
            if traditional:
                self.con.execute("INSERT OR IGNORE INTO variants VALUES (?, ?)", (cid, traditional))
            self.con.execute("UPDATE concepts SET edited=1, updated_at=? WHERE id=?", (_now(), cid))
            _search.index_rows(self.con, cid)
            after = self._load([cid])[0]
            self._log(cid, by, "edit", snapshot(before), snapshot(after), note or "")
        return after

    def _drop(self, cid: int, term: str, english: Sequence[str], variants: Sequence[str]) -> None:
        """Remove English equivalents and surface forms of an entry; each must be there."""
        for text in english:
            if not self.con.execute(
                "DELETE FROM equivalents WHERE concept_id=? AND folded=?", (cid, text.lower())
            ).rowcount:
                raise InvalidEdit(f"{term} has no English {text!r} to drop")
        for form in variants:
            if not self.con.execute("DELETE FROM variants WHERE concept_id=? AND form=?", (cid, form)).rowcount:
                raise InvalidEdit(f"{term} has no variant {form!r} to drop")

    def _check_traditional(self, cid: int, term: str, form: str) -> None:
        """Refuse a Traditional form that cannot be ``term``'s: one with no Hanzi where the term has some, or the
        Simplified or Traditional form of another entry (a term pasted for the wrong entry). A form OpenCC does
        not derive is taken (Taiwan's and Hong Kong's own words: 軟體 for 软件)."""
        if HAN.search(term) and not HAN.search(form):
            raise InvalidEdit(f"{term}: {form!r} has no Hanzi; give the Traditional form in Hanzi (or leave it empty)")
        row = self.con.execute(
            "SELECT id, simplified FROM concepts WHERE id != ? AND (simplified IN (?, ?) OR traditional = ?)",
            (cid, form, to_simplified(form), form),
        ).fetchone()
        if row:
            raise InvalidEdit(f"{term}: {form} is another entry's form, {row[1]} (id {row[0]}); give {term}'s own")

    def delete(self, term_or_id: str | int, by: str, note: str = "") -> TermEntry:
        """Remove an entry; the history keeps it whole, its evidence with it, under its name (``history`` and
        ``revert`` find it by that name; mining may propose the term again: ``reject`` is the decision that keeps
        it out)."""
        with self.transaction():
            cid = self.resolve(term_or_id)
            before = self._load([cid])[0]
            record = {**snapshot(before), "simplified": before.simplified, "entry": _undo.whole(self, before)}
            self._log(cid, by, "delete", record, "", note)
            self.con.execute("DELETE FROM concepts WHERE id=?", (cid,))
        return before

    def edit_suggestions(
        self,
        term_or_id: str | int,
        suggestions: Sequence[Equivalent],
        by: str,
        first: bool = False,
        evidence: Mapping[str, list[int]] | None = None,
    ) -> None:
        """Add machine suggestions (e.g. from the translation memory) after the existing ones, or with ``first``
        before them (a machine's suggestion of the same text gives way); a reviewer's choice keeps its role and its
        place, and English a reviewer dropped is not added again (:func:`glossary.termbase.writes.suggest`)."""
        with self.transaction():
            _writes.suggest(self, self.resolve(term_or_id), suggestions, by, first, evidence)

    def merge(self, keep: str | int, other: str | int, by: str, note: str = "") -> TermEntry:
        """Merge ``other`` into ``keep``: one concept; ``other``'s forms become variants, its English
        alternatives, its evidence and history are added; ``other`` is removed."""
        with self.transaction():
            a, b = self.resolve(keep), self.resolve(other)
            if a == b:
                raise InvalidTransition("both names are the same entry; nothing to merge")
            ea, eb = self._load([a, b])
            kept = _undo.merge_record(self, ea, eb)
            for form in {eb.simplified, eb.traditional, *eb.variants} - {""}:
                self.con.execute("INSERT OR IGNORE INTO variants VALUES (?, ?)", (a, form))
            self._add_equivalents(a, self._new_english(a, eb.english))
            for f, n in eb.file_counts.items():
                self.con.execute(
                    "INSERT INTO occurrences VALUES (?,?,?) ON CONFLICT(concept_id, file) "
                    "DO UPDATE SET count = occurrences.count + excluded.count",
                    (a, f, n),
                )
            self.con.execute(
                'INSERT OR IGNORE INTO contexts (concept_id, file, "offset", text, line) '
                'SELECT ?, file, "offset", text, line FROM contexts WHERE concept_id=?',
                (a, b),
            )
            self.con.execute(
                "UPDATE concepts SET count = count + ?, edited = 1, updated_at=? WHERE id=?", (eb.count, _now(), a)
            )
            self.con.execute("UPDATE log SET concept_id=? WHERE concept_id=?", (a, b))
            self.con.execute("DELETE FROM concepts WHERE id=?", (b,))
            _search.index_rows(self.con, a)
            status = self.con.execute("SELECT status FROM concepts WHERE id=?", (a,)).fetchone()[0]
            # the merged entry's rows now sit among the kept one's: this row says where the kept one stands
            self._log(a, by, "merge", kept, {"status": status}, note)
        return self._load([a])[0]

    def skip(self, term_or_id: str | int, by: str) -> None:
        """Put an entry aside in ``by``'s review queue (until it is decided or reopened)."""
        _queue.skip(self, term_or_id, by)

    def queue(self, by: str, limit: int | None = None) -> list[TermEntry]:
        """Candidates in score order, without those ``by`` skipped or another reviewer holds: the review queue."""
        return _queue.queue(self, by, limit)

    def claim_next(self, by: str) -> tuple[TermEntry, int] | None:
        """The next entry of ``by``'s queue, held for ``by`` (no other reviewer is shown it for
        :data:`~glossary.termbase.queue.CLAIM_SECONDS`), with the revision to decide on; None when the queue is
        empty."""
        return _queue.claim_next(self, by)

    def release(self, by: str) -> None:
        """Let other reviewers see the entries ``by`` holds (when a review session ends)."""
        _queue.release(self, by)

    def conflicts(self, e: TermEntry) -> bool:
        """True when an entry for the same term exists and an import of ``e`` would change it."""
        return _changes.conflicts(self, e)

    def put(self, e: TermEntry, by: str, on_conflict: str = "keep") -> str:
        """Add or update one entry as a file gives it (import); return 'added', 'updated' or 'skipped'.

        Only the fields the file has change (:func:`glossary.termbase.changes.merged`); a status lowered by the
        file is said in :attr:`warnings`; the history keeps the whole entry before and after. A new entry of Hanzi
        that the file gives no Traditional form or pinyin gets them as mining gives them
        (:func:`glossary.align.complete_forms`).
        """
        return _changes.put(self, e, by, on_conflict)

    def revert(self, term_or_id: str | int, by: str, note: str = "") -> TermEntry:
        """Undo the entry's last edit, import or revert: restore the whole entry the history kept before it."""
        return _changes.revert(self, term_or_id, by, note)

    def restore(self, cid: int, snap: dict[str, object]) -> None:
        """Write a :func:`snapshot` back onto concept ``cid`` (its English and variants replaced)."""
        english = [Equivalent(str(t), str(s), float(c), str(r)) for t, s, c, r in snap["english"]]  # type: ignore[attr-defined]
        self.con.execute(
            "UPDATE concepts SET status=?, traditional=?, pinyin=?, note=?, kind=?, edited=1 WHERE id=?",
            (snap["status"], snap["traditional"], snap["pinyin"], snap["note"], snap["kind"], cid),
        )
        self.con.execute("DELETE FROM equivalents WHERE concept_id=?", (cid,))
        self._add_equivalents(cid, english)
        self.con.execute("DELETE FROM variants WHERE concept_id=?", (cid,))
        for form in [str(snap["traditional"]), *snap["variants"]]:  # type: ignore[misc]
            if form:
                self.con.execute("INSERT OR IGNORE INTO variants VALUES (?, ?)", (cid, form))
        _search.index_rows(self.con, cid)


class _DryRun(Exception):
    """Raised inside an import's transaction to roll it back."""
