"""One rule for a file that already exists, said in each option's --help: an output made again
by running the command again (batch --out, report --out, docs --out, schema --out) is replaced
whole; a person's answers (interview --save) only with --force; a record and a key never; an
audit log is appended to. The help texts did not say it for batch, docs, schema, --audit-log
or the signing key."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT, tiny_copy

PROFILE = str(ROOT / "examples" / "ceo-wants-sounding-board.yaml")
KEPT = "kept: written before the command ran\n"


def _run(args: list, env: dict | None = None, input: str | None = None):
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env, input=input)
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture
def env(tmp_path):
    key = tmp_path / "audit.key"
    assert _run(["audit", "keygen", key]).exit_code == 0
    return {"PATHFIT_AUDIT_KEY_FILE": str(key)}


def _existing(path):
    path.write_text(KEPT, encoding="utf-8")
    return path


def test_batch_out_that_exists_is_replaced_whole(tmp_path, env):
    cohort = tmp_path / "c.jsonl"
    cohort.write_text((ROOT / "examples" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n",
                      encoding="utf-8")
    out = _existing(tmp_path / "o.jsonl")
    result = _run(["batch", cohort, "--out", out], env=env)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1 and rows[0]["error"] is None


def test_report_out_that_exists_is_replaced_whole(tmp_path, env):
    record = tmp_path / "d.json"
    assert _run(["recommend", "--profile", PROFILE, "--record", record], env=env).exit_code == 0
    out = _existing(tmp_path / "d.html")
    assert _run(["report", record, "--out", out], env=env).exit_code == 0
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")


def test_docs_out_that_exists_is_replaced_whole(tmp_path):
    rules = tiny_copy(tmp_path)
    out = _existing(tmp_path / "rules.md")
    assert _run(["docs", "--rules", rules, "--out", out]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert KEPT not in text and text.startswith("#")


def test_schema_out_replaces_the_schema_files_that_exist(tmp_path):
    rules = tiny_copy(tmp_path)
    folder = tmp_path / "schemas"
    folder.mkdir()
    existing = _existing(folder / "profile.schema.json")
    assert _run(["schema", "--rules", rules, "--out", folder]).exit_code == 0
    assert json.loads(existing.read_text(encoding="utf-8"))["$schema"].startswith("https://json-schema.org/")


def test_interview_save_refuses_an_existing_file_without_force_and_keeps_the_answers(tmp_path):
    saved = _existing(tmp_path / "person.yaml")
    result = _run(["interview", "--profile", PROFILE, "--save", saved], input="")
    assert result.exit_code == 2
    assert re.search(rf"^{re.escape(str(saved))}:0:0: PF612: ", result.stderr, re.M)
    assert saved.read_text(encoding="utf-8") == KEPT


def test_interview_save_with_force_replaces_the_file(tmp_path):
    saved = _existing(tmp_path / "person.yaml")
    result = _run(["interview", "--profile", PROFILE, "--save", saved, "--force"], input="")
    assert result.exit_code == 0, result.output
    assert "career_stage: executive" in saved.read_text(encoding="utf-8")


def test_a_record_that_exists_is_never_replaced(tmp_path, env):
    record = _existing(tmp_path / "d.json")
    result = _run(["recommend", "--profile", PROFILE, "--record", record], env=env)
    assert result.exit_code == 2 and result.stderr.startswith(f"{record}:0:0: PF612: ")
    assert result.stdout == ""
    assert record.read_text(encoding="utf-8") == KEPT


def test_an_audit_log_that_exists_is_appended_to(tmp_path, env):
    log = tmp_path / "audit.jsonl"
    assert _run(["recommend", "--profile", PROFILE, "--audit-log", log], env=env).exit_code == 0
    first = log.read_bytes()
    assert _run(["recommend", "--profile", PROFILE, "--audit-log", log], env=env).exit_code == 0
    after = log.read_bytes()
    assert after.startswith(first) and after.count(b"\n") == 2


@pytest.mark.parametrize("args, existing", [
    (["audit", "keygen", "{d}/k"], "k"),
    (["audit", "keygen", "--signing", "{d}/s"], "s"),
    (["audit", "keygen", "--signing", "{d}/s"], "s.pub"),
])
def test_a_key_file_that_exists_is_never_replaced(tmp_path, args, existing):
    kept = _existing(tmp_path / existing)
    result = _run([a.format(d=tmp_path) for a in args])
    assert result.exit_code == 2
    assert f"{kept}:0:0: PF612: " in result.stderr
    assert kept.read_text(encoding="utf-8") == KEPT
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing]


def test_init_refuses_a_directory_that_is_not_empty(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    kept = _existing(project / "schema.yaml")
    result = _run(["init", project])
    assert result.exit_code == 2 and "PF629" in result.stderr
    assert kept.read_text(encoding="utf-8") == KEPT


@pytest.mark.parametrize("command, option, words", [
    (["batch"], "--out", "Replaced whole if it exists"),
    (["report"], "--out", "replaced whole if it exists"),
    (["docs"], "--out", "replaced whole if it exists"),
    (["schema"], "--out", "files of those names are replaced"),
    (["interview"], "--save", "never replace a file unless --force"),
    (["recommend"], "--record", "a record is never replaced"),
    (["interview"], "--record", "a record is never replaced"),
    (["recommend"], "--audit-log", "appended to, never replaced"),
    (["batch"], "--audit-log", "appended to, never replaced"),
    (["audit", "keygen"], "--signing", "a key is never replaced"),
    (["audit", "keygen"], "FILE", "never overwrites"),
])
def test_each_outputs_help_says_what_happens_to_a_file_that_exists(command, option, words):
    text = " ".join(_run([*command, "--help"]).stdout.split())
    assert option in text and words in text
