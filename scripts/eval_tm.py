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

ROOT = Path(__file__).resolve().parent.parent
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


def measure(shared: Path, stem: str, corpus: str) -> dict[str, float]:
    """English top-1 and any on the article's gold rows, without and with the memory."""
    g = glossary_command()
    text = shared / "eval" / "corpora" / corpus / f"{stem}.txt"
    tmx = shared / "eval" / "parallel" / f"{stem}.tmx"
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        db, gold = str(t / "g.db"), t / "gold.tsv"
        _gold_rows(shared / "eval" / "corpora" / corpus / "gold.tsv", stem.split("_")[-1], gold)
        run = lambda *args: subprocess.run([*g, "--db", db, *args], check=True, stdout=subprocess.DEVNULL)  # noqa: E731
        run("mine", str(text), "--limit", "5000")
        run("export", "--format", "csv", "--status", "candidate", "-o", str(t / "before.csv"))
        before = _score(shared, t / "before.csv", gold)
        run("tm", "import", str(tmx))
        run("tm", "extract")
        run("export", "--format", "csv", "--status", "candidate", "-o", str(t / "after.csv"))
        after = _score(shared, t / "after.csv", gold)
    return {"en1": before[0], "en_any": before[1], "tm_en1": after[0], "tm_en_any": after[1]}


def report(shared: Path) -> dict[str, float]:
    """Print one row per translated article and the mean; return the mean (empty without the translations)."""
    if not (shared / "eval" / "parallel").is_dir():
        print("bilingual measure: skipped, no eval/parallel in ../shared")
        return {}
    print("English from the translation memory (article a of each corpus, every candidate, gold rows of a):")
    print(f"  {'article':10} {'en1':>7} {'en_any':>7} {'tm_en1':>7} {'tm_any':>7}")
    rows = {
        s: measure(shared, s, c) for s, c in ARTICLES.items() if (shared / "eval" / "parallel" / f"{s}.tmx").exists()
    }
    for s, r in rows.items():
        print(f"  {s:10} {r['en1']:7.3f} {r['en_any']:7.3f} {r['tm_en1']:7.3f} {r['tm_en_any']:7.3f}")
    if not rows:
        return {}
    mean = {k: sum(r[k] for r in rows.values()) / len(rows) for k in ("en1", "en_any", "tm_en1", "tm_en_any")}
    print(f"  {'mean':10} {mean['en1']:7.3f} {mean['en_any']:7.3f} {mean['tm_en1']:7.3f} {mean['tm_en_any']:7.3f}")
    return mean


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    report(Path(ap.parse_args().shared))
    return 0


if __name__ == "__main__":
    sys.exit(main())
