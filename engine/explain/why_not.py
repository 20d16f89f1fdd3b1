"""Stage 6, explain: for each rule that did not fire, why; and which unknown facts
could still change the outcome.

This reads the finished run; it decides nothing. It evaluates conditions in
three-valued logic over the person's facts and the derived facts the engine
settled, only to name the first condition that failed (observed vs expected)
or the unknown facts a rule waits on. The engine's result has already been
cross-checked against the conditions when it was produced (pipeline/cross_check.py,
on every evaluation): a rule whose condition holds fired, so every rule listed
here as not fired either failed or waits.
"""
from __future__ import annotations

from functools import lru_cache

from ..errors import Pos, did_you_mean, fail
from ..pipeline.model import All, Any, Cmp, Cond, Not, RuleSet, facts_in
from ..pipeline.policy import clauses_for, concluded, concluding_rules, conclusions, label, outcomes, supports, \
    test_report
from ..pipeline.firings import RunResult
from ..pipeline.rationals import exact
from . import kept
from .kept import NOT_KEPT, Read, Reading
from .conditions import FALSE, NONE, TRUE, rule_evaluators
from .derived_state import DerivedState


def prepare(rs: RuleSet) -> None:
    """Build now what explaining anyone on `rs` needs, once per rule set: each rule's
    evaluator and the plan its answers are kept by. For a process about to set its
    long-lived objects apart (cohort/batch.py) or fork, rather than on its first trace."""
    kept.plan(rs, rule_evaluators(rs))


def explain(rs: RuleSet, result: RunResult) -> tuple[list[dict], dict]:
    """-> (not_fired entries in rule order, {rule id: (status, waits)}).

    A rule that fired is true with nothing to wait on, without evaluating it again:
    the cross-check has already found its condition true on the established
    derived facts, and reading more derived facts as settled (as `DerivedState`
    does) cannot take a true Kleene value back. Only the rules that did not fire
    are evaluated (explain/conditions.py), and a failure's words are written only
    for the failure shown.

    Each rule's answer and entry are kept along what its evaluation read (`kept.Answers`):
    its input facts' values, as far as the rule tells them apart (`kept.kept_by`: a
    number by its region among the rule's numbers, a set by the members the rule asks
    about), and its derived facts' states, in the order read and only until the answer
    was known. Person after person, most rules see the same few of these, and the
    answer is a function of exactly them; a kept failure that shows such a value shows
    this person's instead. Entries are handed out as fresh copies, so no two
    traces share a list."""
    fired = {f[1] for f in result.firings}  # the rules that fired (`RunResult.fired`, as a set)
    status: dict[str, tuple] = {}  # rule id -> (value, waits)
    evaluators = rule_evaluators(rs)
    facts = result.facts
    plan, budget, (shown, by_fact) = kept.plan(rs, evaluators)
    classes = kept.Classes(facts)
    read = classes.__getitem__
    derived_state = DerivedState(rs, result, evaluators, read, by_fact, budget)
    states = derived_state.states
    state_of = states.__getitem__
    entries = []
    for rid, evaluate, _, _, answers in plan:
        if rid in fired:
            status[rid] = _FIRED
            continue
        known = answers.root  # followed along what this person reads (kept.Answers)
        while type(known) is Read:
            known = known.branches.get(states[known.key] if known.derived else classes[known.key], NOT_KEPT)
        if known is NOT_KEPT:
            reading = Reading(facts, derived_state)
            value, why, waits = evaluate(reading, reading)
            # what a kept failure shows of this person: nothing (None), one fact's value
            # as observed (its name), or more (the failure, whose observed is found again)
            reword = None
            if value is FALSE:
                entry = _failed(rid, why)
                if kept.shows(why, shown):
                    reword = why[0].fact if isinstance(why[0], Cmp) else why
            else:
                entry = {"rule": rid, "status": "waiting", "unknown": sorted(waits)}
            # the entry's lists, each with whether it holds only plain values (copied whole)
            lists = tuple((k, not any(type(x) is list for x in v)) for k, v in entry.items() if type(v) is list)
            known = ((value, frozenset(waits)), entry, lists, reword)
            with budget.lock:  # answers are kept one at a time, whatever the threads (kept.Budget)
                budget.make_room(answers)
                if not answers.keep(reading.reads, read, state_of, known):
                    budget.used -= 1
        status[rid], entry, lists, reword = known
        entry = dict(entry)  # a copy down to its lists, so no two traces share one
        for k, flat in lists:
            entry[k] = entry[k][:] if flat else kept.copy_lists(entry[k])
        if reword is not None:  # the same failure, observed in this person's values
            if type(reword) is str:
                v = facts[reword]
                entry["observed"] = list(v) if isinstance(v, tuple) else v
            else:
                entry["observed"] = _observed(reword, facts, shown)
        entries.append(entry)
    derived_state.done()
    return entries, status


def _failed(rid: str, why) -> dict:
    detail = _words(why)
    return {"rule": rid, "status": "failed", "condition": detail["condition"],
            "observed": detail["observed"], "expected": detail["expected"]}


_FIRED = (TRUE, NONE)


def _words(why) -> dict:
    """The failure detail a trace shows: condition, observed, expected."""
    part, observed = why
    if isinstance(part, Cmp):
        return _detail(part, observed)
    if isinstance(part, Not):
        return {"condition": f"not ({_describe(part.item)})", "observed": "it holds",
                "expected": "it does not hold"}
    return {"condition": _any_of(part), "observed": _observed(why), "expected": "at least one to hold"}


def _observed(why, facts: dict | None = None, shown: frozenset = frozenset()):
    """What a failure shows as observed: a comparison's observed value, "it holds" for a
    `not`, the distinct observed values of an `any`'s failed parts. With `facts`, a kept
    failure as this person observes it: where it shows a fact read through a coarse key
    (`shown`), this person's value; the same parts failed, since the keys settle that."""
    part, observed = why
    if isinstance(part, Cmp):
        if part.fact in shown and part.op != "is":
            v = facts[part.fact]
            return list(v) if isinstance(v, tuple) else v
        return observed
    if isinstance(part, Not):
        return "it holds"
    seen = []
    for item_why in observed:
        if item_why:
            o = _observed(item_why, facts, shown)
            if o not in seen:
                seen.append(o)
    return seen[0] if len(seen) == 1 else seen


def _detail(c: Cmp, observed) -> dict:
    return {"condition": _described(c), "observed": observed,
            "expected": list(c.value) if isinstance(c.value, tuple) else c.value}


@lru_cache(maxsize=8192)
def _described(c: Cmp) -> str:
    """A comparison's words, written once: the same comparisons fail for person after person."""
    return c.describe()


def _describe(cond: Cond) -> str:
    """A condition's words, written once per condition object. Kept by identity, not
    by value: an `all` and an `any` of the same items are equal tuples. The entry
    holds the condition, so its id cannot be reused while it is kept."""
    held = _DESCRIBED.get(id(cond))
    if held is not None and held[0] is cond:
        return held[1]
    if isinstance(cond, Cmp):
        text = _described(cond)
    elif isinstance(cond, Not):
        text = f"not ({_describe(cond.item)})"
    else:
        joiner = " and " if isinstance(cond, All) else " or "
        text = "(" + joiner.join(_describe(i) for i in cond.items) + ")"
    return _keep(_DESCRIBED, cond, text)


def _any_of(cond: Any) -> str:
    """How a failed `any` is named in a trace, written once per condition object, as
    `_describe`: a kept failure of an `any` that shows a person's number is worded
    again for every person."""
    held = _ANY_OF.get(id(cond))
    if held is not None and held[0] is cond:
        return held[1]
    return _keep(_ANY_OF, cond, "any of: " + "; ".join(_describe(i) for i in cond.items))


def _keep(table: dict, cond: Cond, text: str) -> str:
    if len(table) >= 65536:
        table.clear()
    table[id(cond)] = (cond, text)
    return text


_DESCRIBED: dict[int, tuple] = {}
_ANY_OF: dict[int, tuple] = {}


def why_not(rs: RuleSet, decision, outcome: str) -> dict:
    """Why the person did not get `outcome`, starting from the policy: the clause
    that decided first (with the rules that met it and its tests against the
    evidence), what `outcome`'s own clauses need and how the evidence stands
    against them, and then, most relevant first, each rule supporting `outcome`
    that did not fire: the condition that failed (observed vs expected) or the
    unknown facts it waited on, and one level up the same for the rules that
    could have derived a fact it needed."""
    policy = rs.policy
    given = outcomes(policy)
    if outcome not in given:
        from ..quote import quote  # loaded for a message only: never on a decision's way

        raise fail("PF613", f"the policy gives no outcome {quote(outcome)}; it gives {', '.join(given)}"
                            f"{did_you_mean(outcome, given)}", Pos("--why-not"))
    trace = decision.trace
    index = trace["decision"]["clause"]
    clause = policy.clauses[index]
    scores = trace["scores"]
    exact_scores = dict(decision.verdict.scores)  # the tests compare exactly, as decide did
    referral, not_now = conclusions(policy, trace["firings"])
    decided_by = {"clause": index, "outcome": clause.outcome, "referral": decision.referral,
                  "rules": _met_by(clause, referral, trace["firings"], decision),
                  "tests": test_report(clause, exact_scores, referral, not_now)}
    needs = [{"clause": i, "tests": test_report(c, exact_scores, referral, not_now)}
             for i, c in clauses_for(policy, outcome)]
    return {"outcome": outcome, "label": label(policy, outcome), "decided": decision.outcome,
            "decided_label": decision.label, "referral": decision.referral, "scores": scores,
            "decided_by": decided_by, "needs": needs, "rules": _rule_details(rs, decision, outcome)}


def _met_by(clause, referral: str | None, firings: list, decision) -> list[str]:
    """The rules that met the deciding clause, by id: for a clause testing `concluded`, those that
    concluded what it tests (policy.concluding_rules), whatever else it tests and however its
    confidence is stated; otherwise those that gave the evidence it weighs (decide's own answer,
    the rules in `contributions`)."""
    if concluded(clause) is None:
        return [rule for rule, _ in decision.contributions]
    referrals = {referral: [f["rule"] for f in firings if f.get("refer") == referral]}
    return sorted(set(concluding_rules(clause, referral, referrals, [f["rule"] for f in firings if f.get("not_now")])))


def _rule_details(rs: RuleSet, decision, outcome: str) -> list[dict]:
    """Supporting rules that did not fire, most relevant first: those waiting on an
    unknown fact (one answer away) before those whose condition failed, then by
    the evidence weight they would add (exactly, as the decision adds it), then by id."""
    not_fired = {e["rule"]: e for e in decision.trace["not_fired"]}
    entries = []
    for rule in rs.rules:
        entry = not_fired.get(rule.id)
        if entry is None or not supports(rs.policy, rule, outcome):
            continue
        if entry["status"] == "waiting":
            needed = [c.fact for c in facts_in(rule.when) if c.fact in entry["unknown"]]
        else:  # the derived facts the failed part needs to hold, where every rule deriving one failed
            part = failed_part(rule.when, entry["condition"])
            needed = [f for f in _needed_true(rs, part) if all(
                not_fired.get(r.id, {}).get("status") == "failed" for r in rs.deriving(f))] if part else []
        upstream = [not_fired[r.id] for f in dict.fromkeys(needed) for r in rs.deriving(f)
                    if r.id in not_fired and rs.facts[f].kind == "derived"]
        # exact, as the decision adds weights: 0.1 + 0.2 in binary outweighed a rule of 0.3
        weight = sum(exact(w) for o, w in rule.then.evidence if o == outcome) or \
            sum(exact(w) for _, w in rule.then.evidence)
        entries.append((entry["status"] != "waiting", -weight, rule.id,
                        {**entry, "reason": rule.reason, "upstream": upstream}))
    return [e for *_, e in sorted(entries, key=lambda t: t[:3])]


def _needed_true(rs: RuleSet, cond: Cond, negated: bool = False) -> list[str]:
    """The derived facts `cond` needs to hold for it to hold: `equals: true` on one, or `equals:
    false` under a `not`, wherever it sits in an `all` or an `any`. The rules deriving such a
    fact are the ones that could have made a failed part hold; those deriving a fact it needs
    false (one that holds) could only make it hold again."""
    if isinstance(cond, Cmp):
        wanted = cond.op == "equals" and cond.value is (not negated)
        return [cond.fact] if wanted and rs.facts[cond.fact].kind == "derived" else []
    if isinstance(cond, Not):
        return _needed_true(rs, cond.item, not negated)
    return [f for item in cond.items for f in _needed_true(rs, item, negated)]


def failed_part(cond: Cond, condition: str) -> Cond | None:
    """The part of `cond` that a failed entry's `condition` text names (the text
    the explanation wrote for it), so a renderer can say it again in labels."""
    if isinstance(cond, Cmp):
        return cond if cond.describe() == condition else None
    if isinstance(cond, Not):
        if condition == f"not ({_describe(cond.item)})":
            return cond
        return failed_part(cond.item, condition)
    if isinstance(cond, Any) and condition == _any_of(cond):
        return cond
    for item in cond.items:
        found = failed_part(item, condition)
        if found is not None:
            return found
    return None
