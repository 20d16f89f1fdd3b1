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

from typing import TYPE_CHECKING

from .decide import Tally, first_referral, tally
from .firings import RunResult
from .model import Rule, RuleSet
from .open_rules import presence_open

if TYPE_CHECKING:
    from .reach import Reach


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
    concluded = first_referral(policy, t.referrals)
    pending_refs = {r.then.refer for r in pending if r.then.refer}
    reach = _reach(policy, _states(t, concluded, pending), firings, pending)
    if reach is None:
        return False
    outcomes = set()
    for key in reach.keys:
        outcomes.update(reach.outcomes(key))
        if len(outcomes) > 1:
            return False
    if outcomes == {"refer"}:  # the same referral unless a pending one could come first
        return first_referral(policy, pending_refs | {concluded}) == concluded
    return True


def _states(t: Tally, concluded: str | None, pending: list[Rule]) -> list[tuple[bool, bool]]:
    """The (referral given, not now) states the fired and pending rules could reach."""
    refers = {concluded is not None} | ({True} if any(r.then.refer for r in pending) else set())
    not_nows = {bool(t.not_now)} | ({True} if any(r.then.not_now for r in pending) else set())
    return [(refer, not_now) for refer in sorted(refers) for not_now in sorted(not_nows)]


_LAST: list = [None]  # (policy, firings, pending, states, reach) of the last search


def _reach(policy, states: list, firings: list, pending: list[Rule]) -> Reach | None:
    """Reach.of, shared by `is_settled` and `pivotal_rules` when one decision asks both (its
    `settled` and `missing`, or its trace): the same firings and pending rules, the very
    lists, give the same keys and states, and the outcomes decided for one are the other's.
    One entry, holding what it was built from, so an identity cannot be another's."""
    last = _LAST[0]
    if last is not None and last[0] is policy and last[1] is firings and last[2] is pending and last[3] == states:
        return last[4]
    from .reach import Reach  # here: most decisions `recommend` makes never search, and start-up is felt

    reach = Reach.of(policy, states, firings, pending)
    _LAST[0] = (policy, firings, pending, states, reach)
    return reach


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
    reach = _reach(policy, _states(t, concluded, pending), firings, pending)
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
    with other outcomes. Each rule is looked for over the keys in turn, each key decided when
    first needed, stopping at its first witness (most rules that matter have one early) until
    every key has been decided (a rule with none, or `is_settled` before): from then on only
    the keys outside the most common outcome are looked from, to their neighbours one step up
    and one step down, since a pair whose outcomes differ has at least one such key. A rule
    no pair moves then costs those keys, not a pass over every key."""
    keys, outcomes = reach.keys, reach.outcomes
    found, odd = set(), None
    for rule in weighed:
        step = reach.steps[rule.id]
        decided = reach.all_decided()
        if decided is None:
            if any(k + step in keys and outcomes(k + step) != outcomes(k) for k in keys):
                found.add(rule.id)
            continue
        if odd is None:
            counts: dict = {}
            for o in decided.values():
                counts[o] = counts.get(o, 0) + 1
            common = max(counts, key=counts.__getitem__)
            odd = [(k, o) for k, o in decided.items() if o != common]
        if any(decided.get(k + step, o) != o or decided.get(k - step, o) != o for k, o in odd):
            found.add(rule.id)
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

