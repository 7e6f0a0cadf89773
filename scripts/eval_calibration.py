"""`make eval`'s calibration table: does an English suggestion's confidence mean what it says?

For every gold term an export has, its first English suggestion and that suggestion's confidence; a band of
confidence (0.0–0.2 … 0.8–1.0) is calibrated when the share of right suggestions in it is near the band's mean
confidence. Rightness is the scorer's (``../shared/eval/score.py``'s English normalisation: case, hyphens, a
final -s, a leading "the").
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)


def _scorer(shared: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def first_suggestions(shared: Path, export: Path, gold: Path) -> list[tuple[float, bool]]:
    """(confidence, right) of the first English suggestion of each gold term found in ``export``."""
    norm = _scorer(shared).norm_en
    with gold.open(encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    h = rows[0]
    golds = {
        r[h.index("simplified")]: {norm(g) for g in r[h.index("english")].split("|") if g.strip()} for r in rows[1:]
    }
    out = []
    with export.open(encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            want = golds.get(r.get("zh-CN", ""))
            english = [e for e in (r.get("en-US") or "").split(" | ") if e.strip()]
            confs = (r.get("confidence") or "").split(" | ")
            if want is None or not english:
                continue
            try:
                conf = float(confs[0])
            except ValueError:
                continue
            out.append((conf, norm(english[0]) in want))
    return out


def bands(pairs: list[tuple[float, bool]]) -> list[tuple[str, int, float, float]]:
    """Each confidence band that holds suggestions: its name, how many, their mean confidence, the share right.

    >>> bands([(0.75, True), (0.65, False), (0.9, True)])
    [('0.6–0.8', 2, 0.7, 0.5), ('0.8–1.0', 1, 0.9, 1.0)]
    """
    out = []
    for lo, hi in zip(BANDS, BANDS[1:]):
        got = [(c, r) for c, r in pairs if lo <= c < hi]
        if got:
            mean = sum(c for c, _ in got) / len(got)
            right = sum(r for _, r in got) / len(got)
            out.append((f"{lo:.1f}–{min(hi, 1.0):.1f}", len(got), mean, right))
    return out


def table(pairs: list[tuple[float, bool]]) -> list[str]:
    """One line per confidence band: its suggestions, their mean confidence, the share right."""
    lines = [f"  {'band':9} {'n':>5} {'mean conf':>10} {'right':>7}"]
    lines += [f"  {name}   {n:5d} {mean:10.2f} {right:7.2f}" for name, n, mean, right in bands(pairs)]
    return lines


#: issue 18's calibration: each band's share right within this much of its mean confidence ...
TOLERANCE = 0.10
#: ... in the bands that hold this many suggestions (a handful right or wrong by chance says nothing)
LEAST = 20


def off_bands(pairs: list[tuple[float, bool]], tolerance: float = TOLERANCE, least: int = LEAST) -> list[str]:
    """The bands of at least ``least`` suggestions whose share right is further than ``tolerance`` from their
    mean confidence, each as a line to print.

    >>> off_bands([(0.75, True)] * 26 + [(0.75, False)] * 4)
    ['0.6–0.8: 0.75 said, 0.87 right']
    >>> off_bands([(0.85, True)] * 26 + [(0.85, False)] * 4), off_bands([(0.75, True)] * 5)
    ([], [])
    """
    return [
        f"{name}: {mean:.2f} said, {right:.2f} right"
        for name, n, mean, right in bands(pairs)
        if n >= least and abs(mean - right) > tolerance
    ]
