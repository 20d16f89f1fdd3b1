"""What each outcome means, read from the decision policy (policy.yaml).

decide applies the clauses. Everything else that needs to know which outcomes
exist, which rule effects push toward one, or how a clause's tests stand
against some evidence asks here, so none of it is written a second time in
explain, what-if, the interview or the renderers: change the policy and they
all follow. (Which rules met the deciding clause is decide's own answer: the
rules in Verdict.contributions.)
"""
from __future__ import annotations

from functools import lru_cache
from operator import itemgetter

from .model import Clause, OutcomeDef, Policy, Rule
from .rationals import ratio

EVIDENCE_TESTS = ("total_below", "strongest_below", "below", "each_at_least", "ratio_at_most", "leads",
                  "certainty_at_least")
SCOPE = "among"  # a clause's `among: [outcomes]`: the evidence its tests and its confidence weigh

# What a policy without `outcomes:` declares: the vocabulary pathfit began with.
CLASSIC = (
    OutcomeDef("coaching", "Executive coaching",
               "Structured, time-bound work with a coach toward agreed objectives."),
    OutcomeDef("mentoring", "Mentoring",
               "Guidance from someone more experienced in the person's field or organisation."),
    OutcomeDef("blended", "A blend of coaching and mentoring",
               "Strong evidence for both, of similar weight."),
    OutcomeDef("refer", "Refer elsewhere",
               "A rule concluded a referral: the need is for something other than coaching or mentoring."),
    OutcomeDef("not_now", "Not now",
               "A rule concluded that the person cannot use coaching or mentoring now."),
    OutcomeDef("undetermined", "Undetermined: more information is needed",
               "The evidence is too little or too evenly split to recommend anything."),
)

CLASSIC_EVIDENCE = ("coaching", "mentoring")  # ... and the evidence outcomes it allows


def declared(policy: Policy) -> tuple:
    """The outcomes the policy declares (its own `outcomes:`, else CLASSIC), in declared order."""
    return policy.outcomes or CLASSIC


def declared_names(policy: Policy) -> tuple:
    return tuple(o.name for o in declared(policy))


def _definition(policy: Policy, outcome: str) -> OutcomeDef | None:
    return next((o for o in declared(policy) if o.name == outcome), None)


def label(policy: Policy, outcome: str) -> str:
    """The words every view shows for `outcome`: the policy's `label`. An outcome
    the policy does not declare (an old record replayed against a changed policy)
    is shown as its identifier, never as another outcome's words."""
    found = _definition(policy, outcome)
    return found.label if found else outcome


def referral_label(policy: Policy, referral: str) -> str:
    """Where a referral sends the person, in the words every view shows: the policy's `label` for
    it (`referrals: [{name, label}]`), else its name as words (`hr process`). The words are the
    rule set's own: the same name in another rule set may send the person somewhere else."""
    for name, words in policy.referral_labels:
        if name == referral:
            return words
    return referral.replace("_", " ")


def description(policy: Policy, outcome: str) -> str:
    found = _definition(policy, outcome)
    return found.description if found else ""


def ranking(policy: Policy, scores: dict) -> list[tuple[str, object]]:
    """Every evidence outcome with its exact score, strongest first; equal scores in
    the order of `evidence_outcomes`. It orders the evidence and says nothing more:
    the recommendation is still the policy's clauses' one answer."""
    # strongest first, and a sort that keeps equal scores in the order given: the policy's (every
    # audited record and JSON decision ranks; no negated fraction and index per comparison)
    return sorted(((o, scores[o]) for o in policy.evidence_outcomes), key=itemgetter(1), reverse=True)


def outcomes(policy: Policy) -> tuple:
    """Every outcome some clause gives, in clause order, each once."""
    return tuple(dict.fromkeys(c.outcome for c in policy.clauses))


def clauses_for(policy: Policy, outcome: str) -> list[tuple[int, Clause]]:
    """(0-based index, clause) of every clause that gives `outcome`."""
    return [(i, c) for i, c in enumerate(policy.clauses) if c.outcome == outcome]


def concluded(clause: Clause) -> str | None:
    """`refer` or `not_now` when the clause decides on a rule's conclusion, not on evidence."""
    return dict(clause.tests).get("concluded")


def concluding_rules(clause: Clause, referral: str | None, referrals: dict, not_now: list) -> list:
    """The rules that met the clause's `concluded` test, which share a `certain` confidence and
    are the rules a why-not names for it: for `concluded: refer`, those concluding the referral
    given (`referral`; `referrals`: referral -> the rules concluding it); for `concluded: not_now`,
    those concluding not now (`not_now`). What the clause tests decides, not the outcome it gives
    (`{outcome: undetermined, when: {concluded: not_now}}` is met by the not-now rules); a clause
    that tests no conclusion has none, and evidence is never a conclusion."""
    kind = concluded(clause)
    if kind == "refer":
        return list(referrals.get(referral, ())) if referral is not None else []
    return list(not_now) if kind == "not_now" else []


def met_conclusion(policy: Policy, index: int, firings: list) -> list:
    """The rules that met the `concluded` test of clause `index`, read from trace firings: a
    reason for the advice whatever else the clause tests and however its confidence is stated,
    so every view that names the rules behind a decision names these beside the rules with a
    share (Verdict.contributions). A conclusion the deciding clause does not test (not now
    beside a clause that decides on evidence alone) is no reason, even where its outcome is
    the one given."""
    referral, _ = conclusions(policy, firings)
    referrals = {referral: [f["rule"] for f in firings if f.get("refer") == referral]}
    return sorted(set(concluding_rules(policy.clauses[index], referral, referrals,
                                       [f["rule"] for f in firings if f.get("not_now")])))


def concluded_outcomes(policy: Policy) -> frozenset:
    """Outcomes given by a `concluded` clause: a rule's conclusion overrides the evidence,
    so no rule's evidence share is shown for them."""
    return frozenset(c.outcome for c in policy.clauses if concluded(c))


def evidence_weighed_before(policy: Policy, index: int) -> bool:
    """Whether some clause before clause `index` tests the evidence: a conclusion decided at
    `index` is applied before weighing evidence only where none does."""
    return any(test in EVIDENCE_TESTS for clause in policy.clauses[:index] for test, _ in clause.tests)


def read_by_policy(rule: Rule) -> bool:
    """Whether the policy reads any of the rule's effects (evidence, a referral, not now).
    A rule without them (derive, suggest only) can change the outcome only through
    the facts it derives."""
    return bool(rule.then.evidence or rule.then.refer or rule.then.not_now)


@lru_cache(maxsize=4096)
def scope_of(tests: tuple) -> tuple | None:
    """The outcomes a clause's `among` names, or None."""
    return dict(tests).get(SCOPE)


def scoped(tests: tuple, scores: dict) -> dict:
    """The scores a clause weighs: those of the outcomes its `among` names, else every
    evidence outcome's. Why a clause may narrow them: a policy with a third evidence
    outcome can still blend two (`each_at_least` and `ratio_at_most` over the pair, not
    over an outcome the blend is not about)."""
    among = scope_of(tests)
    return {o: s for o, s in scores.items() if o in among} if among else scores


def weighed(policy: Policy, clause: Clause) -> tuple:
    """The evidence outcomes a clause weighs, in the policy's order: its `among`, else all."""
    among = scope_of(clause.tests)
    return tuple(o for o in policy.evidence_outcomes if not among or o in among)


def supports(policy: Policy, rule: Rule, outcome: str) -> bool:
    """Whether the rule's effects feed a test that, holding, gives `outcome`: a
    referral for `concluded: refer`, not now for `concluded: not_now`, evidence
    for O for `leads: O`, any evidence for `each_at_least`/`ratio_at_most`, a
    positive certainty factor for `certainty_at_least` (for O when the clause
    also tests `leads: O`); a negative factor speaks against, so supports nothing.
    `total_below`, `strongest_below` and a clause without tests are met by the lack of evidence, so
    no rule supports them. Evidence for an outcome outside the clause's `among` feeds none of its tests."""
    positive = {o for o, w in rule.then.evidence if w > 0}  # a negative certainty factor speaks against
    for _, clause in clauses_for(policy, outcome):
        among = scope_of(clause.tests)
        ev = positive & set(among) if among else positive
        for test, arg in clause.tests:
            if test == "concluded" and (rule.then.refer if arg == "refer" else rule.then.not_now):
                return True
            if test == "leads" and arg in ev or test in ("each_at_least", "ratio_at_most") and ev:
                return True
            # with `leads: O` beside it, only certainty for O can meet it
            lead = dict(clause.tests).get("leads")
            if test == "certainty_at_least" and (lead in ev if lead else ev):
                return True
    return False


def test_report(clause: Clause, scores: dict, referral: str | None, not_now: bool) -> list[dict]:
    """Each of the clause's tests against the evidence and conclusions given:
    [{"test", "argument", "holds"}], in written order. `holds` comes from the
    same function decide uses (holds_one, read in the clause: `certainty_at_least` beside
    `leads: O` is O's own certainty), on the scores the clause weighs (its `among`); `among`
    itself always holds."""
    weighed = scoped(clause.tests, scores)
    total = sum(weighed.values())
    return [{"test": test, "argument": list(arg) if test == SCOPE else dict(arg) if test == "below" else arg,
             "holds": test == SCOPE or holds_one(clause.tests, test, arg, weighed, total, referral is not None,
                                                  not_now)}
            for test, arg in clause.tests]


def conclusions(policy: Policy, firings: list) -> tuple[str | None, bool]:
    """(the referral given if the policy applies one: the first concluded in the
    policy's order; whether any rule concluded not now), read from trace firings."""
    referred = {f.get("refer") for f in firings}
    return next((r for r in policy.referrals if r in referred), None), any(f.get("not_now") for f in firings)


def holds(tests: tuple, scores: dict, total, refer: bool, not_now: bool, unit: int = 1) -> bool:
    """Whether a clause's tests all hold. The one statement of what each clause
    test means: decide, settle, why-not and what-if all ask here.

    `scores` and `total` are exact: fractions (`unit` 1), or whole numbers of 1/`unit`,
    as decide and settle add weights up. Every test is then decided in whole numbers,
    a threshold n/d against a score s/unit as s*d against n*unit: a comparison of two
    fractions cost about 0.6 µs, and trying a person's clauses was two fifths of deciding.

    `strongest_below: N` holds when every evidence outcome's own score is below
    N. Why per side and not `total_below` (all evidence added together): with a
    sum, evidence for coaching could move an undetermined answer to mentoring
    (mentoring 2, coaching 0.5 is undetermined below 3; one more coaching 0.5
    would make it mentoring). Per side, more evidence for X can only decide X.

    `below: {O: N, ...}` holds when each named outcome's own score is below its
    N: a clause can give one outcome only while the others are too weak to
    decide on their own (sponsorship only while coaching and mentoring each are).

    With `among: [...]` every evidence test reads only those outcomes' scores
    (and their total); without it, every evidence outcome's."""
    if scope_of(tests):
        scores = scoped(tests, scores)
        total = sum(scores.values())
    for test, arg in tests:  # a loop, not all() over a generator: deciding tries a person's clauses in turn
        if test != SCOPE and not holds_one(tests, test, arg, scores, total, refer, not_now, unit):
            return False
    return True


def holds_one(tests: tuple, test: str, arg, scores: dict, total, refer: bool, not_now: bool, unit: int = 1) -> bool:
    """Whether one test of the clause whose tests are `tests` holds, on the scores that clause
    weighs (already narrowed to its `among`). The clause is given because a test can read
    another: `certainty_at_least` beside `leads: O` tests O's own certainty, alone the highest
    one. (Within `holds` the two agree: where `leads: O` holds, O's is the highest; a why-not
    report asks of each test alone, and must be told O's.)"""
    if test == "concluded":
        return refer if arg == "refer" else not_now
    if test == "leads":
        return all(scores[arg] > s for o, s in scores.items() if o != arg)
    if test == "below":  # ((outcome, N), ...): each named outcome's own score below its N
        for o, limit in arg:
            n, d = ratio(limit)
            if not scores[o] * d < n * unit:
                return False
        return True
    n, d = ratio(arg)  # a score s (of 1/unit) against n / d: s * d against n * unit
    if test == "total_below":
        return total * d < n * unit
    if test == "strongest_below":
        return all(s * d < n * unit for s in scores.values())
    if test == "each_at_least":
        return all(s * d >= n * unit for s in scores.values())
    if test == "ratio_at_most":  # a ratio of two scores: the unit cancels
        low, high = min(scores.values()), max(scores.values())
        return low > 0 and high * d <= n * low
    # certainty_at_least: the certainty of the outcome the clause leads with, else the highest
    lead = dict(tests).get("leads")
    if lead is not None:
        return lead in scores and scores[lead] * d >= n * unit
    return bool(scores) and max(scores.values()) * d >= n * unit
