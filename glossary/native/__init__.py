"""Native helpers: small C sources of this package, compiled on first use with the machine's C compiler.

A loop numpy cannot vectorise (a forward-backward pass over one sentence pair, a sparse lookup per word and
character) costs Python hundreds of microseconds a call; in C it costs tens. The sources ship with the package
and are built here, once per source version, into the cache directory (:func:`glossary.cache.cache_dir`) with
``$CC`` (else the compiler Python was built with, else ``cc``); nothing prebuilt is downloaded. A plain library
(``hmm.c``, loaded with ctypes: :func:`load`) works on arrays; an extension module (``grams.c``, ``counts.c``,
``columns.c``, ``pairs.c``, built against this interpreter's headers: :func:`load_module`) works on the
dictionaries and strings of a Python loop it replaces; the headers beside them (``dicts.h``, ``buffers.h``) are
shared, and part of what a build is keyed by. Where no
compiler works, or ``GLOSSARY_NATIVE=0`` is set, both answer ``None`` and the caller uses its numpy or Python
twin, which gives the same results (the tests hold them to each other).

>>> lib = load("hmm")
>>> lib is None or hasattr(lib, "hmm_posteriors")
True
"""

from __future__ import annotations

import ctypes
import hashlib
import importlib.util
import logging
import os
import platform
import shlex
import subprocess
import sys
import sysconfig
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from ..cache import cache_dir

log = logging.getLogger(__name__)

#: set to 0 to use the numpy paths (the native ones' reference) everywhere
NATIVE_ENV = "GLOSSARY_NATIVE"
#: optimised, position-independent; no -ffast-math: the sums keep their order, so the numbers match numpy's
FLAGS = ["-O3", "-shared", "-fPIC"]
#: a compiler that has not finished by then is not waited for
TIMEOUT = 60

_loaded: dict[str, object] = {}
_lock = threading.Lock()


def load(name: str) -> ctypes.CDLL | None:
    """The library built from ``glossary/native/<name>.c`` (compiled now if this version is not built yet), or
    ``None`` where native code is switched off or cannot be built (the reason is logged at debug level)."""
    return _once(name, lambda: _load_library(name))  # type: ignore[return-value]


def load_module(name: str) -> ModuleType | None:
    """The Python extension module built from ``glossary/native/<name>.c`` (which works on Python objects through
    the interpreter's C API, built against this interpreter's headers), or ``None`` as :func:`load` answers it.

    >>> grams = load_module("grams")
    >>> grams is None or hasattr(grams, "count_chunks")
    True
    """
    return _once(f"module:{name}", lambda: _load_module(name))  # type: ignore[return-value]


def _once(key: str, build: Callable[[], object]) -> object:
    with _lock:
        if key not in _loaded:
            _loaded[key] = build() if os.environ.get(NATIVE_ENV, "1") != "0" else None
        return _loaded[key]


def compiler() -> list[str]:
    """The compiler command: ``$CC``, else the one Python was built with, else ``cc``."""
    return shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")


def _load_library(name: str) -> ctypes.CDLL | None:
    target = _build(name, [])
    if target is None:
        return None
    try:
        return ctypes.CDLL(str(target))
    except OSError as e:
        log.debug("cannot load native %s (numpy is used): %s", name, e)
        return None


def _load_module(name: str) -> ModuleType | None:
    # (the headers of this interpreter, and its version in the build's key: a module is built for one Python)
    target = _build(name, [f"-I{sysconfig.get_paths()['include']}", f"-DGLOSSARY_PY={sys.hexversion}"])
    if target is None:
        return None
    try:
        spec = importlib.util.spec_from_file_location(name, target)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    except (ImportError, OSError) as e:
        log.debug("cannot load native module %s (Python is used): %s", name, e)
        return None


def _build(name: str, extra: list[str]) -> Path | None:
    """The built file of ``<name>.c`` (compiled now if this version is not built yet), or None."""
    source = Path(__file__).with_name(f"{name}.c")
    command = [*compiler(), *extra]
    # (the machine's kind too: a home shared by an x86 and an ARM machine keeps a build for each)
    built_for = " ".join([*command, *FLAGS, platform.machine(), sys.platform])
    # (the headers beside the sources too: a module includes what the others share)
    headers = b"".join(h.read_bytes() for h in sorted(source.parent.glob("*.h")))
    digest = hashlib.sha256(source.read_bytes() + headers + built_for.encode()).hexdigest()[:16]
    target = cache_dir() / "native" / f"{name}-{digest}.so"
    if not target.exists():
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # (built beside the target and renamed: a process loading it never sees half a file)
            subprocess.run(
                [*command, *FLAGS, "-o", str(tmp), str(source), "-lm"],
                check=True,
                capture_output=True,
                timeout=TIMEOUT,
            )
            os.replace(tmp, target)
        except (OSError, subprocess.SubprocessError) as e:
            tmp.unlink(missing_ok=True)
            log.debug("no native %s (numpy is used): %s %s", name, e, (getattr(e, "stderr", None) or b"")[-500:])
            return None
        # (older builds stay: another machine sharing this home may use one, and each is 15 KB)
    return target
