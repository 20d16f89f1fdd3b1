"""A profile file whose whole content is one plain value (`hello`, `42`, a JSON string) is
PF406 where that value is written. Regression: a document of one plain value comes back as
the value alone, which cannot say where it stands, so the problem was at `file:0:0` while a
list in the same place was located."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


@pytest.mark.parametrize("name, text, at", [
    ("p.yaml", "hello\n", "1:1"),
    ("p.yaml", "# a comment\n\n   42\n", "3:4"),
    ("p.yaml", "---\n'quoted text'\n", "2:1"),
    ("p.json", '\n  "a JSON string"\n', "2:3"),
    ("p.json", "true", "1:1"),
    ("p.yaml", "  - goal\n", "1:3"),  # a list, located before too: the same place for both kinds
])
@pytest.mark.parametrize("command", [["recommend"], ["explain"], ["interview"]])
def test_a_profile_of_one_value_is_refused_where_the_value_is_written(tmp_path, name, text, at, command):
    path = tmp_path / name
    path.write_text(text)
    result = CliRunner().invoke(cli, [*command, "--profile", str(path)], input="")
    assert result.exit_code == 2, result.output
    first = result.output.splitlines()[0]
    assert first.startswith(f"{path}:{at}: PF406: "), result.output
    assert len(result.output.splitlines()) == 1, result.output


def test_a_profile_of_one_value_on_stdin_is_located_on_stdin():
    result = CliRunner().invoke(cli, ["recommend", "--profile", "-"], input="\n  7\n")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("<stdin>:2:3: PF406: "), result.output
