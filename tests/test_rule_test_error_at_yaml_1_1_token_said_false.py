"""A rule test file is YAML read as rule files are, so a plain `no` or `off` is read as false
(docs/authoring.md). A rule file's error at such a token says so ("(YAML 1.1 reads the plain
'no' as false; quote it for text)"), but a test file's did not: `description: no` was "not a
boolean (false)", `name: off` "not false", an expected `outcome: no` "outcome false", words the
author never wrote, and lint's PF711 note never came, as it is given only once the file has no
error. Each such error (code and place unchanged, exit status 2) now names the token as typed."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

BODY = """description: no
cases:
  - name: off
    profile: {}
    expect: {outcome: no}
"""


def test_each_error_at_a_yaml_1_1_token_names_it_as_typed(tmp_path: Path) -> None:
    rules = tiny_copy(tmp_path)
    (rules / "tests").mkdir()
    (rules / "tests" / "cases.yaml").write_text(BODY)
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules)])
    assert result.exit_code == 2, result.output
    found = [line.split(": ", 2) for line in result.stderr.splitlines()]
    where = str(rules / "tests" / "cases.yaml")
    assert [(at, code) for at, code, _ in found] == [
        (f"{where}:1:14", "PF801"), (f"{where}:3:11", "PF801"), (f"{where}:5:23", "PF803")]
    for (_, _, message), typed in zip(found, ("no", "off", "no")):
        assert f"the plain '{typed}' as false" in message, message
