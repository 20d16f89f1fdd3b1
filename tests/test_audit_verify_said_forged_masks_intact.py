"""`audit verify` did not look at a version 1 record's masks (HMAC-SHA256 under the audit key).

A mask replaced, the record resealed and the log re-chained was called intact with the key,
and "2 of 2 sealed records open"; a record file with a sealed subject said its "sealed part
opens ... authentication tag verified" (the subject's tag alone); one without a subject read
`intact: true` with nothing checked. Only replay found the forged mask (PF614). Now the masks
are checked with the key (PF630 at the entry's line), counted as not checked without it, and
the genuine records of pathfit's hmac-records fixture still verify.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.record import record_text, seal, sha256_hex

from .hmac_records import OLD, copy_key, rechained

RECORD = "burnt-out-director-sleep-problems.json"
FORGED = {"masked": "ab" * 32}


def run(*args):
    return CliRunner().invoke(cli, ["audit", "verify", *map(str, args)], env={"PATHFIT_AUDIT_KEY_FILE": ""})


@pytest.fixture
def key(tmp_path):
    return copy_key(tmp_path)


def forge_fact(record: dict) -> dict:
    """Its first masked fact's mask replaced everywhere it appears, the digests resealed."""
    name = record["masking"]["masked"][0]
    record["facts"][name] = record["decision"]["facts"][name] = FORGED
    record["facts_digest"] = sha256_hex(record["facts"])
    return seal(record)


def forge_match(record: dict) -> dict:
    """Only a matched value's mask replaced in the firings; the facts' masks left as they were."""
    names = set(record["masking"]["masked"])
    firing = next(f for f in record["decision"]["trace"]["firings"]
                  if any(m.get("fact") in names for m in f["matched"]))
    next(m for m in firing["matched"] if m.get("fact") in names)["value"] = FORGED
    return seal(record)




@pytest.mark.parametrize("forge", [forge_fact, forge_match])
@pytest.mark.parametrize("line", [1, 2])
def test_a_forged_mask_in_a_log_is_pf630_at_its_line_with_the_key(tmp_path, key, forge, line):
    log = rechained(tmp_path, forge, line)
    result = run(log, "--audit-key", key, "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert (report["problem"]["code"], report["problem"]["line"]) == ("PF630", line)
    assert report["intact"] is False and report["entries"] == line - 1


def test_the_masked_records_are_not_checked_without_the_key(tmp_path):
    result = run(rechained(tmp_path, forge_fact, 1), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["intact"] is False and report["chain_intact"] is True
    assert report["seals"]["not_checked"] == 2 and report["seals"]["masked_records"] == 2


def test_the_genuine_masked_log_verifies_with_the_key(key):
    report = json.loads(run(OLD / "audit.jsonl", "--audit-key", key, "--format", "json").output)
    assert report["intact"] is True and report["problem"] is None
    assert report["seals"] == {"sealed_records": 2, "checked": 2, "not_checked": 0, "other_keys": [],
                               "checked_in_part": 0, "masked_records": 2}


@pytest.mark.parametrize("subject", [True, False])
@pytest.mark.parametrize("forge", [forge_fact, forge_match])
def test_a_forged_mask_in_a_record_file_is_pf630_with_the_key(tmp_path, key, forge, subject):
    record = json.loads((OLD / RECORD).read_text())
    if not subject:
        record = seal({k: v for k, v in record.items() if k != "subject"})
    path = tmp_path / "record.json"
    path.write_text(record_text(forge(record)))
    result = run(path, "--audit-key", key, "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert report["problem"]["code"] == "PF630" and report["intact"] is False
    masking_line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if '"masking": {' in text)
    assert report["problem"]["line"] == masking_line


def test_a_masked_record_file_without_a_subject_is_not_intact_unchecked(tmp_path):
    record = json.loads((OLD / RECORD).read_text())
    path = tmp_path / "record.json"
    path.write_text(record_text(seal({k: v for k, v in record.items() if k != "subject"})))
    report = json.loads(run(path, "--format", "json").output)
    assert (report["intact"], report["digests_intact"], report["seal_checked"]) == (False, True, False)


@pytest.mark.parametrize("name", [RECORD, "new-coo-navigating-board-politics.json"])
def test_the_genuine_masked_record_files_verify_with_the_key(key, name):
    result = run(OLD / name, "--audit-key", key, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["intact"], report["seal_checked"]) == (True, True)
