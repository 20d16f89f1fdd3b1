"""A committed batch run again to restore its output checks each decision against its committed
record, the referral as well as the outcome: a record that says `refer` to another referral than
the re-run gives is PF631 at the row, nothing written and nothing appended, as a record of another
outcome is. Checked by outcome alone, the output was restored naming that record's id beside a
decision it does not hold."""
from __future__ import annotations

import json

import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .audit_support import make_key, rehashed
from .helpers import ROOT
from .test_batch import write_csv

NAMES = ("ceo-wants-sounding-board", "manager-with-unclear-role", "new-vp-wants-structure")


def _rows() -> list[dict]:
    rows = []
    for name in NAMES:
        doc = yaml.safe_load((ROOT / "examples" / f"{name}.yaml").read_text())
        rows.append({"id": name, **doc["facts"], "_expect": doc["expect"]["outcome"]})
    return rows


def _referred_elsewhere(entry: dict, was: str, other: str) -> None:
    """The record made to refer to `other` everywhere it names `was`, so it agrees with itself."""
    record = entry["record"]
    assert record["decision"]["referral"] == record["outcome"]["referral"] == was
    record["decision"]["referral"] = record["outcome"]["referral"] = other
    for firing in record["decision"]["trace"]["firings"]:
        if firing.get("refer") == was:
            firing["refer"] = other


def test_a_re_run_whose_referral_differs_from_the_committed_record_restores_nothing(tmp_path, monkeypatch):
    write_csv(tmp_path / "in.csv", _rows())
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    log, out = tmp_path / "audit.jsonl", tmp_path / "out.jsonl"
    args = ["batch", str(tmp_path / "in.csv"), "--out", str(out), "--audit-log", str(log), "--jobs", "1"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    out.unlink()
    lines = log.read_bytes().splitlines(keepends=True)
    entry = json.loads(lines[2])  # the begin marker, then row 1's record, then row 2's
    assert entry["record"]["decision"]["recommendation"] == "refer", entry["record"]["decision"]
    was = entry["record"]["decision"]["referral"]
    other = "consulting" if was != "consulting" else "training"
    lines[2] = rehashed(lines[2], lambda e: _referred_elsewhere(e, was, other))
    log.write_bytes(b"".join(lines))
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert f"in.csv:3:1: PF631: row 2 now decides refer ({was})" in result.stderr, result.stderr
    assert f"says refer ({other})" in result.stderr
    assert not out.exists() and log.read_bytes() == b"".join(lines)
