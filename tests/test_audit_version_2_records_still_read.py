"""Records sealed by pathfit before its box held the whole clear part (record_version 2), read today.

tests/fixtures/v2-records was written by pathfit 0.1.0 as it stood before sealed records bound their
clear part (record_version 3): a signed log of a sealed record with a sealed subject and operator and
a batch of one sealed row, that log's signed head, the record's own file, and a log made under a
policy that keeps the subject in clear (`subject: public`), with the audit key and the public key.
Every reader must take them as genuine, and say of them only what their box can vouch for: what it
binds (the id and rule-set digest, the clear facts, outcome, rules and trace) is PF630 when edited;
what it cannot (docs/audit.md, "Records sealed by earlier versions") passes, and verify says so."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT
from .test_audit_clear_binding import forge  # entry changed and resealed, the chain recomputed

V2 = ROOT / "tests" / "fixtures" / "v2-records"
RECORD = "1c8051c6-8c01-422e-af4e-44c99705826e"  # audit.jsonl:1, and burnt-out-director-sleep-problems.json
BATCHED = "6d863351-97ba-4918-a588-81e23d4ba8df"  # audit.jsonl:3, row 1 of rows.jsonl


@pytest.fixture
def v2(tmp_path, monkeypatch):
    """A copy of the fixtures, the audit key mode 600 (a key others can read is refused)."""
    for path in V2.iterdir():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "audit.key").chmod(0o600)
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    monkeypatch.delenv("PATHFIT_SIGNING_KEY_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_the_fixtures_are_version_2_records_of_an_earlier_pathfit():
    for line in (V2 / "audit.jsonl").read_text().splitlines() + (V2 / "public-subject.jsonl").read_text().splitlines():
        record = json.loads(line).get("record")
        if record is not None:
            assert record["record_version"] == 2 and record["masking"]["scheme"] == "aes-256-gcm"
            assert record["versions"]["pathfit"] == "0.1.0"


def test_version_2_records_verify_with_every_option_and_are_counted_as_checked_in_part(v2):
    key = ("--audit-key", "audit.key")
    result = run("audit", "verify", "audit.jsonl", *key, "--public-key", "signing.key.pub",
                 "--head-statement", "head.json")
    assert result.exit_code == 0 and result.stdout.startswith("audit.jsonl: intact, 4 entries"), result.output
    assert "2 of 2 sealed records open" in result.stderr and "2 of them written before" in result.stderr
    seals = json.loads(run("audit", "verify", "audit.jsonl", *key, "--format", "json").stdout)
    assert seals["intact"] is True and seals["seals"] == {
        "checked": 2, "checked_in_part": 2, "masked_records": 0, "not_checked": 0, "other_keys": [],
        "sealed_records": 2}
    unkeyed = json.loads(run("audit", "verify", "audit.jsonl", "--format", "json").stdout)
    assert (unkeyed["intact"], unkeyed["chain_intact"], unkeyed["seals"]["not_checked"],
            unkeyed["seals"]["checked_in_part"]) == (False, True, 2, 0)
    record = "burnt-out-director-sleep-problems.json"
    assert json.loads(run("audit", "verify", record, *key, "--format", "json").stdout) == {
        "checked_in_part": True, "digests_intact": True, "id": RECORD, "intact": True, "problem": None,
        "record": record, "seal_checked": True}
    assert json.loads(run("audit", "verify", record, "--format", "json").stdout)["intact"] is False


def test_version_2_records_are_shown_replayed_and_reported(v2):
    key = ("--audit-key", "audit.key")
    listing = run("audit", "show", "audit.jsonl", *key)
    assert listing.exit_code == 0 and RECORD[:8] in listing.stdout and BATCHED[:8] in listing.stdout
    shown = run("audit", "show", "audit.jsonl", "--id", RECORD[:8], *key)
    assert shown.exit_code == 0 and "wellbeing_concern" in shown.stdout and "E-1001" in shown.stdout
    assert "E-1001" not in run("audit", "show", "audit.jsonl", "--id", RECORD[:8]).stdout
    assert RECORD[:8] in run("audit", "show", "audit.jsonl", "--subject", "E-1001", *key).stdout
    assert BATCHED[:8] in run("audit", "show", "audit.jsonl", "--subject", "E-2002", *key).stdout
    assert RECORD[:8] in run("audit", "show", "audit.jsonl", "--rule", "refer.counselling", *key).stdout
    replayed = run("replay", "audit.jsonl", *key)
    assert replayed.exit_code == 0 and "replayed 2 records: 2 reproduced, 0 not" in replayed.stdout, replayed.output
    assert run("replay", "audit.jsonl").exit_code == 2  # PF610: sealed
    assert run("report", "audit.jsonl", "--id", RECORD, "--out", "page.html", *key).exit_code == 0
    assert run("report", "burnt-out-director-sleep-problems.json", "--out", "file.html", *key).exit_code == 0


# what the version 2 box binds: the id and rule-set digest (associated data); the clear facts,
# outcome, rules and trace against the whole
BOUND = {
    "facts.hours_per_month": lambda r: (r["facts"].update(hours_per_month=3),
                                        r["decision"]["facts"].update(hours_per_month=3)),
    "rules.judge.willing": lambda r: r["rules"]["judge.willing"].update(reason="forged"),
    "decision.trace.not_fired[0]": lambda r: r["decision"]["trace"]["not_fired"][0].update(observed=True),
    "decision.trace.engine": lambda r: r["decision"]["trace"]["engine"].update(durable_rules="9"),
    "record_version": lambda r: r.update(record_version=3),
}


@pytest.mark.parametrize("where", sorted(BOUND))
def test_an_edit_a_version_2_box_binds_is_PF630_for_every_reader(v2, where):
    log = v2 / "audit.jsonl"
    forge(log, 1, BOUND[where])
    key = ("--audit-key", "audit.key")
    result = run("audit", "verify", log, *key)
    assert result.exit_code == 1 and result.stdout.startswith(f"{log}:1:1: PF630: "), result.output
    assert f"at {where}:" in result.stdout
    assert run("replay", log, "--id", RECORD, *key).exit_code == 2
    assert run("report", log, "--id", RECORD, "--out", v2 / "page.html", *key).exit_code == 2
    assert not (v2 / "page.html").exists()


def test_a_version_2_record_moved_to_another_rule_set_digest_does_not_open(v2):
    log = v2 / "audit.jsonl"
    forge(log, 1, lambda r: r["ruleset"].update(digest="0" * 64))
    result = run("audit", "verify", log, "--audit-key", "audit.key")
    assert result.exit_code == 1 and result.stdout.startswith(f"{log}:1:1: PF630: "), result.output


UNBOUND = {  # what docs/audit.md says a version 2 box cannot vouch for
    "timestamp": lambda r: r.update(timestamp="2020-01-01T00:00:00.000000Z"),
    "operator": lambda r: r.update(operator="mallory"),
    "versions": lambda r: r["versions"].update(pathfit="0.0.9"),
    "source": lambda r: r["source"].update(row=99),
    "subject": lambda r: r.pop("subject"),
    "ruleset.name": lambda r: r["ruleset"].update(name="other"),
}
NAMED = {"timestamp": "timestamp", "operator": "operator", "versions": "versions", "source": "source",
         "subject": "a subject in clear and whether one is present", "ruleset.name": "ruleset other than its digest"}


@pytest.mark.parametrize("what", sorted(UNBOUND))
def test_an_edit_a_version_2_box_cannot_bind_passes_and_verify_says_it_was_not_checked(v2, what):
    log = v2 / "audit.jsonl"
    forge(log, 3, UNBOUND[what])
    result = run("audit", "verify", log, "--audit-key", "audit.key")
    assert result.exit_code == 0, result.output
    assert "(record_version 2)" in result.stderr and "could NOT be checked" in result.stderr
    unchecked = " ".join(result.stderr.split()).split("(record_version 2): their ")[1].split(" could NOT be checked")[0]
    assert NAMED[what] in unchecked.split(", "), unchecked  # the field edited is among those named
    assert json.loads(run("audit", "verify", log, "--audit-key", "audit.key", "--format", "json").stdout
                      )["seals"]["checked_in_part"] == 2
