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
import re
import shutil

import pytest

from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.read import read_record_file
from pathfit.engine.audit.record import build_record, check_record, recorded_decision, seal
from pathfit.engine.audit.replay import replay
from pathfit.engine.audit.sealing import cone, open_parts
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
    facts, then of all of them (the example's values changed and unknown ones given)."""
    sensitive = sorted(f.name for f in engine.ruleset.inputs if f.sensitive)
    facts = example_facts(path)
    _attack(engine, key, facts, [n for n in sensitive if n in facts])
    _attack(engine, key, facts, sensitive)


def test_an_unknown_sensitive_fact_is_sealed_like_a_known_one(engine, key):
    """Which sensitive facts the person answered is itself sealed: no sensitive fact is named
    in the clear part outside the static parts (the schema's and the seal's lists of facts)."""
    facts = example_facts(SENSITIVE_EXAMPLES[0])
    sensitive = {f.name for f in engine.ruleset.inputs if f.sensitive}
    record = build_record(engine, engine.evaluate({**facts, "wellbeing_concern": False}), key)
    clear = json.dumps({k: v for k, v in record.items() if k not in ("masking", "schema")})
    assert not [name for name in sensitive if f'"{name}"' in clear]


# --- the key holder reads everything: round trip ---------------------------------------------------------------

@pytest.mark.parametrize("path", SENSITIVE_EXAMPLES[:3], ids=lambda p: p.stem)
def test_sealed_record_opens_to_exactly_the_decision_and_replays(engine, key, path):
    facts = example_facts(path)
    decision = engine.evaluate(facts)
    record = check_record(json.loads(json.dumps(build_record(engine, decision, key))), Pos("r"))
    whole = open_parts(key, record, Pos("r"), "test")
    # the exact decision as a record holds it, every step
    assert whole["decision"] == json.loads(json.dumps(recorded_decision(engine.ruleset, decision)))
    assert whole["facts"] == whole["decision"]["facts"]
    assert whole["masked"] == sorted(n for n in facts if engine.ruleset.facts[n].sensitive)
    assert set(whole["rules"]) == set(decision.fired)
    result = replay(engine, record, key, Pos("r"))
    assert (result["status"], result["firings"], result["notes"]) == ("reproduced", [], [])


def test_the_sensitive_cone_is_read_from_the_rule_index(engine):
    """Independent of the engine's own closure: a rule is in the cone iff a fact it reads is
    sensitive or derived by a rule in the cone (fixpoint over the rule texts)."""
    rs = engine.ruleset
    from pathfit.engine.pipeline.model import facts_in

    tainted = {f.name for f in rs.inputs if f.sensitive}
    rules: set = set()
    while True:
        more = {r.id for r in rs.rules if any(c.fact in tainted for c in facts_in(r.when))}
        grown = tainted | {d for r in rs.rules if r.id in more for d in r.then.derive}
        if (more, grown) == (rules, tainted):
            break
        rules, tainted = more, grown
    c = cone(rs)
    assert (c.rules, c.facts) == (rules, tainted)
    assert "refer.counselling" in c.rules and "coaching.confidential" in c.rules and "judge.willing" not in c.rules


# --- tampering, wrong key, no key ------------------------------------------------------------------------------

def _edited(record: dict, change) -> dict:
    """`record` changed by `change` and resealed (record_digest recomputed), as anyone can."""
    copy = json.loads(json.dumps(record))
    change(copy)
    return seal(copy)


def _flip(text: str, at: int = 0) -> str:
    return text[:at] + ("0" if text[at] != "0" else "1") + text[at + 1:]


TAMPERS = {
    "box": lambda r: r["masking"].update(box=_flip(r["masking"]["box"], 10)),
    "tag": lambda r: r["masking"].update(box=_flip(r["masking"]["box"], len(r["masking"]["box"]) - 1)),
    "nonce": lambda r: r["masking"].update(nonce=_flip(r["masking"]["nonce"])),
    "id": lambda r: r.update(id=_flip(r["id"])),
    "ruleset digest": lambda r: r["ruleset"].update(digest=_flip(r["ruleset"]["digest"])),
}


@pytest.mark.parametrize("what", sorted(TAMPERS))
def test_tampered_seal_or_associated_data_does_not_open(engine, key, tmp_path, monkeypatch, what):
    from click.testing import CliRunner

    from pathfit.cli.main import cli
    from pathfit.engine.audit.record import record_text

    record = _edited(build_record(engine, engine.evaluate(example_facts(SENSITIVE_EXAMPLES[0])), key), TAMPERS[what])
    check_record(record, Pos("r"))  # the digests hold: only the tag can tell
    with pytest.raises(PathfitError) as info:
        open_parts(key, record, Pos("r"), "test")
    assert info.value.codes == ["PF630"]
    path = tmp_path / "r.json"
    path.write_text(record_text(record))
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", key.path)
    result = CliRunner().invoke(cli, ["audit", "verify", str(path)])
    box_line = next(n for n, line in enumerate(path.read_text().splitlines(), 1) if '"box":' in line)
    assert result.exit_code == 1 and result.stdout.startswith(f"{path}:{box_line}:5: PF630: "), result.output
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE")
    unchecked = CliRunner().invoke(cli, ["audit", "verify", str(path)])
    assert unchecked.exit_code == 0 and "sealed part NOT checked" in unchecked.stdout


def test_an_edited_clear_part_disagrees_with_the_seal(engine, key):
    record = build_record(engine, engine.evaluate(example_facts(SENSITIVE_EXAMPLES[0])), key)
    first = record["decision"]["fired"][0]
    for change in (lambda r: r["rules"][first].update(reason="forged"),
                   lambda r: r["decision"]["trace"]["firings"].reverse(),
                   lambda r: r.update(facts={**r["facts"], "hours_per_month": 99},
                                      decision={**r["decision"], "facts": {**r["facts"], "hours_per_month": 99}})):
        with pytest.raises(PathfitError) as info:  # the seal's own check: past check_record's digests
            replay(engine, _edited(record, change), key, Pos("r"), checked=True)
        assert info.value.codes == ["PF630"] and "clear part disagrees" in info.value.problems[0].message
        with pytest.raises(PathfitError) as info:  # unchecked: refused too, by a digest if one no longer holds
            replay(engine, _edited(record, change), key, Pos("r"))
        assert info.value.codes in (["PF609"], ["PF630"])


def test_sealed_record_needs_its_own_key(engine, key, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from pathfit.cli.main import cli
    from pathfit.engine.audit.record import record_text

    record = build_record(engine, engine.evaluate(example_facts(SENSITIVE_EXAMPLES[0])), key)
    other = load_key(str(make_key(tmp_path)))
    for wrong, code in ((None, "PF610"), (other, "PF611")):
        with pytest.raises(PathfitError) as info:
            replay(engine, record, wrong, Pos("r"))
        assert info.value.codes == [code]
    path = tmp_path / "r.json"
    path.write_text(record_text(record))
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    result = CliRunner().invoke(cli, ["replay", str(path)])
    assert result.exit_code == 2 and "PF610" in result.stderr and "needs the audit key" in result.stderr
    shown = CliRunner().invoke(cli, ["audit", "show", str(path), "--id", record["id"]])
    assert shown.exit_code == 0 and "(sensitive facts: sealed)" in shown.stdout and record["masking"]["box"][:16] \
        not in shown.stdout


# --- records of version 1 (HMAC masks) -------------------------------------------------------------------------

@pytest.fixture
def old_key(tmp_path):
    path = tmp_path / "audit.key"
    shutil.copy(OLD / "audit.key", path)
    path.chmod(0o600)
    return path


def test_masked_records_of_version_1_still_verify_show_and_replay(old_key, monkeypatch):
    from click.testing import CliRunner

    from pathfit.cli.main import cli

    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(old_key))

    def run(*args):
        return CliRunner().invoke(cli, [str(a) for a in args])

    log = OLD / "audit.jsonl"
    assert run("audit", "verify", log).exit_code == 0
    for record_file in sorted(OLD.glob("*.json")):
        record = read_record_file(record_file)
        assert record["record_version"] == 1 and record["masking"]["scheme"] == "hmac-sha256"
        assert run("audit", "verify", record_file).exit_code == 0
        shown = run("audit", "show", record_file, "--id", record["id"]).stdout
        assert "Masking:     hmac-sha256" in shown and re.search(r"(?m)^  \w+\s+masked$", shown)
    # replayed on the rules they were decided with, kept beside them: today's rules have moved on
    replayed = run("replay", log, "--rules", str(OLD / "ruleset" / "rules"))
    assert replayed.exit_code == 0 and "replayed 2 records: 2 reproduced, 0 not" in replayed.stdout
