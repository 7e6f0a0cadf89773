"""A document's counting and a worker's merge, in C where ``glossary/native`` could build its modules
(``grams.c``: reading a document's pairs and counting its chunks' n-grams; ``counts.c``: adding and merging counts),
else in Python: the functions here, the C's twins, which leave a :class:`~glossary.mining.candidates.Miner` the
same, entry for entry and in the same order (the tests hold them to each other).

>>> from collections import Counter
>>> from glossary.mining.candidates import Miner
>>> m = Miner()
>>> words, chunks = read_pairs(m, [("小型", "b"), ("齿轮", "n"), ("，", "x"), ("材料", "n")], "小型齿轮，材料")
>>> list(chunks), words["齿轮"]
(['小型\\x01齿轮', '材料'], 1)
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator, Mapping
from operator import itemgetter
from typing import TYPE_CHECKING

from ..native import load_module
from . import cedict
from .features import neighbours
from .filters import function_words
from .ngrams import BREAK_TAGS, expand, is_coordinator, word_rules

if TYPE_CHECKING:  # pragma: no cover
    from .candidates import Miner


class Units(dict):
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


def read_pairs(miner: Miner, pairs: list[tuple[str, str]], text: str) -> tuple[Counter[str], Counter[str]]:
    """The document's words (but spaces) and its chunks (runs of words between breaks, joined by \\x01) with
    their counts; each pair's tag noted in ``miner.tag_of`` (the last one seen wins). In C (``grams.chunk_pairs``)
    for a ``text`` with neither \\x00 nor \\x01 in it."""
    words: Counter[str] = Counter()
    chunks: Counter[str] = Counter()
    native = load_module("grams")
    if native is not None and "\x00" not in text and "\x01" not in text:
        native.chunk_pairs(pairs, miner._unit, miner.tag_of, words, chunks)
        return words, chunks
    miner.tag_of.update(pairs)
    words.update(map(itemgetter(0), pairs))
    for w in [w for w in words if w.isspace()]:
        del words[w]
    # words joined by \x01 with every break as \x00, then split: the chunking runs in C, and each (word, tag) is
    # judged once per run (miner._unit), not once per occurrence
    seq = "\x01".join(map(miner._unit.__getitem__, pairs))
    chunks.update(part.strip("\x01") for part in seq.split("\x00"))
    chunks.pop("", None)
    return words, chunks


def count_chunks(miner: Miner, chunks: Mapping[str, int], local: Counter[str]) -> None:
    """Count each chunk's n-grams, ``chunks`` times each, into ``local`` (the document's counts) and the miner's
    neighbours and cuts; each distinct chunk is expanded once (``grams.count_chunks`` in C, told each word's rules
    under its tag as ``tag_of`` has it now, asked again only where a word's tag changed, and CC-CEDICT's headwords
    for the runs a stop word begins)."""
    native = load_module("grams")
    if native is not None:
        rules_of = (miner._rules, miner.tag_of, word_rules, cedict.headwords())
        lists = (miner._ngrams, miner._once, miner._strings, miner.shapes)
        native.count_chunks(chunks, rules_of, *lists, local, miner.left, miner.right, miner.cut)
        return
    cache, once = miner._ngrams, miner._once
    left, right, cut = miner.left, miner.right, miner.cut
    for part, k in chunks.items():
        grams = cache.get(part)
        if grams is None:
            grams = _expand(miner, part)
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


def _expand(miner: Miner, part: str) -> list[tuple[str, str, str, bool]]:
    """The n-grams of a chunk (words joined by \\x01), their words and keys the miner's own strings."""
    same = miner._strings
    chunk = tuple([same.setdefault(w, w) for w in part.split("\x01")])
    return [(same.setdefault(g, g), b, a, i) for g, b, a, i in expand(chunk, miner.tag_of, miner.shapes)]


def add_counts(counter: Counter[str], counts: Mapping[str, int]) -> None:
    """``counter.update(counts)`` (in C, ``counts.add_counts``: Counter.update adds a mapping in bytecode, a tenth
    of a large mine's counting)."""
    native = load_module("counts")
    if native is None:
        counter.update(counts)
    else:
        native.add_counts(counter, counts)


class FileCounts:
    """One document's candidates and their counts there, compact: the candidates in the order they were first
    counted (the same string objects as the corpus's keys), and their counts as an array of 32-bit numbers.

    A large corpus's per-document counters were its largest count but one (16 MB: 797 documents, 87.5 MB as
    dicts), and only the few thousand kept candidates' files are ever read off them.

    >>> list(FileCounts({"齿轮箱": 2, "小部件": 1}).items())
    [('齿轮箱', 2), ('小部件', 1)]
    """

    __slots__ = ("keys", "counts")

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.keys = tuple(counts)
        self.counts = array("I", counts.values())

    def items(self) -> Iterator[tuple[str, int]]:
        return zip(self.keys, self.counts)


def merge_counts(miner: Miner, state: dict) -> None:
    """A worker's counts, neighbours and words (``state``, :meth:`Miner.state`) added to ``miner``'s (in C, the
    ``counts`` module: at 16 MB the loops were 2.5 s the workers waited on)."""
    native = load_module("counts")
    if native is None:
        _merge_counts(miner, state)
        return
    for name in ("count", "cut", "tok_count"):
        native.add_counts(getattr(miner, name), state[name])
    for name, found in state["marked"].items():
        native.add_counts(miner.marked[name], found)
    # (a worker's documents keep its strings: keying them by this miner's own again, to keep one string a candidate,
    # took 0.55 s of merging 16 MB and, with both copies of the counts alive meanwhile, raised the peak by more
    # than the strings it saved, 1,166 -> 1,197 MB)
    miner.doc_counts.extend(state["doc_counts"])
    native.set_defaults(miner.shapes, state["shapes"])
    native.merge_neighbours(miner.left, state["left"])
    native.merge_neighbours(miner.right, state["right"])


def _merge_counts(miner: Miner, state: dict) -> None:
    """:func:`merge_counts` in Python."""
    for name in ("count", "cut", "tok_count"):
        getattr(miner, name).update(state[name])
    for name, found in state["marked"].items():
        miner.marked[name].update(found)
    miner.doc_counts.extend(state["doc_counts"])
    for k, v in state["shapes"].items():
        miner.shapes.setdefault(k, v)
    for mine, theirs in ((miner.left, state["left"]), (miner.right, state["right"])):
        for k, c in theirs.items():
            got = mine.get(k)
            if got is None:
                mine[k] = c
            else:
                into = mine[k] = got if isinstance(got, dict) else {got: 1}
                for w, n in neighbours(c).items():
                    into[w] = into.get(w, 0) + n
