"""`replay` of a record made with another rule set (another `ruleset:` name in schema.yaml)
names both rule sets. Regression: it said only "the rule set changed", and of a decision the
other set makes alike "the rule set changed since, but not in a way that affects this
decision", though no rule set had changed: the record was of another one, which neither the
text nor the JSON named."""
from __future__ import annotations

import json

from .audit_support import run
from .helpers import ROOT, bundled_copy

UNSEALED_EXAMPLE = ROOT / "examples" / "graduate-seeking-career-direction.yaml"  # no sensitive fact given

def _renamed_copy(tmp_path, name: str):
    rules = bundled_copy(tmp_path)
    schema = rules / "schema.yaml"
    text = schema.read_text()
    assert "ruleset: pathfit-default\n" in text
    schema.write_text(text.replace("ruleset: pathfit-default\n", f"ruleset: {name}\n"))
    return rules

def _recorded(tmp_path, rules) -> str:
    record = tmp_path / "r.json"
    made = run("recommend", "--rules", rules, "--profile", UNSEALED_EXAMPLE, "--record", record)
    assert made.exit_code == 0, made.output
    return str(record)

def test_a_record_of_another_rule_set_is_said_to_be_of_it(tmp_path):
    record = _recorded(tmp_path, _renamed_copy(tmp_path, "acme-hr"))
    said = run("replay", record)  # with the bundled rules, pathfit-default
    assert said.exit_code == 0, said.output  # the same rules under another name decide alike
    text = said.stdout
    assert "reproduced" in text.splitlines()[0]
    assert "changed since" not in text, text
    assert "'acme-hr'" in text and "'pathfit-default'" in text, text
    (result,) = json.loads(run("replay", record, "--format", "json").stdout)
    assert result["ruleset_name"] == {"recorded": "acme-hr", "now": "pathfit-default"}
    assert not any("changed since" in n for n in result["notes"]), result["notes"]

def test_a_record_of_the_same_rule_set_names_no_other(tmp_path):
    record = _recorded(tmp_path, bundled_copy(tmp_path))
    (result,) = json.loads(run("replay", record, "--format", "json").stdout)
    assert result["status"] == "reproduced" and result["notes"] == []
    assert result["ruleset_name"] == {"recorded": "pathfit-default", "now": "pathfit-default"}


def test_a_record_whose_facts_the_other_rule_set_refuses_names_it_too(tmp_path):
    mine = tmp_path / "mine"
    made = run("init", mine)
    assert made.exit_code == 0, made.output
    record = tmp_path / "m.json"
    made = run("recommend", "--rules", mine, "--fact", "goal_clarity=emerging",
               "--fact", "wants_experienced_guide=true", "--record", record)
    assert made.exit_code == 0, made.output
    said = run("replay", record)
    assert said.exit_code == 1, said.output
    assert "'my-rules' -> 'pathfit-default'" in said.stdout, said.stdout
    (result,) = json.loads(run("replay", record, "--format", "json").stdout)
    assert result["outcome"]["now"] is None
    assert result["ruleset_name"] == {"recorded": "my-rules", "now": "pathfit-default"}
    assert any("'my-rules'" in n for n in result["notes"]), result["notes"]
