"""An example-style profile whose `facts:` is not a mapping is PF406 at that value, in
`recommend`, `explain` and `interview`; `facts:` with nothing under it is an example with no
facts given yet. Regression: both were "PF401: unknown fact 'facts'" at the key (and a
`description:` beside them "unknown fact 'description'"), as if `facts` were meant as a fact."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


@pytest.mark.parametrize("name, text, at, kind", [
    ("p.yaml", "facts: hello\n", "1:8", "text"),
    ("p.yaml", "description: a graduate\nfacts: [goal_clarity, specific]\n", "2:8", "a list"),
    ("p.yaml", "facts: 3\n", "1:8", "a number"),
    ("p.json", '{"description": "x", "facts": ["a"]}', "1:31", "a list"),
])
@pytest.mark.parametrize("command", [["recommend"], ["explain"], ["interview"]])
def test_a_facts_block_that_is_not_a_mapping_is_refused_at_its_value(tmp_path, name, text, at, kind, command):
    path = tmp_path / name
    path.write_text(text)
    result = CliRunner().invoke(cli, [*command, "--profile", str(path)], input="")
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [f"{path}:{at}: PF406: `facts:` maps fact names to values, not {kind}"]


def test_an_empty_facts_block_is_a_profile_with_no_facts(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("description: nothing known yet\nfacts:\n")
    given = CliRunner().invoke(cli, ["recommend", "--profile", str(path), "--format", "json"])
    none = CliRunner().invoke(cli, ["recommend", "--format", "json"])
    assert given.exit_code == 0, given.output
    assert json.loads(given.stdout)["facts"] == {} and given.stdout == none.stdout
