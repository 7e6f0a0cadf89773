"""`make bench`: mining throughput against jieba.analyse.extract_tags on the same text, in the same run.

The reference articles (../shared/seeds; our own seeds/ when absent) are
repeated to 1×, 4× and 16× a base size (16× ≥ 5 MB). Each measurement runs in
a fresh process so peak memory (max RSS) is its own. Both sides are timed from
their imports, dictionary loading included (as jieba's is).

A second table mines a corpus whose vocabulary grows with its size, as real text's does (Heaps' law): the
sentences of every text in ../shared (reference articles and annotated corpora) shuffled and spliced across
fields, half their nouns swapped for words drawn from wordfreq's Chinese list with Zipf weights, written as
files of about 20 KB. A repeated text hides the cost of a growing vocabulary; this one does not. That table
times ``glossary mine DIR`` as a whole process (start-up, alignment and the term base included) beside jieba's, at
one file of 1,500 Hanzi, 1, 4 and 16 MB (``--large``: 32 MB too), with the peak memory of the largest process and
of the whole process tree (workers included; a page forked processes share counted once), and
the cost of each added MB; ``--grown-only`` prints it alone.

*mine* is the miner, what jieba's keyword extraction is compared with: read →
clean → segment → count → rank → evidence (``pipeline.collect``). *+align* adds
stage 4, Traditional forms, pinyin and English for every candidate, which is
what ``glossary mine`` does before it writes the term base; it is shown beside
it, with its own ratio, so neither figure hides the other.
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 5_000_000  # bytes at 16×


def _child(kind: str, path: str) -> None:
    files = sorted(Path(path).iterdir())
    t0 = time.perf_counter()  # both sides pay for their imports and dictionaries inside the timing
    if kind == "glossary":
        from glossary.align import align_candidates
        from glossary.pipeline import collect

        mined = collect([path])
        t_mine = time.perf_counter() - t0
        align_candidates(mined.candidates, discourse=mined.words)  # (as `glossary mine` aligns them)
        n = len(mined.candidates)
    elif kind == "stages":
        # `glossary mine`'s stages, each timed by the library itself
        import tempfile

        from glossary.pipeline import collect, stage
        from glossary.termbase import TermBase

        timings: dict[str, float] = {}
        with tempfile.TemporaryDirectory() as tmp, TermBase(Path(tmp) / "stages.db") as tb:
            stage(collect([path], timings=timings), tb, "bench", timings=timings)
        print(json.dumps(timings))
        return
    else:
        import jieba
        import jieba.analyse

        jieba.setLogLevel(60)
        text = "\n".join(f.read_text(encoding="utf-8") for f in files)
        n = len(jieba.analyse.extract_tags(text, topK=400))
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": dt, "mine_seconds": t_mine if kind == "glossary" else dt, "terms": n, "rss_mb": rss}))


def run(kind: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=3, help="runs of each side per size; the best is shown")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--large", action="store_true", help="also 32 MB of growing vocabulary (minutes per run)")
    ap.add_argument("--grown-only", action="store_true", help="only the growing-vocabulary table")
    a = ap.parse_args()
    if a.child:
        _child(*a.child)
        return 0
    # jieba starts from the bytecode pip compiled at install; the checkout installed editable is compiled here,
    # so that neither side pays for compiling its modules at every start (PYTHONDONTWRITEBYTECODE may be set)
    compileall.compile_dir(ROOT / "glossary", quiet=1)
    if a.grown_only:
        with tempfile.TemporaryDirectory() as tmp:
            grown_table(Path(a.shared), Path(tmp), a.repeat, GROWN_SIZES + ((32,) if a.large else ()))
        return 0
    seeds = Path(a.shared) / "seeds"
    if not seeds.is_dir():
        seeds = ROOT / "seeds"
    articles = [p for p in sorted(seeds.iterdir()) if p.suffix in (".txt", ".md")]
    size = sum(p.stat().st_size for p in articles)
    reps = max(1, TARGET // 16 // size + 1)
    print(
        f"corpus: {seeds} ({size / 1e6:.3f} MB in {len(articles)} files), copied as separate files; "
        f"baseline: jieba.analyse.extract_tags on the same text joined; best of {a.repeat} interleaved runs each"
    )
    print(
        f"{'size':>6} {'MB':>7} {'mine s':>7} {'MB/s':>6} {'+align s':>9} {'RSS MB':>7} {'jieba s':>8} "
        f"{'MB/s':>6} {'RSS MB':>7} {'mine vs jieba':>14} {'+align vs jieba':>16}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        prev = None
        for k in (1, 4, 16):
            p = Path(tmp) / f"corpus_{k}"
            p.mkdir()
            for r in range(reps * k):
                for art in articles:
                    (p / f"{r:04d}_{art.name}").write_bytes(art.read_bytes())
            mb = sum(f.stat().st_size for f in p.iterdir()) / 1e6
            # interleaved runs, the best of each side: this machine's speed drifts by a third between
            # runs, and the fastest run is the one least disturbed (as timeit reports)
            runs = [(run("glossary", p), run("jieba", p)) for _ in range(a.repeat)]
            gm = min(r[0]["mine_seconds"] for r in runs)
            g = min((r[0] for r in runs), key=lambda r: r["seconds"])
            j = min((r[1] for r in runs), key=lambda r: r["seconds"])
            # the cost of each added MB over the previous size: flat when the cost grows linearly
            marginal = f"   (mine: +{(gm - prev[1]) / (mb - prev[0]):.2f} s per added MB)" if prev else ""
            prev = (mb, gm)
            print(
                f"{k:>5}× {mb:7.2f} {gm:7.2f} {mb / gm:6.2f} {g['seconds']:9.2f} {g['rss_mb']:7.0f} "
                f"{j['seconds']:8.2f} {mb / j['seconds']:6.2f} {j['rss_mb']:7.0f} {j['seconds'] / gm:13.1f}× "
                f"{j['seconds'] / g['seconds']:15.1f}×" + marginal
            )
        grown_table(Path(a.shared), Path(tmp), a.repeat, GROWN_SIZES + ((32,) if a.large else ()))
    return 0


def grown_corpus(shared: Path, target: int, out: Path, seed: int = 11) -> tuple[float, int]:
    """Write a corpus of about ``target`` bytes whose vocabulary grows with its size (see the module
    docstring); return (MB written, distinct words). Deterministic for a seed."""
    import random

    import rjieba
    from wordfreq import top_n_list

    from glossary.normalise import split_sentences

    texts = sorted((shared / "seeds").glob("*.*")) + sorted((shared / "eval" / "corpora").glob("*/*.txt"))
    sentences = [s for t in texts if t.suffix in (".txt", ".md") for s in split_sentences(t.read_text("utf-8"))]
    sentences = [s for s in sentences if len(s) >= 10]
    words = [w for w in top_n_list("zh", 200_000) if len(w) >= 2]
    # Zipf: the r-th word about 1/r as frequent (cumulative once: choices() would sum 150,000 weights per draw)
    cum = list(itertools.accumulate(1 / (r + 10) for r in range(len(words))))
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    written, n, size = 0, 0, 0
    vocab: set[str] = set()
    buf: list[str] = []
    while written < target:
        tagged = rjieba.tag(rnd.choice(sentences))
        draws = iter(rnd.choices(words, cum_weights=cum, k=len(tagged)))
        pieces = [next(draws) if t in ("n", "nz", "vn") and rnd.random() < 0.5 else w for w, t in tagged]
        vocab.update(pieces)
        sentence = "".join(pieces)
        buf.append(sentence)
        size += len(sentence.encode()) + 1
        if size >= 20_000:
            (out / f"{n:05d}.txt").write_text("\n".join(buf), encoding="utf-8")
            written, n, size, buf = written + size, n + 1, 0, []
    return written / 1e6, len(vocab)


#: times one command as a whole process and reports the peak memory of its largest process (ru_maxrss of the
#: children this wrapper waited for: the parent or a worker, whichever was largest) and of its process tree: the
#: sum of the processes' proportional set sizes (a page two forked processes share counts half to each, so the sum
#: is the memory the tree holds), sampled every fifth of a second from /proc (0 where there is none); the time ends
#: when the process does (a wait between samples, not a sleep: a sleep added up to 0.2 s to a one-second run)
_WRAP = """
import json, os, resource, subprocess, sys, time

def tree(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            kids = [int(k) for k in f.read().split()]
    except OSError:
        return [pid]
    return [pid] + [p for k in kids for p in tree(k)]

def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0) / 1024
    except OSError:
        return 0.0

t = time.perf_counter()
proc = subprocess.Popen(json.loads(sys.argv[1]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak = 0.0
while True:
    peak = max(peak, sum(map(pss, tree(proc.pid))))
    try:
        proc.wait(timeout=0.2)  # (the end is seen when it comes, not at the next fifth of a second)
        break
    except subprocess.TimeoutExpired:
        pass
if proc.returncode:
    sys.exit(proc.returncode)
print(json.dumps({"seconds": time.perf_counter() - t, "tree_mb": peak,
                  "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def whole(kind: str, path: Path, tmp: Path) -> dict:
    """``glossary mine PATH`` into a new term base, or jieba's keyword extraction, timed as a whole process."""
    if kind == "glossary":
        db = tmp / "bench.db"
        db.unlink(missing_ok=True)
        cmd = [str(Path(sys.executable).parent / "glossary"), "--db", str(db), "mine", str(path)]
    else:
        cmd = [sys.executable, __file__, "--child", "jieba", str(path)]
    out = subprocess.run([sys.executable, "-c", _WRAP, json.dumps(cmd)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _stages(path: Path) -> dict[str, float]:
    """Seconds per stage of ``glossary mine PATH`` (read, count, rank, evidence, align, term base) in one run."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", "stages", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def small_file(corpus: Path, out: Path, hanzi: int = 1500) -> Path:
    """A folder holding one file of the first ``hanzi`` Hanzi (and what stands between them) of ``corpus``."""
    from glossary.normalise.hanzi import HAN

    text = next(iter(sorted(corpus.iterdir()))).read_text(encoding="utf-8")
    end = next((m.end() for k, m in enumerate(HAN.finditer(text), 1) if k == hanzi), len(text))
    out.mkdir(parents=True, exist_ok=True)
    (out / "one.txt").write_text(text[:end], encoding="utf-8")
    return out


#: the growing corpus's sizes in MB, as the speed issue measures them (``--large`` adds 32)
GROWN_SIZES = (1, 4, 16)


def grown_table(shared: Path, tmp: Path, repeat: int, sizes: Sequence[int] = GROWN_SIZES) -> None:
    if not (shared / "eval" / "corpora").is_dir():
        print("growing vocabulary: skipped (needs ../shared/eval/corpora)")
        return
    print(
        f"growing vocabulary (reference articles and annotated corpora respliced, nouns from wordfreq by Zipf); "
        f"best of {repeat} interleaved runs; 'glossary mine' is the whole command (start-up, alignment, term base), "
        f"'mine' the miner alone (`pipeline.collect`: read, count, rank, evidence):"
    )
    print(
        f"{'input':>9} {'words':>8} {'glossary mine s':>16} {'MB/s':>6} {'RSS MB':>7} {'tree MB':>8} {'mine s':>7} "
        f"{'jieba s':>8} {'RSS MB':>7} {'glossary mine vs jieba':>23}"
    )

    def measure(label: str | None, p: Path, vocab: int, inner: bool) -> dict:
        runs = [(whole("glossary", p, tmp), whole("jieba", p, tmp)) for _ in range(repeat)]
        g = min((r[0] for r in runs), key=lambda r: r["seconds"])
        j = min((r[1] for r in runs), key=lambda r: r["seconds"])
        alone = min(run("glossary", p)["mine_seconds"] for _ in range(repeat)) if inner else float("nan")
        stages = _stages(p) if inner else {}
        mb = sum(f.stat().st_size for f in p.iterdir()) / 1e6
        label = label or f"{mb:.2f} MB"
        print(
            f"{label:>9} {f'{vocab:,}' if vocab else '':>8} {g['seconds']:16.2f} {mb / g['seconds']:6.2f} "
            f"{g['rss_mb']:7.0f} {max(r[0]['tree_mb'] for r in runs):8.0f} {alone:7.2f} {j['seconds']:8.2f} "
            f"{j['rss_mb']:7.0f} {j['seconds'] / g['seconds']:22.2f}×",
            end="",
        )
        return {"mb": mb, "seconds": g["seconds"], "stages": stages}

    def print_stages(got: dict) -> None:
        print(f"{'':>9} stages of one run: " + ", ".join(f"{k} {v:.2f} s" for k, v in got["stages"].items()))

    first = tmp / "grown_1"
    words = {1: grown_corpus(shared, 1_000_000, first)[1]}
    measure("1,500 Hanzi", small_file(first, tmp / "small"), 0, inner=False)
    print()
    prev = None
    results: dict[int, dict] = {}
    for mb_target in sizes:
        p = tmp / f"grown_{mb_target}"
        if mb_target not in words:
            words[mb_target] = grown_corpus(shared, mb_target * 1_000_000, p)[1]
        got = measure(None, p, words[mb_target], inner=True)
        # the cost of each added MB over the previous size: flat when the cost grows linearly
        print(
            f"   (+{(got['seconds'] - prev['seconds']) / (got['mb'] - prev['mb']):.2f} s per added MB)" if prev else ""
        )
        print_stages(got)
        prev = results[mb_target] = got
    if 4 in results:
        # the 4 MB corpus as one file (a book, a scrape saved whole): one document, whose evidence and counting
        # take other paths than a folder's
        one = tmp / "grown_4_one_file"
        one.mkdir(exist_ok=True)
        parts = sorted((tmp / "grown_4").iterdir())
        (one / "all.txt").write_text("\n".join(f.read_text(encoding="utf-8") for f in parts), encoding="utf-8")
        got = measure("one file", one, words[4], inner=True)
        print(f"   (the 4 MB corpus in one file: {got['seconds'] / results[4]['seconds']:.2f}× its folder's time)")
        print_stages(got)


if __name__ == "__main__":
    sys.exit(main())
