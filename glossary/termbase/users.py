"""Reviewer accounts for a workspace served beyond this machine: a name and an Argon2 hash of the password
(argon2-cffi), never the password itself.

>>> from glossary.termbase import TermBase
>>> with TermBase(":memory:") as tb:
...     add_user(tb, "ann", "correct horse")
...     verify(tb, "ann", "correct horse"), verify(tb, "ann", "wrong"), verify(tb, "bob", "x")
(True, False, False)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import InvalidEdit

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from .store import Store

#: a reviewer name as the history records it: letters of any script, digits, . _ - and inner spaces
NAME = re.compile(r"\w[\w .\-]{0,62}\w|\w")
MIN_PASSWORD = 8


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    # argon2 is imported, and the dummy hash made, only by the commands that use accounts: a hash costs 0.25 s
    from argon2 import PasswordHasher

    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy() -> str:
    """A hash to verify against when the name is unknown, so that a wrong name takes as long as a wrong password."""
    return _hasher().hash("no such reviewer")


def check_name(name: str) -> None:
    """Refuse a reviewer name the history could not record plainly.

    >>> check_name("王小明"), check_name("ann.lee")
    (None, None)

    :raises InvalidEdit: naming what a name may hold.
    """
    if not NAME.fullmatch(name):
        raise InvalidEdit(f"{name!r} is not a usable reviewer name; use letters, digits, . _ - (up to 64)")


def add_user(tb: Store, name: str, password: str) -> None:
    """Add a reviewer, or give an existing one a new password.

    :raises InvalidEdit: for a name the history could not record plainly, or a password under 8 characters.
    """
    from .store import _now

    check_name(name)
    if len(password) < MIN_PASSWORD:
        raise InvalidEdit(f"the password needs at least {MIN_PASSWORD} characters")
    with tb.transaction():
        tb.con.execute(
            "INSERT INTO users VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET hash=excluded.hash",
            (name, _hasher().hash(password), _now()),
        )


def remove_user(tb: Store, name: str) -> None:
    """Remove a reviewer's account (their decisions stay in the history under their name)."""
    with tb.transaction():
        if not tb.con.execute("DELETE FROM users WHERE name=?", (name,)).rowcount:
            raise InvalidEdit(f"no reviewer account {name!r}; `glossary user list` shows them")


def users(tb: Store) -> list[str]:
    """The reviewer accounts, by name."""
    return [r[0] for r in tb.con.execute("SELECT name FROM users ORDER BY name")]


def verify(tb: Store, name: str, password: str) -> bool:
    """True when ``password`` is ``name``'s."""
    from argon2.exceptions import InvalidHashError, VerificationError

    row = tb.con.execute("SELECT hash FROM users WHERE name=?", (name,)).fetchone()
    try:
        return _hasher().verify(row[0] if row else _dummy(), password) and row is not None
    except (VerificationError, InvalidHashError):
        return False
