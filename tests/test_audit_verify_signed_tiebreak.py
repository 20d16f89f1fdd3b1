"""With the public keys, a broken link between two entries is blamed on the later one when
the earlier one's signature verifies: an entry appended that links to no earlier entry does
not make the genuine signed entry before it look edited."""
from __future__ import annotations

import json

from pathfit.engine.audit.append import append
from pathfit.engine.audit.log import entry_hash, read_lines
from pathfit.engine.audit.record import canonical
from pathfit.engine.audit.signing import generate_signing_key, load_public_keys
from pathfit.engine.audit.verify import verify_lines

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, record_for


def test_a_forged_last_entry_is_located_at_its_own_line(tmp_path, engine, key):
    signer = generate_signing_key(str(tmp_path / "s.key"))
    log = tmp_path / "audit.jsonl"
    for i in range(4):
        append(log, record_for(engine, EXAMPLES[i], key), signer)
    forged = json.loads(log.read_bytes().splitlines()[-1])
    forged.pop("sig")
    forged.update(prev="ab" * 32, seq=5)
    forged["hash"] = entry_hash(forged)
    with open(log, "ab") as f:
        f.write(canonical(forged) + b"\n")
    keys = load_public_keys([signer.path + ".pub"])
    v = verify_lines(read_lines(log), str(log), None, keys)
    assert (v.problem.code, v.problem.pos.line, v.entries) == ("PF602", 5, 4), v.problem
    assert v.head == json.loads(log.read_bytes().splitlines()[3])["hash"]
    chain_only = verify_lines(read_lines(log), str(log))  # without a key either entry may be the edited one
    assert (chain_only.problem.pos.line, chain_only.entries) == (4, 3)
