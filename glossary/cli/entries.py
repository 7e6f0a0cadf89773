"""Commands that fill the term base and read it: mine, list, show, find, export, import."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import GlossaryError, UnknownFormat
from ..models import Status, TermEntry
from ..sources import FORMATS, readable
from ..termbase import TermBase
from ..termbase.backend import is_postgres
from . import (
    HEADER,
    TERM,
    _name,
    _row,
    _write_output,
    by_option,
    cli,
    open_tb,
    render_entry,
    reviewer,
    statuses_option,
    table,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..formats.base import Format


#: more files than this of formats glossary does not read are said in one line, not one each
UNREAD_SHOWN = 5


def skipped_lines(skipped: list[tuple[str, str]]) -> list[str]:
    """What to say of the files a mine skipped: each reason, but the files of formats no reader reads, when more
    than :data:`UNREAD_SHOWN`, in one line by their suffixes (a TeX tree's 5,196 font metrics were 5,196 lines).

    >>> said = skipped_lines([("a.pdf", "a.pdf: a PDF without text; skipped")] + [(f"{i}.tfm", "…") for i in range(6)])
    >>> said[0], said[1].split(";")[0]
    ('a.pdf: a PDF without text; skipped', '6 files in a format glossary does not read (6 .tfm)')
    """
    unread = [Path(path) for path, _ in skipped if not readable(Path(path))]
    if len(unread) <= UNREAD_SHOWN:
        return [reason for _, reason in skipped]
    suffixes = Counter(path.suffix.lower() or "no suffix" for path in unread)
    kinds = [f"{n:,} {suffix}" for suffix, n in suffixes.most_common(5)]
    more = f" and {len(suffixes) - 5} more kinds" if len(suffixes) > 5 else ""
    left = set(unread)
    return [reason for path, reason in skipped if Path(path) not in left] + [
        f"{len(unread):,} files in a format glossary does not read ({', '.join(kinds)}{more}); it reads {FORMATS}"
    ]


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--encoding", help="Force an input encoding (utf-8, gb18030, big5); default: detect.")
@click.option("--limit", type=click.IntRange(1), help="Keep this many candidates (default: scales with input).")
@by_option
@click.pass_context
def mine(ctx: click.Context, paths: tuple[str, ...], encoding: str | None, limit: int | None, by: str | None) -> None:
    """Mine term candidates from .txt, .md, .rst, .html, .pdf, .docx, .odt, .pptx, .xlsx, .epub and .srt
    files and folders into the term base (markup and code left out). A folder's README, LICENSE or CHANGELOG
    describes its texts and is skipped; name such a file to mine it.

    \b
    Example:
        glossary mine seeds/
    """
    from ..pipeline import collect, stage

    if sys.stderr.isatty():  # a bar on a terminal, nothing when piped
        with click.progressbar(length=1, label="mining", file=sys.stderr) as bar:

            def progress(done: int, total: int) -> None:
                bar.length = total
                bar.update(done - bar.pos)  # (a worker's share of the documents is reported at once)

            mined = collect(paths, encoding, limit, progress)
    else:
        mined = collect(paths, encoding, limit)
    # the term base is opened only once the sources were read: a bad path leaves it untouched
    with open_tb(ctx, create=True) as tb:
        report = stage(mined, tb, reviewer(by))
    for line in skipped_lines(report.skipped):
        click.echo(f"skipped: {line}", err=True)
    # (a term that is a form of another concept, 智慧 of 智能 in Taiwan's usage, joins it: no reviewer kept it)
    joined = f", {report.joined} joined the entry they are a form of" if report.joined else ""
    click.echo(
        f"mined {report.files} file(s): {report.terms} terms ({report.added} new, {report.updated} updated, "
        f"{report.kept} reviewed kept{joined}) into {ctx.obj['name']}"
    )
    if report.from_memory:
        click.echo(f"English from the translation memory for {report.from_memory} term(s)")


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
@click.argument("term", type=TERM)
@click.pass_context
def show(ctx: click.Context, term: str) -> None:
    """Show one entry with all its forms, English suggestions and evidence.

    \b
    Example:
        glossary show 氧化镝
    """
    from ..termbase.tm import memory_evidence

    with open_tb(ctx) as tb:
        e = tb.get(term)
        memory = memory_evidence(tb, term) if any(q.source == "tm" for q in e.english) else {}
    click.echo(render_entry(e, memory))


@cli.command()
@click.argument("query", type=TERM)
@statuses_option()
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv"]), default="table", show_default=True)
@click.pass_context
def find(ctx: click.Context, query: str, statuses: tuple[str, ...], limit: int, as_json: bool, fmt: str) -> None:
    """Look a term up by Hanzi (either script), pinyin, English, or part of a term.

    The dot of a foreign name may be typed as any of those written for it (·, ‧, ・).
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
    from ..formats import WriteOptions
    from ..formats.base import select_english
    from ..formats.langs import Langs
    from ..formats.omegat import OMEGAT_NAMES

    if output == "-" and not fmt:
        raise click.UsageError("with -o - (standard output) say which format: --format csv|tmx|tbx|omegat")
    if fmt == "omegat" and output != "-" and not output.lower().endswith(OMEGAT_NAMES):
        raise click.BadParameter(
            f"OmegaT loads a glossary only from a {', '.join(OMEGAT_NAMES)} file; name the file .utf8", param_hint="-o"
        )
    langs = Langs(lang_style, source_lang, None, target_lang)
    try:
        _ = langs.codes  # checked now, a usage error, rather than when the file is half written
    except GlossaryError as e:
        raise click.BadParameter(str(e), param_hint="--source-lang/--target-lang") from None
    format_ = _format(fmt, output)
    wanted = [Status(s) for s in statuses] or [Status.APPROVED, Status.FORBIDDEN]
    with open_tb(ctx) as tb:
        entries = select_english(tb.entries(wanted), english_mode)
    options = WriteOptions(
        langs=langs, traditional=traditional, tbx_version=int(tbx_version), excel=excel, csv_style=csv_style
    )
    _write_output(output, format_.write(entries, options))
    click.echo(f"wrote {len(entries)} entries to {_name(output)} ({format_.name})", err=output == "-")


def _format(name: str | None, path: str, header_map: dict[str, str] | None = None) -> Format:
    """The format named, or the one ``path``'s extension says; a name or an extension no format has is a usage
    error (exit 2: the command line must change, not the file)."""
    from ..formats import get_format

    try:
        return get_format(name, path, header_map)
    except UnknownFormat as e:
        raise click.UsageError(str(e)) from None


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
    header_map = None
    if mapping:
        try:
            header_map = dict(part.split("=", 1) for part in mapping.split(","))
        except ValueError:
            raise click.BadParameter('write it as "TheirColumn=zh-CN,Other=en-US"', param_hint="--map") from None
    format_ = _format(fmt, file, header_map)
    data = Path(file).read_bytes()
    if encoding:
        if format_.name in ("tmx", "tbx"):
            raise click.UsageError("TMX and TBX files declare their own encoding; leave --encoding out")
        try:
            data = data.decode(encoding).encode("utf-8")
        except (UnicodeDecodeError, LookupError) as err:
            raise GlossaryError(f"{file}: cannot decode as {encoding} ({err}); try another --encoding") from None
    entries = format_.read(data, file)
    who = reviewer(by)

    def ask(ours: TermEntry, theirs: TermEntry) -> bool:
        click.echo(
            f"{theirs.simplified}: ours {ours.status.value} {ours.preferred_english!r}, "
            f"theirs {theirs.status.value} {theirs.preferred_english!r}"
        )
        return click.confirm("overwrite?", default=False)

    # a dry run against a term base not made yet reports against an empty one, and makes nothing
    fresh = dry_run and not is_postgres(ctx.obj["db"]) and not Path(ctx.obj["db"]).exists()
    with TermBase(":memory:") if fresh else open_tb(ctx, create=True) as tb:
        counts = tb.import_entries(entries, who, on_conflict, dry_run, ask)
        for warning in tb.warnings:
            click.echo(f"warning: {warning}", err=True)
    prefix = "would import" if dry_run else "imported"
    click.echo(f"{prefix} {file}: {counts['added']} added, {counts['updated']} updated, {counts['skipped']} skipped")
