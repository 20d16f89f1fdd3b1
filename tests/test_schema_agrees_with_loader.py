"""The JSON Schemas `pathfit schema` writes accept a file exactly when pathfit's loader does,
for the cases where they once disagreed: a decision-table column on a valued derived fact
(`pace`, not `pace=fast`), a table row's reason and cites (its own or its table's), a `then`
with nothing to do (PF214), an empty rule file, an outcome with an empty label. Where JSON
Schema cannot say what pathfit checks (`salience: 1.0`), the schema is the less strict."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from pathfit.engine.authoring.json_schemas import generate
from pathfit.engine.errors import PathfitError
from pathfit.engine.pipeline.ruleset import read_ruleset

VALUED = Path(__file__).parent / "fixtures" / "valued"  # goal, hours, ready; derived structured and pace (valued)


def _rule(then: str, extra: str = "") -> str:
    return (f"rules:\n  - {{id: s.a, reason: r, cites: [focus], {extra}"
            f"when: {{fact: goal, equals: specific}}, then: {then}}}\n")


def _table(inputs: str, rows: list[str], head: str = "reason: r\n    cites: [focus]\n") -> str:
    return (f"tables:\n  - id: t\n    hit: collect\n" + (f"    {head}" if head else "") + f"    inputs: {inputs}\n    rows:\n"
            + "".join(f"      - {r}\n" for r in rows))


ROW = "{when: [specific], then: {evidence: {coaching: 1}}}"
OWN = "{when: [specific], reason: own, cites: [focus], then: {evidence: {coaching: 1}}}"
RULE_FILES = [
    ("table_column_on_a_valued_fact", _table("[{fact: pace}]", ["{when: [fast], then: {evidence: {coaching: 1}}}"]),
     True),
    ("table_column_on_one_value", _table("[{fact: pace=fast}]", ["{when: [true], then: {evidence: {coaching: 1}}}"]),
     False),
    ("table_column_on_a_derived_fact", _table("[{fact: structured}]",
                                              ["{when: [true], then: {evidence: {coaching: 1}}}"]), True),
    ("table_without_reason", _table("[{fact: goal}]", [ROW], head="cites: [focus]\n"), False),
    ("table_without_cites", _table("[{fact: goal}]", [ROW], head="reason: r\n"), False),
    ("table_without_either", _table("[{fact: goal}]", [ROW], head=""), False),
    ("rows_with_their_own_reason_and_cites", _table("[{fact: goal}]", [OWN, OWN], head=""), True),
    ("one_row_without_reason", _table("[{fact: goal}]", [OWN, "{when: [emerging], cites: [focus], "
                                                               "then: {evidence: {coaching: 1}}}"], head=""), False),
    ("blank_table_reason_rows_their_own", _table("[{fact: goal}]", [OWN], head="reason: ' '\n    cites: [focus]\n"),
     True),
    ("blank_table_reason_a_row_without", _table("[{fact: goal}]", [ROW], head="reason: ' '\n    cites: [focus]\n"),
     False),
    ("derive_nothing", _rule("{derive: []}"), False),
    ("derive_no_value", _rule("{derive: {}}"), False),
    ("evidence_nothing", _rule("{evidence: {}}"), False),
    ("suggest_nothing", _rule("{suggest: []}"), False),
    ("derive_and_suggest_nothing", _rule("{derive: [], suggest: []}"), False),
    ("an_empty_list_beside_an_effect", _rule("{derive: [], evidence: {coaching: 1}}"), True),
    ("an_empty_list_beside_a_referral", _rule("{suggest: [], refer: training}"), True),
    ("empty_file", "", True),
    ("only_a_comment", "# rules to come\n", True),
    ("no_rules", "rules: []\n", True),
    ("salience_whole", _rule("{evidence: {coaching: 1}}", "salience: 1, "), True),
]


@pytest.fixture(scope="module")
def schemas() -> dict:
    return {kind: Draft202012Validator(schema) for kind, schema in generate(VALUED, ("rules", "policy")).items()}


def _pathfit_accepts(directory: Path) -> bool:
    try:
        read_ruleset(directory)
    except PathfitError:
        return False
    return True


@pytest.mark.parametrize("name,text,accepted", RULE_FILES, ids=[c[0] for c in RULE_FILES])
def test_the_rules_schema_accepts_a_rule_file_exactly_when_pathfit_does(schemas, tmp_path, name, text, accepted):
    rules = tmp_path / "valued"
    shutil.copytree(VALUED, rules)
    (rules / "extra.yaml").write_text(text, encoding="utf-8")
    by_schema = not list(schemas["rules"].iter_errors(yaml.safe_load(text)))
    assert (_pathfit_accepts(rules), by_schema) == (accepted, accepted)


POLICY_HEAD = """outcomes:
  - {name: coaching, label: LABEL}
  - {name: mentoring, label: Mentoring}
  - {name: blended, label: Blended}
  - {name: refer, label: Refer}
  - {name: not_now, label: Not now}
  - {name: undetermined, label: Undetermined}
"""


@pytest.mark.parametrize("label,accepted", [("Coaching", True), ('""', False), ("' '", False)])
def test_the_policy_schema_accepts_an_outcome_label_exactly_when_pathfit_does(schemas, tmp_path, label, accepted):
    rules = tmp_path / "valued"
    shutil.copytree(VALUED, rules)
    text = POLICY_HEAD.replace("LABEL", label) + (VALUED / "policy.yaml").read_text(encoding="utf-8")
    (rules / "policy.yaml").write_text(text, encoding="utf-8")
    by_schema = not list(schemas["policy"].iter_errors(yaml.safe_load(text)))
    assert (_pathfit_accepts(rules), by_schema) == (accepted, accepted)


def test_a_salience_written_as_a_decimal_is_the_schemas_one_known_leniency(schemas, tmp_path):
    """JSON Schema reads 1.0 and 1 as one number, so it cannot refuse what pathfit does: it
    accepts (no stricter than pathfit), and `pathfit lint` or loading reports it."""
    rules = tmp_path / "valued"
    shutil.copytree(VALUED, rules)
    text = _rule("{evidence: {coaching: 1}}", "salience: 1.0, ")
    (rules / "extra.yaml").write_text(text, encoding="utf-8")
    assert not list(schemas["rules"].iter_errors(yaml.safe_load(text)))
    assert not _pathfit_accepts(rules)


@pytest.mark.parametrize("name,accepted", [("employee", True), ("id", False), ("ids", True)])
def test_the_schema_schema_refuses_an_input_fact_named_id_as_pathfit_does(tmp_path, name, accepted):
    """An input fact named `id` is refused (PF212): a batch reads that column or key as the row's
    id, and would decide without the person's answer."""
    rules = tmp_path / "valued"
    shutil.copytree(VALUED, rules)
    doc = yaml.safe_load((VALUED / "schema.yaml").read_text(encoding="utf-8"))
    doc["facts"][name] = {"type": "enum", "values": ["x1", "x2"], "question": "Which?"}
    (rules / "schema.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    schema = Draft202012Validator(generate(VALUED, ("schema",))["schema"])
    assert (_pathfit_accepts(rules), not list(schema.iter_errors(doc))) == (accepted, accepted)
