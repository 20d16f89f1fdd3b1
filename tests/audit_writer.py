"""The writer process of tests/test_auditlog.py's concurrent appends. Each is started by spawn,
which imports the module of its target afresh: this one imports only pathfit, where the test
module would bring pytest and the test helpers into every writer as well."""
from __future__ import annotations

import os
from pathlib import Path


def write(log: str, key_path: str, examples: list[str], count: int, barrier) -> None:
    """One of several processes: its own engine, its own decisions, appended as fast as it can."""
    os.environ["PATHFIT_CACHE"] = "0"
    from pathfit.engine import Engine
    from pathfit.engine.audit.append import append
    from pathfit.engine.audit.masking import load_key
    from pathfit.engine.audit.record import build_record
    from pathfit.engine.pipeline.load import load_file

    with Engine.load() as e:
        k = load_key(key_path)
        facts = [dict(load_file(Path(p))["facts"]) for p in examples]  # as audit_support.record_for reads them
        records = [build_record(e, e.evaluate(facts[i % len(facts)]), k) for i in range(count)]
        barrier.wait()
        for r in records:
            append(log, r)
