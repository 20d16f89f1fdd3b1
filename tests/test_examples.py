"""The worked examples in examples/*.yaml, evaluated against the bundled rules.

Each example file describes one realistic person and is a mapping with:

- `description`: one sentence on the person;
- `expect`: `outcome` (required), and where relevant `referral`, `formats`
  (the exact list, in policy order) and `fired_includes` (rule ids that must
  be among the fired rules);
- `facts`: input fact name -> value (sets as YAML lists); a fact left out is unknown.

One parametrized test checks every example; another checks that the examples
together cover every outcome and every referral the policy can give.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from pathfit.engine import Engine
from pathfit.engine.pipeline.policy import CLASSIC

OUTCOMES = tuple(o.name for o in CLASSIC)  # the vocabulary a policy without `outcomes:` declares
from pathfit.engine.pipeline.policy import outcomes as policy_outcomes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_DIR = ROOT / "examples"
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.yaml"))
TOP_KEYS = {"description", "expect", "facts"}
EXPECT_KEYS = {"outcome", "referral", "formats", "fired_includes"}
MIN_EXAMPLES = 12


def _read(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: an example is a mapping"
    assert set(data) == TOP_KEYS, f"{path.name}: keys must be {sorted(TOP_KEYS)}, got {sorted(data)}"
    assert isinstance(data["description"], str) and data["description"].strip(), f"{path.name}: empty description"
    expect = data["expect"]
    assert isinstance(expect, dict) and "outcome" in expect, f"{path.name}: expect needs an outcome"
    assert set(expect) <= EXPECT_KEYS, f"{path.name}: unknown expect keys {sorted(set(expect) - EXPECT_KEYS)}"
    assert isinstance(data["facts"], dict), f"{path.name}: facts is a mapping (use {{}} for none)"
    return data


@pytest.fixture(scope="module")
def engine():
    rules = Engine.load()
    yield rules
    rules.close()


def _summary(decision) -> str:
    """What to show when an expectation fails: enough to see why, not the whole trace."""
    return json.dumps({
        "outcome": decision.outcome,
        "referral": decision.referral,
        "formats": list(decision.formats),
        "scores": decision.trace["scores"],
        "fired": list(decision.fired),
        "missing": list(decision.missing),
    }, indent=2)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example(engine: Engine, path: Path) -> None:
    example = _read(path)
    expect = example["expect"]
    decision = engine.evaluate(example["facts"], label=str(path))
    got = _summary(decision)
    assert decision.outcome == expect["outcome"], f"{path.name}: outcome\n{got}"
    # A referral is given exactly when the outcome is refer, so check it always.
    assert decision.referral == expect.get("referral"), f"{path.name}: referral\n{got}"
    if "formats" in expect:
        assert list(decision.formats) == list(expect["formats"]), f"{path.name}: formats\n{got}"
    absent = [r for r in expect.get("fired_includes") or [] if r not in decision.fired]
    assert not absent, f"{path.name}: expected these rules to fire: {absent}\n{got}"


def test_examples_cover_every_outcome_and_referral(engine: Engine) -> None:
    assert len(EXAMPLES) >= MIN_EXAMPLES, f"only {len(EXAMPLES)} examples in {EXAMPLES_DIR}"
    outcomes, referrals = set(), set()
    for path in EXAMPLES:
        decision = engine.evaluate(_read(path)["facts"], label=str(path))
        outcomes.add(decision.outcome)
        if decision.referral:
            referrals.add(decision.referral)
    given = set(policy_outcomes(engine.ruleset.policy))  # every outcome a clause of the bundled policy gives
    assert given == set(OUTCOMES) | {"sponsorship"}
    assert outcomes == given, f"no example for: {sorted(given - outcomes)}"
    wanted = set(engine.ruleset.policy.referrals)
    assert wanted == {"counselling", "hr_process", "organisational_action", "training", "consulting"}
    assert referrals == wanted, f"no example for referral: {sorted(wanted - referrals)}"
