"""A profile with a `facts:` block (an example-style file) takes only a description, the
expected advice and the subject beside it. Regression: any other key beside the block was
dropped without a word, so a fact written there (`formal_performance_process: true`) was
not seen and the advice changed; a misspelt key went unnoticed too."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

FACTS = {"needs": ["performance"], "goal_clarity": "specific", "measurable_soon": True, "ready_for_change": True,
         "hours_per_month": 4, "horizon_months": 6, "preferred_structure": "structured",
         "guidance_style": "challenge_and_feedback"}


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_a_fact_beside_the_facts_block_in_json_is_located_not_dropped(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"formal_performance_process": True, "facts": FACTS}))
    result = _run("recommend", "--profile", path)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"{path}:1:2: PF401: 'formal_performance_process' is a fact"), result.output


YAML = """\
description: a graduate
wellbeing_concern: true
facts:
  needs: [performance]
goal_claritty: specific
"""


@pytest.mark.parametrize("command", [["recommend"], ["explain", "--what-if"], ["interview"]])
def test_keys_beside_the_facts_block_in_yaml_are_each_located(tmp_path, command):
    path = tmp_path / "p.yaml"
    path.write_text(YAML)
    result = CliRunner().invoke(cli, [*command, "--profile", str(path)], input="")
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.output.splitlines() if ": PF" in ln]
    assert lines[0].startswith(f"{path}:2:1: PF401: 'wellbeing_concern' is a fact"), result.output
    assert lines[1].startswith(f"{path}:5:1: PF401: unknown key 'goal_claritty' beside `facts:`"), result.output
    assert "did you mean 'goal_clarity'?" in lines[1]


def test_an_example_files_own_keys_are_taken_beside_the_facts(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("description: x\nexpect: {outcome: coaching}\nsubject: S-1\nfacts:\n  needs: [performance]\n")
    result = _run("recommend", "--profile", path)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("text, where", [
    ('{"formal_performance_process": true, "facts": {"needs": ["performance"], "hours_per_month": 1e1}}',
     "1:2: PF401: 'formal_performance_process' is a fact"),
    ('{"facts": {"needs": ["performance"], "hours_per_month": 1e5}}', "1:57: PF404: "),
    ('{"horizon_month": 3, "hours_per_month": 1e1}', "1:2: PF401: unknown fact 'horizon_month'"),
])
def test_a_json_profile_with_a_number_yaml_reads_otherwise_keeps_its_positions(tmp_path, text, where):
    """Regression: with one value JSON and YAML 1.1 read differently (1e1), the profile was
    JSON's plain values, and every problem in it, a key beside `facts:` too, was at 0:0."""
    path = tmp_path / "p.json"
    path.write_text(text)
    result = _run("recommend", "--profile", path)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"{path}:{where}"), result.output


@pytest.mark.parametrize("key, meant", [("descripton", "description"), ("expected", "expect"), ("subjet", "subject")])
def test_a_misspelt_key_of_the_example_files_own_is_offered_back(tmp_path, key, meant):
    """A misspelt `description`, `expect` or `subject` beside the facts is PF401 at the key with
    the key meant as its did-you-mean, not only a misspelt fact: the one case above offers a fact."""
    path = tmp_path / "p.yaml"
    path.write_text(f"{key}: x\nfacts:\n  needs: [performance]\n")
    result = _run("recommend", "--profile", path)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"{path}:1:1: PF401: "), result.output
    assert f"did you mean {meant!r}?" in result.output.splitlines()[0], result.output
