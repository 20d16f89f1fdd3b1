"""`audit show --id ID` with a filter the record does not meet says so, never that no record
has that id.

Regression: `audit show log --id 3c4689 --operator nobody` said `PF616: no record with id
'3c4689'` of a record the log holds, sending an auditor after a record that was never lost.
The filters still narrow what --id shows (PF616, exit status 2); the message now says the
record is there and which filters left it out.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

PERSON = "career_stage: senior_leader\ntrigger: new_role\n"


@pytest.fixture
def log(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFIT_RULES", raising=False)
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.yaml").write_text(PERSON)
    made = CliRunner().invoke(cli, ["recommend", "--profile", "p.yaml", "--operator", "jo", "--audit-log", "log.jsonl",
                                    "--record", "r.json"])
    assert made.exit_code == 0, made.output
    return "log.jsonl", json.loads((tmp_path / "r.json").read_text())["id"][:8]


@pytest.mark.parametrize("filters, named", [
    (["--operator", "nobody"], "--operator"),
    (["--rule", "no.such_rule"], "--rule"),
    (["--since", "2999-01-01"], "--since"),
    (["--outcome", "coaching"], "--outcome"),  # the record decided undetermined
    (["--subject", "nobody"], "--subject"),  # the record names no subject
    (["--outcome", "coaching", "--subject", "nobody"], "--outcome and --subject"),
    (["--operator", "nobody", "--since", "2999-01-01"], "--since and --operator"),
])
def test_a_record_left_out_by_a_filter_is_not_said_to_be_missing(log, filters, named):
    path, prefix = log
    result = CliRunner().invoke(cli, ["audit", "show", path, "--id", prefix, *filters])
    assert result.exit_code == 2 and result.stdout == "", result.output
    first = result.stderr.splitlines()[-1]
    assert first.startswith(f"{path}:0:0: PF616: "), result.stderr
    assert "no record with id" not in result.stderr and prefix in first and named in first


def test_a_record_the_filter_chooses_is_shown(log):
    path, prefix = log
    result = CliRunner().invoke(cli, ["audit", "show", path, "--id", prefix, "--operator", "jo"])
    assert result.exit_code == 0 and result.stdout.startswith(f"Record {prefix}"), result.output


def test_an_id_no_record_has_is_still_said_missing(log):
    path, _ = log
    result = CliRunner().invoke(cli, ["audit", "show", path, "--id", "ffffffff", "--operator", "jo"])
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == f"{path}:0:0: PF616: no record with id 'ffffffff'"
