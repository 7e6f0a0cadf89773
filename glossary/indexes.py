"""The dictionaries' indexes a first run builds, built side by side in forked processes rather than one after another.

A fresh install's first ``glossary mine`` builds about twenty indexes of ECDICT, CC-CEDICT, wordfreq and pypinyin
into the cache (:mod:`glossary.cache`): two minutes of one core on a slow machine, each built where a step first
asks for it. :func:`build_missing` asks first, cheaply (:func:`glossary.cache.probing`: no index is read), which of
the largest are not built yet, and builds those in a worker per core, the longest first; the run then reads them
from disk as any later run does. Where all are built it costs a few milliseconds and starts no process.

>>> import tempfile
>>> from glossary.cache import cached
>>> folder = tempfile.mkdtemp()
>>> step = lambda: cached("demo-index", "v1", lambda: {"built": True}, directory=folder)
>>> missing([step]) == [step], build_missing(calls=[step]), missing([step]), step()
(True, 1, [], {'built': True})
"""

from __future__ import annotations

import os
from collections.abc import Callable

from .cache import Probed, cache_dir, notice_building, probing


def steps() -> list[Callable[[], object]]:
    """One call per index (each module's own accessor of it, private to the module: this list is the one place that
    names them all), each asking for that index first: the longest to build first, and an index before the
    ones built from it (CC-CEDICT's headwords and ECDICT's plurals before the table of compounds' parts), so that
    two workers seldom build one index twice. (Seconds of a first run, one core of a slow machine, December 2026:
    ECDICT's English 26, the compounds' parts 20, ECDICT reversed 10, pypinyin's readings 7, the registers 6, the
    verb forms 4, the plurals 4, the English word pairs 4, each of the rest 2 or less.)"""
    from .align import choice, dictionary
    from .align.reading import _positional_readings, _sense_readings
    from .mining import cedict, lexical, lexicon
    from .normalise import readings

    return [
        lexicon._english_index,
        cedict.load,
        dictionary.compound_index,
        lexicon._plurals,
        choice._parts,
        lexicon._index,
        lexicon.field_edges,
        readings._table,
        lexical._registers,
        lexicon._verb_forms,
        choice._bigrams,
        _sense_readings,
        _positional_readings,
        lexicon._of_phrases,
        readings._small,
        cedict.headwords,
    ]


def missing(calls: list[Callable[[], object]]) -> list[Callable[[], object]]:
    """Those of ``calls`` whose first index is not built (a call that asks for none counts as built)."""
    out = []
    for call in calls:
        with probing():
            try:
                call()
            except Probed as e:
                if not e.built:
                    out.append(call)
    return out


def build_missing(workers: int | None = None, calls: list[Callable[[], object]] | None = None) -> int:
    """Build the indexes of ``calls`` (default: :func:`steps`) not built yet, in ``workers`` forked processes at
    once (default: one a core); how many were built. Nothing is started where the cache cannot be written (each run
    builds in memory what it needs then, as before)."""
    from .workers import default_workers, fork_map_inherited

    todo = missing(steps() if calls is None else calls)
    if not todo:
        return 0
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return 0
    if not os.access(folder, os.W_OK):
        return 0
    notice_building()  # (the command's one notice that it is building, here rather than in a worker)
    workers = min(len(todo), default_workers() if workers is None else workers)
    if workers <= 1:
        for call in todo:
            call()
    else:
        for _ in fork_map_inherited(_build, todo, range(len(todo)), workers):
            pass
    return len(todo)


def _build(calls: list[Callable[[], object]], i: int) -> int:
    calls[i]()  # (what it returns stays here: an open table is no thing to send back)
    return i
