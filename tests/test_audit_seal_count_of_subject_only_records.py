"""`audit verify LOG --audit-key` counts as checked every sealed record whose sealed parts all
open: a record whose only sealed part is its subject (no sensitive fact given) as much as one
with a sealed box, so that the count never calls an opened record unchecked, nor one with
another key's subject checked."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.append import append
from pathfit.engine.audit.record import build_record

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import SENSITIVE_EXAMPLE, example_facts, make_key
from .helpers import ROOT

NONE_SENSITIVE = ROOT / "examples" / "graduate-seeking-career-direction.yaml"  # no sensitive fact: no box


def _seals(log, key_path) -> dict:
    got = CliRunner().invoke(cli, ["audit", "verify", str(log), "--audit-key", str(key_path), "--format", "json"])
    assert got.exit_code == 0, got.output
    return json.loads(got.stdout)["seals"]


def test_a_record_sealing_only_its_subject_is_counted_checked_when_it_opens(tmp_path, engine, key):
    log = tmp_path / "audit.jsonl"
    subject_only = build_record(engine, engine.evaluate(example_facts(NONE_SENSITIVE)), key, subject="E-1")
    assert subject_only["masking"] is None and subject_only["subject"]["key_id"] == key.key_id
    append(log, subject_only)
    append(log, build_record(engine, engine.evaluate(example_facts(SENSITIVE_EXAMPLE)), key, subject="E-2"))
    append(log, build_record(engine, engine.evaluate(example_facts(NONE_SENSITIVE)), None))  # nothing sealed
    assert _seals(log, key.path) == {"sealed_records": 2, "checked": 2, "not_checked": 0, "other_keys": [],
                                     "checked_in_part": 0, "masked_records": 0}
    other = make_key(tmp_path, "other.key")
    assert _seals(log, other) == {"sealed_records": 2, "checked": 0, "not_checked": 2, "other_keys": [key.key_id],
                                  "checked_in_part": 0, "masked_records": 0}
