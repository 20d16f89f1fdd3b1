"""A profile or a rule file saved as UTF-16 (Windows Notepad's "Unicode") or UTF-32, with its byte
order mark, was refused as `invalid UTF-8 byte 0xff` and no more, where a batch or impact corpus
so saved is told it is UTF-16 and to save it as UTF-8. Every file pathfit reads now says so,
at the same place, with the same code, exit status 2."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT

TEXT = "needs: [performance]\ncareer_stage: executive\n"


@pytest.mark.parametrize("encoding, named", [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_a_profile_saved_as_utf16_is_told_so(tmp_path: Path, encoding, named):
    profile = tmp_path / "p.yaml"
    profile.write_bytes(TEXT.encode(encoding))
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(profile)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{profile}:1:1: PF101: "), result.stderr
    assert named in result.stderr and "UTF-8" in result.stderr


def test_a_rule_file_saved_as_utf16_is_told_so(tmp_path: Path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (tmp_path / "knowledge_base.md").write_bytes((ROOT / "knowledge_base.md").read_bytes())
    coaching = rules / "coaching.yaml"
    coaching.write_bytes(coaching.read_text().encode("utf-16"))
    result = CliRunner().invoke(cli, ["lint", "--rules", str(rules)])
    assert f"{coaching}:1:1: PF101: " in result.output and "UTF-16" in result.output, result.output


def test_a_utf8_file_with_a_bad_byte_is_not_called_utf16(tmp_path: Path):
    profile = tmp_path / "p.yaml"
    profile.write_bytes(b"career_stage: ex\xe9cutive\n")
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(profile)])
    assert result.exit_code == 2 and result.stderr.startswith(f"{profile}:1:17: PF101: ")
    assert "UTF-16" not in result.stderr
