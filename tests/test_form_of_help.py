"""Facts that shape the form of help, never the choice (knowledge base:
confidentiality-contract, culture-and-language, reasonable-adjustments).

Each of these facts may only add suggestions: no rule that reads it, directly or
through facts derived from it, adds evidence, refers or says not now; and for
every bundled example, answering it yes or no leaves the outcome, the referral
and whether the advice is settled exactly as they were with it unknown.
"""
from __future__ import annotations

import pytest
import yaml

from pathfit.engine import Engine
from pathfit.engine.pipeline.model import facts_in

from .helpers import ROOT

FORM_OF_HELP = ("reporting_boundaries_agreed", "confidential_from_organisation", "preferred_language_on_offer",
                "cultural_fit_concern", "adjustments_needed")
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def engine():
    rules = Engine.load()
    yield rules
    rules.close()


def _reached(rules, start: str) -> list:
    """Every rule reading `start` or a fact derived (transitively) by such a rule:
    a fixpoint over the rule texts, independent of the engine's own index."""
    tainted, reached, changed = {start}, {}, True
    while changed:
        changed = False
        for rule in rules:
            if rule.id not in reached and {c.fact for c in facts_in(rule.when)} & tainted:
                reached[rule.id] = rule
                tainted |= set(rule.then.derive)
                changed = True
    return list(reached.values())


@pytest.mark.parametrize("name", FORM_OF_HELP)
def test_only_suggestions_depend_on_it(engine, name):
    rs = engine.ruleset
    assert rs.facts[name].kind == "input" and rs.facts[name].type == "bool"
    reached = _reached(rs.rules, name)
    assert reached, f"{name}: no rule reads it"
    for rule in reached:
        t = rule.then
        assert t.suggest and not (t.evidence or t.refer or t.not_now or t.derive), (name, rule.id)


def test_adjustments_and_cultural_concern_are_sealed_as_sensitive(engine):
    facts = engine.ruleset.facts
    assert facts["adjustments_needed"].sensitive and facts["cultural_fit_concern"].sensitive
    assert facts["confidential_from_organisation"].sensitive


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_answering_it_never_moves_an_example(engine, path):
    facts = yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]
    base = engine.evaluate(facts)
    for name in FORM_OF_HELP:
        if name in facts:
            continue
        for value in (True, False):
            d = engine.evaluate({**facts, name: value})
            assert (d.outcome, d.referral, d.settled) == (base.outcome, base.referral, base.settled), (name, value)
