"""The termhood model: features of shape and statistics, the shipped model, the output size, training."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.errors import ModelError
from glossary.mining import Miner, mine_documents
from glossary.mining.features import FEATURES
from glossary.mining.marks import MARKS
from glossary.mining.measure import candidate_features, candidate_probabilities
from glossary.mining.model import TermhoodModel, load_model
from glossary.models import Document

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = SHARED / "eval" / "corpora"


def test_every_counted_candidate_gets_one_row_of_every_feature() -> None:
    m = Miner()
    m.add(Document("a.txt", "无线充电技术发展很快。无线充电需要线圈。线圈的成本下降。", "utf-8"))
    keys, rows = candidate_features(m)
    assert set(keys) == set(m.count) and all(len(r) == len(FEATURES) for r in rows)
    # a stop-list character inside a word no longer hides it: 无 begins 无线充电
    assert "无线充电" in keys


def test_a_candidates_row_is_the_same_measured_alone_or_among_all() -> None:
    # features are measured a column at a time over arrays of words: a row must not depend on its neighbours
    m = Miner()
    m.add(Document("a.txt", "政府报告提到稀有金属。政府报告在3月发布，ＡＢＣ公司对此表示关注。", "utf-8"))
    keys, rows = candidate_features(m)
    for k, row in zip(keys, rows):
        assert candidate_features(m, [k])[1] == [row]


def test_a_miner_that_lets_its_counts_go_when_ranked_ranks_the_same_and_counts_no_more() -> None:
    # glossary mine ranks once: what only the features read (every candidate's words, neighbours and files) is
    # read into arrays and the miner's dicts let go of before the feature workers fork; the scores must be the
    # ones a miner that keeps them gives, in one process or two, and the spent miner must refuse to go on
    from glossary.errors import GlossaryError

    text = "无线充电技术发展很快。无线充电需要线圈，线圈的成本下降。“无线充电联盟”（WPC）发布了新标准。"
    miners = []
    for _ in range(3):
        m = Miner()
        m.add(Document("a.txt", text, "utf-8"))
        m.add(Document("b.txt", "线圈和磁芯是无线充电器的核心部件。", "utf-8"))
        miners.append(m)
    keys, kept = miners[0].probabilities(workers=1)
    for m, workers in zip(miners[1:], (1, 2)):
        released_keys, scores = m.probabilities(workers=workers, release=True)
        assert released_keys == keys and scores.tolist() == kept.tolist()
        assert m.released and not m.shapes and not m.left and not m.right
        with pytest.raises(GlossaryError, match="released"):
            m.add(Document("c.txt", text, "utf-8"))
        with pytest.raises(GlossaryError, match="released"):
            candidate_features(m)


def test_the_native_columns_are_the_python_ones_to_the_last_bit(monkeypatch: pytest.MonkeyPatch) -> None:
    # the count columns, the neighbours' entropies, what the candidates' strings say and the model's probabilities
    # are read in C (glossary/native/columns.c) where it could be built; the rows must be the very numbers
    # the model was fitted on (make train reproduces the shipped file byte for byte), and the scores the ones it
    # gives them, so the same to the last bit as the Python twin's: the repository's seeds and the shared texts
    from glossary import native
    from glossary.sources import read_sources

    if native.load_module("columns") is None:
        pytest.skip("no C compiler here: the Python columns are the miner's")
    root = Path(__file__).resolve().parent.parent
    folders = [root / "seeds", *(p for p in (SHARED / "seeds", *sorted(CORPORA.glob("*"))) if p.is_dir())]
    miners = []
    for folder in folders:
        m = Miner()
        for d in read_sources([folder]).documents:
            m.add(d)
        miners.append(m)
    model = load_model()

    def measured() -> list[tuple[list[str], list[list[float]], list[float]]]:
        out = []
        for m in miners:
            keys, rows = candidate_features(m)
            out.append((keys, rows, candidate_probabilities(m, keys, model).tolist()))
        return out

    in_c = measured()
    monkeypatch.setenv(native.NATIVE_ENV, "0")
    monkeypatch.setattr(native, "_loaded", {})
    in_python = measured()
    assert sum(len(keys) for keys, _, _ in in_c) > 1000
    assert in_c == in_python


def test_the_rarest_gloss_word_is_the_dictionarys_even_when_common() -> None:
    # a word whose gloss is everyday English (政府 "government") has that word's frequency as its rarity, and a
    # phrase the rarest of its words' (not the 4.0 that stands for "no entry")
    from glossary.mining.lexical import gloss_register

    m = Miner()
    m.add(Document("a.txt", "政府报告很长。政府报告发布了。", "utf-8"))
    keys, rows = candidate_features(m)
    at, has = FEATURES.index("gloss_rarity"), FEATURES.index("has_gloss")
    words = [gloss_register(w)[0] for w in ("政府", "报告")]
    assert min(words) > 4.0
    assert rows[keys.index("政府报告")][at] == min(words) and rows[keys.index("政府报告")][has] == 1.0
    # the digits and Latin letters of a string, as str.isdigit and ASCII letters
    m.add(Document("b.txt", "CO2排放持续增加。CO2排放总量下降。", "utf-8"))
    keys, rows = candidate_features(m)
    digits, mixed = FEATURES.index("digits"), FEATURES.index("mixed_latin")
    assert {k for k, r in zip(keys, rows) if r[digits]} == {k for k in keys if "CO2" in k}
    assert {k for k, r in zip(keys, rows) if r[mixed]} == {k for k in keys if "CO2" in k and k != "CO2"}


def test_the_score_is_the_models_probability_and_ranks_the_output() -> None:
    text = "无线充电技术发展很快。无线充电需要线圈。线圈的成本下降。无线充电标准统一。"
    cands = mine_documents([Document("a.txt", text, "utf-8")])
    scores = [c.score for c in cands]
    assert scores == sorted(scores, reverse=True) and all(0 <= s < 1 for s in scores)


def test_a_piece_seen_only_inside_a_better_candidate_is_demoted() -> None:
    import dataclasses

    from glossary.mining.model import fragments

    m = Miner()
    text = "聚氯乙烯管材耐腐蚀。聚氯乙烯管材用于排水。工厂扩产聚氯乙烯管材。"
    m.add(Document("a.txt", text, "utf-8"))
    shipped = load_model()
    assert 0 < shipped.fragment_factor < 1  # fitted by make train
    plain = {c.term: c.score for c in m.score(dataclasses.replace(shipped, fragment_factor=1.0))}
    demoted = {c.term: c.score for c in m.score(shipped)}
    keys = list(plain)
    pieces = {keys[i] for i in fragments(keys, [m.count[k] for k in keys], [plain[k] for k in keys])}
    # 氯乙烯管材 is seen three times, always inside 聚氯乙烯管材, which ranks above it
    assert "氯乙烯管材" in pieces and "聚氯乙烯管材" not in pieces
    for k in keys:
        expected = plain[k] * shipped.fragment_factor if k in pieces else plain[k]
        assert demoted[k] == pytest.approx(expected, abs=1e-4)


def test_the_shipped_model_names_this_feature_set_and_a_size_rule() -> None:
    m = load_model()
    assert m.features == FEATURES and len(m.coef) == len(FEATURES)
    assert 0 < m.threshold < 1 and m.floor >= 1


def test_a_model_of_another_feature_set_is_refused_with_a_fix(tmp_path: Path) -> None:
    data = json.loads((Path(__file__).parents[1] / "glossary" / "data" / "termhood.json").read_text("utf-8"))
    data["feature_version"] = -1
    bad = tmp_path / "old.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="refit"):
        load_model(bad)
    with pytest.raises(ModelError, match="not JSON"):
        (tmp_path / "x.json").write_text("<xml/>", encoding="utf-8")
        load_model(tmp_path / "x.json")


def test_a_large_mine_says_what_is_wrong_with_the_model_as_a_small_one_does(
    tmp_path: Path, seed_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (a large input is ranked in a forked process: its error comes back, typed, with its message)
    from glossary.sources import read_sources

    (tmp_path / "x.json").write_text("<xml/>", encoding="utf-8")
    monkeypatch.setenv("GLOSSARY_TERMHOOD_MODEL", str(tmp_path / "x.json"))
    docs = read_sources([seed_dir]).documents * 3
    for workers in (1, 2):
        with pytest.raises(ModelError, match="not JSON"):
            mine_documents(docs, workers=workers)


def test_the_output_size_follows_the_threshold_between_floor_and_cap() -> None:
    zeros = (0.0,) * len(FEATURES)
    m = TermhoodModel(
        FEATURES, zeros, (1.0,) * len(FEATURES), zeros, 0.0, threshold=0.5, floor=10, per_hanzi=0.01, cap=100
    )
    probs = [0.9] * 60 + [0.2] * 500
    assert m.size(probs, n_hanzi=10_000) == 60  # above the threshold
    assert m.size(probs, n_hanzi=1_000) == 10  # a small text: its cap (10 per 1,000 Hanzi) is the floor
    assert m.size([0.9] * 500, n_hanzi=1_000_000) == 100  # never past the cap
    assert m.size([0.1] * 5, n_hanzi=1_000) == 5  # the floor never asks for more than there is


@pytest.mark.skipif(not CORPORA.is_dir(), reason="needs ../shared/eval/corpora")
def test_every_must_term_of_each_annotated_corpus_is_a_candidate_nearly() -> None:
    from glossary.mining import training

    for folder in sorted(p for p in CORPORA.iterdir() if (p / "gold.tsv").exists()):
        mined = training.mine_corpus(training.load_corpus(folder))
        ceiling = training.evaluate(mined, [1.0] * len(mined.keys), len(mined.keys)).ceiling
        assert ceiling >= 0.96, (folder.name, ceiling)


@pytest.mark.skipif(not CORPORA.is_dir(), reason="needs ../shared/eval/corpora")
def test_training_labels_come_from_the_list_and_the_readme_words_left_out_are_unlabelled() -> None:
    from glossary.mining import training

    folder = next(p for p in sorted(CORPORA.iterdir()) if (p / "gold.tsv").exists())
    corpus = training.load_corpus(folder)
    mined = training.mine_corpus(corpus)
    assert 1 in mined.labels and 0 in mined.labels
    for key, label in zip(mined.keys, mined.labels):
        form = training.norm_form(key)
        assert (label == 1) == (form in corpus.forms)
        if form in corpus.unlabelled and form not in corpus.forms:
            assert label is None
    sample = training.load_corpus(SHARED / "seeds", SHARED / "eval" / "dev_gold.tsv", "reference", positives_only=True)
    assert 0 not in training.mine_corpus(sample).labels  # a sample list gives positives only


def test_each_feature_lands_in_its_named_slot() -> None:
    # the rows are filled by position for speed; a slot off by one would feed the model the wrong signal
    m = Miner()
    m.add(Document("a.txt", "国会通过《清洁供暖法案》。清洁供暖法案影响很大。ABC+产品很多。", "utf-8"))
    keys, rows = candidate_features(m)
    row = dict(zip(FEATURES, rows[keys.index("清洁供暖法案")]))
    assert row["title"] == 1.0 and row["latin"] == 0.0 and row["chars"] > 0 and row["words"] >= 1
    latin = dict(zip(FEATURES, rows[keys.index("ABC+")]))
    assert latin["latin"] == 1.0 and latin["title"] == 0.0 and latin["first_latin"] == 1.0
    assert 0.0 <= latin["lexicon_share"] <= 1.0 and latin["acronym"] == 1.0
    # TF-IDF is the log count times the whole's rarity in general Chinese
    assert row["tf_idf"] == pytest.approx(row["count"] * -row["general_whole"]) and row["tf_idf"] > 0


def test_what_the_writer_sets_off_is_measured_as_such_in_any_process() -> None:
    # things a writer lists with the enumeration comma are of one kind (a field's terms, seen once or not);
    # the first item is not counted (it is as often the tail of a clause: 负责清洗、…); a span in quotation
    # marks, in brackets or right before them is set off too
    text = "工厂生产硫酸铜、硫酸锌、氯化钠和氯化钾等化工产品。硫酸锌用于农药，氯化钠很便宜。“循环经济”流行。回收废料（下脚料）价低。"
    m = Miner()
    m.add(Document("a.txt", text, "utf-8"))
    keys, rows = candidate_features(m)
    at = FEATURES.index("listed")
    assert FEATURES[at : at + len(MARKS)] == tuple(MARKS)  # (the rows are filled in that order)
    shares = {
        name: {k: r[FEATURES.index(name)] for k, r in zip(keys, rows) if r[FEATURES.index(name)]} for name in MARKS
    }
    assert shares == {
        "listed": {"硫酸锌": 0.5, "氯化钠": 0.5},
        "in_quotes": {"循环经济": 1.0},
        "bracketed": {"回收废料": 1.0, "下脚料": 1.0},
    }
    # counted by forked workers and merged, the counts are the same
    docs = [Document(f"{i}.txt", text, "utf-8") for i in range(4)]
    one, two = Miner(), Miner()
    for d in docs:
        one.add(d)
    from glossary.mining.mine import count_share

    two.merge(docs[:2], count_share(docs[:2]))
    two.merge(docs[2:], count_share(docs[2:]))
    assert one.marked == two.marked and one.marked["listed"]["硫酸锌"] == 4


def _annotated(folder: Path, texts: dict[str, str], terms: list[str]) -> Path:
    folder.mkdir(parents=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    rows = ["id\tsimplified\tmust\tvariants"] + [f"x{i}\t{t}\t1\t" for i, t in enumerate(terms)]
    (folder / "gold.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_glossary_train_fits_a_model_the_miner_then_uses(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from glossary.cli import cli

    soy = _annotated(
        tmp_path / "soy",
        {
            "a.txt": "大豆压榨厂扩大产量。豆粕价格上涨，大豆压榨利润回升。豆粕需求来自饲料企业。",
            "b.txt": "今年大豆进口增加。压榨厂的豆粕库存下降，饲料企业采购豆粕。",
        },
        ["大豆", "豆粕", "压榨厂", "饲料企业"],
    )
    pipes = _annotated(
        tmp_path / "pipes",
        {"a.txt": "聚氯乙烯管材需要稳定剂。管材厂采购稳定剂，聚氯乙烯价格上涨。管材厂今年扩产。"},
        ["聚氯乙烯", "聚氯乙烯管材", "稳定剂", "管材厂"],
    )
    out = tmp_path / "mine.json"
    r = CliRunner().invoke(cli, ["train", str(soy), str(pipes), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "left out soy: must recall" in r.output and "left out pipes:" in r.output
    model = load_model(out)  # a model of this feature set, with a size rule
    assert model.features == FEATURES and 0 < model.threshold < 1
    rows = candidate_features(_miner("大豆压榨厂扩产，豆粕价格上涨。"))[1]
    assert model.probabilities(rows) != load_model().probabilities(rows)  # its own weights, not the shipped


def _miner(text: str) -> Miner:
    m = Miner()
    m.add(Document("t.txt", text, "utf-8"))
    return m


def test_glossary_train_refuses_what_is_no_annotated_corpus_and_writes_nothing(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from glossary.cli import cli

    out = tmp_path / "m.json"
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.txt").write_text("大豆压榨厂扩大产量。", encoding="utf-8")
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / "a.txt").write_text("大豆压榨厂扩大产量。", encoding="utf-8")
    (wrong / "gold.tsv").write_text("id\tterm\n1\t大豆\n", encoding="utf-8")
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / "a.txt").write_text("大豆压榨厂扩大产量。", encoding="utf-8")
    (legacy / "gold.tsv").write_bytes("id\tsimplified\tmust\tvariants\nx1\t大豆\t1\t\n".encode("gb18030"))
    for folder, says in [
        (tmp_path / "none", "no such folder"),
        (plain, "no gold.tsv"),
        (wrong, "no 'simplified' column"),
        (legacy, "not UTF-8"),
    ]:
        r = CliRunner().invoke(cli, ["train", str(folder), "-o", str(out)])
        assert r.exit_code == 1 and says in r.output and len(r.output.strip().splitlines()) == 1, r.output
        assert not out.exists()


@pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="needs ../shared/eval")
def test_the_package_code_names_no_term_of_the_annotated_lists() -> None:
    # a term of a gold list in the package's code (a rule, an example, a comment) is tuning to that list, or
    # reads as such: examples use other words that show the same (a doctest once used a term of the finance list this way)
    import csv

    lists = [SHARED / "eval" / "dev_gold.tsv", *sorted((SHARED / "eval" / "corpora").glob("*/gold.tsv"))]
    terms = set()
    for path in lists:
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                term = (row.get("simplified") or "").strip()
                if len(term) >= 3 and not term.isascii():  # (two characters are often everyday words)
                    terms.add(term)
    root = Path(__file__).resolve().parents[1]
    # (and the docs, whose examples read as the package's: the README shows the demo's own terms of the seeds)
    files = [*sorted((root / "glossary").rglob("*.py")), *sorted((root / "docs").glob("*.md"))]
    found = {
        str(p.relative_to(root)): sorted(t for t in terms if t in text)
        for p in files
        if any(t in (text := p.read_text(encoding="utf-8")) for t in terms)
    }
    assert terms and found == {}


def test_a_flag_few_training_candidates_carry_cannot_outweigh_the_rest() -> None:
    """Four negatives of 12,000 carry a flag (energy's elements, which its list was not after): fitted, the
    flag must not sink a candidate of another field that carries it by more than a few points of log-odds, as
    it did (−3.1: every element of a rare-earth text ranked in the thousands)."""
    import random

    from glossary.mining import training

    rng = random.Random(7)
    flag, signal = FEATURES.index("chemical"), FEATURES.index("spec_mean")
    sets = []
    for name in ("one", "two"):
        rows, labels = [], []
        for i in range(6000):
            label = int(rng.random() < 0.1)
            row = [0.0] * len(FEATURES)
            row[signal] = rng.gauss(1.5 if label else 0.0, 1.0)
            if name == "one" and i < 4:
                row[flag], label = 1.0, 0
            rows.append(row)
            labels.append(label)
        corpus = training.AnnotatedCorpus(name, [], Path("gold.tsv"))
        sets.append(training.MinedCorpus(corpus, [str(i) for i in range(6000)], rows, labels, 60000, [1] * 6000))
    model = training.fit(sets)
    shift = model["coef"][flag] / model["scale"][flag]  # the log-odds the flag adds
    assert -3.0 < shift <= 0
    assert model["coef"][signal] > 0  # (the informative feature still decides)


def test_a_flag_fewer_training_candidates_carry_than_the_least_support_is_not_weighed_and_a_common_one_is() -> None:
    """Four negatives carry one flag, forty candidates (mostly terms) another: the first gets no weight at all (it
    took 0.9 from the log-odds of every compound of every other field), the second keeps its say."""
    import random

    from glossary.mining import training

    rng = random.Random(11)
    rare, common, signal = FEATURES.index("chemical"), FEATURES.index("quoted"), FEATURES.index("spec_mean")
    rows, labels = [], []
    for i in range(6000):
        label = int(rng.random() < 0.1)
        row = [0.0] * len(FEATURES)
        row[signal] = rng.gauss(1.5 if label else 0.0, 1.0)
        if i < training.MIN_FLAG_SUPPORT - 1:
            row[rare], label = 1.0, 0
        elif i < 50:
            row[common], label = 1.0, int(i % 4 != 0)
        rows.append(row)
        labels.append(label)
    corpus = training.AnnotatedCorpus("one", [], Path("gold.tsv"))
    model = training.fit([training.MinedCorpus(corpus, [str(i) for i in range(6000)], rows, labels, 60000, [1] * 6000)])
    assert model["coef"][rare] == 0
    assert model["coef"][common] > 0.1
