"""Settled vs provisional: a settled decision is one no answers to the unknown
facts can change (outcome and referral). Checked against brute force: every
assignment of the unknown facts through the real engine."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathfit.engine import Engine
from pathfit.engine.pipeline.load import parse_yaml
from pathfit.cli.render import open_questions

from . import small_rulesets as small

EXAMPLES = sorted(Path(__file__).resolve().parent.parent.glob("examples/*.yaml"))


def _advice(engine: Engine, profile: dict) -> tuple:
    d = engine.evaluate(profile)
    return d.outcome, d.referral


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=small.rule_set(presence=True), partials=st.lists(small.partial_profile, min_size=1, max_size=4))
def test_settled_is_sound_against_every_completion(spec, partials):
    """If a decision says settled, every completion of its facts gives the same outcome and referral."""
    with tempfile.TemporaryDirectory() as tmp, Engine.load(small.write(Path(tmp), spec)) as engine:
        for partial in partials:
            d = engine.evaluate(partial)
            if not d.settled:
                continue
            changed = [(c, _advice(engine, c)) for c in small.completions(partial)
                       if _advice(engine, c) != (d.outcome, d.referral)]
            assert not changed, (partial, (d.outcome, d.referral), changed[:3])


@settings(max_examples=100, deadline=None)
@given(spec=small.rule_set(), partial=small.partial_profile)
def test_settled_whenever_all_facts_are_known(spec, partial):
    """Not vacuous at the other end: with every fact known nothing can change, and the check sees it."""
    with tempfile.TemporaryDirectory() as tmp, Engine.load(small.write(Path(tmp), spec)) as engine:
        for full in list(small.completions(partial))[:5]:
            assert engine.evaluate(full).settled


@pytest.fixture(scope="module")
def bundled():
    with Engine.load() as engine:
        yield engine


def test_settled_decisions_exist_among_the_examples(bundled):
    """A refer concluded by the referral with the highest precedence cannot be overtaken;
    a partial intake can."""
    settled = {}
    for path in EXAMPLES:
        facts = parse_yaml(path.read_text(), str(path))["facts"]
        settled[path.stem] = bundled.evaluate(facts).settled
    assert settled["burnt-out-director-sleep-problems"] is True  # counselling comes first
    assert settled["partial-intake-only-basics"] is False
    assert settled["graduate-seeking-career-direction"] is False  # any screening answer could flip it


def test_no_facts_is_provisional_regression_bare_recommend_printed_confidence_1(bundled):
    d = bundled.evaluate({})
    assert (d.outcome, d.settled) == ("undetermined", False)


def test_graduate_is_provisional_on_the_screening_questions(bundled):
    """Each screening fact alone would flip the graduate's mentoring advice, so it is
    provisional and those questions come first among the open ones."""
    path = Path(__file__).resolve().parent.parent / "examples/graduate-seeking-career-direction.yaml"
    facts = parse_yaml(path.read_text(), str(path))["facts"]
    d = bundled.evaluate(facts)
    assert (d.outcome, d.settled) == ("mentoring", False)
    screening = {f.name for f in bundled.ruleset.inputs if f.screening}
    assert screening == {"wellbeing_concern", "formal_performance_process", "major_disruption"}
    assert set(open_questions(bundled.ruleset, d)[:3]) == screening
    for name in screening:
        assert bundled.evaluate({**facts, name: True}).outcome != "mentoring"
    answered = bundled.evaluate({**facts, **{n: False for n in screening}, "systemic_cause": False,
                                 "willing_to_change": True})
    assert (answered.outcome, answered.settled) == ("mentoring", True)


def test_presence_test_on_an_unknown_fact_is_never_settled(tmp_path):
    """`is: unknown` turns over when the fact is learned, so the monotone bound does not hold."""
    spec = {"rules": [{"id": "r0", "reason": "r", "cites": ["s"], "when": {"fact": "n", "is": "unknown"},
                       "then": {"refer": "counselling"}}], "policy": small.policy(0.5, 0.4, 1.5)}
    with Engine.load(small.write(tmp_path, spec)) as engine:
        assert engine.evaluate({}).outcome == "refer" and not engine.evaluate({}).settled
        assert engine.evaluate({"n": 3}).settled


def test_a_decision_provisional_on_a_test_of_being_known_names_that_fact_as_its_open_question(tmp_path):
    """Regressions: a rule testing whether a fact is known makes a decision provisional (settle.py
    cannot follow it); with no rule waiting on an unknown fact, the confidence line once said
    "the answers to the open questions below could change this advice" with none below, and
    then named no question at all, though answering the tested fact is what could change it.
    Now that fact is the open question (`missing`), and the line points to it."""
    import yaml

    from pathfit.cli.render import render_text
    from tools import synth

    from .helpers import bundled_copy, simple_rule

    rules = bundled_copy(tmp_path)
    schema = (rules / "schema.yaml").read_text()
    at = schema.index("  remote_only:")
    (rules / "schema.yaml").write_text(schema[:at] + "  note_on_file:\n    type: bool\n    question: Is a note on "
                                       "file?\n" + schema[at:])
    doc = yaml.safe_load((rules / "coaching.yaml").read_text())
    doc["rules"].append(simple_rule("coaching.note_asked", {"fact": "note_on_file", "is": "known"}))
    (rules / "coaching.yaml").write_text(yaml.safe_dump(doc))
    with Engine.load(rules) as engine:
        profiles = synth.profiles(engine.ruleset, 40, seed=3, known_fraction=1.0)
        shown = 0
        for profile in profiles:
            profile.pop("note_on_file", None)  # the one unknown fact, read by the presence test alone
            d = engine.evaluate(profile)
            assert d.settled is False
            assert d.missing == ("note_on_file",) and open_questions(engine.ruleset, d) == ["note_on_file"]
            if d.waiting:
                continue
            shown += 1  # no rule waits: the presence test alone keeps the decision open
            text = render_text(engine.ruleset, d)
            line = " ".join(text.split("\n\n")[0].split())
            assert "Confidence: none given: answers to the open questions below might change this advice " \
                   "(pathfit could not rule it out)" in line
            assert "Is a note on file?" in text.split("Open questions", 1)[1]
    assert shown
