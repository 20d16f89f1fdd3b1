"""`rules list --through` without `--reads` is refused (PF613) without the rule set, so it was
said before the rule set was read; once it waited to be said with the unknown names the rule set
shows, a rule set refused as it loads hid it: only the rule set's errors were said, and PF613
came after they were fixed. Both are now said at once, exit 2, nothing on stdout."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE


def test_through_without_reads_is_said_beside_the_rule_sets_errors(tmp_path: Path):
    rules = tmp_path / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text().replace("\nfacts:\n", "\nfactz:\n"))
    result = CliRunner().invoke(cli, ["rules", "list", "--through", "--rules", str(rules)])
    assert result.exit_code == 2 and result.stdout == "", result.output
    said = [line.split(": ")[0:2] for line in result.stderr.splitlines()]
    assert ["--through:0:0", "PF613"] in said, said
    assert [f"{schema}:3:1", "PF202"] in said, said


def test_a_rule_set_refused_without_through_says_its_errors_alone(tmp_path: Path):
    rules = tmp_path / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text().replace("\nfacts:\n", "\nfactz:\n"))
    result = CliRunner().invoke(cli, ["rules", "list", "--rules", str(rules)])
    assert result.exit_code == 2 and result.stdout == "", result.output
    assert "PF613" not in result.stderr and f"{schema}:3:1: PF202: " in result.stderr, result.stderr
