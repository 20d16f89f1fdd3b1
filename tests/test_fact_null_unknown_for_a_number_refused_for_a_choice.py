"""`null`, what a program writes for JSON's null, typed as a fact's value (`--fact NAME=null`,
an answer posted in the web page's form) means unknown whatever the kind of fact, as `unknown`
does: unless the fact has a value of that name. Regression: it was unknown for a number and a
yes/no fact (read as JSON's null) but refused for a choice or a list (PF403, "not 'null'"), so
one script's `--fact "$name=$value"` was taken or refused by the fact's kind."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.service import form

TINY = Path(__file__).parent / "fixtures" / "tiny"

CASES = [  # (fact, its kind, text typed)
    ("goal", "enum", "null"), ("needs", "set", "null"), ("hours", "number", "null"), ("ready", "bool", "null"),
    ("goal", "enum", "unknown"), ("needs", "set", "unknown"), ("hours", "number", "unknown"),
    ("ready", "bool", "unknown"), ("goal", "enum", " null "),
]


@pytest.mark.parametrize("fact,kind,text", CASES)
def test_fact_null_means_unknown_for_every_kind_of_fact(fact, kind, text):
    done = CliRunner(env={"PATHFIT_RULES": None}).invoke(
        cli, ["recommend", "--rules", str(TINY), "--fact", f"{fact}={text}", "--format", "json"])
    assert done.exit_code == 0, done.output
    assert fact not in json.loads(done.stdout)["facts"]


@pytest.mark.parametrize("fact,kind,text", CASES)
def test_a_form_answer_null_means_unknown_as_fact_does(fact, kind, text):
    with Engine.load(TINY) as engine:
        facts = form.read_form(engine.ruleset, f"{fact}={text}".encode())[0]
        engine.check(facts)
    assert facts.get(fact) is None


def test_a_choice_named_null_is_that_choice(tmp_path):
    """As `unknown` is: a value of that name is the value."""
    rules = tmp_path / "rules"
    import shutil

    shutil.copytree(TINY, rules)
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text().replace("values: [specific, emerging, undefined]",
                                                 'values: [specific, emerging, undefined, "null"]', 1))
    done = CliRunner(env={"PATHFIT_RULES": None}).invoke(
        cli, ["recommend", "--rules", str(rules), "--fact", "goal=null", "--format", "json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["facts"]["goal"] == "null"
