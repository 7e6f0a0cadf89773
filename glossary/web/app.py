"""The workspace's application: the term base it serves, who is deciding, and the rules every request passes —
a login when it is served beyond this machine, a CSRF token on every write, an upload limit, trusted hosts.

The handlers (:mod:`glossary.web.routes`) only adapt the library, as the CLI does.

>>> from starlette.testclient import TestClient
>>> import tempfile, os
>>> from glossary.termbase import TermBase
>>> db = os.path.join(tempfile.mkdtemp(), "t.db")
>>> TermBase(db).close()
>>> with TestClient(create_app(db, reviewer="ann")) as client:
...     client.get("/").status_code, client.post("/undo").status_code
(200, 403)
"""

from __future__ import annotations

import hmac
import secrets
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..models import RELIABLE_ENGLISH
from ..termbase import TermBase

HERE = Path(__file__).parent
#: the largest upload (an import) the workspace reads, in bytes
UPLOAD_LIMIT = 20 * 1024 * 1024
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class Workspace:
    """What every request shares: the term base, the reviewer (when no login is asked), the rules."""

    db: str
    reviewer: str = ""
    login: bool = False
    upload_limit: int = UPLOAD_LIMIT
    #: imports read and reported (dry run), waiting for the reviewer's go:
    #: token -> (user, file name, format, bytes, conflict policy, time.monotonic() of the upload)
    pending: dict[str, tuple[str, str, str, bytes, str, float]] = field(default_factory=dict)
    _local: threading.local = field(default_factory=threading.local)

    def tb(self) -> TermBase:
        """This thread's connection to the term base (SQLite connections stay in the thread that made them)."""
        tb = getattr(self._local, "tb", None)
        if tb is None:
            tb = self._local.tb = TermBase(self.db, create=False)
        return tb


def user(request: Request) -> str:
    """Who is deciding: the logged-in reviewer, or the workspace's reviewer when no login is asked."""
    ws: Workspace = request.app.state.ws
    if ws.login:
        return str(request.session.get("user", ""))
    return ws.reviewer


def csrf_token(request: Request) -> str:
    """The session's CSRF token (made on first use); every form and fetch sends it back."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


async def form_of(request: Request) -> FormData:
    """The request's form: as the CSRF check parsed it, else parsed now (up to the upload limit)."""
    parsed = request.scope.get("state", {}).get("form")
    if isinstance(parsed, FormData):
        return parsed
    return await request.form(max_part_size=request.app.state.ws.upload_limit)


def wants_json(request: Request) -> bool:
    """True for the page's own fetch() calls, which want JSON instead of a redirect."""
    return request.headers.get("x-requested-with") == "fetch"


class Guard:
    """Refuses what must never reach a handler: a write without the session's CSRF token, anything but the
    login page without a login when one is asked, an upload over the limit or of unknown length."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        ws: Workspace = scope["app"].state.ws
        refusal = self.refuse(request, ws)
        if refusal is None and request.method == "POST":
            # the body is read here once (its length is checked above) and replayed to the handler
            body = await request.body()
            sent = False

            async def replay() -> dict[str, Any]:
                nonlocal sent
                if sent:
                    return dict(await receive())
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}

            refusal = await self.check_csrf(Request(scope, replay))
            sent = False
            receive = replay
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def refuse(self, request: Request, ws: Workspace) -> Response | None:
        path = request.url.path
        if ws.login and not request.session.get("user") and path != "/login" and not path.startswith("/static/"):
            if request.method != "GET":
                return _error(request, "log in first", 403)
            return RedirectResponse("/login", status_code=303)
        if request.method == "POST":
            size = request.headers.get("content-length")
            if size is None or not size.isdigit():
                return _error(request, "send the length of the request (Content-Length)", 411)
            if int(size) > ws.upload_limit:
                mb = ws.upload_limit // (1024 * 1024)
                return _error(request, f"the upload is over {mb} MB; split the file or import it with the CLI", 413)
        return None

    async def check_csrf(self, request: Request) -> Response | None:
        expected = request.session.get("csrf", "")
        given = request.headers.get("x-csrf-token", "")
        if not given and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            form = await request.form(max_part_size=request.app.state.ws.upload_limit)
            given = str(form.get("csrf", ""))
            request.scope.setdefault("state", {})["form"] = form  # the handler takes it, not parsing it again
        if not expected or not hmac.compare_digest(str(expected), given):
            return _error(request, "the form is out of date (CSRF check); reload the page and try again", 403)
        return None


def _error(request: Request, message: str, status: int) -> Response:
    if wants_json(request) or request.method != "GET":
        return JSONResponse({"ok": False, "error": message}, status_code=status)
    return Response(message, status_code=status, media_type="text/plain; charset=utf-8")


class Headers:
    """Security headers on every response: no inline script, no framing, no sniffing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    db: str,
    reviewer: str = "",
    login: bool = False,
    host: str = "127.0.0.1",
    upload_limit: int = UPLOAD_LIMIT,
    secret: str | None = None,
) -> Starlette:
    """The workspace over term base ``db``.

    :param reviewer: the name decisions are recorded under when no login is asked.
    :param login: ask reviewers to log in (accounts from ``glossary user add``); required off loopback.
    :param host: the address served, which requests must name (a page elsewhere cannot reach us by a DNS trick).
    :param secret: signs the session cookie; a new random one by default (sessions end when the server does).
    """
    from .routes import routes

    ws = Workspace(db, reviewer, login, upload_limit)
    hosts = sorted({*LOOPBACK, host, "testserver"}) if host in LOOPBACK else ["*"]
    app = Starlette(
        routes=[*routes(), _static()],
        middleware=[
            Middleware(Headers),
            Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
            Middleware(
                SessionMiddleware,
                secret_key=secret or secrets.token_urlsafe(32),
                session_cookie="glossary_session",
                same_site="strict",
                https_only=False,
            ),
            Middleware(Guard),
        ],
    )
    app.state.ws = ws
    app.state.templates = templates()
    return app


def _static() -> Any:
    from starlette.routing import Mount

    return Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static")


def templates() -> Jinja2Templates:
    """The page templates, shipped in the package, with autoescaping on (a term is always shown as text)."""
    import jinja2

    from . import render

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
    env.filters.update(render.FILTERS)
    env.globals["reliable"] = RELIABLE_ENGLISH
    return Jinja2Templates(env=env)


Handler = Callable[[Request], Awaitable[Response]]
