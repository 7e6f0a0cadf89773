"""Measuring the termhood features (:data:`glossary.mining.features.FEATURES`) of a corpus's candidates.

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
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..normalise.hanzi import HAN
from . import cedict, columns, lexicon
from .features import EVERYDAY_VERB_FREQ, FEATURES, GROUP_OF, POS_GROUPS, SETTING_TAGS
from .filters import (
    background_frequency,
    elements,
    general_chinese,
    head_set,
    stopwords,
)
from .lexical import ENGLISH_WORD, affixes, english_zipf, gloss_register

if TYPE_CHECKING:  # pragma: no cover
    from numpy.typing import NDArray

    from .candidates import Miner
    from .model import TermhoodModel


def candidate_features(miner: Miner, keys: Iterable[str] | None = None) -> tuple[list[str], list[list[float]]]:
    """The feature rows (in :data:`FEATURES` order) of ``keys`` (default: every counted candidate)."""
    keys = list(miner.count if keys is None else keys)
    measure = Measure(miner, keys)
    return keys, [row for lo, hi in batches(0, len(keys)) for row in measure.matrix(lo, hi).tolist()]


#: candidates measured at once: their rows (ninety-odd numbers each) for a large corpus's hundreds of thousands of
#: candidates would hold hundreds of megabytes at once (at 16 MB, 8,192 a batch left each feature worker 25 MB
#: smaller than 32,768 did, in the same time, and 4,096 each process 5 MB smaller again, the features' tree 840 →
#: 829 MB, ranking 4 MB in 1.65–1.77 s against 1.60–2.17)
BATCH = 4_096


def batches(lo: int, hi: int) -> list[tuple[int, int]]:
    """The (start, end) of each :data:`BATCH` of the candidates from ``lo`` to ``hi``.

    >>> batches(0, 10_000)
    [(0, 4096), (4096, 8192), (8192, 10000)]
    """
    return [(a, min(a + BATCH, hi)) for a in range(lo, hi, BATCH)]


def candidate_probabilities(miner: Miner, keys: Sequence[str], model: TermhoodModel) -> NDArray:
    """The model's probability for each of ``keys``, measured a batch at a time, as an array (a large corpus's
    million probabilities as Python floats would be 30 MB, and as many again to send from a worker)."""
    return Measure(miner, keys).probabilities(model)


class Measure:
    """Measures candidates a column at a time. What a candidate's words say (their specificity, tags,
    dictionary status …) is looked up once per distinct word, in arrays, and each candidate's statistics over its
    words are array reductions over its run of word ids; only what belongs to the whole string is asked of it
    in turn. (Row by row in Python this was the slowest step of a large mine, 70 µs a candidate.)

    Made for every candidate before the feature workers fork, it is theirs to share: what each worker looked up
    of its words was its own (at 16 MB, 35 MB of the candidates' words and 72 MB of the dictionaries' pages copied
    in each, writing the reference counts of what it read). What only the features read of each candidate (its
    words' ids, its neighbours' measures, its files) is read into arrays here, so that ``glossary mine`` can let the
    miner's dicts of them go before that fork (:meth:`Miner.release`); a range of candidates is then measured by
    its place in ``keys`` (:meth:`matrix`)."""

    def __init__(self, miner: Miner, keys: Sequence[str], release: bool = False) -> None:
        """``release``: let the miner go of what is read into arrays here as soon as it is (:meth:`Miner.release`)."""
        import numpy as np

        miner._check_counts()
        self.np = np
        self.miner = miner
        self.corpus = miner.corpus_measures()
        self.elems = elements()
        self.known = getattr(miner.tokeniser, "known", None)
        # (each distinct word of the candidates, in order, and its id: its place in the arrays of _word_table; and
        # each candidate's words' ids, one candidate after another, and where each candidate's begin)
        self._words, lens, self.flat = columns.word_ids(keys, miner.shapes)
        if release:
            miner.release("shapes")
        self.offsets = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(lens, out=self.offsets[1:])
        del lens
        # (the candidates and their words are read from the dictionaries at once, and each batch reads the general
        # frequencies off the mapping that holds them; a table loaded whole reads none of them, so none are listed
        # for it: a list of them all took 0.4 s of a 16 MB mine. ECDICT's entries are read a batch at a time, in
        # the process that measures it: read here, before the workers fork, a 16 MB corpus's million keys took two
        # seconds of one process)
        self.general = general_chinese().read(itertools.chain(keys, self._words))
        cedict.prefetch(itertools.chain(keys, self._words))
        self._word_table()
        # every key in one string, apart from the keys' own objects: a range's keys are cut from it afresh, so a
        # forked worker measuring its range writes no reference count of the strings its parent holds (writing
        # one copies the page it sits on: at 16 MB each process copied 233 MB of pages measuring a slice of the
        # keys, 72 MB measuring keys cut afresh)
        # (joined with no separator, which a key might hold: a title may hold a NUL)
        self._text = "".join(keys)
        self._starts = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, keys), dtype=np.int64, count=len(keys)), out=self._starts[1:])
        # what else only the features read of each candidate, read once into arrays, each dict let go of as soon as
        # it is read where ``release`` says so (:meth:`Miner.release`, which hands the pages back): the files it is in
        # (a dict made for this, gone before the release), its neighbours' measures
        self.files = columns.counts(miner.document_frequencies(), keys)
        self.sides = (columns.neighbour_measures(miner.left, keys), columns.neighbour_measures(miner.right, keys))
        if release:
            miner.release("left", "right")

    def probabilities(self, model: TermhoodModel, lo: int = 0, hi: int | None = None) -> NDArray:
        """The model's probabilities of the candidates from ``lo`` to ``hi`` (default: all), :data:`BATCH` at a
        time."""
        import numpy as np

        hi = len(self._starts) - 1 if hi is None else hi  # (the keys are read off _text, not held)
        out = np.empty(hi - lo)
        for a, b in batches(lo, hi):
            out[a - lo : b - lo] = model.matrix_probabilities(self.matrix(a, b))
        return out

    def _word_table(self) -> None:
        """One entry per distinct word, in arrays indexed by word id (a column read at a time, in C where a
        lookup is all it is: a large corpus has a hundred thousand distinct words, and made before the feature
        worker forks, the table is this process's alone to make)."""
        np, miner, words = self.np, self.miner, self._words
        tag_of = miner.tag_of
        prefix, suffix = affixes()

        def column(values: Iterable[float]) -> NDArray:
            return np.fromiter(values, dtype=float, count=len(words))

        def flags(values: Iterable[bool]) -> NDArray:
            return np.fromiter(values, dtype=bool, count=len(words))

        self.w_spec = column(map(miner._specificity, words))
        # (each word's Hanzi and the sum of their specificities: a candidate's mean is over its words' sums)
        spec = miner.hanzi_specificity()
        self.w_hanzi = np.fromiter((sum(c in spec for c in t) for t in words), dtype=np.int64, count=len(words))
        self.w_hanzi_spec = column(sum(spec.get(c, 0.0) for c in t) for t in words)
        self.w_ascii = flags(map(str.isascii, words))
        self.w_head = columns.members(head_set(), words).astype(bool) | columns.term_heads(words).astype(bool)
        self.w_general = columns.general_frequencies(words, self.general)
        self.w_freq = column(map(background_frequency, words))
        # (a word the texts' counts lack counts once; log(1 + (n - 1)) is log(n) to the last bit)
        self.w_count = np.maximum(columns.counts(miner.tok_count, words), 1.0)
        self.w_log_count = columns.log_counts(self.w_count - 1.0)
        # what a word's tag says, worked out once per tag
        tag_ids: dict[str, int] = {}
        of_word = np.fromiter((tag_ids.setdefault(tag_of.get(t, "n"), len(tag_ids)) for t in words), dtype=np.int64)
        tags = list(tag_ids)
        self.w_group = np.array([GROUP_OF.get(g, -1) for g in tags], dtype=np.int64)[of_word]
        self.w_verb = np.array([g == "v" for g in tags], dtype=bool)[of_word]
        self.w_prep = np.array([g == "p" for g in tags], dtype=bool)[of_word]
        self.w_conj = np.array([g in ("c", "cc") for g in tags], dtype=bool)[of_word]
        self.w_number = np.array([g in ("m", "mq", "q") for g in tags], dtype=bool)[of_word]
        self.w_setting = np.array([g in SETTING_TAGS for g in tags], dtype=bool)[of_word]
        self.w_lone = (np.fromiter(map(len, words), dtype=np.int64, count=len(words)) == 1) & ~self.w_ascii
        self.w_prefix = columns.counts(prefix, words)
        self.w_suffix = columns.counts(suffix, words)
        # (how much more often a field's renderings than others begin with the word's first Hanzi and end with its
        # last: none, 0, for a word with no Hanzi)
        begins, ends, other = lexicon.field_edges()
        hanzi = [HAN.findall(t) for t in words]
        self.w_field_begins = column(begins.get(h[0], other) if h else 0.0 for h in hanzi)
        self.w_field_ends = column(ends.get(h[-1], other) if h else 0.0 for h in hanzi)
        del hanzi
        self.w_known = columns.members(cedict.headwords(), words).astype(bool) | self.w_ascii
        self.w_core = columns.members(self.corpus.core, words).astype(bool)
        self.w_stop = columns.members(stopwords(), words).astype(bool)
        glosses = [gloss_register(t) for t in words]
        self.w_glossed = flags(g is not None for g in glosses)
        self.w_field = flags(bool(g and g[1]) for g in glosses)
        self.w_idiom = flags(bool(g and g[2]) for g in glosses)
        self.w_rarity = column(g[0] if g else math.inf for g in glosses)  # (inf: no entry, no rarity)
        self.w_lexicon = columns.lexicon_entries(words)[:, 0].astype(bool)
        # (a Latin word's frequency in English, and whether it is an acronym: the few Latin words alone)
        self.w_latin_english = np.zeros(len(words))
        self.w_acronym = np.zeros(len(words), dtype=bool)
        for i in np.flatnonzero(self.w_ascii).tolist():
            t = words[i]
            if any(ch.isalpha() for ch in t):
                self.w_latin_english[i] = max((english_zipf(w) for w in ENGLISH_WORD.findall(t)), default=0.0)
                self.w_acronym[i] = t.isupper() and len(t) >= 2

    def matrix(self, lo: int, hi: int) -> NDArray:  # noqa: C901,PLR0915 (one column after another, in order)
        """The feature rows of the candidates from ``lo`` to ``hi`` as an array (a row a candidate,
        :data:`FEATURES` order)."""
        np, miner = self.np, self.miner
        count = miner.count
        parents_f, parents_n, parents_max = self.corpus.parents_f, self.corpus.parents_n, self.corpus.parents_max
        if hi <= lo:
            return np.zeros((0, len(FEATURES)))
        text, bounds = self._text, self._starts[lo : hi + 1].tolist()
        keys = [text[a:b] for a, b in zip(bounds, bounds[1:])]
        flat = self.flat[self.offsets[lo] : self.offsets[hi]].astype(np.int64)
        lens = np.diff(self.offsets[lo : hi + 1])
        starts = np.zeros(len(keys), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        ends = starts + lens - 1
        owner = np.repeat(np.arange(len(keys)), lens)
        position = np.arange(len(flat)) - starts[owner]
        inner = (position > 0) & (position < lens[owner] - 1)
        first, last = flat[starts], flat[ends]
        several = lens > 1

        def any_of(mask: NDArray) -> NDArray:
            return np.logical_or.reduceat(mask, starts)

        def share_of(values: NDArray) -> NDArray:
            return np.add.reduceat(values.astype(float), starts) / lens

        def total(values: NDArray) -> NDArray:
            # word by word, first to last, as Python's sum() adds them (numpy's own reductions add in another
            # order, and the last bit of a mean would differ from the rows the model was fitted on)
            acc = np.zeros(len(keys))
            for at in range(int(lens.max())):
                has = lens > at
                acc[has] += values[starts[has] + at]
            return acc

        x = np.zeros((len(keys), len(FEATURES)))
        f0, p_f, p_n, p_max = (columns.counts(d, keys) for d in (count, parents_f, parents_n, parents_max))
        seen_in = self.files[lo:hi]
        n_docs = max(len(miner.docs), 1)
        x[:, 0] = columns.log_counts(f0)
        # (f - its parents' mean count, where it has parents: divisions of whole numbers, as Python's)
        nested = f0 - np.divide(p_f, p_n, out=np.zeros(len(keys)), where=p_n > 0)
        x[:, 1] = columns.log_counts(nested)
        x[:, 2] = f0 <= 1
        x[:, 3] = seen_in / n_docs
        x[:, 4] = seen_in >= 2
        # specificity over the Chinese words (all words when there are none), a final term head left out
        han = ~self.w_ascii[flat]
        n_han = np.add.reduceat(han.astype(np.int64), starts)
        body = np.where((n_han == 0)[owner], True, han)
        # (the last of those words is the last Chinese one: its position is the last where han holds)
        last_han = np.maximum.reduceat(np.where(body, position, -1), starts)
        drop = (np.add.reduceat(body.astype(np.int64), starts) > 1) & self.w_head[flat[starts + last_han]]
        body &= ~(drop[owner] & (position == last_han[owner]))
        spec = self.w_spec[flat]
        n_body = np.add.reduceat(body.astype(np.int64), starts)
        x[:, 5] = total(np.where(body, spec, 0.0)) / n_body
        x[:, 6] = np.minimum.reduceat(np.where(body, spec, np.inf), starts)
        x[:, 7] = np.maximum.reduceat(np.where(body, spec, -np.inf), starts)
        x[:, 8] = self.w_spec[last]
        x[:, 9] = columns.general_frequencies(keys, self.general)
        x[:, 10] = self.w_general[last]
        x[:, 11] = self.w_general[first]
        mean_count = np.fromiter(
            map(math.exp, (total(self.w_log_count[flat]) / lens).tolist()), dtype=float, count=len(keys)
        )
        x[:, 12] = np.where(several, np.minimum(1.0, f0 / mean_count), 1.0)
        x[:, 13] = np.where(several, np.minimum(1.0, f0 / np.minimum.reduceat(self.w_count[flat], starts)), 1.0)
        x[:, 14] = np.where(several, np.minimum(1.0, f0 / np.maximum.reduceat(self.w_count[flat], starts)), 1.0)
        x[:, 15] = np.divide(p_max, f0, out=np.zeros(len(keys)), where=f0 != 0)
        x[:, 16] = columns.log_counts(p_n)
        for col, side in zip((17, 18), self.sides):
            x[:, [col, col + 2, col + 4]] = side[lo:hi]
        shape = columns.shape(keys)
        x[:, 23] = shape[:, 0]
        x[:, 24] = lens
        x[:, 25:28] = shape[:, 1:]
        ascii_key = shape[:, 1].astype(bool)
        base, n_groups = 28, len(POS_GROUPS)
        rows = np.arange(len(keys))
        for at, words in ((base, first), (base + n_groups, last)):
            group = self.w_group[words]
            has = group >= 0
            x[rows[has], at + group[has]] = 1.0
        i = base + 2 * n_groups
        first_lone = several & self.w_lone[first]
        last_lone = several & self.w_lone[last]
        x[:, i] = first_lone
        x[:, i + 1] = last_lone
        x[:, i + 2] = np.where(first_lone, self.w_prefix[first], 0.0)
        x[:, i + 3] = np.where(last_lone, self.w_suffix[last], 0.0)
        i += 4
        x[:, i] = columns.term_heads(keys)
        x[:, i + 1] = columns.name_ends(keys)
        x[:, i + 2] = columns.chemicals(keys)
        for at, found in enumerate(
            (self.elems, miner.titles, miner.quoted, self.corpus.glossed, miner.glossed_names), start=i + 3
        ):
            x[:, at] = columns.members(found, keys)
        i += 8
        in_dictionary = columns.members(cedict.headwords(), keys).astype(bool)
        x[:, i] = in_dictionary
        if self.known:
            x[:, i + 1] = columns.known(self.known, keys)
        x[:, i + 2] = share_of(self.w_known[flat])
        x[:, i + 3] = share_of(self.w_core[flat])
        for r in np.flatnonzero(several & self.w_setting[first]).tolist():
            k = keys[r]
            x[r, i + 4] = count.get(k[len(self._words[first[r]]) :], 0) >= f0[r]
        i += 5
        stop = self.w_stop[flat]
        x[:, i] = self.w_stop[first] | self.w_stop[last]
        x[:, i + 1] = any_of(stop & inner)
        x[:, i + 2] = any_of(self.w_verb[flat] & inner)
        verb_first = several & self.w_verb[first]
        x[:, i + 3] = verb_first
        x[:, i + 4] = verb_first & (self.w_freq[first] >= EVERYDAY_VERB_FREQ)
        x[:, i + 5] = any_of(self.w_prep[flat] & inner)
        x[:, i + 6] = any_of(self.w_conj[flat] & inner)
        x[:, i + 7] = any_of(self.w_number[flat] & inner)
        i += 8
        # CC-CEDICT's register of the whole string and, for a phrase, of each of its words
        # (a string CC-CEDICT lacks has no entry to read)
        whole_gloss = [gloss_register(k) if d else None for k, d in zip(keys, in_dictionary.tolist())]
        rarity = np.fromiter((g[0] if g else math.inf for g in whole_gloss), dtype=float, count=len(keys))
        rarity = np.minimum(rarity, np.where(several, np.minimum.reduceat(self.w_rarity[flat], starts), math.inf))
        x[:, i] = np.where(np.isinf(rarity), 4.0, rarity)
        x[:, i + 1] = np.where(np.isinf(self.w_rarity[last]), 4.0, self.w_rarity[last])
        in_phrase = several[owner]
        whole_has = np.fromiter((g is not None for g in whole_gloss), dtype=bool, count=len(keys))
        whole_field = np.fromiter((bool(g and g[1]) for g in whole_gloss), dtype=bool, count=len(keys))
        whole_idiom = np.fromiter((bool(g and g[2]) for g in whole_gloss), dtype=bool, count=len(keys))
        x[:, i + 2] = whole_has | any_of(self.w_glossed[flat] & in_phrase)
        x[:, i + 3] = whole_field | any_of(self.w_field[flat] & in_phrase)
        x[:, i + 4] = whole_idiom | any_of(self.w_idiom[flat] & in_phrase)
        x[:, i + 5] = np.maximum.reduceat(self.w_latin_english[flat], starts)
        x[:, i + 6] = any_of(self.w_acronym[flat])
        i += 7
        whole = columns.lexicon_entries(keys, lexicon.read(keys))
        x[:, i] = whole[:, 1]
        x[:, i + 1] = whole[:, 2]
        x[:, i + 2] = several & self.w_lexicon[last]
        x[:, i + 3] = share_of(self.w_lexicon[flat])
        cut = columns.counts(miner.cut, keys)
        x[:, i + 4] = np.where(f0 > 0, cut / np.maximum(f0, 1), 0.0)
        # a Chinese person's name: a surname and one or two characters, tagged a name, in no dictionary (the
        # people a story quotes are no terms of its field)
        person = np.isin(self.w_group[first], [GROUP_OF["nr"]])
        for r in np.flatnonzero(person & ~ascii_key & ~in_dictionary).tolist():
            k = keys[r]
            x[r, i + 5] = 2 <= len(k) <= 3 and cedict.is_surname(k[0]) and not whole[r, 0]
        # the share of its occurrences the writer sets off: in a list (things of one kind, which a field's terms
        # are), in quotation marks, in brackets or before them (marks.MARKS, in FEATURES' order)
        for at, found in enumerate(miner.marked.values(), start=i + 6):
            n = columns.counts(found, keys)
            x[:, at] = np.where(f0 > 0, np.minimum(1.0, n / np.maximum(f0, 1)), 0.0)
        # TF-IDF: the log count times the rarity of the whole in general Chinese (a weighted sum of the two,
        # which is all the model can make of them apart, does not say "often here, seldom elsewhere")
        x[:, i + 6 + len(miner.marked)] = x[:, 0] * -x[:, 9]
        # the mean specificity of its characters (a term seen once, in no list, is still written in the field's)
        n_chars = np.add.reduceat(self.w_hanzi[flat], starts)
        x[:, i + 7 + len(miner.marked)] = np.where(
            n_chars > 0, total(self.w_hanzi_spec[flat]) / np.maximum(n_chars, 1), 0.0
        )
        # a field's words begin and end with other characters than everyday words do (剂 ends terms, 了 none)
        x[:, i + 8 + len(miner.marked)] = (self.w_field_begins[first] + self.w_field_ends[last]) / 2
        return x
