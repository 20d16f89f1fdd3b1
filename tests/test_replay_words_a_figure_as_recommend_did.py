"""`replay`'s verdict line words a settled figure as `recommend` worded it when the record was
made: "on the answers given" where an answer not yet given might move it, plain where none can,
and "not recorded" for a record made before pathfit recorded which. Regression: the line printed
the bare figure (`coaching 1.00`) in every case, as if final."""
from __future__ import annotations

import json

import pytest

from pathfit.engine.audit.record import seal
from pathfit.engine.reports.wording import ON_ANSWERS_GIVEN

from .audit_support import run
from .helpers import yes_no_rule_set
from .test_record_tells_whether_its_figure_could_move import CASES, OPEN_NOT_RECORDED


@pytest.fixture(scope="module")
def rule_sets(tmp_path_factory) -> dict:
    return {name: yes_no_rule_set(tmp_path_factory.mktemp(name), name, facts, rules, policy)
            for name, (rules, policy, facts) in CASES.items() if name in ("share", "certain")}


def _replayed(rules, record, fmt="text"):
    result = run("replay", record, "--rules", rules, "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("case, words", [("share", " " + ON_ANSWERS_GIVEN), ("certain", "")])
def test_the_verdict_line_says_the_figure_as_recommend_said_it(rule_sets, tmp_path, case, words):
    record = tmp_path / "r.json"
    said = run("recommend", "--rules", rule_sets[case], "--fact", "a=true", "--record", record)
    assert said.exit_code == 0, said.output
    assert (ON_ANSWERS_GIVEN in " ".join(said.stdout.split())) == bool(words)  # recommend's own wording
    line = _replayed(rule_sets[case], record).splitlines()[0]
    assert line.endswith(f"reproduced: coaching 1.00{words}, same trace"), line
    outcome = json.loads(_replayed(rule_sets[case], record, "json"))[0]["outcome"]
    assert outcome["recorded"]["confidence_open"] is outcome["now"]["confidence_open"] is bool(words)


def test_a_record_made_before_the_field_says_it_is_not_recorded(rule_sets, tmp_path):
    record = tmp_path / "r.json"
    assert run("recommend", "--rules", rule_sets["share"], "--fact", "a=true", "--record", record).exit_code == 0
    older = json.loads(record.read_text(encoding="utf-8"))
    del older["decision"]["confidence_open"]  # as pathfit wrote records before it recorded the field
    record.write_text(json.dumps(seal(older)), encoding="utf-8")
    line = _replayed(rule_sets["share"], record).splitlines()[0]
    assert line.endswith(f"reproduced: coaching 1.00 {OPEN_NOT_RECORDED}, same trace"), line
