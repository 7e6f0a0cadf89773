"""Fitting the termhood model on annotated corpora (:mod:`glossary.mining.annotated`), and judging it by
leave-one-corpus-out.

Fitting needs scikit-learn (``pip install 'glossary[train]'``); mining needs only the fitted file.

>>> THRESHOLDS[0], THRESHOLDS[-1]
(0.1, 0.7)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import TrainingError
from .annotated import AnnotatedCorpus, MinedCorpus, Score, evaluate, load_corpus, mine_corpus, norm_form
from .features import FEATURE_VERSION, FEATURES

if TYPE_CHECKING:  # pragma: no cover
    from .model import TermhoodModel

# (the annotated corpora's reading and scoring live in their own module; named here too, where callers of the
# training have always found them)
__all__ = [
    "AnnotatedCorpus",
    "LeaveOneOut",
    "MinedCorpus",
    "Score",
    "Trained",
    "evaluate",
    "fit",
    "leave_one_out",
    "load_corpus",
    "mine_corpus",
    "norm_form",
    "output_size",
    "save",
    "size_rule",
    "swept",
    "train",
]


def fit(sets: Sequence[MinedCorpus], c: float = 0.3) -> dict:
    """Fit a logistic regression on the labelled candidates of ``sets``; each corpus weighs the same, whatever
    its size. Returns the model as plain data (see :class:`~glossary.mining.model.TermhoodModel`), with the
    factor by which it demotes fragments (:func:`fragment_factor`)."""
    model = _fit_weights(sets, c)
    model["fragment_factor"] = fragment_factor(sets, c, model)
    return model


#: the least spread a yes/no feature is standardised by: that of a flag one candidate in a hundred carries (a
#: rarer flag speaks for too few candidates of too few fields to outweigh the rest; leave-one-corpus-out must
#: recall 0.709 → 0.719 when it came, the rare-earth articles' elements ranking in the hundreds, not thousands)
BINARY_SCALE_FLOOR = 0.1

#: the fewest training candidates a yes/no feature must be set on to be weighed at all: a weight learned from a
#: handful of one text's candidates speaks for that text, not for a field (the chemical-name flag, set on four
#: energy candidates that list was not after, took 0.9 from the log-odds of every compound in every other field)
MIN_FLAG_SUPPORT = 5


def _fit_weights(sets: Sequence[MinedCorpus], c: float) -> dict:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    xs, ys, ws = [], [], []
    for s in sets:
        if s.corpus.positives_only:
            continue  # a sample's positives alone would tilt the model's prior: such a list only judges
        idx = [i for i, y in enumerate(s.labels) if y is not None]
        if not idx:
            continue
        for i in idx:
            xs.append(s.rows[i])
            ys.append(s.labels[i])
            ws.append(1000.0 / len(idx))
    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=int)
    binary = np.all((x == 0) | (x == 1), axis=0)
    x[:, binary & (np.count_nonzero(x, axis=0) < MIN_FLAG_SUPPORT)] = 0.0  # (a constant: its weight is nil)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    # a flag the training candidates seldom carry has a tiny spread, so standardising makes one candidate with
    # it a far outlier, and a small weight then moves its odds a long way: the chemical-name flag, set on four
    # energy candidates that list was not after, put every element of a rare-earth text in the thousands
    scale = np.where(binary, np.maximum(scale, BINARY_SCALE_FLOOR), scale)
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit((x - mean) / scale, y, sample_weight=np.asarray(ws))
    return {
        "feature_version": FEATURE_VERSION,
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in clf.coef_[0]],
        "intercept": round(float(clf.intercept_[0]), 6),
        "trained_on": [s.corpus.name for s in sets if not s.corpus.positives_only],
    }


#: fragments from this probability on measure how often a fragment is a term (lower ones are rarely output)
FRAGMENT_MIN_PROBABILITY = 0.15


def fragment_factor(sets: Sequence[MinedCorpus], c: float, model: dict) -> float:
    """How much less often a fragment (:func:`~glossary.mining.model.fragments`) is a term than the model's
    probability says, over the labelled candidates of ``sets``: the terms among the fragments of probability
    :data:`FRAGMENT_MIN_PROBABILITY` or more, over the sum of their probabilities (1.0 when there are none).
    Each corpus is ranked by weights fitted on the others (``model`` where there is no other), as the
    factor will meet texts the weights never saw."""
    from .model import fragments

    labelled = [s for s in sets if not s.corpus.positives_only]
    terms = expected = 0.0
    for s in labelled:
        others = [o for o in labelled if o is not s]
        probs = predict(_fit_weights(others, c) if others else model, s.rows)
        for i in fragments(s.keys, s.counts, probs):
            if probs[i] >= FRAGMENT_MIN_PROBABILITY and s.labels[i] is not None:
                terms += s.labels[i] or 0
                expected += probs[i]
    return round(min(1.0, terms / expected), 2) if expected else 1.0


def ranked_probabilities(model: dict, s: MinedCorpus) -> list[float]:
    """The probabilities the miner ranks ``s`` by: the model's, fragments demoted by its fitted factor."""
    from .model import demote_fragments

    return demote_fragments(s.keys, s.counts, predict(model, s.rows), model.get("fragment_factor", 1.0))


def predict(model: dict, rows: Sequence[Sequence[float]]) -> list[float]:
    """Probabilities that each row is a term."""
    from ..data import log_odds, logistic

    return [logistic(log_odds(model, r)) for r in rows]


def save(model: dict, path: str | Path) -> None:
    """Write a model as stable, reviewable JSON."""
    from ..formats.base import write_file  # (whole or not at all: never half a model)

    write_file(path, (json.dumps(model, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))


#: thresholds tried when the output size is chosen by leave-one-corpus-out
THRESHOLDS = tuple(round(0.01 * k, 2) for k in range(10, 71))


def size_rule(model: dict, threshold: float, floor: int = 50, per_hanzi: float = 0.1, cap: int = 5000) -> dict:
    """``model`` with its output-size rule set."""
    return {**model, "size": {"threshold": threshold, "floor": floor, "per_hanzi": per_hanzi, "cap": cap}}


def output_size(model: dict, probs: Sequence[float], n_hanzi: int) -> int:
    """How many candidates a model's size rule keeps, as the miner would (:meth:`TermhoodModel.size`)."""
    from .model import TermhoodModel

    return TermhoodModel.from_dict(model).size(probs, n_hanzi)


@dataclass
class LeaveOneOut:
    """Each corpus scored by the model fitted on the others, at the chosen threshold."""

    threshold: float
    scores: dict[str, Score]
    probabilities: dict[str, list[float]]


#: the leave-one-corpus-out macro precision (complete lists only) the default output must keep: about half of
#: what a reviewer is shown should be terms. (``score.py`` reads the same on the annotated corpora today — it
#: once counted each surface form apart and read 0.02 lower; 0.47 keeps a margin over the 0.45 asked of fields
#: never seen.)
MIN_PRECISION = 0.47
#: where no threshold keeps :data:`MIN_PRECISION`, recall counts this many times as much as precision
BETA = 2.0


def leave_one_out(sets: Sequence[MinedCorpus], c: float = 0.3) -> LeaveOneOut:
    """Fit on every corpus but one, score that one; the threshold is the one with the best macro must recall
    among those whose macro precision (over the complete lists only) is at least :data:`MIN_PRECISION`, or,
    where none is, the one whose F-beta (:data:`BETA`) of the two is best."""
    probs: dict[str, list[float]] = {}
    models: dict[str, dict] = {}
    for held in sets:
        train = [s for s in sets if s is not held]
        models[held.corpus.name] = fit(train, c)
        probs[held.corpus.name] = ranked_probabilities(models[held.corpus.name], held)
    best: tuple[tuple[bool, float], float, dict[str, Score]] | None = None
    for t in THRESHOLDS:
        scores = {
            s.corpus.name: evaluate(
                s,
                probs[s.corpus.name],
                output_size(size_rule(models[s.corpus.name], t), probs[s.corpus.name], s.n_hanzi),
            )
            for s in sets
        }
        recall, precision = _macro(sets, [scores[s.corpus.name] for s in sets])
        b2 = BETA * BETA
        f = (1 + b2) * recall * precision / (b2 * precision + recall) if recall + precision else 0.0
        # (kept, recall) beats (not kept, F-beta); ties go to the lower threshold, the larger output
        rank = (True, recall) if precision >= MIN_PRECISION else (False, f)
        if best is None or rank > best[0]:
            best = (rank, t, scores)
    assert best is not None
    return LeaveOneOut(best[1], best[2], probs)


def _macro(sets: Sequence[MinedCorpus], scores: Sequence[Score]) -> tuple[float, float]:
    """The macro must recall of ``scores`` (one per corpus of ``sets``, in order) and their macro precision over
    the complete lists only (a sample's list cannot say what is no term)."""
    complete = [sc.precision for s, sc in zip(sets, scores) if not s.corpus.positives_only] or [1.0]
    return sum(sc.must_recall for sc in scores) / len(scores), sum(complete) / len(complete)


#: the thresholds :func:`swept` averages over: a band around those chosen of late (0.20–0.21)
SWEEP = tuple(round(0.01 * k, 2) for k in range(12, 36))


def swept(
    sets: Sequence[MinedCorpus], loo: LeaveOneOut, rule: TermhoodModel, thresholds: Sequence[float] = SWEEP
) -> tuple[float, float]:
    """The leave-one-corpus-out macro must recall and macro precision (complete lists only), each averaged over
    ``thresholds``, the size rule otherwise ``rule``'s: steadier than the figures at the chosen threshold alone,
    where a refit moves the candidates that sit on it (a change that touched no finance candidate moved two
    finance rows across it, 0.02 of that corpus's must recall).

    >>> from glossary.mining.model import TermhoodModel
    >>> corpus = AnnotatedCorpus("x", [], Path("gold.tsv"), forms={"甲": "1", "丙": "2", "丁": "3"})
    >>> mined = MinedCorpus(corpus, ["甲", "乙", "丙", "丁"], [], [], 1000, [1, 1, 1, 1])
    >>> loo = LeaveOneOut(0.2, {}, {"x": [0.9, 0.5, 0.3, 0.1]})
    >>> n = len(FEATURES)
    >>> rule = TermhoodModel(FEATURES, (0.0,) * n, (1.0,) * n, (0.0,) * n, 0.0, floor=1)
    >>> swept([mined], loo, rule, thresholds=(0.2, 0.4))  # (2/3 and 1/3 of the terms; 2/3 and 1/2 of those kept)
    (0.5, 0.5833333333333333)
    """
    from dataclasses import replace

    must, precision = [], []
    probs = loo.probabilities
    for t in thresholds:
        at = replace(rule, threshold=t)
        scores = [evaluate(s, probs[s.corpus.name], at.size(probs[s.corpus.name], s.n_hanzi)) for s in sets]
        recall, kept_right = _macro(sets, scores)
        must.append(recall)
        precision.append(kept_right)
    return sum(must) / len(must), sum(precision) / len(precision)


@dataclass
class Trained:
    """A model fitted on a user's annotated folders, and how each folder scored when left out."""

    model: dict
    loo: LeaveOneOut | None  # None with a single folder: nothing to leave out


def train(folders: Sequence[str | Path]) -> Trained:
    """Fit a termhood model on annotated folders (texts and a ``gold.tsv`` each) as ``make train`` fits the
    shipped one: with two folders or more the output threshold is chosen leave-one-corpus-out, with one it is
    the shipped model's. ``save(trained.model, path)`` writes it; ``$GLOSSARY_TERMHOOD_MODEL`` makes the miner
    use it.

    :raises TrainingError: a folder that is no annotated corpus, lists none of whose rows are mined, or no
        scikit-learn to fit with.
    """
    corpora = [load_corpus(f) for f in folders]
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise TrainingError("fitting a model needs scikit-learn: pip install 'glossary[train]'") from None
    mined = [mine_corpus(c) for c in corpora]
    labels = {y for m in mined for y in m.labels}
    if 1 not in labels or 0 not in labels:
        raise TrainingError(
            "the gold lists match none (or all) of the mined candidates; check that their 'simplified' column "
            "holds terms of these texts"
        )
    from .model import load_model

    loo = leave_one_out(mined) if len(mined) >= 2 else None
    threshold = loo.threshold if loo else load_model().threshold
    return Trained(size_rule(fit(mined), threshold), loo)
