"""A small on-disk cache for parsed resources (dictionaries, frequency lists).

Parsing CC-CEDICT or wordfreq's list costs about half a second each at every
start; their parsed form is kept with ``marshal`` (plain data only, written by
us) in the user's cache folder, keyed by the source's identity and by the
version of the code that builds it, the way jieba keeps its own cache. A cache
that cannot be read or written is rebuilt without complaint beyond a debug log.

>>> import tempfile
>>> d = tempfile.mkdtemp()
>>> cached("demo", "v1", lambda: {"a": [1, 2]}, directory=d)
{'a': [1, 2]}
>>> cached("demo", "v1", lambda: {"changed": True}, directory=d)
{'a': [1, 2]}
>>> cached("demo", "v2", lambda: {"b": 1}, directory=d), sorted(os.listdir(d))
({'b': 1}, ['demo@v2.marshal'])
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import marshal
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def cache_dir(env: Mapping[str, str] = os.environ) -> Path:
    """``$GLOSSARY_CACHE``, else ``$XDG_CACHE_HOME/glossary``, else ``~/.cache/glossary``.

    >>> str(cache_dir({"GLOSSARY_CACHE": "/tmp/gc"})), str(cache_dir({"XDG_CACHE_HOME": "/var/cache"}))
    ('/tmp/gc', '/var/cache/glossary')
    """
    own = env.get("GLOSSARY_CACHE")
    if own:
        return Path(own)
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "glossary"


def _safe(part: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", part)


def _rule_digest(build: Callable[[], Any]) -> str:
    """A short digest of the source file that defines ``build``, or '' when it has none (a doctest's lambda): a
    cache built by an older version of the rules is stale, whatever the resource's own version says."""
    try:
        source = inspect.getsourcefile(build)
        return hashlib.blake2b(Path(source).read_bytes(), digest_size=4).hexdigest() if source else ""
    except (TypeError, OSError):
        return ""


def cached(name: str, key: str, build: Callable[[], Any], directory: str | Path | None = None) -> Any:
    """The value ``build()`` returns, from the cache when one was stored under ``name`` and ``key`` by the same
    version of the module that defines ``build``."""
    rules = _rule_digest(build)
    path = Path(directory or cache_dir()) / f"{_safe(name)}@{_safe(key)}{'-' + rules if rules else ''}.marshal"
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
        # the same resource under an older key (a reinstalled package) is stale, and 10 MB each
        for old in path.parent.glob(f"{_safe(name)}@*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, ValueError) as e:  # a read-only home only costs time
        log.debug("cannot write cache %s: %s", path, e)
    return value
