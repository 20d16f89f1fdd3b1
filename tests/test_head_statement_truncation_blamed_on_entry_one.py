"""A log begun before signing, cut short after a head statement was taken, was reported as
"entry seq 1 is not signed" (PF620 at line 1) by `audit verify --head-statement`, which blamed an
entry nobody touched. The statement's head being in no entry is PF607 (docs/audit.md: "PF607 if
the head is gone"), and that is why the unsigned entries at the start are not vouched for: it is
now reported so. A statement whose head is still there keeps accepting them, and a log with no
unsigned start cut short was PF607 already."""
from __future__ import annotations

import json

import pytest

from pathfit.engine.audit.append import append

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, record_for, signing_keys, run


@pytest.fixture(scope="module")
def signer(tmp_path_factory):
    return signing_keys(tmp_path_factory.mktemp("signing"), 1)[0]


def made(tmp_path, engine, key, signer, unsigned: int):
    """`unsigned` entries appended before signing was switched on, then three signed; its head statement."""
    log = tmp_path / "old.jsonl"
    for i in range(unsigned + 3):
        append(log, record_for(engine, EXAMPLES[i], key), None if i < unsigned else signer)
    result = run("audit", "head", log, "--signing-key", signer.path, "--unsigned", str(unsigned))
    assert result.exit_code == 0, result.stdout + result.stderr
    statement = tmp_path / "head.json"
    statement.write_text(result.stdout)
    return log, statement


@pytest.mark.parametrize("unsigned", [2, 0])
@pytest.mark.parametrize("keep", [-1, 1])
def test_a_log_cut_short_after_its_statement_is_pf607(tmp_path, engine, key, signer, unsigned, keep):
    log, statement = made(tmp_path, engine, key, signer, unsigned)
    log.write_bytes(b"".join(log.read_bytes().splitlines(keepends=True)[:keep]))
    result = run("audit", "verify", log, "--public-key", signer.path + ".pub", "--head-statement", statement,
                 "--format", "json")
    assert result.exit_code == 1, result.stdout + result.stderr
    problem = json.loads(result.stdout)["problem"]
    assert (problem["code"], problem["line"]) == ("PF607", 0), problem


def test_the_statement_still_vouches_for_the_unsigned_start(tmp_path, engine, key, signer):
    log, statement = made(tmp_path, engine, key, signer, 2)
    append(log, record_for(engine, EXAMPLES[6], key), signer)
    result = run("audit", "verify", log, "--public-key", signer.path + ".pub", "--head-statement", statement,
                 "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["expected_head_line"] == 5
