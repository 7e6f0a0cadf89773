"""pytest plugin loaded before collection (``-p isolation`` in pyproject): the run never touches the user's home.

The on-disk resource cache goes to a fresh folder for the whole run, set before any module (doctests
included) can build a cache, and inherited by the subprocesses the tests start.
"""

from __future__ import annotations

import os
import shutil
import tempfile

_CACHE = tempfile.mkdtemp(prefix="glossary-test-cache-")
os.environ["GLOSSARY_CACHE"] = _CACHE
os.environ.pop("GLOSSARY_DB", None)  # a developer's own term base is never the tests'


def pytest_unconfigure() -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)
