"""The ``glossary`` command: each subcommand parses, calls the library, renders. No domain logic here.

Library errors become ``Error: …`` with exit 1; usage errors exit 2.
"""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import GlossaryError
from .models import Status, TermEntry
from .termbase import TermBase

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
    from .formats import write_file

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
    """
    ctx.obj = {"db": db}


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--encoding", help="Force an input encoding (utf-8, gb18030, big5); default: detect.")
@click.option("--limit", type=click.IntRange(1), help="Keep this many candidates (default: scales with input).")
@by_option
@click.pass_context
def mine(ctx: click.Context, paths: tuple[str, ...], encoding: str | None, limit: int | None, by: str | None) -> None:
    """Mine term candidates from .txt/.md files and folders into the term base.

    \b
    Example:
        glossary mine seeds/
    """
    from .pipeline import collect, stage

    if sys.stderr.isatty():  # a bar on a terminal, nothing when piped
        with click.progressbar(length=1, label="mining", file=sys.stderr) as bar:

            def progress(done: int, total: int) -> None:
                bar.length = total
                bar.update(1)

            mined = collect(paths, encoding, limit, progress)
    else:
        mined = collect(paths, encoding, limit)
    # the term base is opened only once the sources were read: a bad path leaves it untouched
    with open_tb(ctx, create=True) as tb:
        report = stage(mined, tb, reviewer(by))
    for _path, reason in report.skipped:
        click.echo(f"skipped: {reason}", err=True)
    click.echo(
        f"mined {report.files} file(s): {report.terms} terms "
        f"({report.added} new, {report.updated} updated, {report.kept} reviewed kept) into {ctx.obj['db']}"
    )


def _row(e: TermEntry) -> list[str]:
    mark = "⛔ " if e.status in (Status.FORBIDDEN, Status.DEPRECATED) else ""
    return [str(e.id), mark + e.status.value, e.simplified, e.traditional, e.pinyin, e.preferred_english, str(e.count)]


HEADER = ["id", "status", "zh-CN", "zh-TW", "pinyin", "en-US", "count"]


@cli.command("list")
@statuses_option()
@click.option("--sort", type=click.Choice(["score", "term", "date"]), default="score", show_default=True)
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many rows.")
@click.pass_context
def list_(ctx: click.Context, statuses: tuple[str, ...], sort: str, limit: int | None) -> None:
    """List entries of the term base.

    \b
    Example:
        glossary list --status candidate --sort score --limit 20
    """
    with open_tb(ctx) as tb:
        entries = tb.entries([Status(s) for s in statuses] or None, sort=sort, limit=limit)
    click.echo(table([_row(e) for e in entries], HEADER))


@cli.command()
@click.argument("term")
@click.pass_context
def show(ctx: click.Context, term: str) -> None:
    """Show one entry with all its forms, English suggestions and evidence.

    \b
    Example:
        glossary show 氧化镝
    """
    with open_tb(ctx) as tb:
        e = tb.get(term)
    click.echo(render_entry(e))


def _pinyin_forms(term: str) -> str:
    from .normalise.pinyin import to_pinyin

    return f"{to_pinyin(term, 'numbers')}; {to_pinyin(term, 'plain')}"


def render_entry(e: TermEntry) -> str:
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
    if not e.english:
        lines.append("    (none)")
    if e.files:
        lines.append(
            "  files:    " + ", ".join(f"{f} ({e.file_counts.get(f, '?')})" if e.file_counts else f for f in e.files)
        )
    if e.contexts:
        lines.append("  contexts:")
        lines += [f"    {c.file}:{c.offset}: {c.text}" for c in e.contexts]
    return "\n".join(lines)


@cli.command()
@click.argument("query")
@statuses_option()
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv"]), default="table", show_default=True)
@click.pass_context
def find(ctx: click.Context, query: str, statuses: tuple[str, ...], limit: int, as_json: bool, fmt: str) -> None:
    """Look a term up by Hanzi (either script), pinyin, English, or part of a term.

    Exit 0 when something is found, 1 when nothing is.

    \b
    Example:
        glossary find 鐠釹
        glossary find pu3nv3
        glossary find neodymium
    """
    with open_tb(ctx) as tb:
        matches, hints = tb.lookup(query, [Status(s) for s in statuses] or None, limit)
    if not matches:
        msg = f"no match for {query!r}"
        if hints:
            msg += "; did you mean: " + ", ".join(hints) + "?"
        click.echo(msg, err=True)
        ctx.exit(1)
    rows = [[m.kind] + _row(m.entry) for m in matches]
    head = ["match"] + HEADER
    if as_json:
        click.echo(json.dumps([dict(zip(head, r)) for r in rows], ensure_ascii=False, indent=1))
    elif fmt in ("csv", "tsv"):
        import csv as _csv

        w = _csv.writer(sys.stdout, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerows([head] + rows)
    else:
        # colour marks the status; click drops it when the output is not a terminal
        colours = {"approved": "green", "⛔ forbidden": "red", "⛔ deprecated": "yellow"}
        for line in table(rows, head).splitlines():
            for word, colour in colours.items():
                if f"  {word}  " in line:
                    line = line.replace(f"  {word}  ", "  " + click.style(word, fg=colour, bold=True) + "  ", 1)
                    break
            click.echo(line)


@cli.command()
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write (- for standard output)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "tmx", "tbx", "omegat"]), help="Default: from the file extension."
)
@statuses_option()
@click.option("--traditional", is_flag=True, help="TMX: add a Traditional <tuv>.")
@click.option(
    "--tbx-version",
    type=click.Choice(["2", "3"]),
    default="3",
    show_default=True,
    help="3 = TBX-Basic 2019; 2 = martif (OmegaT, translate-toolkit, Weblate).",
)
@click.option("--excel", is_flag=True, help="CSV: write a UTF-8 BOM so Excel reads it.")
@click.option(
    "--english",
    "english_mode",
    type=click.Choice(["chosen", "preferred", "all"]),
    default="chosen",
    show_default=True,
    help="Reviewed entries: the English a reviewer chose (preferred and admitted), the preferred one only, or "
    "every suggestion too. Candidates carry their suggestions.",
)
@click.option(
    "--csv-style",
    type=click.Choice(["glossary", "ttk"]),
    default="glossary",
    show_default=True,
    help="CSV header: zh-CN/en-US columns, or source/target for translate-toolkit, Weblate, Pootle.",
)
@click.option(
    "--lang-style",
    type=click.Choice(["region", "script"]),
    default="region",
    show_default=True,
    help="zh-CN/zh-TW/en-US or zh-Hans/zh-Hant/en.",
)
@click.option("--source-lang", help="Override the Simplified language code.")
@click.option("--target-lang", help="Override the English language code.")
@click.pass_context
def export(
    ctx: click.Context,
    output: str,
    fmt: str | None,
    statuses: tuple[str, ...],
    traditional: bool,
    tbx_version: str,
    excel: bool,
    english_mode: str,
    csv_style: str,
    lang_style: str,
    source_lang: str | None,
    target_lang: str | None,
) -> None:
    """Export entries (approved and forbidden by default) to CSV, TMX, TBX or OmegaT.

    \b
    Example:
        glossary export -o exports/glossary.tbx
        glossary export -o exports/candidates.csv --status candidate
    """
    from .formats import WriteOptions, get_format
    from .formats.base import select_english
    from .formats.langs import Langs

    if output == "-" and not fmt:
        raise click.UsageError("with -o - (standard output) say which format: --format csv|tmx|tbx|omegat")
    if fmt == "omegat" and output.lower().endswith(".tsv"):
        raise click.BadParameter("OmegaT ignores .tsv glossaries; name the file .utf8", param_hint="-o")
    langs = Langs(lang_style, source_lang, None, target_lang)
    try:
        _ = langs.codes  # checked now, a usage error, rather than when the file is half written
    except GlossaryError as e:
        raise click.BadParameter(str(e), param_hint="--source-lang/--target-lang") from None
    format_ = get_format(fmt, output)
    wanted = [Status(s) for s in statuses] or [Status.APPROVED, Status.FORBIDDEN]
    with open_tb(ctx) as tb:
        entries = select_english(tb.entries(wanted), english_mode)
    options = WriteOptions(
        langs=langs, traditional=traditional, tbx_version=int(tbx_version), excel=excel, csv_style=csv_style
    )
    _write_output(output, format_.write(entries, options))
    click.echo(f"wrote {len(entries)} entries to {_name(output)} ({format_.name})", err=output == "-")


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "tmx", "tbx", "omegat"]), help="Default: from the file extension."
)
@click.option("--map", "mapping", help='CSV header mapping, e.g. "Source=zh-CN,Target=en-US".')
@click.option("--encoding", help="CSV/OmegaT: the file's encoding (gbk, big5 …); default UTF-8 or UTF-16 by its BOM.")
@click.option(
    "--on-conflict",
    type=click.Choice(["keep", "overwrite", "ask"]),
    default="keep",
    show_default=True,
    help="When a term is already there with other content: keep ours, overwrite, or ask each time.",
)
@click.option("--dry-run", is_flag=True, help="Report what would change, change nothing.")
@by_option
@click.pass_context
def import_(
    ctx: click.Context,
    file: str,
    fmt: str | None,
    mapping: str | None,
    encoding: str | None,
    on_conflict: str,
    dry_run: bool,
    by: str | None,
) -> None:
    """Import a glossary file; all of it or, on any error, none of it.

    \b
    Example:
        glossary import exports/glossary.tbx
        glossary import theirs.csv --map "Source=zh-CN,Target=en-US"
    """
    from .formats import get_format

    header_map = None
    if mapping:
        try:
            header_map = dict(part.split("=", 1) for part in mapping.split(","))
        except ValueError:
            raise click.BadParameter('write it as "TheirColumn=zh-CN,Other=en-US"', param_hint="--map") from None
    format_ = get_format(fmt, file, header_map)
    data = Path(file).read_bytes()
    if encoding:
        if format_.name in ("tmx", "tbx"):
            raise click.UsageError("TMX and TBX files declare their own encoding; leave --encoding out")
        try:
            data = data.decode(encoding).encode("utf-8")
        except (UnicodeDecodeError, LookupError) as err:
            raise GlossaryError(f"{file}: cannot decode as {encoding} ({err}); try another --encoding") from None
    entries = format_.read(data, file)
    counts = {"added": 0, "updated": 0, "skipped": 0}
    who = reviewer(by)
    # a dry run against a term base not made yet reports against an empty one, and makes nothing
    fresh = dry_run and not Path(ctx.obj["db"]).exists()
    with TermBase(":memory:") if fresh else open_tb(ctx, create=True) as tb:
        try:
            with tb.transaction():
                for e in entries:
                    policy = on_conflict
                    if on_conflict == "ask":
                        policy = "keep"
                        if tb.conflicts(e):
                            current = tb.get(e.simplified)
                            click.echo(
                                f"{e.simplified}: ours {current.status.value} {current.preferred_english!r}, "
                                f"theirs {e.status.value} {e.preferred_english!r}"
                            )
                            policy = "overwrite" if click.confirm("overwrite?", default=False) else "keep"
                    counts[tb.put(e, who, policy)] += 1
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        for warning in tb.warnings:
            click.echo(f"warning: {warning}", err=True)
    prefix = "would import" if dry_run else "imported"
    click.echo(f"{prefix} {file}: {counts['added']} added, {counts['updated']} updated, {counts['skipped']} skipped")


class _DryRun(Exception):
    """Raised inside the import transaction to roll it back."""


def _decide(status: Status, verb: str) -> click.Command:
    @click.argument("terms", nargs=-1)
    @click.option(
        "--from",
        "from_file",
        type=click.File("r", encoding="utf-8"),
        help="Read terms or ids from a file, one per line.",
    )
    @click.option("--note", default="", help="Why (kept in the history).")
    @click.option("--dry-run", is_flag=True, help="Show what would change.")
    @by_option
    @click.pass_context
    def command(
        ctx: click.Context,
        terms: tuple[str, ...],
        from_file: Any,
        note: str,
        dry_run: bool,
        by: str | None,
        force: bool = False,
    ) -> None:
        items = list(terms) + ([t.strip() for t in from_file if t.strip()] if from_file else [])
        if not items:
            raise click.UsageError("name at least one term or id, or give --from FILE")
        who = reviewer(by)
        with open_tb(ctx) as tb, tb.transaction():  # all or nothing
            for t in items:
                problems = tb.check(t) if status == Status.APPROVED and force else []
                before, after = tb.set_status(t, status, who, note, dry_run=dry_run, force=force)
                click.echo(
                    f"{'would ' if dry_run else ''}{verb} {t}: {before.value} → {after.value}"
                    + (f" (forced past: {'; '.join(problems)})" if problems else "")
                )

    command.__doc__ = f"""Mark entries {status.value}.

    \b
    Example:
        glossary {verb} 氧化镝 镨钕 --note "checked against the standard"
    """
    if status == Status.APPROVED:  # the quality checks guard approval only
        command = click.option(
            "--force", is_flag=True, help="Approve even when quality checks find problems (logged)."
        )(command)
    return click.command(verb)(command)


for _status, _verb in [
    (Status.APPROVED, "approve"),
    (Status.REJECTED, "reject"),
    (Status.FORBIDDEN, "forbid"),
    (Status.DEPRECATED, "deprecate"),
    (Status.CANDIDATE, "reopen"),
]:
    cli.add_command(_decide(_status, _verb))


@cli.command()
@click.argument("term")
@click.option("--english", help="The preferred English (a former preferred one becomes a suggestion).")
@click.option("--admit", multiple=True, help="Admit an alternative English, new or suggested (repeatable).")
@click.option("--drop", multiple=True, help="Remove an English equivalent (repeatable).")
@click.option("--drop-variant", multiple=True, help="Remove a variant form (repeatable).")
@click.option("--traditional", help="The Traditional form.")
@click.option("--pinyin", help="The pinyin, tone marks, one syllable per Hanzi.")
@click.option("--note", help="A note for translators (kept with the entry).")
@by_option
@click.pass_context
def edit(
    ctx: click.Context,
    term: str,
    english: str | None,
    admit: tuple[str, ...],
    traditional: str | None,
    pinyin: str | None,
    note: str | None,
    drop: tuple[str, ...],
    drop_variant: tuple[str, ...],
    by: str | None,
) -> None:
    """Edit an entry's English, Traditional form, pinyin or note; re-mining keeps the edit.

    The history keeps the whole entry before and after; `glossary revert` puts it back.

    \b
    Example:
        glossary edit 价格下限 --english "price floor" --admit "floor price" --note "US usage"
        glossary edit 转向架 --drop "change direction rack"
    """
    if not any([english, admit, traditional, pinyin, note is not None, drop, drop_variant]):
        raise click.UsageError(
            "say what to change: --english, --admit, --drop, --drop-variant, --traditional, --pinyin or --note"
        )
    with open_tb(ctx) as tb:
        e = tb.edit(term, reviewer(by), english, admit, traditional, pinyin, note, drop, drop_variant)
    click.echo(render_entry(e))


@cli.command()
@click.argument("term")
@click.option("--note", default="", help="Why (kept in the history).")
@by_option
@click.pass_context
def delete(ctx: click.Context, term: str, note: str, by: str | None) -> None:
    """Remove an entry; its history keeps it whole. Mining may propose it again: `reject` keeps a term out.

    \b
    Example:
        glossary delete 分享收藏 --note "page chrome"
    """
    with open_tb(ctx) as tb:
        e = tb.delete(term, reviewer(by), note)
    click.echo(f"deleted {e.simplified} (id {e.id})")


@cli.command()
@click.argument("term")
@click.option("--note", default="", help="Why (kept in the history).")
@by_option
@click.pass_context
def revert(ctx: click.Context, term: str, note: str, by: str | None) -> None:
    """Undo an entry's last edit or import: the whole entry as the history kept it before.

    \b
    Example:
        glossary revert 氧化镝
    """
    with open_tb(ctx) as tb:
        e = tb.revert(term, reviewer(by), note)
    click.echo(render_entry(e))


@cli.command()
@click.argument("keep")
@click.argument("other")
@click.option("--note", default="", help="Why (kept in the history).")
@by_option
@click.pass_context
def merge(ctx: click.Context, keep: str, other: str, note: str, by: str | None) -> None:
    """Merge OTHER into KEEP: one concept, both forms kept (OTHER becomes a variant).

    \b
    Example:
        glossary merge 稀土磁体 稀土磁铁
    """
    with open_tb(ctx) as tb:
        e = tb.merge(keep, other, reviewer(by), note)
    click.echo(f"merged {other} into {keep}: variants {' | '.join(e.variants)}")


@cli.command()
@click.option("--limit", type=click.IntRange(1), help="Stop after this many entries.")
@by_option
@click.pass_context
def review(ctx: click.Context, limit: int | None, by: str | None) -> None:
    """Review candidates one by one in score order; resumes where you stopped.

    Keys: a approve, r reject, e edit the English, 1-9 pick that suggestion,
    s skip (until later), q quit.

    \b
    Example:
        glossary review --by ann
    """
    who = reviewer(by)
    with open_tb(ctx) as tb:
        try:
            done = _review_loop(tb, who, limit)
        finally:
            tb.release(who)
    if done is None:
        return
    click.echo(f"queue empty: {done} decision(s)")


def _review_loop(tb: TermBase, who: str, limit: int | None) -> int | None:
    """Decide entries until the queue is empty (the number decided) or the reviewer quits (None)."""
    done = shown = 0
    while limit is None or shown < limit:
        claimed = tb.claim_next(who)
        if claimed is None:
            return done
        shown += 1
        entry, rev = claimed
        cid = entry.id
        assert cid is not None  # a claimed entry comes from the term base
        while True:
            e = tb.get(cid)
            click.echo("\n" + render_entry(e))
            prompt = "[a]pprove [r]eject [e]dit [1-9] pick [s]kip [q]uit"
            key = click.prompt(prompt, default="s", show_default=False).strip().lower()
            if key == "q":
                click.echo(f"stopped after {done} decision(s); `glossary review` resumes here")
                return None
            try:
                outcome = _review_key(tb, cid, rev, who, key, e)
            except GlossaryError as err:  # someone else decided or changed it meanwhile: say so, go on
                click.echo(f"not decided: {err}")
                break
            if outcome == "decided":
                done += 1
            if outcome in ("decided", "next"):
                break
            rev = tb.revision(cid)  # our own edit is the revision we decide on
    return done


def _review_key(tb: TermBase, cid: int, rev: int, who: str, key: str, e: TermEntry) -> str:
    """Carry out one key of `review`: 'decided', 'next' (skipped) or 'again' (show the entry again)."""
    from .errors import CheckFailed

    if key == "s":
        tb.skip(cid, who)
        return "next"
    if key == "r":
        tb.set_status(cid, Status.REJECTED, who, revision=rev)
        return "decided"
    if key == "a":
        try:
            tb.set_status(cid, Status.APPROVED, who, revision=rev)
        except CheckFailed as err:
            click.echo(f"checks: {err}")
            if not click.confirm("approve anyway?", default=False):
                return "again"
            tb.set_status(cid, Status.APPROVED, who, force=True, revision=rev)
        return "decided"
    if key == "e":
        tb.edit(cid, who, english=click.prompt("English"))
    elif key.isdigit() and 1 <= int(key) <= len(e.english):
        tb.edit(cid, who, english=e.english[int(key) - 1].text)
    else:
        click.echo(f"unknown key {key!r}")
    return "again"


@cli.command()
@click.argument("target", type=click.Path(dir_okay=False))
@click.pass_context
def backup(ctx: click.Context, target: str) -> None:
    """Write a consistent copy of the term base, even while others are writing to it.

    \b
    Example:
        glossary backup backups/glossary-2026-11-22.db
    """
    with open_tb(ctx) as tb:
        tb.backup(target)
    click.echo(f"backed up {ctx.obj['db']} to {target}")


@cli.command()
@click.argument("term")
@click.pass_context
def history(ctx: click.Context, term: str) -> None:
    """Show who changed an entry, when, and why.

    \b
    Example:
        glossary history 氧化镝
    """
    with open_tb(ctx) as tb:
        rows = tb.history(term)
    click.echo(
        table(
            [[r["at"], r["by"], r["action"], *_changed(r["before"], r["after"]), r["note"]] for r in rows],
            ["at", "by", "action", "before", "after", "note"],
        )
    )


def _changed(before: str, after: str) -> tuple[str, str]:
    """What a history row changed: only the fields that differ when both sides are whole entries."""
    try:
        b, a = json.loads(before or "{}"), json.loads(after or "{}")
    except ValueError:
        return before, after
    if not (isinstance(b, dict) and isinstance(a, dict)) or not b or not a:
        return before, after
    keys = [k for k in dict.fromkeys([*b, *a]) if b.get(k) != a.get(k)]

    def show(d: dict[str, Any]) -> str:
        return json.dumps({k: d.get(k) for k in keys}, ensure_ascii=False)

    return show(b), show(a)


@cli.command()
@click.pass_context
def stats(ctx: click.Context) -> None:
    """Count entries by status.

    \b
    Example:
        glossary stats
    """
    with open_tb(ctx) as tb:
        counts = tb.stats()
    click.echo(table([[k, str(v)] for k, v in counts.items()], ["status", "entries"]))


@cli.group()
def tm() -> None:
    """Translation memory: sentence pairs in the term base file.

    \b
    Example:
        glossary tm import tests/data/tm_sample.tsv
        glossary tm find "串級萃取可以得到氧化鏑"
    """


@tm.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def tm_import(ctx: click.Context, file: str) -> None:
    """Import sentence pairs from TMX, or a CSV/TSV with zh and en columns (or source, target first).

    \b
    Example:
        glossary tm import tests/data/tm_sample.tsv
    """
    from .termbase.tm import add_units
    from .tm.io import read_pairs

    pairs = read_pairs(Path(file).read_bytes(), file)
    with open_tb(ctx, create=True) as tb:
        added, skipped = add_units(tb, pairs, origin=Path(file).name)
    click.echo(f"imported {file}: {added} added, {skipped} skipped")


@tm.command("export")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write (- for standard output)."
)
@click.pass_context
def tm_export(ctx: click.Context, output: str) -> None:
    """Export the translation memory as TMX 1.4b (sentence level).

    \b
    Example:
        glossary tm export -o exports/memory.tmx
    """
    from .formats import WriteOptions
    from .formats.tmx import write_sentences
    from .termbase.tm import units

    with open_tb(ctx) as tb:
        pairs = [(s, t) for _, s, t in units(tb)]
    _write_output(output, write_sentences(pairs, WriteOptions()))
    click.echo(f"wrote {len(pairs)} units to {_name(output)}", err=output == "-")


@tm.command("find")
@click.argument("sentence", required=False)
@click.option(
    "--file",
    "text_file",
    type=click.Path(exists=True, dir_okay=False),
    help="A Chinese text: split into sentences the way CAT tools do, each looked up.",
)
@click.option("--threshold", type=click.IntRange(1, 100), default=70, show_default=True, help="Lowest match %.")
@click.option("--limit", type=click.IntRange(1), default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def tm_find(
    ctx: click.Context, sentence: str | None, text_file: str | None, threshold: int, limit: int, as_json: bool
) -> None:
    """Earlier translations of similar sentences, with a match % and the differences.

    Matching is by character, after folding Traditional to Simplified, full-width forms and
    punctuation. Exit 1 when nothing reaches the threshold.

    \b
    Example:
        glossary tm find "串級萃取可以得到氧化鏑"
        glossary tm find --file chapter1.txt --json
    """
    from .normalise import split_sentences
    from .sources.text import decode_bytes
    from .termbase.tm import folded_sources, unit
    from .tm.fuzzy import FuzzyIndex, diff, fold

    if (sentence is None) == (text_file is None):
        raise click.UsageError(
            "give a SENTENCE or --file, not both" if sentence is not None else "give a SENTENCE or --file FILE"
        )
    if sentence is not None:
        queries = [sentence]
    else:
        assert text_file is not None  # one of the two, checked above
        queries = split_sentences(decode_bytes(Path(text_file).read_bytes(), text_file)[0])
    results: list[dict[str, Any]] = []
    with open_tb(ctx) as tb:
        index = FuzzyIndex(folded_sources(tb), folded=True, index_chars=len(queries) > 1)
        for q in queries:
            hits = index.search(q, threshold, limit)
            results.append(
                {
                    "query": q,
                    "matches": [
                        {
                            "match": round(h.score, 1),
                            "source": unit(tb, h.unit_id)[0],
                            "target": unit(tb, h.unit_id)[1],
                            "diff": diff(fold(q), h.folded),
                        }
                        for h in hits
                    ],
                }
            )
    if not any(r["matches"] for r in results):
        click.echo(f"no earlier translation at {threshold}% or more", err=True)
        ctx.exit(1)
    if as_json:
        click.echo(json.dumps(results[0]["matches"] if sentence else results, ensure_ascii=False, indent=1))
        return
    for r in results:
        if text_file:
            click.echo(f"» {r['query']}")
        for f in r["matches"]:
            click.echo(f"{f['match']:5.1f}%  {f['source']}\n        {f['target']}\n        diff: {f['diff']}")


@tm.command("concord")
@click.argument("phrase")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.pass_context
def tm_concord(ctx: click.Context, phrase: str, limit: int) -> None:
    """Every unit whose source (either script) or target holds PHRASE.

    \b
    Example:
        glossary tm concord 稀土
    """
    from .termbase.tm import concordance

    with open_tb(ctx) as tb:
        rows = concordance(tb, phrase, limit)
    if not rows:
        click.echo(f"no unit holds {phrase!r}", err=True)
        ctx.exit(1)
    for uid, s, t in rows:
        click.echo(f"{uid}\t{s}\t{t}")


@tm.command("extract")
@click.option(
    "--min-pairs", type=click.IntRange(1), default=2, show_default=True, help="A term must occur in this many units."
)
@by_option
@click.pass_context
def tm_extract(ctx: click.Context, min_pairs: int, by: str | None) -> None:
    """Propose English for candidates from the memory's sentence pairs (Dice co-occurrence).

    \b
    Example:
        glossary tm extract
    """
    from .models import Equivalent
    from .termbase.tm import units
    from .tm.extract import propose

    with open_tb(ctx) as tb:
        pairs = [(s, t) for _, s, t in units(tb)]
        terms = [e.simplified for e in tb.entries([Status.CANDIDATE])]
        proposals = propose(terms, pairs, min_pairs=min_pairs)
        for term, found in proposals.items():
            tb.edit_suggestions(term, [Equivalent(en, "tm", round(0.5 + 0.4 * d, 2)) for en, d in found], reviewer(by))
    for term, found in proposals.items():
        click.echo(f"{term}: " + " | ".join(f"{en} ({d:.2f})" for en, d in found))
    click.echo(f"proposed English for {len(proposals)} term(s) from {len(pairs)} unit(s)")


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def check(ctx: click.Context, file: str, as_json: bool) -> None:
    """Check a bilingual file (TMX, CSV/TSV) against the approved glossary.

    Reports every segment where an approved term occurs but none of its approved English does,
    and every use of a forbidden term. Exit 1 when there are problems.

    \b
    Example:
        glossary check translation.tsv
    """
    from .tm.check import check_pairs
    from .tm.io import read_pairs

    pairs = read_pairs(Path(file).read_bytes(), file)
    with open_tb(ctx) as tb:
        glossary = tb.entries([Status.APPROVED, Status.FORBIDDEN])
    problems = check_pairs(pairs, glossary)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "segment": p.segment,
                        "source": p.source,
                        "target": p.target,
                        "term": p.term,
                        "expected": p.expected,
                        "kind": p.kind,
                    }
                    for p in problems
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        for p in problems:
            click.echo(f"segment {p.segment}: {p.message}\n  {p.source}\n  {p.target}")
        click.echo(f"{len(problems)} problem(s) in {len(pairs)} segment(s)")
    if problems:
        ctx.exit(1)


def main() -> None:
    cli(prog_name="glossary")
