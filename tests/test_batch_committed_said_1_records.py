"""A batch of one row already committed was said to hold '1 records'.

`batch IN --out OUT --audit-log LOG` run again after its one row was committed said, refusing
it (PF627) or writing its output again where the output was missing, "(1 records, committed at
seq 3 ...)": the marker's count was put before a plural noun as the log holds it. A whole count
now takes the noun it agrees with, as every other summary's (engine.counting); a count that is
not a whole number (an edited marker) is still shown as the log holds it."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli

from .audit_support import make_key
from .test_batch import write_csv


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_a_committed_one_row_batch_is_said_as_1_record(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    write_csv(tmp_path / "in.csv", [{"id": "p1", "career_stage": "executive"}])
    log, out = tmp_path / "audit.jsonl", tmp_path / "out.jsonl"
    args = ("batch", tmp_path / "in.csv", "--out", out, "--audit-log", log)
    assert _run(*args).exit_code == 0
    refused = _run(*args)  # the output is there: PF627, with the marker's count
    assert refused.exit_code == 2 and "PF627" in refused.stderr, refused.output
    assert "(1 records" not in refused.stderr and ": 1 record, committed at seq " in refused.stderr, refused.output
    out.unlink()
    restored = _run(*args)  # the output is missing: written again, with the marker's count
    assert restored.exit_code == 0, restored.output
    assert "(1 records" not in restored.stderr and "(1 record, commit at seq " in restored.stderr, restored.output


def test_a_marker_count_that_is_no_whole_number_is_shown_as_the_log_holds_it():
    from pathfit.engine.audit.commit import committed_count

    assert committed_count({"batch": {"records": 3}}) == "3 records"
    assert committed_count({"batch": {"records": "x\ny"}}) == "x\\u000ay records"
