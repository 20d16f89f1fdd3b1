"""`pathfit schema`: the generated JSON Schemas are valid draft 2020-12, accept every
bundled file (rule files, schema.yaml, policy.yaml, examples, rule tests), and
reject documents the engine would refuse."""
from __future__ import annotations

import builtins
import copy
import json
import os
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from pathfit.cli.main import cli
from pathfit.engine.authoring.json_schemas import KINDS, generate
from pathfit.engine.pipeline.load import load_file

from .helpers import ROOT, tiny_copy

RULES = ROOT / "rules"


@pytest.fixture(scope="module")
def validators() -> dict:
    schemas = generate(RULES)
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    return {kind: Draft202012Validator(schema) for kind, schema in schemas.items()}


def _errors(validator, doc) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(doc)]


def _bundled() -> list[tuple[str, Path]]:
    files = []
    for path in sorted(RULES.glob("*.yaml")):
        kind = {"schema.yaml": "schema", "policy.yaml": "policy"}.get(path.name, "rules")
        files.append((kind, path))
    files += [("tests", p) for p in sorted((RULES / "tests").glob("*.yaml"))]
    files += [("profile", p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    return files


@pytest.mark.parametrize("kind,path", _bundled(), ids=lambda v: v if isinstance(v, str) else v.name)
def test_every_bundled_file_is_valid(validators: dict, kind: str, path: Path):
    doc = load_file(path)
    assert _errors(validators[kind], doc) == []
    if kind == "profile":  # the facts alone are a profile too
        assert _errors(validators["profile"], doc["facts"]) == []


def test_the_corpus_profiles_are_valid(validators: dict):
    for line in (ROOT / "examples" / "corpus.jsonl").read_text().splitlines():
        row = json.loads(line)
        row.pop("id")
        assert _errors(validators["profile"], row) == []


RULE = {"id": "x.y", "reason": "r", "cites": ["focus"], "when": {"fact": "goal_clarity", "equals": "specific"},
        "then": {"evidence": {"coaching": 1}}}


def _rule(**changes) -> dict:
    rule = copy.deepcopy(RULE)
    for key, value in changes.items():
        if value is None:
            del rule[key]
        else:
            rule[key] = value
    return {"rules": [rule]}


@pytest.mark.parametrize("doc", [
    _rule(when={"fact": "goal_clarity", "equals": "spesific"}),  # not a value
    _rule(when={"fact": "goal_clarty", "equals": "specific"}),  # not a fact
    _rule(when={"fact": "goal_clarity", "lt": 3}),  # operator not for an enum
    _rule(when={"fact": "goal_clarity", "equals": "specific", "one_of": ["specific"]}),  # two operators
    _rule(when={"fact": "hours_per_month", "equals": 500}),  # outside the range
    _rule(when={"fact": "needs", "contains": "money"}),
    _rule(when={"fact": "wants_structure", "is": "unknown"}),  # derived facts take `is: known` only
    _rule(when={"all": []}),
    _rule(when={"not": [{"fact": "measurable_soon", "equals": True}]}),
    _rule(reason=None),
    _rule(cites=["nowhere"]),
    _rule(cites=[]),
    _rule(salience=5000),
    _rule(then={}),
    _rule(then={"evidence": {"blended": 1}}),
    _rule(then={"not_now": False}),
    _rule(then={"refer": "therapy"}),
    _rule(then={"derive": ["goal_clarity"]}),  # an input fact
    _rule(id="X.Y"),
    {"rules": [RULE], "extra": 1},
])
def test_invalid_rule_files_are_rejected(validators: dict, doc: dict):
    assert _errors(validators["rules"], doc)
    assert not _errors(validators["rules"], {"rules": [RULE]})


@pytest.mark.parametrize("kind,doc", [
    ("profile", {"goal_clarty": "specific"}),
    ("profile", {"goal_clarity": "spesific"}),
    ("profile", {"hours_per_month": 500}),
    ("profile", {"needs": ["money"]}),
    ("profile", {"needs": "network"}),
    ("profile", {"wants_structure": True}),  # derived facts are not input
    ("profile", {"description": "x", "facts": {"ready_for_change": "yes"}}),
    ("tests", {"cases": [{"name": "x", "profile": {}}]}),
    ("tests", {"cases": [{"name": "x", "profile": {}, "expect": {"outcome": "coaching", "fired": ["no.such"]}}]}),
    ("tests", {"cases": [{"name": "x", "profile": {}, "expect": {"outcome": "maybe"}}]}),
    ("schema", {"facts": {"x": {"type": "enum", "question": "q"}}}),  # enum without values
    ("schema", {"facts": {"x": {"type": "number", "question": "q", "min": 0}}}),
    ("schema", {"facts": {"x": {"type": "bool", "question": "q", "values": ["a"]}}}),
    ("schema", {"facts": {"X": {"type": "bool", "question": "q"}}}),
    ("schema", {"facts": {"x": {"type": "text", "question": "q"}}}),
    ("policy", {"evidence_outcomes": ["coaching"], "referrals": [], "decision": [
        {"outcome": "coaching", "when": {"leads": "blended"}, "confidence": "share"}]}),
    ("policy", {"evidence_outcomes": ["coaching"], "referrals": [], "decision": [
        {"outcome": "coaching", "when": {}, "confidence": "sure"}]}),
])
def test_invalid_documents_are_rejected(validators: dict, kind: str, doc: dict):
    assert _errors(validators[kind], doc)


def test_profile_schema_comes_from_the_fact_schema(validators: dict):
    facts = validators["profile"].schema["$defs"]["facts"]["properties"]
    assert facts["goal_clarity"]["enum"] == ["specific", "emerging", "undefined", None]
    assert facts["hours_per_month"]["type"] == ["number", "null"]
    assert (facts["hours_per_month"]["minimum"], facts["hours_per_month"]["maximum"]) == (0, 160)
    assert "hours" in facts["hours_per_month"]["description"]
    assert facts["needs"]["items"]["enum"][0] == "specific_skill"
    assert "Sensitive" in facts["wellbeing_concern"]["description"]
    assert "Sensitive" not in facts["goal_clarity"]["description"]
    assert "wants_structure" not in facts  # derived


def test_generation_is_deterministic_and_follows_the_rule_set(tmp_path: Path):
    assert json.dumps(generate(RULES)) == json.dumps(generate(RULES))
    tiny = generate(tiny_copy(tmp_path), ("rules", "tests"))
    assert set(tiny["rules"]["$defs"]) >= {"fact.goal", "fact.structured", "condition", "rule", "then"}
    assert tiny["tests"]["$defs"]["case"]["properties"]["expect"]["properties"]["fired"]["items"]["enum"][0] == "d.broad"


def test_cli_writes_every_schema(tmp_path: Path):
    out = tmp_path / "schemas"
    result = CliRunner().invoke(cli, ["schema", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{k}.schema.json" for k in KINDS)
    printed = CliRunner().invoke(cli, ["schema", "--kind", "profile"], catch_exceptions=False)
    assert json.loads(printed.stdout) == json.loads((out / "profile.schema.json").read_text())
    assert json.loads(CliRunner().invoke(cli, ["schema"]).stdout)["title"] == "pathfit rule file"


def test_cli_bad_rules_directory(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    (rules / "schema.yaml").write_text("facts: {x: {type: txt, question: q}}\n")
    result = CliRunner().invoke(cli, ["schema", "--rules", str(rules)])
    assert result.exit_code == 2 and "PF204" in result.stderr
    # the fixed schemas need no rule set at all
    assert CliRunner().invoke(cli, ["schema", "--rules", str(rules), "--kind", "policy"]).exit_code == 0


@pytest.mark.parametrize("name,text,code", [
    ("bad.yaml", "rules:\n  - id: [unclosed\n", "PF102"),
    ("bad.yaml", "rules:\n  - id: x.a\n    reason: r\n    cites: [focus]\n    when: {fact: hour, lt: 6}\n"
                 "    then: {evidence: {coaching: 1}}\n", "PF205"),
])
def test_cli_refuses_rules_that_do_not_load_and_writes_nothing(tmp_path: Path, name: str, text: str, code: str):
    rules = tiny_copy(tmp_path)
    (rules / name).write_text(text)
    out = tmp_path / "schemas"
    result = CliRunner().invoke(cli, ["schema", "--rules", str(rules), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert f": {code}: " in result.stderr and "Traceback" not in result.output
    assert not out.exists()
    docs = CliRunner().invoke(cli, ["docs", "--rules", str(rules)])
    assert docs.exit_code == 2 and docs.stderr == result.stderr  # the same problems as `pathfit docs`


_CSV_TABLE = ("tables:\n  - id: pick\n    hit: first\n    reason: Goal and readiness decide.\n    cites: [focus]\n"
              "    rows_from: pick.csv\n")


@pytest.mark.parametrize("named_by", ["--rules", "PATHFIT_RULES"])
def test_schema_reads_the_rule_set_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, named_by: str):
    """Regression: `pathfit schema` validated the rule set, then loaded schema.yaml, policy.yaml,
    the knowledge base, every rule file and every CSV table again to make the schemas; and a
    rule set not named by --rules had its files read a third time, to be compared with the
    bundled rules for a note schema never prints."""
    rules = tiny_copy(tmp_path)
    (rules / "t.yaml").write_text(_CSV_TABLE)
    (rules / "pick.csv").write_text("goal one_of,ready,id,evidence.coaching\n[specific],true,clear,2\n")
    top, real_open, opened = os.path.realpath(rules), builtins.open, Counter()

    def counting_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.path.realpath(file).startswith(top + os.sep):
            opened[os.path.relpath(os.path.realpath(file), top)] += 1
        return real_open(file, *args, **kwargs)

    named = ["--rules", str(rules)] if named_by == "--rules" else []
    monkeypatch.setenv("PATHFIT_RULES", str(rules))
    with monkeypatch.context() as patched:
        patched.setattr(builtins, "open", counting_open)
        result = CliRunner().invoke(cli, ["schema", *named, "--out", str(tmp_path / "schemas")])
    assert result.exit_code == 0, result.output
    tests = json.loads((tmp_path / "schemas" / "tests.schema.json").read_text())
    assert "pick.clear" in tests["$defs"]["case"]["properties"]["expect"]["properties"]["fired"]["items"]["enum"]
    assert dict(opened) == {name: 1 for name in ("schema.yaml", "policy.yaml", "rules.yaml", "t.yaml", "pick.csv",
                                                 "kb.md")}


def test_facts_are_offered_in_the_order_schema_yaml_declares_them():
    """The rule set keeps its facts sorted by name; an editor offers them as schema.yaml lists them."""
    declared = load_file(RULES / "schema.yaml")
    inputs, derived = list(declared["facts"]), list(declared["derived"])
    assert inputs != sorted(inputs) and derived != sorted(derived)  # so the order shows
    schemas = generate(RULES, ("rules", "profile"))
    assert list(schemas["profile"]["$defs"]["facts"]["properties"]) == ["subject", *inputs]
    table_fact = schemas["rules"]["$defs"]["table"]["properties"]["inputs"]["items"]["properties"]["fact"]
    assert table_fact["enum"] == inputs + derived


def test_a_valued_derived_facts_values_are_offered_in_the_order_schema_yaml_declares_them():
    """Regression: once the schema was made from the validated rule set, a valued derived
    fact's values came out by name (fast, slow, steady), not as declared (fast, steady, slow)."""
    from pathfit.engine.authoring.json_schemas import generate

    rules = generate(ROOT / "tests" / "fixtures" / "valued", ("rules",))["rules"]
    text = json.dumps(rules)
    assert '"fast", "steady", "slow"' in text and '"fast", "slow", "steady"' not in text
    # a decision-table column reads the valued fact by its name, never one value's `pace=fast`
    table_fact = rules["$defs"]["table"]["properties"]["inputs"]["items"]["properties"]["fact"]
    assert "pace" in table_fact["enum"] and not any("=" in name for name in table_fact["enum"])
