"""`pathfit lint --explain PF101` said PF101 is a file's text, or a fact's value, holding a control
character; a control character in a fact's name (`--fact`, `Engine.evaluate`, the service) is PF101
too, and a user looking the code up was told nothing of it. The meaning now names both."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


def test_the_meaning_of_pf101_names_a_facts_name(tmp_path):
    rules = str(tiny_copy(tmp_path))
    given = CliRunner().invoke(cli, ["recommend", "--rules", rules, "--fact", "go\x07al=specific"])
    assert given.exit_code == 2 and given.stderr.startswith("--fact:0:0: PF101: "), given.stderr
    meaning = CliRunner().invoke(cli, ["lint", "--explain", "PF101"])
    assert meaning.exit_code == 0
    assert "a fact's name or value holds control characters" in meaning.stdout, meaning.stdout
