"""`pathfit test DIR/tests/sub/cases.yaml` with no --rules was not refused (PF801) as
`DIR/tests/cases.yaml` is: only the file's own folder was looked at, so a test file kept in a
subfolder of a rule project's tests/ (or named from inside tests/) was checked against the
bundled rules, every case failing on facts and rules that set never had. Now the nearest
`tests` folder the path lies in decides, and the hint's --rules names the project."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest


def run(cwd, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PATHFIT_RULES", None)
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path):
    assert run(tmp_path, "init", "proj").returncode == 0
    deep = tmp_path / "proj" / "tests" / "sub" / "deeper"
    deep.mkdir(parents=True)
    shutil.copy(tmp_path / "proj" / "tests" / "cases.yaml", deep / "cases.yaml")
    shutil.copy(tmp_path / "proj" / "tests" / "cases.yaml", deep.parent / "cases.yaml")
    return tmp_path


@pytest.mark.parametrize("cwd, given, owner", [
    ("", "proj/tests/sub/cases.yaml", "proj"),
    ("", "proj/tests/sub", "proj"),
    ("", "proj/tests/sub/deeper/cases.yaml", "proj"),
    ("proj", "tests/sub/cases.yaml", "."),
    ("proj/tests", "cases.yaml", ".."),
    ("proj/tests/sub", "deeper", "../.."),
])
def test_a_test_file_below_a_projects_tests_folder_is_refused_naming_the_project(project, cwd, given, owner):
    done = run(project / cwd, "test", given)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert [line.split(": ", 2)[:2] for line in lines] == [[f"{given}:0:0", "PF801"]]
    assert lines[0].endswith(f"give --rules {owner}")
    # the --rules the hint names runs it against its own rule set
    tested = run(project / cwd, "test", "--rules", owner, given)
    assert tested.returncode == 0 and " passed, 0 failed" in tested.stdout, tested.stdout + tested.stderr


def test_a_tests_folder_of_no_rule_set_is_not_refused(tmp_path):
    assert run(tmp_path, "init", "proj").returncode == 0
    sub = tmp_path / "loose" / "tests" / "sub"
    sub.mkdir(parents=True)
    (sub / "cases.yaml").write_text((tmp_path / "proj" / "tests" / "cases.yaml").read_text())
    done = run(tmp_path, "test", "loose/tests/sub/cases.yaml")
    assert "PF801" not in done.stderr + done.stdout
