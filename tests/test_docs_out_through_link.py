"""`pathfit docs --out LINK/rules.md`, LINK a symbolic link to a directory elsewhere: the
catalogue's link to the knowledge base resolves from the file where it really lies. It was
made relative to the link's own place, and `..` from the real directory led elsewhere."""
from __future__ import annotations

import os
import re
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


def _kb_targets(text: str) -> set[str]:
    return set(re.findall(r"\]\(([^)#]*kb\.md)#", text))


def test_the_knowledge_base_link_resolves_from_the_real_output_directory(tmp_path: Path, monkeypatch):
    rules = tiny_copy(tmp_path)
    (tmp_path / "o" / "a" / "b").mkdir(parents=True)
    os.symlink("o/a/b", tmp_path / "lnk")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["docs", "--rules", "rules", "--out", "lnk/rules.md"])
    assert result.exit_code == 0, result.output
    written = tmp_path / "o" / "a" / "b" / "rules.md"
    [target] = _kb_targets(written.read_text(encoding="utf-8"))
    assert (written.parent / target).resolve() == (rules / "kb.md").resolve(), target


def test_the_knowledge_base_reached_through_a_link_resolves_too(tmp_path: Path, monkeypatch):
    tiny_copy(tmp_path / "real")
    (tmp_path / "out").mkdir()
    os.symlink("real/rules", tmp_path / "rules")
    monkeypatch.chdir(tmp_path / "out")
    result = CliRunner().invoke(cli, ["docs", "--rules", "../rules", "--out", "rules.md"])
    assert result.exit_code == 0, result.output
    [target] = _kb_targets((tmp_path / "out" / "rules.md").read_text(encoding="utf-8"))
    assert (tmp_path / "out" / target).resolve() == (tmp_path / "real" / "rules" / "kb.md").resolve(), target
