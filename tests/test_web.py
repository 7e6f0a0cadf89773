"""The browser workspace, server side, through Starlette's test client: every route, the permission rules,
escaping, stale decisions, imports and exports."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from glossary.formats import WriteOptions, get_format
from glossary.models import Context, Equivalent, Status, TermEntry
from glossary.termbase import TermBase
from glossary.termbase.users import add_user
from glossary.web import create_app

FETCH = {"x-requested-with": "fetch"}


def _entries() -> list[TermEntry]:
    return [
        TermEntry(
            "镨钕",
            "鐠釹",
            "pǔ nǚ",
            [Equivalent("PrNd", "text", 0.9), Equivalent("praseodymium-neodymium", "cedict", 0.6)],
            score=3.0,
            count=3,
            files=["a.txt"],
            file_counts={"a.txt": 3},
            contexts=[
                Context("a.txt", 5, "镨钕价格上涨，鐠釹也是。", 1),
                Context("b.txt", 70, "镨钕价格上涨，鐠釹也是。", 3),
            ],
        ),
        TermEntry("大豆", "大豆", "dà dòu", [Equivalent("soybean", "cedict", 0.8)], score=2.0, count=7),
        TermEntry("<script>alert(1)</script>", "", "", [Equivalent("<b>bold</b>", "text", 0.5)], score=1.0),
    ]


@pytest.fixture
def db(termbase_url: str) -> str:
    """The workspace over each back end: a SQLite file, a PostgreSQL database."""
    with TermBase(termbase_url) as tb:
        tb.stage(_entries(), by="miner")
    return termbase_url


@pytest.fixture
def client(db: str) -> TestClient:
    return TestClient(create_app(db, reviewer="ann"))


def _csrf(client: TestClient) -> str:
    m = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/").text)
    assert m
    return m.group(1)


def _id(db: str, term: str) -> int:
    with TermBase(db) as tb:
        return tb.resolve(term)


def _post(client: TestClient, path: str, **data: object) -> dict[str, object]:
    r = client.post(path, data={"csrf": _csrf(client), **data}, headers=FETCH)  # type: ignore[dict-item]
    body: dict[str, object] = r.json()
    body["status_code"] = r.status_code
    return body


def test_queue_shows_candidates_in_score_order_with_n_of_n(client: TestClient) -> None:
    page = client.get("/").text
    assert re.findall(r'data-term="([^"]+)"', page)[:2] == ["镨钕", "大豆"]
    assert "1–3 of 3" in page


def test_queue_filters_search_by_toneless_pinyin_and_rejects_bad_numbers(client: TestClient) -> None:
    assert re.findall(r'data-term="([^"]+)"', client.get("/?q=dadou&status=").text) == ["大豆"]
    assert re.findall(r'data-term="([^"]+)"', client.get("/?min=2.5").text) == ["镨钕"]
    assert client.get("/?min=lots").status_code == 400


def test_every_term_note_and_context_is_escaped(client: TestClient, db: str) -> None:
    cid = _id(db, "<script>alert(1)</script>")
    for page in (client.get("/").text, client.get(f"/entry/{cid}").text):
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>bold</b>" not in client.get(f"/entry/{cid}").text
    assert "default-src 'self'" in client.get("/").headers["content-security-policy"]


def test_entry_page_marks_the_term_and_shows_each_sentence_once(client: TestClient, db: str) -> None:
    page = client.get(f"/entry/{_id(db, '镨钕')}").text
    assert page.count("价格上涨") == 1
    assert "<mark>镨钕</mark>" in page and "<mark>鐠釹</mark>" in page
    assert "a.txt:1, b.txt:3" in page  # file:line
    assert client.get("/entry/9999").status_code == 404


def test_decide_records_the_reviewer_and_undo_takes_it_back(client: TestClient, db: str) -> None:
    cid = _id(db, "镨钕")
    body = _post(client, f"/entry/{cid}/decide", action="approve", note="checked")
    assert body["ok"] and body["status"] == "approved"
    with TermBase(db) as tb:
        last = tb.history(cid)[-1]
        assert (last["by"], last["action"], last["note"]) == ("ann", "approved", "checked")
    assert _post(client, "/undo")["ok"]
    with TermBase(db) as tb:
        assert tb.get(cid).status == Status.CANDIDATE


def test_a_decision_on_an_entry_changed_meanwhile_is_refused(client: TestClient, db: str) -> None:
    cid = _id(db, "镨钕")
    page = client.get(f"/entry/{cid}").text
    shown = re.search(r'data-rev="(\d+)"', page).group(1)  # type: ignore[union-attr]
    with TermBase(db) as tb:
        tb.set_status(cid, Status.REJECTED, by="bob")
    body = _post(client, f"/entry/{cid}/decide", action="approve", revision=shown)
    assert body["status_code"] == 409 and "bob" in str(body["error"])
    with TermBase(db) as tb:
        assert tb.get(cid).status == Status.REJECTED


def test_a_questioned_approval_is_refused_then_forced_and_recorded(client: TestClient, db: str) -> None:
    cid = _id(db, "<script>alert(1)</script>")
    assert _post(client, f"/entry/{cid}/english", action="drop", text="<b>bold</b>")["ok"]
    body = _post(client, f"/entry/{cid}/decide", action="approve")  # no English left: the checks question it
    assert "no English" in str(body["error"])
    body = _post(client, f"/entry/{cid}/decide", action="approve")
    assert body["status_code"] == 422 and body["force"] is True
    assert _post(client, f"/entry/{cid}/decide", action="approve", force="1")["ok"]
    with TermBase(db) as tb:
        assert "forced past" in tb.history(cid)[-1]["note"]


def test_choose_admit_drop_and_type_english(client: TestClient, db: str) -> None:
    cid = _id(db, "镨钕")
    assert _post(client, f"/entry/{cid}/english", action="prefer", text="praseodymium-neodymium")["ok"]
    assert _post(client, f"/entry/{cid}/english", action="admit", text="PrNd")["ok"]
    assert _post(client, f"/entry/{cid}/edit", english="Pr-Nd", note="")["ok"]
    with TermBase(db) as tb:
        roles = {q.text: q.role for q in tb.get(cid).english}
    assert roles == {"Pr-Nd": "preferred", "praseodymium-neodymium": "suggested", "PrNd": "admitted"}
    assert _post(client, f"/entry/{cid}/english", action="drop", text="PrNd")["ok"]
    assert _post(client, f"/entry/{cid}/edit", pinyin="pǔ")["status_code"] == 422  # one syllable per Hanzi


def test_batch_decision_is_one_transaction(client: TestClient, db: str) -> None:
    a, b = _id(db, "镨钕"), _id(db, "大豆")
    with TermBase(db) as tb:
        tb.set_status(b, Status.REJECTED, by="bob")
    body = _post(client, "/decide", action="approve", item=[f"{a}:", f"{b}:"])
    assert body["status_code"] == 422
    with TermBase(db) as tb:
        assert tb.get(a).status == Status.CANDIDATE
    assert _post(client, "/decide", action="reject", item=[f"{a}:"])["ok"]


def test_merge_from_the_page_and_undo(client: TestClient, db: str) -> None:
    a, b = _id(db, "镨钕"), _id(db, "大豆")
    assert _post(client, "/merge", keep=str(a), other=str(b))["ok"]
    assert client.get(f"/entry/{b}").status_code == 404
    assert _post(client, "/undo")["ok"]
    assert client.get(f"/entry/{b}").status_code == 200


def test_writes_without_the_csrf_token_are_refused(client: TestClient, db: str) -> None:
    cid = _id(db, "镨钕")
    client.get("/")
    r = client.post(f"/entry/{cid}/decide", data={"action": "reject"})
    assert r.status_code == 403
    r = client.post(f"/entry/{cid}/decide", data={"action": "reject", "csrf": "forged"})
    assert r.status_code == 403
    with TermBase(db) as tb:
        assert tb.get(cid).status == Status.CANDIDATE


def test_forms_without_script_redirect_back_to_our_own_pages_only(client: TestClient, db: str) -> None:
    cid = _id(db, "镨钕")
    token = _csrf(client)
    r = client.post(
        f"/entry/{cid}/decide",
        data={"csrf": token, "action": "reject", "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert "reject: candidate → rejected" in client.get("/").text  # the flash message


def test_export_downloads_every_format(client: TestClient, db: str) -> None:
    with TermBase(db) as tb:
        tb.set_status("大豆", Status.APPROVED, by="ann")
    for fmt in ("tbx", "tmx", "csv", "omegat"):
        r = client.get(f"/export?format={fmt}")
        assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
        assert "大豆" in r.content.decode("utf-8")
    assert client.get("/export?format=docx").status_code == 400
    assert "Download TBX" in client.get("/export").text


def test_import_shows_a_dry_run_then_imports_all_of_it(client: TestClient, db: str) -> None:
    data = get_format("tbx").write(
        [TermEntry("钕铁硼", "釹鐵硼", "nǚ tiě péng", [Equivalent("NdFeB", "import", 1.0)])], WriteOptions()
    )
    token = _csrf(client)
    r = client.post("/import", data={"csrf": token}, files={"file": ("../../etc/new.tbx", data)})
    assert r.status_code == 200 and "would import: 1 added" in r.text
    with TermBase(db) as tb:
        assert "钕铁硼" not in {e.simplified for e in tb.entries()}
    pending = re.search(r'name="token" value="([^"]+)"', r.text).group(1)  # type: ignore[union-attr]
    r = client.post("/import/confirm", data={"csrf": token, "token": pending, "next": "/"})
    assert r.status_code == 200 and "imported new.tbx: 1 added" in r.text
    with TermBase(db) as tb:
        assert tb.get("釹鐵硼").preferred_english == "NdFeB"
    r = client.post("/import/confirm", data={"csrf": token, "token": pending})  # a token works once
    assert r.status_code == 400


def test_a_bad_upload_is_refused_whole_and_a_large_one_by_its_size(db: str) -> None:
    client = TestClient(create_app(db, reviewer="ann", upload_limit=2000))
    token = _csrf(client)
    r = client.post("/import", data={"csrf": token}, files={"file": ("x.tbx", b"<martif><text><body>")})
    assert r.status_code == 400 and "x.tbx" in r.text
    r = client.post("/import", data={"csrf": token}, files={"file": ("big.csv", b"a" * 5000)})
    assert r.status_code == 413
    with TermBase(db) as tb:
        assert tb.stats()["total"] == 3


def test_a_chinese_excel_csv_imports_and_the_page_names_no_command_line_option(client: TestClient, db: str) -> None:
    # a Chinese Windows' Excel saves a CSV in GBK: it was refused with "give its --encoding", an option of the
    # command line the page has no field for; and an unknown file name was told "(or --format)"
    token = _csrf(client)
    gbk = "zh-CN,en-US\n小部件,widget\n部件工厂,widget factory\n".encode("gbk")
    r = client.post("/import", data={"csrf": token}, files={"file": ("excel.csv", gbk)})
    assert r.status_code == 200 and "would import: 2 added" in r.text
    r = client.post("/import", data={"csrf": token}, files={"file": ("g.docx", b"zh-CN,en-US\n")})
    assert r.status_code == 400 and "choose its format below" in r.text and "--format" not in r.text
    r = client.post("/import", data={"csrf": token}, files={"file": ("noise.csv", bytes(range(128, 256)) * 4)})
    assert r.status_code == 400 and "not UTF-8 text" in r.text and "--encoding" not in r.text


def test_with_login_anonymous_writes_are_refused_and_the_logged_in_reviewer_is_recorded(db: str) -> None:
    with TermBase(db) as tb:
        add_user(tb, "bea", "correct horse battery")
    client = TestClient(create_app(db, login=True, host="0.0.0.0"))
    r = client.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").text).group(1)  # type: ignore[union-attr]
    cid = _id(db, "镨钕")
    assert client.post(f"/entry/{cid}/decide", data={"csrf": token, "action": "reject"}).status_code == 403
    wrong = client.post("/login", data={"csrf": token, "name": "bea", "password": "nope"})
    assert wrong.status_code == 401
    client.post("/login", data={"csrf": token, "name": "bea", "password": "correct horse battery"})
    assert _post(client, f"/entry/{cid}/decide", action="reject")["ok"]
    with TermBase(db) as tb:
        assert tb.history(cid)[-1]["by"] == "bea"


def test_session_cookie_is_httponly_and_samesite(client: TestClient) -> None:
    r = client.get("/")
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_a_request_naming_another_host_is_refused_on_loopback(db: str) -> None:
    client = TestClient(create_app(db, reviewer="ann"), base_url="http://evil.example")
    assert client.get("/").status_code == 400


def test_static_assets_are_served_from_the_package(client: TestClient) -> None:
    assert "keydown" in client.get("/static/app.js").text
    assert client.get("/static/../app.py").status_code == 404


def test_logout_ends_the_session_and_pages_without_a_form_still_render(db: str) -> None:
    with TermBase(db) as tb:
        add_user(tb, "bea", "correct horse battery")
    client = TestClient(create_app(db, login=True))
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").text).group(1)  # type: ignore[union-attr]
    client.post("/login", data={"csrf": token, "name": "bea", "password": "correct horse battery"})
    assert client.get("/import").status_code == 200 and "bea" in client.get("/").text
    r = client.post("/logout", data={"csrf": _csrf(client)}, follow_redirects=False)
    assert r.headers["location"] == "/login"
    assert client.get("/", follow_redirects=False).status_code == 303


def test_the_server_collects_cycles_though_commands_that_finish_do_not(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `glossary` turns the cycle collector off (a command that finishes hands its memory back whole); a server
    # runs until stopped, so `serve` turns it back on before it starts
    import gc

    import uvicorn
    from click.testing import CliRunner

    from glossary.cli import cli

    seen: list[bool] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda *a, **k: seen.append(gc.isenabled()))
    gc.disable()
    try:
        r = CliRunner().invoke(cli, ["--db", db, "serve"])
    finally:
        gc.enable()
    assert r.exit_code == 0, r.output
    assert seen == [True]


def test_an_address_in_use_is_said_in_one_line(tmp_path: Path, db: str) -> None:
    # (the server said it was serving, then logged the error and exited 3)
    taken = socket.create_server(("127.0.0.1", 0))
    port = taken.getsockname()[1]
    try:
        r = subprocess.run(
            [sys.executable, "-m", "glossary", "--db", db, "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        taken.close()
    assert r.returncode == 1
    assert r.stderr == f"Error: cannot serve on 127.0.0.1:{port}: Address already in use; choose another --port\n"


def test_serve_and_user_commands(tmp_path: Path, db: str) -> None:
    from click.testing import CliRunner

    from glossary.cli import cli

    runner = CliRunner()
    r = runner.invoke(cli, ["--db", db, "serve", "--host", "0.0.0.0"])
    assert r.exit_code == 2 and "--login" in r.output
    r = runner.invoke(cli, ["--db", db, "serve", "--host", "0.0.0.0", "--login"])
    assert r.exit_code == 2 and "glossary user add" in r.output
    r = runner.invoke(cli, ["--db", str(tmp_path / "none.db"), "serve"])
    assert r.exit_code == 1 and "no term base" in r.output
    r = runner.invoke(cli, ["--db", db, "user", "add", "bea", "--password-stdin"], input="short\n")
    assert r.exit_code == 1 and "8 characters" in r.output
    # a name the history cannot record is refused before the password is asked for (twice, at a terminal)
    for name in ("", "a/b"):
        r = runner.invoke(cli, ["--db", db, "user", "add", name], input="correct horse battery\n" * 2)
        assert r.exit_code == 2 and "not a usable reviewer name" in r.output and "password" not in r.output
    r = runner.invoke(cli, ["--db", db, "user", "add", "bea", "--password-stdin"], input="correct horse battery\n")
    assert r.exit_code == 0
    assert runner.invoke(cli, ["--db", db, "user", "list"]).output == "bea\n"
    with TermBase(db) as tb:
        stored = tb.con.execute("SELECT hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2") and "correct horse" not in stored
    assert runner.invoke(cli, ["--db", db, "user", "remove", "bea"]).exit_code == 0
    assert runner.invoke(cli, ["--db", db, "user", "remove", "bea"]).exit_code == 1


def test_english_that_is_all_guesses_is_marked_on_the_entry_and_in_the_queue(client: TestClient, db: str) -> None:
    with TermBase(db) as tb:
        tb.stage(
            [TermEntry("擀面杖", "擀麵杖", "gǎn miàn zhàng", [Equivalent("roll noodle stick", "compose", 0.2)])], "m"
        )
    page = client.get(f"/entry/{_id(db, '擀面杖')}").text
    assert "No reliable English" in page and "guess below 0.30" in page
    assert "No reliable English" not in client.get(f"/entry/{_id(db, '大豆')}").text
    queue = client.get("/?q=擀面杖").text
    assert 'class="en guess"' in queue
