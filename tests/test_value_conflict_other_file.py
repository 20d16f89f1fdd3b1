"""PF232 names each rule's place: a line number alone only for a rule in the file the
problem is reported in, file:line:col for one in another file (a bare line would point
into the wrong file)."""
from __future__ import annotations

import shutil
from pathlib import Path

from pathfit.engine.authoring.lint.run import lint

VALUED = Path(__file__).parent / "fixtures" / "valued"

UNREADY_SLOW = """rules:
  - id: a.unready
    reason: Someone not ready moves slowly.
    cites: [focus]
    when: {fact: ready, equals: false}
    then: {derive: {pace: slow}}
"""


def test_a_rule_in_another_file_is_named_by_file_line_and_column(tmp_path):
    rules = tmp_path / "valued"
    shutil.copytree(VALUED, rules)
    (rules / "a_extra.yaml").write_text(UNREADY_SLOW, encoding="utf-8")  # read before rules.yaml
    [problem] = [p for p in lint(rules).problems if p.code == "PF232"]
    assert problem.pos.file == str(rules / "rules.yaml") and (problem.pos.line, problem.pos.col) == (12, 5)
    assert problem.message.startswith(
        f"rules 'a.unready' ({rules / 'a_extra.yaml'}:2:5) and 'p.steady' (line 12) can both fire")
