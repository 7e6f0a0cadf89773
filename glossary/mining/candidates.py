"""Candidate extraction and termhood ranking.

How the miner decides (also in the README; ``docs/mining.md`` has it in full):

1. **Units.** Each document is converted to Simplified (one character per
   character, so offsets stay valid) and segmented. Punctuation, particles,
   pronouns, conjunctions and the function words of ``data/function_words.txt``
   cut the text into chunks; every run of 1–7 words inside a chunk is a
   candidate unless a stop word, conjunction or number stands at its edge.
   Titles in 《》, Latin-script names and codes, glossed and quoted names and
   single-character chemical elements are candidates of their own.
2. **Evidence for the model.** Each occurrence is counted with the words on
   either side of it; :mod:`glossary.mining.features` turns the counts into
   features of shape and statistics.
3. **Termhood.** The fitted model (:mod:`glossary.mining.model`) gives each
   candidate the probability that it is a term; that is its score, and the
   output is every candidate above the model's threshold, within a floor and a cap.

:func:`glossary.mining.mine.mine_documents` runs the whole of it over a set of documents.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from types import ModuleType
from typing import TYPE_CHECKING

from ..models import Candidate, Document
from ..native import load_module
from ..normalise.script import to_simplified_aligned
from ..workers import bounds, default_workers, fork_map_inherited
from . import cedict
from .corpus import CorpusMeasures, measure_corpus
from .features import neighbours
from .filters import (
    character_specificity,
    elements,
    estimated_frequency,
    function_words,
    load_background,
)
from .marks import MARKS, count_marks
from .measure import candidate_probabilities
from .model import TermhoodModel, best, demote_fragments, load_model, round_places
from .ngrams import BREAK_TAGS, expand, is_coordinator, word_rules
from .segment import JiebaTokeniser, Tokeniser

if TYPE_CHECKING:  # pragma: no cover
    from numpy.typing import NDArray

Progress = Callable[[int, int], None]


class _Units(dict):
    """(word, tag) → the word, or "\\x00" where it cuts a chunk: punctuation, particles, pronouns and the
    function words of ``data/function_words.txt``. Everything else may sit inside a term (审批流程, 高速铁路,
    建筑及工程监理协会); what it says about a candidate is a feature the termhood model weighs."""

    def __missing__(self, pair: tuple[str, str]) -> str:
        w, t = pair
        brk = (
            (t in BREAK_TAGS and not w.isascii() or w in function_words())
            and not is_coordinator(w, t)
            or w.isspace()
            or (t == "x" and not w.isalnum())
        )
        self[pair] = out = "\x00" if brk else w
        return out


#: what :meth:`Miner.state` sends from a worker, by name, and the attribute each is
_STATE = {
    "count": "count",
    "df": "df",
    "doc_counts": "doc_counts",
    "tokens": "tokens",
    "left": "left",
    "right": "right",
    "titles": "titles",
    "glossed": "glossed",
    "glossed_names": "glossed_names",
    "quoted": "quoted",
    "cut": "cut",
    "marked": "marked",
    "tok_count": "tok_count",
    "n_tokens": "n_tokens",
    "simplified": "simplified",
    "same": "_same",
    "tag_of": "tag_of",
}


class Miner:
    """Counts candidates over documents, then ranks them.

    Counting is done with ``Counter`` per document: each chunk of content
    words is expanded into its candidate n-grams once (a cache keyed by the
    chunk, since chunks recur), and every occurrence is counted, with the
    words on either side of it (a term's neighbours vary; a fragment's do not).

    :param tokeniser: a :class:`~glossary.mining.segment.Tokeniser`; jieba-rs by default.
    """

    def __init__(self, tokeniser: Tokeniser | None = None) -> None:
        self.tokeniser = tokeniser or JiebaTokeniser()
        self.count: Counter[str] = Counter()
        self.df: Counter[str] = Counter()
        self.doc_counts: list[Counter[str]] = []
        self.tokens: dict[str, tuple[str, ...]] = {}
        # candidate → the words before it and how often ("" at a chunk's edge); the word alone for a candidate
        # seen once (:func:`neighbours` reads both)
        self.left: dict[str, dict[str, int] | str] = {}
        self.right: dict[str, dict[str, int] | str] = {}
        self.titles: set[str] = set()
        self.glossed: dict[str, Counter[str]] = {}  # the words right before an English gloss → the glosses
        self.glossed_names: set[str] = set()
        self.quoted: set[str] = set()  # terms the texts set in quotation marks (“菜篮子工程”)
        self.cut: Counter[str] = Counter()  # occurrences found beginning or ending inside a glued word
        # how often each candidate is set off by the writer, by the way (marks.MARKS: in a list, in quotes …)
        self.marked: dict[str, Counter[str]] = {name: Counter() for name in MARKS}
        self.tok_count: Counter[str] = Counter()
        self.n_tokens = 0
        self.docs: list[Document] = []
        self.simplified: list[str] = []
        self._same: list[bool] = []
        # a chunk's n-grams are kept from its second sighting on (one or two words' at once): nine chunks in ten
        # are never seen again, and keeping every chunk's held a hundred megabytes of a 16 MB corpus's counting
        self._ngrams: dict[str, list[tuple[str, str, str, bool]]] = {}
        self._once: set[str] = set()
        # one string object per word and per candidate while counting: each chunk's split and expansion makes
        # strings of its own, and the per-document counts kept them all alive (a fifth of a large corpus's
        # counts were copies of a string held elsewhere)
        self._strings: dict[str, str] = {}
        # word -> (its tag, ngrams.word_rules' answer under it), for the C counting loop
        self._rules: dict[str, tuple[str, tuple[int, str | None, str | None]]] = {}
        self.tag_of: dict[str, str] = {}
        self._unit = _Units()
        self._lines: dict[int, list[int]] = {}  # document index -> offsets of its line breaks (for context lines)
        self._hanzi_spec: dict[str, float] | None = None
        self._corpus_measures: CorpusMeasures | None = None

    def cuts(self, pair: tuple[str, str]) -> bool:
        """True when the word ``pair`` (word, tag) ends a run of words: a chunk's break, or a coordinator (和, 及,
        与), which only a name's run may cross (:data:`~glossary.mining.ngrams.COORDINATORS`)."""
        return self._unit[pair] == "\x00" or is_coordinator(*pair)

    def _newlines(self, i: int) -> list[int]:
        """Where document ``i``'s lines break, found once when its first context is placed."""
        if i not in self._lines:
            self._lines[i] = [m.start() for m in re.finditer("\n", self.docs[i].text)]
        return self._lines[i]

    # ------------------------------------------------------------ counting
    def add(self, doc: Document) -> None:
        """Count the candidates of one document."""
        self.docs.append(doc)
        self._hanzi_spec = self._corpus_measures = None
        simp = to_simplified_aligned(doc.text)
        self.simplified.append(simp)
        self._same.append(simp == doc.text)
        pairs = self._pairs(simp)
        native = load_module("grams")
        # each distinct chunk is expanded once and counted as often as it occurs
        words, chunks = self._chunks(pairs, native if "\x00" not in simp and "\x01" not in simp else None)
        local: Counter[str] = Counter()
        if native is None:
            self._count_chunks(chunks, local)
        else:
            # the same loop in C, told each word's rules under its tag as tag_of has it now (ngrams.word_rules,
            # asked again only where a word's tag changed)
            rules_of = (self._rules, self.tag_of, word_rules)
            lists = (self._ngrams, self._once, self._strings, self.tokens)
            native.count_chunks(chunks, rules_of, *lists, local, self.left, self.right, self.cut)
        count_marks(self, simp, local)
        # (Counter.update adds a mapping in bytecode: the C twin's add_counts is a tenth of a large mine's counting)
        add_counts = Counter.update if native is None else native.add_counts
        add_counts(self.tok_count, words)
        self.n_tokens += sum(words.values())
        add_counts(self.count, local)
        self.df.update(local.keys())
        self.doc_counts.append(local)

    def _chunks(self, pairs: list[tuple[str, str]], native: ModuleType | None) -> tuple[Counter[str], Counter[str]]:
        """The document's words (but spaces) and its chunks (runs of words between breaks, joined by \\x01) with
        their counts; each pair's tag noted in :attr:`tag_of` (the last one seen wins). In C where it could be
        built (``grams.chunk_pairs``), for a text with neither \\x00 nor \\x01 in it."""
        words: Counter[str] = Counter()
        chunks: Counter[str] = Counter()
        if native is not None:
            native.chunk_pairs(pairs, self._unit, self.tag_of, words, chunks)
            return words, chunks
        self.tag_of.update(pairs)
        words.update(map(itemgetter(0), pairs))
        for w in [w for w in words if w.isspace()]:
            del words[w]
        # words joined by \x01 with every break as \x00, then split: the chunking runs in C, and each (word, tag) is
        # judged once per run (self._unit), not once per occurrence
        seq = "\x01".join(map(self._unit.__getitem__, pairs))
        chunks.update(part.strip("\x01") for part in seq.split("\x00"))
        chunks.pop("", None)
        return words, chunks

    def _count_chunks(self, chunks: Counter[str], local: Counter[str]) -> None:
        """Count each chunk's n-grams, ``chunks`` times each, into ``local`` and the miner's neighbours and cuts
        (``glossary/native/grams.c`` is this loop's twin, and the miner's where it could be built)."""
        cache, once, tag_of, tokens = self._ngrams, self._once, self.tag_of, self.tokens
        left, right, cut = self.left, self.right, self.cut
        for part, k in chunks.items():
            grams = cache.get(part)
            if grams is None:
                grams = self._expand(part, tag_of, tokens)
                if part in once or part.count("\x01") < 2:  # (a chunk of one or two words is cheap to keep)
                    cache[part] = grams
                else:
                    once.add(part)
            for gram, before, after, inner in grams:
                local[gram] += k
                if inner:
                    cut[gram] += k
                # most grams are new and never seen again: a gram seen once keeps its neighbours as the words
                # themselves, a dict only from its second occurrence (plain dicts: a Counter costs three times
                # as much to make); see :func:`neighbours`
                lc = left.get(gram)
                if lc is None:
                    if k == 1:
                        left[gram], right[gram] = before, after
                    else:
                        left[gram], right[gram] = {before: k}, {after: k}
                    continue
                rc = right[gram]
                if isinstance(lc, str) or isinstance(rc, str):  # (both are, or neither: a second occurrence)
                    left[gram] = {lc: 1 + k} if lc == before else {lc: 1, before: k}  # type: ignore[dict-item]
                    right[gram] = {rc: 1 + k} if rc == after else {rc: 1, after: k}  # type: ignore[dict-item]
                else:
                    lc[before] = lc.get(before, 0) + k
                    rc[after] = rc.get(after, 0) + k

    def _expand(
        self, part: str, tag_of: dict[str, str], tokens: dict[str, tuple[str, ...]]
    ) -> list[tuple[str, str, str, bool]]:
        """The n-grams of a chunk (words joined by \\x01), their words and keys the miner's own strings."""
        same = self._strings
        chunk = tuple([same.setdefault(w, w) for w in part.split("\x01")])
        return [(same.setdefault(g, g), b, a, i) for g, b, a, i in expand(chunk, tag_of, tokens)]

    def state(self) -> dict:
        """What was counted, as plain data (to send from a worker process)."""
        return {name: getattr(self, attr) for name, attr in _STATE.items()}

    def merge(self, docs: Sequence[Document], state: dict) -> None:
        """Add what a worker counted over ``docs`` (in order) to this miner."""
        self._hanzi_spec = self._corpus_measures = None
        if not self.docs:
            # the first share's counts become this miner's own, not a copy beside them (a large corpus's are
            # hundreds of megabytes)
            self.docs.extend(docs)
            for name, attr in _STATE.items():
                setattr(self, attr, state[name])
            return
        self.docs.extend(docs)
        native = load_module("grams")
        if native is None:
            self._merge_counts(state)
        else:  # (the same loops in C: at 16 MB they were 2.5 s the workers waited on)
            for name in ("count", "df", "cut", "tok_count"):
                native.add_counts(getattr(self, name), state[name])
            for name, found in state["marked"].items():
                native.add_counts(self.marked[name], found)
            for local in state["doc_counts"]:
                own: Counter[str] = Counter()
                native.add_interned(own, self._strings, local)
                self.doc_counts.append(own)
            native.set_defaults(self.tokens, state["tokens"])
            native.merge_neighbours(self.left, state["left"])
            native.merge_neighbours(self.right, state["right"])
        self.titles |= state["titles"]
        for span, found in state["glossed"].items():
            self.glossed.setdefault(span, Counter()).update(found)
        self.glossed_names |= state["glossed_names"]
        self.quoted |= state["quoted"]
        self.n_tokens += state["n_tokens"]
        self.simplified.extend(state["simplified"])
        self._same.extend(state["same"])
        self.tag_of.update(state["tag_of"])  # the last tag seen wins, as when counting in one process

    def _merge_counts(self, state: dict) -> None:
        """:meth:`merge`'s counts, neighbours and words (``glossary/native/grams.c`` has this method's twin)."""
        for name in ("count", "df", "cut", "tok_count"):
            getattr(self, name).update(state[name])
        for name, found in state["marked"].items():
            self.marked[name].update(found)
        # a worker's candidates this miner has already are its own strings again (they would be kept twice)
        same = self._strings
        for local in state["doc_counts"]:
            self.doc_counts.append(Counter({same.setdefault(k, k): n for k, n in local.items()}))
        for k, v in state["tokens"].items():
            self.tokens.setdefault(k, v)
        for mine, theirs in ((self.left, state["left"]), (self.right, state["right"])):
            for k, c in theirs.items():
                got = mine.get(k)
                if got is None:
                    mine[k] = c
                else:
                    into = mine[k] = got if isinstance(got, dict) else {got: 1}
                    for w, n in neighbours(c).items():
                        into[w] = into.get(w, 0) + n

    def _pairs(self, text: str) -> list[tuple[str, str]]:
        pairs = getattr(self.tokeniser, "pairs", None)
        if pairs is not None:
            return pairs(text)
        return [(t.text, t.tag) for t in self.tokeniser.tokenize(text)]

    # ------------------------------------------------------------- ranking
    def _specificity(self, word: str, count: int | None = None) -> float:
        if word.isascii() and not any(ch.isupper() or ch.isdigit() for ch in word):
            return 0.0  # a plain lowercase word is English prose, not a name or code
        c = self.tok_count.get(word, 0) if count is None else count
        rel = c / max(self.n_tokens, 1)
        known = getattr(self.tokeniser, "known", None)
        bg = estimated_frequency(word, invented=known is not None and not word.isascii() and not known(word))
        return max(-1.0, min(5.0, math.log10(max(rel, 1e-12) / bg)))

    def score(self, model: TermhoodModel | None = None, workers: int | None = None) -> list[Candidate]:
        """Rank every counted candidate by the termhood model's probability that it is a term; best first.
        ``workers``: processes that measure the features; default one per core from
        :data:`PARALLEL_MIN_CANDIDATES` candidates on.

        The score of each candidate is that probability (see :mod:`glossary.mining.features` for what the
        model sees and ``docs/mining.md`` for how it was fitted).
        """
        return self.candidates(self.ranking(model, workers))

    def candidates(self, ranked: Iterable[tuple[str, float]]) -> list[Candidate]:
        """:class:`Candidate` records of ranked (term, score) pairs."""
        kinds, count = self._kinds(), self.count
        return [Candidate(term=k, kind=kinds(k), count=count[k], score=p) for k, p in ranked]

    def ranking(self, model: TermhoodModel | None = None, workers: int | None = None) -> list[tuple[str, float]]:
        """(candidate, score) pairs as :meth:`score` ranks them, without a record for each: a large corpus has
        hundreds of thousands of candidates, and only the few thousand kept need one."""
        keys, probs = self.probabilities(model, workers)
        return best(keys, probs, self.count, len(keys))

    def probabilities(
        self, model: TermhoodModel | None = None, workers: int | None = None
    ) -> tuple[list[str], NDArray]:
        """Every counted candidate and its score (the model's probability, fragments demoted, to four places), in
        the order counted, the scores as an array: what :meth:`ranking` sorts, and :func:`best` picks the first
        few of."""
        import numpy as np

        model = model or load_model()
        # (counting is done: the chunks' n-grams, kept for chunks seen again, and the strings' index only take room)
        self._ngrams.clear()
        self._once.clear()
        self._strings.clear()
        self._rules.clear()
        keys = list(self.count)
        if workers is None:
            workers = default_workers() if len(keys) >= PARALLEL_MIN_CANDIDATES else 1
        if workers > 1 and len(keys) > 1:
            # the rows are the same in any split: each worker measures its share against the whole count and
            # sends back its probabilities only (the rows, ninety-odd numbers a candidate, would cost the parent more to
            # unpickle than the model costs to apply)
            load_tables()
            # (once, here, not in each worker: what is measured over every candidate — its nesting, the core
            # words — walked the whole count in each worker, and a forked worker that reads an object writes its
            # reference count, so each held a copy of every page of the count's strings)
            self.hanzi_specificity()
            self.corpus_measures()
            # (each job is a range of the counted candidates' list, which the worker inherits: a large corpus's
            # keys pickled to the workers held 60 MB of this process's memory meanwhile, and a range read off the
            # count itself walked every key before it)
            jobs = [(lo, hi, model) for lo, hi in bounds(len(keys), workers)]
            raw = np.concatenate(list(fork_map_inherited(_probabilities_part, (self, keys), jobs, len(jobs))))
        else:
            raw = candidate_probabilities(self, keys, model)
        count = self.count
        probs = demote_fragments(keys, [count[k] for k in keys], raw, model.fragment_factor)
        return keys, round_places(probs, 4)

    def hanzi_specificity(self) -> dict[str, float]:
        """Each Hanzi of the texts → how much more often they use it than general Chinese does
        (:func:`~glossary.mining.filters.character_specificity`), measured once for all candidates."""
        if self._hanzi_spec is None:
            self._hanzi_spec = character_specificity(self.simplified)
        return self._hanzi_spec

    def corpus_measures(self) -> CorpusMeasures:
        """What the features read of the corpus as a whole (each candidate's nesting, the texts' glossed terms
        and core words), measured once for all candidates."""
        if self._corpus_measures is None:
            self._corpus_measures = measure_corpus(
                self.count, self.tokens, self.glossed, self.tok_count, self._specificity
            )
        return self._corpus_measures

    def _kinds(self) -> Callable[[str], str]:
        elems = elements()

        def kind(key: str) -> str:
            if key in self.titles:
                return "title"
            if key in self.glossed_names:
                return "name"
            if key.isascii():
                return "latin"
            return "element" if key in elems else "term"

        return kind


#: from this many candidates their features are measured in forked workers (a quarter of a second's work per 10,000;
#: 76,000 took 1.73 s in one process, 1.34 s in two)
PARALLEL_MIN_CANDIDATES = 20_000


def load_tables() -> None:
    """Load the general Chinese list and CC-CEDICT's lines whole, once, before forking workers that will each ask
    for most of them (a worker that loaded them itself would do so once per worker)."""
    load_background()
    cedict.load_rows()
    load_module("grams")  # (built, where it is not yet, before the workers that would each build it)


def _probabilities_part(shared: tuple[Miner, list[str]], job: tuple[int, int, TermhoodModel]) -> NDArray:
    miner, keys = shared
    lo, hi, model = job
    return candidate_probabilities(miner, keys[lo:hi], model)
