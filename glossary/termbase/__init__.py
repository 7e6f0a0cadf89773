"""Stage 5, term base: the only package that talks SQL."""

from .decisions import TermBase
from .review import TRANSITIONS, check_transition
from .search import Match
from .store import known_english

__all__ = ["Match", "TRANSITIONS", "TermBase", "known_english", "check_transition"]
