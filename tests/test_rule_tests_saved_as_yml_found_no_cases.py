"""`pathfit test` on a rule set whose only test file was saved as `tests/cases.yml` said
"no rule test cases found in rules/tests" (PF805) and nothing of the file beside it, which
holds cases that look read to its author and to every YAML tool. PF805 stays where it was
and now names each such file of the folders searched; a folder with only `.yaml` files,
or hidden YAML files (`.pre-commit-config.yml`), names none."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

BASE = Path(__file__).parent / "lint_cases" / "base"
CASES = "cases:\n  - name: a\n    profile: {}\n    expect: {outcome: undetermined}\n"


def _rules(tmp_path: Path, *files: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(BASE, rules)
    (rules / "tests").mkdir(exist_ok=True)
    for name in files:
        (rules / "tests" / name).write_text(CASES)
    return rules


def _pf805(args: list[str]) -> tuple[str, str]:
    result = CliRunner().invoke(cli, ["test", *args])
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    where, code, message = line.split(": ", 2)
    assert code == "PF805", line
    return where, message


def test_the_default_tests_folder_names_its_yml_files(tmp_path: Path) -> None:
    rules = _rules(tmp_path, "cases.yml", "More.YAML", ".hidden.yml")
    where, message = _pf805(["--rules", str(rules)])
    assert where == f"{rules}/tests:0:0"
    assert f"'{rules}/tests/More.YAML'" in message and f"'{rules}/tests/cases.yml'" in message
    assert ".hidden.yml" not in message


def test_a_folder_given_as_path_names_its_yml_files(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    other = tmp_path / "more"
    other.mkdir()
    (other / "cases.yml").write_text(CASES)
    where, message = _pf805(["--rules", str(rules), str(other)])
    assert where == f"{other}:0:0"
    assert f"'{other}/cases.yml'" in message


def test_a_folder_with_nothing_like_a_test_file_names_none(tmp_path: Path) -> None:
    rules = _rules(tmp_path, "notes.txt", ".ci.yml")
    _, message = _pf805(["--rules", str(rules)])
    assert message == f"no rule test cases found in {rules}/tests"
