"""A head statement taken of an empty log (head: the genesis hash, 0 entries) vouches for no
entry; an unsigned entry appended after it is PF620 at its line, as it was before a statement's
head being in no entry was made the finding (PF607). That change asked the genesis hash, which
is in no entry yet is every log's start, for a PF607 it never gives, and `audit verify
--head-statement` ended in `internal error: AttributeError`."""
from __future__ import annotations

import json

from pathfit.engine.audit.append import append

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, record_for, signing_keys, run


def test_an_unsigned_entry_after_a_statement_of_an_empty_log_is_pf620(tmp_path, engine, key):
    signer = signing_keys(tmp_path, 1)[0]
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"")
    result = run("audit", "head", log, "--signing-key", signer.path)
    assert result.exit_code == 0, result.stdout + result.stderr
    statement = tmp_path / "head.json"
    statement.write_text(result.stdout)
    append(log, record_for(engine, EXAMPLES[0], key), None)
    result = run("audit", "verify", log, "--public-key", signer.path + ".pub", "--head-statement", statement,
                 "--format", "json")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1, result.stdout + result.stderr
    problem = json.loads(result.stdout)["problem"]
    assert (problem["code"], problem["line"]) == ("PF620", 1), problem
