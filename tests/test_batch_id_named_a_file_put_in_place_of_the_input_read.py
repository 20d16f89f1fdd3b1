"""A batch's id names the bytes whose rows it decided, even if another program puts a new file in
place of its input (a rename onto the name, as a program that writes a file whole does) as the
batch starts.

Regression: the rows were read from the input opened first, and the batch id was worked out from
the file the name then led to, opened again: a cohort put in place in between gave the old rows
the new file's id. The new cohort, run next, was then refused as already committed (PF627), its
rows never decided nor recorded.
"""
from __future__ import annotations

import json
import os

from pathfit.engine.audit import masking

from .audit_support import make_key, run
from .test_batch import _examples, write_csv


def _ids(out) -> list[str]:
    return [json.loads(line)["id"] for line in out.read_text().splitlines()]


def test_a_cohort_put_in_place_as_the_batch_starts_is_run_as_its_own_batch(tmp_path, monkeypatch):
    examples = _examples()
    write_csv(tmp_path / "in.csv", examples[:3])
    write_csv(tmp_path / "next.csv", examples[3:6])
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    log = tmp_path / "audit.jsonl"
    real_load_key = masking.load_key
    replaced: list[bool] = []

    def load_key_as_the_next_cohort_is_put_in_place(*args, **kwargs):
        # the input is open already; another program now renames its next cohort onto the name
        if not replaced:
            os.replace(tmp_path / "next.csv", tmp_path / "in.csv")
            replaced.append(True)
        return real_load_key(*args, **kwargs)

    monkeypatch.setattr(masking, "load_key", load_key_as_the_next_cohort_is_put_in_place)
    first = run("batch", tmp_path / "in.csv", "--out", tmp_path / "first.jsonl", "--audit-log", log, "--jobs", "1")
    assert replaced and first.exit_code == 0, first.output
    monkeypatch.setattr(masking, "load_key", real_load_key)
    first_ids = _ids(tmp_path / "first.jsonl")
    assert len(first_ids) == 3

    second = run("batch", tmp_path / "in.csv", "--out", tmp_path / "second.jsonl", "--audit-log", log, "--jobs", "1")
    assert second.exit_code == 0, second.output  # not PF627: these rows were never run
    second_ids = _ids(tmp_path / "second.jsonl")
    assert len(second_ids) == 3 and not set(second_ids) & set(first_ids)
    marks = [json.loads(line).get("batch") for line in log.read_text().splitlines()]
    begins = [m["id"] for m in marks if m and m["mark"] == "begin"]
    assert len(begins) == 2 and begins[0] != begins[1]
