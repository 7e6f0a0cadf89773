"""Connects the stages: read sources → mine → align → stage into the term base.

Both the CLI and library users call :func:`mine_paths`.

>>> import tempfile, pathlib
>>> from glossary.termbase import TermBase
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("硫酸铜和硫酸锌是常见化工产品。硫酸铜用于农药。", encoding="utf-8")
>>> with TermBase(":memory:") as tb:
...     report = mine_paths([d], tb, by="demo")
...     tb.get("硫酸铜").english[0].text
'copper sulfate'
>>> report.files, report.added > 0
(1, True)
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .align import align_parts
from .clock import Clock
from .errors import SourceError
from .indexes import build_missing
from .mining import mine_documents
from .models import Candidate, Document, TermEntry
from .normalise import detect_script
from .normalise.hanzi import HAN
from .sources import FORMATS, ReadResult, read_sources
from .termbase import TermBase, known_english
from .termbase.tm import english_from_memory
from .workers import collection_paused, give_back_memory


@dataclass
class MineReport:
    """What one mining run did."""

    files: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    terms: int = 0
    added: int = 0
    updated: int = 0
    kept: int = 0
    #: mined terms that are a form of another concept (a regional variant, a merged form): their evidence joined it
    joined: int = 0
    #: terms that got English from the translation memory in the term base
    from_memory: int = 0
    entries: list[TermEntry] = field(default_factory=list, repr=False)


@dataclass
class Mined:
    """Candidates mined from some paths, before they meet a term base."""

    files: int
    skipped: list[tuple[str, str]]
    candidates: list[Candidate]
    documents: list[Document] = field(default_factory=list, repr=False)
    words: list[str] = field(default_factory=list, repr=False)  # the texts' words (how they read a character)


def collect(
    paths: Sequence[str | Path],
    encoding: str | None = None,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    timings: dict[str, float] | None = None,
) -> Mined:
    """Read and mine; touches no term base.

    :param timings: where the seconds of each stage are recorded (``read``, then those of
        :func:`~glossary.mining.mine_documents`).
    :raises SourceError: when a path is missing or no file could be read.
    """
    clock = Clock(timings)
    build_missing()  # (a first run's indexes side by side: about half the minute or two of building them in turn)
    result = _chinese(read_sources(paths, encoding))
    result.documents = [replace(d, script=detect_script(d.text)) for d in result.documents]
    if not result.documents:
        reasons = "; ".join(r for _, r in result.skipped[:3]) or f"no {FORMATS} files found"
        raise SourceError(f"nothing to mine in {', '.join(map(str, paths))}: {reasons}")
    clock.lap("read")
    words: list[str] = []
    with collection_paused():
        cands = mine_documents(result.documents, limit=limit, progress=progress, timings=timings, words=words)
    give_back_memory()  # (the miner's counts are freed: the alignment's workers fork from what is left)
    return Mined(len(result.documents), result.skipped, cands, result.documents, words)


def _chinese(result: ReadResult) -> ReadResult:
    """``result`` with the documents that hold no Chinese character moved to its skipped files, each with why.

    (A folder of the English originals, or a "Chinese" manual left untranslated, gave its English words as
    Chinese terms, said nothing, and filled the term base with them; the Latin words a Chinese text uses are
    mined from it as before.)

    >>> from glossary.models import Document
    >>> r = _chinese(ReadResult([Document("a.txt", "齿轮箱 (gearbox)", "utf-8"), Document("b.txt", "gearbox", "utf-8")]))
    >>> [d.path for d in r.documents], r.skipped
    (['a.txt'], [('b.txt', 'b.txt: no Chinese character in its 7 characters (glossary mines Chinese texts); skipped')])
    """
    kept = []
    for d in result.documents:
        if HAN.search(d.text):
            kept.append(d)
            continue
        size = len(d.text)  # (the cleaning blanks what it leaves out: the length is the text's)
        said = f"no Chinese character in its {size:,} characters (glossary mines Chinese texts)" if size else "empty"
        result.skipped.append((d.path, f"{d.path}: {said}; skipped"))
    result.documents = kept
    return result


#: the share of the alignment this process takes, against an equal part, when it also writes the entries
#: (:func:`stage`): it writes its own part while the workers align theirs, then theirs
WRITER_SHARE = 0.85


def stage(mined: Mined, tb: TermBase, by: str, timings: dict[str, float] | None = None) -> MineReport:
    """Align mined candidates (approved English first) and merge them into ``tb`` in one transaction;
    ``timings`` records the seconds of ``align`` and of ``term base`` (the writes, the memory's English).

    The entries are written a part at a time as they are aligned: this process's own part while the workers
    align the rest (the writes took a fifth of a megabyte's staging, with a core idle), all in the one
    transaction, so a failure anywhere leaves the term base as it was."""
    clock = Clock(timings)
    entries: list[TermEntry] = []
    counts: dict[str, int] = {}
    with collection_paused():
        parts = align_parts(mined.candidates, known_english(tb), discourse=mined.words or None, own_share=WRITER_SHARE)
        with contextlib.closing(parts):
            part = next(parts, None)
            clock.lap("align")
            with tb.transaction():  # the mined entries and the memory's English for them, all or nothing
                while part is not None:
                    entries += part
                    for k, n in tb.stage(part, by).items():
                        counts[k] = counts.get(k, 0) + n
                    clock.lap("term base")
                    part = next(parts, None)
                    clock.lap("align")
                found = english_from_memory(tb, [e.simplified for e in entries], by=by)
    clock.lap("term base")
    return MineReport(
        files=mined.files,
        skipped=mined.skipped,
        terms=len(entries),
        entries=entries,
        from_memory=len(found),
        **counts,
    )


def mine_paths(
    paths: Sequence[str | Path],
    tb: TermBase,
    by: str,
    encoding: str | None = None,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> MineReport:
    """Mine files and folders into the term base; on any error the term base is unchanged."""
    return stage(collect(paths, encoding, limit, progress), tb, by)
