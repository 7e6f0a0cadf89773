"""A large str → value mapping kept on disk in SQLite and read a key at a time (:class:`Table`), with a filter of
its keys that answers most absent keys without a query. :func:`glossary.cache.cached_table` builds one once and
opens it after.

>>> t = Table(None, {"稀有": (1, True)})
>>> t.get("稀有"), t.get("其重"), "稀有" in t
((1, True), None, True)
"""

from __future__ import annotations

import marshal
import operator
import os
import sqlite3
import weakref
import zlib
from collections.abc import Callable, Iterable, Sequence
from itertools import compress
from pathlib import Path
from typing import Any

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
    few hundred keys does not load 700,000 (:func:`glossary.cache.cached_table`). Values are plain data (``marshal``); the keys
    asked for are remembered in memory, and :meth:`prefetch` reads many in a few queries.

    >>> import tempfile
    >>> from glossary.cache import cached_table
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
