"""A record's bytes as a batch writes them (build_record_line): put together from each part's
canonical bytes, serialised once, with what every record of a rule set shares serialised once
per rule set. Held against the plain serialisation of the whole record (canonical, one
json.dumps), against a sealed box opened with a key derived here as docs/audit.md says, and
across rule sets that share a meaning digest but not their files."""
from __future__ import annotations

import hashlib
import json
import os
import shutil

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from pathfit.engine import Engine
from pathfit.engine.audit.record import build_record, build_record_line, canonical, check_record, recorded_decision
from pathfit.engine.errors import Pos

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, SENSITIVE_EXAMPLE, example_facts
from .helpers import ROOT, bundled_copy

UNSEALED_EXAMPLE = ROOT / "examples" / "executive-learning-digital-from-juniors.yaml"  # no sensitive fact given


def _reference_rules(rs, fired) -> dict:
    """What a record says of each fired rule, from the rule set directly (docs/audit.md, `rules`)."""
    out = {}
    for rule in rs.rules:
        if rule.id in fired:
            out[rule.id] = {"reason": rule.reason, "file": os.path.basename(rule.file), "line": rule.pos.line,
                            "cites": [{"anchor": a, "title": rs.sections.get(a, "")} for a in rule.cites]}
    return out


def test_a_record_line_is_the_canonical_json_of_its_record_for_every_example(engine, key):
    sealed = 0
    for i, path in enumerate(EXAMPLES):
        decision = engine.evaluate(example_facts(path))
        record, line = build_record_line(engine, decision, key, source={"input": "in.jsonl", "row": i + 1, "id": None},
                                         subject=f"Ünïcode “person” {i}" if i % 2 else None,
                                         operator="ops" if i % 3 else None)
        assert line == canonical(record)  # one json.dumps of the whole record, the serialisation digests are over
        body = {k: v for k, v in record.items() if k != "record_digest"}
        assert record["record_digest"] == hashlib.sha256(canonical(body)).hexdigest()
        assert check_record(json.loads(line), Pos("r")) == record
        assert record["facts_digest"] == hashlib.sha256(canonical(record["facts"])).hexdigest()
        if record["masking"] is None:
            assert record["rules"] == _reference_rules(engine.ruleset, decision.fired)
        sealed += record["masking"] is not None
    assert 0 < sealed < len(EXAMPLES)  # both kinds were built


def test_a_sealed_box_holds_the_canonical_json_of_the_whole_decision(engine, key):
    decision = engine.evaluate(example_facts(SENSITIVE_EXAMPLE))
    record, _ = build_record_line(engine, decision, key)
    whole = recorded_decision(engine.ruleset, decision)  # the decision as a record holds it: `confidence_open` too
    expected = canonical({"facts": whole["facts"], "decision": whole, "rules": _reference_rules(engine.ruleset,
                                                                                                  decision.fired),
                          "outcome": {k: whole[k] for k in ("recommendation", "referral", "confidence", "formats")},
                          "masked": sorted(n for n in record["masking"]["facts"] if n in decision.facts),
                          # what the clear part says (docs/audit.md): by value, and by digest for these four
                          "clear": {**{k: v for k, v in record.items() if k not in (
                              "record_digest", "facts", "decision", "outcome", "rules", "schema")},
                              "masking": {k: v for k, v in record["masking"].items() if k not in ("nonce", "box")}},
                          "clear_sha256": {k: hashlib.sha256(canonical(record[k])).hexdigest()
                                           for k in ("decision", "outcome", "rules", "schema")}})
    # the sealing key as docs/audit.md derives it, the associated data as it binds the box
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"pathfit-audit-seal-v1").derive(key.secret)
    aad = b"pathfit-record-seal-v1\0" + record["id"].encode() + b"\0" + record["ruleset"]["digest"].encode()
    m = record["masking"]
    assert AESGCM(derived).decrypt(bytes.fromhex(m["nonce"]), bytes.fromhex(m["box"]), aad) == expected


def test_records_of_rule_sets_sharing_a_digest_name_their_own_rule_files(tmp_path, monkeypatch):
    """Regression: what records of a rule set share is kept for the rule set object itself,
    not for its meaning digest, which leaves out file names, lines and the knowledge base."""
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    first = bundled_copy(tmp_path / "a")
    second = bundled_copy(tmp_path / "b")
    shutil.move(second / "coaching.yaml", second / "coaching-renamed.yaml")
    facts = example_facts(SENSITIVE_EXAMPLE)
    facts.pop("confidential_matter")  # unsealed, so the rules are in clear
    with Engine.load(first) as a, Engine.load(second) as b:
        assert a.ruleset.digest == b.ruleset.digest
        for _ in range(2):  # alternating, as a process serving both would
            for e, name in ((a, "coaching.yaml"), (b, "coaching-renamed.yaml")):
                decision = e.evaluate(facts)
                record, line = build_record_line(e, decision, None)
                assert record["rules"] == _reference_rules(e.ruleset, decision.fired)
                files = {v["file"] for r, v in json.loads(line)["rules"].items() if r.startswith("coaching.")}
                assert files == {name}
                assert set(record["ruleset"]["files"]) == {n for n, _ in e.ruleset.files}


def test_build_record_hands_out_a_record_that_shares_nothing(engine, key):
    decision = engine.evaluate(example_facts(SENSITIVE_EXAMPLE))
    first = build_record(engine, decision, key)
    keep = canonical(first)
    first["rules"].clear()
    first["schema"]["inputs"].clear()
    first["versions"].clear()
    first["masking"]["facts"].clear()
    first["facts"].clear()
    first["outcome"].clear()
    assert first["decision"]["trace"]["not_fired"]
    for entry in first["decision"]["trace"]["not_fired"]:
        entry.clear()
    assert all(decision.trace["not_fired"])  # the clear part of a sealed decision is the record's own
    second = build_record(engine, engine.evaluate(example_facts(SENSITIVE_EXAMPLE)), key)
    assert second["rules"] and second["schema"]["inputs"] and second["versions"] and second["masking"]["facts"]
    assert json.loads(keep)["schema"] == second["schema"]
    assert first["decision"]["facts"]  # the record's facts and its decision's facts are separate lists
    unsealed = engine.evaluate(example_facts(UNSEALED_EXAMPLE))
    record = build_record(engine, unsealed, key)
    assert record["masking"] is None
    record["decision"]["trace"]["firings"].clear()
    assert unsealed.trace["firings"]


@pytest.mark.parametrize("n_rules", [30])
def test_record_lines_of_a_synthetic_rule_base_are_canonical(tmp_path, monkeypatch, n_rules):
    from tools import synth

    monkeypatch.setenv("PATHFIT_CACHE", "0")
    synth.write_rule_base(tmp_path / "rules", n_rules, seed=11)
    with Engine.load(tmp_path / "rules") as e:
        for profile in synth.profiles(e.ruleset, 8, seed=5, known_fraction=0.85):
            decision = e.evaluate(profile)
            record, line = build_record_line(e, decision, None)
            assert line == canonical(record) == json.dumps(record, sort_keys=True, separators=(",", ":"),
                                                           ensure_ascii=False, allow_nan=False).encode("utf-8")
            assert record["rules"] == _reference_rules(e.ruleset, decision.fired)
