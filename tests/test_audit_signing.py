"""Signed audit log entries and head statements: a log rewritten by someone who can
write it but does not hold the signing key fails verify at the first rewritten
entry; rotation, foreign keys, unsigned (older) logs and head statements."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives import serialization

from pathfit.engine.audit.append import append
from pathfit.engine.audit.log import GENESIS, entry_hash, read_lines
from pathfit.engine.audit.record import canonical, seal
from pathfit.engine.audit.signing import head_statement, load_public_keys, load_signer
from pathfit.engine.audit.verify import verify_lines
from pathfit.engine.errors import PathfitError

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, forged_unsigned, record_for, signed_lines, signing_keys
from .helpers import ROOT


@pytest.fixture(scope="module")
def signers(tmp_path_factory):
    return signing_keys(tmp_path_factory.mktemp("signing"), 3)


@pytest.fixture(scope="module")
def signed(engine, key, signers, tmp_path_factory):
    """12 entries signed by key 0; -> lines (bytes)."""
    return signed_lines(engine, key, signers[0], tmp_path_factory.mktemp("log") / "audit.jsonl", 12)


def pub(signer):
    return load_public_keys([signer.path + ".pub"])


def verdict(tmp_path, lines, keys=None, statement=None, expect_head=None):
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(lines))
    return verify_lines(read_lines(log), str(log), expect_head, keys, statement)


def rewrite_from(lines, at, keep_sig: bool):
    """The attack as it was made: replace entry `at` (1-based) with a decision of one's
    choosing (same id and timestamp), then re-chain every later entry, without the key."""
    out = list(lines[: at - 1])
    prev = json.loads(out[-1])["hash"] if out else GENESIS
    for i, raw in enumerate(lines[at - 1:]):
        e = json.loads(raw)
        if i == 0:
            e["record"]["outcome"]["recommendation"] = "not_now"
            e["record"]["decision"]["recommendation"] = "not_now"
            e["record"]["decision"]["trace"]["decision"]["outcome"] = "not_now"  # a record agreeing with itself
            e["record"] = seal(e["record"])
        e["prev"] = prev
        e["hash"] = entry_hash(e)
        if not keep_sig:
            e.pop("sig", None)
        out.append(canonical(e) + b"\n")
        prev = e["hash"]
    return out


@pytest.mark.parametrize("keep_sig,code", [(True, "PF622"), (False, "PF620")])
def test_a_history_rewritten_without_the_signing_key_fails_at_the_rewritten_entry(tmp_path, signed, signers,
                                                                                   keep_sig, code):
    forged = rewrite_from(signed, 10, keep_sig)
    assert verdict(tmp_path, forged).intact  # the chain alone is consistent: this is what signing is for
    v = verdict(tmp_path, forged, pub(signers[0]))
    assert (v.problem.code, v.problem.pos.line) == (code, 10), v.problem.format()
    assert v.entries == 9 and v.head == json.loads(signed[8])["hash"]


def test_signatures_are_ed25519_over_the_hash_checked_independently(signed, signers):
    """The signature is checked here with the public key file alone, not with pathfit's verify."""
    with open(signers[0].path + ".pub", "rb") as f:
        raw = f.read()
    public = serialization.load_pem_public_key(raw)
    assert isinstance(public, Ed25519PublicKey)
    for line in signed:
        e = json.loads(line)
        body = canonical({k: v for k, v in e.items() if k not in ("hash", "sig")})
        import hashlib
        assert hashlib.sha256(body).hexdigest() == e["hash"]
        public.verify(bytes.fromhex(e["sig"]["ed25519"]), b"pathfit-audit-entry\0" + e["hash"].encode())
        assert e["sig"]["key"] == signers[0].key_id


def test_rotation_needs_every_key_and_a_foreign_key_is_located(tmp_path, engine, key, signers):
    log = tmp_path / "rot.jsonl"
    for i in range(6):
        append(log, record_for(engine, EXAMPLES[i], key), signers[0] if i < 3 else signers[1])
    lines = log.read_bytes().splitlines(keepends=True)
    both = {**pub(signers[0]), **pub(signers[1])}
    assert verdict(tmp_path, lines, both).intact
    v = verdict(tmp_path, lines, pub(signers[1]))
    assert (v.problem.code, v.problem.pos.line) == ("PF621", 1)
    v = verdict(tmp_path, lines, pub(signers[0]))
    assert (v.problem.code, v.problem.pos.line) == ("PF621", 4)


def test_an_unsigned_older_log_is_vouched_for_only_up_to_a_signed_head_statement(tmp_path, engine, key,
                                                                                   signers):
    log = tmp_path / "old.jsonl"
    for i in range(4):
        append(log, record_for(engine, EXAMPLES[i], key), None)  # made before signing was switched on
    keys = pub(signers[0])
    v = verify_lines(read_lines(log), str(log), None, keys)
    assert (v.problem.code, v.problem.pos.line) == ("PF620", 1)
    stated = verify_lines(read_lines(log), str(log))
    statement = head_statement(signers[0], "old.jsonl", stated.head, stated.entries)
    for i in range(4, 6):
        append(log, record_for(engine, EXAMPLES[i], key), signers[0])
    v = verify_lines(read_lines(log), str(log), None, keys, statement)
    assert v.intact and v.entries == 6 and v.expected_at == 4
    forged_unsigned(log, record_for(engine, EXAMPLES[6], key))  # an unsigned entry after the statement
    v = verify_lines(read_lines(log), str(log), None, keys, statement)
    assert (v.problem.code, v.problem.pos.line) == ("PF620", 7)


def test_a_head_statement_exposes_entries_cut_off_the_end_and_its_own_alteration(tmp_path, signed, signers):
    keys = pub(signers[0])
    full = verdict(tmp_path, signed)
    statement = head_statement(signers[0], "audit.jsonl", full.head, full.entries)
    assert verdict(tmp_path, signed, keys, statement).intact
    v = verdict(tmp_path, signed[:10], keys, statement)
    assert v.problem.code == "PF607"
    v = verdict(tmp_path, signed, keys, {**statement, "entries": 11})
    assert v.problem.code == "PF624"


def test_a_head_statement_of_one_entry_said_1_entries(tmp_path, signed, signers):
    """Regression: a statement saying one entry ends at its head was worded '1 entries end'."""
    full = verdict(tmp_path, signed)
    statement = head_statement(signers[0], "audit.jsonl", full.head, 1)
    v = verdict(tmp_path, signed, pub(signers[0]), statement)
    assert v.problem.code == "PF624" and "says 1 entry ends at its head" in v.problem.message, v.problem


def _cli(*args, env=None, cwd=None):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=full_env)


def test_cli_keygen_head_and_verify_with_a_statement(tmp_path, signed, signers):
    sk = tmp_path / "s.key"
    done = _cli("audit", "keygen", "--signing", str(sk))
    assert done.returncode == 0, done.stderr
    assert oct(sk.stat().st_mode & 0o777) == "0o600" and (tmp_path / "s.key.pub").exists()
    before = sk.read_bytes()
    again = _cli("audit", "keygen", "--signing", str(sk))
    assert again.returncode == 2 and "PF612" in again.stdout + again.stderr and sk.read_bytes() == before
    (tmp_path / "t.key.pub").write_text("x")  # the public half's name is taken: nothing is written
    taken = _cli("audit", "keygen", "--signing", str(tmp_path / "t.key"))
    assert taken.returncode == 2 and not (tmp_path / "t.key").exists()

    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(signed))
    head = _cli("audit", "head", str(log), env={"PATHFIT_SIGNING_KEY_FILE": signers[0].path})
    assert head.returncode == 0, head.stderr
    (tmp_path / "head.json").write_text(head.stdout)
    ok = _cli("audit", "verify", str(log), "--public-key", signers[0].path + ".pub",
              "--head-statement", str(tmp_path / "head.json"))
    assert ok.returncode == 0 and "12 of 12 entries signed" in ok.stderr, ok.stdout + ok.stderr
    log.write_bytes(b"".join(rewrite_from(signed, 10, keep_sig=True)))
    bad = _cli("audit", "verify", str(log), "--public-key", signers[0].path + ".pub")
    assert bad.returncode == 1 and f"{log}:10:1: PF622:" in bad.stdout
    other = _cli("audit", "verify", str(log), "--public-key", str(tmp_path / "s.key.pub"))
    assert other.returncode == 1 and f"{log}:1:1: PF621:" in other.stdout
    forged = json.loads(head.stdout)
    forged["entries"] = 3
    (tmp_path / "forged.json").write_text(json.dumps(forged))
    refused = _cli("audit", "verify", str(log), "--public-key", signers[0].path + ".pub",
                   "--head-statement", str(tmp_path / "forged.json"))
    assert refused.returncode == 2 and "PF624" in refused.stdout + refused.stderr


@pytest.mark.parametrize("content,mode", [(b"not a key", 0o600), (None, 0o644)])
def test_an_unusable_signing_key_appends_nothing(tmp_path, signers, engine, key, content, mode):
    sk = tmp_path / "bad.key"
    if content is None:
        with open(signers[0].path, "rb") as f:
            content = f.read()
    sk.write_bytes(content)
    sk.chmod(mode)
    monkey = pytest.MonkeyPatch()
    monkey.setenv("PATHFIT_SIGNING_KEY_FILE", str(sk))
    try:
        with pytest.raises(PathfitError) as info:
            load_signer()
        assert info.value.codes == ["PF623"]
        log = tmp_path / "audit.jsonl"
        with pytest.raises(PathfitError):
            append(log, record_for(engine, EXAMPLES[0], key))
        assert not log.exists() or log.read_bytes() == b""
    finally:
        monkey.undo()
