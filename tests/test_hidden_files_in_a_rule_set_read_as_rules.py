"""Names starting with "." in a rule set's folder or its tests/ are not rule files or rule tests.

Regression: the loader read every `*.yaml` of the folder, hidden ones too. The lock file Emacs
keeps beside a file with unsaved changes (`.#rules.yaml`, a dangling link) made every command
fail with PF100 while the author edited; a `.x.yaml` another tool keeps there (as lint's PF718
already took a hidden `.yml` to be) was read as rules, and an output written as one was refused
as "read as a rule file". Now hidden names are passed over by the loader, lint, `pathfit test`
and that refusal alike, as most tools pass them over.
"""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.pipeline.yaml_names import read_as_rules

from .helpers import TWO_TINY_CASES, tiny_with_cases

BAD_RULE = "rules:\n  - id: hidden.rule\n    when: {nothing: 1}\n"
COMMANDS = [["lint"], ["rules", "list"], ["test"], ["docs"]]


def _outputs(rules) -> list[tuple[int, str]]:
    return [(r.exit_code, r.output) for r in (CliRunner().invoke(cli, [*c, "--rules", str(rules)]) for c in COMMANDS)]


@pytest.mark.parametrize("folder", ["", "tests"])
def test_hidden_files_change_nothing(tmp_path, monkeypatch, folder):
    monkeypatch.chdir(tmp_path)
    rules = tiny_with_cases(tmp_path, TWO_TINY_CASES)
    before = _outputs("rules")
    with Engine.load(str(rules)) as engine:
        digest = engine.ruleset.digest
    os.symlink("someone@host.4242:1700000000", rules / folder / ".#rules.yaml")  # Emacs's lock file
    (rules / folder / ".x.yaml").write_text(BAD_RULE)
    (rules / folder / "._cases.yaml").write_bytes(b"\x00\x05\x16\x07\xff")  # an AppleDouble file
    after = _outputs("rules")
    assert [code for code, _ in after] == [0, 0, 0, 0]
    assert after == before
    with Engine.load(str(rules)) as engine:
        assert engine.ruleset.digest == digest


def test_an_output_with_a_hidden_name_is_not_read_as_a_rule_file(tmp_path):
    rules = tiny_with_cases(tmp_path, TWO_TINY_CASES)
    assert read_as_rules(rules / ".out.yaml", rules) is None
    assert read_as_rules(rules / "tests" / ".out.yaml", rules) is None
    assert read_as_rules(rules / "out.yaml", rules) == "a rule file"
