"""Annotated corpora: folders of texts with a gold list, their candidates mined and labelled by it, and a ranking
of them scored as the reference scorer scores an export.

An annotated corpus is a folder of texts (``*.txt``, ``*.md``, but not ``README.md`` or the like) with a ``gold.tsv``
in the format of the reference list (``id files simplified traditional pinyin english kind must variants``). Its
candidates are labelled by the list: a candidate whose form matches a row's Simplified form or a variant is a
positive; any other is a negative, unless the folder's README names it among the words "deliberately not
listed" (then it is unlabelled and left out). A list that is only a sample of the field's terms
(``positives_only``) gives positives only, so its unmatched candidates never push anything down.

>>> norm_form("  XYZ-1受體 ")
'xyz-1受体'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..errors import TrainingError
from ..normalise.hanzi import HAN_CLASS, count_hanzi
from ..normalise.script import to_simplified
from ..sources import FORMATS, folder_doc, read_sources, readable
from .measure import candidate_features

_DOTS = re.compile("[\u00b7\u30fb\uff65\u2022\u2027\u2219\u22c5\\s]")
_HANZI_RUN = re.compile(f"[{HAN_CLASS}]{{2,}}")


def norm_form(text: str) -> str:
    """A term's form for matching a gold list: Simplified, NFKC, no spaces or middle dots, Latin case-folded."""
    return _DOTS.sub("", unicodedata.normalize("NFKC", to_simplified(text))).casefold()


@dataclass
class AnnotatedCorpus:
    """A folder of texts and its gold list."""

    name: str
    texts: list[Path]
    gold: Path
    positives_only: bool = False
    forms: dict[str, str] = field(default_factory=dict)  # normalised form → row id
    must: set[str] = field(default_factory=set)  # ids of must rows
    unlabelled: set[str] = field(default_factory=set)  # normalised forms the README says were left out


def load_corpus(
    folder: str | Path, gold: str | Path | None = None, name: str | None = None, positives_only: bool = False
) -> AnnotatedCorpus:
    """Read an annotated folder: its texts, its ``gold.tsv`` (or ``gold``), and the README's words left out.

    :raises TrainingError: with how to fix it — no such folder, no gold list, one not in UTF-8 or without a
        ``simplified`` column, or no text beside it.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise TrainingError(f"{folder}: no such folder; give folders that each hold texts and a gold.tsv")
    gold_path = Path(gold) if gold else folder / "gold.tsv"
    if not gold_path.is_file():
        raise TrainingError(
            f"{folder}: no gold.tsv beside the texts; write one (tab-separated: id, simplified, must, variants), "
            "as docs/mining.md describes"
        )
    try:
        lines = gold_path.read_bytes().decode("utf-8").splitlines()
    except UnicodeDecodeError as e:
        raise TrainingError(f"{gold_path}: not UTF-8 (byte {e.start}); save it as UTF-8") from None
    header = lines[0].split("\t") if lines else []
    if "simplified" not in header:
        raise TrainingError(
            f"{gold_path}: no 'simplified' column in its first line; the columns are those of docs/mining.md"
        )
    # (its README describes the texts and lists words left out: no text of it, as for `glossary mine DIR`)
    texts = sorted(p for p in folder.iterdir() if readable(p) and not folder_doc(p))
    if not texts:
        raise TrainingError(f"{folder}: no {FORMATS} texts beside gold.tsv")
    corpus = AnnotatedCorpus(name or folder.name, texts, gold_path, positives_only)
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t")))
        rid = row.get("id", "")
        forms = [row.get("simplified", "")] + [v for v in row.get("variants", "").split("|")]
        for form in forms:
            if form.strip():
                corpus.forms[norm_form(form)] = rid
        if row.get("must", "0").strip() == "1":
            corpus.must.add(rid)
    readme = folder / "README.md"
    if readme.exists():
        text = readme.read_text(encoding="utf-8")
        at = text.find("Deliberately not listed")
        if at >= 0:
            section = text[at:]
            nxt = section.find("\n## ", 1)
            section = section[:nxt] if nxt > 0 else section
            corpus.unlabelled = {norm_form(w) for w in _HANZI_RUN.findall(section)}
    return corpus


@dataclass
class MinedCorpus:
    """A corpus's candidates with their features and labels (1, 0, or None for unlabelled)."""

    corpus: AnnotatedCorpus
    keys: list[str]
    rows: list[list[float]]
    labels: list[int | None]
    n_hanzi: int
    counts: list[int]  # each candidate's count, as the miner ranks fragments by

    @cached_property
    def normal_forms(self) -> list[str]:
        """Each key's :func:`norm_form`, worked out once: scoring a ranking at every threshold and for every
        leave-one-out fit asked for them again (2.4 million calls, a tenth of `make eval`)."""
        return [norm_form(k) for k in self.keys]


def mine_corpus(corpus: AnnotatedCorpus) -> MinedCorpus:
    """Count a corpus's candidates and label them."""
    from .candidates import Miner

    docs = read_sources(corpus.texts).documents
    miner = Miner()
    for d in docs:
        miner.add(d)
    keys, rows = candidate_features(miner)
    n_hanzi = sum(count_hanzi(d.text) for d in docs)
    mined = MinedCorpus(corpus, keys, rows, [], n_hanzi, [miner.count[k] for k in keys])
    for form in mined.normal_forms:
        if form in corpus.forms:
            mined.labels.append(1)
        elif corpus.positives_only or form in corpus.unlabelled:
            mined.labels.append(None)
        else:
            mined.labels.append(0)
    return mined


@dataclass
class Score:
    """How a ranked, cut list scores against a corpus's gold list."""

    must_recall: float
    all_recall: float
    precision: float
    p_at_100: float
    ceiling: float
    size: int


def evaluate(s: MinedCorpus, probs: Sequence[float], size: int) -> Score:
    """Score the ``size`` most probable candidates of ``s`` as the reference scorer does (rows hit once; a form
    that matches no row is a false positive; unlabelled forms count as false positives too)."""
    order = sorted(range(len(s.keys)), key=lambda i: (-probs[i], s.keys[i]))
    forms, normal = s.corpus.forms, s.normal_forms
    n_rows = len(set(forms.values()))

    def hits(idx: Sequence[int]) -> tuple[set[str], int]:
        rows, fp, seen = set(), 0, set()
        for i in idx:
            f = normal[i]
            if f in seen:
                continue
            seen.add(f)
            if f in forms:
                rows.add(forms[f])
            else:
                fp += 1
        return rows, fp

    kept, fp = hits(order[:size])
    top, top_fp = hits(order[:100])
    every, _ = hits(order)
    must = s.corpus.must or {r for r in forms.values()}
    return Score(
        must_recall=len(kept & must) / len(must),
        all_recall=len(kept) / n_rows,
        precision=len(kept) / (len(kept) + fp) if kept or fp else 0.0,
        p_at_100=len(top) / (len(top) + top_fp) if top or top_fp else 0.0,
        ceiling=len(every & must) / len(must),
        size=size,
    )
