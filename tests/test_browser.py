"""End to end in a real browser: Debian's headless Chromium, driven by Playwright, against `glossary serve`
started on 127.0.0.1 — a reviewer's session by keyboard, from the queue to a TBX download.

Skips only where no Chromium can be had (``scripts/install-browser`` installs Debian's); with
GLOSSARY_REQUIRE_BROWSER=1 (as `.ci/run` sets) a missing browser fails instead. Screenshots of the queue and an
entry go to $GLOSSARY_SCREENSHOTS when it is set (`make screenshots` writes the README's).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary.models import Context, Equivalent, Status, TermEntry
from glossary.termbase import TermBase

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    if os.environ.get("GLOSSARY_REQUIRE_BROWSER"):
        raise RuntimeError("no Chromium: run scripts/install-browser (Debian's chromium package)")
    pytest.skip("no Chromium here; scripts/install-browser installs Debian's", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extras: make venv")

# Chromium as root in a closed network: no sandbox, and none of its calls home
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _entry(simp: str, trad: str, pinyin: str, english: list[str], score: float, sentence: str) -> TermEntry:
    return TermEntry(
        simp,
        trad,
        pinyin,
        [Equivalent(t, "cedict", 0.8 - i / 10) for i, t in enumerate(english)],
        score=score,
        count=2,
        files=["news.txt"],
        file_counts={"news.txt": 2},
        contexts=[Context("news.txt", int(score * 10), sentence, int(score))],
    )


ENTRIES = [
    _entry("镨钕", "鐠釹", "pǔ nǚ", ["PrNd"], 9.0, "镨钕价格本周上涨。"),
    _entry("氧化镝", "氧化鏑", "yǎng huà dī", ["dysprosium oxide"], 8.0, "氧化镝出口减少。"),
    _entry("大豆永磁", "大豆永磁", "dà dòu yǒng cí", ["soybean permanent magnet", "REPM"], 7.0, "大豆永磁用于电机。"),
    _entry("大豆", "大豆", "dà dòu", ["soybean"], 6.0, "大豆是重要作物。"),
    _entry("大豆元素", "大豆元素", "dà dòu yuán sù", ["soybean element"], 5.0, "大豆元素共有十七种。"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    db = str(tmp_path / "terms.db")
    with TermBase(db) as tb:
        tb.stage(ENTRIES, by="miner")
    port = _free_port()
    cmd = [sys.executable, "-m", "glossary", "--db", db, "serve", "--port", str(port), "--by", "ann"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"glossary serve did not start: {proc.communicate()[1].decode()}") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", db
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _status(db: str, term: str) -> Status:
    with TermBase(db) as tb:
        return tb.get(term).status


def test_a_review_session_by_keyboard_in_chromium(server: tuple[str, str], tmp_path: Path) -> None:
    base, db = server
    shots = Path(os.environ.get("GLOSSARY_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
            _session(page, base, db, shots)
        finally:
            browser.close()


def _session(page: sync_api.Page, base: str, db: str, shots: Path) -> None:
    expect = sync_api.expect
    page.goto(base + "/")
    expect(page.locator("#count")).to_have_text("1–5 of 5")
    expect(page.locator("article.entry h2")).to_contain_text("镨钕")  # the first row is selected and shown

    # approve two entries by keyboard, the first with a note: each approval moves on to the next entry
    page.locator(".decision-note").fill("standard name")
    page.keyboard.press("Escape")
    page.keyboard.press("a")
    expect(page.locator("#flash")).to_have_text("approve: candidate → approved")
    expect(page.locator("article.entry h2")).to_contain_text("氧化镝")
    page.keyboard.press("a")
    expect(page.locator("article.entry h2")).to_contain_text("大豆永磁")
    assert (_status(db, "镨钕"), _status(db, "氧化镝")) == (Status.APPROVED, Status.APPROVED)
    with TermBase(db) as tb:
        assert [(h["by"], h["note"]) for h in tb.history("镨钕")][-1] == ("ann", "standard name")
    page.screenshot(path=str(shots / "queue.png"))

    # choose the second English suggestion of the entry shown
    page.keyboard.press("2")
    expect(page.locator("#flash")).to_have_text("prefer: REPM")
    with TermBase(db) as tb:
        assert tb.get("大豆永磁").preferred_english == "REPM"

    # search by toneless pinyin, from the keyboard
    page.keyboard.press("/")
    page.keyboard.type("dadou")
    page.keyboard.press("Enter")
    expect(page.locator("#count")).to_contain_text("matching “dadou”")
    terms = page.locator("table.queue tbody tr").evaluate_all("rows => rows.map(r => r.dataset.term)")
    assert "大豆" in terms and "大豆元素" in terms and "镨钕" not in terms

    # merge 大豆元素 into 大豆: tick both rows, m
    for term in ("大豆", "大豆元素"):
        page.locator(f'tr[data-term="{term}"] td:nth-child(5)').click()  # the pinyin cell: no link in it
        expect(page.locator("article.entry h2")).to_contain_text(term)
        page.keyboard.press("x")
    page.keyboard.press("m")
    expect(page.locator("#flash")).to_have_text("merged into 大豆")
    with TermBase(db) as tb:
        assert "大豆元素" in tb.get("大豆").variants and tb.stats()["total"] == 4

    # and undo it
    page.keyboard.press("u")
    expect(page.locator("#flash")).to_contain_text("undid: merge 大豆")
    with TermBase(db) as tb:
        assert tb.stats()["total"] == 5 and tb.get("大豆元素").status == Status.CANDIDATE

    # the entry's own page, for the README
    page.goto(base + "/entry/1")
    expect(page.locator("mark").first).to_have_text("镨钕")
    page.screenshot(path=str(shots / "entry.png"), full_page=True)

    # export TBX from the page
    page.goto(base + "/export")
    with page.expect_download() as info:
        page.click("#export-tbx")
    target = shots.parent / "browser-export.tbx" if os.environ.get("GLOSSARY_SCREENSHOTS") else shots / "x.tbx"
    info.value.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert "鐠釹" in text and "dysprosium oxide" in text and "大豆永磁" not in text  # approved only
    if os.environ.get("GLOSSARY_SCREENSHOTS"):
        target.unlink()
