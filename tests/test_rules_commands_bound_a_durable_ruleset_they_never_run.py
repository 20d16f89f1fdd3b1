"""`pathfit rules list` and `rules show` bound the rule set to a durable-rules ruleset (an Engine)
they never evaluated anyone with: at 1,000 rules that binding is about 35 ms of a command that
only reads the rules; so did completing a rule id or an outcome at the shell. They, and `docs`,
now load the rule set alone, found, announced and refused as before."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import api

from .helpers import tiny_copy


def _never_bound(*args: object) -> None:
    raise AssertionError("a durable-rules ruleset was bound")


@pytest.mark.parametrize("args", [["rules", "list"], ["rules", "list", "--format", "json", "--gives", "coaching"],
                                  ["rules", "show", "e.coach", "--deps"], ["docs"]])
def test_reading_the_rules_binds_no_durable_ruleset(tmp_path, monkeypatch, args):
    rules = tiny_copy(tmp_path)
    bound = CliRunner().invoke(cli, [*args, "--rules", str(rules)])
    monkeypatch.setattr(api, "Runner", _never_bound)
    alone = CliRunner().invoke(cli, [*args, "--rules", str(rules)])
    assert (alone.exit_code, alone.stdout) == (0, bound.stdout)


def test_a_refused_rule_set_is_still_refused(tmp_path, monkeypatch):
    rules = tiny_copy(tmp_path, [{"id": "e.coach", "reason": "twice", "when": {"fact": "goal", "is": "known"},
                                  "then": {"evidence": {"coaching": 1}}}])
    monkeypatch.setattr(api, "Runner", _never_bound)
    result = CliRunner().invoke(cli, ["rules", "list", "--rules", str(rules), "--through"])
    assert result.exit_code == 2
    assert "PF613" in result.stderr and "PF2" in result.stderr  # the option's problem beside the rule set's


def test_completing_a_rule_id_binds_no_durable_ruleset(tmp_path, monkeypatch):
    from click.shell_completion import BashComplete

    rules = tiny_copy(tmp_path)
    complete = BashComplete(cli, {}, "pathfit", "_PATHFIT_COMPLETE")
    words = ["rules", "show", "--rules", str(rules)]
    bound = [c.value for c in complete.get_completions(words, "e.")]
    monkeypatch.setattr(api, "Runner", _never_bound)
    assert [c.value for c in complete.get_completions(words, "e.")] == bound
    assert sorted(bound) == ["e.broad", "e.coach", "e.mentor"]
