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
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from ..errors import GlossaryError
from ..models import Candidate, Document
from ..native import load_module
from ..normalise.script import to_simplified_aligned
from ..workers import bounds, default_workers, fork_shared, give_back_memory
from . import cedict, counting
from .corpus import CorpusMeasures, measure_corpus
from .evidence import Texts
from .filters import (
    character_specificity,
    elements,
    estimated_frequency,
    load_background,
)
from .marks import MARKS, count_marks
from .measure import Measure
from .model import CountsOf, TermhoodModel, best, demote_fragments, load_model, round_places
from .ngrams import is_coordinator, shape, words_in
from .segment import JiebaTokeniser, Tokeniser

if TYPE_CHECKING:  # pragma: no cover
    from numpy.typing import NDArray

Progress = Callable[[int, int], None]


#: what :meth:`Miner.state` sends from a worker, by name, and the attribute each is
_STATE = {
    "count": "count",
    "doc_counts": "doc_counts",
    "shapes": "shapes",
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
        self.doc_counts: list[counting.FileCounts] = []
        # candidate -> the shape of its words (ngrams.shape: their lengths; the key holds the words themselves)
        self.shapes: dict[str, str] = {}
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
        # the documents counted, each with its Simplified text (what contexts are looked for in)
        self._texts = Texts()
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
        self._unit = counting.Units()
        self._hanzi_spec: dict[str, float] | None = None
        self._corpus_measures: CorpusMeasures | None = None
        self.released = False  # (:meth:`release`)

    def cuts(self, pair: tuple[str, str]) -> bool:
        """True when the word ``pair`` (word, tag) ends a run of words: a chunk's break, or a coordinator (和, 及,
        与), which only a name's run may cross (:data:`~glossary.mining.ngrams.COORDINATORS`)."""
        return self._unit[pair] == "\x00" or is_coordinator(*pair)

    def words_of(self, key: str) -> tuple[str, ...]:
        """The words of a counted candidate, as the segmenter found them.

        >>> m = Miner()
        >>> m.add(Document("a.txt", "聚氯乙烯管材需要稳定剂。", "utf-8"))
        >>> m.words_of("聚氯乙烯管材")
        ('聚氯乙烯', '管材')
        """
        return words_in(key, self.shapes.get(key))

    def note_words(self, key: str, words: Sequence[str]) -> None:
        """Note the words of a candidate counted apart from the runs of words (a title, a quoted or glossed
        span) where none are noted yet; words that do not make up ``key`` make it one word."""
        if key not in self.shapes:
            self.shapes[key] = shape(words if "".join(words) == key else (key,))

    def texts(self) -> Texts:
        """The documents counted and their Simplified forms, for the kept terms' contexts."""
        return self._texts

    @property
    def docs(self) -> list[Document]:
        """The documents counted, in order."""
        return self._texts.docs

    @property
    def simplified(self) -> list[str]:
        """Each counted document's Simplified text (the document's own string where it is one)."""
        return self._texts.simplified

    def simplified_or_none(self) -> list[str | None]:
        """Each document's Simplified text, None where it is the document's own (sent once, not twice)."""
        return self._texts.simplified_or_none()

    # ------------------------------------------------------------ counting
    def add(self, doc: Document) -> None:
        """Count the candidates of one document."""
        self._check_counts()
        self._hanzi_spec = self._corpus_measures = None
        simp = to_simplified_aligned(doc.text)
        self._texts.extend([doc], [None if simp == doc.text else simp])
        pairs = self._pairs(simp)
        # each distinct chunk is expanded once and counted as often as it occurs
        words, chunks = counting.read_pairs(self, pairs, simp)
        local: Counter[str] = Counter()
        counting.count_chunks(self, chunks, local)
        count_marks(self, simp, local)
        counting.add_counts(self.tok_count, words)
        self.n_tokens += sum(words.values())
        counting.add_counts(self.count, local)
        self.doc_counts.append(counting.FileCounts(local))

    def state(self) -> dict:
        """What was counted, as plain data (to send from a worker process)."""
        self._check_counts()
        state = {name: getattr(self, attr) for name, attr in _STATE.items()}
        # (a text that is its own Simplified form is the document's, which the receiver has: not sent twice)
        state["simplified"] = self.simplified_or_none()
        return state

    def merge(self, docs: Sequence[Document], state: dict) -> None:
        """Add what a worker counted over ``docs`` (in order) to this miner."""
        self._check_counts()
        self._hanzi_spec = self._corpus_measures = None
        first = not self.docs
        self._texts.extend(docs, state["simplified"])
        if first:
            # the first share's counts become this miner's own, not a copy beside them (a large corpus's are
            # hundreds of megabytes)
            for name, attr in _STATE.items():
                setattr(self, attr, state[name])
            return
        counting.merge_counts(self, state)
        self.titles |= state["titles"]
        for span, found in state["glossed"].items():
            self.glossed.setdefault(span, Counter()).update(found)
        self.glossed_names |= state["glossed_names"]
        self.quoted |= state["quoted"]
        self.n_tokens += state["n_tokens"]
        self.tag_of.update(state["tag_of"])  # the last tag seen wins, as when counting in one process

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
        self, model: TermhoodModel | None = None, workers: int | None = None, release: bool = False
    ) -> tuple[list[str], NDArray]:
        """Every counted candidate and its score (the model's probability, fragments demoted, to four places), in
        the order counted, the scores as an array: what :meth:`ranking` sorts, and :func:`best` picks the first
        few of. ``release``: let go of what only the features read (:meth:`release`) once it is measured, before
        the feature workers fork (``glossary mine`` ranks once)."""
        import numpy as np

        model = model or load_model()
        self.forget_counting_caches()  # (before the feature worker forks: what was freed is not the tree's to count)
        keys = list(self.count)
        if workers is None:
            workers = default_workers() if len(keys) >= PARALLEL_MIN_CANDIDATES else 1
        if workers > 1 and len(keys) > 1:
            # the rows are the same in any split: this process measures the first share while a forked worker
            # measures each other against the whole count and sends back its probabilities only (a worker more,
            # with this one waiting, held a third copy of the pages it read: the tree's peak at 16 MB 1,365 →
            # 1,245 MB; the rows, ninety-odd numbers a candidate, would cost more to unpickle than the model
            # costs to apply)
            load_tables()
            # (once, here, not in each worker: what is measured over every candidate — its nesting, the core
            # words — walked the whole count in each worker, and a forked worker that reads an object writes its
            # reference count, so each held a copy of every page of the count's strings)
            self.hanzi_specificity()
            self.corpus_measures()
            # (each job is a range of the counted candidates' list, which the worker inherits: a large corpus's
            # keys pickled to the workers held 60 MB of this process's memory meanwhile, and a range read off the
            # count itself walked every key before it)
            # (and what the candidates' words say, looked up once before the fork, below: a worker that looked
            # them up copied the pages of the dictionaries it read, 107 MB each at 16 MB)
        measure = Measure(self, keys, release=release)
        if workers > 1 and len(keys) > 1:
            jobs = [(lo, hi, model) for lo, hi in bounds(len(keys), workers)]
            raw = np.concatenate(fork_shared(_probabilities_part, measure, jobs))
        else:
            raw = measure.probabilities(model)
        del measure
        give_back_memory()  # (the features' arrays: what is made next, the kept ones' evidence, takes their room)
        probs = demote_fragments(keys, CountsOf(keys, self.count), raw, model.fragment_factor)
        return keys, round_places(probs, 4)

    def document_frequencies(self) -> Counter[str]:
        """How many documents each candidate is in, read off the documents' counts (kept beside them while
        counting, it was one more dictionary of every candidate in each counting process, and in the file of a
        worker's counts).

        >>> m = Miner()
        >>> for name in ("a.txt", "b.txt"):
        ...     m.add(Document(name, "聚氯乙烯管材需要稳定剂。", "utf-8"))
        >>> m.add(Document("c.txt", "稳定剂", "utf-8"))
        >>> m.document_frequencies()["稳定剂"], m.document_frequencies()["聚氯乙烯管材"]
        (3, 2)
        """
        found: Counter[str] = Counter()
        for local in self.doc_counts:
            found.update(local.keys)
        return found

    def forget_counting_caches(self) -> None:
        """Let go of what only speeds counting up — the chunks' n-grams kept for chunks seen again, the index that
        keeps one string per word and candidate, each word's rules — once the documents are counted (the counts
        stay whole; a document added after is counted the same, the caches made again). At 16 MB they hold a
        tenth of the counts' memory, and what is built next (a worker's counts merged, their file written) is
        built in the room they leave.

        >>> m = Miner()
        >>> m.add(Document("a.txt", "聚氯乙烯管材需要稳定剂。", "utf-8"))
        >>> m.forget_counting_caches(); m.add(Document("b.txt", "聚氯乙烯管材", "utf-8"))
        >>> m.count["聚氯乙烯管材"], m._strings["聚氯乙烯管材"]
        (2, '聚氯乙烯管材')
        """
        self._ngrams.clear()
        self._once.clear()
        self._strings.clear()
        self._rules.clear()
        give_back_memory()

    def release(self, *what: str) -> None:
        """Let go of every candidate's words and neighbours (``what``: of these, by name: "shapes", "left",
        "right"; default all), which only the features read: a large corpus's were a third of this process when the
        feature workers forked (16 MB: three dicts of 1.25 million candidates and the neighbours' own dicts).
        Nothing can be counted or measured after.

        >>> m = Miner()
        >>> m.add(Document("a.txt", "聚氯乙烯管材需要稳定剂。", "utf-8"))
        >>> m.release(); m.add(Document("b.txt", "稳定剂", "utf-8"))
        Traceback (most recent call last):
        ...
        glossary.errors.GlossaryError: this miner's counts were released after ranking: count with a new Miner
        """
        for name in what or _RELEASED:
            setattr(self, name, type(getattr(self, name))())
        self.released = True
        give_back_memory()

    def _check_counts(self) -> None:
        if self.released:
            raise GlossaryError("this miner's counts were released after ranking: count with a new Miner")

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
            self._check_counts()
            self._corpus_measures = measure_corpus(
                self.count, self.shapes, self.glossed, self.tok_count, self._specificity
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


#: what :meth:`Miner.release` lets go of
_RELEASED = ("shapes", "left", "right")

#: from this many candidates their features are measured in forked workers (a quarter of a second's work per 10,000;
#: 76,000 took 1.73 s in one process, 1.34 s in two)
PARALLEL_MIN_CANDIDATES = 20_000


def load_tables() -> None:
    """Load the general Chinese list and CC-CEDICT's lines whole, once, before forking workers that will each ask
    for most of them (a worker that loaded them itself would do so once per worker)."""
    load_background()
    cedict.load_rows()
    # (the native modules built, where they are not yet, before the workers that would each build them)
    load_module("grams")
    load_module("counts")
    load_module("columns")
    load_module("pairs")


def _probabilities_part(measure: Measure, job: tuple[int, int, TermhoodModel]) -> NDArray:
    lo, hi, model = job
    return measure.probabilities(model, lo, hi)
