"""A decision clause's test given a list or a mapping (`leads: [mentoring]`) is refused, and
the message quotes the value as YAML writes it, never as a Python repr; lint's checks never
read it (the clause-order check hashed it and failed, PF799). The codes and positions are
the lint case's in tests/lint_cases/cases.yaml."""
from __future__ import annotations

from pathlib import Path

from pathfit.engine.authoring.lint.run import lint

from .test_lint import CASES, build


def test_a_policy_tests_refused_list_or_mapping_is_shown_as_yaml(tmp_path: Path):
    by_name = {c["name"]: c for c in CASES}
    case = by_name["a list or a mapping as a policy test's argument is refused, never read by the clause checks"]
    messages = [p.message for p in lint(build(case, tmp_path)).problems]
    assert [m.rsplit(", not ", 1)[-1] for m in messages] == ["[refer]", "[coaching]", "{mentoring: 1}", "[coaching]"]
