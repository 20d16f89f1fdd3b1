"""A hidden `*.yaml` (a name starting with ".") is never a rule file nor a rule test
(yaml_names.yaml_files), yet the load cache's key and the question whether a rule set found
unasked is the bundled one still counted it: the lock file Emacs keeps beside a rule file with
unsaved changes (`.#rules.yaml`, a dangling link) left every command without its cache entry,
each load made afresh while the author edited; and a `.x.yaml` (or `._rules.yaml` copied from a
Mac) in a checkout's ./rules had stderr name as another rule set the very rules installed."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.cli.same_rules import same_rule_files
from pathfit.engine.pipeline import cache
from pathfit.engine.pipeline.bundled import bundled_rules_dir

from .helpers import ROOT, tiny_copy


def _hide_files_in(folder: Path) -> None:
    os.symlink("user@host.1234:1700000000", folder / ".#rules.yaml")  # Emacs's lock: a dangling link
    (folder / ".x.yaml").write_text("not: [rules\n", encoding="utf-8")
    (folder / "._rows.csv").write_bytes(b"\x00\x05\x16\x07")


def test_the_cache_key_passes_over_hidden_files(tmp_path):
    rules = tiny_copy(tmp_path)
    before = cache.key_for(str(rules), "v")
    _hide_files_in(rules)
    assert before is not None and cache.key_for(str(rules), "v") == before


def test_a_checkout_with_hidden_files_is_the_bundled_set(tmp_path, monkeypatch):
    rules = Path(shutil.copytree(bundled_rules_dir(), tmp_path / "rules"))
    shutil.copy(ROOT / "knowledge_base.md", tmp_path / "knowledge_base.md")
    _hide_files_in(rules)
    if (rules / "tests").is_dir():
        (rules / "tests" / ".y.yaml").write_text("cases: [\n", encoding="utf-8")
    assert same_rule_files(str(rules), bundled_rules_dir())
    monkeypatch.chdir(tmp_path)
    ran = CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, ["recommend", "--fact", "needs=performance"])
    assert (ran.exit_code, ran.stderr) == (0, "")
