"""Reviewers' commands: the decisions, edit, delete, revert, merge, review, history, stats, backup."""

from __future__ import annotations

import json
from typing import Any

import click

from ..errors import GlossaryError
from ..models import Status, TermEntry
from ..termbase import TermBase
from ..termbase.undo import changes
from . import (
    TERM,
    by_option,
    cli,
    note_option,
    open_tb,
    render_entry,
    reviewer,
    table,
)


def _decide(status: Status, verb: str) -> click.Command:
    @click.argument("terms", nargs=-1, type=TERM)
    @click.option(
        "--from",
        "from_file",
        type=click.File("r", encoding="utf-8"),
        help="Read terms or ids from a file, one per line.",
    )
    @note_option
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
@click.argument("term", type=TERM)
@click.option("--english", help="The preferred English (a former preferred one becomes a suggestion).")
@click.option("--admit", multiple=True, help="Admit an alternative English, new or suggested (repeatable).")
@click.option(
    "--drop",
    multiple=True,
    help="Remove an English equivalent (repeatable); mining and the memory do not suggest it again.",
)
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
        glossary edit 擀面杖 --english "rolling pin" --admit "pastry roller" --note "kitchen usage"
        glossary edit 擀面杖 --drop "roll noodle stick"
    """
    if not any([english, admit, traditional, pinyin, note is not None, drop, drop_variant]):
        raise click.UsageError(
            "say what to change: --english, --admit, --drop, --drop-variant, --traditional, --pinyin or --note"
        )
    with open_tb(ctx) as tb:
        e = tb.edit(term, reviewer(by), english, admit, traditional, pinyin, note, drop, drop_variant)
    click.echo(render_entry(e))


@cli.command()
@click.argument("term", type=TERM)
@note_option
@by_option
@click.pass_context
def delete(ctx: click.Context, term: str, note: str, by: str | None) -> None:
    """Remove an entry; its history keeps it whole, under its name (`history` shows it, `revert` brings it
    back). Mining may propose it again: `reject` keeps a term out.

    \b
    Example:
        glossary delete 分享收藏 --note "page chrome"
    """
    with open_tb(ctx) as tb:
        e = tb.delete(term, reviewer(by), note)
    click.echo(f"deleted {e.simplified} (id {e.id})")


@cli.command()
@click.argument("term", type=TERM)
@note_option
@by_option
@click.pass_context
def revert(ctx: click.Context, term: str, note: str, by: str | None) -> None:
    """Undo an entry's last edit or import: the whole entry as the history kept it before; a deleted entry's
    delete: the entry back, its English and evidence with it.

    \b
    Example:
        glossary revert 氧化镝
    """
    with open_tb(ctx) as tb:
        e = tb.revert(term, reviewer(by), note)
    click.echo(render_entry(e))


@cli.command()
@click.argument("keep", type=TERM)
@click.argument("other", type=TERM)
@note_option
@by_option
@click.pass_context
def merge(ctx: click.Context, keep: str, other: str, note: str, by: str | None) -> None:
    """Merge OTHER into KEEP: one concept, both forms kept (OTHER becomes a variant).

    \b
    Example:
        glossary merge 大豆油 豆油
    """
    if keep == other:  # (the same name typed twice is the command line's mistake, not the term base's)
        raise click.UsageError(
            f"KEEP and OTHER are both {keep!r}; name the entry to keep, then the one to merge into it"
        )
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
    from ..errors import CheckFailed

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
        # (an empty answer goes back to the keys: a reviewer who pressed e by mistake was asked again and again, and
        # the key typed next to get out, "r", became the entry's English)
        english = click.prompt("English (empty: back)", default="", show_default=False).strip()
        if english:
            tb.edit(cid, who, english=english)
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
    click.echo(f"backed up {ctx.obj['name']} to {target}")


@cli.command()
@click.argument("term", type=TERM)
@click.pass_context
def history(ctx: click.Context, term: str) -> None:
    """Show who changed an entry, when, and why (a deleted entry's history too, by its name).

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
    """What a history row changed: only the fields that differ (what a merge, a delete or an undo keeps only for
    undoing is left out); an empty side, as a new or a deleted entry has, stays empty."""
    found = changes(before, after)
    if found is None:
        return before, after

    def shown(side: str, values: dict[str, object]) -> str:
        return side if side in ("", "{}") else json.dumps(values, ensure_ascii=False)

    return shown(before, {k: b for k, b, _ in found}), shown(after, {k: a for k, _, a in found})


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
