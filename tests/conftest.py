"""Shared fixtures: an in-memory term base, a tiny two-script corpus, a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pgserver import PgServer

from glossary import cache
from glossary.termbase import TermBase

# the run's fresh cache is built by whichever test comes first; the one-time notice of that is no part of what the
# commands under test print (tests/test_cache.py asks for it on its own)
cache.on_build = lambda: None


def pytest_collection_finish(session: pytest.Session) -> None:
    """A run of much of the suite builds the fresh cache's indexes first, side by side, as a first ``glossary mine``
    does (:mod:`glossary.indexes`), rather than each in turn where a test first asks for it; a run of a few tests
    builds only what they ask for."""
    if len(session.items) >= 100:
        from glossary.indexes import build_missing

        build_missing()


SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

# A corpus written for the tests: one Simplified and one Traditional text about the same things.
SIMPLIFIED = (
    "网站首页 > 新闻 > 正文\n"
    "分享\n"
    "稀土分离企业采用串级萃取工艺生产氧化镝和氧化钆。串级萃取需要上百级萃取槽。\n"
    "钕铁硼磁钢用于驱动马达，钕铁硼磁钢需要少量镝。钕铁硼的硬度高。\n"
    "美国地质调查局（USGS）发布矿产名录，MP Materials公司也在其中。\n"
    "![]()\n"
)
TRADITIONAL = (
    "鐠釹合金是生產釹鐵硼磁鋼的原料。串級萃取可以得到高品質氧化鏑。\n"
    "出口管制要求出口商說明最終買家。碳酸鈰是一種稀土化合物。\n"
)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server of the tests' own; skipped where none can be had, unless GLOSSARY_REQUIRE_POSTGRES
    is set (as `.ci/run` sets it), when its absence fails."""
    server = PgServer()
    if server.bin is None:
        if os.environ.get("GLOSSARY_REQUIRE_POSTGRES"):
            pytest.fail("no PostgreSQL binaries: run scripts/install-postgres")
        pytest.skip("no PostgreSQL here; scripts/install-postgres installs Debian's")
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def termbase_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty term base on each back end: a SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "terms" / "glossary.db")
    server: PgServer = request.getfixturevalue("pg_server")
    return server.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def tb(request: pytest.FixtureRequest) -> Iterator[TermBase]:
    """A new term base on each back end (SQLite in memory, a fresh PostgreSQL database)."""
    url = ":memory:" if request.param == "sqlite" else request.getfixturevalue("pg_server").new_database()
    with TermBase(url) as t:
        yield t


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    d = tmp_path / "seeds"
    d.mkdir()
    (d / "a_simplified.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (d / "b_traditional.md").write_text(TRADITIONAL, encoding="utf-8")
    return d


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "terms" / "glossary.db")


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs: not gone, nor a zombie (dead, not yet reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (dead, not yet reaped by init) counts as gone, and so does one reaped between the two looks (its
    # /proc entry gone after os.kill found it, before the file was opened or while it was read: a
    # FileNotFoundError failed a `make test` once, a ProcessLookupError from the read another)
    try:
        return not Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].startswith("Z")
    except (FileNotFoundError, ProcessLookupError):
        return False
