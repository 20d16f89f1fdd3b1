"""`pathfit docs --out` refuses an output that is one of the rule set's own files
(by name, through a hard link, or through a symbolic link): PF618, exit 2, and
every input left byte for byte as it was."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


def _snapshot(rules: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(rules.iterdir()) if p.is_file()}


@pytest.mark.parametrize("name", ["kb.md", "schema.yaml", "policy.yaml", "rules.yaml"])
def test_docs_refuses_to_overwrite_an_input(tmp_path: Path, name: str):
    rules = tiny_copy(tmp_path)
    before = _snapshot(rules)
    target = rules / name
    result = CliRunner().invoke(cli, ["docs", "--rules", str(rules), "--out", str(target)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{target}:0:0: PF618: ")
    assert "wrote" not in result.output
    assert _snapshot(rules) == before


def test_docs_refuses_a_hard_link_to_an_input(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    before = _snapshot(rules)
    linked = tmp_path / "rules.md"
    os.link(rules / "kb.md", linked)
    result = CliRunner().invoke(cli, ["docs", "--rules", str(rules), "--out", str(linked)])
    assert result.exit_code == 2 and f"{linked}:0:0: PF618: " in result.stderr, result.output
    assert _snapshot(rules) == before


def test_docs_refuses_a_symbolic_link(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    before = _snapshot(rules)
    link = tmp_path / "rules.md"
    link.symlink_to(rules / "schema.yaml")
    result = CliRunner().invoke(cli, ["docs", "--rules", str(rules), "--out", str(link)])
    assert result.exit_code == 2 and f"{link}:0:0: PF618: " in result.stderr, result.output
    assert _snapshot(rules) == before and link.is_symlink()


def test_docs_still_writes_a_fresh_output(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    out = tmp_path / "rules.md"
    result = CliRunner().invoke(cli, ["docs", "--rules", str(rules), "--out", str(out)])
    assert result.exit_code == 0 and out.read_text().startswith("# Rules of `tiny`")
