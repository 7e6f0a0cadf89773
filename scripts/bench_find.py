"""`make bench` (second part): `glossary find` on a large term base, against grep over a TSV dump.

Builds a term base of CC-CEDICT (every headword, through the public CSV import path) plus
general words from wordfreq that CC-CEDICT lacks, to pass 120,000 entries; then times each
kind of query in process (p50/p95 over several queries) and `glossary find` from a cold
process, beside `grep` over a TSV dump of the same entries.
"""

from __future__ import annotations

import csv
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent

QUERIES = {
    "simplified": ["稀土", "镨钕", "电脑", "中华人民共和国", "出口"],
    "traditional": ["鐠釹", "電腦", "稀土元素", "關鍵", "經濟"],
    "pinyin marks": ["pǔ nǚ", "xī tǔ", "diàn nǎo", "jīng jì", "guān jiàn"],
    "pinyin numbers": ["pu3 nv3", "xi1tu3", "dian4nao3", "jing1ji4", "guan1 jian4"],
    "pinyin plain": ["punv", "xi tu", "diannao", "jingji", "guanjian"],
    "english": ["neodymium", "computer", "rare earth", "economy", "export"],
    "prefix": ["稀土", "电", "关键", "中华", "经济"],
    "substring": ["土元", "磁铁", "管制", "人民共", "萃取"],
    "fuzzy (no match)": ["neodymum", "compuetr", "econmy", "稀土永磁材料X", "xyzzy"],
}


def build(db: Path, tmp: Path) -> int:
    from wordfreq import top_n_list

    from glossary.align.dictionary import load, lookup

    rows = {}
    for simp in load():
        entries = lookup(simp)
        rows[simp] = (entries[0].traditional, " | ".join(s for e in entries for s in e.senses if s)[:300])
    for w in top_n_list("zh", 60000):
        if len(rows) >= 128000:
            break
        if w not in rows and not w.isascii():
            rows[w] = ("", "")
    src = tmp / "cedict.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["zh-CN", "zh-TW", "en-US", "source"])
        for simp, (trad, en) in rows.items():
            out.writerow([simp, trad, en, " | ".join(["cedict"] * len(en.split(" | "))) if en else ""])
    t0 = time.perf_counter()
    subprocess.run([str(BIN / "glossary"), "--db", str(db), "import", str(src)], check=True, stdout=subprocess.DEVNULL)
    print(f"term base: {len(rows)} entries imported through `glossary import` in {time.perf_counter() - t0:.0f} s")
    with (tmp / "dump.tsv").open("w", encoding="utf-8") as f:
        for simp, (trad, en) in rows.items():
            f.write(f"{simp}\t{trad}\t{en}\n")
    return len(rows)


def main() -> int:
    from glossary.termbase import TermBase

    tmp = Path(tempfile.mkdtemp())
    try:
        db = tmp / "big.db"
        build(db, tmp)
        print(
            f"{'query kind':<18} {'p50 ms':>7} {'p95 ms':>7}  (in process: TermBase.lookup = find, "
            f"and 'did you mean' when nothing matches; 5 queries × 5 runs)"
        )
        with TermBase(db) as tb:
            worst = 0.0
            for kind, qs in QUERIES.items():
                times = []
                for _ in range(5):
                    for q in qs:
                        t0 = time.perf_counter()
                        tb.lookup(q)  # find, and "did you mean" when nothing matches
                        times.append((time.perf_counter() - t0) * 1000)
                times.sort()
                p95 = times[int(0.95 * (len(times) - 1))]
                worst = max(worst, p95)
                print(f"{kind:<18} {statistics.median(times):7.2f} {p95:7.2f}")
        cold, grep = [], []
        for q in ["稀土", "neodymium", "pu3nv3", "鐠釹"]:
            t0 = time.perf_counter()
            subprocess.run(
                [str(BIN / "glossary"), "--db", str(db), "find", q],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            cold.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            subprocess.run(["grep", "-i", q, str(tmp / "dump.tsv")], stdout=subprocess.DEVNULL)
            grep.append(time.perf_counter() - t0)
        print(
            f"cold `glossary find`: max {max(cold):.3f} s   grep over the TSV dump: max {max(grep):.3f} s   "
            f"(worst in-process p95 {worst:.2f} ms)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
