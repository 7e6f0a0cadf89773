"""The bilingual measure of `make eval`: English for a translated article's terms, without and with its memory.

For each hand-translated article in ../shared/eval/parallel (one per annotated corpus), as a user would: mine the
article (every candidate), export, score English against the corpus's gold rows of that article; then import the
article's memory, run `tm extract`, export and score again. Prints one row per article and the mean.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))  # train_tm, for the leave-one-article-out weights
BIN = Path(sys.executable).parent  # the environment running make eval
#: parallel file stem → the annotated corpus it translates
ARTICLES = {"med_a": "medicine", "energy_a": "energy", "finance_a": "finance"}


def glossary_command() -> list[str]:
    """The `glossary` of this interpreter's environment (``python -m glossary`` where no script is installed)."""
    return [str(BIN / "glossary")] if (BIN / "glossary").exists() else [sys.executable, "-m", "glossary"]


def run_scorer(shared: Path, path: Path, gold: Path, *extra: str) -> dict:
    """../shared/eval/score.py's JSON for an export scored against a gold list."""
    out = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), str(path), "--gold", str(gold), "--json", *extra],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def _gold_rows(gold: Path, letter: str, out: Path) -> None:
    with gold.open(encoding="utf-8") as f, out.open("w", encoding="utf-8") as g:
        rows = list(csv.reader(f, delimiter="\t"))
        w = csv.writer(g, delimiter="\t", lineterminator="\n")
        w.writerow(rows[0])
        files = rows[0].index("files")
        w.writerows(r for r in rows[1:] if letter in r[files].split())


def _score(shared: Path, export: Path, gold: Path) -> tuple[float, float]:
    f = run_scorer(shared, export, gold).get("fields", {}).get("english", {})
    return f.get("acc") or 0.0, f.get("acc_any_suggestion") or 0.0


#: the memory's suggestions at this confidence or more should be wrong at most one time in ten (issue 21)
HIGH = 0.8


def _scorer(shared: Path) -> ModuleType:
    """../shared/eval/score.py as a module (its normalisation of terms and English)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def high_confidence(shared: Path, export: Path, gold: Path) -> tuple[int, int]:
    """(right, all) of the memory's suggestions at :data:`HIGH` confidence or more on the gold rows, every
    suggestion of a row counted, judged as ../shared/eval/score.py judges English."""
    score = _scorer(shared)
    with gold.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    english: dict[str, set[str]] = {}
    for r in rows:
        for form in [r["simplified"], *(v for v in r.get("variants", "").split("|") if v.strip())]:
            english.setdefault(score.norm_term(form), {score.norm_en(e) for e in score.split_en(r["english"])})
    right = n = 0
    with export.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            golds = english.get(score.norm_term(row["zh-CN"]))
            if golds is None:
                continue
            for text, source, conf in zip(
                row["en-US"].split(" | "), row["source"].split(" | "), row["confidence"].split(" | ")
            ):
                if source == "tm" and float(conf) >= HIGH:
                    n += 1
                    right += score.norm_en(text) in golds
    return right, n


_EXAMPLES: dict[str, list] = {}


def _examples(shared: Path, stem: str, corpus: str) -> list:
    """An article's training examples, computed once per run."""
    import train_tm

    if stem not in _EXAMPLES:
        _EXAMPLES[stem] = train_tm.examples(shared, stem, corpus)
    return _EXAMPLES[stem]


def _loo_model(shared: Path, stem: str, out: Path) -> bool:
    """The span weights fitted on the other translated articles (scripts/train_tm.py), written to ``out``."""
    import train_tm

    others = {s: c for s, c in ARTICLES.items() if s != stem and (shared / "eval" / "parallel" / f"{s}.tmx").exists()}
    if not others:
        return False
    data = {s: _examples(shared, s, c) for s, c in others.items()}
    model = train_tm.fit([e for rows in data.values() for e in rows])
    train_tm.fold_calibrations(model, data)  # its calibrations, themselves leave-one-out among the others
    out.write_text(json.dumps(model), encoding="utf-8")
    return True


def measure(shared: Path, stem: str, corpus: str) -> dict[str, float]:
    """English top-1 and any on the article's gold rows: without the memory, with it (the shipped span weights),
    and with span weights fitted without this article (leave-one-article-out)."""
    import os
    import shutil

    g = glossary_command()
    text = shared / "eval" / "corpora" / corpus / f"{stem}.txt"
    tmx = shared / "eval" / "parallel" / f"{stem}.tmx"
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        db, gold = str(t / "g.db"), t / "gold.tsv"
        _gold_rows(shared / "eval" / "corpora" / corpus / "gold.tsv", stem.split("_")[-1], gold)

        def run(*args: str, base: str = db, env: dict[str, str] | None = None) -> None:
            subprocess.run([*g, "--db", base, *args], check=True, stdout=subprocess.DEVNULL, env=env)

        run("mine", str(text), "--limit", "5000")
        run("export", "--format", "csv", "--status", "candidate", "-o", str(t / "before.csv"))
        before = _score(shared, t / "before.csv", gold)
        run("tm", "import", str(tmx))
        shutil.copy(db, t / "loo.db")
        run("tm", "extract")
        run("export", "--format", "csv", "--status", "candidate", "-o", str(t / "after.csv"))
        after = _score(shared, t / "after.csv", gold)
        high = high_confidence(shared, t / "after.csv", gold)
        loo, loo_high = (0.0, 0.0), (0, 0)
        if _loo_model(shared, stem, t / "loo.json"):
            env = {**os.environ, "GLOSSARY_TM_SPANS": str(t / "loo.json")}
            run("tm", "extract", base=str(t / "loo.db"), env=env)
            run("export", "--format", "csv", "--status", "candidate", "-o", str(t / "loo.csv"), base=str(t / "loo.db"))
            loo = _score(shared, t / "loo.csv", gold)
            loo_high = high_confidence(shared, t / "loo.csv", gold)
    return {
        "en1": before[0],
        "en_any": before[1],
        "tm_en1": after[0],
        "tm_en_any": after[1],
        "loo_en1": loo[0],
        "loo_any": loo[1],
        "high_right": high[0],
        "high_n": high[1],
        "loo_high_right": loo_high[0],
        "loo_high_n": loo_high[1],
    }


def _measure(job: tuple[Path, str, str]) -> dict[str, float]:
    return measure(*job)


KEYS = ("en1", "en_any", "tm_en1", "tm_en_any", "loo_en1", "loo_any")


def report(shared: Path) -> dict[str, float]:
    """Print one row per translated article and the mean; return the mean (empty without the translations)."""
    if not (shared / "eval" / "parallel").is_dir():
        print("bilingual measure: skipped, no eval/parallel in ../shared")
        return {}
    print("English from the translation memory (article a of each corpus, every candidate, gold rows of a;")
    print("tm_: the shipped span weights, loo_: weights fitted without the article):")
    print(f"  {'article':10} " + " ".join(f"{k:>9}" for k in KEYS))
    from glossary.workers import default_workers, fork_map

    articles = [(s, c) for s, c in ARTICLES.items() if (shared / "eval" / "parallel" / f"{s}.tmx").exists()]
    # (each article in a process of its own, side by side: its seven commands in turn were two thirds of make eval)
    found = fork_map(_measure, [(shared, s, c) for s, c in articles], workers=default_workers())
    rows = dict(zip([s for s, _ in articles], found))
    for s, r in rows.items():
        print(f"  {s:10} " + " ".join(f"{r[k]:9.3f}" for k in KEYS))
    if not rows:
        return {}
    mean = {k: sum(r[k] for r in rows.values()) / len(rows) for k in KEYS}
    print(f"  {'mean':10} " + " ".join(f"{mean[k]:9.3f}" for k in KEYS))
    for label, prefix in (("shipped weights", ""), ("leave-one-article-out", "loo_")):
        right, n = (sum(int(r[f"{prefix}high_{k}"]) for r in rows.values()) for k in ("right", "n"))
        print(
            f"  memory suggestions at confidence >= {HIGH} ({label}): {n}, right {right}"
            + (f" ({right / n:.2f})" if n else "")
        )
    return mean


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    report(Path(ap.parse_args().shared))
    return 0


if __name__ == "__main__":
    sys.exit(main())
