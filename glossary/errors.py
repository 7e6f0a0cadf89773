"""Typed exceptions for the whole library, all under one root.

Every message says what went wrong *and* how to fix it, because the CLI prints
it as a one-line ``Error: …`` and exits 1.

>>> try:
...     raise TermNotFound("镨钕")
... except GlossaryError as e:
...     print(e)
no entry for '镨钕' in the term base; try `glossary find 镨钕` to look for near matches
"""

from __future__ import annotations


class GlossaryError(Exception):
    """Root of every error the library raises on purpose."""


class SourceError(GlossaryError):
    """An input path or file cannot be read."""


class DecodeError(SourceError):
    """A text file is not in an encoding we can read with confidence."""


class FormatError(GlossaryError):
    """A glossary file is malformed; carries the path and line where known."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path, self.line, self.reason = path, line, message
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(where + message)


class UnknownFormat(GlossaryError):
    """No reader or writer is registered for a name or file extension."""


class TermNotFound(GlossaryError):
    """A term or id named by the user is not in the term base."""

    def __init__(self, term: str) -> None:
        self.term = term
        super().__init__(f"no entry for {term!r} in the term base; try `glossary find {term}` to look for near matches")


class InvalidTransition(GlossaryError):
    """A review decision that the status workflow does not allow."""


class TermBaseError(GlossaryError):
    """The term base file is unusable (not a term base, or newer than this version)."""


class CheckFailed(GlossaryError):
    """Quality checks found problems and the caller asked for strictness."""


class ModelError(GlossaryError):
    """The termhood model file is missing, unreadable, or fitted with another feature set."""


class InvalidEdit(GlossaryError):
    """An edit the entry cannot take (a pinyin that does not fit its Hanzi)."""


class StaleEntry(GlossaryError):
    """A decision on an entry that someone else changed since it was shown."""


class TrainingError(GlossaryError):
    """Annotated texts that a termhood model cannot be fitted on (no gold list, no texts, no matches)."""


class WorkerError(GlossaryError):
    """A worker process ended before its work was done (killed, or out of memory)."""


class ResourceError(GlossaryError):
    """A general resource's file (a dictionary named by an environment variable) cannot be read."""
