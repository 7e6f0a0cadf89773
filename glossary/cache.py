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

import contextlib
import hashlib
import inspect
import logging
import marshal
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from .errors import GlossaryError
from .table import TABLE_FORM, Table, key_filter

log = logging.getLogger(__name__)

#: called once a process, before the first resource is built rather than read: a fresh install's first command
#: builds them all (about a minute), which a silent command spends looking hung; the CLI says so on standard error
on_build: Callable[[], None] | None = None
_told = False


def notice_building() -> None:
    """Tell :data:`on_build`, the first time in this process, that a resource is being built."""
    global _told
    if on_build is not None and not _told:
        _told = True
        on_build()


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


def _rule_digest(build: Callable[..., Any], *depends: Callable[..., Any] | ModuleType) -> str:
    """A short digest of the source file that defines ``build`` (and of those that define ``depends``), or ''
    when it has none (a doctest's lambda): a cache built by an older version of the rules is stale, whatever the
    resource's own version says."""
    digest = hashlib.blake2b(digest_size=4)
    for rules in (build, *depends):
        try:
            source = inspect.getsourcefile(rules)
            if not source:
                return ""
            digest.update(Path(source).read_bytes())
        except (TypeError, OSError):
            return ""
    return digest.hexdigest()


def cached(
    name: str,
    key: str,
    build: Callable[[], Any],
    directory: str | Path | None = None,
    depends: Sequence[Callable[..., Any] | ModuleType] = (),
) -> Any:
    """The value ``build()`` returns, from the cache when one was stored under ``name`` and ``key`` by the same
    version of the module that defines ``build`` and of those that define ``depends`` (the functions or modules
    of other files whose rules shape the value: a tokeniser, a cleaner, a word list)."""
    path = _marshal_path(name, key, build, directory, depends)
    _probed(path)
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    notice_building()
    value = build()
    _store(path, name, value)
    return value


def _marshal_path(
    name: str, key: str, build: Callable[..., Any], directory: str | Path | None, depends: Sequence[Any]
) -> Path:
    """Where :func:`cached` keeps ``build()``'s value under ``name`` and ``key``."""
    rules = _rule_digest(build, *depends)
    return Path(directory or cache_dir()) / f"{_safe(name)}@{_safe(key)}{'-' + rules if rules else ''}.marshal"


def _store(path: Path, name: str, value: Any) -> None:
    """Write ``value`` to ``path`` whole or not at all, and remove ``name``'s files of other keys."""
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


class Probed(GlossaryError):
    """Raised by :func:`cached` and :func:`cached_table` in place of reading or building, while :func:`probing`:
    whether the resource asked for is built (on disk) or not. (Caught by the prober: it never reaches a user.)"""

    def __init__(self, built: bool) -> None:
        super().__init__("built" if built else "not built")
        self.built = built


#: whether this thread is :func:`probing` (a thread's own: another thread reading a resource meanwhile reads it)
_state = threading.local()


@contextlib.contextmanager
def probing() -> Iterator[None]:
    """Within the block, the first resource a call asks for raises :class:`Probed`, saying whether it is built,
    instead of being read or built: a cheap way to ask whether a step would build something
    (:mod:`glossary.indexes`).

    >>> import tempfile
    >>> with probing():
    ...     try:
    ...         cached("demo-probe", "v1", lambda: 1, directory=tempfile.mkdtemp())
    ...     except Probed as e:
    ...         e.built
    False
    """
    _state.probing = True
    try:
        yield
    finally:
        _state.probing = False


def _probed(path: Path) -> None:
    if getattr(_state, "probing", False):
        raise Probed(path.is_file())


def cached_table(
    name: str,
    key: str,
    build: Callable[[], dict[str, Any]],
    directory: str | Path | None = None,
    whole_after: int | None = None,
    whole: Callable[[], dict[str, Any]] | None = None,
    depends: Sequence[Callable[..., Any] | ModuleType] = (),
) -> Table:
    """:func:`cached` for a large mapping read a key at a time: ``build()``'s dict is written once to a SQLite
    file under ``name`` and ``key`` (and the version of the module that defines ``build``) and read from there.

    :param whole_after: after this many keys asked for, the table loads the whole mapping (kept beside it by
        :func:`cached` under ``name`` + ``-whole``) and answers from memory: a few hundred lookups read the
        disk, a corpus's hundred thousand do not.
    :param whole: where the whole mapping is loaded from, when it is cached already (default: ``build()``'s,
        cached beside the table)
    :param depends: as :func:`cached`'s
    """
    rules = _rule_digest(build, *depends)
    path = (
        Path(directory or cache_dir())
        / f"{_safe(name)}@{_safe(key)}{'-' + rules if rules else ''}-t{TABLE_FORM}.sqlite"
    )
    _probed(path)
    whole_path = None
    if whole is None and whole_after is not None:
        whole_path = _marshal_path(f"{name}-whole", key, build, directory, depends)
        whole = lambda: cached(f"{name}-whole", key, build, directory, depends)  # noqa: E731

    def table(at: Path) -> Table:
        return Table(at, whole=whole, whole_after=whole_after or 0)

    if path.is_file():
        try:
            found = table(path)
            found._query("SELECT k FROM kv LIMIT 1", ())  # (a file that is no table fails here, and is rebuilt)
            return found
        except sqlite3.Error:
            pass
    notice_building()
    value = build()
    if whole_path is not None and not whole_path.is_file():
        # (the whole mapping is cached beside the table now, from the same value: a run that asks for many keys
        # built it again, pypinyin's readings 8 of a first run's seconds)
        _store(whole_path, f"{name}-whole", value)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        con = sqlite3.connect(tmp)
        with con:
            con.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID")
            con.executemany("INSERT INTO kv VALUES (?, ?)", ((k, marshal.dumps(v)) for k, v in value.items()))
            con.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v BLOB NOT NULL)")
            con.execute("INSERT INTO meta VALUES ('filter', ?)", (key_filter(list(value)),))
        con.close()
        os.replace(tmp, path)
        for old in path.parent.glob(f"{_safe(name)}@*"):
            if old != path and old.suffix in (".sqlite", ".marshal"):
                old.unlink(missing_ok=True)
        return table(path)
    except (OSError, sqlite3.Error) as e:  # a read-only home only costs time
        log.debug("cannot write cache %s: %s", path, e)
        return Table(None, value)
