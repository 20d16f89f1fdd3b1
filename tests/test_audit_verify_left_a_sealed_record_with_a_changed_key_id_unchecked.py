"""A sealed record whose key id was changed escaped the seal check.

`audit verify LOG` with the audit key counted a record naming another key id as
"NOT checked: sealed with another key" and exited 0, so whoever could rewrite and
re-chain (and re-sign) the log could alter a sealed record and change its key id
(in `masking`, in its sealed subject, or both) so that it was never opened. The key
given is now tried on such a record: if it opens, the key id was altered, PF630 at
the record's line, and every reader that opens records with the key says the same.
A record truly sealed with another key is still counted not checked, as documented."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.append import append
from pathfit.engine.audit.record import build_record, seal

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import SENSITIVE_EXAMPLE, example_facts, make_key
from .test_audit_seal_verify import PLAIN_EXAMPLE, forge

OTHER_ID = "0123456789abcdef"

CHANGES = {  # what the forger changes besides a reason in the clear part: which key id(s)
    "masking": lambda r: r["masking"].update(key_id=OTHER_ID),
    "subject": lambda r: r["subject"].update(key_id=OTHER_ID),
    "both": lambda r: (r["masking"].update(key_id=OTHER_ID), r["subject"].update(key_id=OTHER_ID)),
}


@pytest.fixture(scope="module")
def signed_log(engine, key, tmp_path_factory):
    from pathfit.engine.audit.signing import generate_signing_key

    d = tmp_path_factory.mktemp("key-id-log")
    signer = generate_signing_key(str(d / "signing.key"))
    log = d / "audit.jsonl"
    for example, subject in [(PLAIN_EXAMPLE, None), (SENSITIVE_EXAMPLE, "E-7"), (PLAIN_EXAMPLE, None)]:
        append(log, build_record(engine, engine.evaluate(example_facts(example)), key, subject=subject), signer)
    return log.read_bytes().splitlines(keepends=True), signer


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _forged(tmp_path, signed_log, what):
    lines, signer = signed_log

    def change(record):
        if what != "subject":  # a subject alone relabelled: the box is unchanged, only the key id lies
            record["rules"][next(iter(record["rules"]))].update(reason="forged")
        CHANGES[what](record)

    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(forge(lines, 2, change, signer)))
    return log, signer.path + ".pub"


@pytest.mark.parametrize("what", sorted(CHANGES))
def test_a_changed_key_id_is_pf630_at_its_line_with_the_key(tmp_path, signed_log, key, monkeypatch, what):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    log, pub = _forged(tmp_path, signed_log, what)
    result = run("audit", "verify", log, "--public-key", pub, "--audit-key", key.path)
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(f"{log}:2:1: PF630: "), result.stdout
    as_json = json.loads(run("audit", "verify", log, "--audit-key", key.path, "--format", "json").stdout)
    assert as_json["intact"] is False and as_json["problem"]["code"] == "PF630"
    assert as_json["problem"]["line"] == 2


@pytest.mark.parametrize("what", sorted(CHANGES))
def test_every_reader_refuses_the_record_verify_refuses(tmp_path, signed_log, key, monkeypatch, what):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    log, _ = _forged(tmp_path, signed_log, what)
    record_id = json.loads(log.read_bytes().splitlines()[1])["record"]["id"]
    out = tmp_path / "r.html"
    reported = run("report", log, "--id", record_id, "--audit-key", key.path, "--out", out)
    assert reported.exit_code == 2 and reported.stderr.startswith(f"{log}:2:1: PF630: "), reported.output
    assert not out.exists()
    replayed = run("replay", log, "--id", record_id, "--audit-key", key.path)
    assert replayed.exit_code != 0 and f"{log}:2:1: PF630: " in replayed.output, replayed.output
    shown = run("audit", "show", log, "--id", record_id, "--audit-key", key.path)
    assert f"{log}:2:1: PF630: " in shown.stderr, shown.output


def test_a_record_sealed_with_another_key_is_still_counted_not_checked(tmp_path, signed_log):
    lines, _ = signed_log
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(lines))
    other = make_key(tmp_path, "other.key")
    result = run("audit", "verify", log, "--audit-key", other)
    assert result.exit_code == 0 and "1 sealed record NOT checked" in result.stdout, result.output


@pytest.mark.parametrize("what", sorted(CHANGES))
def test_serve_answers_the_report_of_the_record_404_with_verify_code(tmp_path, signed_log, key, what):
    from .serve_support import report_reply

    log, _ = _forged(tmp_path, signed_log, what)
    record_id = json.loads(log.read_bytes().splitlines()[1])["record"]["id"]
    reply = report_reply(log, key.path, record_id)
    assert reply.status == 404, reply.body[:300]
    assert [e["code"] for e in reply.json["errors"]] == ["PF630"]


def test_a_version_1_record_whose_key_id_was_changed_is_pf630_with_the_key(tmp_path):
    from .hmac_records import copy_key, rechained

    def relabel(record):
        record["masking"]["key_id"] = OTHER_ID
        record["subject"]["key_id"] = OTHER_ID
        return seal(record)

    audit_key = copy_key(tmp_path)
    log = rechained(tmp_path, relabel)
    result = run("audit", "verify", log, "--audit-key", audit_key)
    assert result.exit_code == 1 and result.stdout.startswith(f"{log}:1:1: PF630: "), result.output


def test_a_box_whose_key_id_alone_was_changed_is_pf630_with_the_key(tmp_path, signed_log, key, monkeypatch):
    """The forgeries above also edit a reason of the clear part (or relabel the subject, whose own
    check finds it), so the box's clear-part check said PF630 whether or not the box's own key
    id was checked: here nothing but `masking.key_id` changes, the box opens with the key given,
    and only that check can tell."""
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    lines, signer = signed_log
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(forge(lines, 2, lambda r: r["masking"].update(key_id=OTHER_ID), signer)))
    result = run("audit", "verify", log, "--public-key", signer.path + ".pub", "--audit-key", key.path)
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(f"{log}:2:1: PF630: "), result.stdout
    record_id = json.loads(log.read_bytes().splitlines()[1])["record"]["id"]
    replayed = run("replay", log, "--id", record_id, "--audit-key", key.path)
    assert replayed.exit_code != 0 and f"{log}:2:1: PF630: " in replayed.output, replayed.output


@pytest.mark.parametrize("at", [1, 3])
def test_a_version_2_box_whose_key_id_alone_was_changed_is_pf630_with_the_key(tmp_path, monkeypatch, at):
    """A version 3 box binds `masking` with the rest of the clear part, so its key id changed is
    also a clear part that disagrees with the box; a version 2 box binds none of it, and only
    the box's own key-id check tells that a box which opens with the key given was relabelled."""
    import shutil

    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    from .test_audit_clear_binding import forge as forge_unsigned
    from .test_audit_version_2_records_still_read import V2

    for path in V2.iterdir():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "audit.key").chmod(0o600)
    log = tmp_path / "audit.jsonl"
    assert json.loads(log.read_bytes().splitlines()[at - 1])["record"]["record_version"] == 2
    forge_unsigned(log, at, lambda r: r["masking"].update(key_id=OTHER_ID))
    result = run("audit", "verify", log, "--audit-key", tmp_path / "audit.key")
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(f"{log}:{at}:1: PF630: "), result.stdout
