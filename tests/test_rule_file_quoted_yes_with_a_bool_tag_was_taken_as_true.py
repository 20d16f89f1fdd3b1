"""A yes/no word that YAML 1.1 reads as a boolean (yes, no, on, off, y, n) is refused in a rule
file (PF211: write true or false), since YAML 1.2, JSON and most other readers take it as text.
Given YAML's own bool tag it was refused plainly written (`!!bool yes`) but not quoted
(`!!bool "yes"`): the quoted one was read as the tag says, true, and compared with, though only
plain scalars were judged, as quoted numbers with a number tag once were. Both are now PF211 at
the value; `!!bool "true"` is read as true, as `true` is."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


def _lint(tmp_path: Path, written: str):
    rules = tiny_copy(tmp_path)
    (rules / "extra.yaml").write_text(
        "rules:\n  - id: extra.ready\n    reason: Ready.\n    cites: [focus]\n"
        f"    when: {{fact: ready, equals: {written}}}\n    then: {{evidence: {{coaching: 1}}}}\n")
    return rules, CliRunner().invoke(cli, ["lint", str(rules)])


@pytest.mark.parametrize("written", ['!!bool "yes"', "!!bool 'on'", '!!bool "Off"', "!!bool yes"])
def test_a_yaml_11_bool_word_with_a_bool_tag_is_pf211_however_quoted(tmp_path: Path, written: str):
    rules, out = _lint(tmp_path, written)
    assert out.exit_code == 1, out.output  # lint's status for errors
    assert f"{rules / 'extra.yaml'}:5:33: PF211:" in out.output + out.stderr


def test_a_quoted_true_with_a_bool_tag_is_read_as_true(tmp_path: Path):
    rules, out = _lint(tmp_path, '!!bool "true"')
    assert "PF211" not in out.output + out.stderr, out.output
