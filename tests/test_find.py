"""`find`: every kind of query a translator types."""

from __future__ import annotations

import pytest

from glossary.models import Equivalent, Status, TermEntry
from glossary.normalise import to_pinyin, to_traditional
from glossary.termbase import TermBase


@pytest.fixture
def filled(tb: TermBase) -> TermBase:
    rows = [
        ("镨钕", ["praseodymium-neodymium", "PrNd"], 5.0),
        ("稀土永磁材料", ["rare earth permanent magnet material"], 3.0),
        ("稀土", ["rare earth"], 9.0),
        ("钕", ["neodymium"], 4.0),
        ("女性", ["woman"], 1.0),
        ("氧化镝", ["dysprosium oxide"], 2.0),
    ]
    tb.stage(
        [
            TermEntry(s, to_traditional(s), to_pinyin(s), [Equivalent(x, "cedict", 0.7) for x in en], score=sc)
            for s, en, sc in rows
        ],
        by="t",
    )
    tb.set_status("稀土永磁材料", Status.APPROVED, by="t")
    return tb


def names(tb: TermBase, q: str) -> list[tuple[str, str]]:
    return [(m.kind, m.entry.simplified) for m in tb.find(q)]


def test_simplified_exact_first_then_prefix_then_substring(filled: TermBase) -> None:
    assert names(filled, "稀土") == [("exact", "稀土"), ("prefix", "稀土永磁材料")]
    assert names(filled, "永磁") == [("substring", "稀土永磁材料")]


def test_traditional_query_finds_term_mined_from_simplified(filled: TermBase) -> None:
    assert names(filled, "鐠釹") == [("exact", "镨钕")]


@pytest.mark.parametrize("q", ["pǔ nǚ", "pu3 nv3", "pu3nü3", "punv", "pu nu", "PU3NV3"])
def test_pinyin_in_any_spelling(filled: TermBase, q: str) -> None:
    assert names(filled, q)[0] == ("exact", "镨钕")


def test_tone_numbers_disambiguate(filled: TermBase) -> None:
    assert names(filled, "nv3") == [("exact", "钕"), ("prefix", "女性")]
    assert names(filled, "nv") == [("exact", "钕"), ("prefix", "女性")]
    assert names(filled, "nv4") == []


@pytest.mark.parametrize("q", ["pu nǚ", "pǔ nv", "pu3 nu", "pu nv3"])
def test_a_tone_typed_for_some_syllables_only_is_checked_against_those(filled: TermBase, q: str) -> None:
    # the tones a query gave were compared as one string with the reading's: "pu nǚ" gave "3" against "33", so
    # the entry was found only as a prefix match, and "pǔ nv" likewise
    assert names(filled, q)[0] == ("exact", "镨钕")


def test_a_tone_typed_wrong_for_one_syllable_finds_nothing_by_pinyin(filled: TermBase) -> None:
    assert [n for n in names(filled, "pu nv4") if n[1] == "镨钕"] == []


def test_english_case_insensitive_word_and_phrase(filled: TermBase) -> None:
    assert names(filled, "Neodymium") == [("exact", "钕"), ("substring", "镨钕")]
    assert names(filled, "PrNd") == [("exact", "镨钕")]
    assert names(filled, "permanent magnet")[0] == ("substring", "稀土永磁材料")


def test_approved_ranks_before_candidates_within_a_kind(filled: TermBase) -> None:
    assert names(filled, "rare earth") == [("exact", "稀土"), ("prefix", "稀土永磁材料")]
    filled.set_status("稀土", Status.REJECTED, by="t")
    hits = filled.find("稀")
    assert [m.entry.simplified for m in hits] == ["稀土永磁材料", "稀土"]


def test_no_match_returns_empty_and_suggest_helps(filled: TermBase) -> None:
    assert filled.find("dysprosum") == []
    assert filled.lookup("dysprosum oxide") == ([], ["dysprosium oxide"])
    assert filled.lookup("rare erth") == ([], ["rare earth"])
    assert filled.lookup("稀土永磁才料") == ([], ["稀土永磁材料"])


def test_status_filter(filled: TermBase) -> None:
    assert names(filled, "稀土") == [("exact", "稀土"), ("prefix", "稀土永磁材料")]
    assert [m.entry.simplified for m in filled.find("稀土", [Status.APPROVED])] == ["稀土永磁材料"]


def test_pinyin_finds_the_reading_shown_not_pypinyins(tb: TermBase) -> None:
    """The keys were pypinyin's reading of the term: 调压 shown (and corrected) as tiáo yā was found only as
    diao4ya1, and a reviewer's correction of a reading changed nothing `find` saw."""
    tb.stage([TermEntry("调压", "調壓", "tiáo yā", score=2.0), TermEntry("大分子", "大分子", "dà fēn zǐ")], by="t")
    assert names(tb, "tiao2ya1") == [("exact", "调压")]
    assert names(tb, "dà fēn zǐ") == [("exact", "大分子")]
    assert names(tb, "diao4ya1") == []
    tb.edit("大分子", by="t", pinyin="dà fèn zǐ")
    assert names(tb, "da4fen4zi3") == [("exact", "大分子")]
    assert names(tb, "da4fen1zi3") == []


def test_an_entry_written_alone_is_keyed_by_its_reading_too(tb: TermBase) -> None:
    tb.stage([TermEntry("调压", "調壓", "tiáo yā", score=2.0)], by="t")
    tb.stage([TermEntry("调压", "調壓", "tiáo yā", score=3.0), TermEntry("调价", "調價", "tiáo jià")], by="t")
    assert names(tb, "tiao2 jia4") == [("exact", "调价")]
    assert names(tb, "tiaoya") == [("exact", "调压")]


def test_queries_asked_together_bind_quotes_and_percent_signs_as_text(tb: TermBase) -> None:
    """Independent look-ups go to a server in one round trip, bound on the client: a query holding quotes, a
    percent sign or a semicolon is a string to find, never SQL (on SQLite, one by one, the same answers)."""
    from glossary.termbase.backend import select_all

    tb.stage([TermEntry("部件", english=[Equivalent("50% widget's part; x", "text")])], by="ann")
    assert [m.entry.simplified for m in tb.find("50% widget's part; x")] == ["部件"]
    assert tb.find("x'; DROP TABLE concepts; --") == []
    got = select_all(
        tb.con, [("SELECT ?", ["a'; b"]), ("SELECT ? || '%'", ["50"]), ("SELECT COUNT(*) FROM concepts", [])]
    )
    assert got == [[("a'; b",)], [("50%",)], [(1,)]]
    assert select_all(tb.con, []) == []


def test_a_foreign_names_dot_is_found_as_any_dot_typed_for_it(tb: TermBase) -> None:
    # (an invented name, stored as a Taiwan text writes it)
    tb.stage([TermEntry("卡洛斯‧贝内特", "卡洛斯‧貝內特", to_pinyin("卡洛斯‧贝内特"), [])], by="t")
    for q in ("卡洛斯·贝内特", "卡洛斯・贝内特", "卡洛斯‧貝內特"):
        assert names(tb, q)[:1] == [("exact", "卡洛斯‧贝内特")]


def test_an_entry_whose_pinyin_keeps_an_unread_hanzi_is_found_by_the_rest(tb: TermBase) -> None:
    tb.stage([TermEntry("𠮷野家", "𠮷野家", to_pinyin("𠮷野家"), [])], by="t")
    assert tb.get("𠮷野家").pinyin == "𠮷 yě jiā"
    assert names(tb, "ye3jia1")[:1] == [("exact", "𠮷野家")]


def test_english_as_a_translator_types_it_a_hyphen_a_plural_full_width_letters(tb: TermBase) -> None:
    # (none of these found the entry: the English was matched as one string, a hyphen and a plural's ending
    # included, and full-width letters from a Chinese keyboard were other characters)
    tb.stage(
        [
            TermEntry("小部件工厂", english=[Equivalent("widget factory", "cedict", 0.7)]),
            TermEntry("防眩涂层", english=[Equivalent("anti glare coating", "cedict", 0.7)]),
            TermEntry("XYZ", english=[Equivalent("XYZ", "text", 0.9)]),
        ],
        by="t",
    )
    assert names(tb, "Widget Factories") == [("exact", "小部件工厂")]
    assert names(tb, "ｗｉｄｇｅｔ ｆａｃｔｏｒｙ") == [("exact", "小部件工厂")]
    assert names(tb, "anti-glare coatings") == [("exact", "防眩涂层")]
    assert names(tb, "glare-coating") == [("substring", "防眩涂层")]
    assert names(tb, "ＸＹＺ")[0] == ("exact", "XYZ")
