"""A batch with an audit log commits only rows of the bytes its id names: an input that another
program writes to while the batch reads it is refused before anything is appended or written.

Regression: the batch id was worked out from the input's bytes before the first row, and the
rows were then read to the file's end, wherever it had got to: rows added meanwhile were decided
and committed under the id of the bytes without them. Run again, the whole file had another id,
and every row was logged a second time, though a re-run is to log no row twice.
"""
from __future__ import annotations

import os

from pathfit.engine.audit import append

from .audit_support import make_key, run
from .test_batch import _examples, write_csv


def test_rows_added_while_the_batch_ran_are_refused_with_nothing_committed(tmp_path, monkeypatch):
    examples = _examples()
    write_csv(tmp_path / "in.csv", examples[:3])
    added = (tmp_path / "in.csv").read_text().splitlines(keepends=True)[1]  # a row written again, as another
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    log, out = tmp_path / "audit.jsonl", tmp_path / "out.jsonl"
    real_check = append.check_appendable
    grown: list[bool] = []

    def check_appendable_as_another_program_adds_a_row(*args, **kwargs):
        # the batch's id is worked out; another program now adds a row to the input
        if not grown:
            with open(tmp_path / "in.csv", "a", encoding="utf-8") as f:
                f.write("added" + added[added.index(","):])
            grown.append(True)
        return real_check(*args, **kwargs)

    monkeypatch.setattr(append, "check_appendable", check_appendable_as_another_program_adds_a_row)
    result = run("batch", tmp_path / "in.csv", "--out", out, "--audit-log", log, "--jobs", "1")
    assert grown
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'in.csv'}:0:0: PF100: " in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not log.exists() or log.read_bytes() == b""
    assert not [name for name in os.listdir(tmp_path) if name.startswith(".")]

    monkeypatch.setattr(append, "check_appendable", real_check)
    again = run("batch", tmp_path / "in.csv", "--out", out, "--audit-log", log, "--jobs", "1")
    assert again.exit_code == 0, again.output
    assert len(out.read_text().splitlines()) == 4
