"""glossary: a Chinese→English terminology and translation-memory tool.

The library does the work; the ``glossary`` command only adapts it.

>>> from glossary import TermBase
>>> with TermBase(":memory:") as tb:
...     tb.stats()["total"]
0
"""

__version__ = "0.1.0"

from .errors import GlossaryError  # noqa: E402
from .models import Candidate, Context, Document, Equivalent, Status, TermEntry  # noqa: E402
from .termbase.decisions import TermBase  # noqa: E402

__all__ = [
    "Candidate",
    "Context",
    "Document",
    "Equivalent",
    "GlossaryError",
    "Status",
    "TermBase",
    "TermEntry",
    "__version__",
]
