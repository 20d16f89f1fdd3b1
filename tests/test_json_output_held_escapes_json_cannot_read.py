"""Regression: JSON printed to a stream whose encoding lacks a character (an ASCII locale,
PYTHONIOENCODING=latin-1) held the stream's own escape for it, `\\xe9` or `\\U0001f600`,
which no JSON reader takes: `explain --format json` under `LC_ALL=C` was not JSON at all, and
the tree's lines in a reason (`─`) were drawn over in ASCII (`-`), changing the text. Now such
a character is written as JSON's own escape (`\\u00e9`, a surrogate pair past U+FFFF), so the
output is JSON that reads as the same values as under a UTF-8 locale."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REASON = "Un objectif précis → “convenu” ─ 😀."
LABEL = "Spécifique 😀"
ASCII = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


def _run(args: list[str], env: dict, cwd: Path) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL", "LANG")}
    full["PATHFIT_AUDIT_KEY_FILE"] = str(cwd / "k.key")
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], capture_output=True,
                          env={**full, **env}, cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("json")
    assert _run(["init", "rules"], {}, where).returncode == 0
    schema = where / "rules" / "schema.yaml"
    schema.write_text(schema.read_text(encoding="utf-8").replace("{specific: Specific,", "{specific: " + LABEL + ","),
                      encoding="utf-8")
    rules = where / "rules" / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        "A specific goal can be turned into agreed objectives.", REASON), encoding="utf-8")
    (where / "p.yaml").write_text("goal_clarity: specific\nwants_experienced_guide: true\nready_for_change: true\n")
    assert _run(["audit", "keygen", "k.key"], {}, where).returncode == 0
    assert _run(["recommend", "--rules", "rules", "--profile", "p.yaml", "--record", "r.json"], {}, where).returncode == 0
    return where


COMMANDS = {
    "recommend": ["recommend", "--rules", "rules", "--profile", "p.yaml", "--format", "json"],
    "explain": ["explain", "--rules", "rules", "--profile", "p.yaml", "--format", "json"],
    "replay": ["replay", "r.json", "--rules", "rules", "--format", "json"],
    "audit show": ["audit", "show", "r.json", "--format", "json"],
}


@pytest.mark.parametrize("env", [ASCII, {"PYTHONIOENCODING": "latin-1"}], ids=["LC_ALL=C", "latin-1"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_json_on_a_narrow_stream_reads_as_the_same_values(project: Path, env: dict, command: str) -> None:
    wide = _run(COMMANDS[command], {}, project)
    narrow = _run(COMMANDS[command], env, project)
    assert wide.returncode == narrow.returncode == 0, narrow.stderr
    encoding = "ascii" if env is ASCII else "latin-1"
    assert json.loads(narrow.stdout.decode(encoding)) == json.loads(wide.stdout.decode("utf-8"))
