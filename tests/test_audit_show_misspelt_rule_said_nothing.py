"""`audit show LOG --rule RULE_ID` with a misspelt rule id listed `0 of N records` and said
nothing more, where a misspelt `--outcome` gets a note with its did-you-mean: an auditor
could take the typo for "no person was decided by that rule". A rule id no record fired now
gets a note on stderr naming the nearest rule id the log's records fired; the exit status
stays 0 (a rule that fired for nobody is no error) and stdout is the listing it was."""
from __future__ import annotations

import json

from .audit_support import PLAIN_EXAMPLE, SENSITIVE_EXAMPLE, keyed, run


def _log(tmp_path) -> tuple[str, list[str]]:
    log = tmp_path / "audit.jsonl"
    assert run("recommend", "--profile", PLAIN_EXAMPLE, "--audit-log", log).exit_code == 0
    fired = json.loads(log.read_text().splitlines()[0])["record"]["decision"]["fired"]
    return str(log), fired


def test_a_misspelt_rule_id_gets_a_note_with_the_rule_meant(tmp_path, keyed):
    log, fired = _log(tmp_path)
    rule = fired[0]
    result = run("audit", "show", log, "--rule", rule[:-1])
    assert result.exit_code == 0 and "0 of 1 record\n" in result.stderr, result.output
    assert f"note: no record fired '{rule[:-1]}' (did you mean '{rule}'?)" in result.stderr


def test_a_rule_id_near_none_is_said_to_have_fired_in_no_record(tmp_path, keyed):
    log, _ = _log(tmp_path)
    result = run("audit", "show", log, "--rule", "zzz.qqq")
    assert result.exit_code == 0 and "note: no record fired 'zzz.qqq'\n" in result.stderr, result.output
    assert "did you mean" not in result.stderr


def test_a_rule_that_fired_gets_no_note(tmp_path, keyed):
    log, fired = _log(tmp_path)
    found = run("audit", "show", log, "--rule", fired[0])
    assert found.exit_code == 0 and "1 of 1 record\n" in found.stderr and "note:" not in found.stderr
    # filtered out by another filter: it fired, so nothing is said of the rule
    other = run("audit", "show", log, "--rule", fired[0], "--since", "2999-01-01")
    assert other.exit_code == 0 and "0 of 1 record\n" in other.stderr and "note:" not in other.stderr


def test_read_without_the_key_a_sealed_record_is_said_to_name_no_such_rule_in_its_clear_part(tmp_path, keyed,
                                                                                            monkeypatch):
    log = tmp_path / "audit.jsonl"
    assert run("recommend", "--profile", SENSITIVE_EXAMPLE, "--audit-log", log).exit_code == 0
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE")
    result = run("audit", "show", log, "--rule", "zzz.qqq")
    assert result.exit_code == 0, result.output
    assert "note: no record's clear part names 'zzz.qqq' as fired\n" in result.stderr
    assert "note: no record fired" not in result.stderr


def test_an_operator_no_record_was_made_by_gets_a_note_with_the_nearest(tmp_path, keyed):
    log = tmp_path / "audit.jsonl"
    assert run("recommend", "--profile", PLAIN_EXAMPLE, "--audit-log", log, "--operator", "J. Smith").exit_code == 0
    result = run("audit", "show", log, "--operator", "J. Smyth")
    assert result.exit_code == 0 and "0 of 1 record\n" in result.stderr, result.output
    assert "note: no record was made by operator 'J. Smyth' (did you mean 'J. Smith'?)" in result.stderr
    found = run("audit", "show", log, "--operator", "J. Smith")
    assert "1 of 1 record\n" in found.stderr and "note:" not in found.stderr
