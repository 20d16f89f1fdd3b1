"""`audit show --subject` without the audit key, on a log whose records seal their subject,
is refused (PF610) with the number of such records: "1 record holds", never "1 records
hold"."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

PERSON = ["--fact", "career_stage=senior_leader", "--fact", "goal_clarity=specific"]


@pytest.mark.parametrize("people, said", [(1, "1 record holds a sealed subject"),
                                          (2, "2 records hold a sealed subject")])
def test_the_refusal_counts_the_records_with_a_sealed_subject_in_words(tmp_path: Path, monkeypatch,
                                                                       people: int, said: str) -> None:
    runner = CliRunner()
    key, log = tmp_path / "audit.key", tmp_path / "audit.jsonl"
    assert runner.invoke(cli, ["audit", "keygen", str(key)]).exit_code == 0
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))
    for n in range(people):
        made = runner.invoke(cli, ["recommend", *PERSON, "--subject", f"E{n}", "--audit-log", str(log)])
        assert made.exit_code == 0, made.output
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE")
    result = runner.invoke(cli, ["audit", "show", str(log), "--subject", "E0"])
    assert result.exit_code == 2
    assert result.stderr.startswith("PATHFIT_AUDIT_KEY_FILE:0:0: PF610: "), result.stderr
    assert said in result.stderr, result.stderr
