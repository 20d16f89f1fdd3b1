"""`audit head` vouches for unsigned entries at the start of a log only as many as the key
holder says to expect (`--unsigned`, none by default). A forger without the key who
rewrites a signed log and strips every signature leaves what looks like a log begun
before signing; before this count, `audit head` signed a statement for it."""
from __future__ import annotations

import json

import pytest

from pathfit.engine.audit.append import append
from pathfit.engine.audit.log import GENESIS, entry_hash
from pathfit.engine.audit.record import canonical, seal

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, begun_unsigned, record_for, signed_lines, signing_keys, run


@pytest.fixture(scope="module")
def signer(tmp_path_factory):
    return signing_keys(tmp_path_factory.mktemp("signing"), 1)[0]


def stripped_and_rewritten(lines: list[bytes]) -> bytes:
    """Every entry's signature stripped, the second entry's operator changed, the chain
    recomputed: what someone who can write the log but lacks the key can make."""
    out, prev = [], GENESIS
    for i, raw in enumerate(lines):
        e = json.loads(raw)
        e.pop("sig")
        if i == 1:
            e["record"]["operator"] = "mallory"
            e["record"] = seal(e["record"])
        e["prev"] = prev
        e["hash"] = prev = entry_hash(e)
        out.append(canonical(e) + b"\n")
    return b"".join(out)


def test_audit_head_refuses_a_signed_log_with_every_signature_stripped(tmp_path, engine, key, signer):
    lines = signed_lines(engine, key, signer, tmp_path / "signed.jsonl", 4)
    log = tmp_path / "audit.jsonl"
    log.write_bytes(stripped_and_rewritten(lines))
    result = run("audit", "head", log, "--signing-key", signer.path)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stdout == "" and result.stderr.startswith(f"{log}:1:1: PF620: ") and "no head statement made" in result.stderr
    assert "--unsigned" in result.stderr  # the way on, for a log truly begun before signing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.jsonl", "signed.jsonl"]


@pytest.fixture
def older(tmp_path, engine, key, signer):
    """Two entries appended before signing was switched on, then three signed."""
    return begun_unsigned(tmp_path / "old.jsonl", engine, key, signer, 5)


@pytest.mark.parametrize("given,code,line", [("0", "PF620", 1), ("1", "PF620", 2), ("3", "PF633", 3),
                                             ("9", "PF633", 3)])
def test_audit_head_vouches_for_exactly_as_many_unsigned_entries_as_given(older, signer, given, code, line):
    result = run("audit", "head", older, "--signing-key", signer.path, "--unsigned", given)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stdout == "" and result.stderr.startswith(f"{older}:{line}:1: {code}: "), result.stderr
    assert "no head statement made" in result.stderr


def test_audit_head_with_the_right_count_signs_and_verify_accepts_the_statement(tmp_path, older, signer):
    result = run("audit", "head", older, "--signing-key", signer.path, "--unsigned", "2")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["entries"] == 5
    assert "2 entries at the start of the log (lines 1-2) are unsigned, as --unsigned says" in result.stderr
    statement = tmp_path / "head.json"
    statement.write_text(result.stdout)
    ok = run("audit", "verify", older, "--public-key", signer.path + ".pub", "--head-statement", statement)
    assert ok.exit_code == 0, ok.stdout + ok.stderr


def test_an_unsigned_log_shorter_than_the_count_given_is_refused_at_the_log(tmp_path, engine, key, signer):
    log = tmp_path / "unsigned.jsonl"
    for i in range(2):
        append(log, record_for(engine, EXAMPLES[i], key), None)
    short = run("audit", "head", log, "--signing-key", signer.path, "--unsigned", "3")
    assert short.exit_code == 1 and short.stdout == "" and short.stderr.startswith(f"{log}:0:0: PF633: "), short.stderr
    exact = run("audit", "head", log, "--signing-key", signer.path, "--unsigned", "2")
    assert exact.exit_code == 0 and json.loads(exact.stdout)["entries"] == 2, exact.stdout + exact.stderr


def test_a_negative_count_is_a_usage_error(older, signer):
    result = run("audit", "head", older, "--signing-key", signer.path, "--unsigned", "-1")
    assert result.exit_code == 2 and "Traceback" not in result.stdout + result.stderr
