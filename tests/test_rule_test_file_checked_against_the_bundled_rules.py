"""`pathfit test DIR/tests/cases.yaml` with no --rules checked a rule project's test file
against the bundled rules and printed a screenful of confusing failures; and after
`pathfit init .`, a plain `pathfit test` there tested the bundled rules without a word.
Now the first is refused, PF801 at the file, naming the --rules that tests it against its
own rule set, and the second says on stderr which rules were tested and how to pick these."""
from __future__ import annotations

import os
import subprocess
import sys


def run(cwd, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PATHFIT_RULES", None)
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_projects_test_file_without_rules_is_refused_at_the_file(tmp_path):
    assert run(tmp_path, "init", "proj").returncode == 0
    for given in ("proj/tests/cases.yaml", "proj/tests"):
        done = run(tmp_path, "test", given)
        assert done.returncode == 2 and done.stdout == ""
        lines = done.stderr.splitlines()
        assert [line.split(": ", 2)[:2] for line in lines] == [[f"{given}:0:0", "PF801"]]
        assert lines[0].endswith("give --rules proj")
    tested = run(tmp_path, "test", "--rules", "proj", "proj/tests/cases.yaml")
    assert tested.returncode == 0 and "3 cases: 3 passed" in tested.stdout


def test_test_in_a_folder_init_made_says_the_bundled_rules_were_tested(tmp_path):
    assert run(tmp_path, "init", ".").returncode == 0
    done = run(tmp_path, "test")
    assert done.returncode == 0
    assert done.stderr.splitlines()[0].startswith("rules: the rules bundled with pathfit;")
    assert "give --rules . to test it" in done.stderr
    own = run(tmp_path, "test", "--rules", ".")
    assert own.returncode == 0 and "3 cases: 3 passed" in own.stdout and own.stderr == ""
    (tmp_path / "elsewhere").mkdir()
    assert run(tmp_path / "elsewhere", "test").stderr == ""  # no rule set there: nothing to say
