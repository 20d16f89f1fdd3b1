"""A compile-stage error (PF210: `not ... is known` on a derived fact cannot be decided) beside
a validation error (PF205) was shown by `lint` but by `docs`, `test`, `recommend` and
`schema` only once the validation error was fixed, though docs/authoring.md says every
problem is reported at once. Now each command names both, each at its own token."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

BROKEN = """
  - id: bad.unknown
    reason: Unknown fact.
    cites: [goals]
    when: {fact: goal_clarty, equals: specific}
    then: {evidence: {coaching: 1}}

  - id: bad.known
    reason: Derived known.
    cites: [goals]
    when: {not: {fact: clear_goal, is: known}}
    then: {evidence: {mentoring: 1}}
"""


def run(cwd, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PATHFIT_RULES", None)
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def located(text: str, token: str) -> str:
    """`line:col` of `token` in `text`, 1-based, as an editor counts."""
    before = text[:text.index(token)]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


@pytest.mark.parametrize("command", [["lint"], ["docs"], ["test"], ["schema"], ["recommend", "--fact", "goal_clarity=specific"]])
def test_every_command_names_the_compile_error_with_the_validation_error(tmp_path, command):
    assert run(tmp_path, "init", "p").returncode == 0
    rules = tmp_path / "p" / "rules.yaml"
    text = rules.read_text() + BROKEN
    rules.write_text(text)
    done = run(tmp_path, command[0], "--rules", "p", *command[1:])
    assert done.returncode == (1 if command == ["lint"] else 2)
    lines = (done.stdout if command == ["lint"] else done.stderr).splitlines()
    found = [line.split(": ", 2)[:2] for line in lines if line.startswith("p/")]
    assert found == [[f"p/rules.yaml:{located(text, 'goal_clarty')}", "PF205"],
                     [f"p/rules.yaml:{located(text, '{fact: clear_goal, is: known}')}", "PF210"]]
