"""The fitted models and general lists glossary ships, and how a weights file is read.

>>> from glossary.tm.spans import FEATURES
>>> read_weights("", "tm_spans.json", "span weights", "GLOSSARY_TM_SPANS", FEATURES, "scripts/train_tm.py")["features"][0]
'covered_parts'
"""

from __future__ import annotations

import json
from collections.abc import Sequence
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
