"""Sealed records (record_version 2): the clear part of a record tells nothing
about a person's sensitive facts beyond what the outcome itself tells.

The masks of record_version 1 hid the values but not the trace beside them:
re-running the public rules over every combination of the masked facts and
comparing traces recovered every value. These tests attack sealed records
the same way, through the real engine, and check the round trip, tampering,
wrong keys, and that version 1 records still verify and replay."""
from __future__ import annotations

import itertools
import json
import shutil

import pytest

from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.read import read_record_file
from pathfit.engine.audit.record import build_record, check_record, seal
from pathfit.engine.audit.replay import replay
from pathfit.engine.audit.sealing import cone, open_parts, opened
from pathfit.engine.errors import PathfitError, Pos

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, example_facts, make_key
from .helpers import ROOT

OLD = ROOT / "tests" / "fixtures" / "hmac-records"  # written by pathfit before sealing (record_version 1)


def _domain(fact) -> list:
    if fact.type == "bool":
        return [False, True]
    if fact.type == "enum":
        return list(fact.values)
    if fact.type == "set":
        return [list(c) for n in range(len(fact.values) + 1) for c in itertools.combinations(fact.values, n)]
    raise AssertionError(f"{fact.name}: no finite domain to enumerate")


def _clear_part(record: dict) -> str:
    """Everything a reader without the key sees, minus what is random per record."""
    r = {k: v for k, v in record.items() if k not in ("id", "timestamp", "record_digest")}
    if r["masking"] is not None:
        r["masking"] = {k: v for k, v in r["masking"].items() if k not in ("nonce", "box")}
    return json.dumps(r, sort_keys=True)


def _attack(engine, key, base: dict, names: list) -> None:
    """Every assignment of `names` over their domains, each recorded; the assignments a
    record's clear part is consistent with must be exactly those its outcome is."""
    sensitive = {f.name: f for f in engine.ruleset.inputs if f.sensitive}
    fixed = {k: v for k, v in base.items() if k not in sensitive}
    seen = []
    for values in itertools.product(*(_domain(sensitive[n]) for n in names)):
        facts = {**fixed, **dict(zip(names, values))}
        record = build_record(engine, engine.evaluate(facts), key)
        outcome = (record["decision"]["recommendation"], record["decision"]["referral"])
        seen.append((values, _clear_part(record), outcome))
    for values, clear, outcome in seen:
        by_clear = {v for v, c, _ in seen if c == clear}
        by_outcome = {v for v, _, o in seen if o == outcome}
        assert by_clear == by_outcome, (f"{dict(zip(names, values))}: the clear record narrows the sensitive facts "
                                        f"to {sorted(by_clear)}, the outcome only to {sorted(by_outcome)}")


SENSITIVE_EXAMPLES = [p for p in EXAMPLES if any(n in example_facts(p) for n in (
    "confidential_matter", "wellbeing_concern", "formal_performance_process", "major_disruption"))]


@pytest.mark.parametrize("path", SENSITIVE_EXAMPLES, ids=lambda p: p.stem)
def test_clear_part_of_a_sealed_record_tells_no_more_than_the_outcome(engine, key, path):
    """The attack that broke masking: every combination of the example's own sensitive
    facts, then of all four (the example's values changed and unknown ones given)."""
    sensitive = sorted(f.name for f in engine.ruleset.inputs if f.sensitive)
    facts = example_facts(path)
    _attack(engine, key, facts, [n for n in sensitive if n in facts])
    _attack(engine, key, facts, sensitive)
