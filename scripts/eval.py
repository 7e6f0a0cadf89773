"""`make eval`: the miner and alignment on every annotated corpus in ../shared/eval, as a user would run them.

For each corpus (the reference articles in ../shared/seeds with the development list, and every folder of
../shared/eval/corpora with a gold.tsv) it runs `glossary mine DIR` and `glossary export --format csv --status
candidate` into a fresh term base, scores the export with ../shared/eval/score.py, and prints one row:
must recall, all recall, precision, P@100, English top-1 and any, Traditional, pinyin, the candidate ceiling
(must recall with no size cap), and jieba.analyse.extract_tags of the same size beside it. Then the macro mean,
and leave-one-corpus-out: each corpus ranked by the termhood model fitted on the others (the figure that
predicts a field never seen). The reference export stays in exports/eval/glossary.csv.

Exits 1 when a macro figure falls below the floor in scripts/eval_floor.json, or a band of the English
calibration table is further than 0.10 from its confidence (issue 18).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_calibration  # noqa: E402
import eval_tm  # noqa: E402
import train_senses  # noqa: E402
from eval_tm import glossary_command, run_scorer  # noqa: E402
from train import annotated_sets  # noqa: E402

from glossary.mining import training  # noqa: E402
from glossary.mining.model import TermhoodModel  # noqa: E402

COLUMNS = ("must", "all", "prec", "P@100", "en1", "en_any", "trad", "pinyin", "ceiling")


@dataclass
class Row:
    name: str
    values: dict[str, float | None]
    n: int


def figures(res: dict) -> dict[str, float | None]:
    f = res.get("fields", {})
    return {
        "must": res["must_recall"],
        "all": res["all_recall"],
        "prec": res["precision"],
        "P@100": res["recall_at_k"]["100"]["precision"],  # (JSON: the scorer's K is a string key)
        "en1": f.get("english", {}).get("acc"),
        "en_any": f.get("english", {}).get("acc_any_suggestion"),
        "trad": f.get("traditional", {}).get("acc"),
        "pinyin": f.get("pinyin", {}).get("acc"),
    }


def mine_and_export(corpus: training.AnnotatedCorpus, export: Path, *options: str) -> list[str]:
    glossary = glossary_command()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "eval.db")
        subprocess.run(
            [*glossary, "--db", db, "mine", *options, *map(str, corpus.texts)], check=True, stdout=subprocess.DEVNULL
        )
        subprocess.run(
            [*glossary, "--db", db, "export", "--format", "csv", "--status", "candidate", "-o", str(export)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    with export.open(encoding="utf-8") as f:
        return [row["zh-CN"] for row in csv.DictReader(f)]


def cedict_export(export: Path, path: Path) -> None:
    """The plain CC-CEDICT baseline for English: each term of ``export`` with the first sense CC-CEDICT gives the
    whole term (cleaned of labels and "to"), else none."""
    from glossary.align.dictionary import glosses

    with export.open(encoding="utf-8") as f:
        terms = [row["zh-CN"] for row in csv.DictReader(f)]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["zh-CN", "en-US"])
        w.writerows([t, (glosses(t, limit=1) or [""])[0]] for t in terms)


def jieba_export(corpus: training.AnnotatedCorpus, n: int, path: Path) -> None:
    import jieba
    import jieba.analyse

    jieba.setLogLevel(60)
    text = "\n".join(p.read_text(encoding="utf-8") for p in corpus.texts)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["zh-CN"])
        w.writerows([t] for t in jieba.analyse.extract_tags(text, topK=n))


def ranked_export(keys: list[str], probs: list[float], size: int, path: Path) -> None:
    order = sorted(range(len(keys)), key=lambda i: (-probs[i], keys[i]))[:size]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["zh-CN"])
        w.writerows([keys[i]] for i in order)


def fmt(v: float | None) -> str:
    return "  -  " if v is None else f"{v:.3f}"


def table(title: str, rows: list[Row], columns: tuple[str, ...]) -> list[str]:
    lines = [title, f"  {'corpus':12}" + "".join(f"{c:>8}" for c in columns) + f"{'n':>7}"]
    for r in rows:
        lines.append(f"  {r.name:12}" + "".join(f"{fmt(r.values.get(c)):>8}" for c in columns) + f"{r.n:>7}")
    return lines


def macro_line(rows: list[Row], columns: tuple[str, ...]) -> str:
    return f"  {'macro':12}" + "".join(f"{fmt(v):>8}" for v in macro(rows, columns).values())


def macro(rows: list[Row], columns: tuple[str, ...]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for c in columns:
        vals = [r.values[c] for r in rows if r.values.get(c) is not None]
        out[c] = sum(vals) / len(vals) if vals else None  # type: ignore[arg-type]
    return out


def sense_choice_lines(shared: Path) -> list[str]:
    """English with every candidate (the gold rows each corpus's miner lists) composed in the rules' order and
    with the sense-choice weights fitted without the corpus (:mod:`glossary.align.choice`)."""
    from glossary.align import choice

    corpora = train_senses.load(shared)
    for c in corpora:
        train_senses.collect_examples(c)
    shipped = choice.model() or {}
    loo = train_senses.leave_one_out(corpora, float(shipped.get("bigram_bonus", 0)), float(shipped.get("rule_bias", 0)))
    rows = [
        Row(
            c.name,
            dict(zip(("rule1", "ruleany", "loo1", "looany"), (*train_senses.english_scores(c, None), *loo[c.name]))),
            len(c.rows),
        )
        for c in corpora
    ]
    cols = ("rule1", "ruleany", "loo1", "looany")
    title = (
        "English word choice, leave-one-corpus-out (every candidate; n: gold rows listed): the rules' order, and the "
        "sense-choice model fitted on the other corpora"
    )
    return [*table(title, rows, cols), macro_line(rows, cols)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--floor", default=str(ROOT / "scripts" / "eval_floor.json"))
    a = ap.parse_args()
    shared = Path(a.shared)
    if not (shared / "eval" / "score.py").exists():
        print(f"make eval: skipped, {shared} has no eval/score.py (put shared/ beside the checkout)")
        return 0
    corpora = annotated_sets(shared)
    out_dir = ROOT / "exports" / "eval"
    out_dir.mkdir(parents=True, exist_ok=True)

    ours, baseline = [], []
    mined = [training.mine_corpus(c) for c in corpora]
    for corpus, m in zip(corpora, mined):
        stem = "glossary" if corpus.positives_only else f"glossary_{corpus.name}"
        export = out_dir / f"{stem}.csv"
        terms = mine_and_export(corpus, export)
        row = figures(run_scorer(shared, export, corpus.gold))
        row["ceiling"] = training.evaluate(m, [1.0] * len(m.keys), len(m.keys)).ceiling
        ours.append(Row(corpus.name, row, len(terms)))
        jb = out_dir / f"jieba_{corpus.name}.csv"
        jieba_export(corpus, len(terms), jb)
        baseline.append(Row(corpus.name, figures(run_scorer(shared, jb, corpus.gold)), len(terms)))

    english = []  # English with every candidate exported (as held-out fields are measured), and CC-CEDICT's
    for corpus, default in zip(corpora, ours):
        every = out_dir / f"every_{corpus.name}.csv"
        n = len(mine_and_export(corpus, every, "--limit", "5000"))
        values: dict[str, float | None] = {"en1": default.values["en1"], "en_any": default.values["en_any"]}
        cedict_every = out_dir / f"cedict_{corpus.name}.csv"
        cedict_export(every, cedict_every)
        for (top, anyk), path in ((("all1", "allany"), every), (("cedall1", "cedany"), cedict_every)):
            f = figures(run_scorer(shared, path, corpus.gold))
            values[top], values[anyk] = f["en1"], f["en_any"]
        default_cedict = out_dir / f"cedict_default_{corpus.name}.csv"
        stem = "glossary" if corpus.positives_only else f"glossary_{corpus.name}"
        cedict_export(out_dir / f"{stem}.csv", default_cedict)
        values["ced1"] = figures(run_scorer(shared, default_cedict, corpus.gold))["en1"]
        english.append(Row(corpus.name, values, n))

    loo = training.leave_one_out(mined)
    held = []
    model = training.size_rule(training.fit(mined), loo.threshold)
    for corpus, m in zip(corpora, mined):
        probs = loo.probabilities[corpus.name]
        path = out_dir / f"loo_{corpus.name}.csv"
        size = training.output_size(model, probs, m.n_hanzi)
        ranked_export(m.keys, probs, size, path)
        held.append(Row(corpus.name, figures(run_scorer(shared, path, corpus.gold)), size))

    mining_cols = ("must", "all", "prec", "P@100", "ceiling")
    lines = table(
        "glossary mine + export, per corpus (precision on the reference list is the scorer's estimate "
        "for its full list):",
        ours,
        COLUMNS,
    )
    lines.append(macro_line(ours, COLUMNS))
    lines += table("jieba.analyse.extract_tags, same size:", baseline, ("must", "all", "prec", "P@100"))
    lines.append(macro_line(baseline, ("must", "all", "prec", "P@100")))
    en_cols = ("en1", "en_any", "ced1", "all1", "allany", "cedall1", "cedany")
    lines += table(
        "English top-1 and any at the default size (en1, en_any; ced1: the plain CC-CEDICT baseline, its first sense "
        "of the whole term) and with every candidate\n(glossary mine --limit 5000: all1, allany; the baseline "
        "cedall1, cedany); n: candidates",
        english,
        en_cols,
    )
    lines.append(macro_line(english, en_cols))
    lines += table(
        f"leave-one-corpus-out (model fitted on the other corpora; threshold {loo.threshold}):", held, mining_cols[:4]
    )
    loo_macro = macro(held, mining_cols[:4])
    lines.append(macro_line(held, mining_cols[:4]))
    must, precision = training.swept(mined, loo, TermhoodModel.from_dict(model))
    lines.append(
        f"  averaged over thresholds {training.SWEEP[0]}–{training.SWEEP[-1]} (steadier than one threshold, where a "
        f"refit moves the candidates on it): must {must:.3f}, precision of the complete lists {precision:.3f}"
    )
    lines += sense_choice_lines(shared)
    print("\n".join(lines))
    print(f"export: {(out_dir / 'glossary.csv').relative_to(ROOT)}")
    pairs = []
    for corpus in corpora:  # the default exports above, every gold term they hold
        stem = "glossary" if corpus.positives_only else f"glossary_{corpus.name}"
        pairs += eval_calibration.first_suggestions(shared, out_dir / f"{stem}.csv", corpus.gold)
    print("calibration of the first English suggestion (all corpora; a band is honest when 'right' ≈ 'mean conf'):")
    print("\n".join(eval_calibration.table(pairs)))
    bilingual = eval_tm.report(shared)  # English from the hand translations in ../shared/eval/parallel

    floor_path = Path(a.floor)
    if floor_path.exists():
        floor = json.loads(floor_path.read_text(encoding="utf-8"))
        got = {
            **{f"macro_{k}": v for k, v in macro(ours, COLUMNS).items()},
            **{f"loo_{k}": v for k, v in loo_macro.items()},
            **{f"bilingual_{k}": v for k, v in bilingual.items()},
        }
        low = [f"{k} {got[k]:.3f} < {v}" for k, v in floor.items() if got.get(k) is not None and got[k] < v]
        low += [f"calibration band {band}" for band in eval_calibration.off_bands(pairs)]
        if low:
            print(
                "make eval: below the floor of scripts/eval_floor.json or off calibration: " + "; ".join(low),
                file=sys.stderr,
            )
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
