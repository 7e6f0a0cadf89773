"""A stateful property test of the term base: random sequences of mining, decisions, edits, merges, imports and
exports on a small corpus, with the promises checked after every step.

- No decision is lost: every term a reviewer decided keeps its status through re-mining and imports of files
  that do not say otherwise; a merged-away form still leads to the concept it was merged into.
- The preferred English a reviewer set stays the preferred English.
- The history replays to the current state: the statuses its rows record, applied in order, end where the
  entry is.
- Every format's round trip is exact: export → import into an empty term base → export gives the same bytes.
"""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from conftest import SIMPLIFIED, TRADITIONAL
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from glossary.errors import GlossaryError
from glossary.formats import WriteOptions, get_format
from glossary.formats.base import select_english
from glossary.models import Equivalent, Status, TermEntry
from glossary.pipeline import Mined, collect
from glossary.termbase import TermBase

FIXED = WriteOptions(now=datetime(2026, 1, 2, tzinfo=timezone.utc))
_MINED: list[Mined] = []


def mined() -> Mined:
    """The small corpus mined once for the whole test (staging it again is what `glossary mine` does after)."""
    if not _MINED:
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            (d / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
            (d / "b.md").write_text(TRADITIONAL, encoding="utf-8")
            _MINED.append(collect([str(d)], limit=40))
    return _MINED[0]


DECISIONS = {"approve": Status.APPROVED, "reject": Status.REJECTED, "forbid": Status.FORBIDDEN}
WORDS = st.sampled_from(["soybean", "magnet", "cascade extraction", "export control", "oxide", "alloy"])


class TermBaseMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tb = TermBase(":memory:")
        self.mined = mined()
        self.decided: dict[str, Status] = {}  # term → status a reviewer gave it
        self.preferred: dict[str, str] = {}  # term → English a reviewer made preferred
        self.merged: dict[str, str] = {}  # merged-away form → the term it went into

    def teardown(self) -> None:
        self.tb.close()

    def _terms(self) -> list[str]:
        return [e.simplified for e in self.tb.entries(sort="term")]

    def _pick(self, data: st.DataObject) -> str | None:
        terms = self._terms()
        return data.draw(st.sampled_from(terms)) if terms else None

    @rule()
    def mine(self) -> None:
        from glossary.pipeline import stage

        stage(self.mined, self.tb, "miner")

    @rule(data=st.data(), verb=st.sampled_from(sorted(DECISIONS)))
    def decide(self, data: st.DataObject, verb: str) -> None:
        term = self._pick(data)
        if term is None:
            return
        try:
            self.tb.set_status(term, DECISIONS[verb], "ann", force=True)
        except GlossaryError:
            return  # a move the workflow does not allow changes nothing
        self.decided[term] = DECISIONS[verb]

    @rule(data=st.data(), english=WORDS)
    def edit(self, data: st.DataObject, english: str) -> None:
        term = self._pick(data)
        if term is None:
            return
        self.tb.edit(term, "ann", english=english)
        self.preferred[term] = english

    @rule(data=st.data())
    def merge(self, data: st.DataObject) -> None:
        terms = self._terms()
        if len(terms) < 2:
            return
        keep, other = data.draw(st.lists(st.sampled_from(terms), min_size=2, max_size=2, unique=True))
        self.tb.merge(keep, other, "ann")
        for form, into in list(self.merged.items()):
            if into == other:
                self.merged[form] = keep
        self.merged[other] = keep
        self.decided.pop(other, None)
        self.preferred.pop(other, None)

    @rule(data=st.data(), english=WORDS)
    def import_thin_file(self, data: st.DataObject, english: str) -> None:
        """A client's two-column glossary, overwriting: only its English changes, as the preferred one."""
        term = self._pick(data)
        if term is None:
            return
        fmt = get_format("csv", header_map={"Chinese": "zh-CN", "English": "en-US"})
        rows = fmt.read(f"Chinese,English\n{term},{english}\n".encode(), "thin.csv")
        self.tb.put(rows[0], "bob", on_conflict="overwrite")
        if self.tb.get(term).status == Status.APPROVED:
            self.preferred[term] = english  # an approved entry's file English is the one chosen
        # (a candidate's file English is one more suggestion: a reviewer's preferred one stays)

    @rule(name=st.sampled_from(["csv", "tmx", "tbx"]))
    def export_round_trip_is_exact(self, name: str) -> None:
        fmt = get_format(name)
        first = fmt.write(select_english(self.tb.entries(), "all"), FIXED)
        with TermBase(":memory:") as other:
            for e in fmt.read(first, f"x.{name}"):
                other.put(e, "test")
            second = fmt.write(select_english(other.entries(), "all"), FIXED)
        assert first == second

    @invariant()
    def no_decision_is_lost(self) -> None:
        for term, status in self.decided.items():
            assert self.tb.get(term).status == status, term
        for form, into in self.merged.items():
            assert self.tb.get(form).simplified == into, form

    @invariant()
    def preferred_english_stays(self) -> None:
        for term, english in self.preferred.items():
            e = self.tb.get(term)
            if e.status != Status.CANDIDATE or any(q.role == "preferred" for q in e.english):
                assert e.preferred_english == english, term

    @invariant()
    def history_replays_to_the_current_state(self) -> None:
        for e in self.tb.entries():
            status = None
            for row in self.tb.history(e.simplified):
                after = json.loads(row["after"]) if row["after"].startswith("{") else {}
                status = after.get("status", status)
            assert status == e.status.value, e.simplified


TestTermBase = TermBaseMachine.TestCase
TestTermBase.settings = settings(
    max_examples=120,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def test_a_thin_import_keeps_an_approved_entry_approved() -> None:
    with TermBase(":memory:") as tb:
        tb.stage([TermEntry("大豆", "大豆", "dà dòu", [Equivalent("big bean", "cedict", 0.5)])], by="m")
        tb.set_status("大豆", Status.APPROVED, "ann", force=True)
        fmt = get_format("csv")
        tb.put(fmt.read("zh-CN,en-US\n大豆,soybean\n".encode(), "g.csv")[0], "bob", on_conflict="overwrite")
        assert tb.get("大豆").status == Status.APPROVED and tb.get("大豆").preferred_english == "soybean"
