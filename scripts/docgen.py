"""Console examples and the command reference, written by the real tool (run through cog by `make docs`).

README.md and docs/cli.md hold ``[[[cog …]]]`` blocks that call these functions; `make lint` runs
``cog --check`` so a change in the tool's output that the docs do not show fails CI.

A session copies ``seeds/`` and ``tests/data/tm_sample.tsv`` into a fresh folder and runs every command there,
so the examples start from an empty term base (``terms/glossary.db`` in that folder) whatever the checkout holds.
"""

from __future__ import annotations

import atexit
import os
import shlex
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from click.testing import CliRunner

from glossary.cli import cli

ROOT = Path(__file__).resolve().parent.parent
_SESSION: Path | None = None


@contextmanager
def _in(folder: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


def _session() -> Path:
    """The folder every example of this cog run works in (created on first use)."""
    global _SESSION
    if _SESSION is None:
        _SESSION = Path(tempfile.mkdtemp(prefix="glossary-docs-"))
        # (every `make lint` and `make docs` makes one: a copy of the seeds and a term base, left in /tmp before)
        atexit.register(shutil.rmtree, _SESSION, ignore_errors=True)
        shutil.copytree(ROOT / "seeds", _SESSION / "seeds")
        (_SESSION / "tests" / "data").mkdir(parents=True)
        shutil.copy(ROOT / "tests" / "data" / "tm_sample.tsv", _SESSION / "tests" / "data")
    return _SESSION


def console(*commands: str) -> str:
    """A ```console block: each ``glossary …`` command as typed, then what the tool printed."""
    from glossary import cache

    cache.on_build = lambda: None  # (a fresh cache's one-time notice is no part of what a command prints)
    runner = CliRunner()
    out = ["```console"]
    env = {"GLOSSARY_REVIEWER": "ann", "GLOSSARY_DB": None, "COLUMNS": "120"}
    with _in(_session()):
        for line in commands:
            args = shlex.split(line)
            assert args[0] == "glossary", line
            result = runner.invoke(cli, args[1:], env=env, catch_exceptions=False)
            out.append(f"$ .venv/bin/{line}")
            out.extend(result.output.rstrip("\n").split("\n") if result.output.strip() else [])
    out.append("```")
    return "\n".join(out)


def reference() -> str:
    """Every command's ``--help``, in the order ``glossary --help`` lists them, groups with their subcommands."""
    out: list[str] = []

    def walk(cmd: click.Command, path: list[str]) -> None:
        ctx = click.Context(cmd, info_name=" ".join(path), terminal_width=110, max_content_width=110)
        out.extend([f"{'#' * min(len(path) + 1, 4)} `{' '.join(path)}`", "", "```text", cmd.get_help(ctx), "```", ""])
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    walk(sub, [*path, name])

    walk(cli, ["glossary"])
    return "\n".join(out).rstrip("\n")


def _examples(cmd: click.Command) -> list[str]:
    text = (cmd.help or "").split("Example")[-1]
    return [line.strip() for line in text.splitlines() if line.strip().startswith("glossary ")]


def command_table() -> str:
    """A Markdown table of every command: name, its first example, and its one-line help."""
    ctx = click.Context(cli)
    rows = ["| command | example | what it does |", "|---|---|---|"]

    def row(name: str, cmd: click.Command) -> None:
        example = _examples(cmd)[:1]
        cell = f"`{example[0]}`" if example else ""
        what = cmd.get_short_help_str(200).replace("|", "\\|")
        rows.append(f"| `{name}` | {cell} | {what} |")

    for name in cli.list_commands(ctx):
        cmd = cli.get_command(ctx, name)
        if cmd is None or cmd.hidden:
            continue
        if isinstance(cmd, click.Group):
            for sub_name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, sub_name)
                if sub is not None and not sub.hidden:
                    row(f"{name} {sub_name}", sub)
        else:
            row(name, cmd)
    return "\n".join(rows)
