"""Is a decision settled, or provisional until more facts are known?

Settled means: no values of the still-unknown input facts could change the
outcome or the referral. The check must be sound (never settled when some
answers would change the advice); it may be conservative.

Why it can be computed from one run: the rule language is monotone in
Kleene's three-valued logic (learning a fact never takes back a firing), so
under any completion of the facts the rules that fire lie between the rules
that fired and those plus the pending ones (neither fired nor refuted). The
one exception is `is: known` / `is: unknown` on an input fact, which turns
over when the fact is learned. A decision where such a test on an unknown fact
could move a rule that matters (open_rules.presence_open: in the cone, in an
undecided part of its condition) is never called settled; any other such test
sits in a rule no firing of which changes the advice, or in a part of a
condition that no answers can move, so the bound above holds.

Every subset of the pending rules is then considered (more than any
completion can reach, hence conservative): the evidence scores it could give
(enumerated as the distinct reachable sums, so the non-monotone tests `leads`,
`ratio_at_most`, `strongest_below` and `total_below` are evaluated on every one, not on bounds),
whether refer or not_now could be concluded, and which referral could come
first. The outcome is decided by the policy's own clause tests (decide.py).
"""
from __future__ import annotations

from .decide import Tally, first_clause, first_referral, tally
from .firings import RunResult
from .model import Rule, RuleSet
from .open_rules import presence_open
from .reach import Reach, reachable_scores


def is_settled(rs: RuleSet, result: RunResult, pending: list[Rule], t: Tally | None = None) -> bool:
    """`result`: the run (what fired, on which known input facts);
    `pending`: the rules neither fired nor refuted on these facts; `t`: the firings'
    tally, when the caller has it already."""
    if presence_open(rs, result.facts, result, first=True):  # a test of being known could turn over
        return False
    firings = result.firings
    if not pending:  # what fired is all that can: the decided state is the one reachable
        return True
    if not any(r.then.evidence or r.then.refer or r.then.not_now for r in pending):
        # no pending rule could change a score, a referral or not_now: the one reachable
        # state is the decided one (what the enumeration below finds, without it)
        return True
    policy = rs.policy
    t = t if t is not None else tally(policy, firings)
    reachable = reachable_scores(policy, firings, pending)
    if reachable is None:
        return False
    vectors, unit = reachable
    concluded = first_referral(policy, t.referrals)
    pending_refs = {r.then.refer for r in pending if r.then.refer}
    refer_options = {concluded is not None} | ({True} if pending_refs else set())
    not_now_options = {bool(t.not_now)} | ({True} if any(r.then.not_now for r in pending) else set())
    outcomes = set()
    for vector, total in vectors:
        scores = dict(zip(policy.evidence_outcomes, vector))
        for refer in refer_options:
            for not_now in not_now_options:
                outcomes.add(policy.clauses[first_clause(policy, scores, refer, not_now, total, unit)].outcome)
                if len(outcomes) > 1:
                    return False
    if outcomes == {"refer"}:  # the same referral unless a pending one could come first
        return first_referral(policy, pending_refs | {concluded}) == concluded
    return True


def pivotal_rules(rs: RuleSet, firings: list, pending: list[Rule], t: Tally | None = None) -> set[str]:
    """The pending rules whose effects change the outcome or the referral from some reachable
    state: a score vector the fired and pending evidence could give, with a referral and a
    not-now state the fired and pending rules could give. `Decision.missing` lists the unknown
    facts such rules wait on.

    Why over every reachable state, not by trying each rule alone on what fired: a rule's
    effect can matter only once other pending rules are in (more evidence for mentoring
    pending, a coaching rule then decides coaching against a blend; a referral whose clause
    comes after `leads: coaching` decides only once pending evidence for mentoring outweighs
    coaching). It is the enumeration `is_settled` makes, so it is as conservative: every rule
    that matters under some completion is found; one may be given that no completion needs
    (a vector holding its own evidence tried with it again: one enumeration, not one a rule).
    A rule with several effects is found by one of them: from a state to that state with all
    its effects, the outcome moves at one effect added at a time, each step between states
    enumerated too. Each vector's outcome is decided when first needed, and each search stops
    at its first witness. With too many vectors to enumerate, every pending rule the policy
    reads is given; under `combine: certainty`, whose states do not add up, each rule with
    evidence is given unless no reachable state decides otherwise."""
    weighed = [r for r in pending if r.then.evidence]
    concluding = [r for r in pending if r.then.refer or r.then.not_now]
    if not weighed and not concluding:
        return set()
    policy = rs.policy
    t = t if t is not None else tally(policy, firings)
    concluded = first_referral(policy, t.referrals)
    refers = {concluded is not None} | ({True} if any(r.then.refer for r in pending) else set())
    not_nows = {bool(t.not_now)} | ({True} if any(r.then.not_now for r in pending) else set())
    states = [(refer, not_now) for refer in sorted(refers) for not_now in sorted(not_nows)]
    reach = Reach.of(policy, states, firings, pending)
    if reach is None:
        return {r.id for r in weighed + concluding}
    found = set()
    if policy.combine == "certainty":
        if weighed and len({o for k in reach.keys for o in reach.outcomes(k)}) > 1:
            found = {r.id for r in weighed}
    elif weighed:
        found = _pivotal_evidence(reach, weighed)
    return found | _pivotal_conclusions(policy, reach, concluding, pending, concluded, bool(t.not_now))


def _pivotal_evidence(reach: Reach, weighed: list[Rule]) -> set[str]:
    """The rules of `weighed` for which some reachable key k has k + the rule's step reachable
    with other outcomes. Each key is decided once; a pair whose outcomes differ has at least
    one key outside the most common outcome, so only those keys are looked from, each to its
    neighbours one step up and one step down: a rule no pair moves costs those keys, not all
    of them (most pending rules move nothing, and each would have been looked for over every
    key)."""
    decided = {k: reach.outcomes(k) for k in reach.keys}
    tally_: dict = {}
    for o in decided.values():
        tally_[o] = tally_.get(o, 0) + 1
    if len(tally_) < 2:
        return set()
    common = max(tally_, key=tally_.__getitem__)
    odd = [(k, o) for k, o in decided.items() if o != common]
    found = set()
    for rule in weighed:
        step = reach.steps[rule.id]
        for k, o in odd:
            up, down = decided.get(k + step, o), decided.get(k - step, o)
            if up != o or down != o:
                found.add(rule.id)
                break
    return found


def _pivotal_conclusions(policy, reach: Reach, concluding: list[Rule], pending: list[Rule],
                         concluded: str | None, not_now_held: bool) -> set[str]:
    """The rules of `concluding` (each refers or concludes not now) whose conclusion, added to
    some reachable state, changes the outcome or the referral. Three questions, each asked
    once for every such rule and only when one needs it: does a first referral change the
    outcome, or give one (`first`); could a referral be given at all (`referred`: then one
    that comes first in the policy's order changes it); does not now change the outcome."""
    answers: dict[str, bool] = {}

    def ask(name: str, witness) -> bool:
        if name not in answers:
            answers[name] = any(witness(k, refer, not_now) for k in reach.keys for refer, not_now in reach.states)
        return answers[name]

    def first(k, refer, not_now) -> bool:  # from no referral to one: given, or the outcome moves
        if refer:
            return False
        after = reach.outcome(k, True, not_now)
        return after == "refer" or after != reach.outcome(k, False, not_now)

    def referred(k, refer, not_now) -> bool:
        return refer and reach.outcome(k, True, not_now) == "refer"

    def stopped(k, refer, not_now) -> bool:
        return not not_now and reach.outcome(k, refer, True) != reach.outcome(k, refer, False)

    order = {r: i for i, r in enumerate(policy.referrals)}
    others = [concluded] if concluded is not None else [r.then.refer for r in pending if r.then.refer]
    found = set()
    for rule in concluding:
        ref = rule.then.refer
        if ref and (concluded is None and ask("first", first)
                    or any(order[ref] < order[o] for o in others) and ask("referred", referred)):
            found.add(rule.id)
        elif rule.then.not_now and not not_now_held and ask("stopped", stopped):
            found.add(rule.id)
    return found

