"""Every claim of a decision and its trace (docs/decision.md), checked against an independent
evaluation on random small rule sets.

tests/test_differential.py compares the fired rules, derived facts, scores, outcome, referral,
confidence and contributions with tests/reference.py; tests/test_settled.py and
tests/test_missing_presence_exact.py check `settled` and `missing` by brute force on rule sets
of yes/no, one-of and whole-number facts. What no test compared with an independent evaluation
on drawn rule sets is checked here, on the wide rule sets why-not's and what-if's claims are
checked on (a list fact, a fractional number, a valued derived fact, tests of being known, here
of a derived fact's too) under the policies drawn there (`among`, `strongest_below`, `below`, a conclusion beside the
evidence, `combine: certainty`), for people complete and partial, several on one engine:
- `trace.firings`: one per fired rule, in `fired`'s order, steps rising, each with its rule's
  effects; `matched`: each entry true of the person (an input's value, a list member's
  presence, whether a fact is known, a derived fact's state), on a fact the condition reads,
  no entry twice, and together enough: the condition is true on the matched facts alone;
- `trace.not_fired`: exactly the rules that did not fire, each entry as true as why-not's
  (tests/test_why_not_claims_hold_on_random_rule_sets.py's check of one entry);
- `trace.settled`: each a derived fact the reference finds false, refuted by every rule that
  derives it, interleaved with the firings by step; `trace.derived`: `holds` exactly the
  reference's, `fails` false in the reference and exactly the facts `trace.settled` lists;
- `trace.decision`: the first clause whose tests hold, its outcome, baseline and confidence;
  `trace.scores` and `trace.unknown_inputs`;
- the JSON figures: `confidence` rounded half to even from the exact value, `contributions`
  rounded as "Rounding" says (down, then the units still missing to the largest remainders, ties
  by rule id), a 0 never signed; `ranking` strongest first, ties in the policy's order, `exact`
  the exact fraction;
- the derivation tree's `because`: the rules with a share and those that met the clause's
  `concluded` test, in firing order; a record's `concluding_rules` and `evidence_open`;
- `confidence_open` and `shares_open` exactly as docs/decision.md defines them (some
  combination of the waiting rules' effects beside what fired gives another figure, other
  shares), worked out with the reference's policy arithmetic;
- against every later profile (each unknown fact answered or left unknown; the reference
  decides each): a settled decision's advice never changes; a fact `missing` leaves out never
  changes the advice on its own, whatever the others are; a figure not said open never moves,
  nor shares not said open, nor, with no rule with evidence waiting, the scores.

PATHFIT_DECISION_CLAIMS_EXAMPLES=N runs N examples drawn afresh (a search by hand; `--hypothesis-seed`).
"""
from __future__ import annotations

import itertools
import math
import os
import random
import tempfile
from fractions import Fraction
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pathfit.engine import Engine, PathfitError
from pathfit.engine.audit.record import recorded_decision
from pathfit.engine.explain.how import how
from pathfit.engine.pipeline.model import All, Any, Cmp, Not

from . import reference
from . import small_rulesets as small
from .test_why_not_claims_hold_on_random_rule_sets import _check_entry, _Ref, _rule_set

SEARCH = os.environ.get("PATHFIT_DECISION_CLAIMS_EXAMPLES")  # by hand: that many examples, drawn afresh
EXAMPLES = int(SEARCH or 25)
UNIT = Fraction(1, 10_000)  # JSON's 4 places
# one value per class of values the wide rule sets tell apart, and None: left unknown
LATER_VALUES = {"a": [None, True, False], "b": [None, True, False], "c": [None, "x", "y", "z"],
                "n": [None, 0, 1, 3, 4, 5, 6, 7, 8, 10], "m": small.WIDE_DOMAINS["m"], "s": small.WIDE_DOMAINS["s"]}
MAX_LATER = 600  # later profiles tried per person: all of them where there are no more, else a sample
seen = {"firings": 0, "settled": 0, "left_out": 0, "figure_final": 0, "shares_open": 0, "confidence_open": 0}


# -- the matched facts -------------------------------------------------------------------

def _known_from(matched: list) -> tuple[dict, dict, dict]:
    """What a firing's `matched` says, alone: values, list members, and whether facts are known."""
    values, members, presence = {}, {}, {}
    for m in matched:
        if "member" in m:
            members[(m["fact"], m["member"])] = m["value"]
        elif "known" in m:
            presence[m["fact"]] = m["known"]
        else:
            values[m["fact"]] = tuple(m["value"]) if isinstance(m["value"], list) else m["value"]
    return values, members, presence


def _on(cond, rs, values: dict, members: dict, presence: dict):
    """`cond` in Kleene logic, knowing only what `matched` says."""
    if isinstance(cond, Not):
        v = _on(cond.item, rs, values, members, presence)
        return None if v is None else not v
    if isinstance(cond, (All, Any)):
        vs = [_on(i, rs, values, members, presence) for i in cond.items]
        stop = isinstance(cond, Any)  # the value that decides: True for any, False for all
        return stop if stop in vs else (None if None in vs else not stop)
    if cond.op == "is":
        if cond.fact in presence:
            return presence[cond.fact] == (cond.value == "known")
        return (cond.value == "known") if cond.fact in values or any(f == cond.fact for f, _ in members) else None
    if cond.op == "contains" and (cond.fact, cond.value) in members:
        return members[(cond.fact, cond.value)]
    if cond.fact not in values:
        return None
    return reference._cmp(cond, rs, {cond.fact: values[cond.fact]},
                          {cond.fact: values[cond.fact]} if rs.facts[cond.fact].kind == "derived" else {})


def _reads(cond) -> set:
    if isinstance(cond, Cmp):
        return {cond.fact}
    if isinstance(cond, Not):
        return _reads(cond.item)
    return set().union(*(_reads(i) for i in cond.items))


def _check_matched(ref: _Ref, rule, matched: list) -> None:
    rs, facts = ref.rs, ref.facts
    for m in [m for m in matched if "fact" not in m]:  # a refutation bound inside a closure: rules refuted
        assert set(m) == {"refuted"} and all(ref.value(rs.rule(r).when) is False for r in m["refuted"]), (rule.id, m)
    matched = [m for m in matched if "fact" in m]
    keys = [(m["fact"], m.get("member"), "known" in m) for m in matched]
    assert len(keys) == len(set(keys)), matched
    for m in matched:
        assert m["fact"] in _reads(rule.when), (rule.id, m)
        if "member" in m:
            assert m["fact"] in facts and (m["member"] in facts[m["fact"]]) is m["value"], (rule.id, m)
        elif "known" in m:
            assert (m["fact"] in facts) is m["known"], (rule.id, m)
        elif rs.facts[m["fact"]].kind == "derived":
            assert ref.derived[m["fact"]] is m["value"], (rule.id, m, ref.derived)
        else:
            shown = list(facts[m["fact"]]) if isinstance(facts.get(m["fact"]), tuple) else facts.get(m["fact"])
            same = shown == m["value"] and isinstance(shown, bool) is isinstance(m["value"], bool)  # 24.0 is 24
            assert m["fact"] in facts and same, (rule.id, m)
    assert _on(rule.when, rs, *_known_from(matched)) is True, (rule.id, matched)


# -- the figures -----------------------------------------------------------------------------

def _rounded_shares(verdict, confidence: Fraction, baseline: Fraction) -> dict:
    """docs/decision.md, "Rounding": each share rounded down to 4 places, then the units still
    missing from the rounded confidence one each to the largest remainders (ties by rule id)."""
    exact = {r: c / UNIT for r, c in verdict.contributions.items()}
    down = {r: x.numerator // x.denominator for r, x in exact.items()}
    target = round(confidence / UNIT) - baseline / UNIT
    missing = target - sum(down.values())
    assert missing.denominator == 1 and 0 <= missing <= len(down), (missing, exact)
    for r in sorted(exact, key=lambda r: (-(exact[r] - down[r]), r))[:int(missing)]:
        down[r] += 1
    return {r: float(n * UNIT) for r, n in down.items()}


def _nonzero_shares(verdict) -> dict:
    return {r: c for r, c in verdict.contributions.items() if c}


def _deciding_clause(policy, verdict, fired: list) -> int:
    referral = next((x for x in policy.referrals if x in {r.then.refer for r in fired}), None)
    not_now = any(r.then.not_now for r in fired)
    for i, clause in enumerate(policy.clauses):
        weighed = {o: s for o, s in verdict.scores.items() if o in dict(clause.tests).get("among", verdict.scores)}
        lead = dict(clause.tests).get("leads")
        if all(reference.ref_holds(t, a, weighed, referral, not_now, lead) for t, a in clause.tests):
            return i
    raise AssertionError("no clause holds")


def _concluding(policy, clause, fired: list, verdict) -> set:
    concluded = dict(clause.tests).get("concluded")
    if concluded == "refer":
        referral = next(x for x in policy.referrals if x in {r.then.refer for r in fired})
        return {r.id for r in fired if r.then.refer == referral}
    return {r.id for r in fired if r.then.not_now} if concluded == "not_now" else set()


def _figures_move(policy, fired: list, waiting: list) -> tuple[bool, bool]:
    """(figure moves, shares move): some combination of the waiting rules' effects beside what
    fired gives another outcome or confidence; other shares that are not 0."""
    base = reference.ref_decide(policy, fired)
    trying = [r for r in waiting if r.then.evidence or r.then.refer or r.then.not_now]
    if len(trying) > 10:  # docs/decision.md: past 10 such rules, not tried; the figure counted as open
        return True, True
    figure = shares = False
    for k in range(1, len(trying) + 1):
        for combo in itertools.combinations(trying, k):
            v = reference.ref_decide(policy, fired + list(combo))
            figure = figure or (v.outcome, v.confidence) != (base.outcome, base.confidence)
            shares = shares or _nonzero_shares(v) != _nonzero_shares(base)
    return figure, figure or shares


# -- one person --------------------------------------------------------------------------------

def _later(profile: dict, rng: random.Random) -> list[dict]:
    """Profiles reached by answering some of the facts `profile` leaves unknown (each answer one
    of LATER_VALUES, None leaving it unknown): every one, or a sample past MAX_LATER."""
    unknown = [f for f in LATER_VALUES if f not in profile]
    count = 1
    for f in unknown:
        count *= len(LATER_VALUES[f])
    if count <= MAX_LATER:
        combos = itertools.product(*(LATER_VALUES[f] for f in unknown))
    else:
        combos = [tuple(rng.choice(LATER_VALUES[f]) for f in unknown) for _ in range(MAX_LATER)]
    return [{**profile, **{f: v for f, v in zip(unknown, vs) if v is not None}} for vs in combos]


def _key(profile: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in profile.items()))


def _check_person(engine: Engine, profile: dict, rng: random.Random) -> None:
    rs, policy = engine.ruleset, engine.ruleset.policy
    ref = _Ref(rs, profile)
    if ref.result.conflicts:
        try:
            engine.evaluate(profile)
        except PathfitError as exc:
            assert any(p.code == "PF231" for p in exc.problems)
            return
        raise AssertionError(f"not refused: {profile}")
    d = engine.evaluate(profile)
    body, trace, verdict = d.to_dict(), d.to_dict()["trace"], ref.result.verdict
    certainty = policy.combine == "certainty"
    fired = [r for r in rs.rules if r.id in ref.result.fired]
    # the firings and what each matched
    firings = trace["firings"]
    assert [f["rule"] for f in firings] == body["fired"] and set(body["fired"]) == ref.result.fired
    for f in firings:
        rule = rs.rule(f["rule"])
        then = rule.then
        assert f.get("derived", []) == list(then.derive) and f.get("suggest", []) == list(then.suggest), f
        assert f.get("refer") == then.refer and bool(f.get("not_now")) is then.not_now, f
        assert f.get("evidence", {}) == {o: float(reference._q(w)) for o, w in then.evidence}, f
        _check_matched(ref, rule, f["matched"])
        seen["firings"] += 1
    steps = [e["step"] for e in sorted(firings + trace["settled"], key=lambda e: e["step"])]
    assert steps == sorted(set(steps)) and [f["step"] for f in firings] == sorted(f["step"] for f in firings)
    # the rules that did not fire
    assert sorted(e["rule"] for e in trace["not_fired"]) == sorted(r.id for r in rs.rules if r not in fired)
    for entry in trace["not_fired"]:
        _check_entry(ref, entry, rs.rule(entry["rule"]))
    # derived facts
    assert sorted(trace["derived"]["holds"]) == sorted(ref.result.holds)
    assert set(trace["derived"]["fails"]) <= ref.result.fails
    assert sorted(trace["derived"]["fails"]) == sorted(s["fact"] for s in trace["settled"])
    for s in trace["settled"]:
        assert s["value"] is False and sorted(s["refuted"]) == sorted(r.id for r in ref.derivers(s["fact"])), s
    # the decision, its scores and the people's facts
    index = _deciding_clause(policy, verdict, fired)
    assert (body["recommendation"], body["referral"]) == (verdict.outcome, verdict.referral)
    assert (trace["decision"]["clause"], trace["decision"]["outcome"]) == (index, verdict.outcome)
    assert trace["scores"] == {o: float(round(s, 4)) for o, s in verdict.scores.items()}
    assert set(trace["unknown_inputs"]) == {f.name for f in rs.inputs if f.name not in ref.facts}
    assert body["facts"] == {k: list(v) if isinstance(v, tuple) else v for k, v in ref.facts.items()}
    ranked = sorted(policy.evidence_outcomes, key=lambda o: -verdict.scores[o])  # stable: policy order on ties
    assert [(r["outcome"], r["exact"], r["score"]) for r in body["ranking"]] == \
        [(o, str(verdict.scores[o]), float(round(verdict.scores[o], 4))) for o in ranked]
    clause = policy.clauses[index]
    concluding = _concluding(policy, clause, fired, verdict)
    record = recorded_decision(rs, d)
    waiting = [r for r in rs.rules if r not in fired and ref.value(r.when) is None]
    assert sorted(record["concluding_rules"]) == sorted(concluding)
    assert record["evidence_open"] is any(r.then.evidence for r in waiting)
    tree = how(rs, d)
    if not certainty:
        assert body["formats"] == list(verdict.formats)
        assert body["confidence"] == float(round(verdict.confidence, 4)) == trace["decision"]["confidence"]
        assert trace["decision"]["baseline"] == float(verdict.baseline)
        shares = {c["rule"]: c["contribution"] for c in body["contributions"]}
        assert shares == _rounded_shares(verdict, verdict.confidence, verdict.baseline), (shares, verdict)
        assert not any(c == 0 and math.copysign(1, c) < 0 for c in shares.values()), shares  # 0 unsigned
        assert [n["rule"] for n in tree["because"]] == \
            [f["rule"] for f in firings if f["rule"] in set(verdict.contributions) | concluding]
        figure, moved = _figures_move(policy, fired, waiting)
        figure = figure and clause.confidence != "certain"
        said_open = tree.get("confidence_open", False)
        assert said_open is (d.settled and figure), (said_open, d.settled, figure)
        assert record["confidence_open"] is (figure if d.settled else None)
        assert record["shares_open"] is ((moved and not figure) if d.settled else None), (record, moved, figure)
        seen["confidence_open"] += said_open
        seen["shares_open"] += bool(record["shares_open"])
    else:
        assert concluding <= {n["rule"] for n in tree["because"]}
    _check_later(rs, profile, d, rng, certainty, record)


def _check_later(rs, profile: dict, d, rng: random.Random, certainty: bool, record: dict) -> None:
    """Against every later profile the reference decides: settled, missing, the figures said final."""
    decided = {}
    for q in _later(profile, rng):
        r = reference.evaluate(rs, q)
        if not r.conflicts:  # a person the engine refuses (PF231): docs/decision.md leaves them aside
            decided[_key(q)] = r.verdict
    own = reference.evaluate(rs, profile).verdict
    if d.settled:
        seen["settled"] += 1
        changed = [q for q, v in decided.items() if (v.outcome, v.referral) != (own.outcome, own.referral)]
        assert not changed, (profile, changed[:3])
        if not certainty and not record["confidence_open"]:
            seen["figure_final"] += 1
            assert all(v.confidence == own.confidence for v in decided.values()), profile
            if not record["shares_open"]:
                assert all(_nonzero_shares(v) == _nonzero_shares(own) for v in decided.values()), profile
    if d.settled and not record["evidence_open"]:  # a provisional decision's ranking is "so far" whatever it says
        assert all(v.scores == own.scores for v in decided.values()), profile
    listed = set(d.missing)
    for z in (f for f in LATER_VALUES if f not in profile and f not in listed):
        for q in decided:
            q = dict(q)
            if z in q:
                continue
            before = decided[_key(q)]
            for value in LATER_VALUES[z][1:]:
                after = decided.get(_key({**q, z: value}))
                if after is not None:
                    assert (after.outcome, after.referral) == (before.outcome, before.referral), \
                        (profile, d.missing, z, q, value)
                    seen["left_out"] += 1


@st.composite
def _drawn(draw) -> dict:
    """why-not's drawn rule sets, some rules after the derivers also testing whether `d` is known
    (beside their own condition, under `all` or `any`), which the wide rule sets never draw."""
    spec = draw(_rule_set())
    rules = []
    for rule in spec["rules"]:
        if int(rule["id"][1:]) >= 3 and draw(st.integers(0, 3)) == 0:
            joined = draw(st.sampled_from(["all", "any"]))
            rule = {**rule, "when": {joined: [rule["when"], {"fact": "d", "is": "known"}]}}
        rules.append(rule)
    return {**spec, "rules": rules}


def _rule(i: int, when: dict, then: dict) -> dict:
    return {"id": f"r{i}", "reason": f"rule {i}", "cites": ["s"], "when": when, "then": then, "salience": i}


def _open_example(first: dict, waiting: dict) -> dict:
    """a=yes fires r0 with `first`; b=yes would fire r3 with `waiting`; r1 and r2 (v) need c."""
    return {"rules": [_rule(0, {"fact": "a", "equals": True}, {"evidence": first, "derive": ["d"]}),
                      _rule(1, {"fact": "c", "equals": "x"}, {"evidence": {"coaching": 0.05}, "derive": {"v": "hi"}}),
                      _rule(2, {"fact": "c", "equals": "y"}, {"evidence": {"coaching": 0.1}, "derive": {"v": "lo"}}),
                      _rule(3, {"fact": "b", "equals": True}, {"evidence": waiting})],
            "policy": small.policy(0.3, 0.3, 1.5)}


# coaching leads whatever is answered, but more coaching evidence would move its share
FIGURE_OPEN = _open_example({"coaching": 1, "mentoring": 0.1}, {"coaching": 0.3})
# a blend at 1.00 stays 1.00 with as much again on each side, each share then a half of what it was
SHARES_OPEN = _open_example({"coaching": 0.6, "mentoring": 0.6}, {"coaching": 0.3, "mentoring": 0.3})


def test_decision_claims_hold_against_an_independent_evaluation():
    """Every claim, for each drawn rule set and person; and not vacuously: the checks met
    firings, settled decisions, facts left out of `missing`, figures shown as final, and figures
    and shares said open."""
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=not SEARCH,
              database=None)
    @given(spec=_drawn(), people=st.lists(small.wide_person, min_size=1, max_size=3))
    @example(spec=FIGURE_OPEN, people=[{"a": True, "n": 2, "m": 0, "s": []}, {"a": True}])
    @example(spec=SHARES_OPEN, people=[{"a": True, "n": 2, "m": 0, "s": []}, {"a": True, "c": "z"}])
    def check(spec, people):
        with tempfile.TemporaryDirectory() as tmp, Engine.load(small.write_wide(Path(tmp), spec)) as engine:
            rng = random.Random(len(people))
            for profile in people:
                _check_person(engine, profile, rng)

    check()
    assert min(seen.values()) >= 1, seen
