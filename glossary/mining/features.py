"""What the termhood model sees of a candidate: its shape and its statistics, never its identity.

Every feature is a number computed from the counts of the corpus being mined and from general resources
(wordfreq's general Chinese, CC-CEDICT, the segmenter's tags, the term-head and naming lists). None names a
particular string, so a model fitted on some fields carries to others. ``docs/mining.md`` has the table.

>>> from glossary.models import Document
>>> from glossary.mining.candidates import Miner
>>> m = Miner()
>>> m.add(Document("a.txt", "聚氯乙烯管材需要添加稳定剂。聚氯乙烯管材用于排水。", "utf-8"))
>>> keys, rows = candidate_features(m)
>>> row = rows[keys.index("聚氯乙烯管材")]
>>> len(row) == len(FEATURES), row[FEATURES.index("count")] > 0
(True, True)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from . import cedict, lexicon
from .filters import (
    background_frequency,
    elements,
    ends_in_head,
    is_chemical,
    is_stopword,
    prefetch_background,
    term_head,
)
from .lexical import ENGLISH_WORD, affixes, english_zipf, gloss_register

if TYPE_CHECKING:  # pragma: no cover
    from .candidates import Miner
    from .model import TermhoodModel


def neighbours(found: dict[str, int] | str) -> dict[str, int]:
    """A candidate's neighbours on one side with their counts, as the miner keeps them (a candidate seen once
    keeps its neighbour as the word itself: most are, and a dict each cost a third of the counts' memory).

    >>> neighbours("稀土"), neighbours({"": 2, "稀土": 1})
    ({'稀土': 1}, {'': 2, '稀土': 1})
    """
    return {found: 1} if isinstance(found, str) else found


#: bumped whenever a feature is added, removed or computed differently; the shipped model names the version it
#: was fitted with, and a model of another version is refused
FEATURE_VERSION = 7

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
_GROUP_OF = {tag: k for k, tags in enumerate(POS_GROUPS.values()) for tag in tags}

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


def _entropy(counts: dict[str, int]) -> tuple[float, float, float]:
    """(share of occurrences at a chunk's edge, entropy of the neighbours, log distinct neighbours); each edge
    occurrence counts as a neighbour of its own, since anything may stand beyond a break."""
    total = sum(counts.values())
    if not total:
        return 0.0, 0.0, 0.0
    edge = counts.get("", 0)
    h = edge * (1 / total) * math.log(total) if edge else 0.0
    for k, c in counts.items():
        if k:
            p = c / total
            h -= p * math.log(p)
    return edge / total, h, math.log(1 + edge + len(counts) - (1 if edge else 0))


def _log_freq(f: float) -> float:
    return math.log10(max(f, 1e-9))


def candidate_features(miner: Miner, keys: Iterable[str] | None = None) -> tuple[list[str], list[list[float]]]:
    """The feature rows (in :data:`FEATURES` order) of ``keys`` (default: every counted candidate)."""
    keys = list(miner.count if keys is None else keys)
    return keys, list(feature_rows(miner, keys))


def candidate_probabilities(miner: Miner, keys: Sequence[str], model: TermhoodModel, batch: int = 4096) -> list[float]:
    """The model's probability for each of ``keys``, measured a batch at a time: the rows of a large corpus's
    candidates, ninety-odd numbers each, would hold hundreds of megabytes at once."""
    out: list[float] = []
    rows = feature_rows(miner, keys)
    while chunk := list(itertools.islice(rows, batch)):
        out += model.probabilities(chunk)
    return out


def feature_rows(miner: Miner, keys: Sequence[str]) -> Iterator[list[float]]:
    """The feature row of each of ``keys`` in turn (what the corpus says of them all is measured first)."""
    count, tok_count, tag_of = miner.count, miner.tok_count, miner.tag_of
    parents_f, parents_n, parents_max = miner._nesting()
    n_docs = max(len(miner.docs), 1)
    elems = elements()
    glossed = miner._glossed_terms()
    core = miner._core_words()
    prefix, suffix = affixes()
    known = getattr(miner.tokeniser, "known", None)
    spec_cache: dict[str, float] = {}
    words = list(
        dict.fromkeys(itertools.chain(keys, itertools.chain.from_iterable(miner.tokens.get(k, ()) for k in keys)))
    )
    lexicon.prefetch(words)
    prefetch_background(words)
    cedict.prefetch(words)

    def spec(w: str) -> float:
        s = spec_cache.get(w)
        if s is None:
            s = spec_cache[w] = miner._specificity(w)
        return s

    width = len(FEATURES)
    for key in keys:
        toks = miner.tokens.get(key, (key,))
        f0 = count.get(key, 0)
        x = [0.0] * width
        n = len(toks)
        tags = [tag_of.get(t, "n") for t in toks]
        x[0] = math.log(1 + f0)
        nested = f0 - parents_f[key] / parents_n[key] if parents_n[key] else f0
        x[1] = math.log(1 + max(nested, 0.0))
        x[2] = float(f0 <= 1)
        x[3] = miner.df[key] / n_docs
        x[4] = float(miner.df[key] >= 2)
        han = [t for t in toks if not t.isascii()] or list(toks)
        body = han[:-1] if len(han) > 1 and ends_in_head(han[-1]) else han
        specs = [spec(t) for t in body]
        x[5] = sum(specs) / len(specs)
        x[6] = min(specs)
        x[7] = max(specs)
        x[8] = spec(toks[-1])
        x[9] = _log_freq(background_frequency(key))
        x[10] = _log_freq(background_frequency(toks[-1]))
        x[11] = _log_freq(background_frequency(toks[0]))
        if n > 1:
            counts = [max(tok_count.get(t, 1), 1) for t in toks]
            x[12] = min(1.0, f0 / math.exp(sum(map(math.log, counts)) / n))
            x[13] = min(1.0, f0 / min(counts))
            x[14] = min(1.0, f0 / max(counts))
        else:
            x[12] = x[13] = x[14] = 1.0
        x[15] = parents_max[key] / f0 if f0 else 0.0
        x[16] = math.log(1 + parents_n[key])
        x[17], x[19], x[21] = _entropy(neighbours(miner.left.get(key, {})))
        x[18], x[20], x[22] = _entropy(neighbours(miner.right.get(key, {})))
        x[23] = math.log(len(key))
        x[24] = n
        x[25] = float(key.isascii())
        x[26] = float(not key.isascii() and any(c.isascii() and c.isalpha() for c in key))
        x[27] = float(any(c.isdigit() for c in key))
        base = 28
        g0, g1 = _GROUP_OF.get(tags[0]), _GROUP_OF.get(tags[-1])
        if g0 is not None:
            x[base + g0] = 1.0
        if g1 is not None:
            x[base + len(POS_GROUPS) + g1] = 1.0
        i = base + 2 * len(POS_GROUPS)
        first_lone = n > 1 and len(toks[0]) == 1 and not toks[0].isascii()
        last_lone = n > 1 and len(toks[-1]) == 1 and not toks[-1].isascii()
        x[i] = float(first_lone)
        x[i + 1] = float(last_lone)
        x[i + 2] = prefix.get(toks[0], 0.0) if first_lone else 0.0
        x[i + 3] = suffix.get(toks[-1], 0.0) if last_lone else 0.0
        i += 4
        x[i] = float(term_head(key) is not None)
        x[i + 1] = float(key.endswith(NAME_HEADS) and len(key) > 2)
        x[i + 2] = float(is_chemical(key))
        x[i + 3] = float(key in elems)
        x[i + 4] = float(key in miner.titles)
        x[i + 5] = float(key in miner.quoted)
        x[i + 6] = float(key in glossed)
        x[i + 7] = float(key in miner.glossed_names)
        i += 8
        x[i] = float(cedict.has_word(key))
        x[i + 1] = float(known(key)) if known and not key.isascii() else 0.0
        x[i + 2] = sum(1 for t in toks if cedict.has_word(t) or t.isascii()) / n
        x[i + 3] = sum(1 for t in toks if t in core) / n
        rest = key[len(toks[0]) :]
        x[i + 4] = float(n > 1 and tags[0] in SETTING_TAGS and count.get(rest, 0) >= f0)
        i += 5
        x[i] = float(is_stopword(toks[0]) or is_stopword(toks[-1]))
        x[i + 1] = float(any(is_stopword(t) for t in toks[1:-1]))
        x[i + 2] = float(any(t == "v" for t in tags[1:-1]))
        x[i + 3] = float(tags[0] == "v" and n > 1)
        x[i + 4] = float(tags[0] == "v" and n > 1 and background_frequency(toks[0]) >= EVERYDAY_VERB_FREQ)
        x[i + 5] = float(any(t == "p" for t in tags[1:-1]))
        x[i + 6] = float(any(t in ("c", "cc") for t in tags[1:-1]))
        x[i + 7] = float(any(t in ("m", "mq", "q") for t in tags[1:-1]))
        i += 8
        glosses = [g for g in map(gloss_register, (key, *toks) if n > 1 else (key,)) if g]
        last = gloss_register(toks[-1])
        x[i] = min((g[0] for g in glosses), default=4.0)
        x[i + 1] = last[0] if last else 4.0
        x[i + 2] = float(bool(glosses))
        x[i + 3] = float(any(g[1] for g in glosses))
        x[i + 4] = float(any(g[2] for g in glosses))
        latin = [t for t in toks if t.isascii() and any(ch.isalpha() for ch in t)]
        x[i + 5] = max((english_zipf(w) for t in latin for w in ENGLISH_WORD.findall(t)), default=0.0)
        x[i + 6] = float(any(t.isupper() and len(t) >= 2 for t in latin))
        i += 7
        whole = lexicon.entry(key)
        x[i] = math.log(1 + whole[0]) if whole else 0.0
        x[i + 1] = float(bool(whole and whole[1]))
        x[i + 2] = float(n > 1 and lexicon.entry(toks[-1]) is not None)
        x[i + 3] = sum(1 for t in toks if lexicon.entry(t) is not None) / n
        x[i + 4] = miner.cut.get(key, 0) / f0 if f0 else 0.0
        # a Chinese person's name: a surname and one or two characters, tagged a name, in no dictionary (the
        # people a story quotes are no terms of its field)
        x[i + 5] = float(
            2 <= len(key) <= 3
            and tags[0] in POS_GROUPS["person"]
            and cedict.is_surname(key[0])
            and not key.isascii()
            and not cedict.has_word(key)
            and whole is None
        )
        yield x
