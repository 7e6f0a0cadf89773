"""The fitted termhood model: a logistic regression over :data:`~glossary.mining.features.FEATURES`.

The model ships as ``glossary/data/termhood.json`` (``make train`` refits it from the annotated corpora in
``../shared/eval``; ``glossary train`` fits one on a user's own). It is plain JSON: the feature names and
version it was fitted with, each feature's mean and scale, the weights, and the output-size rule chosen by
leave-one-corpus-out (a probability threshold, with a floor and a cap per Hanzi of input).

>>> m = load_model()
>>> m.features == FEATURES
True
>>> p = m.probabilities([[0.0] * len(FEATURES)])[0]
>>> 0.0 < p < 1.0
True
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from numpy.typing import NDArray
from .columns import logistic
from .features import FEATURE_VERSION, FEATURES

#: an environment variable naming another model file (a user's own fit), read when the miner starts
MODEL_ENV = "GLOSSARY_TERMHOOD_MODEL"


@dataclass(frozen=True)
class TermhoodModel:
    """Weights of a fitted model and the rule for how many candidates to keep."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float = 0.3
    floor: int = 50
    per_hanzi: float = 0.1
    cap: int = 5000
    #: a fragment's probability is multiplied by this (:func:`demote_fragments`; fitted by ``make train``)
    fragment_factor: float = 1.0

    def _folded(self) -> tuple[list[float], float]:
        """The weights and intercept with the standardisation folded in: z = b' + Σ w'·x."""
        w = [c / s for c, s in zip(self.coef, self.scale)]
        return w, self.intercept - sum(wi * m for wi, m in zip(w, self.mean))

    def probabilities(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The probability that each feature row is a term of the field."""
        import numpy as np

        w, b = self._folded()
        return logistic(np.array([sum(map(float.__mul__, w, r)) for r in rows], dtype=float), b)

    def matrix_probabilities(self, rows: NDArray) -> list[float]:
        """:meth:`probabilities` of the rows of a numpy array, a column at a time (each row's sum is taken in
        the same order, so the probabilities are :meth:`probabilities`' to the last bit)."""
        import numpy as np

        w, b = self._folded()
        x = np.asarray(rows)
        z = np.zeros(len(x))
        for j, wj in enumerate(w):
            z += x[:, j] * wj
        return logistic(z, b)

    def size(self, probabilities: Sequence[float] | NDArray, n_hanzi: int) -> int:
        """How many candidates to keep: those at or above the threshold, at least ``floor`` (or all there are)
        and at most ``per_hanzi`` per Hanzi of input (never under the floor) and ``cap``.

        >>> m = TermhoodModel(FEATURES, (0.0,) * len(FEATURES), (1.0,) * len(FEATURES), (0.0,) * len(FEATURES), 0.0)
        >>> m.size([0.9] * 80 + [0.1] * 20, n_hanzi=100_000), m.size([0.9] * 80, n_hanzi=100)
        (80, 50)
        """
        import numpy as np

        above = int(np.count_nonzero(np.asarray(probabilities, dtype=float) >= self.threshold))
        ceiling = min(self.cap, max(self.floor, int(n_hanzi * self.per_hanzi)))
        return min(len(probabilities), max(self.floor, min(above, ceiling)))

    @classmethod
    def from_dict(cls, data: dict, where: str = "model") -> TermhoodModel:
        """Build from the JSON's data, refusing one fitted with another feature set."""
        if data.get("feature_version") != FEATURE_VERSION or tuple(data.get("features", ())) != FEATURES:
            raise ModelError(
                f"{where} was fitted with feature set {data.get('feature_version')!r}, this glossary "
                f"computes set {FEATURE_VERSION}: refit it with `make train` or `glossary train`"
            )
        size = data.get("size", {})
        return cls(
            tuple(data["features"]),
            tuple(data["mean"]),
            tuple(data["scale"]),
            tuple(data["coef"]),
            float(data["intercept"]),
            float(size.get("threshold", 0.3)),
            int(size.get("floor", 50)),
            float(size.get("per_hanzi", 0.1)),
            int(size.get("cap", 5000)),
            float(data.get("fragment_factor", 1.0)),
        )


#: candidates ranked below this are not looked at for fragments: no output reaches them, and the longest
#: candidates (24 characters, 276 pieces each) would cost seconds in a large corpus
FRAGMENT_DEPTH = 10_000


def fragments(
    keys: Sequence[str], counts: Sequence[int], probs: Sequence[float], depth: int = FRAGMENT_DEPTH
) -> set[int]:
    """The candidates (indexes) every occurrence of which lies inside a longer candidate ranked above them: a
    string no more frequent than a better candidate that holds it (罗替珠 seen only in 西罗替珠胶囊, an invented drug) is a piece
    of that one, not a term beside it. The ranking is by ``probs``; only the first ``depth`` are looked at.

    >>> keys = ["西罗替珠胶囊", "罗替珠", "珠胶囊", "抗体"]
    >>> sorted(fragments(keys, [3, 3, 5, 2], [0.9, 0.5, 0.4, 0.3]))
    [1]
    """
    order = sorted(_contenders(probs, depth), key=lambda i: (-probs[i], keys[i]))[:depth]
    inside: dict[str, int] = {}  # a piece of a candidate kept so far → the largest count of one holding it
    out = set()
    for i in order:
        key, c = keys[i], counts[i]
        if inside.get(key, -1) >= c:
            out.add(i)
            continue
        n = len(key)
        for a in range(n):
            for b in range(a + 1, n + 1 if a else n):
                piece = key[a:b]
                if inside.get(piece, -1) < c:
                    inside[piece] = c
    return out


class CountsOf(Sequence[int]):
    """The counts of ``keys`` read off ``count`` as they are asked for, as a sequence: :func:`fragments` reads
    those of its first few thousand candidates only (a list of a large corpus's million took 0.2 s).

    >>> list(CountsOf(["甲", "乙"], {"甲": 2, "乙": 5}))
    [2, 5]
    """

    def __init__(self, keys: Sequence[str], count: Mapping[str, int]) -> None:
        self._keys, self._count = keys, count

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, i: int) -> int:  # type: ignore[override]  # (an index only: no slices are asked for)
        return self._count[self._keys[i]]


def demote_fragments(keys: Sequence[str], counts: Sequence[int], probs: Any, factor: float) -> Any:
    """``probs`` with each of :func:`fragments` multiplied by ``factor`` (how much less often such a piece is a
    term than its probability says: fitted on the annotated corpora by ``make train``); a list for a list, an
    array for a numpy array.

    >>> demote_fragments(["西罗替珠胶囊", "罗替珠"], [3, 3], [0.9, 0.5], 0.4)
    [0.9, 0.2]
    """
    found = fragments(keys, counts, probs) if factor < 1.0 else set()
    if isinstance(probs, list):
        return [p * factor if i in found else p for i, p in enumerate(probs)]
    import numpy as np

    out = np.array(probs, dtype=float)  # (a large corpus's scores, kept as an array: :meth:`Miner.probabilities`)
    picked = sorted(found)
    out[picked] = out[picked] * factor
    return out


def best(
    keys: Sequence[str], probs: Sequence[float] | NDArray, count: Mapping[str, int], n: int
) -> list[tuple[str, float]]:
    """The ``n`` best (candidate, score) pairs of ``keys`` scored ``probs``: by score, then count, then the
    candidate itself. Only those that can be among the ``n`` are sorted: sorting all of a large corpus's
    (931,000 at 16 MB) took five seconds, to keep five thousand.

    >>> best(["乙", "甲", "丙"], [0.5, 0.5, 0.9], {"甲": 1, "乙": 1, "丙": 1}, 2)
    [('丙', 0.9), ('乙', 0.5)]
    """
    order = sorted(_contenders(probs, n), key=lambda i: (-probs[i], -count[keys[i]], keys[i]))[:n]
    return [(keys[i], float(probs[i])) for i in order]


def _contenders(probs: Sequence[float] | NDArray, n: int) -> Iterable[int]:
    """The indexes of ``probs`` that can be among the ``n`` best whatever breaks ties: those scoring at least the
    n-th best score (all of them where ``n`` is a good share of the whole, and none are asked for too), so that
    only they are sorted.

    >>> sorted(_contenders([0.1, 0.9, 0.5, 0.5, 0.2, 0.3, 0.0, 0.4, 0.1, 0.2, 0.0, 0.1], 2))
    [1, 2, 3]
    """
    if not 0 < n < len(probs) // 4:
        return range(len(probs))
    import numpy as np

    p = np.asarray(probs, dtype=float)
    cut = np.partition(p, len(p) - n)[len(p) - n]  # the n-th best score
    return np.flatnonzero(p >= cut).tolist()


def round_places(values: NDArray, places: int) -> NDArray:
    """``values`` rounded as Python's ``round(v, places)`` rounds each, to the last bit: numpy's rounding
    (scale, round to even, unscale) differs only where the scaled value lies within a hair of a half, and those
    few are rounded by Python.

    >>> import numpy as np
    >>> [round(v, 4) for v in (0.12345, 2.675e-4, 0.5)], round_places(np.array([0.12345, 2.675e-4, 0.5]), 4).tolist()
    ([0.1235, 0.0003, 0.5], [0.1235, 0.0003, 0.5])
    """
    import numpy as np

    out = np.round(values, places)
    scaled = np.asarray(values) * 10.0**places
    for i in np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6).tolist():
        out[i] = round(float(values[i]), places)
    return out


def load_model(path: str | Path | None = None) -> TermhoodModel:
    """The model at ``path``, else the one named by ``$GLOSSARY_TERMHOOD_MODEL``, else the shipped one."""
    path = path or os.environ.get(MODEL_ENV)
    if path:
        return _load_file(str(path))
    return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> TermhoodModel:
    text = resources.files("glossary.data").joinpath("termhood.json").read_text(encoding="utf-8")
    return TermhoodModel.from_dict(json.loads(text), "the shipped termhood model")


@lru_cache(maxsize=4)
def _load_file(path: str) -> TermhoodModel:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise ModelError(f"cannot read the termhood model {path}: {e.strerror}; check ${MODEL_ENV}") from None
    except ValueError:
        raise ModelError(f"{path} is not a termhood model (not JSON); fit one with `glossary train`") from None
    return TermhoodModel.from_dict(data, path)
