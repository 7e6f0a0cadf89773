"""The workspace's pages and actions. Each handler reads the request, calls the library (in a worker thread:
SQLite waits must not stall the server), and renders or answers; the rules are in :mod:`glossary.web.app`."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import CheckFailed, GlossaryError, StaleEntry, TermNotFound
from ..models import Status
from ..termbase.browse import SORTS, Filter
from . import render
from .app import Workspace, csrf_token, form_of, user, wants_json

T = TypeVar("T")
DECISIONS = {
    "approve": Status.APPROVED,
    "reject": Status.REJECTED,
    "forbid": Status.FORBIDDEN,
    "deprecate": Status.DEPRECATED,
    "reopen": Status.CANDIDATE,
}
#: how long a dry-run import waits for the reviewer's go, and how many may wait at once
PENDING_SECONDS, PENDING_MAX = 15 * 60, 8


def _ws(request: Request) -> Workspace:
    ws: Workspace = request.app.state.ws
    return ws


async def _call(request: Request, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
    ws = _ws(request)
    return await run_in_threadpool(lambda: fn(ws.tb(), *args, **kw))


def _page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    flash = request.session.pop("flash", None)
    context.update(request=request, csrf=csrf_token(request), user=user(request), flash=flash, ws=_ws(request))
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def _next(form: FormData, default: str = "/") -> str:
    """Where a form goes back to: a path of ours only (never another site)."""
    target = str(form.get("next", "") or default)
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else default


def _done(request: Request, form: FormData, message: str, **extra: Any) -> Response:
    if wants_json(request):
        return JSONResponse({"ok": True, "message": message, **extra})
    request.session["flash"] = {"ok": True, "text": message}
    return RedirectResponse(_next(form), status_code=303)


def _failed(request: Request, form: FormData, err: GlossaryError) -> Response:
    status = 409 if isinstance(err, StaleEntry) else 404 if isinstance(err, TermNotFound) else 422
    body = {"ok": False, "error": str(err), "force": isinstance(err, CheckFailed)}
    if wants_json(request):
        return JSONResponse(body, status_code=status)
    request.session["flash"] = {"ok": False, "text": str(err), "force": body["force"]}
    return RedirectResponse(_next(form), status_code=303)


def _revision(form: FormData, key: str = "revision") -> int | None:
    value = str(form.get(key, ""))
    return int(value) if value.isdigit() else None


# ------------------------------------------------------------------ pages
def parse_filter(params: Any) -> Filter:
    """The queue's filter from the query string; bad numbers are a usage error."""
    statuses = params.getlist("status")
    wanted = tuple(Status(s) for s in statuses if s in {x.value for x in Status})
    if not statuses:
        wanted = (Status.CANDIDATE,)

    def number(key: str) -> float | None:
        raw = params.get(key, "").strip()
        if not raw:
            return None
        try:
            return float(raw)
        except ValueError:
            raise ValueError(f"{key} must be a number, not {raw!r}") from None

    page = params.get("page", "1")
    f = Filter(
        statuses=wanted,
        file=params.get("file", ""),
        source=params.get("source", ""),
        missing_english=params.get("missing") == "1",
        min_score=number("min"),
        max_score=number("max"),
        query=params.get("q", "")[:200],
        sort=params.get("sort", "score") if params.get("sort") in SORTS else "score",
    )
    return f.page(int(page) if page.isdigit() else 1)


async def queue(request: Request) -> Response:
    try:
        f = parse_filter(request.query_params)
    except ValueError as e:
        return Response(str(e), status_code=400, media_type="text/plain; charset=utf-8")

    def read(tb: Any) -> tuple[Any, list[str], list[str], dict[str, int]]:
        from ..termbase import browse

        return tb.browse(f), browse.files(tb.con), browse.sources(tb.con), tb.stats()

    page, files, sources, stats = await _call(request, read)
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    number = f.offset // f.limit + 1
    last = max(1, -(-page.total // f.limit))
    return _page(
        request,
        "queue.html",
        page=page,
        f=f,
        files=files,
        sources=sources,
        stats=stats,
        statuses=[s.value for s in Status],
        sorts=list(SORTS),
        number=number,
        last=last,
        here=str(request.url.path) + ("?" + request.url.query if request.url.query else ""),
        link=lambda n: "/?" + urlencode([*params, ("page", str(n))]),
    )


async def entry(request: Request) -> Response:
    cid = request.path_params["id"]

    def read(tb: Any) -> tuple[Any, int, list[dict[str, Any]], dict[str, list[int]]]:
        from ..termbase.tm import memory_evidence

        e = tb.get(cid)
        memory = memory_evidence(tb, cid) if any(q.source == "tm" for q in e.english) else {}
        return e, tb.revision(cid), render.history(tb.history(cid)), memory

    try:
        e, revision, history, memory = await _call(request, read)
    except TermNotFound:
        return _page(request, "missing.html", status=404, cid=cid)
    name = "_entry.html" if request.query_params.get("panel") else "entry.html"
    here = request.query_params.get("back", f"/entry/{cid}")
    return _page(
        request,
        name,
        e=e,
        revision=revision,
        history=history,
        contexts=render.contexts(e),
        memory=memory,
        here=here if here.startswith("/") and not here.startswith("//") else f"/entry/{cid}",
    )


# ---------------------------------------------------------------- actions
async def decide(request: Request) -> Response:
    form = await form_of(request)
    cid = request.path_params["id"]
    verb = str(form.get("action", ""))
    if verb not in DECISIONS:
        return _failed(request, form, GlossaryError(f"unknown decision {verb!r}; use one of: {', '.join(DECISIONS)}"))
    try:
        before, after = await _call(
            request,
            lambda tb: tb.set_status(
                cid,
                DECISIONS[verb],
                user(request),
                str(form.get("note", "")),
                force=form.get("force") == "1",
                revision=_revision(form),
            ),
        )
    except GlossaryError as e:
        return _failed(request, form, e)
    return _done(request, form, f"{verb}: {before.value} → {after.value}", id=cid, status=after.value)


async def decide_many(request: Request) -> Response:
    form = await form_of(request)
    verb = str(form.get("action", ""))
    items: list[tuple[int, int | None]] = []
    for raw in form.getlist("item"):  # "id:revision"
        cid, _, rev = str(raw).partition(":")
        if cid.isdigit():
            items.append((int(cid), int(rev) if rev.isdigit() else None))
    if verb not in DECISIONS or not items:
        return _failed(request, form, GlossaryError("choose entries and a decision"))
    note = str(form.get("note", ""))
    try:
        await _call(request, lambda tb: tb.decide_many(items, DECISIONS[verb], user(request), note))
    except GlossaryError as e:
        return _failed(request, form, e)
    return _done(request, form, f"{verb}: {len(items)} entries", ids=[i for i, _ in items])


async def english(request: Request) -> Response:
    """Choose the preferred English, admit or drop one, or type a new one (it becomes the preferred)."""
    form = await form_of(request)
    cid = request.path_params["id"]
    what, text = str(form.get("action", "")), str(form.get("text", "")).strip()
    if what not in ("prefer", "admit", "drop") or not text:
        return _failed(request, form, GlossaryError("say which English and whether to prefer, admit or drop it"))
    kw: dict[str, Any] = {"english": text} if what == "prefer" else {what: [text]}
    try:
        await _call(request, lambda tb: tb.edit(cid, user(request), revision=_revision(form), **kw))
    except GlossaryError as e:
        return _failed(request, form, e)
    return _done(request, form, f"{what}: {text}", id=cid)


async def edit(request: Request) -> Response:
    form = await form_of(request)
    cid = request.path_params["id"]
    kw: dict[str, Any] = {}
    for key in ("english", "traditional", "pinyin", "note"):
        value = str(form.get(key, "")).strip()
        if value or (key == "note" and key in form):
            kw[key] = value
    try:
        await _call(request, lambda tb: tb.edit(cid, user(request), revision=_revision(form), **kw))
    except GlossaryError as e:
        return _failed(request, form, e)
    return _done(request, form, "edited", id=cid)


async def merge(request: Request) -> Response:
    form = await form_of(request)
    keep, other = str(form.get("keep", "")), str(form.get("other", ""))
    if not keep or not other:
        return _failed(request, form, GlossaryError("choose two entries to merge"))
    try:
        e = await _call(request, lambda tb: tb.merge(keep, other, user(request), str(form.get("note", ""))))
    except GlossaryError as err:
        return _failed(request, form, err)
    return _done(request, form, f"merged into {e.simplified}", id=e.id)


async def undo(request: Request) -> Response:
    form = await form_of(request)
    try:
        e, what = await _call(request, lambda tb: tb.undo(user(request)))
    except GlossaryError as err:
        return _failed(request, form, err)
    return _done(request, form, f"undid: {what}", id=e.id)


# --------------------------------------------------------- files in and out
async def export(request: Request) -> Response:
    params = request.query_params
    if "format" not in params:
        return _page(request, "export.html", statuses=[s.value for s in Status])
    from ..formats import WriteOptions, get_format
    from ..formats.base import select_english

    try:
        fmt = get_format(params["format"])
        wanted = [Status(s) for s in params.getlist("status")] or [Status.APPROVED, Status.FORBIDDEN]
        mode = params.get("english", "chosen")
        options = WriteOptions(traditional=params.get("traditional") == "1", tbx_version=int(params.get("tbx", "3")))
    except (GlossaryError, ValueError) as e:
        return Response(str(e), status_code=400, media_type="text/plain; charset=utf-8")
    data = await _call(request, lambda tb: fmt.write(select_english(tb.entries(wanted), mode), options))
    ext = {"omegat": "utf8"}.get(fmt.name, fmt.name)
    return Response(
        data,
        media_type="application/octet-stream",
        headers={"content-disposition": f'attachment; filename="glossary.{ext}"'},
    )


async def import_(request: Request) -> Response:
    if request.method == "GET":
        return _page(request, "import.html")
    from ..formats import get_format

    ws = _ws(request)
    form = await form_of(request)
    upload = form.get("file")
    if upload is None or isinstance(upload, str) or not upload.filename:
        return _page(request, "import.html", status=400, error="choose a file to import")
    name = upload.filename.replace("\\", "/").rsplit("/", 1)[-1][:200]  # a label only: never opened
    data = await upload.read()
    policy = "overwrite" if form.get("on_conflict") == "overwrite" else "keep"
    try:
        fmt = get_format(str(form.get("format", "")) or None, name)
        entries = fmt.read(data, name)
        counts, warnings = await _call(request, _dry_run, entries, user(request), policy)
    except GlossaryError as e:
        return _page(request, "import.html", status=400, error=_for_the_page(str(e)))
    now = time.monotonic()
    for token in [t for t, p in ws.pending.items() if p[0] == user(request) or now - p[5] > PENDING_SECONDS]:
        ws.pending.pop(token, None)
    while len(ws.pending) >= PENDING_MAX:  # the oldest waiting import gives way
        ws.pending.pop(next(iter(ws.pending)))
    token = secrets.token_urlsafe(16)
    ws.pending[token] = (user(request), name, fmt.name, data, policy, now)
    return _page(request, "import.html", report=counts, warnings=warnings, filename=name, token=token, policy=policy)


#: what an import error says to do on the command line, as the import page lets one do it
_PAGE_WORDS = (
    (", or give its --encoding", ' (or UTF-16, as Excel\'s "Unicode text")'),
    ("(or --format)", "(or choose its format below)"),
)


def _for_the_page(message: str) -> str:
    """An import error as the page says it: no command-line option the page has no field for.

    >>> _for_the_page("unknown format for 'g.docx'; use one of: csv, omegat, tbx, tmx (or --format)")
    "unknown format for 'g.docx'; use one of: csv, omegat, tbx, tmx (or choose its format below)"
    """
    for option, field in _PAGE_WORDS:
        message = message.replace(option, field)
    return message


def _dry_run(tb: Any, entries: Any, by: str, policy: str) -> tuple[dict[str, int], list[str]]:
    tb.warnings.clear()
    counts = tb.import_entries(entries, by, policy, dry_run=True)
    return counts, list(tb.warnings)


async def import_confirm(request: Request) -> Response:
    from ..formats import get_format

    form = await form_of(request)
    ws = _ws(request)
    pending = ws.pending.pop(str(form.get("token", "")), None)
    if pending is None or pending[0] != user(request) or time.monotonic() - pending[5] > PENDING_SECONDS:
        return _page(request, "import.html", status=400, error="that import expired; upload the file again")
    _, name, fmt_name, data, policy, _at = pending
    try:
        entries = get_format(fmt_name).read(data, name)
        counts = await _call(request, lambda tb: tb.import_entries(entries, user(request), policy))
    except GlossaryError as e:
        return _page(request, "import.html", status=400, error=_for_the_page(str(e)))
    message = f"imported {name}: {counts['added']} added, {counts['updated']} updated, {counts['skipped']} skipped"
    return _done(request, form, message)


# ------------------------------------------------------------------ login
async def login(request: Request) -> Response:
    if request.method == "GET":
        return _page(request, "login.html")
    from ..termbase.users import verify

    form = await form_of(request)
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    if not await _call(request, verify, name, password):
        return _page(request, "login.html", status=401, error="wrong name or password")
    request.session.clear()
    request.session["user"] = name
    return RedirectResponse("/", status_code=303)


async def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login" if _ws(request).login else "/", status_code=303)


def routes() -> list[Route]:
    return [
        Route("/", queue),
        Route("/entry/{id:int}", entry),
        Route("/entry/{id:int}/decide", decide, methods=["POST"]),
        Route("/entry/{id:int}/english", english, methods=["POST"]),
        Route("/entry/{id:int}/edit", edit, methods=["POST"]),
        Route("/decide", decide_many, methods=["POST"]),
        Route("/merge", merge, methods=["POST"]),
        Route("/undo", undo, methods=["POST"]),
        Route("/export", export),
        Route("/import", import_, methods=["GET", "POST"]),
        Route("/import/confirm", import_confirm, methods=["POST"]),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
    ]
