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

    def add(self, laps: dict[str, float]) -> None:
        """Record stages another process timed (``laps``) as this clock's, the current one's start moved past
        them (what is left of it is the time they did not account for).

        >>> seen: dict[str, float] = {"count": 1.0}
        >>> Clock(seen).add({"count": 2.0, "rank": 0.5})
        >>> seen
        {'count': 3.0, 'rank': 0.5}
        """
        if self.timings is not None:
            for stage, seconds in laps.items():
                self.timings[stage] = self.timings.get(stage, 0.0) + seconds
            self.start += sum(laps.values())

    def lap(self, stage: str) -> None:
        if self.timings is not None:
            now = self._now()
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.start
            self.start = now
