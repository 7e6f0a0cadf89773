"""The browser workspace and its accounts: serve, user add/remove/list."""

from __future__ import annotations

import gc
import os
import socket
import sys

import click

from ..errors import InvalidEdit
from ..termbase.users import add_user, check_name, remove_user, users
from . import cli, open_tb, reviewer

# (the web application, Starlette and uvicorn are imported by `serve` alone: every other command starts faster)


@cli.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to serve on; beyond 127.0.0.1 needs --login."
)
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--login", is_flag=True, help="Ask reviewers to log in (accounts: `glossary user add NAME`).")
@click.option("--by", help="Reviewer name recorded without --login (default: $GLOSSARY_REVIEWER, else git user.name).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, login: bool, by: str | None) -> None:
    """Review in the browser: the queue, entries, decisions, import and export, on http://HOST:PORT/.

    \b
    Example:
        glossary serve
        glossary serve --host 0.0.0.0 --login
    """
    import uvicorn

    from ..web import create_app
    from ..web.app import LOOPBACK

    if host not in LOOPBACK and not login:
        raise click.UsageError("serving beyond this machine needs reviewer accounts: add --login")
    with open_tb(ctx) as tb:  # a missing term base is an error here, before the server starts
        if login and not users(tb):
            raise click.UsageError("no reviewer accounts yet; add one with `glossary user add NAME`")
    app = create_app(ctx.obj["db"], reviewer=reviewer(by), login=login, host=host)
    # the address is taken here, so that one in use is said in a line that says what to do (the server would
    # have said it was serving, then logged the error and exited 3), and --port 0 prints the port it was given
    try:
        sock = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)
    except OSError as e:
        why = os.strerror(e.errno) if e.errno else str(e)
        raise click.ClickException(f"cannot serve on {host}:{port}: {why}; choose another --port") from None
    gc.enable()  # (off for commands that finish, see main: a server runs until stopped and must free cycles)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"serving {ctx.obj['name']} on http://{shown}:{sock.getsockname()[1]}/ (Ctrl-C stops)", err=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])


@cli.group()
def user() -> None:
    """Reviewer accounts for `glossary serve --login`.

    \b
    Example:
        glossary user add ann
        glossary user list
    """


def _reviewer_name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """The name, refused before the password is asked for (it was asked for twice, then the name refused)."""
    try:
        check_name(value)
    except InvalidEdit as e:
        raise click.BadParameter(str(e)) from None
    return value


@user.command("add")
@click.argument("name", callback=_reviewer_name)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@click.pass_context
def user_add(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """Add a reviewer account, or set a new password for one.

    \b
    Example:
        glossary user add ann
        printf 'correct horse battery\\n' | glossary user add ann --password-stdin
    """
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("password", hide_input=True, confirmation_prompt=True)
    with open_tb(ctx, create=True) as tb:
        add_user(tb, name, password)
    click.echo(f"reviewer {name} can log in")


@user.command("remove")
@click.argument("name")
@click.pass_context
def user_remove(ctx: click.Context, name: str) -> None:
    """Remove a reviewer account (their decisions stay in the history).

    \b
    Example:
        glossary user remove ann
    """
    with open_tb(ctx) as tb:
        remove_user(tb, name)
    click.echo(f"removed {name}")


@user.command("list")
@click.pass_context
def user_list(ctx: click.Context) -> None:
    """List reviewer accounts.

    \b
    Example:
        glossary user list
    """
    with open_tb(ctx) as tb:
        for name in users(tb):
            click.echo(name)
