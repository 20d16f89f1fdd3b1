"""A version 1 record (masks, `hmac-sha256`) edited to hold a sensitive value in clear was read.

Its masked fact replaced by a clear value and its digests resealed, `report` drew the value as
the person's beside "shown as masked here" naming that very fact, and `audit show --id` printed
it; taken off `masking.masked` as well, `audit verify` with the audit key said "masked values
agree with the audit key" and exit 0. pathfit wrote every sensitive value of such a record
masked, in its facts and wherever a firing matched it, and `masking.masked` naming exactly those
facts: a record saying otherwise does not agree with itself, PF608 for every reader, key or no
key. The genuine records of the hmac-records fixture are still read.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.record import record_text, seal, sha256_hex

from .hmac_records import OLD, copy_key, first_masked_given

RECORD = "burnt-out-director-sleep-problems.json"


def clear_fact(record: dict) -> dict:
    """Its first masked fact given in clear (as `false`) in its facts and firings, still listed as masked."""
    return first_masked_given(record, False)


def clear_and_unlisted(record: dict) -> dict:
    record = clear_fact(record)
    record["masking"]["masked"] = record["masking"]["masked"][1:]
    return record


def clear_match(record: dict) -> dict:
    """Only a matched value of a sensitive fact given in clear; the facts' masks left as they were."""
    names = set(record["masking"]["masked"])
    firing = next(f for f in record["decision"]["trace"]["firings"]
                  if any(m.get("fact") in names and "value" in m for m in f["matched"]))
    next(m for m in firing["matched"] if m.get("fact") in names and "value" in m)["value"] = True
    return record


def masked_plain_fact(record: dict) -> dict:
    """A fact that is not sensitive shown masked."""
    name = next(k for k in sorted(record["facts"]) if k not in record["masking"]["facts"])
    record["facts"][name] = record["decision"]["facts"][name] = {"masked": "ab" * 32}
    record["facts_digest"] = sha256_hex(record["facts"])
    return record


FORGERIES = [clear_fact, clear_and_unlisted, clear_match, masked_plain_fact]


@pytest.fixture
def key(tmp_path):
    return copy_key(tmp_path)


def forged(tmp_path, forge):
    path = tmp_path / "record.json"
    path.write_text(record_text(seal(forge(json.loads((OLD / RECORD).read_text())))))
    return path


def run(*args, key=""):
    return CliRunner().invoke(cli, list(map(str, args)), env={"PATHFIT_AUDIT_KEY_FILE": str(key)})


@pytest.mark.parametrize("forge", FORGERIES)
def test_verify_with_the_key_refuses_it(tmp_path, key, forge):
    result = run("audit", "verify", forged(tmp_path, forge), "--format", "json", key=key)
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert report["problem"]["code"] == "PF608" and report["intact"] is False


@pytest.mark.parametrize("keyed", [True, False])
@pytest.mark.parametrize("forge", FORGERIES)
def test_report_draws_no_page(tmp_path, key, forge, keyed):
    out = tmp_path / "page.html"
    result = run("report", forged(tmp_path, forge), "--out", out, key=key if keyed else "")
    assert result.exit_code == 2, result.output
    assert "PF608" in result.output and not out.exists()


@pytest.mark.parametrize("forge", FORGERIES)
def test_audit_show_does_not_show_it(tmp_path, forge):
    result = run("audit", "show", forged(tmp_path, forge), "--id", "c515")
    assert result.exit_code == 2, result.output
    assert "PF608" in result.output


@pytest.mark.parametrize("name", [RECORD, "new-coo-navigating-board-politics.json"])
def test_the_genuine_records_are_still_drawn(tmp_path, name):
    out = tmp_path / "page.html"
    result = run("report", OLD / name, "--out", out)
    assert result.exit_code == 0, result.output
    assert out.exists()
