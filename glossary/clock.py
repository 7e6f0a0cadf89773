"""How long each stage of a run took: ``glossary mine`` fills a dict a stage at a time, and ``make bench``
prints it (where a large mine's time goes)."""

from __future__ import annotations

import time


class Clock:
    """Records how long each stage of a run took, into ``timings`` (stage → seconds, added to what is there);
    with no dict it records nothing. A stage ends at :meth:`lap` and the next begins.

    >>> seen: dict[str, float] = {}
    >>> clock = Clock(seen)
    >>> clock.lap("count")
    >>> list(seen), seen["count"] >= 0
    (['count'], True)
    """

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings, self._now = timings, time.perf_counter
        self.start = self._now()

    def lap(self, stage: str) -> None:
        if self.timings is not None:
            now = self._now()
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.start
            self.start = now
