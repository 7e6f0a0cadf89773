"""Stage 2: script conversion, pinyin, folding, sentences."""

from __future__ import annotations

import pytest

from glossary.normalise import fold, split_sentences, to_pinyin, to_simplified, to_traditional
from glossary.normalise.script import to_simplified_aligned


@pytest.mark.parametrize(
    "term, expected",
    [
        ("重大豆", "zhòng dà dòu"),
        ("银行卡", "yín háng kǎ"),
        ("调控", "tiáo kòng"),
        ("供应链", "gōng yìng liàn"),
        ("镨钕", "pǔ nǚ"),
        ("LG化学", "LG huà xué"),
        ("N52磁体", "N52 cí tǐ"),
    ],
)
def test_pinyin_is_phrase_aware_with_latin_kept(term: str, expected: str) -> None:
    assert to_pinyin(term) == expected


def test_pinyin_styles() -> None:
    assert to_pinyin("大豆", "numbers") == "da4 dou4"
    assert to_pinyin("钕", "plain") == "nv"


def test_pinyin_has_one_syllable_per_hanzi_and_skips_punctuation() -> None:
    assert to_pinyin("采矿、冶金") == "cǎi kuàng yě jīn"


def test_pinyin_keeps_a_hanzi_it_knows_no_reading_for() -> None:
    # one item per Hanzi: a character outside pypinyin's tables is shown, not silently lost
    assert to_pinyin("𠮷野家") == "𠮷 yě jiā" and to_pinyin("𠮷野家", "numbers") == "𠮷 ye3 jia1"


def test_traditional_by_phrase() -> None:
    assert to_traditional("大豆管理条例") == "大豆管理條例"
    assert to_traditional("出口管制", "tw") == "出口管制"
    assert to_simplified("鐠釹") == "镨钕"


def test_aligned_simplified_keeps_length_including_non_bmp() -> None:
    text = "𠀀鐠釹·MP Materials\n大豆"
    out = to_simplified_aligned(text)
    assert len(out) == len(text) and out.startswith("𠀀镨钕·")


def test_an_elements_taiwan_character_is_its_simplified_one_and_keeps_offsets() -> None:
    from glossary.mining import mine_documents
    from glossary.models import Document

    # Taiwan writes silicon 矽 and lutetium 鎦; OpenCC kept the one and read the other as 镏 (gilding)
    assert to_simplified("矽鋼片與氧化鎦") == "硅钢片与氧化镥"
    text = "氧化鎦靶材用於鍍膜。氧化鎦靶材價格上漲。"
    assert to_simplified_aligned(text)[:5] == "氧化镥靶材" and len(to_simplified_aligned(text)) == len(text)
    (first, *_) = mine_documents([Document("a.txt", text, "utf-8")], limit=5)
    # the term base's Simplified form is the mainland one; the surface seen is its variant
    assert first.term == "氧化镥靶材" and "氧化鎦靶材" in first.surfaces


def test_fold_full_width() -> None:
    assert fold("ＭＰ　Ｍａｔｅｒｉａｌｓ，Ｎ５２") == "MP Materials,N52"


def test_sentences_do_not_break_before_closing_quotes() -> None:
    assert split_sentences("他说：“大豆很重要。”然后走了！好吗？") == ["他说：“大豆很重要。”", "然后走了！", "好吗？"]


def test_pinyin_styles_agree_and_leave_latin_alone() -> None:
    from glossary.normalise.pinyin import to_pinyin

    assert to_pinyin("钕铁硼", "marks") == "nǚ tiě péng"
    assert to_pinyin("钕铁硼", "numbers") == "nv3 tie3 peng2"
    assert to_pinyin("钕铁硼", "plain") == "nv tie peng"
    for style in ("marks", "numbers", "plain"):
        assert to_pinyin("vanadium钒", style).split()[0] == "vanadium"  # Latin as written, no ü


def test_latin_that_ends_in_a_digit_is_kept_as_written_in_every_style() -> None:
    # a Latin run ending in a digit looked like a numbered syllable to the marks and the plain styles: "mp3" was
    # given a tone ("m3p"), "co2" became "có", the plain style dropped the digit
    for term, latin in (("mp3播放器", "mp3"), ("co2排放", "co2"), ("ab3型", "ab3"), ("li4子", "li4")):
        for style in ("marks", "numbers", "plain"):
            assert to_pinyin(term, style).split()[0] == latin, (term, style)
    assert to_pinyin("mp3播放器") == "mp3 bō fàng qì" and to_pinyin("mp3播放器", "plain") == "mp3 bo fang qi"


def test_the_cached_readings_read_every_text_as_pypinyin_does() -> None:
    # glossary reads pinyin from a cached copy of pypinyin's tables (importing pypinyin cost 0.26 s of every
    # command that shows a reading); the copy must cut and read as pypinyin does, item for item: a sample of
    # CC-CEDICT's headwords, and of each headword with the next one's first characters (phrases across a cut), and
    # mixed text
    import random

    from pypinyin import Style, pinyin
    from pypinyin.converter import DefaultConverter
    from pypinyin.core import Pinyin

    from glossary.mining.cedict import headwords
    from glossary.normalise import readings

    reader = Pinyin(DefaultConverter())

    def pypinyin_reads(text: str) -> list[str]:
        return [item[0] for item in reader.pinyin(text, style=Style.TONE3, heteronym=False, errors=lambda c: [c])]

    words = sorted(headwords())
    rng = random.Random(7)
    sample = rng.sample(words, 8000)
    sample += [a + b[:3] for a, b in zip(sample, rng.sample(words, 8000))]
    sample += ["", " ", "LG化学", "𠮷野家", "ＡＢＣ厂", "重金属·部件", "〇", "a1，中华人民共", "嗯呣欸"]
    assert [t for t in sample if readings.numbered(t) != pypinyin_reads(t)] == []
    for char in "还的了行𠮷z":
        assert (
            readings.heteronyms(char) == pinyin(char, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]
        )


def test_a_term_is_found_where_it_stands_as_itself_as_the_guarded_pattern_finds_it() -> None:
    # find_term looks for a term with a plain search and checks the edges a Latin or digit edge needs guarded (a
    # pattern with a look-behind, tried at every character, was most of what the evidence cost): the same places
    # as that pattern's, non-overlapping and left to right, over random texts of letters, digits, Hanzi and marks
    import random
    import re

    from glossary.normalise.text import find_term, holds_term, term_starts

    def guarded(text: str, term: str) -> list[tuple[int, int]]:
        before = "(?<![A-Za-z0-9])" if re.match("[A-Za-z0-9]", term) else ""
        after = "(?![A-Za-z0-9])" if re.search("[A-Za-z0-9]$", term) else ""
        return [m.span() for m in re.finditer(before + re.escape(term) + after, text)]

    rng = random.Random(7)
    alphabet = "aAb1号线3期II甲乙 -·ｂ１𠀀"
    checked = 0
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        term = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3)))
        want = guarded(text, term)
        assert find_term(text, term) == want, (text, term)
        assert find_term(text, term, limit=1) == want[:1] and holds_term(text, term) == bool(want)
        # (and from the places one pass over the text found for many terms at once, as a long text's are)
        starts = term_starts(text, [term, term[:1], term + "甲"]).get(term, [])
        assert find_term(text, term, starts=starts) == want and find_term(text, term, 1, starts) == want[:1]
        checked += bool(want)
    assert checked > 500
    assert find_term("13号线和3号线", "3号线") == [(5, 8)] and find_term("甲甲甲甲", "甲甲") == [(0, 2), (2, 4)]


def test_the_sentence_around_a_term_is_the_one_a_search_of_the_whole_text_finds() -> None:
    # the sentence around a term is looked for near it first (a mark absent from a long text was looked for to its
    # end, six times a context): the same sentence as the whole text's search gives, over random long texts with
    # few marks, sentences longer than the reach among them
    import random

    from glossary.normalise.text import sentence_around

    def whole(text: str, start: int, end: int, limit: int = 120) -> str:
        left = max(text.rfind(c, 0, start) for c in "。！？!?\n") + 1
        rights = [i for c in "。！？!?\n" if (i := text.find(c, end)) != -1]
        s = text[left : min(rights) + 1 if rights else len(text)].strip()
        if len(s) > limit:
            lo = max(0, start - left - limit // 2)
            s = s[lo : lo + limit].strip()
        return s

    rng = random.Random(11)
    for k in range(300):
        marks = rng.choice(["。", "。\n", "！？", "", "。" * 3])
        text = "".join(rng.choice("甲乙丙 丁" + marks) for _ in range(rng.randint(1, 3000)))
        if k % 2:  # (a sentence longer than the reach on either side of the term, marks beyond it)
            run = "".join(rng.choice("甲乙丙 丁") for _ in range(rng.randint(600, 1500)))
            text = text[:300] + "。" + run + "！" + text[300:]
        start = rng.randrange(len(text))
        end = min(len(text), start + rng.randint(1, 4))
        assert sentence_around(text, start, end) == whole(text, start, end), (len(text), start)


def test_a_conversion_that_changes_a_lines_length_falls_back_to_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    # OpenCC's phrase conversion may (rarely) give a line another length; offsets into the Simplified text must
    # still point at the same characters, so that line is converted a character at a time (a converter that makes
    # one phrase shorter stands in for OpenCC here), full-width letters made ASCII all the same
    from glossary.normalise import script

    class Shorter:
        def convert(self, text: str) -> str:
            return text.replace("甲乙", "丙").replace("鐠", "镨")

    script._aligned_table()  # (the cached tables are OpenCC's own, made before the stand-in comes)
    monkeypatch.setattr(script, "_cc", lambda config: Shorter())
    text = "甲乙丁ＬＥＤ\n鐠丁ＬＥＤ"
    assert to_simplified_aligned(text) == "甲乙丁LED\n镨丁LED"
