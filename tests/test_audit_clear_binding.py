"""A sealed record's whole clear part is bound to its seal, and every record agrees with itself.

The attack: someone able to write a log (no key of any kind) edits a record's clear part,
recomputes `facts_digest` and `record_digest`, and re-chains every `seq`, `prev` and `hash`
after it. The chain then holds by construction. With the audit key, `audit verify` must find
any clear field that is not what was sealed (PF630, at the record's line); with or without
it, a record whose `outcome` says other than its decision is PF608 at its line. Without the
key, `--format json` must not call a log intact whose seals it did not check."""
from __future__ import annotations

import hashlib
import json
import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.append import append
from pathfit.engine.audit.log import GENESIS, entry_hash
from pathfit.engine.audit.record import build_record, build_record_line, canonical, seal
from pathfit.engine.audit.record_bytes import canonical_object
from pathfit.engine.audit.sealing import open_parts, seal_canonical
from pathfit.engine.errors import Pos

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, SENSITIVE_EXAMPLE, example_facts, make_key

PLAIN_EXAMPLE = next(p for p in EXAMPLES if p.name == "graduate-seeking-career-direction.yaml")  # none sensitive


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def write_log(path, records) -> None:
    for record in records:
        append(path, record)


def forge(path, at: int, change) -> None:
    """Entry `at` (1-based) changed by `change` and resealed, the whole chain recomputed, as
    a forger without any key can do it."""
    entries = [json.loads(line) for line in path.read_bytes().splitlines()]
    record = entries[at - 1]["record"]
    change(record)
    record["facts_digest"] = hashlib.sha256(canonical(record["facts"])).hexdigest()
    entries[at - 1]["record"] = seal({k: v for k, v in record.items() if k != "record_digest"})
    prev = GENESIS
    for i, e in enumerate(entries, 1):
        e.pop("sig", None)
        e.update(seq=i, prev=prev)
        e["hash"] = entry_hash(e)
        prev = e["hash"]
    path.write_bytes(b"".join(canonical(e) + b"\n" for e in entries))


def _sealed(engine, key, **given) -> dict:
    return build_record(engine, engine.evaluate(example_facts(SENSITIVE_EXAMPLE)), key, **given)


def _settled_forgery(record: dict) -> None:
    """On a provisional decision's clear part: say it is settled with no open questions."""
    d = record["decision"]
    d["sealed"] = [s for s in d["sealed"] if s not in ("settled", "missing")]
    d.update(settled=True, missing=[])


def test_a_forged_settled_flag_in_a_sealed_record_is_PF630(tmp_path, engine, key):
    record = _sealed(engine, key)
    assert not open_parts(key, record, Pos("r"), "test")["decision"]["settled"]  # a provisional decision
    log = tmp_path / "audit.jsonl"
    write_log(log, [_sealed(engine, key), record, _sealed(engine, key)])
    forge(log, 2, _settled_forgery)
    assert run("audit", "verify", log).exit_code == 0  # the chain holds by construction
    result = run("audit", "verify", log, "--audit-key", key.path)
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(f"{log}:2:1: PF630: "), result.output
    assert re.search(r"disagrees with its sealed part at decision\.(settled|missing):", result.stdout)
    assert "Traceback" not in result.output


CLEAR_FORGERIES = {  # path the finding names -> the forger's edit of a sealed record's clear part
    "operator": lambda r: r.update(operator="mallory"),
    "timestamp": lambda r: r.update(timestamp="2020-01-01T00:00:00.000000Z"),
    "versions.pathfit": lambda r: r["versions"].update(pathfit="9.9.9"),
    "source.id": lambda r: r["source"].update(id="p999-someone-else"),
    "source.row": lambda r: r["source"].update(row=999),
    "subject": lambda r: r.pop("subject"),
    "schema": lambda r: r["schema"]["inputs"].pop(),
    "ruleset.files": lambda r: r["ruleset"]["files"].popitem(),
    "masking.facts": lambda r: next(iter(r["masking"]["facts"].values())).update(type="forged"),
    "decision": lambda r: r["decision"]["sealed"].pop(),
}


@pytest.mark.parametrize("where", sorted(CLEAR_FORGERIES))
def test_a_forged_operator_timestamp_version_source_or_subject_in_a_sealed_record_is_PF630(tmp_path, engine, key,
                                                                                         where):
    log = tmp_path / "audit.jsonl"
    write_log(log, [_sealed(engine, key, operator="ops", subject="E-1",
                            source={"input": "in.jsonl", "row": 3, "id": "p3"}) for _ in range(2)])
    forge(log, 2, CLEAR_FORGERIES[where])
    assert run("audit", "verify", log).exit_code == 0  # the chain holds by construction
    result = run("audit", "verify", log, "--audit-key", key.path)
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(f"{log}:2:1: PF630: "), result.output
    assert f"disagrees with its sealed part at {where}" in result.stdout, result.output


def test_a_sealed_record_relabelled_as_version_2_is_PF630(tmp_path, engine, key):
    """A version 2 box binds less: a record must not be passed off as one to escape the check."""
    log = tmp_path / "audit.jsonl"
    write_log(log, [_sealed(engine, key, operator="ops")])
    forge(log, 1, lambda r: r.update(record_version=2, operator="mallory"))
    result = run("audit", "verify", log, "--audit-key", key.path)
    assert result.exit_code == 1 and result.stdout.startswith(f"{log}:1:1: PF630: "), result.output
    assert "at record_version" in result.stdout


def as_version_2(record: dict, key) -> dict:
    """`record` as pathfit sealed records before the box held the clear part: record_version 2,
    a box of the whole facts, decision, outcome, rules and masked facts only."""
    parts = open_parts(key, record, Pos("r"), "test")
    plain = canonical_object({k: canonical(parts[k]) for k in ("decision", "facts", "masked", "outcome", "rules")})
    box = seal_canonical(key, record["id"], record["ruleset"]["digest"], plain)
    return seal({**{k: v for k, v in record.items() if k != "record_digest"}, "record_version": 2,
                 "masking": {**record["masking"], **box}})


def test_a_version_2_sealed_record_still_verifies_and_verify_says_what_its_seal_cannot_check(tmp_path, engine, key):
    log = tmp_path / "audit.jsonl"
    write_log(log, [as_version_2(_sealed(engine, key, operator="ops"), key), _sealed(engine, key)])
    result = run("audit", "verify", log, "--audit-key", key.path)
    assert result.exit_code == 0 and result.stdout.startswith(f"{log}: intact, 2 entries"), result.output
    assert "1 of them written before a seal held the whole clear part (record_version 2)" in result.stderr
    assert "timestamp, versions, operator, source" in result.stderr
    seals = json.loads(run("audit", "verify", log, "--audit-key", key.path, "--format", "json").stdout)["seals"]
    assert seals["checked"] == 2 and seals["checked_in_part"] == 1
    forge(log, 1, _settled_forgery)  # what its box does hold is still checked
    result = run("audit", "verify", log, "--audit-key", key.path)
    assert result.exit_code == 1 and result.stdout.startswith(f"{log}:1:1: PF630: "), result.output
    assert re.search(r"disagrees with its sealed part at decision\.(settled|missing):", result.stdout)


OUTCOME_FORGERIES = {  # what the finding names -> the forger's edit of an unsealed record
    "outcome.recommendation": lambda r: r["outcome"].update(recommendation="sponsorship", confidence=0.99),
    "outcome.confidence": lambda r: r["outcome"].update(confidence=0.99),
    "decision.trace.decision.outcome": lambda r: (r["outcome"].update(recommendation="sponsorship"),
                                                  r["decision"].update(recommendation="sponsorship")),
}


@pytest.mark.parametrize("what", sorted(OUTCOME_FORGERIES))
def test_an_unsealed_records_outcome_that_disagrees_with_its_decision_is_PF608(tmp_path, engine, what):
    log = tmp_path / "audit.jsonl"
    records = [build_record(engine, engine.evaluate(example_facts(PLAIN_EXAMPLE)), None) for _ in range(3)]
    write_log(log, records)
    forge(log, 2, OUTCOME_FORGERIES[what])
    result = run("audit", "verify", log)
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(f"{log}:2:1: PF608: ") and what in result.stdout, result.output
    assert "Traceback" not in result.output
    replayed = run("replay", log)
    assert replayed.exit_code != 0 and "PF608" in replayed.output and "reproduced: sponsorship" not in replayed.output


def test_verify_json_without_the_audit_key_does_not_call_unchecked_seals_intact(tmp_path, engine, key, monkeypatch):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    log = tmp_path / "audit.jsonl"
    write_log(log, [_sealed(engine, key), build_record(engine, engine.evaluate(example_facts(PLAIN_EXAMPLE)), None)])
    text = run("audit", "verify", log)
    assert text.exit_code == 0 and text.stdout.startswith(f"{log}: chain intact, 2 entries")
    result = run("audit", "verify", log, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["intact"] is False and doc["chain_intact"] is True and doc["problem"] is None
    assert doc["seals"]["not_checked"] == 1 and doc["seals"]["checked"] == 0
    keyed = json.loads(run("audit", "verify", log, "--audit-key", key.path, "--format", "json").stdout)
    assert keyed["intact"] is True and keyed["chain_intact"] is True and keyed["seals"]["not_checked"] == 0


def test_a_sealed_record_is_the_same_bytes_for_the_same_decision_id_time_and_nonce(engine, key, monkeypatch):
    """What the box binds is canonical: only the nonce makes two sealings of one record differ."""
    import pathfit.engine.audit.sealing as sealing

    monkeypatch.setattr(sealing.secrets, "token_bytes", lambda n: b"\x01" * n)
    facts = example_facts(SENSITIVE_EXAMPLE)
    lines = {build_record_line(engine, engine.evaluate(facts), key, record_id="r-1", timestamp="2026-01-01T00:00:00"
                               ".000000Z", operator="ops", source={"input": "in.jsonl", "row": 1, "id": None})[1]
             for _ in range(2)}
    assert len(lines) == 1


def test_verify_json_of_a_sealed_record_file_without_the_key_does_not_call_it_intact(tmp_path, engine, key,
                                                                                   monkeypatch):
    """Regression: `audit verify RECORD --format json` said "intact": true with "seal_checked":
    false, where the text says the sealed part was NOT checked."""
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(_sealed(engine, key), indent=2))
    doc = json.loads(run("audit", "verify", path, "--format", "json").stdout)
    assert (doc["intact"], doc["digests_intact"], doc["seal_checked"]) == (False, True, False)
    keyed = json.loads(run("audit", "verify", path, "--audit-key", key.path, "--format", "json").stdout)
    assert (keyed["intact"], keyed["digests_intact"], keyed["seal_checked"]) == (True, True, True)


def test_verify_of_a_version_2_record_file_says_what_its_seal_cannot_check(tmp_path, engine, key):
    """Regression: `audit verify RECORD --audit-key` on a version 2 record said its sealed part
    opened, with no word of the clear fields its box cannot vouch for, where a log's verify says so."""
    path = tmp_path / "r.json"
    path.write_text(json.dumps(as_version_2(_sealed(engine, key, operator="ops"), key), indent=2))
    result = run("audit", "verify", path, "--audit-key", key.path)
    assert result.exit_code == 0 and "authentication tag verified" in result.stdout, result.output
    assert "(record_version 2)" in result.stderr and "timestamp, versions, operator, source" in result.stderr
    doc = json.loads(run("audit", "verify", path, "--audit-key", key.path, "--format", "json").stdout)
    assert (doc["intact"], doc["checked_in_part"]) == (True, True)
    refused = run("audit", "verify", path, "--audit-key", make_key(tmp_path, "other.key"))
    assert refused.exit_code == 1 and ": PF611: " in refused.stdout
