"""The editor schemas of schema.yaml and policy.yaml (`pathfit schema --kind schema|policy`)
accepted files pathfit refuses, each within the one file the schema describes: a blank
`knowledge_base` (PF204), a clause whose confidence method lacks the test it reads (`share`
without `leads`, `certain` without `concluded`, `shortfall` without a `_below` test,
`certainty` without `leads` and `certainty_at_least`: PF204), a clause giving `refer` without
`concluded: refer` (PF204), and a test or method the policy's `combine` refuses (PF222). And
an empty or blank `question` was accepted by both, so the interview asked nothing and
`recommend` listed an open question as an empty line; it is now PF204 at the question. So was
an empty `ruleset`, which left the catalogue's title "Rules of" and the rule set's name and
digest out of the `rules:` line on stderr; it is now PF204 at it too.
Each case is checked both ways: the schema accepts it exactly when pathfit loads it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from pathfit.cli.main import cli
from pathfit.engine.authoring.starter import FILES, write_project

SCHEMA, POLICY = FILES["schema.yaml"], FILES["policy.yaml"]
LAST = "  - {outcome: undetermined, when: {}, confidence: balance}\n"
CERTAINTY_POLICY = """evidence_outcomes: [coaching, mentoring]
combine: certainty
referrals: []
formats: {}
decision:
  - {outcome: not_now, when: {concluded: not_now}, confidence: certain}
  - {outcome: coaching, when: {leads: coaching, certainty_at_least: 0.5}, confidence: certainty}
CLAUSE
  - {outcome: undetermined, when: {}, confidence: doubt}
"""
QUESTION = "    question: Is the person ready to change how they work now?"

# (name, file, text, whether pathfit loads it); the starter's own files load
CASES = [
    ("starter_schema", "schema.yaml", SCHEMA, True),
    ("blank_knowledge_base", "schema.yaml", SCHEMA.replace("knowledge_base.md", "'  '"), False),
    ("empty_ruleset", "schema.yaml", SCHEMA.replace("ruleset: my-rules", "ruleset: ''"), False),
    ("blank_ruleset", "schema.yaml", SCHEMA.replace("ruleset: my-rules", "ruleset: '  '"), False),
    ("ruleset_in_words", "schema.yaml", SCHEMA.replace("ruleset: my-rules", "ruleset: My rules, 2025"), True),
    ("empty_question", "schema.yaml", SCHEMA.replace(QUESTION, "    question: ''"), False),
    ("blank_question", "schema.yaml", SCHEMA.replace(QUESTION, "    question: ' '"), False),
    ("starter_policy", "policy.yaml", POLICY, True),
    ("share_without_leads", "policy.yaml",
     POLICY.replace(LAST, "  - {outcome: mentoring, when: {total_below: 9}, confidence: share}\n" + LAST), False),
    ("certain_without_concluded", "policy.yaml",
     POLICY.replace(LAST, "  - {outcome: mentoring, when: {total_below: 9}, confidence: certain}\n" + LAST), False),
    ("shortfall_without_a_below_test", "policy.yaml",
     POLICY.replace(LAST, "  - {outcome: mentoring, when: {leads: mentoring}, confidence: shortfall}\n" + LAST), False),
    ("shortfall_with_total_below", "policy.yaml",
     POLICY.replace(LAST, "  - {outcome: mentoring, when: {total_below: 9}, confidence: shortfall}\n" + LAST), True),
    ("last_clause_balance_is_share", "policy.yaml",
     POLICY.replace(LAST, "  - {outcome: undetermined, when: {}, confidence: share}\n"), False),
    ("refer_without_concluded", "policy.yaml",
     POLICY.replace("referrals: []", "referrals: [training]").replace(
         LAST, "  - {outcome: refer, when: {leads: coaching}, confidence: share}\n" + LAST), False),
    ("refer_concluding_not_now", "policy.yaml",
     POLICY.replace("referrals: []", "referrals: [training]").replace(
         LAST, "  - {outcome: refer, when: {concluded: not_now}, confidence: certain}\n" + LAST), False),
    ("refer_concluded", "policy.yaml",
     POLICY.replace("referrals: []", "referrals: [training]").replace(
         LAST, "  - {outcome: refer, when: {concluded: refer}, confidence: certain}\n" + LAST), True),
    ("certainty_policy", "policy.yaml", CERTAINTY_POLICY.replace("CLAUSE\n", ""), True),
    ("certainty_without_certainty_at_least", "policy.yaml",
     CERTAINTY_POLICY.replace("CLAUSE", "  - {outcome: mentoring, when: {leads: mentoring}, confidence: certainty}"), False),
    ("a_sum_test_under_certainty", "policy.yaml",
     CERTAINTY_POLICY.replace("CLAUSE", "  - {outcome: mentoring, when: {total_below: 1}, confidence: doubt}"), False),
    ("a_sum_method_under_certainty", "policy.yaml",
     CERTAINTY_POLICY.replace("CLAUSE", "  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}"), False),
    ("a_certainty_test_under_sum", "policy.yaml",
     POLICY.replace(LAST, "  - {outcome: mentoring, when: {certainty_at_least: 0.5}, confidence: balance}\n" + LAST),
     False),
    ("a_certainty_method_under_sum", "policy.yaml",
     POLICY.replace(LAST, "  - {outcome: mentoring, when: {}, confidence: doubt}\n"), False),
]


def _schema(kind: str) -> Draft202012Validator:
    got = CliRunner().invoke(cli, ["schema", "--kind", kind])
    assert got.exit_code == 0, got.output
    return Draft202012Validator(json.loads(got.stdout))


def _loads(tmp_path: Path, file: str, text: str) -> tuple[bool, str]:
    where = tmp_path / "p"
    write_project(str(where))
    (where / file).write_text(text)
    if "combine: certainty" in text:  # the starter's weights of 2 as certainty factors
        (where / "rules.yaml").write_text(FILES["rules.yaml"].replace(": 2}", ": 0.5}"))
    got = CliRunner().invoke(cli, ["rules", "list", "--rules", str(where)])
    assert got.exit_code in (0, 2) and "internal error" not in got.stderr, got.output
    return got.exit_code == 0, got.stderr


@pytest.mark.parametrize("name, file, text, loads", CASES, ids=[c[0] for c in CASES])
def test_the_editor_schema_accepts_a_file_exactly_when_pathfit_loads_it(tmp_path: Path, name: str, file: str,
                                                                       text: str, loads: bool) -> None:
    loaded, said = _loads(tmp_path, file, text)
    assert loaded == loads, said
    errors = list(_schema(file.removesuffix(".yaml")).iter_errors(yaml.safe_load(text)))
    assert (not errors) == loads, [e.message for e in errors]


@pytest.mark.parametrize("question", ["''", "' '", '""'])
def test_an_empty_question_is_refused_where_it_is_written(tmp_path: Path, question: str) -> None:
    text = SCHEMA.replace(QUESTION, f"    question: {question}")
    line = text.splitlines().index(f"    question: {question}") + 1
    where = tmp_path / "p"
    write_project(str(where))
    (where / "schema.yaml").write_text(text)
    got = CliRunner().invoke(cli, ["lint", str(where), "--format", "json"])
    assert got.exit_code == 1
    assert [(p["code"], Path(p["file"]).name, p["line"], p["col"]) for p in json.loads(got.stdout)["problems"]] \
        == [("PF204", "schema.yaml", line, len("    question: ") + 1)]
    got = CliRunner().invoke(cli, ["recommend", "--rules", str(where), "--fact", "goal_clarity=specific"])
    assert got.exit_code == 2
    assert got.stdout == ""
    assert f"schema.yaml:{line}:{len('    question: ') + 1}: PF204: " in got.stderr


def test_an_empty_ruleset_name_is_refused_where_it_is_written(tmp_path: Path) -> None:
    where = tmp_path / "p"
    write_project(str(where))
    (where / "schema.yaml").write_text(SCHEMA.replace("ruleset: my-rules", "ruleset: ''"))
    got = CliRunner().invoke(cli, ["lint", str(where), "--format", "json"])
    assert got.exit_code == 1
    assert [(p["code"], Path(p["file"]).name, p["line"], p["col"]) for p in json.loads(got.stdout)["problems"]] \
        == [("PF204", "schema.yaml", 2, len("ruleset: ") + 1)]
