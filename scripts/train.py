"""`make train`: refit the termhood model from the annotated corpora in ../shared/eval and write
glossary/data/termhood.json (byte for byte the same on the same data and library versions).

Every folder of ../shared/eval/corpora with a gold.tsv is a complete list (its unmatched candidates are
negatives); the reference articles' dev list is a sample of a larger list, so it gives positives only.
The output-size threshold is chosen by leave-one-corpus-out.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary.mining import training  # noqa: E402


def annotated_sets(shared: Path) -> list[training.AnnotatedCorpus]:
    """The annotated corpora of ``shared/eval``: each folder with a gold.tsv, then the reference articles."""
    sets = [
        training.load_corpus(d) for d in sorted((shared / "eval" / "corpora").iterdir()) if (d / "gold.tsv").exists()
    ]
    if (shared / "seeds").is_dir() and (shared / "eval" / "dev_gold.tsv").exists():
        sets.append(
            training.load_corpus(shared / "seeds", shared / "eval" / "dev_gold.tsv", "reference", positives_only=True)
        )
    return sets


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("-o", "--output", default=str(ROOT / "glossary" / "data" / "termhood.json"))
    a = ap.parse_args()
    corpora = annotated_sets(Path(a.shared))
    if not corpora:
        print(f"make train: {a.shared}/eval has no annotated corpora", file=sys.stderr)
        return 1
    mined = [training.mine_corpus(c) for c in corpora]
    loo = training.leave_one_out(mined)
    for name, s in loo.scores.items():
        print(
            f"leave-one-out {name:10} must={s.must_recall:.3f} precision={s.precision:.3f} "
            f"P@100={s.p_at_100:.3f} n={s.size}"
        )
    model = training.size_rule(training.fit(mined), loo.threshold)
    training.save(model, a.output)
    print(f"threshold {loo.threshold}; wrote {a.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
