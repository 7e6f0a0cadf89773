"""Term bases as wholes (`db copy` between SQLite files and PostgreSQL databases), the resources glossary reads and
the termhood model it can fit on your own annotated texts (`train`)."""

from __future__ import annotations

from pathlib import Path

import click

from ..termbase import TermBase
from ..termbase.backend import is_postgres, redact
from ..termbase.copy import copy_termbase
from . import cli


@cli.group()
def db() -> None:
    """Whole term bases: copy one between a SQLite file and a PostgreSQL database.

    \b
    Example:
        glossary db copy terms/glossary.db postgresql://ann@db.example/terms
    """


@db.command("copy")
@click.argument("src")
@click.argument("dst")
def copy(src: str, dst: str) -> None:
    """Copy the whole term base SRC into the new, empty term base DST (a file or a postgresql:// URL).

    Everything goes: entries, English, evidence, history, the translation memory, accounts; all of it or, on
    any error, none of it.

    \b
    Example:
        glossary db copy terms/glossary.db postgresql://ann@db.example/terms
        glossary db copy postgresql://ann@db.example/terms backups/terms.db
    """
    new_file = not is_postgres(dst) and not Path(dst).exists()
    try:
        with TermBase(src, create=False) as a, TermBase(dst) as b:
            counts = copy_termbase(a, b)
    except BaseException:
        if new_file:  # a failed copy leaves no half-made file behind
            for suffix in ("", "-wal", "-shm"):
                Path(dst + suffix).unlink(missing_ok=True)
        raise
    click.echo(
        f"copied {redact(src)} to {redact(dst)}: {counts['concepts']} entries, {counts['log']} history rows, "
        f"{counts['tm_units']} memory units"
    )


@cli.command("resources")
@click.option("--quick", is_flag=True, help="Do not load the resources to count their entries.")
def resources_command(quick: bool) -> None:
    """List the dictionaries, lists and models glossary reads: version, licence, entries, where; and what is absent.

    \b
    Example:
        glossary resources
    """
    from ..resources import resources

    for r in resources(count=not quick):
        size = f"{r.entries:,} {r.unit}" if r.entries else ""
        state = r.where if r.present else f"ABSENT: {r.remedy}"
        click.echo(f"{r.name:24} {r.version:22} {r.licence:32} {size:18} {state}")
        click.echo(f"{'':24} {r.use}")


@cli.command("train")
@click.argument("folders", nargs=-1, required=True, type=click.Path(file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The model file to write.")
def train_command(folders: tuple[str, ...], output: str) -> None:
    """Fit a termhood model on annotated FOLDERS of your own field(s): each holds texts (.txt, .md, .rst, .html,
    .pdf, .docx, .odt, .pptx, .xlsx, .epub, .srt) and a gold.tsv of their terms (docs/mining.md). With two
    folders or more, each is also scored by a model fitted on the others, and that decides the output size. Needs
    scikit-learn (pip install 'glossary[train]').

    \b
    Example:
        glossary train corpora/rail corpora/shipping -o my_termhood.json
        GLOSSARY_TERMHOOD_MODEL=my_termhood.json glossary mine texts/
    """
    from ..mining.training import save, train

    trained = train(folders)
    if trained.loo:
        for name, s in trained.loo.scores.items():
            click.echo(
                f"left out {name}: must recall {s.must_recall:.3f}, precision {s.precision:.3f}, "
                f"P@100 {s.p_at_100:.3f}, {s.size} terms"
            )
    else:
        click.echo("one folder: nothing to leave out, the shipped model's output threshold is kept")
    save(trained.model, output)  # (whole or not at all)
    threshold = trained.model["size"]["threshold"]
    click.echo(
        f"wrote {output} (threshold {threshold}); use it with GLOSSARY_TERMHOOD_MODEL={output} glossary mine DIR"
    )
