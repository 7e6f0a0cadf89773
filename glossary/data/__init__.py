"""The fitted models and general lists glossary ships, and how a weights file is read.

>>> from glossary.tm.spans import FEATURES
>>> read_weights("", "tm_spans.json", "span weights", "GLOSSARY_TM_SPANS", FEATURES, "scripts/train_tm.py")["features"][0]
'covered_parts'
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from importlib import resources

from ..errors import ModelError


def read_weights(path: str, shipped: str, what: str, env: str, features: Sequence[str], refit: str) -> dict:
    """A fitted weights file as plain data: ``path`` (one a user fitted, named by ``$env``), else the shipped
    ``shipped`` in this folder.

    :raises ModelError: with the fix — the file cannot be read, is not JSON, or was fitted on other features
        than ``features`` (its weights would be applied to the wrong measures); ``refit`` says how to refit.
    """
    where = path or f"the shipped {what}"
    try:
        if path:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        else:
            data = json.loads(resources.files(__name__).joinpath(shipped).read_text(encoding="utf-8"))
    except OSError as e:
        raise ModelError(f"cannot read {where}: {e.strerror}; check ${env}") from None
    except ValueError:
        raise ModelError(f"{where} is no file of {what} (not JSON); check ${env}") from None
    if not isinstance(data, dict) or data.get("features") != list(features):
        raise ModelError(
            f"{where} were fitted on other features than this glossary measures: refit them with {refit}, "
            f"or unset ${env}"
        )
    return data


def log_odds(weights: Mapping, row: Sequence[float], coef: str = "coef") -> float:
    """A fitted logistic regression's log-odds for one feature ``row``: its ``intercept``, and its ``coef``
    weights (the key they are under) times the features standardised by its ``mean`` and ``scale``.

    >>> log_odds({"intercept": 0.5, "coef": [2.0], "mean": [1.0], "scale": [2.0]}, [3.0])
    2.5
    """
    return float(weights["intercept"]) + sum(
        w * (x - m) / s for w, x, m, s in zip(weights[coef], row, weights["mean"], weights["scale"])
    )


def logistic(z: float) -> float:
    """The probability of log-odds ``z`` (clipped at ±30, where it is 0 or 1 to double precision).

    >>> logistic(0.0), logistic(1000.0) > 0.999
    (0.5, True)
    """
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def elements() -> dict[str, tuple[str, str, str]]:
    """``elements.tsv``: Simplified element character → (Traditional, symbol, English name). Read here, with no
    import beyond the standard library, for the miner and for the Simplified conversion alike.

    >>> elements()["硅"]
    ('矽', 'Si', 'silicon')
    """
    text = resources.files(__package__).joinpath("elements.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {s: (t, sym, en) for s, t, sym, en in rows}
