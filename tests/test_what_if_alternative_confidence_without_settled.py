"""What-if gave each alternative's confidence with nothing to say whether that decision was
itself provisional: for the graduate example, `systemic_cause -> yes` leads to a referral with
confidence 1.0 while the screening questions are still unanswered, a figure that is a statement
about the advice only once it is settled. Each alternative (and each `would_change_if`) now
carries its decision's `settled`, which must be what `recommend` says of the same facts.

And a fault met re-running a changed person (one that is not the engine refusing that person,
PF231) was filed under `refused` as if the person had been refused; it is now raised."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.errors import PathfitError, Pos, fail
from pathfit.engine.explain.what_if import what_if

EXAMPLES = Path(__file__).parent.parent / "examples"
# a `recommend` for every alternative found: each reads, validates and compiles the bundled rules
# once a module, not once a command, as a user's cache has it
pytestmark = pytest.mark.usefixtures("module_rule_set_cache", "rule_set_cache_of_the_module")


def _json(*args: str) -> dict:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("example", ["graduate-seeking-career-direction", "partial-intake-only-basics",
                                     "new-vp-wants-structure"])
def test_each_alternative_says_whether_its_decision_is_settled_as_recommend_does(example: str, tmp_path: Path):
    profile = EXAMPLES / f"{example}.yaml"
    result = _json("explain", "--profile", str(profile), "--what-if", "--format", "json")
    facts = _json("recommend", "--profile", str(profile), "--format", "json")["facts"]
    found = result["alternatives"] + result["would_change_if"]
    assert found
    for alternative in found:
        changed = dict(facts)
        for change in alternative["changes"]:
            changed.pop(change["fact"], None)
            if change["to"] is not None:
                changed[change["fact"]] = change["to"]
        person = tmp_path / "changed.yaml"
        person.write_text(yaml.safe_dump(changed))
        there = _json("recommend", "--profile", str(person), "--format", "json")
        assert (alternative["outcome"], alternative["referral"], alternative["confidence"], alternative["settled"]) \
            == (there["recommendation"], there["referral"], there["confidence"], there["settled"]), alternative
    assert {a["settled"] for a in found} == {True, False} or example != "graduate-seeking-career-direction"


def test_a_fault_met_trying_a_change_is_raised_not_filed_as_refused(monkeypatch):
    with Engine.load() as engine:
        facts = {"career_stage": "executive", "ready_for_change": True}
        real = engine.evaluate

        def faulty(person, *args, **kwargs):
            if person != facts:
                raise fail("PF505", "the cross-check disagrees", Pos("rules.yaml", 1, 1))
            return real(person, *args, **kwargs)
        monkeypatch.setattr(engine, "evaluate", faulty)
        with pytest.raises(PathfitError) as raised:
            what_if(engine, facts)
    assert [p.code for p in raised.value.problems] == ["PF505"]
