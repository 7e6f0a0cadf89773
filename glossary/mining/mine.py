"""Mining a set of documents: counting them (in forked workers for a large input), ranking the candidates,
cutting the output to the model's size, and attaching the kept ones' evidence.

>>> docs = [Document("a.txt", "聚氯乙烯管材需要添加稳定剂。聚氯乙烯管材用于排水。聚氯乙烯很硬。", "utf-8")]
>>> terms = [c.term for c in mine_documents(docs)]
>>> terms[0], "聚氯乙烯" in terms, "稳定剂" in terms, "氯乙烯管" in terms
('聚氯乙烯管材', True, True, False)
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from collections.abc import Iterator, Sequence
from typing import IO

from ..clock import Clock
from ..models import Candidate, Document
from ..normalise.hanzi import HAN_RUN, count_hanzi
from ..workers import default_workers, fork_call, fork_started, give_back_memory, weighted_bounds
from . import cedict
from .candidates import Miner, Progress, load_tables
from .evidence import Texts, attach_contexts, attach_english, attach_files
from .model import best, load_model
from .ngrams import single_char_terms
from .segment import Tokeniser


def _count_part(job: tuple[Sequence[Document], int]) -> bool | dict:
    """Count one share of the documents in a worker process into the file open at descriptor ``fd`` (made by
    the parent before the fork: :func:`_spill_files`), as what :meth:`Miner.merge` takes; return True, or,
    where the file cannot be written (-1: none could be made; a full disk), what it would have held.

    (Written to a file, not sent back: a result sent back is pickled whole into the pipe while this worker still
    holds its counts, and the parent unpickles it meanwhile: at 16 MB the worker's 405 MB and the parent's
    growing copy were the process tree's peak. Written in a stream, the counts freed and their pages given
    back, this worker is small again before its parent reads them.)
    """
    docs, fd = job
    state = count_share(docs)
    try:
        with open(os.dup(fd), "wb") as f:
            pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:  # (the counts go back through the pipe instead)
        return state
    del state
    give_back_memory()
    return True


@contextlib.contextmanager
def _spill_files(n: int) -> Iterator[list[IO[bytes] | None]]:
    """``n`` temporary files for the workers' counts, made before the workers fork (who write them through the
    descriptors they inherit) and nameless from the start: nothing is left behind by a mine that fails or is
    killed. None where no file can be made (that worker sends its counts back)."""
    with contextlib.ExitStack() as stack:
        files: list[IO[bytes] | None] = []
        for _ in range(n):
            try:
                files.append(stack.enter_context(tempfile.TemporaryFile(prefix="glossary-counts-")))
            except OSError:
                files.append(None)
        yield files


def _merge_part(miner: Miner, docs: Sequence[Document], counted: bool | dict, spilled: IO[bytes] | None) -> None:
    """Add a worker's counts (:func:`_count_part`'s file, or the counts themselves) to ``miner``."""
    if isinstance(counted, dict):
        miner.merge(docs, counted)
        return
    assert spilled is not None  # (a worker given no file sends its counts back)
    spilled.seek(0)  # (the worker wrote through the same open file: its offset is the end)
    state = pickle.load(spilled)
    spilled.close()
    miner.merge(docs, state)


def count_share(docs: Sequence[Document]) -> dict:
    """Count one share of the documents; return what :meth:`Miner.merge` takes."""
    m = Miner()
    for d in docs:
        m.add(d)
    m.forget_counting_caches()  # (the file of the counts is written in the room they leave)
    return m.state()


#: how much more text this process counts than each worker: a worker's counts are pickled and read back after it
#: is done (a quarter of its counting time), this process's are not
OWN_SHARE = 1.25


def _shares(docs: Sequence[Document], parts: int) -> list[list[Document]]:
    """``docs`` in ``parts`` consecutive shares by their length in characters, the first :data:`OWN_SHARE` times
    the others (every share holds a document at least, while there are enough).

    >>> from glossary.models import Document
    >>> [len(s) for s in _shares([Document(str(i), "字" * 100, "utf-8") for i in range(9)], 2)]
    [5, 4]
    """
    return [list(docs[lo:hi]) for lo, hi in weighted_bounds([len(d.text) for d in docs], parts, OWN_SHARE)]


#: below this much text, starting worker processes costs more than it saves (a megabyte of Chinese is about
#: 370,000 characters: at 1,000,000 a 1 MB corpus was counted in one process; counting 112,000 characters
#: in two took 1.81-1.86 s against 1.92-1.98 s in one, 375,000 in 4.05-5.22 s against 4.77-6.26 s)
PARALLEL_MIN_CHARS = 100_000


def mine_documents(
    docs: Sequence[Document],
    limit: int | None = None,
    tokeniser: Tokeniser | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    timings: dict[str, float] | None = None,
    words: list[str] | None = None,
) -> list[Candidate]:
    """Mine ranked term candidates, with evidence, from cleaned documents.

    A large input (``workers`` above one) is counted and ranked in a forked process, which sends back only the
    kept candidates: the counts of every candidate, and the allocator's free blocks they leave behind, end with
    that process, and what this one goes on to do (contexts, alignment, the term base) forks its workers from a
    process that never held them.

    :param limit: how many to keep; default the model's size rule (:meth:`TermhoodModel.size`).
    :param progress: called as ``progress(done, total)`` as documents are counted.
    :param workers: processes that count in parallel; default one per core for large inputs
        (counting is the same in any split: the counts are merged in document order).
    :param timings: where the seconds each stage took are recorded: ``count`` (segmenting and counting),
        ``rank`` (features and the model, the output size) and ``evidence`` (files, contexts, surface forms).
    :param words: where the texts' words of two Hanzi or more are listed (each once), as the segmenter found them:
        how the texts read a character (:func:`glossary.align.reading.use_discourse`).
    """
    clock = Clock(timings)
    if workers is None:
        big = sum(len(d.text) for d in docs) >= PARALLEL_MIN_CHARS and tokeniser is None
        workers = default_workers() if big else 1
    workers = max(1, min(workers, len(docs)))
    if workers > 1:
        # (the documents and the rest reach the process by the fork; only what it sends back is pickled)
        job = (docs, limit, tokeniser, workers, timings is not None, words is not None)
        kept, simplified, laps, found = fork_call(_ranked_apart, job, progress)
        clock.add(laps)
        texts = Texts(docs, simplified)
        if words is not None:
            words.extend(found)
    else:
        miner = Miner(tokeniser)
        kept = _ranked(miner, docs, limit, progress, 1, clock, words)
        texts = miner.texts()
    attach_contexts(texts, kept)
    clock.lap("evidence")
    return kept


def _ranked_apart(
    job: tuple[Sequence[Document], int | None, Tokeniser | None, int, bool, bool], progress: Progress | None
) -> tuple[list[Candidate], list[str | None], dict[str, float], list[str]]:
    """:func:`_ranked` in a forked process (:func:`~glossary.workers.fork_call`): the kept candidates, each
    document's Simplified text (None where it is its own), the seconds of each stage and the texts' words (where
    asked for)."""
    docs, limit, tokeniser, workers, timed, listed = job
    timings: dict[str, float] = {}
    words: list[str] | None = [] if listed else None
    miner = Miner(tokeniser)
    kept = _ranked(miner, docs, limit, progress, workers, Clock(timings if timed else None), words)
    return kept, miner.simplified_or_none(), timings, words or []


def _ranked(
    miner: Miner,
    docs: Sequence[Document],
    limit: int | None,
    progress: Progress | None,
    workers: int,
    clock: Clock,
    words: list[str] | None,
) -> list[Candidate]:
    """Count ``docs`` into ``miner`` (in ``workers`` processes), rank the candidates and keep the best, with
    their files and the English written beside them (what needs the counts of every candidate); their contexts
    are looked for apart (:func:`~glossary.mining.evidence.attach_contexts`); ``clock`` times the stages."""
    if workers > 1:
        # load the word lists before the fork, once, rather than once in every worker
        load_tables()
        single_char_terms()
        cedict.is_verb("提高")
        cedict.split_words("进度缓慢")
        parts = _shares(docs, workers)
        # the first share is counted here, into the miner itself, while forked workers count the others (no
        # pickling of the largest part of the counts, and this process is not idle meanwhile)
        with (
            _spill_files(len(parts) - 1) as spills,
            fork_started(
                _count_part, [(p, f.fileno() if f else -1) for p, f in zip(parts[1:], spills)], len(parts) - 1
            ) as others,
        ):
            for i, doc in enumerate(parts[0]):
                miner.add(doc)
                if progress:
                    progress(i + 1, len(docs))
            done = len(parts[0])
            miner.forget_counting_caches()  # (the workers' counts are merged in the room they leave)
            for part, counted, spilled in zip(parts[1:], others, spills):
                _merge_part(miner, part, counted, spilled)
                done += len(part)
                if progress:
                    progress(done, len(docs))
    else:
        for i, doc in enumerate(docs):
            miner.add(doc)
            if progress:
                progress(i + 1, len(docs))
    clock.lap("count")
    if words is not None:
        words.extend(w for w in miner.tok_count if len(w) > 1 and HAN_RUN.fullmatch(w))
    model = load_model()
    keys, probs = miner.probabilities(model, release=True)
    if limit is None:
        n_hanzi = sum(count_hanzi(d.text) for d in docs)
        limit = model.size(probs, n_hanzi)
    kept = miner.candidates(best(keys, probs, miner.count, limit))
    clock.lap("rank")
    attach_files(miner, kept)
    attach_english(miner, kept, ranked=miner.count.keys())
    clock.lap("evidence")
    return kept
