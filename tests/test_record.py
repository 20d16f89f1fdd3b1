"""Decision records, masking and replay at the engine level: a record carries
everything an auditor needs and refuses to be altered; sensitive values appear
nowhere in clear; every example replays; a changed rule or engine is named as
the cause. The audit log itself is tested in tests/test_auditlog.py."""
from __future__ import annotations

import json
import re
import uuid

import pytest
from hypothesis import given, settings, strategies as st

from pathfit.engine import Engine, __version__
from pathfit.engine.audit.save import save
from pathfit.engine.pipeline.durable_adapter import DURABLE_VERSION
from pathfit.engine.errors import PathfitError, Pos
from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.record import build_record, canonical, check_record, loads_strict, record_text, seal
from pathfit.engine.audit.record_bytes import _small_number, canonical_finite
from pathfit.engine.audit.replay import replay
from pathfit.engine.audit.sealing import open_record

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import replayed_under_rules_refusing_its_facts
from .audit_support import (EXAMPLES, SENSITIVE_EXAMPLE, clear_value_patterns, example_facts, make_key,
                            record_for, sensitive_leaks)
from .helpers import ROOT, bundled_copy

UNSEALED_EXAMPLE = ROOT / "examples" / "executive-learning-digital-from-juniors.yaml"  # no sensitive fact given


# --- records ---------------------------------------------------------------------------------------------------

def test_a_record_stamp_is_the_time_as_datetime_writes_it_to_the_microsecond():
    """utc_now writes the date and time to the second once per second; each stamp still lies
    between two taken with datetime around it, in the same form."""
    from datetime import datetime, timezone

    from pathfit.engine.audit.record import utc_now

    for _ in range(200):
        before = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        stamp = utc_now()
        after = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", stamp)
        assert before <= stamp <= after  # one width throughout: text order is time order

def test_record_carries_everything_an_auditor_needs(engine, key):
    decision = engine.evaluate(example_facts(SENSITIVE_EXAMPLE))
    sealed = build_record(engine, decision, key)
    record = open_record(key, sealed, Pos("r"), "reading it")  # confidential_matter is known: the record is sealed
    assert uuid.UUID(record["id"]).version == 4
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", record["timestamp"])
    assert record["versions"] == {"pathfit": __version__, "durable_rules": DURABLE_VERSION}
    rs = engine.ruleset
    assert record["ruleset"]["digest"] == rs.digest and record["ruleset"]["name"] == rs.name
    assert record["ruleset"]["files"] == dict(rs.files) and len(record["ruleset"]["files"]) >= 8
    assert re.fullmatch(r"[0-9a-f]{64}", record["ruleset"]["knowledge_base"])
    assert record["outcome"]["recommendation"] == decision.outcome == record["decision"]["recommendation"]
    assert record["decision"]["trace"]["firings"] and record["decision"]["fired"] == list(decision.fired)
    assert set(record["rules"]) == set(decision.fired)
    trigger = record["rules"]["coaching.trigger"]
    assert trigger["reason"].startswith("Stepping up into a senior post") and trigger["file"] == "coaching.yaml"
    assert trigger["cites"] == [{"anchor": "triggers", "title": rs.sections["triggers"]},
                                {"anchor": "transition-coaching", "title": rs.sections["transition-coaching"]}]
    assert record["masking"]["masked"] == ["confidential_matter"] and record["masking"]["key_id"] == key.key_id
    assert check_record(loads_strict(record_text(sealed), Pos("r")), Pos("r")) == sealed  # round trip


@pytest.mark.parametrize("cached", [False, True])
def test_a_record_names_the_knowledge_base_its_rules_were_loaded_with(tmp_path, monkeypatch, key, cached):
    """Regression: a record's knowledge-base digest was taken from the file as it was when the
    record was made, so a batch running while someone edited the knowledge base named a file
    its decisions never cited. It is the digest of the bytes the rule set was read from,
    whether the rule set came from them or from the cache."""
    import hashlib

    monkeypatch.setenv("PATHFIT_CACHE", "1" if cached else "0")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    rules = bundled_copy(tmp_path / "src")
    kb = rules.parent / "knowledge_base.md"
    kb.write_bytes(kb.read_bytes().replace(b"\n", b"\r\n"))  # CRLF, read as LF in the digest
    loaded = hashlib.sha256(kb.read_bytes().replace(b"\r\n", b"\n")).hexdigest()
    if cached:
        Engine.load(rules).close()
        assert list((tmp_path / "cache").rglob("*.pickle"))
    with Engine.load(rules) as engine:
        kb.write_bytes(kb.read_bytes() + b"\r\n## Added later <a id=\"later\"></a>\r\n")
        record = build_record(engine, engine.evaluate(example_facts(EXAMPLES[0])), key)
        assert record["ruleset"]["knowledge_base"] == loaded


def test_canonical_json_is_stable_and_refuses_nan():
    assert canonical({"b": 1, "a": [1.5, "é"]}) == '{"a":[1.5,"é"],"b":1}'.encode()
    with pytest.raises(ValueError):
        canonical({"x": float("nan")})


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(-10**30, 10**30)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=6), inner, max_size=5), max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_canonical_json_is_json_dumps_with_sorted_keys_and_no_whitespace(value):
    """canonical calls json's encoder once made (no circular-reference check): held to the
    json.dumps call docs/audit.md names, on any JSON-like value (floats with exponents, huge
    integers, control characters and non-ASCII text, tuples)."""
    expected = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    assert canonical(value) == expected.encode("utf-8")


_TRICKY = [1e-05, 1e-07, -7.1850441006303285e-09, 5e-324, 0.0001, 9.999999999999999e-05, 1e16, 1e15, 1.5e300,
           -0.0, 0.1, 2 ** 63, 2 ** 64, -2 ** 64, 10 ** 30, "e-", "0.0000", "\x00\x1f\x7f\u2028\U0001f600\"\\/",
           "choose-coaching", "x:1e-5", "1e-5", ",3e-", "[2.5e-", "-1e-7", "3303b63e-96fe", "a-986e-2586"]


@settings(max_examples=400, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(-2 ** 70, 2 ** 70) | st.sampled_from(_TRICKY)
    | st.floats(allow_nan=False, allow_infinity=False) | st.floats(-1e-3, 1e-3) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=6) | st.sampled_from(["e-", "1e-", "time-horizon"]), inner, max_size=5)
    | st.dictionaries(st.integers(-3, 3), inner, max_size=3),
    max_leaves=25))
def test_a_decisions_canonical_json_through_orjson_is_json_dumps_byte_for_byte(value):
    """canonical_finite (a decision's parts in a record) writes with orjson where orjson writes
    json's bytes and hands the rest to json: floats below 1e-4 (orjson's exponents differ),
    integers over 64 bits and keys that are not text; keys sorted by code point, astral text."""
    expected = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    assert canonical_finite(value) == expected.encode("utf-8")


_A_SMALL_NUMBER = re.compile(rb"(?:^|[:,\[])-?[0-9.]+e-|0\.0000")


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=40) | st.lists(st.sampled_from([b"e", b"-", b"e-", b"0", b"1", b".", b":", b",", b"[",
                                                          b"x", b'"', b"0.0000"]), max_size=20).map(b"".join))
def test_a_small_number_is_looked_for_as_a_number_from_the_hyphens(out):
    """canonical_finite hands json what orjson may write otherwise: held to a pattern of the
    same rule, an exponent "e-" after a number's digits (and its sign) where a number starts,
    or "0.0000"."""
    assert _small_number(out) is bool(_A_SMALL_NUMBER.search(out))


@pytest.mark.parametrize("change,code", [
    (lambda r: r["outcome"].update(recommendation="mentoring"), "PF609"),
    (lambda r: r["facts"].update(hours_per_month=77), "PF609"),
    (lambda r: r.pop("decision"), "PF608"),
    (lambda r: r.update(record_version=99), "PF615"),
])
def test_altered_or_foreign_records_are_refused(engine, key, change, code):
    record = record_for(engine, EXAMPLES[0], key)
    change(record)
    with pytest.raises(PathfitError) as info:
        check_record(record, Pos("r.json"))
    assert info.value.codes == [code]


@pytest.mark.parametrize("text,where", [('{"a": 1,\n "a": 2}', (2, 2)), ('{"a": NaN}', (1, 7)),
                                        ('{\n  "a": }', (2, 8))])
def test_json_that_could_mean_two_things_is_refused(text, where):
    with pytest.raises(PathfitError) as info:
        loads_strict(text, Pos("r.json"))
    problem = info.value.problems[0]
    assert problem.code == "PF608" and (problem.pos.line, problem.pos.col) == where


# --- masking ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [p for p in EXAMPLES if any(
    n in example_facts(p) for n in ("confidential_matter", "wellbeing_concern", "formal_performance_process",
                                    "major_disruption"))], ids=lambda p: p.stem)
def test_sensitive_values_never_appear_in_records_or_logs(engine, key, tmp_path, path):
    sensitive = {f.name for f in engine.ruleset.inputs if f.sensitive}
    facts = example_facts(path)
    record, _ = save(engine, engine.evaluate(facts), str(tmp_path / "r.json"), str(tmp_path / "log.jsonl"),
                     key.path)
    assert open_record(key, record, Pos("r"), "reading it")["masking"]["masked"] == sorted(n for n in sensitive
                                                                                         if n in facts)
    assert not sensitive & set(record["facts"]) and record["record_version"] == 3
    for name in ("r.json", "log.jsonl"):
        text = (tmp_path / name).read_text()
        for fact in sensitive & set(facts):
            for pattern in clear_value_patterns(fact, facts[fact]):
                assert not pattern.search(text), f"{fact}={facts[fact]} in clear in {name}"
        doc = json.loads(text.splitlines()[0]) if name.endswith("jsonl") else json.loads(text)
        assert sensitive_leaks(doc, sensitive) == []


def test_a_distinctive_sensitive_value_is_found_nowhere(tmp_path, key):
    """hours_per_month made sensitive: 123.456 cannot hide among hex digits or uuids."""
    rules = bundled_copy(tmp_path)
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text().replace("    unit: hours\n", "    unit: hours\n    sensitive: true\n"))
    with Engine.load(rules) as e:
        facts = {**example_facts(EXAMPLES[0]), "hours_per_month": 123.456}
        save(e, e.evaluate(facts), str(tmp_path / "r.json"), str(tmp_path / "log.jsonl"), key.path)
        record = json.loads((tmp_path / "r.json").read_text())
        assert "hours_per_month" not in record["decision"]["facts"]
        # sealed, not masked: the exact value comes back with the key, so even a fraction replays
        assert replay(e, record, key, Pos("r.json"))["status"] == "reproduced"
    for name in ("r.json", "log.jsonl"):
        assert "123.456" not in (tmp_path / name).read_text()


def test_seals_differ_between_records_and_keys(engine, key, tmp_path):
    a, b = (record_for(engine, SENSITIVE_EXAMPLE, key) for _ in range(2))
    other = record_for(engine, SENSITIVE_EXAMPLE, load_key(str(make_key(tmp_path))))
    assert len({r["masking"]["nonce"] for r in (a, b, other)}) == 3  # a random nonce per record
    assert len({r["masking"]["box"][:64] for r in (a, b, other)}) == 3  # equal answers do not link records


def test_no_key_means_no_record_when_a_sensitive_fact_is_known(engine, monkeypatch, tmp_path):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    with pytest.raises(PathfitError) as info:
        save(engine, engine.evaluate(example_facts(SENSITIVE_EXAMPLE)), str(tmp_path / "r.json"))
    assert info.value.codes == ["PF610"] and list(tmp_path.iterdir()) == []
    plain = {k: v for k, v in example_facts(SENSITIVE_EXAMPLE).items() if k != "confidential_matter"}
    record, _ = save(engine, engine.evaluate(plain), str(tmp_path / "r.json"))
    assert record["masking"] is None


@pytest.mark.parametrize("content,mode", [("abc\n", 0o600), ("ab" * 32 + "\n", 0o644)])
def test_weak_or_exposed_keys_are_refused(tmp_path, content, mode):
    path = tmp_path / "k"
    path.write_text(content)
    path.chmod(mode)
    with pytest.raises(PathfitError) as info:
        load_key(str(path))
    assert info.value.codes == ["PF610"]


# --- replay ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_replays_identically(engine, key, path):
    record = check_record(json.loads(record_text(record_for(engine, path, key))), Pos("r"))
    result = replay(engine, record, key, Pos(path.name))
    assert (result["status"], result["firings"], result["notes"]) == ("reproduced", [], [])


def test_replay_names_the_changed_file_and_rule(engine, key, tmp_path):
    record = record_for(engine, SENSITIVE_EXAMPLE, key)
    rules = bundled_copy(tmp_path)
    text = (rules / "coaching.yaml").read_text()
    at = text.index("id: coaching.trigger")
    rest = text[at:].replace("evidence: {coaching: 1}", "evidence: {coaching: 3}", 1)
    (rules / "coaching.yaml").write_text(text[:at] + rest)
    with Engine.load(rules) as changed:
        result = replay(changed, record, key, Pos("r.json"))
    assert result["status"] == "differs" and result["cause"] == "rules"
    assert result["files"] == {"changed": ["coaching.yaml"], "added": [], "removed": [], "knowledge_base": False}
    assert result["firings"] == [{"rule": "coaching.trigger", "change": "fires differently",
                                  "diff": {"evidence": {"before": {"coaching": 1}, "after": {"coaching": 3}}}}]


def test_replay_names_files_whose_text_changed_when_the_digest_did_not(engine, key, tmp_path):
    """Regression: a comment added to a rule file and a line to the knowledge base changed
    neither the rule set's digest nor anything replay said."""
    record = record_for(engine, SENSITIVE_EXAMPLE, key)
    rules = bundled_copy(tmp_path)
    with (rules / "mentoring.yaml").open("a") as f:
        f.write("# a comment\n")
    with Engine.load(rules) as same:
        assert same.ruleset.digest == engine.ruleset.digest
        result = replay(same, record, key, Pos("r.json"))
    assert result["status"] == "reproduced"
    assert result["files"] == {"changed": ["mentoring.yaml"], "added": [], "removed": [], "knowledge_base": False}
    assert result["notes"] == ["the rule files' text changed since, but not what the rule set says: its digest "
                               "is the same"]
    kb = tmp_path / "knowledge_base.md"
    kb.write_text(kb.read_text() + "\nA closing remark.\n")
    with Engine.load(rules) as same:
        result = replay(same, record, key, Pos("r.json"))
    assert result["files"]["knowledge_base"] is True
    assert result["notes"] == ["the rule files' text and knowledge base's text changed since, but not what the "
                               "rule set says: its digest is the same"]


def test_replay_blames_the_engine_when_the_rules_are_the_same(engine, key):
    record = record_for(engine, UNSEALED_EXAMPLE, key)
    record["decision"]["trace"]["firings"][0]["step"] = 99
    forged = seal(record)
    assert replay(engine, forged, key, Pos("r"))["cause"] == "engine-unexplained"
    forged["versions"] = {"pathfit": "0.0.1", "durable_rules": DURABLE_VERSION}
    result = replay(engine, seal(forged), key, Pos("r"))
    assert result["cause"] == "engine" and result["versions"]["recorded"]["pathfit"] == "0.0.1"


def test_replay_reports_facts_the_rules_no_longer_accept(engine, key, tmp_path):
    result = replayed_under_rules_refusing_its_facts(engine, key, tmp_path)
    assert result["status"] == "differs" and "PF404" in result["notes"][0]


def test_replay_needs_the_right_key(engine, key, tmp_path):
    record = record_for(engine, SENSITIVE_EXAMPLE, key)
    for other, code in ((None, "PF610"), (load_key(str(make_key(tmp_path))), "PF611")):
        with pytest.raises(PathfitError) as info:
            replay(engine, record, other, Pos("r"))
        assert info.value.codes == [code]


def _paths(value, path=()):
    """Every nested key or index of a JSON value."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for k, v in items:
        yield path + (k,)
        yield from _paths(v, path + (k,))


def test_a_sealed_but_malformed_record_is_refused_never_a_crash(engine, key):
    """Anyone can seal a record, so a crafted one must fail as PF608, not as a KeyError in
    show, replay or report: every field deleted or given a wrong type, one at a time."""
    from pathfit.cli.audit_show import detail, listing
    from pathfit.engine.audit.read import Item
    from pathfit.engine.reports.html import render

    original = record_for(engine, SENSITIVE_EXAMPLE, key)
    paths = [p for p in _paths(original) if p[-1] != "record_digest"]
    text = json.dumps(original)  # each variant is a fresh copy parsed from it
    for n, path in enumerate(paths):
        for variant in ("delete", "retype"):
            record = json.loads(text)
            parent = record
            for step in path[:-1]:
                parent = parent[step]
            old = parent[path[-1]]
            if variant == "delete":
                del parent[path[-1]]
            else:
                parent[path[-1]] = 7 if isinstance(old, (str, list, dict)) or old is None else "x"
            try:
                checked = check_record(seal(record), Pos("r.json"))
            except PathfitError as err:
                assert err.codes[0] in ("PF608", "PF609", "PF615"), (path, variant)
                continue
            render(checked)  # accepted: then every consumer must cope
            detail(Item(Pos("r.json"), checked))
            listing([Item(Pos("r.json"), checked)])
            if n % 25 == 0:
                try:
                    replay(engine, checked, key, Pos("r.json"))
                except PathfitError:
                    pass


def test_replay_differs_names_the_field_that_differs_with_both_values(engine, key):
    """Regression: DIFFERS printed "recorded coaching 1.00, now coaching 1.00" without saying what differed."""
    from pathfit.cli.replay import render

    record = record_for(engine, UNSEALED_EXAMPLE, key)
    step = record["decision"]["trace"]["firings"][0]["step"]
    record["decision"]["trace"]["firings"][0]["step"] = 99
    result = replay(engine, seal(record), key, Pos("r"))
    assert result["differences"] == [{"path": "decision.trace.firings[0].step", "recorded": 99, "now": step}]
    assert f"differs at decision.trace.firings[0].step: recorded 99, now {step}" in render(result)
