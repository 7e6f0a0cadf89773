"""What the termhood model sees of a candidate: its shape and its statistics, never its identity.

Every feature is a number computed from the counts of the corpus being mined and from general resources
(wordfreq's general Chinese, CC-CEDICT, the segmenter's tags, the term-head and naming lists). None names a
particular string, so a model fitted on some fields carries to others. ``docs/mining.md`` has the table.

They are measured in :mod:`glossary.mining.measure`.

>>> len(FEATURES) == len(set(FEATURES)), FEATURES[:3]
(True, ('count', 'nested_count', 'seen_once'))
"""

from __future__ import annotations


def neighbours(found: dict[str, int] | str) -> dict[str, int]:
    """A candidate's neighbours on one side with their counts, as the miner keeps them (a candidate seen once
    keeps its neighbour as the word itself: most are, and a dict each cost a third of the counts' memory).

    >>> neighbours("齿轮"), neighbours({"": 2, "齿轮": 1})
    ({'齿轮': 1}, {'': 2, '齿轮': 1})
    """
    return {found: 1} if isinstance(found, str) else found


#: bumped whenever a feature is added, removed or computed differently; the shipped model names the version it
#: was fitted with, and a model of another version is refused
FEATURE_VERSION = 10

#: jieba's tags in coarse groups, for the first and the last word of a candidate
POS_GROUPS: dict[str, tuple[str, ...]] = {
    "noun": ("n", "ng", "nz", "nl", "ng"),
    "person": ("nr", "nrt", "nrfg"),
    "place": ("ns",),
    "organisation": ("nt",),
    "abbreviation": ("j",),
    "verb": ("v", "vg", "vd", "vi", "vq"),
    "vnoun": ("vn",),
    "adj": ("a", "ad", "an", "ag", "b", "z"),
    "adverb": ("d", "dg"),
    "number": ("m", "mq", "q"),
    "place_time": ("f", "s", "t", "tg"),
    "function": ("p", "c", "u", "zg", "l", "g"),
    "latin": ("eng",),
}
#: tag → the position of its group among POS_GROUPS
GROUP_OF = {tag: k for k, tags in enumerate(POS_GROUPS.values()) for tag in tags}

FEATURES: tuple[str, ...] = (
    "count",
    "nested_count",
    "seen_once",
    "file_share",
    "several_files",
    "spec_mean",
    "spec_min",
    "spec_max",
    "spec_last",
    "general_whole",
    "general_last",
    "general_first",
    "cohesion",
    "share_of_rarest",
    "share_of_commonest",
    "fragment_share",
    "parents",
    "left_edge",
    "right_edge",
    "left_entropy",
    "right_entropy",
    "left_variety",
    "right_variety",
    "chars",
    "words",
    "latin",
    "mixed_latin",
    "digits",
    *(f"first_{g}" for g in POS_GROUPS),
    *(f"last_{g}" for g in POS_GROUPS),
    "first_lone",
    "last_lone",
    "prefix_productivity",
    "suffix_productivity",
    "term_head",
    "name_head",
    "chemical",
    "element",
    "title",
    "quoted",
    "glossed",
    "glossed_name",
    "in_dictionary",
    "known_word",
    "dictionary_share",
    "core_share",
    "setting",
    "stop_edge",
    "stop_inside",
    "verb_inside",
    "verb_first",
    "everyday_verb_first",
    "preposition_inside",
    "conjunction_inside",
    "number_inside",
    "gloss_rarity",
    "gloss_rarity_last",
    "has_gloss",
    "field_label",
    "idiom_label",
    "latin_english",
    "acronym",
    "lexicon_whole",
    "lexicon_field",
    "lexicon_last",
    "lexicon_share",
    "cut_share",
    "personal_name",
    "listed",
    "in_quotes",
    "bracketed",
    "tf_idf",
    "hanzi_spec",
    "field_edges",
)

#: names of bodies and laws (…部, …委员会, …法): the words before carry their country or field
NAME_HEADS = (
    "部",
    "局",
    "署",
    "委员会",
    "协会",
    "集团",
    "公司",
    "法",
    "法案",
    "条例",
    "政府",
    "办法",
    "中心",
    "委",
    "会",
    "所",
    "处",
    "厅",
    "院",
    "银行",
)
#: a verb this frequent in general Chinese, followed by its object, makes an action, not a term (签订, 放弃)
EVERYDAY_VERB_FREQ = 1.5e-5
SETTING_TAGS = frozenset({"ns", "f", "s", "nr", "nrt"})
