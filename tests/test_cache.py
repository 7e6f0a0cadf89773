"""The on-disk cache: a value built by older rules is not served after the rules change."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from glossary.cache import cached


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_a_changed_rule_rebuilds_its_cache(tmp_path: Path) -> None:
    rules = tmp_path / "rules_mod.py"
    rules.write_text("def build():\n    return ['old rule']\n", encoding="utf-8")
    first = cached("words", "dict-1", _load(rules, "rules_v1").build, directory=tmp_path / "c")
    rules.write_text(
        "def build():\n    return ['new rule']\n\ndef other():\n    return ['not built']\n", encoding="utf-8"
    )
    module = _load(rules, "rules_v2")
    second = cached("words", "dict-1", module.build, directory=tmp_path / "c")
    assert (first, second) == (["old rule"], ["new rule"])
    # the same rules and the same resource are served from disk, not built again; the older file is gone
    assert cached("words", "dict-1", module.other, directory=tmp_path / "c") == ["new rule"]
    assert len(list((tmp_path / "c").glob("words@*.marshal"))) == 1


def test_a_changed_rule_in_another_module_the_build_depends_on_rebuilds_its_cache(tmp_path: Path) -> None:
    # (the word aligner's table is built from senses another module cuts into words: a change to that cut kept
    # serving the table fitted on the old one)
    cut = tmp_path / "cut_mod.py"
    builder = tmp_path / "build_mod.py"
    cut.write_text("def words(s):\n    return s.split()\n", encoding="utf-8")
    builder.write_text("import cut_mod\n\ndef build():\n    return cut_mod.words('a b-c')\n", encoding="utf-8")
    words = _load(cut, "cut_mod").words
    build = _load(builder, "build_mod").build
    first = cached("table", "v1", build, directory=tmp_path / "c", depends=(words,))
    cut.write_text("def words(s):\n    return s.replace('-', ' ').split()\n", encoding="utf-8")
    words = _load(cut, "cut_mod").words
    build = _load(builder, "build_mod").build
    second = cached("table", "v1", build, directory=tmp_path / "c", depends=(words,))
    assert (first, second) == (["a", "b-c"], ["a", "b", "c"])


def test_a_table_rebuilds_when_a_module_it_depends_on_changes(tmp_path: Path) -> None:
    from glossary.cache import cached_table

    rules = tmp_path / "list_mod.py"
    rules.write_text("STOP = {'the'}\n", encoding="utf-8")
    module = _load(rules, "list_mod")
    build = lambda: {w: True for w in ["the", "widget"] if w not in module.STOP}  # noqa: E731
    first = cached_table("kept", "v1", build, directory=tmp_path / "c", depends=(module,))
    assert (first.get("widget"), first.get("the")) == (True, None)
    rules.write_text("STOP = {'widget'}\n", encoding="utf-8")
    module = _load(rules, "list_mod")
    again = cached_table("kept", "v1", build, directory=tmp_path / "c", depends=(module,))
    assert (again.get("widget"), again.get("the")) == (None, True)


def test_the_test_run_keeps_its_cache_out_of_the_users_home() -> None:
    from glossary.cache import cache_dir

    assert not cache_dir().resolve().is_relative_to(Path.home().resolve())


def test_a_table_is_read_a_key_at_a_time_in_any_process_and_rebuilt_when_unreadable(tmp_path: Path) -> None:
    import marshal
    import os

    from glossary.cache import cached_table

    built = []

    def build() -> dict:
        built.append(1)
        return {"稀有": (1, True), "𠀀字": ["outside the BMP"], "全角Ａ": [0]}

    table = cached_table("t", "v1", build, directory=tmp_path)
    assert table.get("稀有") == (1, True) and table.get("其重") is None and "𠀀字" in table
    again = cached_table("t", "v1", build, directory=tmp_path)  # from disk: not built a second time
    again.prefetch(["全角Ａ", "其重", "全角Ａ"])
    assert again.get("全角Ａ") == [0] and len(built) == 1 and len(again) == 3
    # a worker forked after the parent read the table opens its own connection (SQLite's cannot cross a fork)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        os.write(write, marshal.dumps(again.get("𠀀字")))
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    assert marshal.loads(os.read(read, 1000)) == ["outside the BMP"]
    [path] = tmp_path.glob("t@v1*.sqlite")
    path.write_bytes(b"not a database")  # a damaged cache is rebuilt, not served
    assert cached_table("t", "v1", build, directory=tmp_path).get("稀有") == (1, True) and len(built) == 2
    # where no cache can be written (a file stands where its folder should), the table is kept in memory
    (tmp_path / "file").write_text("x", encoding="utf-8")
    in_memory = cached_table("t", "v1", build, directory=tmp_path / "file")
    assert in_memory.get("全角Ａ") == [0] and in_memory.get("其重", "none") == "none" and len(built) == 3
    assert len(in_memory) == 3


def test_a_table_asked_for_many_keys_loads_them_all_once_and_answers_alike(tmp_path: Path) -> None:
    from glossary.cache import cached_table

    built = []

    def build() -> dict:
        built.append(1)
        return {f"词{i}": i for i in range(10)} | {"𠀀": 0.5}

    cached_table("w", "v1", build, directory=tmp_path, whole_after=3)  # written once
    table = cached_table("w", "v1", build, directory=tmp_path, whole_after=3)
    assert table.get("词1") == 1 and table.get("无", -1) == -1 and len(built) == 1
    assert table._con is not None  # (two keys asked for: read from disk)
    assert table.get("词2") == 2 and table.get("𠀀") == 0.5  # the fourth key loads the whole mapping
    assert table._con is None and table.get("无", -1) == -1 and "词9" in table and "无" not in table
    # the whole mapping was cached beside the table when it was built (building it again for its own cache cost a
    # first run pypinyin's readings twice, 8 s), and is served from there from now on
    assert len(built) == 1
    again = cached_table("w", "v1", build, directory=tmp_path, whole_after=3)
    again.prefetch([f"词{i}" for i in range(5)])  # more keys at once than the table reads one by one
    assert again._con is None and again.get("词4") == 4 and len(built) == 1
    assert sorted(again.items())[:2] == [("词0", 0), ("词1", 1)] and len(list(again.items())) == 11


def test_building_a_resource_is_told_once_a_process_and_reading_one_is_not(tmp_path: Path, monkeypatch) -> None:
    from glossary import cache

    told: list[str] = []
    monkeypatch.setattr(cache, "on_build", lambda: told.append("building"))
    monkeypatch.setattr(cache, "_told", False)
    cached("told-a", "v1", lambda: [1], directory=tmp_path)
    cached("told-b", "v1", lambda: [2], directory=tmp_path)  # (a second build in the same run: no second line)
    assert told == ["building"]
    monkeypatch.setattr(cache, "_told", False)
    assert cached("told-a", "v1", lambda: [9], directory=tmp_path) == [1] and told == ["building"]  # read: silent
    cache.cached_table("told-t", "v1", lambda: {"k": 1}, directory=tmp_path)
    assert told == ["building", "building"]


def test_the_command_line_says_why_a_fresh_installs_first_command_takes_a_minute(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    # the first command builds the dictionaries' indexes (about a minute) and said nothing meanwhile: the command
    # line now has the cache tell it, on standard error (the building itself is timed by the test above)
    from click.testing import CliRunner

    from glossary import cache
    from glossary.cli import cli

    monkeypatch.setattr(cache, "on_build", None)
    monkeypatch.setattr(cache, "_told", False)
    monkeypatch.setenv("GLOSSARY_CACHE", str(tmp_path / "fresh"))
    CliRunner().invoke(cli, ["--db", str(tmp_path / "t.db"), "stats"])
    assert cache.on_build is not None
    capsys.readouterr()
    cached("told-cli", "v1", lambda: [1], directory=tmp_path)
    said = capsys.readouterr().err
    assert "building the dictionaries' indexes" in said and str(tmp_path / "fresh") in said


def test_a_table_asks_its_file_only_for_keys_it_may_hold(tmp_path: Path) -> None:
    # a table keeps a filter of its keys: most keys a corpus asks of a dictionary are not in it, and those are
    # answered without a query; what it answers is the same, absent keys, a key outside the BMP and a lone
    # surrogate (a text read with surrogateescape) too
    import sqlite3

    from glossary.cache import cached_table

    words = {f"词{i}": i for i in range(2000)} | {"𠀀字": [1], "全角Ａ": [0]}
    cached_table("f", "v1", lambda: words, directory=tmp_path)
    table = cached_table("f", "v1", lambda: words, directory=tmp_path)
    asked: list[str] = []
    query = table._query
    table._query = lambda sql, args: asked.extend(args) or query(sql, args)  # type: ignore[method-assign]
    absent = [f"无{i}" for i in range(2000)] + ["\udcff", "𠀁"]
    # (a few keys are asked of the file one by one: a command that asks for a few hundred reads no filter)
    assert [table.get(k) for k in ["词7", "𠀀字", "无"]] == [7, [1], None] and table._filter is None
    table.prefetch(["词8", "全角Ａ", *absent])
    assert table.get("词8") == 8 and table.get("全角Ａ") == [0] and all(table.get(k) is None for k in absent)
    asked.remove("无")
    # (a key the table lacks is asked only where it shares its bit with one it has: one in a hundred or fewer)
    assert len(set(asked) - set(words)) <= len(absent) // 100
    before = len(asked)
    table.prefetch(["新1", "新2", "词10"])  # (a few keys are looked up one by one, the same way)
    assert asked[before:] == ["词10"] and table.get("词10") == 10 and table.get("新1") is None
    # a file of the first form (no fingerprints) is still read, every key asked of it
    [path] = tmp_path.glob("f@v1*.sqlite")
    con = sqlite3.connect(path)
    con.execute("DROP TABLE meta")
    con.commit()
    con.close()
    old = type(table)(path)
    assert old.get("词9") == 9 and old.get("无1") is None and old.get("𠀀字") == [1]


def test_a_forked_worker_finds_the_filters_read_before_the_fork(tmp_path: Path) -> None:
    # share_filters reads every open table's key filter now, before alignment forks its workers: a filter each
    # worker read for itself was its own copy (1-8 MB a table); a worker asks the file for no key the filter rules
    # out, however few it asks (without the filter, a hundred absent keys are a hundred queries)
    import os

    from glossary.cache import cached_table
    from glossary.table import share_filters

    words = {f"词{i}": i for i in range(500)}
    cached_table("g", "v1", lambda: words, directory=tmp_path)
    table = cached_table("g", "v1", lambda: words, directory=tmp_path)
    assert table._filter is None
    share_filters()
    assert table._filter is not None and table._lookups == 0
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: what it asks of the file
        asked: list[str] = []
        query = table._query
        table._query = lambda sql, args: asked.extend(args) or query(sql, args)  # type: ignore[method-assign]
        got = [table.get(f"无{i}") for i in range(100)] + [table.get("词3")]
        os.write(write, f"{got.count(None)} {got[-1]} {len(asked)}".encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    absent, value, asked = map(int, os.read(read, 100).split())
    os.close(read)
    # (an absent key is asked only where it shares its bit with a key the table has: one in sixty-four)
    assert (absent, value) == (100, 3) and asked <= 10


def test_probing_says_whether_a_resource_is_built_and_neither_reads_nor_builds_it(tmp_path: Path) -> None:
    import pytest

    from glossary.cache import Probed, cached_table, probing

    built: list[int] = []

    def build() -> dict:
        built.append(1)
        return {"稀有": 1}

    for built_yet in (False, True):
        with probing(), pytest.raises(Probed) as probed:
            cached_table("p", "v1", build, directory=tmp_path)
        assert probed.value.built is built_yet and built == []
        with probing(), pytest.raises(Probed) as probed:
            cached("m", "v1", lambda: [1], directory=tmp_path)
        assert probed.value.built is built_yet
        if not built_yet:
            cached_table("p", "v1", build, directory=tmp_path)
            cached("m", "v1", lambda: [1], directory=tmp_path)
            built.clear()
    # outside the block, the same calls read as before
    assert cached_table("p", "v1", build, directory=tmp_path).get("稀有") == 1 and built == []


def _index_of_pid(name: str, directory: Path):
    """A step of the kind glossary.indexes runs: it asks for one index, which records the process that built it."""
    import os

    return lambda: cached(name, "v1", lambda: {"pid": os.getpid()}, directory=directory)


def test_a_first_runs_missing_indexes_are_built_side_by_side_in_workers_and_once(tmp_path: Path) -> None:
    # a fresh install's first mine built some twenty indexes one after another (a minute or two); the missing ones
    # are now built in a worker each, at once, the built ones are not built again, and the run reads them after
    import os

    from glossary.indexes import build_missing

    steps = [_index_of_pid(f"i{k}", tmp_path) for k in range(3)]
    steps[1]()  # this one is built already, here
    assert build_missing(workers=2, calls=steps) == 2
    builders = [step()["pid"] for step in steps]  # (read from disk now: what the worker wrote)
    assert builders[1] == os.getpid() and os.getpid() not in (builders[0], builders[2])
    assert build_missing(workers=2, calls=steps) == 0 and [step()["pid"] for step in steps] == builders


def test_indexes_are_not_built_ahead_where_the_cache_cannot_be_written(tmp_path: Path, monkeypatch) -> None:
    from glossary.indexes import build_missing

    (tmp_path / "file").write_text("x", encoding="utf-8")  # a file where the cache's folder should be
    monkeypatch.setenv("GLOSSARY_CACHE", str(tmp_path / "file" / "cache"))
    assert build_missing(workers=2, calls=[_index_of_pid("i", tmp_path / "file" / "cache")]) == 0


def test_probing_is_the_probing_threads_own(tmp_path: Path) -> None:
    # a library user's other thread reading a resource while a mine asks which indexes are built reads it as ever
    import threading

    from glossary.cache import probing

    cached("shared", "v1", lambda: [1], directory=tmp_path)
    seen: list[object] = []
    with probing():
        reader = threading.Thread(target=lambda: seen.append(cached("shared", "v1", lambda: [2], directory=tmp_path)))
        reader.start()
        reader.join()
    assert seen == [[1]]
