"""What-if lists apart (`would_change_if`) every single change of a screening fact that leads
elsewhere: to another referral too, where the outcome stays `refer` (a person referred to the
HR process who has a wellbeing concern is referred to counselling instead). The tests of
screening facts checked that none is proposed as a course of action and that the claims on
the other facts hold, not that each such change is listed, so comparing outcomes alone there
went unseen. Checked by brute force over every value of every screening fact, unknown too, on
every bundled example referred elsewhere (what-if's whole search takes about a second a person,
and only a person referred can keep the outcome and change the referral)."""
from __future__ import annotations

import yaml

from pathfit.engine import Engine
from pathfit.engine.explain.what_if import what_if

from .helpers import ROOT


def _single_screening_changes(engine, facts: dict):
    for fact in engine.ruleset.inputs:
        if not fact.screening:
            continue
        values = [True, False] if fact.type == "bool" else list(fact.values) if fact.type == "enum" else None
        assert values is not None, fact.name  # the bundled screening facts are yes/no or a choice
        for value in [*values, None]:
            if facts.get(fact.name) == value:
                continue
            changed = {k: v for k, v in facts.items() if k != fact.name}
            if value is not None:
                changed[fact.name] = value
            yield fact.name, value, changed


def test_every_screening_change_that_leads_elsewhere_is_listed_apart():
    checked = 0
    with Engine.load() as engine:
        for path in sorted((ROOT / "examples").glob("*.yaml")):
            facts = yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]
            base = engine.evaluate(facts)
            if base.outcome != "refer":
                continue
            listed = {(c["fact"], repr(c["to"])): (w["outcome"], w["referral"])
                      for w in what_if(engine, facts, base)["would_change_if"] for c in w["changes"]}
            for name, value, changed in _single_screening_changes(engine, facts):
                d = engine.evaluate(changed)
                if (d.outcome, d.referral) != (base.outcome, base.referral):
                    assert listed.get((name, repr(value))) == (d.outcome, d.referral), (path.name, name, value)
                    checked += base.outcome == d.outcome
    assert checked, "no screening change here keeps the outcome and changes the referral"
