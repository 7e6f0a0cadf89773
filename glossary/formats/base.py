"""The contract every glossary format follows, and the evidence codec they share.

A format is an object with ``name``, ``extensions``, ``read(data, path)`` and
``write(entries, options)``; both work on bytes so they can be tested without
files. :func:`write_file` adds the atomic rename.

What a format cannot hold in its own elements travels as ``key: value``
metadata (:func:`meta_pairs` / :func:`apply_meta`), so every format keeps
status, evidence and the source of every suggestion.

>>> from glossary.models import TermEntry, Context
>>> e = TermEntry("大豆", count=3, files=["a.txt"], contexts=[Context("a.txt", 5, "大豆很重要。")])
>>> pairs = meta_pairs(e)
>>> pairs[:3]
[('status', 'candidate'), ('kind', 'term'), ('score', '0')]
>>> f = TermEntry("大豆")
>>> for k, v in pairs: apply_meta(f, k, v)
>>> f.contexts == e.contexts and f.files == e.files and f.count == 3
True
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from .. import __version__
from ..errors import FormatError
from ..models import Context, Status, TermEntry
from .langs import Langs

SEP = " | "


@dataclass(frozen=True)
class WriteOptions:
    """Choices that shape an export; ``now`` is injectable so tests can fix header dates."""

    langs: Langs = field(default_factory=Langs)
    traditional: bool = False
    tbx_version: int = 3
    excel: bool = False
    #: CSV header: "glossary" (zh-CN, zh-TW, pinyin, en-US, …, source) or "ttk" (source, target, …, origin),
    #: the names translate-toolkit, Weblate and Pootle read
    csv_style: str = "glossary"
    now: datetime | None = None
    tool: str = "glossary"
    tool_version: str = __version__

    @property
    def stamp(self) -> str:
        """The date as TMX and TBX want it: ``YYYYMMDDThhmmssZ``."""
        return (self.now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")


class Format(Protocol):
    """One glossary file format."""

    name: str
    extensions: tuple[str, ...]

    def read(self, data: bytes, path: str) -> list[TermEntry]: ...

    def write(self, entries: Sequence[TermEntry], options: WriteOptions) -> bytes: ...


def fmt_num(x: float) -> str:
    """Numbers without noise: ``3`` not ``3.0``; four decimals at most."""
    return f"{x:.4f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def join(values: Sequence[str]) -> str:
    """Several values in one field, separated by `` | ``."""
    return SEP.join(values)


def split(cell: str) -> list[str]:
    """Inverse of :func:`join`; empty cell gives []."""
    return [v.strip() for v in cell.split(SEP)] if cell.strip() else []


_CTX = re.compile(r"^(.*?):(\d+): (.*)$", re.S)


def encode_context(c: Context) -> str:
    """``file:offset: sentence``."""
    return f"{c.file}:{c.offset}: {c.text}"


def decode_context(s: str) -> Context:
    m = _CTX.match(s)
    return Context(m.group(1), int(m.group(2)), m.group(3)) if m else Context("", 0, s)


def encode_files(e: TermEntry) -> str:
    """``a.txt=3 | b.txt=1``: the files a term was seen in, with counts where known."""
    return join([f"{f}={e.file_counts[f]}" if f in e.file_counts else f for f in e.files])


def meta_pairs(e: TermEntry) -> list[tuple[str, str]]:
    """Everything beyond the forms and English, as ``(key, value)`` pairs, in a fixed order."""
    pairs = [("status", e.status.value), ("kind", e.kind), ("score", fmt_num(e.score)), ("count", str(e.count))]
    if e.files:
        pairs.append(("files", encode_files(e)))
    if e.variants:
        pairs.append(("variants", join(e.variants)))
    if e.note:
        pairs.append(("note", e.note))
    pairs += [("context", encode_context(c)) for c in e.contexts]
    return pairs


def apply_meta(e: TermEntry, key: str, value: str) -> None:
    """Set one metadata pair on an entry; unknown keys are ignored (other tools' notes)."""
    if e.given is not None:
        e.given = e.given | {key}
    if key in ("kind", "note", "traditional"):
        setattr(e, key, value)
    elif key == "status":
        e.status = Status.parse(value)
    elif key == "score":
        e.score = float(value)
    elif key == "count":
        e.count = int(value)
    elif key == "files":
        for item in split(value):
            name, eq, n = item.rpartition("=")
            if eq and n.isdigit():
                e.files.append(name)
                e.file_counts[name] = int(n)
            else:
                e.files.append(item)
    elif key == "variants":
        e.variants = split(value)
    elif key == "context":
        e.contexts.append(decode_context(value))


def decode_text(data: bytes, path: str, hint: str = "save the file as UTF-8") -> str:
    """A delimited file's text: UTF-8 (a BOM allowed) or UTF-16 with its BOM, as Excel's "Unicode text" saves;
    else GB18030 or Big5 where one of them clearly reads as Chinese and the other does not, as the files to mine
    are read (a Chinese Windows' Excel saves a CSV in GB18030's older GBK).

    >>> decode_text("大豆".encode("utf-16"), "x.tsv"), decode_text(b"\\xef\\xbb\\xbfzh", "x.csv")
    ('大豆', 'zh')
    >>> decode_text("zh-CN,en-US\\n氧化镝,dysprosium oxide\\n大豆价格,soybean price\\n".encode("gbk"), "x.csv")[12:]
    '氧化镝,dysprosium oxide\\n大豆价格,soybean price\\n'

    :raises FormatError: for other bytes, with the line of the first one that is not UTF-8 and ``hint``.
    """
    from ..sources.text import clear_reading, legacy_readings

    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise FormatError("broken UTF-16 text; save the file as UTF-8", path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        tried = legacy_readings(data)
        if clear_reading(tried):
            return tried[0][1]
        raise FormatError(f"not UTF-8 text; {hint}", path, data[: e.start].count(b"\n") + 1) from None


def mark_given(e: TermEntry) -> TermEntry:
    """Record on a read entry the fields its file gave: those it set through metadata (a status among them)
    and every non-empty form, note and English — an import changes only these.

    >>> e = TermEntry("大豆", pinyin="dà dòu", given=frozenset())
    >>> sorted(mark_given(e).given or ())
    ['pinyin']
    """
    present = {name for name in ("traditional", "pinyin", "note", "variants") if getattr(e, name)}
    if e.english:
        present.add("english")
    e.given = (e.given or frozenset()) | present
    return e


def select_english(entries: Sequence[TermEntry], mode: str) -> list[TermEntry]:
    """The entries with the English an export carries: ``chosen`` (reviewed entries keep only what a reviewer
    chose — preferred and admitted —, candidates their suggestions), ``preferred`` (one English each), or ``all``.

    >>> from glossary.models import Equivalent
    >>> e = TermEntry("大豆", english=[Equivalent("big bean", "cedict"), Equivalent("soybean", "reviewer", 1,
    ...     "preferred")], status=Status.APPROVED)
    >>> [q.text for q in select_english([e], "chosen")[0].english], [q.text for q in select_english([e], "all")[0].english]
    (['soybean'], ['big bean', 'soybean'])
    """
    if mode == "all":
        return list(entries)
    out = []
    for e in entries:
        english = e.english if e.status == Status.CANDIDATE else e.chosen_english
        if mode == "preferred":
            english = english[:1]
        out.append(replace(e, english=list(english)))
    return out


ENGLISH_MODES = ("chosen", "preferred", "all")


def write_file(path: str | Path, data: bytes) -> None:
    """Write ``data`` to exactly the file ``path`` names.

    A regular file (new or existing) is written to a temporary file beside it and renamed into place, so an
    interrupted export never leaves half a file; a new file gets the user's umask, an existing one keeps its
    mode. A symlink is followed (its target is written, the link stays); a device or FIFO (``/dev/stdout``,
    ``/dev/null``, a named pipe) is written through, never replaced.
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        if path.is_dir():
            raise OSError(f"{path} is a folder; give a file name")
        with path.open("wb") as f:  # a device or a FIFO: write through
            f.write(data)
        return
    target = path.resolve() if path.is_symlink() else path
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)  # reading the umask means setting it: put it straight back
    os.umask(mask)
    return mask
