"""What-if claims only what it checked.

The brute-force test enumerates, on a small rule set, every assignment within
two changes of a person's facts (over every value of every fact, numbers on a
half-unit grid, sets over every subset) and decides each with the plain-Python
reference evaluator (tests/reference.py), without reading what_if.py. Every
`unreachable ... exhaustive: true` claim must then be true, and every
alternative must give what it says.
"""
from __future__ import annotations

import itertools
import json

import pytest

from pathfit.engine.api import Engine
from pathfit.engine.explain import what_if as what_if_module
from pathfit.engine.explain.what_if import what_if

from . import reference
from .helpers import ROOT, tiny_copy
from .test_cli import run

EXTRA = [  # more thresholds, a two-value test and a suggest-only reader, so the pruning has work to do
    {"id": "x.low_hours", "reason": "r", "cites": ["focus"], "when": {"fact": "hours", "lt": 2.5},
     "then": {"evidence": {"mentoring": 1}}},
    {"id": "x.emerging", "reason": "r", "cites": ["focus"],
     "when": {"all": [{"fact": "goal", "one_of": ["emerging", "undefined"]}, {"fact": "ready", "equals": True}]},
     "then": {"evidence": {"coaching": 1}}},
    {"id": "x.secret", "reason": "r", "cites": ["focus"], "when": {"fact": "secret", "equals": True},
     "then": {"suggest": ["external_coach"]}},
]
BASES = [
    {},
    {"goal": "specific", "needs": ["skill"], "ready": True},
    {"goal": "undefined", "hours": 2, "needs": ["network"], "ready": True},
    {"goal": "emerging", "hours": 10, "needs": ["skill", "network"], "ready": True, "secret": True},
    {"needs": ["basics"], "ready": False, "hours": 4},
    {"goal": "specific", "hours": 3, "needs": [], "ready": True},
]


@pytest.fixture(scope="module")
def tiny_engine(tmp_path_factory):
    engine = Engine.load(tiny_copy(tmp_path_factory.mktemp("whatif"), EXTRA))
    yield engine
    engine.close()


def _domain(fact) -> list:
    """Every value of a fact (numbers on a half-unit grid), and unknown (None)."""
    if fact.type == "enum":
        values = list(fact.values)
    elif fact.type == "bool":
        values = [True, False]
    elif fact.type == "set":
        values = [sorted(c) for k in range(len(fact.values) + 1) for c in itertools.combinations(fact.values, k)]
    else:
        values = [k / 2 for k in range(int(fact.minimum * 2), int(fact.maximum * 2) + 1)]
    return [None] + values


def _distance(fact, old, new) -> int:
    """How many changes turn old into new: a set changes one member at a time;
    an unknown set given a value takes one change per member (at least one)."""
    if fact.type == "set":
        if old is None and new is None:
            return 0
        if old is None or new is None:
            return max(1, len(new or ()))
        return len(set(old) ^ set(new))
    return 0 if old == new else 1


def _brute_force(rs, base: dict) -> dict:
    """outcome -> the fewest changes (1 or 2) that reach it, by enumeration."""
    return _brute_force_over(rs, rs, base)


@pytest.mark.parametrize("base", BASES, ids=range(len(BASES)))
def test_what_if_exhaustive_claims_hold_against_brute_force(tiny_engine, base):
    rs = tiny_engine.ruleset
    decision = tiny_engine.evaluate(base)
    result = what_if(tiny_engine, dict(decision.facts), decision)
    reached = _brute_force(rs, base)
    for claim in result["unreachable"]:
        assert claim["within"] == 2 and claim["exhaustive"] is True
        assert claim["outcome"] not in reached, f"{claim['outcome']} is reachable in {reached[claim['outcome']]}"
    for alt in result["alternatives"]:
        trial = dict(base)
        for c in alt["changes"]:
            trial[c["fact"]] = c["to"]
            was = base.get(c["fact"])
            assert c["from"] == (sorted(was) if isinstance(was, list) else was)
        verdict = reference.evaluate(rs, trial).verdict
        assert (verdict.outcome, verdict.referral) == (alt["outcome"], alt["referral"])
        assert sum(_distance(rs.facts[c["fact"]], c["from"], c["to"]) for c in alt["changes"]) == alt["size"]
        assert reached[alt["outcome"]] == alt["size"] or alt["outcome"] == decision.outcome
    given = {o for o in reached if o != decision.outcome}
    listed = {a["outcome"] for a in result["alternatives"]} | {u["outcome"] for u in result["unreachable"]}
    assert given <= listed
    policy_outcomes = {c.outcome for c in rs.policy.clauses} - {decision.outcome}
    assert listed - {decision.outcome} == policy_outcomes


def test_what_if_out_of_budget_says_not_exhaustive(tiny_engine, monkeypatch):
    monkeypatch.setattr(what_if_module, "MAX_TRIALS", 3)
    decision = tiny_engine.evaluate(BASES[1])
    result = what_if(tiny_engine, dict(decision.facts), decision)
    assert result["unreachable"] and all(u["exhaustive"] is False for u in result["unreachable"])


def _changes_to(example: str, outcome: str) -> list[dict]:
    doc = json.loads(run("explain", "--profile", str(ROOT / "examples" / example), "--what-if", "--format", "json").output)
    found = [a for a in doc["alternatives"] if a["outcome"] == outcome]
    assert found, doc["unreachable"]
    return found[0]["changes"]


def test_what_if_greedy_missed_blended_for_ceo_wants_sounding_board():
    """It used to say no change of up to 3 facts leads to blended while horizon 24 and 1 hour a
    month did. Since a blend needs strong evidence for each side (each need counted once) and
    coaching evidence needs 2 hours a month, that pair no longer reaches blended, and the search
    says so after checking every combination."""
    doc = json.loads(run("explain", "--profile", str(ROOT / "examples" / "ceo-wants-sounding-board.yaml"),
                         "--what-if", "--format", "json").output)
    assert {"outcome": "blended", "label": "A blend of coaching and mentoring", "within": 2, "exhaustive": True} \
        in doc["unreachable"]
    decision = json.loads(run("recommend", "--profile", str(ROOT / "examples" / "ceo-wants-sounding-board.yaml"),
                              "--fact", "horizon_months=24", "--fact", "hours_per_month=1",
                              "--format", "json").output)
    assert decision["recommendation"] != "blended"


def test_what_if_greedy_missed_a_pair_for_thinking_partner_no_clear_need():
    """A greedy search misses outcomes that need two changes at once: neither a senior stage nor
    2 hours a month alone leads the thinking partner to coaching, both together do."""
    changes = _changes_to("thinking-partner-no-clear-need.yaml", "coaching")
    assert changes == [{"fact": "career_stage", "from": "mid_career", "to": "senior_leader"},
                       {"fact": "hours_per_month", "from": 1, "to": 2}]
    for one in (["--fact", "career_stage=senior_leader"], ["--fact", "hours_per_month=2"]):
        alone = json.loads(run("recommend", "--profile", str(ROOT / "examples" / "thinking-partner-no-clear-need.yaml"),
                               *one, "--format", "json").output)
        assert alone["recommendation"] != "coaching"


def test_what_if_text_says_every_combination_checked_only_when_exhaustive(monkeypatch):
    example = str(ROOT / "examples" / "new-vp-wants-structure.yaml")
    text = " ".join(run("explain", "--profile", example, "--what-if").output.split())  # the text wraps
    assert "(no combination of up to 2 changes to answers other than screening answers leads to" in text
    assert (", each item added to or removed from a list counting as one change; every combination checked)"
            in text)
    monkeypatch.setattr(what_if_module, "MAX_TRIALS", 10)
    text = " ".join(run("explain", "--profile", example, "--what-if").output.split())  # the text wraps
    assert "every combination" not in text and "; not exhaustive)" in text


def test_what_if_never_proposes_changing_a_screening_fact():
    """What-if listed `wellbeing_concern: unknown -> yes` as a way to another outcome, as if
    a wellbeing concern were a course of action. Screening facts go under would_change_if."""
    profile = str(ROOT / "examples" / "graduate-seeking-career-direction.yaml")
    doc = json.loads(run("explain", "--profile", profile, "--what-if", "--format", "json").output)
    with Engine.load(ROOT / "rules") as engine:
        screening = {f.name for f in engine.ruleset.inputs if f.screening}
    assert screening and set(doc["screening"]) == screening
    assert not [a for a in doc["alternatives"] if {c["fact"] for c in a["changes"]} & screening]
    assert any(a["changes"] == [{"fact": "wellbeing_concern", "from": None, "to": True}]
               and (a["outcome"], a["referral"]) == ("refer", "counselling") for a in doc["would_change_if"])
    assert all(len(a["changes"]) == 1 and a["changes"][0]["fact"] in screening for a in doc["would_change_if"])
    text = run("explain", "--profile", profile, "--what-if", "--ids").output
    head, _, tail = text.partition("Would change if")
    assert "wellbeing_concern" not in head and "-> refer (counselling): wellbeing_concern: unknown -> yes" in tail
    assert "other than screening answers" in " ".join(head.split())
    head, _, tail = " ".join(run("explain", "--profile", profile, "--what-if").output.split()).partition(
        "Would change if")  # as HR staff read it: the question and the answers
    assert "signs that point to clinical" not in head
    assert ("-> Refer elsewhere: counselling or therapy (in any imminent danger: emergency services now): Are there "
            "signs that point to clinical or mental-health support (marked mood change, hopelessness, sleep problems, "
            "withdrawal)? unknown -> yes") in tail


def test_what_if_claims_without_screening_facts_hold_against_brute_force(tmp_path):
    """With `ready` a screening fact in the small rule set: no alternative changes it, every
    exhaustive claim holds over the other facts (by enumeration with the reference evaluator),
    and would_change_if is exactly the single changes of `ready` that lead elsewhere."""
    rules = tiny_copy(tmp_path, EXTRA)
    schema = (rules / "schema.yaml").read_text()
    (rules / "schema.yaml").write_text(schema.replace("    question: Ready to change?\n",
                                                      "    question: Ready to change?\n    screening: true\n"))
    with Engine.load(rules) as engine:
        rs = engine.ruleset
        assert [f.name for f in rs.inputs if f.screening] == ["ready"]
        others = rs._replace(facts={n: f for n, f in rs.facts.items() if n != "ready"})
        for base in BASES:
            decision = engine.evaluate(base)
            result = what_if(engine, dict(decision.facts), decision)
            assert not [a for a in result["alternatives"] if any(c["fact"] == "ready" for c in a["changes"])]
            reached = _brute_force_over(others, rs, base)
            for claim in result["unreachable"]:
                assert claim["outcome"] not in reached, (base, claim)
            expected = set()
            for value in (None, True, False):
                if value != base.get("ready"):
                    v = reference.evaluate(rs, {**base, "ready": value}).verdict
                    if (v.outcome, v.referral) != (decision.outcome, decision.referral):
                        expected.add((value, v.outcome, v.referral))
            got = {(a["changes"][0]["to"], a["outcome"], a["referral"]) for a in result["would_change_if"]}
            assert got == expected, base


def _brute_force_over(others, rs, base: dict) -> dict:
    """_brute_force over the facts of `others` only, each trial decided on the whole rule set."""
    inputs = [f for f in others.facts.values() if f.kind == "input"]
    best: dict[str, int] = {}
    outcomes: dict[tuple, str] = {}

    def outcome(trial: dict) -> str:
        """The reference's outcome, each distinct person decided once: a pair that leaves one of
        its facts as it was is the other fact's change alone, met again for every such fact."""
        key = tuple(sorted((k, type(v).__name__, repr(v)) for k, v in trial.items() if v is not None))
        if key not in outcomes:
            outcomes[key] = reference.evaluate(rs, trial).verdict.outcome
        return outcomes[key]

    for a, b in itertools.combinations_with_replacement(range(len(inputs)), 2):
        fa, fb = inputs[a], inputs[b]
        for va in _domain(fa):
            for vb in (_domain(fb) if a != b else [va]):
                cost = _distance(fa, base.get(fa.name), va) + (_distance(fb, base.get(fb.name), vb) if a != b else 0)
                if 1 <= cost <= 2:
                    reached = outcome({**base, fa.name: va, fb.name: vb})
                    best[reached] = min(best.get(reached, 3), cost)
    return best


def test_what_it_says_was_searched_counts_changes_not_facts():
    """Regression: the text said "no change of up to 2 facts leads to A sponsor", yet changing one
    fact, a list losing two items and gaining one, leads there: the search counts each item added
    or removed as a change, and the text now says so."""
    example = str(ROOT / "examples" / "charity-ceo-board-conflict-no-budget.yaml")
    text = " ".join(run("explain", "--profile", example, "--what-if").output.split())
    assert "up to 2 facts" not in text
    claim = text[text.index("(no combination of up to 2 changes"):]
    claim = claim[:claim.index(")")]
    assert "A sponsor" in claim and "each item added to or removed from a list counting as one change" in claim
    moved = json.loads(run("recommend", "--profile", example, "--fact", "needs=advocacy", "--format", "json").output)
    assert moved["recommendation"] == "sponsorship"  # one fact, three items: beyond the two changes searched
