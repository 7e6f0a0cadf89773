"""Every command keeps its promise: nothing outside the output touched, nothing created by reading."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

from click.testing import CliRunner

from glossary.cli import cli


def run(runner: CliRunner, db: str, *args: str, input: str | None = None):
    return runner.invoke(cli, ["--db", db, *args], input=input, env={"GLOSSARY_REVIEWER": "tester"})


def _mined(runner: CliRunner, tmp_path: Path, seed_dir: Path) -> str:
    db = str(tmp_path / "t.db")
    assert run(runner, db, "mine", str(seed_dir)).exit_code == 0
    return db


# -------------------------------------------------------------- read-only commands create nothing
def test_read_only_commands_never_create_a_term_base(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "glossry.db"
    for args in (["list"], ["find", "砧板"], ["show", "砧板"], ["stats"], ["history", "砧板"], ["tm", "concord", "x"]):
        r = run(runner, str(missing), *args)
        assert r.exit_code == 1, args
        assert r.output.startswith("Error: no term base at") and "glossary mine" in r.output, args
        assert len(r.output.strip().splitlines()) == 1
    assert not missing.parent.exists()


def test_a_dry_run_import_into_a_new_term_base_makes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "g.csv"
    f.write_text("zh-CN,en-US\n大豆,soybean\n", encoding="utf-8")
    db = tmp_path / "new" / "g.db"
    r = run(runner, str(db), "import", str(f), "--dry-run")
    assert r.exit_code == 0 and "1 added" in r.output
    assert not db.parent.exists()


# ------------------------------------------------------------------ export writes exactly the file named
def test_export_dash_is_standard_output(runner: CliRunner, tmp_path: Path, seed_dir: Path) -> None:
    db = _mined(runner, tmp_path, seed_dir)
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        r = run(runner, db, "export", "-o", "-", "--format", "csv", "--status", "candidate")
    finally:
        os.chdir(old)
    assert r.exit_code == 0 and "zh-CN" in r.stdout
    assert not (tmp_path / "-").exists()
    assert run(runner, db, "export", "-o", "-").exit_code == 2  # no format to guess from


def test_export_writes_through_a_symlink_and_keeps_it(runner: CliRunner, tmp_path: Path, seed_dir: Path) -> None:
    db = _mined(runner, tmp_path, seed_dir)
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert run(runner, db, "export", "-o", str(link), "--status", "candidate").exit_code == 0
    assert link.is_symlink() and "zh-CN" in real.read_text(encoding="utf-8")


def test_export_writes_into_a_fifo_without_replacing_it(runner: CliRunner, tmp_path: Path, seed_dir: Path) -> None:
    db = _mined(runner, tmp_path, seed_dir)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    r = run(runner, db, "export", "-o", str(fifo), "--format", "csv", "--status", "candidate")
    reader.join(10)
    # (a FIFO replaced by a file leaves the reader waiting on the old pipe: a daemon thread, abandoned at exit)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and r.exit_code == 0 and b"zh-CN" in got[0]


def test_new_export_files_follow_the_umask(runner: CliRunner, tmp_path: Path, seed_dir: Path) -> None:
    db = _mined(runner, tmp_path, seed_dir)
    old = os.umask(0o022)
    try:
        assert run(runner, db, "export", "-o", str(tmp_path / "g.tbx"), "--status", "candidate").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "g.tbx").stat().st_mode) == 0o644


# ---------------------------------------------------------------------------------- small ones
def test_a_closed_pipe_ends_output_quietly(tmp_path: Path, seed_dir: Path) -> None:
    db = tmp_path / "t.db"
    env = {**os.environ, "GLOSSARY_REVIEWER": "tester"}
    subprocess.run([sys.executable, "-m", "glossary", "--db", str(db), "mine", str(seed_dir)], env=env, check=True)
    p = subprocess.run(
        f"{sys.executable} -m glossary --db {db} list | true", shell=True, capture_output=True, text=True, env=env
    )
    assert p.stderr == ""  # no "Error: Broken pipe", no traceback


# ------------------------------------------------------------------------- re-mining keeps decisions
def test_re_mining_feeds_a_merged_form_to_its_concept(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("列车的制动系统很重要。煞车系统需要检修。制动距离和煞车距离都要测量。", encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert run(runner, db, "mine", str(src), "--limit", "200").exit_code == 0
    assert run(runner, db, "merge", "制动", "煞车").exit_code == 0
    assert run(runner, db, "mine", str(src), "--limit", "200").exit_code == 0
    shown = run(runner, db, "show", "煞车")
    assert shown.output.startswith("制动"), shown.output
    listed = run(runner, db, "list", "--limit", "500").output
    assert not any(line.split()[2:3] == ["煞车"] for line in listed.splitlines()), "煞车 came back as its own entry"


# ---------------------------------------------------------------------------------- small ones
def test_small_messages_say_what_is_true(runner: CliRunner, tmp_path: Path, seed_dir: Path) -> None:
    db = _mined(runner, tmp_path, seed_dir)
    r = run(runner, db, "tm", "find")
    assert r.exit_code == 2 and "not both" not in r.output and "give a SENTENCE or --file" in r.output
    for verb in ("reject", "forbid", "deprecate", "reopen"):
        assert "--force" not in run(runner, db, verb, "--help").output, verb
    assert "--force" in run(runner, db, "approve", "--help").output
    assert run(runner, db, "approve", "镨钕").exit_code == 0
    r = run(runner, db, "reject", "镨钕")
    assert r.exit_code == 1 and "an approved entry" in r.output


def test_edit_refuses_a_pinyin_that_does_not_fit_the_hanzi(runner: CliRunner, tmp_path: Path, seed_dir: Path) -> None:
    db = _mined(runner, tmp_path, seed_dir)
    r = run(runner, db, "edit", "镨钕", "--pinyin", "pǔ")
    assert r.exit_code == 1 and "2 characters" in r.output
    assert "pǔ nǚ" in run(runner, db, "show", "镨钕").output
    assert run(runner, db, "edit", "镨钕", "--pinyin", "pǔ nǚ").exit_code == 0


def test_a_source_target_header_is_a_header_not_a_segment() -> None:
    from glossary.tm.io import read_pairs

    data = "source,target\n磁钢很强。,The magnet steel is strong.\n".encode()
    assert read_pairs(data, "t.csv") == [("磁钢很强。", "The magnet steel is strong.")]


# ------------------------------------------------------------------- only chosen English goes out
def _approved_with_suggestions(runner: CliRunner, tmp_path: Path) -> str:
    from glossary.models import Equivalent, TermEntry
    from glossary.termbase import TermBase

    db = str(tmp_path / "t.db")
    with TermBase(db) as tb:
        suggestions = [Equivalent("roll noodle stick", "compose", 0.4), Equivalent("noodle stick", "cedict", 0.3)]
        tb.stage([TermEntry("擀面杖", "擀麵杖", "gǎn miàn zhàng", suggestions)], by="miner")
    assert run(runner, db, "edit", "擀面杖", "--english", "rolling pin").exit_code == 0
    assert run(runner, db, "approve", "擀面杖").exit_code == 0
    return db


def test_approval_admits_only_what_the_reviewer_chose(runner: CliRunner, tmp_path: Path) -> None:
    db = _approved_with_suggestions(runner, tmp_path)
    tbx, omegat = tmp_path / "g.tbx", tmp_path / "g.utf8"
    assert run(runner, db, "export", "-o", str(tbx)).exit_code == 0
    assert run(runner, db, "export", "-o", str(omegat)).exit_code == 0
    text = tbx.read_text(encoding="utf-8")
    assert "rolling pin" in text and "roll noodle stick" not in text and "noodle stick" not in text
    assert omegat.read_text(encoding="utf-8").count("\n") == 1
    everything = tmp_path / "all.tbx"
    assert run(runner, db, "export", "-o", str(everything), "--english", "all").exit_code == 0
    assert "roll noodle stick" in everything.read_text(encoding="utf-8")
    seg = tmp_path / "t.tsv"
    seg.write_text("zh\ten\n擀面杖需要检修。\tThe roll noodle stick needs repair.\n", encoding="utf-8")
    r = run(runner, db, "check", str(seg))
    assert r.exit_code == 1 and "rolling pin" in r.output  # a suggestion is no accepted rendering


def test_a_reviewer_drops_a_suggestion_a_variant_or_an_entry(runner: CliRunner, tmp_path: Path) -> None:
    db = _approved_with_suggestions(runner, tmp_path)
    assert run(runner, db, "edit", "擀面杖", "--drop", "roll noodle stick").exit_code == 0
    assert "roll noodle stick" not in run(runner, db, "show", "擀面杖").output
    assert run(runner, db, "edit", "擀面杖", "--drop-variant", "擀麵杖").exit_code == 0
    assert run(runner, db, "edit", "擀面杖", "--drop", "no such English").exit_code == 1
    assert run(runner, db, "delete", "擀面杖", "--note", "test").exit_code == 0
    assert run(runner, db, "show", "擀面杖").exit_code == 1
    from glossary.termbase import TermBase

    with TermBase(db) as tb:
        actions = [r[0] for r in tb.con.execute("SELECT action FROM log ORDER BY id")]
    assert actions[-1] == "delete" and actions.count("edit") >= 3


# --------------------------------------------------------------------- import never wipes
def test_a_thin_import_changes_only_what_the_file_has_and_revert_restores(runner: CliRunner, tmp_path: Path) -> None:
    db = _approved_with_suggestions(runner, tmp_path)
    assert run(runner, db, "edit", "擀面杖", "--admit", "dough roller").exit_code == 0
    before = run(runner, db, "show", "擀面杖").output
    thin = tmp_path / "thin.csv"
    thin.write_text("Chinese,English,Note\n擀面杖,rolling pin frame,from the client\n", encoding="utf-8")
    r = run(runner, db, "import", str(thin), "--on-conflict", "overwrite", "--map", "Chinese=zh-CN,English=en-US")
    assert r.exit_code == 0 and "1 updated" in r.output, r.output
    after = run(runner, db, "show", "擀面杖").output
    assert "[approved]" in after and "擀麵杖" in after and "gǎn miàn zhàng" in after
    assert "dough roller" in after and "rolling pin frame" in after and "note     from the client" in after
    assert run(runner, db, "revert", "擀面杖").exit_code == 0
    assert run(runner, db, "show", "擀面杖").output.replace("[approved]", "") == before.replace("[approved]", "")


def test_an_import_that_lowers_a_status_says_so(runner: CliRunner, tmp_path: Path) -> None:
    db = _approved_with_suggestions(runner, tmp_path)
    f = tmp_path / "g.csv"
    f.write_text("zh-CN,en-US,status\n擀面杖,rolling pin,candidate\n", encoding="utf-8")
    r = run(runner, db, "import", str(f), "--on-conflict", "overwrite")
    assert r.exit_code == 0 and "warning: 擀面杖: status lowered by the file: approved → candidate" in r.output


# --------------------------------------------------------------------------- two reviewers
def test_two_reviewers_are_never_shown_the_same_entry(tmp_path: Path, seed_dir: Path) -> None:
    from glossary.pipeline import mine_paths
    from glossary.termbase import TermBase

    db = str(tmp_path / "t.db")
    with TermBase(db) as tb:
        mine_paths([str(seed_dir)], tb, by="miner")
    with TermBase(db) as ann, TermBase(db) as bob:
        a, b = ann.claim_next("ann"), bob.claim_next("bob")
        assert a and b and a[0].id != b[0].id
        assert a[0].id not in [e.id for e in bob.queue("bob")]
        ann.release("ann")
        assert a[0].id in [e.id for e in bob.queue("bob")]


def test_a_decision_on_an_entry_changed_meanwhile_is_refused_and_review_goes_on(
    runner: CliRunner, tmp_path: Path, seed_dir: Path, monkeypatch
) -> None:
    import glossary.cli as cli_module
    from glossary.models import Status
    from glossary.termbase import TermBase

    db = _mined(runner, tmp_path, seed_dir)
    keys = iter(["r", "q"])
    shown: list[str] = []

    def prompt(text: str, **kwargs: object) -> str:
        key = next(keys)
        if key == "r":  # while ann looks, bob approves the same entry from another process
            with TermBase(db) as bob:
                term = bob.queue("ann", 1)[0].simplified if not shown else shown[0]
                shown.append(term)
                bob.set_status(term, Status.APPROVED, "bob", force=True)
        return key

    monkeypatch.setattr(cli_module.click, "prompt", prompt)
    r = run(runner, db, "review", "--by", "ann")
    assert r.exit_code == 0, r.output
    assert "not decided:" in r.output and "changed since it was shown" in r.output
    assert "stopped after 0 decision(s)" in r.output
    with TermBase(db) as tb:
        assert tb.get(shown[0]).status == Status.APPROVED


# ------------------------------------------------------------------------------ round trips
def test_a_merged_entry_survives_every_round_trip_whole(tmp_path: Path) -> None:
    from glossary.formats import WriteOptions, get_format
    from glossary.formats.base import select_english
    from glossary.models import Context, Equivalent, TermEntry
    from glossary.termbase import TermBase

    def entry(term: str, trad: str, english: str, file: str) -> TermEntry:
        ctx = [Context(file, 10 * i, f"{term}第{i}例。") for i in range(4)]
        return TermEntry(term, trad, "", [Equivalent(english, "cedict", 0.7)], files=[file], count=4, contexts=ctx)

    with TermBase(":memory:") as tb:
        tb.stage([entry("制动", "制動", "braking", "a.txt"), entry("煞车", "煞車", "brake", "b.txt")], by="m")
        tb.merge("制动", "煞车", by="ann")
        merged = tb.get("制动")
        for name in ("csv", "tmx", "tbx"):
            fmt = get_format(name)
            data = fmt.write(select_english(tb.entries(), "all"), WriteOptions())
            with TermBase(":memory:") as other:
                for e in fmt.read(data, f"x.{name}"):
                    other.put(e, by="t")
                back = other.get("制动")
            assert sorted(back.variants) == sorted(merged.variants), name
            assert back.contexts == merged.contexts and len(back.contexts) == 8, name
            assert back.file_counts == merged.file_counts, name


def test_an_approved_entry_with_only_suggestions_keeps_them_suggestions_through_every_format() -> None:
    # found by the stateful test: approved with no English, then a merge brought a suggestion; the import
    # of our own export made that suggestion the preferred English, a choice no reviewer made
    from glossary.formats import WriteOptions, get_format
    from glossary.formats.base import select_english
    from glossary.models import Equivalent, Status, TermEntry
    from glossary.termbase import TermBase

    with TermBase(":memory:") as tb:
        tb.stage(
            [
                TermEntry("串级", "串級", "chuàn jí"),
                TermEntry("级联", "級聯", "jí lián", [Equivalent("cascade", "cedict", 0.6)]),
            ],
            by="m",
        )
        tb.set_status("串级", Status.APPROVED, by="ann", force=True)
        tb.merge("串级", "级联", by="ann")
        for name in ("csv", "tmx", "tbx", "omegat"):
            fmt = get_format(name)
            data = fmt.write(select_english(tb.entries(), "all"), WriteOptions())
            with TermBase(":memory:") as other:
                for e in fmt.read(data, f"x.{name}"):
                    other.put(e, by="t")
                assert [q.role for q in other.get("串级").english] == ["suggested"], name
    # a foreign glossary that names no roles: its approved entry's first English is the one chosen
    tbx = get_format("tbx").write(
        [TermEntry("串级", english=[Equivalent("cascade", "import", 1.0)], status=Status.APPROVED)], WriteOptions()
    )
    foreign = tbx.replace(b"<note>role: suggested</note>", b"")
    assert b"role:" not in foreign
    with TermBase(":memory:") as other:
        for e in get_format("tbx").read(foreign, "x.tbx"):
            other.put(e, by="t")
        assert [q.role for q in other.get("串级").english] == ["preferred"]


def test_omegat_keeps_a_notes_semicolons(tmp_path: Path) -> None:
    from glossary.formats import WriteOptions, get_format
    from glossary.models import Equivalent, TermEntry

    fmt = get_format("omegat")
    e = TermEntry("大豆", note="EU usage; not US; see note 3", english=[Equivalent("soybean", "reviewer")])
    assert fmt.read(fmt.write([e], WriteOptions()), "g.utf8")[0].note == "EU usage; not US; see note 3"


def test_tmx_inline_codes_are_flattened_on_import(runner: CliRunner, tmp_path: Path) -> None:
    tmx = tmp_path / "m.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-CN" segtype="sentence" '
        'datatype="plaintext" adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x"/><body>'
        '<tu><tuv xml:lang="zh-CN"><seg><bpt i="1">&lt;b&gt;</bpt>大豆<ept i="1">&lt;/b&gt;</ept>很重要。</seg></tuv>'
        '<tuv xml:lang="en-US"><seg><bpt i="1">&lt;b&gt;</bpt>Soybeans<ept i="1">&lt;/b&gt;</ept> matter.'
        '<ph x="2">{1}</ph></seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    db = str(tmp_path / "t.db")
    assert run(runner, db, "tm", "import", str(tmx)).exit_code == 0
    r = run(runner, db, "tm", "concord", "大豆")
    assert "大豆很重要。" in r.output and "Soybeans matter." in r.output and "&lt;" not in r.output
    assert "<b>" not in r.output and "{1}" not in r.output


def test_tbx_v2_without_english_gives_no_traditional_target() -> None:
    from translate.storage.tbx import tbxfile

    from glossary.formats import WriteOptions, get_format
    from glossary.models import TermEntry

    fmt = get_format("tbx")
    data = fmt.write([TermEntry("大豆", "大豆元素", "dà dòu")], WriteOptions(tbx_version=2))
    unit = tbxfile.parsestring(data).units[0]
    assert unit.target in ("", None)
    assert fmt.read(data, "g.tbx")[0].traditional == "大豆元素"


# ------------------------------------------------------------------------ input that is nothing
def test_utf16_text_is_mined(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_bytes("钕铁硼磁钢用于驱动马达。钕铁硼磁钢需要镝。".encode("utf-16"))
    db = str(tmp_path / "t.db")
    r = run(runner, db, "mine", str(src), "--limit", "20")
    assert r.exit_code == 0 and "skipped" not in r.output and "钕铁硼" in run(runner, db, "list").output


def test_a_forced_encoding_that_yields_no_chinese_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_bytes("钕铁硼磁钢用于驱动马达。".encode("gbk"))
    r = run(runner, str(tmp_path / "t.db"), "mine", str(src), "--encoding", "latin-1")
    assert r.exit_code == 1 or "no Chinese" in r.output, r.output
    assert "0 terms" not in r.output


def test_csv_with_semicolons_tabs_or_gbk_imports(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    semi = tmp_path / "semi.csv"
    semi.write_text("zh-CN;en-US\n大豆;soybean\n", encoding="utf-8")
    tabs = tmp_path / "tabs.csv"
    tabs.write_text("zh-CN\ten-US\n镨钕\tPrNd\n", encoding="utf-8")
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("zh-CN,en-US\n氧化镝,dysprosium oxide\n".encode("gbk"))
    assert run(runner, db, "import", str(semi)).exit_code == 0
    assert run(runner, db, "import", str(tabs)).exit_code == 0
    # GBK reads as Chinese where Big5 does not: imported as the texts to mine are read, or as --encoding says
    assert run(runner, db, "import", str(gbk)).exit_code == 0
    assert run(runner, db, "import", str(gbk), "--encoding", "gbk").exit_code == 0
    latin = tmp_path / "latin.csv"
    latin.write_bytes("zh-CN,en-US\n咖啡,Café\n".encode().replace("é".encode(), b"\xe9"))
    r = run(runner, db, "import", str(latin))
    assert r.exit_code == 1 and "not UTF-8 text" in r.output and "--encoding" in r.output  # says how to fix
    listed = run(runner, db, "list").output
    assert "soybean" in listed and "PrNd" in listed and "dysprosium oxide" in listed


# ------------------------------------------------------------------------- a killed mine
def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = (task / "children").read_text().split()
        except OSError:  # (a thread or a process that ended between the listing and the read: no children)
            kids = []
        out += [int(k) for k in kids]
    return out


def test_a_killed_mine_leaves_no_worker_and_no_term_base_change(tmp_path: Path) -> None:
    import signal
    import time

    from conftest import SIMPLIFIED, TRADITIONAL, alive

    if not Path("/proc/self/task").exists():
        import pytest

        pytest.skip("needs /proc")
    src = tmp_path / "big"
    src.mkdir()
    for i in range(24):  # over 1 MB in more than 16 files: read, counted and aligned in worker processes
        (src / f"{i:02}.txt").write_text((SIMPLIFIED + TRADITIONAL + f"第{i}篇。\n") * 120, encoding="utf-8")
    db = tmp_path / "t.db"
    env = {**os.environ, "GLOSSARY_REVIEWER": "tester"}
    proc = subprocess.Popen([sys.executable, "-m", "glossary", "--db", str(db), "mine", str(src)], env=env)
    # (a large mine counts in a forked process, which forks its own counting worker: that one must end too)
    seen: set[int] = set()
    deep = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not deep and proc.poll() is None:
        kids = _children(proc.pid)
        grandchildren = [k for w in kids for k in _children(w)]
        seen.update(kids + grandchildren)
        deep = bool(grandchildren)
        time.sleep(0.02)
    if not deep:
        proc.kill()
        import pytest

        pytest.skip("the mine finished before the workers of its workers could be seen")
    workers = sorted(seen)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.05)
    left = [w for w in workers if alive(w)]
    assert not left, f"workers {left} outlived the killed mine"
    if db.exists():  # killed before its one transaction committed: nothing in it
        from glossary.termbase import TermBase

        with TermBase(db) as tb:
            assert tb.stats()["total"] == 0


def test_an_entry_whose_english_is_all_guesses_says_so(runner: CliRunner, tmp_path: Path) -> None:
    from glossary.models import Equivalent, TermEntry
    from glossary.termbase import TermBase

    db = str(tmp_path / "t.db")
    guesses = [Equivalent("roll noodle stick", "compose", 0.2), Equivalent("roll flour stick", "compose", 0.18)]
    with TermBase(db) as tb:
        tb.stage(
            [
                TermEntry("擀面杖", "擀麵杖", "gǎn miàn zhàng", guesses),
                TermEntry("发酵罐", "發酵罐", "fā jiào guàn", [Equivalent("fermenter", "ecdict", 0.4), *guesses]),
            ],
            by="miner",
        )
    assert "no reliable English" in run(runner, db, "show", "擀面杖").output
    assert "no reliable English" not in run(runner, db, "show", "发酵罐").output
    # a reviewer's choice is reliable, whatever its confidence
    assert run(runner, db, "edit", "擀面杖", "--admit", "roll noodle stick").exit_code == 0
    assert "no reliable English" not in run(runner, db, "show", "擀面杖").output
