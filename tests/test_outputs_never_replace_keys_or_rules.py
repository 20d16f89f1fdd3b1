"""No output replaces a key file the environment names, a file the rule set was read from,
or a file the same run writes. Regressions: `batch --out` written over the audit key lost
the key and every record sealed with it; `batch --out rules/policy.yaml` overwrote the
policy; `interview --save` named like `--audit-log` or `--record` replaced what the run had
just appended or recorded with a profile."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.masking import generate_key
from pathfit.engine.audit.signing import generate_signing_key

from .helpers import ROOT

ROWS = "id,career_stage,wellbeing_concern\nr1,executive,true\n"
ANSWERS = "no\nno\nno\n4,7\nyes\n3\nquit\n"


@pytest.fixture
def place(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    generate_key(str(tmp_path / "audit.key"))
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(tmp_path / "audit.key"))
    (tmp_path / "in.csv").write_text(ROWS)
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copy(ROOT / "knowledge_base.md", tmp_path / "knowledge_base.md")
    return tmp_path


def _run(args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def _bytes(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("extra", [[], ["--audit-log", "audit.jsonl"]])
def test_batch_out_never_replaces_the_audit_key(place, extra):
    before = _bytes(place)
    result = _run(["batch", "in.csv", "--out", "audit.key", "--jobs", "1", *extra])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("audit.key:0:0: PF618: --out is the same file as "), result.output
    assert _bytes(place) == before


def test_no_output_replaces_the_signing_key_or_its_public_half(place, monkeypatch):
    generate_signing_key(str(place / "sign.key"))
    monkeypatch.setenv("PATHFIT_SIGNING_KEY_FILE", str(place / "sign.key"))
    before = _bytes(place)
    for target in ("sign.key", "sign.key.pub"):
        result = _run(["batch", "in.csv", "--out", target, "--jobs", "1"])
        assert result.exit_code == 2 and f"{target}:0:0: PF618: " in result.output, result.output
    assert _bytes(place) == before


@pytest.mark.parametrize("option, code", [("--out", "PF618"), ("--audit-log", "PF617")])
def test_batch_never_writes_over_a_file_of_the_rule_set(place, option, code):
    before = _bytes(place)
    output = [] if option == "--out" else ["--out", "out.jsonl"]  # given once: a second --out is refused first (PF613)
    args = ["batch", "in.csv", "--rules", "rules", "--jobs", "1", *output, option, "rules/policy.yaml"]
    result = _run(args)
    assert result.exit_code == 2, result.output
    assert f"rules/policy.yaml:0:0: {code}: " in result.output, result.output
    assert _bytes(place) == before


@pytest.mark.parametrize("option", ["--audit-log", "--record"])
def test_interview_save_never_names_what_the_run_writes(place, option):
    target = "same.jsonl" if option == "--audit-log" else "same.json"
    before = _bytes(place)
    result = _run(["interview", option, target, "--save", target, "--force"], input=ANSWERS)
    assert result.exit_code == 2, result.output
    assert f"{target}:0:0: PF613: --save and {option} name the same file" in result.output, result.output
    assert _bytes(place) == before


def test_interview_save_never_replaces_an_existing_audit_log_it_appends_to(place):
    first = _run(["recommend", "--fact", "needs=performance", "--audit-log", "log.jsonl"])
    assert first.exit_code == 0, first.output
    before = _bytes(place)
    result = _run(["interview", "--audit-log", "./log.jsonl", "--save", "log.jsonl", "--force"], input=ANSWERS)
    assert result.exit_code == 2, result.output
    assert _bytes(place) == before


@pytest.mark.parametrize("command", [["recommend", "--fact", "needs=performance"], ["interview"]])
def test_a_decisions_audit_log_is_never_a_file_of_the_rule_set(place, command):
    """Regression: `recommend --audit-log rules/empty.yaml` appended a record to a rule file
    whose text read as a log (an empty one), and the rule set no longer loaded."""
    (place / "rules" / "empty.yaml").write_text("")
    before = _bytes(place)
    result = _run([*command, "--rules", "rules", "--audit-log", "rules/empty.yaml"], input=ANSWERS)
    assert result.exit_code == 2, result.output
    assert "rules/empty.yaml:0:0: PF617: --audit-log is the same file as " in result.output, result.output
    assert "the records would be appended to it" in result.output
    assert _bytes(place) == before


def test_recommend_record_and_audit_log_naming_one_file_through_a_link_are_refused_up_front(place):
    """Regression: the two were compared as spelt (abspath), so through a linked folder the
    record was written, the append then failed on it, and the record was removed again."""
    (place / "sub").mkdir()
    (place / "sub" / "up").symlink_to(place)
    result = _run(["recommend", "--fact", "needs=performance", "--record", "sub/up/x.jsonl", "--audit-log", "x.jsonl"])
    assert result.exit_code == 2, result.output
    assert "sub/up/x.jsonl:0:0: PF613: --record and --audit-log name the same file" in result.output, result.output
    assert not (place / "x.jsonl").exists()
