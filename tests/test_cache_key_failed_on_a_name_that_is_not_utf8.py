"""Regression: the load cache's key encoded the rule set's directory name and its files' names
as strict UTF-8, so a name holding bytes that are not UTF-8 (which Linux allows, and Python
holds as surrogate escapes) stopped every command with `internal error: UnicodeEncodeError`
while the cache was on; with PATHFIT_CACHE=0 the same rule set loaded and decided."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pathfit.engine import Engine

HERE = Path(__file__).parent
PROFILE = {"goal": "specific", "needs": ["skill"], "hours": 8}


def _rule_set(tmp_path, folder: bytes, extra: bytes | None) -> str:
    rules = os.path.join(os.fsencode(tmp_path), folder)
    shutil.copytree(os.fsencode(HERE / "fixtures" / "tiny"), rules)
    if extra is not None:
        with open(os.path.join(rules, extra), "wb") as f:
            f.write(b"rules: []\n")
    return os.fsdecode(rules)


@pytest.mark.parametrize("folder, extra", [(b"rules", b"x\xff.yaml"), (b"rules\xfe", None)])
def test_a_name_not_utf8_loads_from_the_rules_and_then_from_the_cache(tmp_path, monkeypatch, folder, extra):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    rules = _rule_set(tmp_path, folder, extra)
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    with Engine.load(rules) as cold:
        expected = cold.evaluate(PROFILE).to_dict()
    monkeypatch.setenv("PATHFIT_CACHE", "1")
    with Engine.load(rules) as kept:
        assert kept.evaluate(PROFILE).to_dict() == expected
    assert list((tmp_path / "cache").rglob("*.pickle"))
    import pathfit.engine.pipeline.ruleset

    def refuse(directory):
        raise AssertionError("read again although cached")
    monkeypatch.setattr(pathfit.engine.pipeline.ruleset, "read_ruleset", refuse)
    with Engine.load(rules) as hit:
        assert hit.evaluate(PROFILE).to_dict() == expected


def test_recommend_on_a_folder_not_named_in_utf8_decides_with_the_cache_on(tmp_path):
    rules = _rule_set(tmp_path, b"rules\xfe", None)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PATHFIT_CACHE": "1"}
    out = subprocess.run([os.fsencode(Path(sys.executable).with_name("pathfit")), b"recommend", b"--rules",
                          os.fsencode(rules), b"--fact", b"goal=specific", b"--format", b"json"],
                         capture_output=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert b"Traceback" not in out.stderr and b"internal error" not in out.stderr
