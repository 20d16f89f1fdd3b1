"""Regression: shell completion (`eval "$(_PATHFIT_COMPLETE=bash_source pathfit)"`, as `pathfit
--help` says) offered nothing after `explain --why-not` or `rules show`, though both take a name
only the rule set defines: a person had to run `rules list` or read the policy to type one. Both
now offer the rule set's names, read as the command would read the rule set (`--rules` when
given before the word), and offer nothing, silently, for a rule set that cannot be read: a
shell's line never gets an error message."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.shell_completion import BashComplete
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.pipeline.bundled import bundled_rules_dir

# the outcomes a policy gives besides those it lists: concluded by a rule's effect, or given when
# the evidence decides nothing (the bundled policy.yaml says so where it lists its own)
FIXED_OUTCOMES = {"refer", "not_now", "undetermined"}


def _offered(args: list[str], incomplete: str) -> list[str]:
    return [c.value for c in BashComplete(cli, {}, "pathfit", "_PATHFIT_COMPLETE").get_completions(args, incomplete)]


def test_why_not_offers_every_outcome_the_policy_gives_and_each_is_taken(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    policy = yaml.safe_load((Path(bundled_rules_dir()) / "policy.yaml").read_text())
    expected = {o["name"] for o in policy["outcomes"]} | FIXED_OUTCOMES
    offered = _offered(["explain", "--why-not"], "")
    assert sorted(offered) == sorted(expected)
    assert _offered(["explain", "--why-not"], "m") == ["mentoring"]
    profile = Path(__file__).resolve().parent.parent / "examples" / "new-vp-wants-structure.yaml"
    for outcome in offered:
        result = CliRunner().invoke(cli, ["explain", "--profile", str(profile), "--why-not", outcome])
        assert result.exit_code == 0, (outcome, result.output)


def test_rules_show_offers_every_rule_id_and_each_is_shown(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    listed = json.loads(CliRunner().invoke(cli, ["rules", "list", "--format", "json"]).stdout)["rules"]
    ids = [r["id"] for r in listed]
    assert _offered(["rules", "show"], "") == ids
    assert _offered(["rules", "show"], "coaching.") == [i for i in ids if i.startswith("coaching.")]
    for rule_id in ids[:5] + ids[-5:]:
        assert CliRunner().invoke(cli, ["rules", "show", rule_id]).exit_code == 0, rule_id


def test_rules_given_before_the_word_are_the_ones_completed(tmp_path):
    from .helpers import tiny_copy

    rules = tiny_copy(tmp_path)
    listed = json.loads(CliRunner().invoke(cli, ["rules", "list", "--rules", str(rules), "--format", "json"]).stdout)
    assert _offered(["rules", "show", "--rules", str(rules)], "") == [r["id"] for r in listed["rules"]]


@pytest.mark.parametrize("broken", ["missing", "bad_yaml"])
def test_a_rule_set_that_cannot_be_read_offers_nothing_and_says_nothing(tmp_path, capfd, broken):
    rules = tmp_path / "rules"
    if broken == "bad_yaml":
        rules.mkdir()
        (rules / "schema.yaml").write_text("facts: [unclosed\n")
    capfd.readouterr()
    assert _offered(["rules", "show", "--rules", str(rules)], "") == []
    assert _offered(["explain", "--rules", str(rules), "--why-not"], "") == []
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_rules_list_filters_offer_the_names_they_take(monkeypatch, tmp_path):
    """--reads, --gives and --cites: every name offered is one the filter takes, and the names
    read from the rule files themselves (schema.yaml's facts, policy.yaml's referrals and
    weighed outcomes, the knowledge base's anchors) are all offered."""
    import re

    from pathfit.engine import Engine
    from pathfit.engine.authoring.rule_queries import select

    monkeypatch.chdir(tmp_path)
    folder = Path(bundled_rules_dir())
    schema = yaml.safe_load((folder / "schema.yaml").read_text())
    policy = yaml.safe_load((folder / "policy.yaml").read_text())
    kb = (folder / schema["knowledge_base"]).read_text()
    reads = _offered(["rules", "list", "--reads"], "")
    gives = _offered(["rules", "list", "--gives"], "")
    cites = _offered(["rules", "list", "--cites"], "")
    assert set(schema["facts"]) | set(schema["derived"]) <= set(reads)
    assert {r["name"] for r in policy["referrals"]} | set(policy["evidence_outcomes"]) <= set(gives)
    assert sorted(cites) == sorted(re.findall(r'^#+ .*<a id="([^"]+)"></a>\s*$', kb, re.M))
    with Engine.load(folder) as engine:
        for name in reads:
            select(engine.ruleset, reads=(name,))  # PathfitError (PF634) for a name it does not take
        for name in gives:
            select(engine.ruleset, gives=(name,))
        for name in cites:
            select(engine.ruleset, cites=(name,))
    assert _offered(["rules", "list", "--cites"], "kb#" + cites[0][:3]) == \
        ["kb#" + c for c in cites if c.startswith(cites[0][:3])]
