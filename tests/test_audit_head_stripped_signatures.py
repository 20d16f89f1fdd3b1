"""`audit head` holds the signing key, so it checks the signatures before vouching for a
log: a log rewritten from an entry on without the key, its now-wrong signatures stripped,
gets no statement; and verify accepts unsigned entries under a statement only at the start
of the log, before the first signed one, never after it."""
from __future__ import annotations

import json

import pytest

from pathfit.engine.audit.append import append
from pathfit.engine.audit.log import GENESIS, entry_hash, read_lines
from pathfit.engine.audit.record import canonical, seal
from pathfit.engine.audit.signing import head_statement, load_public_keys
from pathfit.engine.audit.verify import verify_lines

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, forged_unsigned, record_for, signed_lines, signing_keys, run


@pytest.fixture(scope="module")
def signers(tmp_path_factory):
    return signing_keys(tmp_path_factory.mktemp("signing"), 2)


@pytest.fixture(scope="module")
def signed(engine, key, signers, tmp_path_factory):
    """6 entries signed by key 0; -> lines (bytes)."""
    return signed_lines(engine, key, signers[0], tmp_path_factory.mktemp("log") / "audit.jsonl", 6)


def rewritten(lines, at, keep_sig):
    """Entry `at` (1-based) edited, every later entry re-chained, without the key."""
    out = list(lines[: at - 1])
    prev = json.loads(out[-1])["hash"] if out else GENESIS
    for i, raw in enumerate(lines[at - 1:]):
        e = json.loads(raw)
        if i == 0:
            e["record"]["operator"] = "mallory"
            e["record"] = seal(e["record"])
        e["prev"] = prev
        e["hash"] = entry_hash(e)
        if not keep_sig:
            e.pop("sig", None)
        out.append(canonical(e) + b"\n")
        prev = e["hash"]
    return out


@pytest.mark.parametrize("keep_sig,code", [(False, "PF620"), (True, "PF622")])
def test_audit_head_refuses_a_log_rewritten_without_the_key(tmp_path, signed, signers, keep_sig, code):
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(rewritten(signed, 4, keep_sig)))
    assert verify_lines(read_lines(log), str(log)).intact  # the chain alone holds: only signatures show it
    result = run("audit", "head", log, "--signing-key", signers[0].path)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stdout == "" and result.stderr.startswith(f"{log}:4:1: {code}: ") and "ed25519" not in result.stderr
    assert "no head statement made" in result.stderr and list(tmp_path.iterdir()) == [log]


def test_a_statement_never_excuses_an_unsigned_entry_after_a_signed_one(tmp_path, signed, signers):
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(rewritten(signed, 4, keep_sig=False)))
    chain = verify_lines(read_lines(log), str(log))
    statement = head_statement(signers[0], "audit.jsonl", chain.head, chain.entries)  # however it was had
    v = verify_lines(read_lines(log), str(log), None, load_public_keys([signers[0].path + ".pub"]), statement)
    assert (v.problem.code, v.problem.pos.line, v.entries) == ("PF620", 4, 3), v.problem


def test_audit_head_vouches_for_unsigned_entries_only_at_the_start(tmp_path, engine, key, signers):
    log = tmp_path / "old.jsonl"
    for i in range(4):  # two made before signing was switched on, then two signed
        append(log, record_for(engine, EXAMPLES[i], key), None if i < 2 else signers[0])
    result = run("audit", "head", log, "--signing-key", signers[0].path, "--unsigned", "2")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "2 entries at the start of the log (lines 1-2) are unsigned" in result.stderr
    statement = tmp_path / "head.json"
    statement.write_text(result.stdout)
    ok = run("audit", "verify", log, "--public-key", signers[0].path + ".pub", "--head-statement", statement)
    assert ok.exit_code == 0, ok.stdout + ok.stderr
    forged_unsigned(log, record_for(engine, EXAMPLES[4], key))  # unsigned, after signed ones
    again = run("audit", "head", log, "--signing-key", signers[0].path, "--unsigned", "2")
    assert again.exit_code == 1 and again.stdout == "" and again.stderr.startswith(f"{log}:5:1: PF620: "), again.stderr


def test_audit_head_after_a_rotation_checks_the_older_keys_given(tmp_path, engine, key, signers):
    log = tmp_path / "rot.jsonl"
    for i in range(4):
        append(log, record_for(engine, EXAMPLES[i], key), signers[0] if i < 2 else signers[1])
    alone = run("audit", "head", log, "--signing-key", signers[1].path)
    assert alone.exit_code == 1 and alone.stdout == "" and alone.stderr.startswith(f"{log}:1:1: PF621: "), alone.stderr
    both = run("audit", "head", log, "--signing-key", signers[1].path, "--public-key", signers[0].path + ".pub")
    assert both.exit_code == 0 and json.loads(both.stdout)["entries"] == 4, both.stdout + both.stderr
