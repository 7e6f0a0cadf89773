"""The translation memory commands (`glossary tm …`) and the terminology check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..models import Status
from . import (
    Term,
    _name,
    _write_output,
    by_option,
    cli,
    open_tb,
    reviewer,
)


@cli.group()
def tm() -> None:
    """Translation memory: sentence pairs in the term base file.

    \b
    Example:
        glossary tm import tests/data/tm_sample.tsv
        glossary tm find "膜過濾可以得到大豆蛋白"
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
    from ..termbase.tm import add_units
    from ..tm.io import read_pairs

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
    from ..formats import WriteOptions
    from ..formats.tmx import write_sentences
    from ..termbase.tm import units

    if output != "-" and not output.lower().endswith(".tmx"):
        # (a memory under another name, g.csv or g.docx, is TMX that the tools that open such files refuse)
        raise click.BadParameter("the memory is written as TMX; name the file .tmx", param_hint="-o")
    with open_tb(ctx) as tb:
        pairs = [(s, t) for _, s, t in units(tb)]
    _write_output(output, write_sentences(pairs, WriteOptions()))
    click.echo(f"wrote {len(pairs)} units to {_name(output)}", err=output == "-")


@tm.command("find")
@click.argument("sentence", required=False, type=Term("a Chinese sentence (or --file with a text)"))
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
        glossary tm find "膜過濾可以得到大豆蛋白"
        glossary tm find --file chapter1.txt --json
    """
    from ..normalise import split_sentences
    from ..sources.text import decode_bytes
    from ..termbase.tm import folded_sources, unit
    from ..tm.fuzzy import FuzzyIndex, diff, fold

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
@click.argument("phrase", type=Term("a phrase, Chinese (either script) or English"))
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.pass_context
def tm_concord(ctx: click.Context, phrase: str, limit: int) -> None:
    """Every unit whose source (either script) or target holds PHRASE.

    \b
    Example:
        glossary tm concord 大豆
    """
    from ..termbase.tm import concordance

    with open_tb(ctx) as tb:
        rows = concordance(tb, phrase, limit)
    if not rows:
        click.echo(f"no unit holds {phrase!r}", err=True)
        ctx.exit(1)
    for uid, s, t in rows:
        click.echo(f"{uid}\t{s}\t{t}")


@tm.command("extract")
@click.option(
    "--min-pairs", type=click.IntRange(1), default=1, show_default=True, help="A term must occur in this many units."
)
@by_option
@click.pass_context
def tm_extract(ctx: click.Context, min_pairs: int, by: str | None) -> None:
    """Find each candidate's English in the memory's sentence pairs (the span its parts' senses, a word aligner
    and the statistics point to); a rendering with strong evidence goes before the dictionary's and composed
    suggestions.

    \b
    Example:
        glossary tm extract
    """
    from ..termbase.tm import english_from_memory, units

    with open_tb(ctx) as tb:
        n_units = len(units(tb))
        proposals = english_from_memory(tb, by=reviewer(by), min_pairs=min_pairs)
    for term, found in proposals.items():
        click.echo(f"{term}: " + " | ".join(f"{en} ({c:.2f})" for en, c in found))
    click.echo(f"English from the memory for {len(proposals)} term(s), from {n_units} unit(s)")


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
    from ..tm.check import check_pairs
    from ..tm.io import read_pairs

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
