"""The rules schema refuses `is: known` on a derived fact under an odd number of `not`s, as
loading does (PF210: whether a derived fact is undecided cannot itself be decided), and
accepts it where loading does. What it cannot see is a test that is refused because another
rule needs the fact it derives false (its rule must then be refuted): that depends on the
other rules, and the docs name it. The schema once accepted every one of these."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from pathfit.engine import Engine, PathfitError
from pathfit.engine.authoring.json_schemas import generate

VALUED = Path(__file__).parent / "fixtures" / "valued"  # derived: structured, and pace (valued)
KNOWN = "{fact: structured, is: known}"


def _file(when: str, more: str = "") -> str:
    return (f"rules:\n  - {{id: s.a, reason: r, cites: [focus], when: {when}, "
            f"then: {{evidence: {{coaching: 1}}}}}}\n{more}")


CASES = [
    ("under_one_not", _file(f"{{not: {KNOWN}}}"), False),
    ("under_two_nots", _file(f"{{not: {{not: {KNOWN}}}}}"), True),
    ("as_written", _file(KNOWN), True),
    ("in_all_under_not", _file(f"{{not: {{all: [{{fact: goal, equals: specific}}, {KNOWN}]}}}}"), False),
    ("in_any_under_not", _file(f"{{not: {{any: [{{fact: ready, equals: true}}, {KNOWN}]}}}}"), False),
    ("under_not_in_all", _file(f"{{all: [{{fact: ready, equals: true}}, {{not: {KNOWN}}}]}}"), False),
    ("under_three_nots", _file(f"{{not: {{not: {{not: {KNOWN}}}}}}}"), False),
    ("input_fact_unknown_under_not", _file("{not: {fact: ready, is: unknown}}"), True),
]


@pytest.fixture(scope="module")
def rules_schema() -> Draft202012Validator:
    return Draft202012Validator(generate(VALUED, ("rules",))["rules"])


def _load_problems(tmp_path: Path, text: str) -> list:
    rules = tmp_path / "valued"
    shutil.copytree(VALUED, rules)
    (rules / "extra.yaml").write_text(text, encoding="utf-8")
    try:
        Engine.load(rules).close()
    except PathfitError as err:
        return [(p.code, Path(p.pos.file).name) for p in err.problems]
    return []


@pytest.mark.parametrize("name,text,accepted", CASES, ids=[c[0] for c in CASES])
def test_the_schema_refuses_a_negated_is_known_on_a_derived_fact_exactly_when_loading_does(
        rules_schema, tmp_path, name, text, accepted):
    by_schema = not list(rules_schema.iter_errors(yaml.safe_load(text)))
    problems = _load_problems(tmp_path, text)
    assert (by_schema, problems) == (accepted, [] if accepted else [("PF210", "extra.yaml")])


def test_a_test_refused_because_another_rule_needs_the_fact_false_is_what_the_schema_cannot_see(
        rules_schema, tmp_path):
    # pace not slow needs s.d refuted, and so `structured` not known
    derive = ("  - {id: s.d, reason: r, cites: [focus], when: {fact: structured, is: known}, "
              "then: {derive: {pace: slow}}}\n")
    text = _file("{fact: pace, not_one_of: [slow]}", derive)
    assert not list(rules_schema.iter_errors(yaml.safe_load(text)))
    assert _load_problems(tmp_path, text) == [("PF210", "extra.yaml")]
