"""`make train` (second part): fit the weights that rank a term's candidate renderings in a translation memory.

Data: the hand translations in ``../shared/eval/parallel`` (one article of each annotated corpus, as TMX) and the
gold rows of that article in the corpus's ``gold.tsv``. For each gold term found in the memory, every candidate
span (:func:`glossary.tm.spans.span_features`) is an example, labelled by whether it is one of the term's gold
English renderings. A logistic regression (scikit-learn) over the span's features — shape and statistics, never
the term or the words — is written to ``glossary/data/tm_spans.json``; its probability is the confidence shown.

Prints leave-one-article-out: fitted on two articles, the share of the third's terms whose best span is right,
beside the same for the fit on all three, and the calibration of the best spans' probabilities.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from eval_tm import ARTICLES  # noqa: E402

from glossary.tm.extract import RENDERINGS  # noqa: E402
from glossary.tm.io import read_pairs  # noqa: E402
from glossary.tm.memory import Memory, sample_units  # noqa: E402
from glossary.tm.spans import FEATURES, span_features  # noqa: E402

OUT = ROOT / "glossary" / "data" / "tm_spans.json"


def same_english(text: str) -> str:
    """The form in which two renderings are the same one, as ../shared/eval/README.md scores English: case, a
    hyphen for a space, a final plural s, a leading "the" and a typographic apostrophe make no difference.

    >>> same_english("The People’s Banks") == same_english("people's bank")
    True
    """
    s = " ".join(unicodedata.normalize("NFKC", text).replace("’", "'").lower().replace("-", " ").split())
    s = s.removeprefix("the ")
    return s[:-1] if len(s) > 1 and s.endswith("s") else s


def suggestions_before(text: Path) -> dict[str, list[str]]:
    """Each candidate of the article (every one, as `make eval` mines it) → its English suggestions without the
    memory: what `tm extract` finds in the term base beside each term, so the spans are measured in training as
    they are in use."""
    from glossary.align import english_suggestions
    from glossary.pipeline import collect

    return {c.term: [e.text for e in english_suggestions(c)] for c in collect([text], limit=5000).candidates}


def examples(shared: Path, stem: str, corpus: str) -> list[tuple[str, list[str], list[list[float]], list[int]]]:
    """(term, spans, features, labels) for each gold term of the article found in its memory."""
    from glossary.align import english_suggestions
    from glossary.models import Candidate

    tmx = shared / "eval" / "parallel" / f"{stem}.tmx"
    known = suggestions_before(shared / "eval" / "corpora" / corpus / f"{stem}.txt")
    memory = Memory(read_pairs(tmx.read_bytes(), str(tmx)))
    letter = stem.split("_")[-1]
    out = []
    with (shared / "eval" / "corpora" / corpus / "gold.tsv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    h = rows[0]
    for r in rows[1:]:
        if letter not in r[h.index("files")].split():
            continue
        term = r[h.index("simplified")]
        golds = {same_english(g) for g in r[h.index("english")].split("|") if g.strip()}
        ids = memory.units(term)
        if not ids:
            continue
        ids = sample_units(ids)
        before = known.get(term)
        if before is None:  # (a gold term the miner did not list: its suggestions alone)
            before = [e.text for e in english_suggestions(Candidate(term))]
        spans = span_features(
            term,
            [memory.targets[i] for i in ids],
            memory.count,
            before,
            sources=[memory.sources[i] for i in ids],
        )
        if spans:
            out.append(
                (
                    term,
                    [s.key for s in spans],
                    [s.features for s in spans],
                    [int(same_english(s.text) in golds) for s in spans],
                )
            )
    return out


#: the regularisation of the fit: two articles' spans (a fold of the leave-one-article-out) are a few hundred terms
#: for 36 weights, and the weaker settings flip near-ties from one fold to the next (mean leave-one-article-out
#: English top-1 at C 0.03 / 0.05 / 0.1 / 0.15 / 0.3 / 1 / 3: 0.856 / 0.853 / 0.866 / 0.866 / 0.854 / 0.853 / 0.854)
C = 0.1


def fit(data: list) -> dict:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([f for _, _, feats, _ in data for f in feats], dtype=float)
    y = np.array([label for _, _, _, labels in data for label in labels])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=3000).fit((x - mean) / scale, y)
    return {
        "version": 1,
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
    }


def calibrate(pooled: list[tuple[float, int]]) -> list[list[float]]:
    """The probability of the best span → the share of such spans that were right, leave-one-article-out
    (isotonic regression, read at 21 points: between points the confidence is interpolated, and a coarser reading
    invents a slope where the regression has a step): the confidence shown is what it claims."""
    from sklearn.isotonic import IsotonicRegression

    x, y = [p for p, _ in pooled], [r for _, r in pooled]
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(x, y)
    # a block of few spans all right is no certainty: each block's share as (right + 1) / (spans + 2), the
    # mean of its Beta posterior (five of five right reads 0.86, not 1.0), then made monotone again
    blocks: dict[float, list[int]] = defaultdict(list)
    for fitted, right in zip(iso.predict(x), y):
        blocks[float(fitted)].append(right)
    shrunk = {v: (sum(rs) + 1) / (len(rs) + 2) for v, rs in blocks.items()}
    out, top = [], 0.0
    for k in range(21):
        fitted = float(iso.predict([k / 20])[0])
        nearest = min(shrunk, key=lambda v: abs(v - fitted))  # (a reading between two blocks: the nearer one)
        top = max(top, shrunk[nearest])
        out.append([k / 20, round(top, 3)])
    return out


def best(model: dict, feats: list[list[float]]) -> tuple[int, float]:
    from glossary.tm.extract import probability

    probs = [probability(model, f) for f in feats]
    i = max(range(len(probs)), key=lambda k: probs[k])
    return i, probs[i]


def evaluate(model: dict, data: list) -> tuple[float, list[tuple[float, int]]]:
    right, scored = 0, []
    for _, _, feats, labels in data:
        i, p = best(model, feats)
        right += labels[i]
        scored.append((p, labels[i]))
    return right / max(1, len(data)), scored


#: renderings shown per term after the best (:func:`glossary.tm.extract.propose`'s limit less one)
RUNNERS_UP = RENDERINGS - 1


def runners_up(model: dict, data: list) -> list[tuple[float, int]]:
    """(probability, right) of the spans ranked just after each term's best: a second rendering of one term is
    right less often than a best one of the same probability (it is often the best one cut short, "national
    widget" beside "national widget administration"), so its confidence has a calibration of its own."""
    from glossary.tm.extract import probability

    out = []
    for _, _, feats, labels in data:
        ranked = sorted(((probability(model, f), y) for f, y in zip(feats, labels)), key=lambda t: -t[0])
        out += ranked[1 : 1 + RUNNERS_UP]
    return out


def fold_calibrations(model: dict, data: dict[str, list]) -> None:
    """Both calibrations of ``model`` (the best span's and the runners-up'), each from spans of articles the
    weights were fitted without (leave-one-article-out over ``data``; a single article is its own)."""
    best_spans: list[tuple[float, int]] = []
    rest: list[tuple[float, int]] = []
    for stem, rows in data.items():
        fitted = fit([e for s, r in data.items() if s != stem for e in r] or rows)
        best_spans += evaluate(fitted, rows)[1]
        rest += runners_up(fitted, rows)
    model["calibration"] = calibrate(best_spans)
    model["calibration_rest"] = calibrate(rest)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("-o", "--output", default=str(OUT))
    args = ap.parse_args()
    shared = Path(args.shared)
    data = {
        s: examples(shared, s, c) for s, c in ARTICLES.items() if (shared / "eval" / "parallel" / f"{s}.tmx").exists()
    }
    if not data:
        print("no translations in ../shared/eval/parallel: nothing to fit")
        return 1
    every = [e for rows in data.values() for e in rows]
    model = fit(every)
    print(f"{'article':10} {'terms':>6} {'loo top-1':>10} {'in-sample':>10}   (best span is a gold rendering)")
    pooled: list[tuple[float, int]] = []
    seconds: list[tuple[float, int]] = []
    for stem, rows in data.items():
        rest = [e for s, r in data.items() if s != stem for e in r]
        fitted = fit(rest)
        loo, scored = evaluate(fitted, rows)
        pooled += scored
        seconds += runners_up(fitted, rows)
        print(f"{stem:10} {len(rows):6d} {loo:10.3f} {evaluate(model, rows)[0]:10.3f}")
    model["calibration"] = calibrate(pooled)
    model["calibration_rest"] = calibrate(seconds)
    from glossary.tm.extract import confidence

    for label, spans, runner_up in (("best span", pooled, False), ("runners-up", seconds, True)):
        bands: dict[float, list[int]] = defaultdict(list)
        for p, right in spans:
            bands[min(0.8, int(confidence(p, model, runner_up) * 5) / 5)].append(right)
        print(f"calibration of the {label}, leave-one-article-out (confidence band: share right, n):")
        for band in sorted(bands):
            got = bands[band]
            print(f"  {band:.1f}–{band + 0.2:.1f}: {sum(got) / len(got):.2f}  ({len(got)})")
    out = Path(args.output)
    out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
