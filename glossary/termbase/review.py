"""The review workflow: which status changes are allowed, as an explicit table.

=============  ===============================================
from           to
=============  ===============================================
candidate      approved, rejected
approved       deprecated, forbidden
any status     candidate (``reopen``)
=============  ===============================================

>>> check_transition(Status.CANDIDATE, Status.APPROVED)
>>> check_transition(Status.REJECTED, Status.APPROVED)
Traceback (most recent call last):
...
glossary.errors.InvalidTransition: cannot move a rejected entry to approved; `glossary reopen` it first
"""

from __future__ import annotations

from ..errors import InvalidTransition
from ..models import Status

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.CANDIDATE: frozenset({Status.APPROVED, Status.REJECTED}),
    Status.APPROVED: frozenset({Status.DEPRECATED, Status.FORBIDDEN, Status.CANDIDATE}),
    Status.REJECTED: frozenset({Status.CANDIDATE}),
    Status.DEPRECATED: frozenset({Status.CANDIDATE}),
    Status.FORBIDDEN: frozenset({Status.CANDIDATE}),
}


def check_transition(before: Status, after: Status) -> None:
    """Raise :class:`InvalidTransition` unless ``before → after`` is allowed."""
    if after in TRANSITIONS[before]:
        return
    if before == after:
        raise InvalidTransition(f"the entry is already {after.value}")
    hint = "; `glossary reopen` it first" if before != Status.CANDIDATE else "; approve it first"
    article = "an" if before.value[0] in "aeiou" else "a"
    raise InvalidTransition(f"cannot move {article} {before.value} entry to {after.value}{hint}")
