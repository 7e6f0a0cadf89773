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
import operator
import os
import re
import sqlite3
import weakref
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import compress
from pathlib import Path
from types import ModuleType
from typing import Any

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


class Probed(Exception):
    """Raised by :func:`cached` and :func:`cached_table` in place of reading or building, while :func:`probing`:
    whether the resource asked for is built (on disk) or not."""

    def __init__(self, built: bool) -> None:
        super().__init__("built" if built else "not built")
        self.built = built


_probing = False


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
    global _probing
    _probing = True
    try:
        yield
    finally:
        _probing = False


def _probed(path: Path) -> None:
    if _probing:
        raise Probed(path.is_file())


#: what a table's file holds besides its keys and values; a file of another form is built again (the keys'
#: filter came with form 2)
TABLE_FORM = 2
_UTF8 = operator.methodcaller("encode", "utf-8", "surrogatepass")
#: a table's filter has about this many bits a key (a power of two in all, from 2**13 to 2**26, 8 MB for ECDICT's
#: 700,000 keys): of the keys a table lacks, one in fifty to a hundred shares a bit with one it has, and is asked for
FILTER_BITS_PER_KEY = 64
#: a table reads its filter once this many keys were asked of it: a command that asks for a few hundred reads no
#: megabytes for them
FILTER_AFTER = 256


def fingerprints(keys: Iterable[str]) -> list[int]:
    """Each key's fingerprint: the CRC-32 of its UTF-8 (zlib's, in C, and the same in every process, which
    ``hash`` of a str is not).

    >>> fingerprints(["稀有"]) == fingerprints(["稀有"]) != fingerprints(["其重"])
    True
    """
    return list(map(zlib.crc32, map(_UTF8, keys)))


def key_filter(keys: Sequence[str]) -> bytes:
    """A bit for each key (the top bits of its fingerprint, as many as the filter's size takes): a key whose bit is
    not set is not among ``keys``; one whose bit is set may be.

    >>> f = key_filter(["稀有"])
    >>> may_hold(f, "稀有"), may_hold(f, "其重"), len(f)
    (True, False, 1024)
    """
    bits = bytearray(1 << (min(26, max(13, (len(keys) * FILTER_BITS_PER_KEY - 1).bit_length())) - 3))
    shift = _shift(bits)
    for f in fingerprints(keys):
        at = f >> shift
        bits[at >> 3] |= 1 << (at & 7)
    return bytes(bits)


def _shift(bits: bytes | bytearray) -> int:
    """How far a fingerprint is shifted to give its place in ``bits`` (a power of two of bytes)."""
    return 32 - (len(bits) * 8).bit_length() + 1


def may_hold(bits: bytes, key: str) -> bool:
    """Whether ``key``'s bit is set in a :func:`key_filter`."""
    at = zlib.crc32(_UTF8(key)) >> _shift(bits)
    return bool(bits[at >> 3] >> (at & 7) & 1)


#: every table opened in this process (:func:`share_filters`)
_OPEN: weakref.WeakSet[Table] = weakref.WeakSet()


def share_filters() -> None:
    """Read the key filter of every table opened so far, now: before forking workers that will each ask a
    table for many keys (a filter read in a worker is that worker's own copy: 1-8 MB a table, 21 MB over the
    tables alignment reads)."""
    for table in list(_OPEN):
        table._key_filter(now=True)


class Table:
    """A large str → value mapping kept on disk in SQLite and read a key at a time, so a command that asks for a
    few hundred keys does not load 700,000 (:func:`cached_table`). Values are plain data (``marshal``); the keys
    asked for are remembered in memory, and :meth:`prefetch` reads many in a few queries.

    >>> import tempfile
    >>> t = cached_table("demo-table", "v1", lambda: {"稀有": (1, True)}, directory=tempfile.mkdtemp())
    >>> t.get("稀有"), t.get("其重"), "稀有" in t
    ((1, True), None, True)
    """

    #: keys asked for in one query (SQLite's limit on bound parameters is 32,766; this keeps queries short)
    BATCH = 500

    def __init__(
        self,
        path: Path | None,
        data: dict[str, Any] | None = None,
        whole: Callable[[], dict[str, Any]] | None = None,
        whole_after: int = 0,
    ) -> None:
        self._path = path
        self._pid = os.getpid()
        self._con = self._connect() if path else None
        # without a file (the cache could not be written) the whole mapping is here, in memory
        self._seen: dict[str, Any] = dict(data or {})
        # where many keys are asked for, the whole mapping at once costs less than a query for each
        self._whole = whole if path else None
        self._whole_after = whole_after
        self._asked = 0
        # the filter of the table's keys (key_filter; read once FILTER_AFTER keys were asked, None where the file
        # keeps none): a key it says the table lacks is not asked of the file (most keys a corpus asks of a
        # dictionary are not in it, and a query costs ten times the check)
        self._filter: bytes | None = None
        self._filter_read = False
        self._lookups = 0
        _OPEN.add(self)

    def load_whole(self) -> None:
        """Hold the whole mapping in memory from now on (when the table was given a way to load it): a run
        that asks for most keys, or a parent about to fork workers that all will."""
        if self._whole is None:
            return
        data, self._whole, self._con = self._whole(), None, None
        self._seen = data
        self.get = data.get  # type: ignore[method-assign,assignment]  # (no absent keys are remembered as None now)

    def items(self) -> Iterable[tuple[str, Any]]:
        """Every key and value (the whole mapping is loaded, or read, for this)."""
        self.load_whole()
        if self._con is None:
            return [(k, v) for k, v in self._seen.items() if v is not None]
        return [(k, marshal.loads(v)) for k, v in self._query("SELECT k, v FROM kv", ())]

    def _connect(self) -> sqlite3.Connection:
        # immutable: a table file is written once, to a temporary name, and moved into place (a rebuilt one is a
        # new file, which a connection open on the old one never sees), so SQLite need not lock it and check for
        # changes at every query: a key read in 4 µs rather than 15 (the English of a 1 MB corpus's candidates
        # reads 33,000 keys)
        return sqlite3.connect(f"file:{self._path}?mode=ro&immutable=1", uri=True, check_same_thread=False)

    def _query(self, sql: str, args: Sequence[str]) -> list[tuple[str, bytes]]:
        if os.getpid() != self._pid:  # a forked worker opens its own connection: SQLite's are not to cross a fork
            self._pid, self._con = os.getpid(), self._connect()
        assert self._con is not None
        return self._con.execute(sql, args).fetchall()

    def get(self, key: str, default: Any = None) -> Any:
        if key in self._seen:
            got = self._seen[key]
            return default if got is None else got
        if self._con is None:
            return default
        if self._whole is not None:
            self._asked += 1
            if self._asked > self._whole_after:
                self.load_whole()
                return self.get(key, default)
        self._lookups += 1
        bits = self._key_filter()
        if bits is not None and not may_hold(bits, key):
            return default
        rows = self._query("SELECT k, v FROM kv WHERE k = ?", (key,))
        self._seen[key] = value = marshal.loads(rows[0][1]) if rows else None
        return default if value is None else value

    def __len__(self) -> int:
        if self._con is None:
            return len(self._seen)
        return int(self._query("SELECT count(*) FROM kv", ())[0][0])

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read every key of ``keys`` not read yet, :data:`BATCH` to a query."""
        if self._con is None:
            return
        todo = [k for k in dict.fromkeys(keys) if k not in self._seen]
        if self._whole is not None:
            self._asked += len(todo)
            if self._asked > self._whole_after:
                self.load_whole()
                return
        self._lookups += len(todo)
        bits = self._key_filter()
        if bits is not None and len(todo) < 256:  # (a few keys: numpy's arrays cost more than they save)
            todo = [k for k in todo if may_hold(bits, k)]
        elif bits is not None:
            import numpy as np

            at = np.fromiter(fingerprints(todo), dtype=np.uint32, count=len(todo)) >> _shift(bits)
            held = (np.frombuffer(bits, dtype=np.uint8)[at >> 3] >> (at & 7).astype(np.uint8)) & 1
            todo = list(compress(todo, held.tolist()))  # (the others are not in the table: get says so at once)
        for i in range(0, len(todo), self.BATCH):
            part = todo[i : i + self.BATCH]
            for k in part:
                self._seen[k] = None
            marks = ",".join("?" * len(part))
            for k, v in self._query(f"SELECT k, v FROM kv WHERE k IN ({marks})", part):
                self._seen[k] = marshal.loads(v)

    def _key_filter(self, now: bool = False) -> bytes | None:
        """The filter of the table's keys (:func:`key_filter`), or None where its file keeps none or too few keys
        were asked yet (:data:`FILTER_AFTER`) and it is not asked for ``now``."""
        if not self._filter_read and self._con is not None and (now or self._lookups >= FILTER_AFTER):
            self._filter_read = True
            try:
                rows = self._query("SELECT k, v FROM meta WHERE k = 'filter'", ())
            except sqlite3.Error:  # (a file of the first form: every key is asked of it)
                rows = []
            self._filter = bytes(rows[0][1]) if rows else None
        return self._filter

    def read(self, keys: Iterable[str]) -> dict[str, Any]:
        """The mapping so far, every key of ``keys`` read into it: what :meth:`get` answers for each is its value
        there, None or no entry meaning the table has none (a column of many keys is then read off it at once, in
        C).

        >>> t = Table(None, {"稀有": (1, True)})
        >>> t.read(["稀有", "其重"]).get("其重")
        """
        self.prefetch(keys)
        return self._seen


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
