"""Stage 4: Traditional, pinyin and English suggestions with sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.align import align_candidate, align_candidates, choose_traditional, english_suggestions
from glossary.align.acts import object_act
from glossary.align.compose import compose
from glossary.align.dictionary import clean_gloss, glosses, is_description, ranked_glosses
from glossary.mining.filters import is_chemical
from glossary.models import Candidate

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.parametrize(
    "term, english",
    [
        ("氧化镝", "dysprosium oxide"),
        ("碳酸铈", "cerium carbonate"),
        ("氯化铈", "cerium chloride"),
        ("镨钕", "praseodymium-neodymium"),
        ("钕铁硼", "neodymium-iron-boron"),
        ("氧化钆钐", "gadolinium-samarium oxide"),
        ("镨钕合金", "praseodymium-neodymium alloy"),
    ],
)
def test_chemistry_naming(term: str, english: str) -> None:
    assert compose(term)[0] == english
    assert is_chemical(term)


def test_a_compound_chemistry_names_is_not_also_read_word_by_word() -> None:
    assert compose("氧化镝") == ["dysprosium oxide"]  # no "oxidize dysprosium"


def test_elements_in_a_row_are_one_word_inside_a_term() -> None:
    composed = compose("钕铁硼工厂")
    assert composed[0] == "neodymium-iron-boron factory" and "NdFeB factory" in composed


def test_symbols_are_offered_for_element_runs() -> None:
    assert "NdFeB" in compose("钕铁硼")


def test_naming_rules_for_laws_and_bodies() -> None:
    assert compose("大豆管理条例")[0] == "Soybean Management Regulations"
    assert compose("农业部")[0] == "Department of Agriculture"
    # two words of one sense say it once (卫生 and 健康 are both "health"): no "Health Health Bureau"
    assert compose("卫生健康局")[0] == "Health Bureau"
    # a body of the state names its 局 an Administration, as the state's English names do (a city's stays a Bureau)
    assert compose("国家林业局")[0] == "National Forestry Administration"


def test_a_policy_documents_title_is_said_kind_first_and_on_what_it_is_about() -> None:
    # 关于 + what it is about + 的 + the kind of document: "Decision on …", an act by its -ing form, not "concerning
    # adjustment … decision"
    assert compose("关于调整大豆进口关税的决定")[0] == "Decision on Adjusting Soybean Import Tariff"
    # the longest kind the title ends in (指导意见, not 意见)
    assert compose("关于促进钢铁工业转型升级的指导意见")[0].startswith("Guiding Opinions on Promoting Steel Industry")
    # what is about no act is said whole; a title with nothing between 关于 and 的 is no title
    assert compose("关于水泥的通知")[0] == "Notice on Cement"
    assert not compose("关于的通知")[0].startswith("Notice on")
    # the rule asks for 关于: a word ending in a kind of document alone keeps its own English
    assert not compose("征求意见")[:1] or not compose("征求意见")[0].startswith("Opinions on")


def test_gloss_cleaning() -> None:
    assert clean_gloss("(chemistry) rare earth") == "rare earth"
    assert clean_gloss("see also 稀土[xi1 tu3]") == ""
    assert clean_gloss("CL:個|个[ge4]") == ""
    assert clean_gloss("to control") == "control"
    assert clean_gloss("lit. to go upstream") == ""
    assert clean_gloss("list of items") == "list"
    # a sense that says what a word was once called is no rendering of it ("Cathay", not "old name for China", is
    # 华夏's; the description once ended up inside compositions of firm names)
    assert clean_gloss("old name for China") == ""
    assert glosses("华夏") == ["Cathay"]
    assert glosses("稀土") == ["rare earth"]


def test_modifier_senses_follow_the_dictionary_compounds() -> None:
    assert ranked_glosses("出口")[0] == "export"
    assert ranked_glosses("关键")[0] == "key"


def test_traditional_prefers_a_clean_surface_form() -> None:
    assert choose_traditional("稀土磁铁", ["稀土磁鐵"]) == "稀土磁鐵"
    # a machine-converted page that kept a Simplified character loses to OpenCC
    assert choose_traditional("采购价", ["采購價"]) == "採購價"
    assert choose_traditional("稀土", []) == "稀土"


def test_traditional_of_a_compound_converts_its_words_as_words() -> None:
    # OpenCC reads 毫米制造 as 毫 + 米制 ("metric system", where 制 stays 制) + 造: each word converted as a word
    assert choose_traditional("毫米制造") == "毫米製造" and choose_traditional("微米制作") == "微米製作"
    entry = align_candidate(Candidate(term="毫米制造"))
    assert entry.traditional == "毫米製造" and "毫米制造" not in entry.variants  # (nor as Taiwan's or Hong Kong's)
    # a word only the dictionary's split has (纸 + 面包 "bread" + 装) is no word of the term: OpenCC's reading stays
    assert choose_traditional("纸面包装") == "紙面包裝"


def test_a_word_of_a_term_takes_the_traditional_form_the_texts_write_it_in() -> None:
    # OpenCC's standard form of 车床 "lathe" is 車牀; a Taiwan article writes 車床, and a term built on it that only a
    # Simplified article holds took 車牀 (its words' own conversions): now the texts' form, in this run only
    lathe = Candidate(term="车床", surfaces={"車床": ["tw.txt"]}, traditional_surfaces=["車床"])
    holder = Candidate(term="车床刀架", surfaces={"车床刀架": ["cn.txt"]})
    entries = align_candidates([lathe, holder], workers=1)
    assert [e.traditional for e in entries] == ["車床", "車床刀架"]
    assert align_candidates([holder], workers=1)[0].traditional == "車牀刀架"  # (another run, another text)


def test_every_suggestion_has_a_source_and_confidence() -> None:
    c = Candidate(term="美国地质调查局", english_in_text=["USGS"])
    sugg = english_suggestions(c)
    assert sugg[0].text == "USGS" and sugg[0].source == "text" and sugg[0].confidence == 0.9
    assert all(s.source and 0 < s.confidence <= 1 for s in sugg)


def test_english_in_brackets_that_the_dictionary_does_not_say_is_an_aside_after_its_sense() -> None:
    # software messages put a platform, a key or a command in brackets after a word (字符 (MSDOS/Windows), 内部错误
    # (bug)): the word's dictionary sense comes first, the writer's English next
    aside = english_suggestions(Candidate(term="字符", english_in_text=["MSDOS/Windows"]))
    assert [e.text for e in aside[:2]] == ["character", "MSDOS/Windows"] and aside[1].source == "text"
    # an abbreviation, an English the resources share a word with, and a gloss of a word no dictionary has stay first
    assert english_suggestions(Candidate(term="字符", english_in_text=["CHR"]))[0].text == "CHR"
    assert english_suggestions(Candidate(term="时间戳", english_in_text=["timestamping"]))[0].text == "timestamping"
    assert english_suggestions(Candidate(term="双循环", english_in_text=["dual circulation"]))[0].confidence == 0.9


def test_an_abbreviation_in_brackets_that_spells_none_of_the_dictionarys_english_is_an_aside() -> None:
    # a technical text's brackets hold register names and other codes after a word (代码 (G0), 内核 (EL1)): the
    # dictionary's sense comes first; an abbreviation whose capitals spell a sense stays first (热插拔 (HP))
    code = english_suggestions(Candidate(term="代码", english_in_text=["G0"]))
    assert [e.text for e in code[:2]] == ["code", "G0"] and code[1].confidence == 0.78
    assert english_suggestions(Candidate(term="内核", english_in_text=["EL1"]))[0].source == "cedict"
    assert english_suggestions(Candidate(term="热插拔", english_in_text=["HP"]))[0].text == "HP"


def test_three_unrelated_english_in_brackets_qualify_a_term_and_name_none_of_it() -> None:
    # a language's name followed by keyboard layouts in software messages: the dictionary's name comes first
    many = english_suggestions(Candidate(term="捷克语", english_in_text=["QWERTY", "QWERTZ", "Macintosh"]))
    assert many[0].text == "Czech" and all(e.confidence < 0.2 for e in many if e.source == "text")
    # an expansion with its initials and a plural of it are one English, said three ways
    one = english_suggestions(
        Candidate(term="小部件控制单元", english_in_text=["Widget Control Unit", "WCU", "widget control units"])
    )
    assert [e.text for e in one[:2]] == ["Widget Control Unit", "WCU"] and one[0].confidence == 0.9


def test_a_language_is_named_as_cldr_names_it() -> None:
    # no dictionary has most languages' names: a pinyin "name" or a dictionary's variant spelling came first
    assert [(e.text, e.source) for e in english_suggestions(Candidate(term="爱沙尼亚语"))] == [("Estonian", "cldr")]
    assert english_suggestions(Candidate(term="泰卢固语"))[0].text == "Telugu"
    # … before a keyboard layout written after it in brackets
    assert english_suggestions(Candidate(term="罗马尼亚语", english_in_text=["Sun Type 6/7"]))[0].text == "Romanian"


def test_a_part_glossed_by_an_aside_or_among_qualifiers_lends_a_longer_term_no_english() -> None:
    from glossary.align.propose import use_texts

    try:
        use_texts(
            [
                Candidate(term="符号", english_in_text=["Dyalog APL", "Sun Type", "Macintosh"]),
                Candidate(term="退出", english_in_text=["Ctrl-C"]),
                Candidate(term="磁隧道结", english_in_text=["magnetic tunnel junction"]),
            ]
        )
        assert "Dyalog" not in english_suggestions(Candidate(term="符号链接"))[0].text
        assert "Ctrl" not in english_suggestions(Candidate(term="退出状态"))[0].text
        # a gloss of a word no dictionary has still names the longer terms built on it
        assert english_suggestions(Candidate(term="磁隧道结器件"))[0].text == "magnetic tunnel junction device"
    finally:
        use_texts([])


def test_approved_english_comes_first() -> None:
    sugg = english_suggestions(Candidate(term="钢材"), {"钢材": ["rolled steel products"]})
    assert (sugg[0].text, sugg[0].source) == ("rolled steel products", "termbase")
    assert sugg[1].text == "steel"


def test_latin_terms_are_their_own_english() -> None:
    e = align_candidate(Candidate(term="MP Materials", kind="latin"))
    assert (e.english[0].text, e.english[0].source) == ("MP Materials", "text")
    assert e.pinyin == "MP Materials"


def test_names_without_a_source_fall_back_to_pinyin() -> None:
    e = align_candidate(Candidate(term="塔博里兹"))
    assert (e.english[-1].source, e.english[-1].text) == ("pinyin", "Tabolizi")
    assert e.english[-1].confidence < 0.2


def test_entry_keeps_surfaces_as_variants() -> None:
    e = align_candidate(Candidate(term="稀土磁铁", surfaces={"稀土磁铁": ["a"], "稀土磁鐵": ["b"]}))
    assert e.traditional == "稀土磁鐵" and e.variants == []


def test_taiwan_words_are_variants() -> None:
    # OpenCC's s2twp: Taiwan says 軟體 for 软件 (軟件 character by character), 資料庫 for 数据库
    assert align_candidate(Candidate(term="软件")).variants == ["軟體"]
    assert "資料庫" in align_candidate(Candidate(term="数据库")).variants
    assert align_candidate(Candidate(term="稀土")).variants == []  # no variant where the forms agree


def test_verb_compounds_read_as_processes() -> None:
    assert compose("萃取提纯")[0] == "extraction and purification"


def test_derivational_prefix() -> None:
    assert compose("去工业化")[0] == "de-industrialization"


def test_place_before_a_known_name_and_office_word_order() -> None:
    texts = [e.text for e in english_suggestions(Candidate(term="美国司法部"))]
    assert texts[0] == "US Department of Justice" and "US Justice Department" in texts  # the official order first


def test_polyphone_reading_selects_the_sense() -> None:
    assert compose("重稀土")[0] == "heavy rare earth"  # 重 read zhòng here, not chóng "repeat"
    assert compose("采冶") == []  # two loose characters: no guess


def test_names_drop_descriptors_and_are_not_translated_literally() -> None:
    texts = [e.text for e in english_suggestions(Candidate(term="新华社"))]
    assert texts == ["Xinhua", "Xinhua News Agency"]  # the name as cited first


def test_dictionary_reading_corrects_pypinyin_but_keeps_citation_tones() -> None:
    from glossary.align.reading import reading

    assert reading("框架结构") == "kuàng jià jié gòu"  # pypinyin alone: kuāng jià
    assert reading("部分") == "bù fèn"  # the dictionary's neutral tone is not taken
    # a polyphone's reading in a word the dictionary lists is the dictionary's (pypinyin: hái kuǎn, zhòng zhì)
    assert reading("还款期限") == "huán kuǎn qī xiàn"
    assert reading("重置系统") == "chóng zhì xì tǒng"
    assert reading("薄膜") == "bó mó"
    assert reading("MP Materials公司") == "MP Materials gōng sī"


def test_a_polyphone_in_a_word_no_dictionary_knows_is_read_as_at_its_place_in_words() -> None:
    from glossary.align.reading import reading

    # pypinyin reads the lone character (diào, zhǎng); words beginning with 调 and 长 mostly read tiáo, cháng
    assert reading("调压站") == "tiáo yā zhàn"
    assert reading("长周期") == "cháng zhōu qī"
    # a dictionary word across the segmenter's words is no word of the term: 削减 + 量 + 计划 holds no 量计 "gauge"
    assert reading("削减量计划").split()[2] == "liàng"
    # a particle stays neutral; a phrase pypinyin knows keeps its reading (教 jiāo, not the prior's jiào)
    assert reading("发展的通知").split()[2] == "de"
    assert reading("教音乐") == "jiāo yīn yuè"


def test_a_polyphone_in_no_known_word_is_read_as_the_texts_own_words_read_it() -> None:
    # one sense per discourse: texts on power supply read 供 gōng in their words, and so in a coinage of theirs,
    # where CC-CEDICT's words ending in 供 mostly read gòng (口供, 招供); aligned alone, the coinage reads gòng
    from glossary.align import align_candidates

    texts = [Candidate(term=t) for t in ("供电", "供应", "供热", "电缆长", "管道互供")]
    together = {e.simplified: e.pinyin for e in align_candidates(texts, workers=1)}
    assert together["管道互供"] == "guǎn dào hù gōng"
    alone = align_candidates([Candidate(term="管道互供")], workers=1)[0].pinyin
    assert alone == "guǎn dào hù gòng"
    # a character the texts read both ways keeps its reading by place (长: 电缆长 alone among them)
    assert together["电缆长"] == align_candidates([Candidate(term="电缆长")], workers=1)[0].pinyin


def test_a_lexicon_s_english_says_which_reading_a_polyphone_in_no_known_word_has() -> None:
    from glossary.align import align_candidate
    from glossary.align.reading import reading
    from glossary.mining import lexicon

    # 相 xiāng "each other", xiàng "(physics) phase": the English says which (pypinyin and the place prior: xiāng)
    assert reading("相电压") == "xiāng diàn yā" and reading("相电压", "phase voltage") == "xiàng diàn yā"
    # its words' senses speak where its own say nothing; a tie between readings decides nothing
    assert reading("栅极电压", "gate voltage").split()[0] == "shān"  # (栅极 is a word: CC-CEDICT reads it)
    assert reading("调出", "call-out") == "diào chū" and reading("调出") == "tiáo chū"
    if lexicon.available():  # ECDICT gives 相电压 "phase voltage"; a composition's English ("mutually …") would not
        assert align_candidate(Candidate(term="相电压")).pinyin == "xiàng diàn yā"
        # a word inside the term that the lexicon translates says it too: 合模销 "mold closing pin" reads 模 mú
        # (as 模具 "mold"), not mó (as 模型 "model"), in a term with no English of its own
        assert reading("合模销钉").split()[:2] == ["hé", "mú"]
        # ECDICT's 绝缘栅 "insulated gate" says "gate", which both readings of 栅 say (栅门 zhà mén, 栅极 shān jí):
        # the tie goes to the reading whose senses the term's other words share (效应 "effect": field-effect
        # transistors are shān's)
        assert reading("绝缘栅场效应管").split()[2] == "shān"
        assert reading("栅栏门").split()[0] == "zhà"  # (a fence's: no tie, nothing to break)


def test_a_lexicon_s_of_phrase_that_a_composition_says_as_a_compound_gives_the_compound_first() -> None:
    from glossary.mining import lexicon

    if not lexicon.available():
        pytest.skip("ECDICT is not installed (make venv)")
    # ECDICT renders 收入来源 "source of income"; the composition says "income source": a glossary lists the compound
    texts = [(e.text, e.source) for e in english_suggestions(Candidate(term="收入来源"))]
    assert texts[:2] == [("income source", "ecdict"), ("source of income", "ecdict")]


def test_a_composition_takes_the_lexicons_word_where_cc_cedict_leaves_a_loose_character() -> None:
    from glossary.mining import lexicon

    if not lexicon.available():
        pytest.skip("ECDICT is not installed (make venv)")
    # CC-CEDICT splits 蒸发器 into 蒸发 + 器 ("evaporation device"); ECDICT renders the word whole, under a label
    assert compose("蒸发器故障")[0].split()[0] == "evaporator"
    assert compose("曲轴箱故障")[0].split()[0] == "crankcase"
    # its acronym is no part of a composition: 曲轴箱 is also "CRKC" in ECDICT
    assert not any("CRKC" in e for e in compose("曲轴箱故障"))


def test_a_labelled_phrase_sense_is_said_by_its_head_where_the_lexicon_s_compounds_say_it_so() -> None:
    from glossary.mining import lexicon

    if not lexicon.available():
        pytest.skip("ECDICT is not installed (make venv)")
    # CC-CEDICT's first sense of 寄存器 is "processor register (computing)", of 扇区 "disk sector (computing)":
    # inside a term the compounds say them by their heads ("register file"), not the whole phrase, nor a later
    # everyday sense that a one-word preference put first
    assert compose("寄存器文件")[0] == "register file"
    assert compose("扇区大小")[0] == "sector size"


def test_a_lexicon_s_english_words_and_own_entries_come_before_misspellings_and_bare_glossary_lines() -> None:
    from glossary.mining import lexicon

    if not lexicon.available():
        pytest.skip("ECDICT is not installed (make venv)")
    # 机构 is the whole line of "machanism" and of "mrvhsnidm", letters English does not write
    assert lexicon.english("机构")[0] == "institution"
    # two whole lines: the dictionary's own phrase (a pronunciation) before a line of a merged glossary ([机])
    assert lexicon.english("齿轨铁路")[0] == "cog railway"
    assert lexicon.english("交流发电机")[0] == "alternator"
    # a verb's inflection repeats its lemma's lines ("decommitted" beside "decommit"); a plural noun renders
    assert "decommitted" not in lexicon.english("回收") and "eyeglasses" in lexicon.english("眼镜")
    # of two whole lines, the phrase whose word pairs the web uses ("fuel cell") before one it does not
    assert lexicon.english("燃料电池")[0] == "fuel cell"
    # an acronym ECDICT writes in lower case ("aarp", abbr.) is written as one
    assert lexicon.english("美国退休者协会")[0] == "AARP"
    assert lexicon.english("北大西洋公约组织")[0] == "NATO"


def test_a_short_form_s_sense_after_its_reference_is_its_english() -> None:
    # CC-CEDICT 2026: 世博 "abbr. for 世界博覽會|世界博览会[Shi4 jie4 Bo2 lan3 hui4], World Expo" (before, no sense)
    assert glosses("世博") == ["World Expo"]
    assert glosses("墨")[0] == "ink stick"  # (a character's abbreviation is no first sense: 墨 for Mexico)


def test_verbal_nouns_stay_a_compound() -> None:
    assert compose("出口管制")[0] == "export control"  # not "exporting and controlling"
    assert compose("铁矿精矿")[0] == "iron ore concentrate"  # one-word senses inside compounds


def test_a_latin_name_in_the_texts_is_matched_to_its_transliteration() -> None:
    from glossary.align.translit import match

    assert match("莱纳斯", ["Lynas Rare Earths", "MP Materials"]) == ["Lynas"]
    assert match("塔博里兹", ["Taboritz"]) == ["Taboritz"]
    assert match("莱纳斯", ["Alanis"]) == []  # same consonants, but a name begins alike: l… is not A…
    c = Candidate(term="莱纳斯", latin_nearby=["Lynas Rare Earths", "NBA"])
    e = english_suggestions(c)
    assert (e[0].text, e[0].source) == ("Lynas", "translit")


def test_no_pinyin_rendering_for_words_that_are_not_names() -> None:
    # not a name and unknown to the dictionary as a whole: nothing, rather than "Kuangfen"
    assert all(e.source != "pinyin" for e in english_suggestions(Candidate(term="矿粉")))


def test_later_wordings_of_a_sense_are_offered() -> None:
    # CC-CEDICT: 行业 "trade; profession; industry; business" — compounds choose "industry"
    assert "industry" in glosses("行业")
    assert ranked_glosses("行业")[0] == "industry"


def test_verbs_take_the_form_english_terms_use() -> None:
    assert compose("追溯方法")[0] == "tracing method"  # a phrasal verb before a noun: -ing
    assert compose("进口限制")[0] == "import restriction"  # a verb as the head: its action noun
    assert compose("出口管制")[0] == "export control"  # "controlling" is no better than "control"
    assert compose("萃取提纯")[0] == "extraction and purification"
    assert compose("氧化物提纯")[0] == "oxide purification"  # not an anion rule applied to a phrase


def test_a_verb_before_a_noun_names_its_act() -> None:
    # the action noun English uses, by its word frequencies: derived, -ing, or the verb when it is a noun too
    assert compose("勘探基金")[0] == "Exploration Fund"
    assert compose("建设周期")[0] == "construction period"  # 建设 "to build; to construct" is one sense
    assert compose("回收率")[0] == "recovery rate"  # (recycle's act noun is recycling; ECDICT's compounds say recovery)
    assert compose("精炼炉")[0] == "refining furnace"  # (the attested English pair before "refining stove")
    assert compose("矿山管理系统")[0] == "mine management system"  # the dictionary's own noun sense
    assert compose("稀土供应链")[0] == "rare earth supply chain"  # "supply" is a noun as well


def test_a_prefix_before_a_verb_and_head() -> None:
    # 反 + 腐败 "corrupt" + 机制: the act's noun (corruption), and the head's noun sense
    assert compose("反腐败机制")[0] == "anti-corruption mechanism"


def test_a_head_is_no_adjective_in_any_alternative() -> None:
    # 机制's senses after "mechanism" are participles; ECDICT's English for the word gave "machine made" among the
    # lower alternatives of every such term (an earlier test looked for it with a hyphen, which the composer never
    # writes, and passed)
    assert not [e for e in compose("反腐败机制") if e.endswith(("machine-processed", "machine-made", "machine made"))]


def test_a_verb_head_is_its_noun_unless_a_modal_governs_it() -> None:
    assert compose("稀土依赖")[0] == "rare earth dependence"  # "depend on" as the head: not "depending"
    assert compose("难以实现")[0] == "hard to achieve"  # after "hard to" the verb stays


def test_fewest_loose_characters_when_splitting_a_term() -> None:
    assert compose("中国海军")[0] == "China navy"  # 中国 + 海军, not 中国海 "China Seas" + 军
    assert not any("sea" in e.lower() for e in compose("中国海军"))


def test_a_name_the_segmenter_knows_gets_pinyin_and_its_place_word() -> None:
    # neither CC-CEDICT, ISO 3166-2 nor the transliteration table has 勐拉, but the segmenter reads 勐拉县 as a name
    first = english_suggestions(Candidate(term="勐拉县"))[0]
    assert (first.text, first.source) == ("Mengla County", "pinyin")
    assert english_suggestions(Candidate(term="芒廷帕斯矿"))[0].text == "Mangtingpasi Mine"


def test_a_region_iso_3166_names_takes_its_english_name_and_kind() -> None:
    # CC-CEDICT lacks 若开邦; ISO 3166-2 (through pycountry) names it, and says it is a state
    got = [(e.text, e.source) for e in english_suggestions(Candidate(term="若开邦"))]
    assert got == [("Rakhine", "iso3166"), ("Rakhine State", "iso3166")]  # no pinyin "Ruokai State" beside a source
    assert [e.text for e in english_suggestions(Candidate(term="曼德勒省"))][:2] == ["Mandalay", "Mandalay Region"]
    # the dictionary's English wins over the standard's local form, and a common word is no region
    assert english_suggestions(Candidate(term="巴库"))[0].text == "Baku"  # ISO: "Bakı"
    assert "Orange Walk" not in [e.text for e in english_suggestions(Candidate(term="橘园"))]


def test_a_place_whose_senses_cite_hanzi_keeps_its_name() -> None:
    # "Anhui Province, short name 皖[Wan3], capital Hefei 合肥[He2 fei2]": the name before the Hanzi is English
    assert english_suggestions(Candidate(term="安徽省"))[0].text == "Anhui Province"
    assert compose("广东省政府")[0] == "Guangdong Province government"
    # a word with other senses does not take a historical one that cites Hanzi (Han, a Warring State)
    assert english_suggestions(Candidate(term="韩国"))[0].text == "South Korea"
    # two names of one place are two suggestions
    assert [e.text for e in english_suggestions(Candidate(term="伯恩"))] == ["Bern", "Berne"]


def test_a_name_written_with_other_characters_of_the_same_sound() -> None:
    # CC-CEDICT writes Artemis 阿耳忒弥斯; the texts write 阿尔忒弥斯, read alike
    first = english_suggestions(Candidate(term="阿尔忒弥斯"))[0]
    assert (first.text, first.source) == ("Artemis", "cedict")
    assert (
        english_suggestions(Candidate(term="帕森特"))[0].source == "pinyin"
    )  # (an invented name) no name of that sound


def test_a_head_after_a_name_follows_the_naming_rules() -> None:
    assert english_suggestions(Candidate(term="阿尔忒弥斯计划"))[0].text == "Artemis Program"
    assert english_suggestions(Candidate(term="塔博里兹项目"))[0].text == "Tabolizi Project"


def test_a_known_place_before_a_name_keeps_its_english() -> None:
    c = Candidate(term="格陵兰塔博里兹矿床", latin_nearby=["Taboritz"])
    assert [e.text for e in english_suggestions(c)] == ["Greenland Taboritz deposit"]
    alone = Candidate(term="格陵兰塔博里兹矿床")
    assert english_suggestions(alone)[0].text == "Greenland Tabolizi deposit"


def test_the_literal_head_wins_over_a_paraphrasing_gloss() -> None:
    # a gloss that is no word-for-word rendering stays first: 基础设施 "infrastructure"
    assert english_suggestions(Candidate(term="基础设施"))[0].text == "infrastructure"
    assert english_suggestions(Candidate(term="镝"))[0].text == "dysprosium"  # one character: nothing to split
    # a gloss of the term's own words and one word more that explains it: the literal term first
    assert english_suggestions(Candidate(term="产业链"))[0].text == "industrial chain"  # (a word more in the gloss)
    assert (
        english_suggestions(Candidate(term="新闻出版总署"))[0].text == "General Administration of Press and Publication"
    )
    # the gloss's head is a sense of the term's head (线 "thread; line"): the gloss stays first
    assert english_suggestions(Candidate(term="生产线"))[0].text == "production line"


def test_descriptions_follow_equivalents_and_abbreviations_stand_alone() -> None:
    # CC-CEDICT's first sense of 草台班子 is a description ("… troupe that tours small towns …")
    assert glosses("草台班子")[0] == "makeshift band of individuals"
    assert glosses("信使核糖核酸") == ["messenger RNA", "mRNA"]  # one sense "messenger RNA, mRNA"
    assert is_description("troupe that tours") and is_description("part of a whole: aspect")
    assert not is_description("thatched roof") and not is_description("used car")


def test_a_verb_entry_is_offered_as_the_noun_a_term_names() -> None:
    # terms are nouns: the dictionary's verb first becomes the act's noun, the verb stays after it
    for term, noun, verb in (
        ("分离", "separation", "separate"),
        ("精炼", "refining", "refine"),
        ("依赖", "dependence", "depend on"),
    ):
        texts = [e.text for e in english_suggestions(Candidate(term=term))]
        assert texts[:2] == [noun, verb], term
    assert [e.text for e in english_suggestions(Candidate(term="审批"))][0] == "approval"  # examine and approve
    assert compose("财政投入")[0] != "financial put"  # "put into" has no noun of its own
    assert [e.text for e in english_suggestions(Candidate(term="管制"))][0] == "control"  # a noun too
    assert [e.text for e in english_suggestions(Candidate(term="使用"))][0] == "use"  # not "using"


def test_a_state_names_its_quality_in_a_term() -> None:
    # CC-CEDICT: 适航 "to be airworthy" — no verb, and in a term the quality's noun
    assert glosses("适航")[0] == "airworthy"
    assert compose("适航标准")[0] == "airworthiness standard"
    # 接种 "to be inoculated; to be vaccinated": the term names the act
    assert [e.text for e in english_suggestions(Candidate(term="接种"))][:2] == ["inoculation", "inoculated"]


def test_a_phrase_takes_the_form_its_compounds_give_it_before_a_noun() -> None:
    # 国防 "national defense"; its compounds begin "defense" (国防预算 "defense budget", 国防工厂 "defense plant")
    assert compose("国防生产法")[:2] == ["Defense Production Law", "Defense Production Act"]
    assert compose("稀土供应链")[0] == "rare earth supply chain"  # no compound says otherwise
    # 战略伙伴 strategic partner, 技术工人 technical worker …: the first word as its compounds begin
    assert compose("战略物资")[0] == "strategic material"
    assert compose("技术壁垒")[0] == "technical barrier"
    assert compose("欧洲航空安全局")[0].startswith("European")  # as the dictionary writes it
    assert compose("单通道")[0] == "single channel"  # 单 "bill; list; …; single": single room, single-celled
    # further in, a word heads a phrase of its own, and before "and" it is a noun
    assert compose("能源技术供应链")[0] == "energy technology supply chain"
    assert compose("钢铁供应技术与资源转化法案")[0].startswith("Steel Supply Technology and Resource")


def test_a_one_character_head_takes_the_sense_its_compounds_end_in() -> None:
    # 量 "measure; capacity; quantity": CC-CEDICT's words ending in 量 end in "quantity" in English
    assert compose("出口量")[0] == "export quantity"
    assert compose("回收率")[0] == "recovery rate"
    assert "condom" not in compose("相配套")[0]  # 避孕套, 安全套, 保险套 do not make 套 a condom


def test_a_one_character_head_the_dictionarys_words_say_nothing_of_takes_ecdicts_compounds_sense() -> None:
    # 电 "lightning; electricity; …": too few of CC-CEDICT's words ending in 电 end their English in one of its
    # senses, and a term ending in it was a "… lightning"; ECDICT's compounds end in "electricity"
    from glossary.mining import lexicon

    if not lexicon.available():
        pytest.skip("ECDICT is not installed (make venv)")
    from glossary.align.edges import suffix_sense
    from glossary.align.options import rule_options

    assert suffix_sense("电") is None
    assert rule_options("电", final=True, first=False)[0] == "electricity"
    assert compose("海水电")[0] == "seawater electricity"  # (an invented term)


def test_a_verb_head_names_the_act() -> None:
    assert compose("进口审批")[0] == "import approval"  # 审批 "to examine and approve": the last verb's act
    assert compose("进口申请")[0] == "import application"  # 申请 "to apply for; application form"


def test_an_adjective_suffix_before_a_noun_is_said_by_word_order() -> None:
    assert compose("政策性银行")[0] == "policy bank"  # 性 "suffix forming adjective", not "nature"
    assert compose("美国的大豆供应链")[0] == "US soybean supply chain"  # 的 joins them; no "of", no "taxi"
    assert compose("管理条例")[0] == "Management Regulations"  # a naming rule's head alone, in its words


def test_a_head_whose_sense_is_a_of_b_is_the_compound_b_a_after_a_modifier() -> None:
    # 振频 "frequency of vibration": system vibration frequency, not "system frequency of vibration"
    assert compose("系统振频")[0] == "system vibration frequency"
    assert compose("协会理事")[0] == "association council member"  # 理事 "member of council"
    # unless English fixed the phrase in that order (ECDICT has "head of state"): no "national state head"
    assert compose("国家元首")[0] == "national head of state"


def test_a_company_s_legal_form_is_co_ltd_and_no_shorter_head_is_read_inside_it() -> None:
    # 有限公司 is a naming rule's head of its own: no "Finite" + 公司's "Company" beside it
    got = compose("上海电气集团有限公司")
    assert got[0] == "Shanghai Electric Group Co., Ltd."
    assert not any("Finite" in g for g in got)
    assert compose("北京小米科技有限责任公司")[0] == "Beijing Xiaomi Science and Technology Co., Ltd."


def test_a_character_that_says_type_between_modifier_and_head_is_said_by_word_order() -> None:
    # 式 "type; form", 型 "mold; type", 类 "kind; type": no "rotation type compressor", "food kind enterprise"
    assert compose("旋转式压缩机")[0] in ("rotary compressor", "rotation compressor")
    assert compose("家用型空调")[0] == "domestic air conditioning"
    assert compose("食品类企业")[0] == "food enterprise"
    assert compose("科技类公司")[0] == "Science and Technology Company"  # and before a naming rule's head
    assert compose("临时性办法")[0] == "Temporary Measures"  # as an adjective suffix there is: no "Nature"
    # after a number it is the modifier's word: type 2, not "2 diabetes" nor "2 type diabetes"
    assert compose("3型胶原蛋白")[0] == "type 3 collagen"


def test_the_united_states_has_departments() -> None:
    # CC-CEDICT: 卫生部 "Ministry of Health"; the US executive departments are Departments
    assert english_suggestions(Candidate(term="美国卫生部"))[0].text == "US Department of Health"
    assert english_suggestions(Candidate(term="中国外交部"))[0].text == "China Ministry of Foreign Affairs"


def test_a_country_s_law_is_named_of_the_country() -> None:
    # every PRC statute's official English is "… Law of the People's Republic of China"
    texts = [e.text for e in english_suggestions(Candidate(term="中华人民共和国出口管制法"))]
    assert texts[:2] == [
        "Export Control Law of the People's Republic of China",
        "People's Republic of China Export Control Law",
    ]
    texts = [e.text for e in english_suggestions(Candidate(term="美国出口管制条例"))]
    assert texts[:2] == ["US Export Control Regulations", "Export Control Regulations of the US"]


def test_a_government_is_named_by_the_surname_of_its_head() -> None:
    assert english_suggestions(Candidate(term="特朗普政府"))[0].text == "Trump administration"  # an American
    assert english_suggestions(Candidate(term="默克尔政府"))[0].text == "Merkel government"
    assert english_suggestions(Candidate(term="美国政府"))[0].text == "US government"  # no person


def test_a_use_before_a_noun_is_said_by_its_modifier() -> None:
    assert compose("民用飞机")[0].split()[0] in ("civil", "civilian")  # 民用 "civilian use"
    assert "use" not in compose("民用飞机")[0]
    assert compose("军用飞机")[0].split()[0] == "military"  # 军用 "military application; military use"
    assert "application" not in compose("军用飞机")[0]


def test_a_noun_modifies_with_its_adjective() -> None:
    assert compose("经济可行性")[0] == "economic feasibility"
    assert compose("行政效率")[0] == "administrative efficiency"


def test_suffix_senses_attach_or_are_dropped() -> None:
    assert compose("工业化")[0] == "industrialization"
    assert compose("空心化") == []  # "hollow -ization" is not English


def test_two_words_sharing_a_character_are_read_together() -> None:
    # 液晶 "liquid crystal" + 体, where 晶体 is "crystal": both render 晶 alike
    assert compose("液晶体") == ["liquid crystal"]
    assert compose("液晶体工厂")[0] == "liquid crystal factory"  # inside a term as well


def test_after_of_a_ministry_names_the_thing_not_its_adjective() -> None:
    # CC-CEDICT: 司法 "judicial; (administration of) justice": no noun sense is formed from "judicial", yet after
    # "of" English names the thing (it composed "Department of Judicial")
    assert compose("司法部")[0] == "Department of Justice"
    assert compose("司法局")[0] == "Judicial Bureau"  # before a noun the adjective stays


def test_a_country_goes_before_a_body_the_naming_rules_name() -> None:
    # 煤炭部 and 文化部 are in no dictionary as names: the naming rules make "Ministry of Coal" of the body, and the
    # country goes before the whole, not inside its "of" ("Department of Indian Coal" before)
    assert compose("印度煤炭部")[0] == "India Ministry of Coal"
    assert compose("美国文化部")[0] == "US Department of Culture"  # only the United States has departments
    assert compose("印度环境省")[0] != "India Ministry of Environment"  # 省 names no ministry in the rules


def test_senses_of_a_word_without_compounds_are_chosen_by_its_first_word() -> None:
    # 气象局 "weather bureau; meteorological office": 气象's compounds (气象学 meteorology, 气象站 …) say
    # meteorological
    assert ranked_glosses("气象局")[0] == "meteorological office"


def test_a_prefix_character_takes_the_sense_its_compounds_use() -> None:
    # 重 "repeat; …; heavy" begins 重金属 "heavy metal" and its like; 重新 "again" is no compound of a word
    assert compose("重卡车")[0] == "heavy truck"


def test_two_prefix_characters_before_a_noun_are_two_modifiers() -> None:
    assert compose("轻重稀土")[0] == "light and heavy rare earth"  # not 轻重 "severity"
    assert compose("高低温")[0] == "high and low temperature"
    # unless the word's own sense says both, one qualifying the other (负电 "negative electric charge")
    assert compose("负电粒子")[0] == "negative electric charge particle"


def test_two_prefix_characters_that_are_no_opposites_are_a_word_of_their_own() -> None:
    # 内 "internal" and 核 "nuclear" each begin words, but 内核 is a kernel: no "internal and nuclear module"
    for term in ("内核模块", "真空泵", "重新审查"):
        assert not any(" and " in e for e in compose(term)[:3]), compose(term)[:3]
    assert compose("真空泵")[0] == "vacuum pump"


def test_wordnet_gives_an_adjectives_opposites_and_its_synonyms_and_satellites_share_them(tmp_path) -> None:
    from glossary.align.wordnet import read_antonyms

    # three synsets in data.adj's form: large (big), similar to it huge, and small, large's antonym
    lines = [
        "  1 This software and database is being provided to you",
        "00000100 00 a 02 large 0 big 0 002 & 00000200 a 0000 ! 00000300 a 0101 | above average in size",
        "00000200 00 s 01 huge 0 001 & 00000100 a 0000 | unusually great in size",
        "00000300 00 a 01 small(a) 0 001 ! 00000100 a 0101 | limited in size",
    ]
    (tmp_path / "data.adj").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = read_antonyms(tmp_path / "data.adj")
    assert found["large"] == ["small"] and found["big"] == ["small"] and found["huge"] == ["small"]
    assert found["small"] == ["big", "huge", "large"]


def test_a_character_beside_a_prefix_is_a_second_modifier() -> None:
    # 中 starts few of its words as "middle" (most are 中国 words), but beside the prefix 重 "heavy" it is one
    assert compose("中重货车")[0] == "middle and heavy truck"
    assert compose("极低温度")[0] == "extremely low temperature"  # an adverb qualifies the next modifier


def test_a_ministry_takes_the_naming_of_the_one_country_the_texts_give_it() -> None:
    from glossary.models import Context

    def first_two(term: str, *sentences: str) -> list[tuple[str, str]]:
        c = Candidate(term=term, contexts=[Context("a.txt", i, s) for i, s in enumerate(sentences)])
        return [(e.text, e.source) for e in english_suggestions(c)][:2]

    # CC-CEDICT has 财政部 as "Ministry of Finance"; the United States calls its ministries departments
    assert first_two("财政部", "美国财政部周三宣布", "财政部还说") == [
        ("Department of Finance", "context"),
        ("US Department of Finance", "context"),
    ]
    # CC-CEDICT has 商务部 only as "Department of …"; another country's is a ministry, under its CLDR name
    assert first_two("商务部", "英國商務部表示") == [
        ("Ministry of Commerce", "context"),
        ("United Kingdom Ministry of Commerce", "context"),
    ]
    assert first_two("商务部", "英国商务部表示", "日本商务部说")[0][1] != "context"  # two countries: no telling
    assert first_two("财政部发言人", "美国财政部发言人说")[0][1] != "context"  # a spokesperson is no ministry


def test_a_verb_sense_naming_its_object_names_the_act() -> None:
    # CC-CEDICT: 拨款 "to allocate funds", 冶炼 "to smelt metal"; 款 says "funds", so its object comes first
    assert [e.text for e in english_suggestions(Candidate(term="拨款"))][:2] == ["funds allocation", "allocation"]
    assert compose("冶炼设备")[0] == "smelting equipment"
    assert [e.text for e in english_suggestions(Candidate(term="视作"))][0] == "regard as"  # "as" is no object
    assert english_suggestions(Candidate(term="无语"))[0].text == "remain silent"  # nor is an adjective


def test_a_word_the_dictionary_lacks_is_not_guessed_from_its_characters() -> None:
    # the segmenter reads 舱段 (a fuselage section) and 叶盘 (a blisk) as words; CC-CEDICT has neither, and
    # their characters' senses guess: "cabin paragraph dock technology", "leaf plate manufacturing technology"
    assert compose("舱段对接技术") == [] and compose("叶盘制造技术") == []
    assert compose("重卡车出口")[0] == "heavy truck export"  # a prefix character keeps its sense


def test_a_verb_head_is_named_by_its_irregular_noun_when_the_dictionary_lists_it() -> None:
    # CC-CEDICT: 分析 "to analyze; analysis"
    assert compose("数据分析")[0] == "data analysis"


def test_a_word_of_words_reads_inside_a_term_as_it_does_alone() -> None:
    # 产业链 alone is "industrial chain" (CC-CEDICT paraphrases it with a word more); so it is inside a term
    assert compose("产业链企业")[0] == "industrial chain enterprise"
    # a one-character head's first sense is no reason to set the dictionary aside (额 "forehead; amount")
    assert english_suggestions(Candidate(term="出口额"))[0].text == "export amount"


def test_a_modifier_takes_the_adjective_its_last_character_has() -> None:
    # 永磁 "permanent magnetism"; 磁 is "magnetic; magnetism"; 东南亚 "Southeast Asia", 亚 "Asia; Asian"
    assert compose("永磁电机")[0].startswith("permanent magnetic ")
    assert compose("东南亚国家")[0] == "Southeast Asian nation"


def test_no_initials_are_made_up_for_a_sense_of_two_names() -> None:
    """A rule said a short form whose sense is two names joined by "and" by their initials; in CC-CEDICT it fired
    on two entries, and put "S&S" first for 花旗 ("the Stars and Stripes; abbr. for Citibank"): gone."""
    from glossary.align import dictionary

    senses = dictionary.ranked_glosses("花旗")
    assert senses[0] == "Stars and Stripes"
    assert not [g for g in senses if "&" in g]


def test_a_bound_prefix_sense_is_counted_by_the_words_it_begins() -> None:
    from glossary.align import edges

    # 多 "many; multi-": multimedia, multipurpose, multi-platform … begin with "multi"
    assert edges.prefix_sense("多") == "multi-"
    assert compose("多级萃取")[0] == "multi-level extraction"
    assert compose("非正式")[0] != "wrong formal"  # 非 "non-", not its sense "wrong"


def test_a_quality_suffix_makes_the_noun_of_the_word_before_it() -> None:
    # CC-CEDICT's words ending in 度 and 性 are mostly such nouns (倾斜度 inclination, 一致性 consistency)
    assert compose("进口依赖度")[0] == "import dependence"  # not "import depending measure"
    assert compose("迷惑性") == ["confusion"]  # 迷惑 "puzzle; confuse": the first verb with a noun of its own
    assert compose("排他性") == ["exclusivity"]
    assert compose("事实性")[0] != "fact"  # 事实 "fact" names no quality


def test_chinese_regulations_are_also_named_in_their_official_word_order() -> None:
    # PRC statutes are translated "Regulations on …", "Provisions on …", "Measures for …"
    assert any(e.startswith("Regulations on Import ") for e in compose("进口管理条例"))
    assert compose("出口许可证管理办法")[:2] == [
        "Export License Management Measures",
        "Measures for Export License Management",
    ]


def test_every_wording_of_a_sense_and_the_noun_of_every_verb_sense_is_offered() -> None:
    from glossary.align import dictionary

    # "pethidine (aka meperidine or Demerol) (loanword)"
    assert dictionary.ranked_glosses("哌替啶", limit=4)[:3] == ["pethidine", "meperidine", "Demerol"]
    # 采购 "purchase; procure": the act of the later verb sense too
    assert "procurement" in [e.text for e in english_suggestions(Candidate(term="采购"))]


def test_a_law_of_a_country_that_names_its_statutes_acts_is_an_act() -> None:
    from glossary.models import Context

    def first(sentence: str) -> tuple[str, str]:
        e = english_suggestions(Candidate(term="清洁空气法", contexts=[Context("a.txt", 0, sentence)]))[0]
        return e.text, e.source

    assert first("美国国会修订了《清洁空气法》") == ("Clean Air Act", "context")
    assert first("英国和美国都有《清洁空气法》") == ("Clean Air Act", "context")
    assert first("中国颁布《清洁空气法》")[0] == "Clean Air Law"
    assert first("一部《清洁空气法》")[0] == "Clean Air Law"  # no country: as the naming rules give it


def test_fields_other_than_the_seeds_keep_their_words() -> None:
    # 负极 "negative pole; cathode" is a word: its characters are no two modifiers ("negative and extremely")
    assert "negative and extremely material" not in compose("负极材料")
    # a term with an element's character is no name, even when the segmenter tags it as a place
    assert all(e.source != "pinyin" for e in english_suggestions(Candidate(term="碳达峰")))


def test_a_head_character_inside_a_term_heads_the_word_before_it() -> None:
    # 权 ends 人权 human rights, 版权 copyright …: after 排污 it is "right", not "authority" or "power"
    assert compose("排污权交易")[0].startswith("draining right ")
    assert compose("地质调查局数据")[0].endswith(" office data")  # 局, not "narrow"


def test_the_act_of_a_verb_counts_the_plural_of_its_noun() -> None:
    # "fluctuations" outnumber "fluctuation" threefold; together they outnumber "fluctuating"
    assert compose("汇率波动")[0] == "exchange rate fluctuation"
    assert english_suggestions(Candidate(term="支付"))[0].text == "payment"  # CC-CEDICT: 支付 "to pay (money)"


def test_a_head_is_the_noun_beside_its_adjective_and_the_dictionary_keeps_its_own_word_form() -> None:
    # 安全 "secure; security; safe; safety"; 竞争 "compete; competition"
    assert compose("食品安全")[0] in ("food security", "food safety")  # a noun, not "food safe"
    assert compose("企业竞争")[0] == "enterprise competition"
    # 人工智能 is CC-CEDICT's "artificial intelligence": the composition's "intelligent" is the same word, the
    # dictionary's form stays first
    assert english_suggestions(Candidate(term="人工智能"))[0].text == "artificial intelligence"


def test_a_verb_with_a_noun_sense_of_its_stem_is_named_by_it() -> None:
    # 补贴 "to subsidize; subsidy"; 进口 "to import; imported" keeps "import" (an adjective is no noun)
    assert compose("政府补贴")[0] == "government subsidy" and compose("补贴政策")[0] == "subsidy policy"
    assert compose("进口量")[0] == "import quantity"


def test_a_law_is_named_when_its_head_ends_the_fewest_words() -> None:
    # 保护 + 法, though 护法 is a word of its own; 稀土 + 非法 ("illegal") has no 法 head
    assert compose("个人信息保护法")[0] == "Personal Information Protection Law"
    assert compose("司法解释")[0] == "judicial interpretation"  # interpret → interpretation


def test_a_country_before_a_name_is_said_by_its_cldr_name() -> None:
    # CC-CEDICT's first sense of 荷兰 is "Holland"; a country before a transliterated name keeps its English
    assert english_suggestions(Candidate(term="荷兰阿斯麦公司"))[0].text.startswith("Netherlands ")
    texts = [e.text for e in english_suggestions(Candidate(term="美国芒廷帕斯稀土矿"))]
    assert texts and texts[0].startswith("US ") and texts[0].endswith(" rare earth ore")
    assert not any("Bentu" in e.text for e in english_suggestions(Candidate(term="美国本土稀土")))  # words, no name


def test_a_prefix_character_is_not_read_as_part_of_a_name() -> None:
    assert compose("新材料")[0] == "new material"
    assert compose("高附加值") == ["high added-value"]
    assert compose("SK海天力") == []  # 海 is no prefix: the word stays a name


def test_parallel_alignment_gives_the_same_entries(seed_dir) -> None:
    from glossary.align import align_candidates
    from glossary.mining import mine_documents
    from glossary.sources import read_sources

    cands = mine_documents(read_sources([seed_dir]).documents, limit=60)
    assert align_candidates(cands, workers=2) == align_candidates(cands, workers=1)


def test_proper_nouns_lose_the_dictionary_s_description() -> None:
    from glossary.align.dictionary import name_only

    assert glosses("雅虎")[0] == "Yahoo"  # CC-CEDICT: "Yahoo, Internet portal"
    assert name_only("Ganzhou prefecture-level city in Jiangxi") == "Ganzhou"
    assert english_suggestions(Candidate(term="雅虎公司"))[0].text == "Yahoo"  # not "Yahoo Company"
    texts = [e.text for e in english_suggestions(Candidate(term="中国外交部"))]
    assert "China Office of Foreign" not in texts  # an adjective before an office word stays there


def test_another_field_gets_english_from_its_texts_and_the_dictionary() -> None:
    from pathlib import Path

    from glossary.align import align_candidates
    from glossary.mining import mine_documents
    from glossary.sources import read_sources

    folder = Path(__file__).parent / "data" / "other_field"
    entries = {e.simplified: e for e in align_candidates(mine_documents(read_sources([folder]).documents, limit=300))}
    first = {
        t: (entries[t].english[0].text, entries[t].english[0].source)
        for t in ("信使核糖核酸", "生物新技术公司", "欧洲航空安全局", "美国联邦航空管理局")
    }
    assert first == {
        "信使核糖核酸": ("mRNA", "text"),
        "生物新技术公司": ("BioNTech", "text"),
        "欧洲航空安全局": ("EASA", "text"),
        "美国联邦航空管理局": ("FAA", "text"),
    }
    assert entries["世界卫生组织"].english[0].text == "World Health Organization"
    assert entries["适航标准"].english[0].text == "airworthiness standard"
    assert entries["涡扇发动机"].english[0].text == "turbofan engine"
    # the gloss is the longer name's
    assert not entries["安全局"].english or entries["安全局"].english[0].text != "EASA"


def test_naming_rules_need_the_head_as_a_word_of_its_own() -> None:
    assert not any("Bureau" in t for t in compose("稀土困局"))  # 困局 is "predicament", not a bureau
    assert not any("Law" in t for t in compose("稀土非法"))  # 非法 is "illegal"
    assert compose("新闻出版总署")[0] == "News Publishing General Administration"


def test_a_name_before_common_words_is_rendered_and_the_rest_translated() -> None:
    e = english_suggestions(Candidate(term="塔博里兹矿床", latin_nearby=["Taboritz", "Greenland"]))
    assert (e[0].text, e[0].source) == ("Taboritz deposit", "translit")
    texts = [x.text for x in english_suggestions(Candidate(term="芒廷帕斯稀土矿"))]
    assert texts[0].startswith("Mangtingpasi rare earth")  # no Latin form in the texts: pinyin for the name
    assert "Mangtingpasixitukuang" not in texts  # never the pinyin of the words after the name


def test_a_one_character_head_names_a_thing() -> None:
    # 度 is "to pass; to spend" as a verb, "measure; extent; degree" as a noun
    assert not any(w in compose("依赖度")[0].split() for w in ("pass", "spend"))


def test_a_name_the_dictionary_lacks_is_not_translated_piece_by_piece() -> None:
    texts = [(e.text, e.source) for e in english_suggestions(Candidate(term="XY海利达"))]
    assert texts == [("Xyhailida", "pinyin")]  # not "XY ocean profit reach" (an invented name)
    assert compose("钢铁供应链")[0] == "steel supply chain"  # a word and its head still compose


def test_approved_entries_teach_the_terms_built_on_them() -> None:
    known = {"关键零件": ["key components"]}
    e = english_suggestions(Candidate(term="关键零件法案"), known)
    assert (e[0].text, e[0].source) == ("Key Components Act", "termbase")
    assert english_suggestions(Candidate(term="关键零件法案"))[0].text == "Key Part Act"  # nothing approved


def test_a_character_that_stands_for_a_country_names_it_before_a_name() -> None:
    # CC-CEDICT: 美 "USA (abbr. for 美國|美国)"; 美 + 司法部 is the US Department of Justice, not "beautiful
    # Justice Department"
    got = [e.text for e in english_suggestions(Candidate(term="美司法部"))]
    assert got[0] == "US Department of Justice"
    assert not [t for t in got if "beautiful" in t or "Protection" in t]
    assert english_suggestions(Candidate(term="法外交部"))[0].text == "France Ministry of Foreign Affairs"


def test_a_words_third_sense_is_offered_after_the_first_two() -> None:
    # 交易 "deal; trade; transaction": the first renderings take its two likeliest senses; "trading" comes after
    got = compose("股票交易")
    assert "stock trading" in got and "stock trading" not in got[:2]
    assert len(got) <= 6
    assert compose("安全风险")[0] == "safety risk"  # (the third sense "security" ranks no first rendering)


def test_a_first_word_takes_the_sense_its_compounds_begin_with() -> None:
    # 安全 "secure; security; safe; safety": its compounds begin "safety" (safety valve, safety net, …)
    assert compose("安全风险")[0] == "safety risk"  # not "secure risk"
    # 基本 "fundamental; basic": basic … in most of its compounds
    assert compose("基本事实")[0] == "basic fact"
    assert compose("数字经济")[0] == "digital economy"


def test_a_sense_that_says_what_a_word_is_gives_the_word() -> None:
    # CC-CEDICT: 酪氨酸 "tyrosine (Tyr), an amino acid"; the word is "tyrosine", inside a term too
    assert [e.text for e in english_suggestions(Candidate(term="酪氨酸"))] == ["tyrosine"]
    assert compose("酪氨酸激酶")[0] == "tyrosine kinase"


def test_a_company_is_said_by_its_name_alone_only_when_it_has_one() -> None:
    assert compose("雅虎公司")[0] == "Yahoo"
    assert compose("投资公司")[0] == "Investment Company"  # no "Investment": 投资 names no one
    # a stem that is only a verb names no company: no "Contract Company" for 承包公司
    assert "Contract Company" not in compose("承包公司") and "contract company" in compose("承包公司")
    # after a name the words of a company's name go without "Company": 芒廷帕斯 + 材料公司
    assert english_suggestions(Candidate(term="芒廷帕斯材料公司"))[0].text == "Mangtingpasi Material"


def test_a_name_that_says_its_place_is_not_prefixed_with_it() -> None:
    got = [e.text for e in english_suggestions(Candidate(term="中国银行"))]
    assert got[0] == "Bank of China" and "China Bank of China" not in got


def test_a_verb_before_a_noun_names_its_act_by_its_noun() -> None:
    # 生长 "grow": English puts the act's noun before a noun (growth factor), not "growing factor"
    assert compose("生长因子")[0] == "growth factor"


def test_a_verb_after_its_qualifier_names_the_act_after_it() -> None:
    # CC-CEDICT: 批量生产 "to mass produce"; the term names the act: mass production
    assert english_suggestions(Candidate(term="批量生产"))[0].text == "mass production"
    # "apart" is no verb: 分化 "split apart" gets no "split apartment"
    assert not [e for e in english_suggestions(Candidate(term="分化")) if "apartment" in e.text]


def test_two_verbs_before_a_noun_name_the_act_by_their_nouns() -> None:
    # 防治 "prevent and cure" + 法: a law is named by the act, so Prevention and Cure Law
    assert compose("防治法")[0] == "Prevention and Cure Law"
    # pollute → pollution, prevent → prevention: English's own derivations, checked by frequency
    assert english_suggestions(Candidate(term="污染"))[0].text == "pollution"


def test_words_of_the_dictionary_are_no_transliterated_name() -> None:
    # 罗 马 尼 亚 are characters of the tables for foreign names, but 罗马尼亚 + 钢铁 are words
    assert english_suggestions(Candidate(term="罗马尼亚钢铁"))[0].text == "Romania steel"
    assert "Genbenyuanyin" not in [e.text for e in english_suggestions(Candidate(term="根本原因"))]
    assert english_suggestions(Candidate(term="塔博里兹"))[-1].text == "Tabolizi"  # a name still is one


def test_numbers_units_and_things_the_segmenter_calls_proper_are_no_name_in_pinyin() -> None:
    """A technical text's quantities and things were given a pinyin "name" where no resource had the whole:
    5纳米 "5nami", 3万立方米LNG储罐 "Wanlifangmi LNG Chuguan", 测定仪 (a thing the segmenter's dictionary tags
    as a proper noun) "Cedingyi"."""
    texts = lambda term: [e.text for e in english_suggestions(Candidate(term=term))]  # noqa: E731
    assert texts("5纳米")[0] == "5 nanometer"
    assert not any(e.source == "pinyin" for e in english_suggestions(Candidate(term="3万立方米LNG储罐")))
    assert "Cedingyi" not in texts("测定仪")
    assert texts("AB克拉维斯") == ["Abkelaweisi"]  # a name beside letters still is one
    assert texts("XY海威士") == ["XY Haiweishi"]  # and an unknown word beside them, not "sea mighty scholar"


def test_a_compound_inside_a_term_is_named_as_chemistry_names_it() -> None:
    # 碳酸 + 锂 was "carbonate lithium" (and a drug's brand name, "neurolithium"); 碳化硅 the one-word
    # "carborundum"; 氯化钠 kept the formula its dictionary sense ends with ("sodium chloride NaCl injecta")
    assert compose("碳酸锂价格")[0] == "lithium carbonate price"
    assert compose("碳化硅功率元件")[0] == "silicon carbide power element"
    assert not any("NaCl" in t for t in compose("氯化钠溶液"))
    # a mineral by the dictionary's name, not chemistry's: 钙钛矿 is perovskite, no "calcium-titanium ore"
    assert "perovskite" in compose("钙钛矿电池")[0]


def test_a_number_and_its_chinese_multiplier_are_said_in_figures() -> None:
    # 17.4万 is 174,000 (it was "17.4 ten thousand"); 30 + 万千瓦 is 30万 + 千瓦, not 30 + 万千 "myriad" + 瓦
    assert compose("17.4万立方米")[0] == "174,000 cubic meter"
    assert compose("30万千瓦机组")[0] == "300,000 kilowatt unit"
    assert compose("2.5亿吨")[0] == "250 million ton"


def test_a_form_seen_in_traditional_text_wins_even_when_the_scripts_share_it() -> None:
    from glossary.mining import mine_documents
    from glossary.models import Document

    # Taiwan writes 核定 ("approve") with the characters Simplified uses; OpenCC's standard form is 覈定
    text = "行政院核定長照政策。行政院核定的政策很多。長照發展很快。"
    cands = {c.term: c for c in mine_documents([Document("tw.txt", text, "utf-8")], limit=50)}
    assert align_candidate(cands["行政院核定"]).traditional == "行政院核定"
    assert align_candidate(Candidate(term="行政院核定")).traditional == "行政院覈定"  # seen nowhere: OpenCC's
    # Hong Kong writes 平台 where OpenCC's standard and Taiwan write 平臺
    text = "數碼藏品交易平台須持牌。交易平台的規管加強。交易平台很多。"
    cands = {c.term: c for c in mine_documents([Document("hk.txt", text, "utf-8")], limit=50)}
    assert align_candidate(cands["交易平台"]).traditional == "交易平台"


@pytest.mark.skipif(not __import__("glossary.mining.lexicon").mining.lexicon.available(), reason="ECDICT absent")
def test_ecdict_english_goes_before_a_composition_but_not_before_a_name_s() -> None:
    # ECDICT's English for the whole term is right four times in ten where CC-CEDICT lacks the term, a composition
    # one time in six: 发酵罐 is a fermenter before a "fermentation can" (and once: no "fermenters" beside it)
    got = english_suggestions(Candidate(term="发酵罐"))
    assert (got[0].text, got[0].source) == ("fermenter", "ecdict")
    assert "fermenters" not in [e.text for e in got] and any(e.source == "compose" for e in got)
    # for the name of a body ECDICT has nicknames: the naming rules compose it first
    assert english_suggestions(Candidate(term="美国司法部"))[0].text == "US Department of Justice"


@pytest.mark.skipif(not __import__("glossary.mining.lexicon").mining.lexicon.available(), reason="ECDICT absent")
def test_an_ecdict_plural_alone_is_said_in_the_singular() -> None:
    # ECDICT renders 采样器 only as "samplers": a glossary lists the thing, "sampler"
    got = english_suggestions(Candidate(term="采样器"))
    assert (got[0].text, got[0].source) == ("sampler", "ecdict") and "samplers" not in [e.text for e in got]


def test_a_place_at_the_start_of_a_name_ends_where_a_word_ends() -> None:
    from glossary.align.names import pinyin_name as _pinyin_name

    # the characters of a place begin these transliterations, and the segmenter reads no word ending there:
    # they were "Al Mahrah Shitela State" and "Saarland Waduosi"
    assert _pinyin_name("马哈拉施特拉邦") == "Mahalashitela State"
    assert _pinyin_name("萨尔瓦多斯") == "Saerwaduosi"
    assert _pinyin_name("冰岛克拉维斯") == "Iceland Kelaweisi"  # a country the segmenter reads as a word stays


def test_a_transliterated_name_is_not_glossed_character_by_character() -> None:
    from glossary.align import Candidate, english_suggestions

    # 卡拉瓦兹 (an invented name) + 矿床: the name's characters once came back as "Cara roof tile now deposit"
    texts = [e.text for e in english_suggestions(Candidate(term="卡拉瓦兹矿床"))]
    assert texts[0] == "Kalawazi deposit" and not any("roof tile" in t for t in texts)


def test_a_chinese_persons_name_is_romanised_as_names_are_written() -> None:
    """GB/T 28039: the surname apart from the given name, each capitalised, an apostrophe before a, o or e; it
    was one word ("Sunyating"), as a transliterated foreign name is."""
    english = align_candidate(Candidate(term="孙雅婷")).english
    assert [(e.text, e.source) for e in english] == [("Sun Yating", "pinyin")]
    assert align_candidate(Candidate(term="刘思安")).english[0].text == "Liu Si'an"


def test_a_foreign_names_pinyin_is_no_english_and_says_so() -> None:
    """A transliterated name spelled in pinyin is its Chinese sound, not the English (Pasente is not Passant):
    `make eval` matched six such first suggestions at 0.15 and none was right, so it sits below any guess."""
    english = align_candidate(Candidate(term="克拉维斯")).english
    assert [(e.text, e.source) for e in english] == [("Kelaweisi", "pinyin")]
    assert english[0].confidence < 0.1


def test_a_verb_and_the_object_its_second_character_says_name_the_act_object_first() -> None:
    # CC-CEDICT: 输血 "to transfuse blood" (血 "blood"), 传热 "to transmit heat" (热 "heat"); before a noun, as the
    # whole term and as its head
    assert english_suggestions(Candidate(term="输血"))[0].text == "blood transfusion"
    assert compose("输血设备")[0] == "blood transfusion equipment"
    assert compose("管道传热")[0].endswith(" heat transmission")
    # a linking verb has no object (生病 "to fall ill"); 炼 in 冶炼 "to smelt metal" is no metal
    assert object_act("生病", "fall ill") is None and object_act("冶炼", "smelt metal") is None


def test_a_passive_sense_names_its_act() -> None:
    # CC-CEDICT: 获批 "to be approved", 中毒 "to be poisoned": a term names the act; 先进 "advanced" is a quality
    assert english_suggestions(Candidate(term="获批"))[0].text == "approval"
    assert english_suggestions(Candidate(term="中毒"))[0].text == "poisoning"
    assert english_suggestions(Candidate(term="先进"))[0].text == "advanced"


def test_a_prefix_before_a_verb_and_its_object_takes_the_act_object_first() -> None:
    # the naming rules' 非 "non-{}" before 发电 "to generate electricity"
    assert compose("非发电")[0] == "non-electricity generation"


def test_two_verbs_are_one_process_only_when_english_names_each_act_by_a_noun_of_its_own() -> None:
    # 分离 → separation, 提纯 → purification: a process of two acts; 强制 "force" has no such noun (force is
    # one already), so 强制隔离 is no "force and isolation"
    assert compose("萃取提纯")[0] == "extraction and purification"
    assert not compose("强制隔离")[0].startswith("force and")


def _gold_lists() -> list[Path]:
    return [*sorted((SHARED / "eval" / "corpora").glob("*/gold.tsv")), SHARED / "eval" / "dev_gold.tsv"]


@pytest.mark.skipif(not (SHARED / "eval" / "dev_gold.tsv").exists(), reason="needs ../shared/eval")
def test_a_sources_confidence_is_how_often_its_first_suggestion_is_right() -> None:
    # issue 18's calibration: over the annotated lists' terms, the first suggestion of each source seen often enough
    # is right about as often as its confidence says (CC-CEDICT's whole-term sense once said 0.7 and was right four
    # times in five in the mined exports; ECDICT's said 0.4 and was right more than half the time)
    import csv
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    by_source: dict[str, list[tuple[float, bool]]] = {}
    for gold in _gold_lists():
        with gold.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                want = {scorer.norm_en(e) for e in row["english"].split("|") if e.strip()}
                first = english_suggestions(Candidate(term=row["simplified"]))[:1]
                for e in first:
                    by_source.setdefault(e.source, []).append((e.confidence, scorer.norm_en(e.text) in want))
    for source in ("cedict", "ecdict", "compose"):
        pairs = by_source[source]
        assert len(pairs) >= 30, (source, len(pairs))
        said = sum(c for c, _ in pairs) / len(pairs)
        right = sum(r for _, r in pairs) / len(pairs)
        assert abs(said - right) <= 0.1, (source, round(said, 3), round(right, 3))


def test_make_eval_fails_on_a_calibration_band_off_by_more_than_a_tenth() -> None:
    # issue 18's acceptance reads the calibration table band by band: CC-CEDICT's whole-term sense said 0.75 and
    # was right 0.87 of the time at the default size, and `make eval` printed the table and passed
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))
    import eval_calibration

    under = [(0.75, True)] * 45 + [(0.75, False)] * 7 + [(0.2, True)] * 5 + [(0.2, False)] * 15
    assert eval_calibration.off_bands(under) == ["0.6–0.8: 0.75 said, 0.87 right"]
    assert eval_calibration.off_bands([(0.8, r) for _, r in under[:52]]) == []  # 0.8 said, 0.87 right
    assert eval_calibration.off_bands(under[:5]) == []  # five suggestions say nothing of a band


def test_a_term_built_on_one_the_texts_gloss_takes_that_english_for_the_part() -> None:
    from glossary.align import align_candidates

    glossed = Candidate(term="磁隧道结", english_in_text=["magnetic tunnel junction"])
    built = Candidate(term="磁隧道结器件")
    entries = {e.simplified: e for e in align_candidates([glossed, built], workers=1)}
    first = entries["磁隧道结器件"].english[0]
    assert (first.text, first.source) == ("magnetic tunnel junction device", "compose")
    assert first.confidence < 0.3  # (the rest is still a composition's guess)
    # a code is no part's English: 磁隧道结（MTJ） says nothing of 磁隧道结器件
    coded = Candidate(term="磁隧道结", english_in_text=["MTJ"])
    again = {e.simplified: e for e in align_candidates([coded, Candidate(term="磁隧道结器件")], workers=1)}
    assert not again["磁隧道结器件"].english[0].text.startswith("MTJ")


def test_a_lexicon_rendering_said_twice_over_by_compositions_is_weighed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # ECDICT rendering a term both as a composition says it and as its "A of B" form crashed the whole mine
    # (list.remove of a composition already taken out: LibreOffice's Chinese help, mined as a new user would)
    from glossary.align import propose
    from glossary.align.suggestions import Suggestions
    from glossary.mining import lexicon

    monkeypatch.setattr(lexicon, "english", lambda term: ["storage capacity", "capacity of storage"])
    out = Suggestions()
    out.add("storage capacity", "compose", 0.2)
    out.add("store volume", "compose", 0.18)
    propose._add_lexicon("储存容量", out)
    said = [(e.text, e.source, e.confidence) for e in out]
    assert ("storage capacity", "ecdict", 0.5) in said and ("store volume", "compose", 0.18) in said
    assert [t.lower() for t, *_ in said].count("storage capacity") == 1


def test_a_taiwan_term_in_its_own_words_takes_the_english_of_the_mainlands() -> None:
    # a Taiwan manual's 對話方塊 read as Simplified character by character was a "talking cube", and 函式 had no
    # English: the dictionaries know them as the Mainland writes them (对话框, 函数), OpenCC's Taiwan phrases say so
    def first(term: str, seen: str) -> tuple[str, str]:
        e = english_suggestions(Candidate(term=term, surfaces={seen: ["a.txt"]}, traditional_surfaces=[seen]))[0]
        return e.text, e.source

    assert first("对话方块", "對話方塊") == ("dialog box", "cedict")
    assert first("函式", "函式") == ("function", "cedict")
    # seen in Simplified only, the term is no Taiwan word; and what a dictionary knows whole stays first
    assert english_suggestions(Candidate(term="对话方块"))[0].source == "compose"
    assert (
        first("巨集", "巨集") == ("macro", "cedict")
        and english_suggestions(Candidate(term="巨集", surfaces={"巨集": ["a.txt"]}, traditional_surfaces=["巨集"]))[
            0
        ].confidence
        == english_suggestions(Candidate(term="巨集"))[0].confidence
    )
    # a Mainland form no dictionary knows (儲存格 read greedily as 保存格) lends nothing
    assert all(
        e.source != "cedict"
        for e in english_suggestions(
            Candidate(term="储存格", surfaces={"儲存格": ["a.txt"]}, traditional_surfaces=["儲存格"])
        )
    )


def test_english_a_manual_writes_after_many_terms_is_an_aside_of_each() -> None:
    # LibreOffice's help writes the programs a command is in after it: 水平方向 (LibreOffice Draw), 置于顶层 (…),
    # and "LibreOffice Draw" came first as the English of each of them
    from glossary.align import align_candidates

    aside = "Widget Draw"
    cands = [Candidate(term=t, english_in_text=[aside]) for t in ("水平方向", "置于顶层", "图形排列")]
    cands.append(Candidate(term="数据透视表", english_in_text=["pivot table"]))
    entries = {e.simplified: e for e in align_candidates(cands, workers=1)}
    for term in ("水平方向", "置于顶层", "图形排列"):
        english = entries[term].english
        assert english[0].text != aside and next(e.confidence for e in english if e.text == aside) == 0.1
    assert entries["数据透视表"].english[0].text == "pivot table"  # a gloss of one term stays its name
    # one gloss after a term and the terms built on it, or after terms of one ending, names that ending: kept
    ends = [Candidate(term=t + "守护进程", english_in_text=["daemon"]) for t in ("日志", "远程", "固件")]
    assert all(e.english[0].text == "daemon" for e in align_candidates(ends, workers=1))
