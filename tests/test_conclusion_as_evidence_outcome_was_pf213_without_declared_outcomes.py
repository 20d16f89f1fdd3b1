"""`refer` or `not_now` listed in `evidence_outcomes` is PF220 (a conclusion named as an evidence
outcome) in a policy that declares its `outcomes`; in one that does not (the classic outcomes),
it was PF213 "'refer' is not one of coaching, mentoring", a message that seemed to contradict
the very list it stood in, and another code for the same fault. Both are now PF220 at the entry."""
from __future__ import annotations

from pathlib import Path

import pytest

from pathfit.engine import Engine, PathfitError

from .helpers import tiny_copy


@pytest.mark.parametrize("conclusion", ["refer", "not_now"])
def test_a_conclusion_among_the_classic_evidence_outcomes_is_pf220_at_it(tmp_path: Path, conclusion: str):
    rules = tiny_copy(tmp_path)
    policy = rules / "policy.yaml"
    text = policy.read_text()
    assert text.startswith("evidence_outcomes: [coaching, mentoring]\n")
    policy.write_text(text.replace("[coaching, mentoring]", f"[coaching, mentoring, {conclusion}]", 1))
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    found = [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col) for p in info.value.problems]
    assert found == [("PF220", "policy.yaml", 1, 42)]


def test_an_outcome_the_classic_policy_does_not_weigh_is_still_pf213(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    policy = rules / "policy.yaml"
    policy.write_text(policy.read_text().replace("[coaching, mentoring]", "[coaching, mentoring, blended]", 1))
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    assert [(p.code, p.pos.line, p.pos.col) for p in info.value.problems] == [("PF213", 1, 42)]
