"""`rules show --deps` lists every rule the rule depends on (and every one depending on it)
once, at its nearest step, as README says: a rule linked to two rules one step nearer (a
diamond: rs derives s, read by ra and rb, deriving x and y, both read by rc) was printed
twice, once per link. It is one line naming each link; the JSON keeps one entry per link,
as its schema says."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .small_rulesets import policy

pytestmark = pytest.mark.usefixtures("module_rule_set_cache", "rule_set_cache_of_the_module")


def rule(rid: str, when: dict, then: dict) -> dict:
    return {"id": rid, "reason": rid, "cites": ["s"], "when": when, "then": then}


@pytest.fixture
def diamond(tmp_path: Path) -> Path:
    schema = {"ruleset": "diamond", "knowledge_base": "kb.md", "facts": {"a": {"type": "bool", "question": "a?"}},
              "derived": {n: {"description": n} for n in ("s", "x", "y")}}
    rules = {"rules": [rule("rs", {"fact": "a", "equals": True}, {"derive": ["s"]}),
                       rule("ra", {"fact": "s", "equals": True}, {"derive": ["x"]}),
                       rule("rb", {"fact": "s", "equals": True}, {"derive": ["y"]}),
                       rule("rc", {"all": [{"fact": "x", "equals": True}, {"fact": "y", "equals": True}]},
                            {"evidence": {"coaching": 1}})]}
    for name, doc in (("schema.yaml", schema), ("policy.yaml", policy(0.3, 0.3, 1.5)), ("rules.yaml", rules)):
        (tmp_path / name).write_text(yaml.safe_dump(doc, sort_keys=False))
    (tmp_path / "kb.md").write_text('# kb\n\n## S <a id="s"></a>\n')
    return tmp_path


def show(rules: Path, rid: str, *more: str) -> str:
    result = CliRunner().invoke(cli, ["rules", "show", rid, "--deps", "--rules", str(rules), *more])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("rid, other, line", [
    ("rs", "rc", "    rc  (reads x, derived by ra; reads y, derived by rb)"),
    ("rc", "rs", "    rs  (derives s, read by ra; derives s, read by rb)"),
])
def test_a_rule_linked_to_two_nearer_rules_is_listed_once_naming_both_links(diamond, rid, other, line):
    lines = show(diamond, rid).splitlines()
    assert [k for k in lines if k.lstrip().startswith(other + "  ")] == [line]


def test_the_json_keeps_one_entry_per_link(diamond):
    shown = json.loads(show(diamond, "rs", "--format", "json"))
    assert [(k["rule"], k["fact"], k["linked_to"], k["depth"]) for k in shown["depended_on_by"]] == [
        ("ra", "s", "rs", 1), ("rb", "s", "rs", 1), ("rc", "x", "ra", 2), ("rc", "y", "rb", 2)]
