"""Shared data model: plain dataclasses that every stage passes along.

Stages depend on this module and on :mod:`glossary.errors`, never on each other
backwards, so the model knows nothing of SQL, XML or the command line.

>>> e = TermEntry(simplified="镨钕", traditional="鐠釹", pinyin="pǔ nǚ",
...               english=[Equivalent("praseodymium-neodymium", "cedict", 0.6)])
>>> e.preferred_english
'praseodymium-neodymium'
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Status(str, enum.Enum):
    """Review state of a concept; stored in the term base as its text value."""

    #: mined or imported, not yet reviewed
    CANDIDATE = "candidate"
    #: reviewed and fit for use
    APPROVED = "approved"
    #: reviewed and not a term of the field
    REJECTED = "rejected"
    #: was approved, no longer recommended
    DEPRECATED = "deprecated"
    #: a do-not-use term
    FORBIDDEN = "forbidden"

    @classmethod
    def parse(cls, value: str) -> Status:
        """Read a status name, case-insensitively.

        >>> Status.parse("Approved")
        <Status.APPROVED: 'approved'>
        """
        try:
            return cls(value.strip().lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown status {value!r}; use one of: {names}") from None


@dataclass(frozen=True)
class Document:
    """One input text after decoding and cleaning.

    ``text`` is the cleaned text; ``line_starts`` maps offsets back to lines.
    """

    path: str
    text: str
    encoding: str
    script: str = ""  # "simplified" | "traditional" | "mixed"; "" until the normalise stage tells
    skipped_lines: int = 0


@dataclass(frozen=True)
class Context:
    """Where a term was seen: file, character offset in the cleaned text (which keeps the file's offsets; a web
    page's, a PDF's and a Word file's are those of their text, as the readers give it), sentence, and the line of the file (from 1; 0 when not known,
    as for contexts a glossary file brought)."""

    file: str
    offset: int
    text: str
    line: int = 0


#: what a reviewer made of an English equivalent: the one to use, others allowed, or only proposed
ROLES = ("preferred", "admitted", "suggested")


#: the confidence below which a suggestion is a guess: a composition from the parts' senses (0.2) is right one
#: time in five (`make eval`'s calibration table); ECDICT's whole-term English (0.5) half the time
RELIABLE_ENGLISH = 0.3


@dataclass
class Equivalent:
    """One English equivalent: where it came from, how sure we are (0–1), and its ``role`` — a machine's
    ``suggested`` until a reviewer makes it ``preferred`` (one per entry) or ``admitted``."""

    text: str
    source: str
    confidence: float = 0.5
    role: str = "suggested"


@dataclass
class Candidate:
    """A mined term with its evidence, before alignment."""

    term: str  # canonical (Simplified) form
    kind: str = "term"  # term | name | latin | title | element
    count: int = 0
    files: list[str] = field(default_factory=list)
    file_counts: dict[str, int] = field(default_factory=dict)
    score: float = 0.0
    surfaces: dict[str, list[str]] = field(default_factory=dict)  # surface form -> files
    # the forms seen in Traditional files, the Simplified one too where the scripts share its characters (核定)
    traditional_surfaces: list[str] = field(default_factory=list)
    contexts: list[Context] = field(default_factory=list)
    english_in_text: list[str] = field(default_factory=list)
    latin_nearby: list[str] = field(default_factory=list)  # Latin-script names in the same files


@dataclass
class TermEntry:
    """One concept in the term base, with all its forms and evidence."""

    simplified: str
    traditional: str = ""
    pinyin: str = ""
    english: list[Equivalent] = field(default_factory=list)
    status: Status = Status.CANDIDATE
    variants: list[str] = field(default_factory=list)  # other surface forms seen
    score: float = 0.0
    count: int = 0
    files: list[str] = field(default_factory=list)
    file_counts: dict[str, int] = field(default_factory=dict)
    contexts: list[Context] = field(default_factory=list)
    note: str = ""
    kind: str = "term"
    id: int | None = None
    #: the fields a file gave (an import changes only those); None: all of them
    given: frozenset[str] | None = field(default=None, compare=False, repr=False)

    @property
    def reliable_english(self) -> bool:
        """True when a reviewer chose English or a suggestion reaches :data:`RELIABLE_ENGLISH`; otherwise every
        suggestion is a guess, and the entry says so rather than put one at its top as if it were an answer.

        >>> TermEntry("散热片", english=[Equivalent("scatter heat piece", "compose", 0.2)]).reliable_english
        False
        """
        return bool(self.chosen_english) or any(q.confidence >= RELIABLE_ENGLISH for q in self.english)

    @property
    def chosen_english(self) -> list[Equivalent]:
        """The English a reviewer chose: the preferred equivalent first, then the admitted ones."""
        return sorted((q for q in self.english if q.role != "suggested"), key=lambda q: q.role != "preferred")

    @property
    def preferred_english(self) -> str:
        """The English a translator should use: the preferred one, else the first suggestion, or ''.

        >>> TermEntry("大豆", english=[Equivalent("big bean", "cedict"), Equivalent("soybean", "reviewer", 1.0,
        ...     "preferred")]).preferred_english
        'soybean'
        """
        chosen = self.chosen_english
        return chosen[0].text if chosen else (self.english[0].text if self.english else "")
