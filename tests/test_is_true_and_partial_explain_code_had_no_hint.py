"""`is: true` on a boolean fact (meant `equals: true`) was refused with no did-you-mean, and
`pathfit lint --explain PF71` (a code typed short or long) said only that it is no code.
Both now carry a hint: `equals: true`, and the codes that begin as the one typed."""
from __future__ import annotations

import os
import re
import subprocess
import sys

from pathfit.engine.errors import CODES


def run(cwd, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PATHFIT_RULES", None)
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_is_with_a_value_hints_equals(tmp_path):
    assert run(tmp_path, "init", "p").returncode == 0
    rules = tmp_path / "p" / "rules.yaml"
    text = rules.read_text().replace("{fact: wants_experienced_guide, equals: true}",
                                     "{fact: wants_experienced_guide, is: true}")
    text = text.replace("{fact: clear_goal, equals: true}", "{fact: clear_goal, is: true}")
    text = text.replace("{fact: goal_clarity, equals: specific}", "{fact: goal_clarity, is: specific}")
    rules.write_text(text)
    done = run(tmp_path, "lint", "--rules", "p")
    lines = [line for line in done.stdout.splitlines() if "PF204" in line]
    wanted = {"is: true}": "equals: true", "is: specific}": "equals: 'specific'"}
    expected = sorted((text[:text.index(token, start)].count("\n") + 1, hint)
                      for token, hint in wanted.items()
                      for start in [m.start() for m in re.finditer(re.escape(token), text)])
    assert sorted((int(line.split(":")[1]), re.search(r"did you mean (.*)\?\)$", line).group(1))
                  for line in lines) == expected
    assert len(expected) == 3


def test_explain_with_a_code_typed_short_or_long_names_the_codes_it_may_mean(tmp_path):
    for typed, prefix in (("PF71", "PF71"), ("pf7011", "PF701"), ("PF21", "PF21")):
        done = run(tmp_path, "lint", "--explain", typed)
        assert done.returncode == 2 and done.stdout == ""
        first = done.stderr.splitlines()[0]
        assert first.startswith("--explain:0:0: PF600: ")
        named = re.findall(r"'(PF\d+)'", first.split("did you mean", 1)[1])
        assert named and all(code in CODES and code.startswith(prefix) for code in named)
    nothing = run(tmp_path, "lint", "--explain", "XYZ")
    assert nothing.returncode == 2 and "did you mean" not in nothing.stderr
