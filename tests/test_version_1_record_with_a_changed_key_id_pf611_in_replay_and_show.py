"""A version 1 record whose masks' key id was changed was PF630 in verify and report only.

`audit verify LOG --audit-key KEY` and `report` refused a masked (record_version 1) record whose
`masking.key_id` was changed to another key's, since its masks all hold under the key given
(PF630 at its line); but `replay` took the id at its word and refused it as another key's
(PF611), and `audit show` showed it with no word at all, as it shows another key's record. Both
now say PF630 at the record's line, as verify does; a record truly masked with another key is
still PF611 in replay and shown without a warning."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli

from .audit_support import make_key
from .hmac_records import copy_key, rechained, OLD

OTHER_ID = "0123456789abcdef"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _relabelled(tmp_path):
    from pathfit.engine.audit.record import seal

    def relabel(record):
        record["masking"]["key_id"] = OTHER_ID
        return seal(record)

    log = rechained(tmp_path, relabel)
    return log, json.loads(log.read_text().splitlines()[0])["record"]["id"]


def test_replay_says_pf630_at_the_line_verify_names(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    audit_key = copy_key(tmp_path)
    log, record_id = _relabelled(tmp_path)
    verified = run("audit", "verify", log, "--audit-key", audit_key)
    assert verified.stdout.startswith(f"{log}:1:1: PF630: "), verified.output
    replayed = run("replay", log, "--id", record_id, "--audit-key", audit_key)
    assert replayed.exit_code == 2, replayed.output
    assert replayed.stderr.startswith(f"{log}:1:1: PF630: "), replayed.output


def test_audit_show_warns_pf630_at_the_line_verify_names(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    audit_key = copy_key(tmp_path)
    log, record_id = _relabelled(tmp_path)
    shown = run("audit", "show", log, "--id", record_id, "--audit-key", audit_key)
    assert f"warning: {log}:1:1: PF630: " in shown.stderr, shown.output
    listed = run("audit", "show", log, "--audit-key", audit_key)
    assert f"warning: {log}:1:1: PF630: " in listed.stderr, listed.output


def test_a_record_truly_masked_with_another_key_is_still_pf611_and_shown_plainly(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    other = make_key(tmp_path, "other.key")
    log = OLD / "audit.jsonl"
    record_id = json.loads(log.read_text().splitlines()[0])["record"]["id"]
    replayed = run("replay", log, "--id", record_id, "--audit-key", other)
    assert replayed.exit_code == 2 and f"{log}:1:1: PF611: " in replayed.stderr, replayed.output
    shown = run("audit", "show", log, "--id", record_id, "--audit-key", other)
    assert "PF630" not in shown.output, shown.output
