"""A batch with `--audit-log` appends its records in input order: the log's records between
the batch's begin and commit markers name rows 1, 2, 3, ... of the input, one each, and each
output row names the record of its own row. The row's other tests stop a batch mid-way (nothing
appended), so a batch that appended a chunk's records in another order passed them."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .audit_support import make_key
from .test_batch import _examples, write_csv


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_records_are_appended_in_input_order(tmp_path, monkeypatch, jobs):
    rows = [dict(r, id=f"{r['id']}-{i}") for i in range(8) for r in _examples()]
    write_csv(tmp_path / "in.csv", rows)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    monkeypatch.delenv("PATHFIT_SIGNING_KEY_FILE", raising=False)
    log, out = tmp_path / "audit.jsonl", tmp_path / "out.jsonl"
    done = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.csv"), "--out", str(out), "--audit-log", str(log),
                                    "--jobs", jobs, "--quiet"])
    assert done.exit_code == 0, done.output
    records = [e["record"] for e in map(json.loads, log.read_text().splitlines()) if "record" in e]
    assert [(r["source"]["row"], r["source"]["id"]) for r in records] == \
        [(n, row["id"]) for n, row in enumerate(rows, 1)]
    results = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in results] == [row["id"] for row in rows]
    assert [r["record_id"] for r in results] == [r["id"] for r in records]
