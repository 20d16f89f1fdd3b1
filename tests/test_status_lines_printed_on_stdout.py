"""Standard output is a command's product, what a script pipes on; what a command says about
the files it wrote, and any problem, is status on stderr. Every command that writes a file
says so on stderr and leaves stdout empty (`audit keygen` printed its "wrote" line on stdout)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT, tiny_copy

PROFILE = str(ROOT / "examples" / "ceo-wants-sounding-board.yaml")


def _run(args: list[str], env: dict | None = None, input: str | None = None):
    result = CliRunner().invoke(cli, args, env=env, input=input)
    assert "Traceback" not in result.output, result.output
    return result


def test_audit_keygen_says_what_it_wrote_on_stderr_and_prints_nothing_on_stdout(tmp_path):
    key = tmp_path / "audit.key"
    result = _run(["audit", "keygen", str(key)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith(f"wrote a new audit key to {key} (key id ")
    assert key.exists()


def test_audit_keygen_signing_says_what_it_wrote_on_stderr_and_prints_nothing_on_stdout(tmp_path):
    key = tmp_path / "signing.key"
    result = _run(["audit", "keygen", "--signing", str(key)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith(f"wrote a new signing key to {key} and its public key to {key}.pub")


def _writers(tmp_path):
    """(command line, the file it writes, env): each command that writes a file and prints no product."""
    key = tmp_path / "audit.key"
    assert _run(["audit", "keygen", str(key)]).exit_code == 0
    env = {"PATHFIT_AUDIT_KEY_FILE": str(key)}
    record = tmp_path / "decision.json"
    assert _run(["recommend", "--profile", PROFILE, "--record", str(record)], env=env).exit_code == 0
    rules = tiny_copy(tmp_path)
    cohort = tmp_path / "c.csv"
    cohort.write_text("id,goal\nr1,specific\n", encoding="utf-8")
    return {
        "report --out": (["report", str(record), "--out", str(tmp_path / "d.html")], tmp_path / "d.html", env),
        "docs --out": (["docs", "--rules", str(rules), "--out", str(tmp_path / "rules.md")], tmp_path / "rules.md", env),
        "schema --out": (["schema", "--rules", str(rules), "--out", str(tmp_path / "schemas")],
                         tmp_path / "schemas" / "profile.schema.json", env),
        "init": (["init", str(tmp_path / "project")], tmp_path / "project" / "schema.yaml", env),
        "batch --out": (["batch", "--rules", str(rules), str(cohort), "--out", str(tmp_path / "o.jsonl")],
                        tmp_path / "o.jsonl", env),
        "audit keygen": (["audit", "keygen", str(tmp_path / "k2")], tmp_path / "k2", env),
    }


@pytest.mark.parametrize("name", ["report --out", "docs --out", "schema --out", "init", "batch --out", "audit keygen"])
def test_a_command_that_writes_a_file_says_so_on_stderr_and_leaves_stdout_empty(tmp_path, name):
    args, written, env = _writers(tmp_path)[name]
    result = _run(args, env=env)
    assert result.exit_code == 0, result.output
    assert written.exists()
    assert result.stdout == ""
    assert result.stderr.strip()


def test_recommend_with_a_record_prints_the_advice_alone_on_stdout(tmp_path):
    key, record, log = tmp_path / "audit.key", tmp_path / "d.json", tmp_path / "a.jsonl"
    assert _run(["audit", "keygen", str(key)]).exit_code == 0
    env = {"PATHFIT_AUDIT_KEY_FILE": str(key)}
    plain = _run(["recommend", "--profile", PROFILE], env=env)
    recorded = _run(["recommend", "--profile", PROFILE, "--record", str(record), "--audit-log", str(log)], env=env)
    assert recorded.exit_code == plain.exit_code == 0
    assert recorded.stdout == plain.stdout
    assert recorded.stderr.startswith("recorded decision ")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_interview_save_says_what_it_saved_on_stderr(tmp_path, fmt):
    """Regression: `interview --save` printed "Saved N answers to FILE." on stdout in text, among
    the advice a script keeps, where `recorded decision ...` goes to stderr."""
    target = tmp_path / "person.yaml"
    result = _run(["interview", "--save", str(target), "--format", fmt], input="2\nquit\n")
    assert result.exit_code == 0, result.output
    assert "Saved" not in result.stdout and target.exists()
    assert f"Saved 1 answer to {target}.\n" in result.stderr, result.stderr
