"""A small on-disk cache for parsed resources (dictionaries, frequency lists).

Parsing CC-CEDICT or wordfreq's list costs about half a second each at every
start; their parsed form is kept with ``marshal`` (plain data only, written by
us) in the user's cache folder, keyed by the source's identity, the way jieba
keeps its own cache. A cache that cannot be read or written is rebuilt
without complaint beyond a debug log.

>>> import tempfile
>>> d = tempfile.mkdtemp()
>>> cached("demo", "v1", lambda: {"a": [1, 2]}, directory=d)
{'a': [1, 2]}
>>> cached("demo", "v1", lambda: {"changed": True}, directory=d)
{'a': [1, 2]}
"""

from __future__ import annotations

import logging
import marshal
import os
import re
from pathlib import Path
from typing import Any, Callable

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/glossary`` or ``~/.cache/glossary``."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "glossary"


def cached(name: str, key: str, build: Callable[[], Any], directory: str | Path | None = None) -> Any:
    """The value ``build()`` returns, from the cache when one was stored under ``name`` and ``key``."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{name}-{key}")
    path = Path(directory or cache_dir()) / f"{safe}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(value))
        os.replace(tmp, path)
    except (OSError, ValueError) as e:  # a read-only home only costs time
        log.debug("cannot write cache %s: %s", path, e)
    return value
