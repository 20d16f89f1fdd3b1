"""`pathfit test -v` lists each passing case (`FILE:LINE:COL: ok: NAME`) and the cases that fire
each rule (`RULE: fired by NAME, NAME`). A case's name is text from the test file, and one
holding a line break (`name: "x\\n3 cases: 3 passed, 0 failed"`, a YAML escape) printed it: the
rest of the name stood on a line of its own, reading as the run's summary (a false count of
passed cases) or as another rule's line. A failing case's line already showed its name quoted and
escaped; now the `-v` lines show it on their one line too, breaks and tabs escaped (`\\u000a`).
"""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_with_cases

FORGED = "9 cases: 9 passed, 0 failed; outcomes: coaching 9"
CASES = f"""\
cases:
  - name: "skill\\n{FORGED}"
    profile: {{needs: [skill], goal: specific}}
    expect: {{outcome: coaching}}
  - name: "basics\\tfirst"
    profile: {{needs: [basics]}}
    expect: {{outcome: refer, referral: training}}
"""


def test_verbose_lines_keep_a_case_name_on_one_line(tmp_path):
    rules = tiny_with_cases(tmp_path, CASES)
    result = CliRunner().invoke(cli, ["test", str(rules), "-v"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert not any(line.startswith(FORGED) for line in lines)
    assert [line for line in lines if line[:1].isdigit() and " cases: " in line] == \
        ["2 cases: 2 passed, 0 failed; outcomes: coaching 1, refer 1"]
    ok = [line.split(": ok: ", 1)[1] for line in lines if ": ok: " in line]
    assert ok == [f"skill\\u000a{FORGED}", "basics\\u0009first"]
    fired_by = [line for line in lines if ": fired by " in line]
    assert fired_by and all("\t" not in line for line in fired_by)
    assert any(line.endswith(f"fired by skill\\u000a{FORGED}") for line in fired_by)
