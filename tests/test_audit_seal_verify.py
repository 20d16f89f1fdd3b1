"""`audit verify LOG` checks the seals of a log's records with the audit key.

The attack: someone able to rewrite the log and holding the signing key alters a
sealed record (its ciphertext, its clear part or its sealed subject), reseals the
record_digest, re-chains every later hash and re-signs every entry. The chain and
the signatures then hold by construction; only opening the seal with the audit
key shows it. Without the key verify must say how many sealed records it did
not check, never call them intact."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.append import append
from pathfit.engine.audit.log import GENESIS, entry_hash, read_lines
from pathfit.engine.audit.record import build_record, canonical, seal
from pathfit.engine.audit.signing import generate_signing_key, load_public_keys, sign_entry
from pathfit.engine.audit.verify import verify_lines

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, SENSITIVE_EXAMPLE, example_facts, make_key

PLAIN_EXAMPLE = next(p for p in EXAMPLES if p.name == "graduate-seeking-career-direction.yaml")  # none sensitive


def _flip(text: str, at: int) -> str:
    return text[:at] + ("0" if text[at] != "0" else "1") + text[at + 1:]


TAMPERS = {  # what the forger changes in the sealed record at line 2
    "ciphertext": lambda r: r["masking"].update(box=_flip(r["masking"]["box"], 10)),
    "clear part": lambda r: r["rules"][next(iter(r["rules"]))].update(reason="forged"),
    "subject": lambda r: r["subject"].update(box=_flip(r["subject"]["box"], 6)),
}
FOUND = {"ciphertext": "the sealed part does not open", "clear part": "clear part disagrees with its sealed part",
         "subject": "the sealed subject does not open"}


@pytest.fixture(scope="module")
def signed_log(engine, key, tmp_path_factory):
    """A log of 3 signed entries: a sealed record with a sealed subject at line 2; -> (lines, signer)."""
    d = tmp_path_factory.mktemp("sealed-log")
    signer = generate_signing_key(str(d / "signing.key"))
    log = d / "audit.jsonl"
    for i, (example, subject) in enumerate([(PLAIN_EXAMPLE, None), (SENSITIVE_EXAMPLE, "E-7"), (PLAIN_EXAMPLE, None)]):
        append(log, build_record(engine, engine.evaluate(example_facts(example)), key, subject=subject), signer)
    return log.read_bytes().splitlines(keepends=True), signer


def forge(lines: list[bytes], at: int, change, signer) -> list[bytes]:
    """Entry `at` (1-based) changed and resealed, every hash from it re-chained and re-signed."""
    out = list(lines[: at - 1])
    prev = json.loads(out[-1])["hash"] if out else GENESIS
    for i, raw in enumerate(lines[at - 1:]):
        e = json.loads(raw)
        if i == 0:
            change(e["record"])
            e["record"] = seal(e["record"])
        e["prev"] = prev
        e["hash"] = entry_hash(e)
        e["sig"] = sign_entry(signer, e["hash"])
        out.append(canonical(e) + b"\n")
        prev = e["hash"]
    return out


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


@pytest.mark.parametrize("what", sorted(TAMPERS))
def test_a_forged_seal_in_a_rechained_resigned_log_fails_verify_with_the_audit_key(tmp_path, signed_log, key,
                                                                                  monkeypatch, what):
    lines, signer = signed_log
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(forge(lines, 2, TAMPERS[what], signer)))
    pub = signer.path + ".pub"
    keys = load_public_keys([pub])
    assert verify_lines(read_lines(log), str(log), keys=keys).intact  # chain and signatures hold by construction
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)

    unchecked = run("audit", "verify", log, "--public-key", pub)
    assert unchecked.exit_code == 0, unchecked.output
    assert unchecked.stdout.startswith(f"{log}: chain intact, 3 entries, head ")
    assert unchecked.stdout.rstrip().endswith("; 1 sealed record NOT checked")
    assert "seals: 1 sealed record NOT checked" in unchecked.stderr

    for args, env in ((("--audit-key", key.path), None), ((), {"PATHFIT_AUDIT_KEY_FILE": key.path})):
        result = run("audit", "verify", log, "--public-key", pub, *args, env=env)
        assert result.exit_code == 1, result.output
        assert result.stdout.startswith(f"{log}:2:1: PF630: ") and FOUND[what] in result.stdout, result.stdout
        assert "NOT intact; 1 entry verified before line 2" in result.stderr
    as_json = json.loads(run("audit", "verify", log, "--audit-key", key.path, "--format", "json").stdout)
    assert as_json["intact"] is False and as_json["problem"]["code"] == "PF630"


def test_verify_with_the_audit_key_opens_every_sealed_record_and_counts_them(tmp_path, signed_log, key):
    lines, signer = signed_log
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(lines))
    result = run("audit", "verify", log, "--public-key", signer.path + ".pub", "--audit-key", key.path)
    assert result.exit_code == 0 and result.stdout.startswith(f"{log}: intact, 3 entries, head "), result.output
    assert f"seals: 1 of 1 sealed record opens with the audit key {key.key_id}" in result.stderr
    seals = json.loads(run("audit", "verify", log, "--audit-key", key.path, "--format", "json").stdout)["seals"]
    assert seals == {"sealed_records": 1, "checked": 1, "not_checked": 0, "other_keys": [], "checked_in_part": 0, "masked_records": 0}
    other = make_key(tmp_path, "other.key")
    result = run("audit", "verify", log, "--audit-key", other)
    assert result.exit_code == 0 and "1 sealed record NOT checked" in result.stdout
    assert f"NOT checked: sealed with another key ({key.key_id})" in result.stderr


def test_verify_of_a_record_file_opens_its_sealed_subject_with_the_key(tmp_path, engine, key, monkeypatch):
    """Regression: `audit verify RECORD.json` checked only a sealed record's facts box; a record whose
    only sealed part was its subject was called intact with the key set and its subject box altered."""
    from pathfit.engine.audit.record import record_text

    record = build_record(engine, engine.evaluate(example_facts(PLAIN_EXAMPLE)), key, subject="E-9")
    assert record["masking"] is None and record["subject"]["binds"] == "id+ruleset"
    path = tmp_path / "r.json"
    path.write_text(record_text(seal({**record, "subject": {**record["subject"], "box": _flip(
        record["subject"]["box"], 4)}})))
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", key.path)
    result = run("audit", "verify", path)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if '"box":' in text)
    assert result.exit_code == 1 and result.stdout.startswith(f"{path}:{line}:"), result.output
    assert "PF630" in result.stdout and "sealed subject does not open" in result.stdout
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE")
    unchecked = run("audit", "verify", path)
    assert unchecked.exit_code == 0 and "sealed part NOT checked" in unchecked.stdout


@pytest.mark.parametrize("field,value", [("masking", "7b1666429987ebafx"), ("masking", "ABCDEF0123456789"),
                                         ("subject", "0123"), ("masking", ""), ("masking", "7b1666429987ebaf0"),
                                         ("subject", "0123456789abcdef01")])
def test_a_key_id_that_names_no_key_is_a_malformed_record_not_another_key(tmp_path, signed_log, key, field, value):
    """Regression: a forger holding the signing key rewrote a sealed record's key id to
    something no audit key has (17 characters, not hex), and `verify` with the audit key
    reported the record as sealed with another key, NOT checked, exit 0."""
    lines, signer = signed_log
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(forge(lines, 2, lambda r: r[field].update(key_id=value), signer)))
    pub = signer.path + ".pub"
    for args in ((), ("--audit-key", key.path)):
        result = run("audit", "verify", log, "--public-key", pub, *args)
        assert result.exit_code == 1, result.output
        assert result.stdout.startswith(f"{log}:2:1: PF608: "), result.stdout
