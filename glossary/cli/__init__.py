"""The ``glossary`` command: each subcommand parses, calls the library, renders. No domain logic here.

Library errors become ``Error: …`` with exit 1; usage errors exit 2.
"""

from __future__ import annotations

import contextlib
import gc
import getpass
import logging
import os
import signal
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import click

from .. import __version__
from ..errors import GlossaryError
from ..models import RELIABLE_ENGLISH, Status, TermEntry
from ..termbase import TermBase

# Mining, alignment and the file formats are imported inside the commands that use them,
# so that `glossary find` starts fast.

DEFAULT_DB = "terms/glossary.db"
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class GlossaryGroup(click.Group):
    """A click group that turns library errors into one-line messages with exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GlossaryError as e:
            raise click.ClickException(str(e)) from None
        except BrokenPipeError:
            # the reader went away (`glossary list | head`): stop quietly, as other Unix tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(141)
        except OSError as e:
            raise click.ClickException(f"{e.filename or ''}: {e.strerror or e}".strip(": ")) from None


def reviewer(by: str | None) -> str:
    """Who is acting: --by, else GLOSSARY_REVIEWER, else the git user name, else the login name."""
    if by:
        return by
    if os.environ.get("GLOSSARY_REVIEWER"):
        return os.environ["GLOSSARY_REVIEWER"]
    try:
        name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    return name or getpass.getuser()


def open_tb(ctx: click.Context, create: bool = False) -> TermBase:
    """The command's term base; only commands that add entries (``create=True``) may make a new one."""
    return TermBase(ctx.obj["db"], create=create)


def _write_output(output: str, data: bytes) -> None:
    """An export's bytes to the file named, or to standard output for ``-``."""
    if output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from ..formats import write_file

    write_file(output, data)


def _name(output: str) -> str:
    return "standard output" if output == "-" else output


def width(s: str) -> int:
    """Display width on a terminal: East Asian wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    """Rows aligned in columns that allow for double-width Hanzi."""
    cols = list(zip(*([header] + [list(r) for r in rows])))
    widths = [max(width(c) for c in col) for col in cols]
    lines = []
    for r in [header] + [list(r) for r in rows]:
        cells = [c + " " * (w - width(c)) for c, w in zip(r, widths)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def statuses_option(default: Sequence[str] = ()) -> Callable[[Any], Any]:
    return click.option(
        "--status",
        "statuses",
        multiple=True,
        default=default,
        show_default=bool(default),
        type=click.Choice([s.value for s in Status]),
        help="Only entries with this status (repeatable).",
    )


by_option = click.option("--by", help="Reviewer name (default: $GLOSSARY_REVIEWER, else git user.name).")


class Term(click.ParamType):
    """A term, an id or a phrase as typed: never blank (an empty argument, from a script's empty variable, would
    be looked up and reported as bad data, not as the command line to mend)."""

    name = "term"

    def __init__(self, wanted: str = "a term (Hanzi in either script, pinyin or English) or an entry's id") -> None:
        self.wanted = wanted

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if not str(value).strip():
            self.fail(f"is empty; give {self.wanted}", param, ctx)
        return str(value)


TERM = Term()
note_option = click.option("--note", default="", help="Why (kept in the history).")


@click.group(cls=GlossaryGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="glossary")
@click.option(
    "--db",
    envvar="GLOSSARY_DB",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Term base file (or set GLOSSARY_DB).",
)
@click.pass_context
def cli(ctx: click.Context, db: str) -> None:
    """Chinese→English terminology: mine terms, review them, export glossaries.

    \b
    Example:
        glossary mine seeds/
        glossary list --limit 10
        glossary export -o exports/glossary.tbx --status candidate

    The first command after installing builds the dictionaries' indexes once (about a minute) in
    ~/.cache/glossary, or $GLOSSARY_CACHE; later commands read them.
    """
    from .. import cache
    from ..termbase.backend import redact

    ctx.obj = {"db": db, "name": redact(db)}  # name: as output shows it, a URL's password hidden
    cache.on_build = cache.on_build or (
        lambda: click.echo(
            f"glossary: building the dictionaries' indexes in {cache.cache_dir()} once; this run takes about a minute "
            "longer",
            err=True,
        )
    )


def _row(e: TermEntry) -> list[str]:
    mark = "⛔ " if e.status in (Status.FORBIDDEN, Status.DEPRECATED) else ""
    return [str(e.id), mark + e.status.value, e.simplified, e.traditional, e.pinyin, e.preferred_english, str(e.count)]


HEADER = ["id", "status", "zh-CN", "zh-TW", "pinyin", "en-US", "count"]


def _pinyin_forms(term: str) -> str:
    from ..normalise.pinyin import to_pinyin

    return f"{to_pinyin(term, 'numbers')}; {to_pinyin(term, 'plain')}"


def render_entry(e: TermEntry, memory: Mapping[str, Sequence[int]] | None = None) -> str:
    """An entry as `show` prints it; ``memory`` maps English found in the translation memory to its units."""
    lines = [
        f"{e.simplified}  [{e.status.value}]  id {e.id}",
        f"  zh-TW    {e.traditional}",
        f"  pinyin   {e.pinyin}" + (f"   ({_pinyin_forms(e.simplified)})" if e.pinyin else ""),
    ]
    if e.variants:
        lines.append(f"  variants {' | '.join(e.variants)}")
    lines.append(f"  kind     {e.kind}   score {e.score:g}   count {e.count}   files {len(e.files)}")
    if e.note:
        lines.append(f"  note     {e.note}")
    lines.append("  English:")
    for i, q in enumerate(e.english, 1):
        role = "" if q.role == "suggested" else f", {q.role}"
        lines.append(f"    {i}. {q.text}   ({q.source}, {q.confidence:g}{role})")
        if memory and q.source == "tm" and memory.get(q.text):
            lines.append("       in memory units " + ", ".join(map(str, memory[q.text][:10])))
    if not e.english:
        lines.append("    (none)")
    elif not e.reliable_english:
        lines.append(f"    (no reliable English: each is a guess below {RELIABLE_ENGLISH:g}; choose one or type it)")
    if e.files:
        lines.append(
            "  files:    " + ", ".join(f"{f} ({e.file_counts.get(f, '?')})" if e.file_counts else f for f in e.files)
        )
    if e.contexts:
        lines.append("  contexts:")
        # file:line as editors and grep give it; a context an imported glossary brought has only its offset
        lines += [
            f"    {c.file}:{c.line}: {c.text}" if c.line else f"    {c.file} @{c.offset}: {c.text}" for c in e.contexts
        ]
    return "\n".join(lines)


#: the exit code of a command stopped by Ctrl-C, as a shell gives it (128 + SIGINT)
INTERRUPTED = 130


def main() -> None:
    """The ``glossary`` command. A finished command leaves at once: freeing the dictionaries one by one at exit
    (hundreds of thousands of objects) took a third of a second, longer than many commands' work; the term base
    is closed and every file written by then, and the standard streams are flushed first.

    The cycle collector is off for the same reason: a command that finishes hands its memory back whole, and the
    collector's passes over the dictionaries and the mined entries found nothing to free (55 ms of a 1,500-Hanzi
    mine's 1.1 s, 150 ms of a megabyte's). ``serve``, which runs until stopped, turns it back on."""
    gc.disable()
    interrupted = False

    def on_interrupt(signum: int, frame: object) -> None:
        nonlocal interrupted
        interrupted = True
        raise KeyboardInterrupt

    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # (not where the caller ignores Ctrl-C)
        signal.signal(signal.SIGINT, on_interrupt)
    try:
        cli(prog_name="glossary")
        code = 0
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            code = e.code or 0
        else:  # (sys.exit("message"), as the interpreter would: the message, exit 1)
            print(e.code, file=sys.stderr)
            code = 1
        if interrupted and code == 1:
            # click ends an interrupted command with 1, the code of bad data; a shell says 130 (128 + SIGINT)
            code = INTERRUPTED
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`glossary list | head`): nothing to say
            stream.flush()
    os._exit(code)


# the commands register themselves on the group when their modules are imported
from . import entries, review, tm, web, whole  # noqa: E402,F401
