"""`pathfit test NAME` with no --rules asks whether NAME lies in a rule set's tests/ folder, and
asked with pathlib's is_dir, which raises on a name too long for the system: the command ended
as "pathfit: internal error: OSError", where with --rules the same name is PF100 at it. Now it
is PF100 at the name either way, exit status 2."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


def test_a_test_file_name_too_long_is_pf100_at_it_without_rules(tmp_path, monkeypatch):
    tiny_copy(tmp_path)
    monkeypatch.chdir(tmp_path)  # ./rules, found with no --rules
    monkeypatch.delenv("PATHFIT_RULES", raising=False)
    name = "a" * 300
    result = CliRunner().invoke(cli, ["test", name])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"{name}:0:0: PF100: cannot read file: File name too long"
