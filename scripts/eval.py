"""`make eval`: mine ../shared/seeds with the real CLI, score the export, and score baselines of the same size.

Prints one summary line each for: glossary, the jieba.analyse.extract_tags
baseline (same number of terms), the plain alignment baseline (OpenCC s2t,
plain pypinyin, CC-CEDICT's first gloss of the exact word) on glossary's own terms,
and alignment alone on every term of the development list, mined or not.
Pass --misses / --fps N to see what was missed and wrongly mined.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def score(shared: Path, path: Path, extra: list[str]) -> str:
    out = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(path), *extra],
                         capture_output=True, text=True, check=True).stdout
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--fps", type=int, default=0)
    a = ap.parse_args()
    shared = Path(a.shared)
    seeds, scorer = shared / "seeds", shared / "eval" / "score.py"
    if not seeds.is_dir() or not scorer.exists():
        print(f"make eval: skipped, {shared} has no seeds/ and eval/score.py (put shared/ beside the checkout)")
        return 0
    out_dir = ROOT / "exports" / "eval"
    out_dir.mkdir(parents=True, exist_ok=True)
    export = out_dir / "glossary.csv"
    glossary = [str(BIN / "glossary")] if (BIN / "glossary").exists() else [sys.executable, "-m", "glossary"]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "eval.db")
        subprocess.run([*glossary, "--db", db, "mine", str(seeds)], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([*glossary, "--db", db, "export", "--format", "csv", "--status", "candidate",
                        "-o", str(export)], check=True, stdout=subprocess.DEVNULL)
    extra = (["--misses"] if a.misses else []) + (["--fps", str(a.fps)] if a.fps else [])
    report = score(shared, export, extra)
    if extra:
        print(report)
    ours = report.strip().splitlines()[-1]

    with export.open(encoding="utf-8") as f:
        terms = [row["zh-CN"] for row in csv.DictReader(f)]
    n = len(terms)

    import jieba
    import jieba.analyse

    jieba.setLogLevel(60)
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    tags = jieba.analyse.extract_tags(text, topK=n)
    jb = out_dir / "jieba_baseline.csv"
    with jb.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["zh-CN"])
        w.writerows([t] for t in tags)
    jieba_line = score(shared, jb, []).strip().splitlines()[-1]

    import opencc
    from pypinyin import pinyin

    from glossary.align import dictionary

    s2t = opencc.OpenCC("s2t")
    base = out_dir / "align_baseline.csv"
    with base.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["zh-CN", "zh-TW", "pinyin", "en-US"])
        for t in terms:
            first = next((e.senses[0] for e in dictionary.lookup(t) if e.senses), "")
            w.writerow([t, s2t.convert(t), " ".join(s[0] for s in pinyin(t)), first])
    base_line = score(shared, base, []).strip().splitlines()[-1]

    # alignment alone, on every term of the development list (mined or not): what the English, Traditional
    # and pinyin rules do without the miner's choice of terms in the way
    sys.path.insert(0, str(shared / "eval"))
    import score as gold_score  # the scorer's own reading of the gold file

    from glossary.align import align_candidate
    from glossary.models import Candidate

    gold = shared / "eval" / "dev_gold.tsv"
    rows = gold_score.load_gold(str(gold))[0] if gold.exists() else []
    every_line = "skipped (no eval/dev_gold.tsv)"
    if rows:
        every = out_dir / "align_every_gold_term.csv"
        with every.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["zh-CN", "zh-TW", "pinyin", "en-US"])
            for r in rows:
                e = align_candidate(Candidate(term=r["simplified"]))
                w.writerow([e.simplified, e.traditional, e.pinyin, " | ".join(q.text for q in e.english)])
        fields = score(shared, every, []).strip().splitlines()[-1].split()
        every_line = " ".join(x for x in fields if x.startswith(("english", "trad", "pinyin")))

    print(f"glossary               : {ours}")
    print(f"jieba.extract_tags     : {jieba_line}")
    print(f"plain s2t/pypinyin/CEDICT first gloss, same terms: {base_line}")
    print(f"alignment alone on all {len(rows)} dev-gold terms: {every_line}")
    print(f"export: {export.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
