"""The on-disk cache: a value built by older rules is not served after the rules change."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from glossary.cache import cached


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_a_changed_rule_rebuilds_its_cache(tmp_path: Path) -> None:
    rules = tmp_path / "rules_mod.py"
    rules.write_text("def build():\n    return ['old rule']\n", encoding="utf-8")
    first = cached("words", "dict-1", _load(rules, "rules_v1").build, directory=tmp_path / "c")
    rules.write_text(
        "def build():\n    return ['new rule']\n\ndef other():\n    return ['not built']\n", encoding="utf-8"
    )
    module = _load(rules, "rules_v2")
    second = cached("words", "dict-1", module.build, directory=tmp_path / "c")
    assert (first, second) == (["old rule"], ["new rule"])
    # the same rules and the same resource are served from disk, not built again; the older file is gone
    assert cached("words", "dict-1", module.other, directory=tmp_path / "c") == ["new rule"]
    assert len(list((tmp_path / "c").glob("words@*.marshal"))) == 1


def test_the_test_run_keeps_its_cache_out_of_the_users_home() -> None:
    from glossary.cache import cache_dir

    assert not cache_dir().resolve().is_relative_to(Path.home().resolve())
