"""Regression: text was not written in the encoding of the stream it went to. Under
PYTHONIOENCODING=latin-1 a label with `→` ended `rules show` and `explain` in "internal error:
UnicodeEncodeError"; under an ASCII locale (LC_ALL=C with PYTHONUTF8=0, or
PYTHONIOENCODING=ascii) click wrote UTF-8 anyway, mojibake on that terminal; an interview
answer stdin's encoding could not decode was "internal error: UnicodeDecodeError". Now
every character the encoding holds is written in it, the explanation's tree lines are drawn
in ASCII where it lacks them, anything else is escaped (`\\u2192`), and an undecodable answer
is refused and quoted with its bytes escaped."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

LABEL = "Spécifique → précis"


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("uni") / "rules"
    assert _run(["init", str(where)], {}).returncode == 0
    schema = where / "schema.yaml"
    schema.write_text(schema.read_text(encoding="utf-8").replace("{specific: Specific,", "{specific: " + LABEL + ","),
                      encoding="utf-8")
    rules = where / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        "A specific goal can be turned into agreed objectives.", "Un objectif précis → “convenu”."), encoding="utf-8")
    return where


def _run(args: list[str], env: dict, stdin: bytes = b"") -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL")}
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], input=stdin, capture_output=True,
                          env={**full_env, **env}, timeout=120)


def _profile(where: Path) -> str:
    path = where.parent / "person é.yaml"
    path.write_text("goal_clarity: specific\nwants_experienced_guide: true\nready_for_change: true\n")
    return str(path)


def test_latin1_gets_latin1_and_escapes_what_it_lacks_never_an_internal_error(rules: Path) -> None:
    done = _run(["rules", "--help"], {"PYTHONIOENCODING": "latin-1"})
    assert done.returncode == 0
    done = _run(["rules", "show", "goal.clear"], {"PYTHONIOENCODING": "latin-1", "PATHFIT_RULES": str(rules)})
    assert done.returncode == 0, done.stderr
    assert "Un objectif précis \\u2192 \\u201cconvenu\\u201d.".encode("latin-1") in done.stdout


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONUTF8": "0",
                                                                 "PYTHONCOERCECLOCALE": "0"}],
                         ids=["PYTHONIOENCODING=ascii", "LC_ALL=C"])
def test_an_ascii_stream_gets_ascii_never_utf8_behind_its_back(rules: Path, env: dict) -> None:
    shown = _run(["rules", "show", "goal.clear", "--rules", str(rules)], env)
    tree = _run(["explain", "--rules", str(rules), "--profile", _profile(rules)], env)
    asked = _run(["interview", "--rules", str(rules)], env, stdin=b"1\n1\n1\n")
    for done in (shown, tree, asked):
        assert done.returncode == 0, done.stderr
        assert done.stdout.isascii() and done.stderr.isascii()
    assert "Un objectif pr\\xe9cis \\u2192" in shown.stdout.decode()
    assert "1) Sp\\xe9cifique \\u2192 pr\\xe9cis" in asked.stdout.decode()
    lines = tree.stdout.decode().splitlines()
    assert lines[1].startswith("|- ") and any(line.lstrip("| ").startswith("`- ") for line in lines)


def test_an_answer_stdin_cannot_decode_is_refused_and_quoted_never_an_internal_error(rules: Path) -> None:
    done = _run(["interview", "--rules", str(rules)], {"PYTHONIOENCODING": "ascii"},
                stdin="1\n{}\n1\n1\n".format(LABEL).encode("utf-8"))
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("ascii")
    assert '"Sp\\udcc3\\udca9cifique' in out and "is not one" in out
    assert "internal error" not in done.stderr.decode("ascii")
