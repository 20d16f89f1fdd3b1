"""The words a decision is told in, shared by the CLI's text and Markdown and
the web page (engine.service.page): the headline, the reasons with their
citations and printed shares, the open questions, and the confidence line.

A settled decision shows its confidence and each reason's share, rounded so the
shares add up to the confidence as printed. A provisional one (some answers
to the open questions could change it) shows no confidence figure: a figure
on the facts known so far would read as certainty it does not have.

Settled speaks of the outcome and the referral only: an answer not yet given can still
bring in evidence that moves the figures while the advice stays. Where it could (a rule
with evidence waits on an unknown fact), the figures are said to be on the answers given."""
from __future__ import annotations

from typing import Callable
from weakref import WeakKeyDictionary

from ..api import Decision
from ..pipeline.figures import (ON_ANSWERS_GIVEN, SHARES_ON_ANSWERS_GIVEN, TEXT_PLACES, places_text, ratio_of_text,
                                rounded, signed_share, telling_apart)
from ..pipeline.model import RuleSet
from ..pipeline.rationals import lowest
from ..pipeline.policy import concluded as tests_conclusion, label, met_conclusion, weighed
from ..explain.labels import outcome_text


def headline(rs: RuleSet, d: Decision) -> str:
    """The outcome's label from the policy, and the referral's words when there is one."""
    return outcome_text(rs, d.outcome, d.referral)


# How each method's figure is built, said once above the reasons (docs/decision.md, "Confidence").
METHOD_WORDS = {
    "share": "starts at {base}; a reason adds its weight for {lead} and takes away its weight for {other}",
    "balance": "starts at {base}; each reason adds the part of its evidence matched by evidence for {other}",
    "shortfall": "starts at {base}; each reason's evidence takes away, as it brings a decision nearer",
    "certain": "starts at {base}; the reasons that concluded it share it",
    "certainty": "starts at {base}; each reason adds what its certainty factor changed in {lead}'s "
                 "certainty, taken in rule-id order",
    "doubt": "starts at {base}; each reason takes away what its certainty factor added to the strongest "
             "outcome's certainty, taken in rule-id order",
}

# `shortfall` under `strongest_below`: only evidence for the strongest outcome takes away; a reason
# with evidence for another alone is listed at exactly 0, so "each reason's evidence" would be untrue
STRONGEST_SHORTFALL = ("starts at {base}; a reason's evidence for the strongest outcome takes away, as it brings a "
                       "decision nearer, and its evidence for any other takes nothing")

# `balance` over one outcome (a policy with one evidence outcome, or an `among` naming one): the
# least score is that outcome's own, so all its evidence is matched and each reason adds its part
BALANCE_OF_ONE = ("starts at {base}; with one outcome weighed, all its evidence counts as matched: each "
                  "reason adds its part of that evidence")

NO_REASON = "No rule weighed in: the confidence is where this method starts."


def reasons(rs: RuleSet, d: Decision, places: int = TEXT_PLACES,
            ids: bool = False) -> list[tuple[str, str | None]]:
    """(sentence with citations, printed contribution as text or None) for each rule that weighed in the decision,
    in firing order: a share of the confidence, or the conclusion the deciding clause tests (the
    referral given, or not now), as decide.py names the concluding rules, whatever the clause's
    confidence method and whatever outcome it gives. A conclusion the deciding clause does not test
    (another referral, not now beside a referral the policy takes first, not now where a clause
    weighing evidence alone gives not now) is no reason for the advice and is not listed. The contributions are rounded so that they add up to the printed confidence, each
    signed as its exact value is (figures.signed_share: "-0.00" takes away, "0.00" is exactly 0).
    HR staff read the reason and its citations; the rule's id only with `ids` (a consultant's `--ids`)."""
    _, _, shares = rounded(d.verdict, places)
    signs = {r: (n > 0) - (n < 0) for r, n in d.verdict.units()[1]}  # over one positive denominator
    contributions = {r: signed_share(text, signs[r]) for r, text in shares}
    # the fired rules' conclusions from the rules themselves: the trace is the explanation, which
    # a text decision never builds
    concluded: set = set()
    if tests_conclusion(rs.policy.clauses[d.verdict.clause]) is not None:  # only then can a conclusion be a reason
        effects = [{"rule": r, "refer": rs.rule(r).then.refer, "not_now": rs.rule(r).then.not_now} for r in d.fired]
        concluded = set(met_conclusion(rs.policy, d.verdict.clause, effects))
    out = []
    for rule_id in d.fired:
        rule = rs.rule(rule_id)
        if rule_id in contributions or rule_id in concluded:
            cites = ", ".join(f"kb#{c}" for c in rule.cites)
            out.append((f"{rule.reason} [{rule_id + '; ' if ids else ''}{cites}]", contributions.get(rule_id)))
    return out


def open_questions(rs: RuleSet, d: Decision) -> list[str]:
    """The unknown facts whose answers could change the advice, screening questions first.
    A provisional decision with none named singly lists every unknown fact a waiting rule needs:
    some combination of those answers could change it."""
    names = list(d.missing)
    if not names and not d.settled:
        waited = {f for e in d.trace["not_fired"] if e["status"] == "waiting" for f in e["unknown"]}
        names = [f for f in d.trace["unknown_inputs"] if f in waited]
    screening = {f.name for f in rs.inputs if f.screening}
    return sorted(names, key=lambda n: n not in screening)  # stable: otherwise in `missing`'s order


def evidence_open(rs: RuleSet, d: Decision) -> bool:
    """Whether an answer not yet given could still add evidence, and so move the scores, the
    ranking and a confidence worked from them: some rule with evidence waits on an unknown fact.

    Conservative and exact where it says no: a rule that fired stays fired whatever is learnt
    (the rule language is monotone; a decision that tests whether an unknown fact is known is
    never settled), and one that failed stays failed, so with no rule with evidence waiting
    the evidence is final. A waiting rule may need answers that no one can give together
    (hence "could")."""
    return any(r.then.evidence for r in d.waiting)


MAX_TRIED = 10  # waiting rules tried in every combination (2**10 decisions); past this, the figures are said open


def confidence_open(rs: RuleSet, d: Decision) -> bool:
    """Whether the confidence of a settled decision is said to be on the answers given, in every
    view of a decision in hand (text, Markdown, the web page, the derivation tree), and in a record
    of it (engine.audit.record.recorded_decision), which its views read: some
    combination of the waiting rules firing would give another figure (`_figures_move`; under
    `certain` it is 1 whatever fires, and only the shares can move)."""
    return bool(d.settled) and rs.policy.clauses[d.verdict.clause].confidence != "certain" \
        and _figures_move(d, shares=False)


def shares_open(rs: RuleSet, d: Decision) -> bool:
    """Of a settled decision whose confidence stays (not `confidence_open`), whether some
    combination of the waiting rules firing would change the reasons' shares of it: a `certain`
    one (always 1, shared by the rules that met the clause's `concluded` test), or one no answer
    moves whose evidence a waiting rule would add to (a blend of 2 to 2 stays 1.00 with 1 more on
    each side, each share then a third, not a half). Said in every view of a decision in hand, and
    in a record of it (engine.audit.record.recorded_decision), which the report reads."""
    return bool(d.settled) and not confidence_open(rs, d) and _figures_move(d, shares=True)


def _figures_move(d: Decision, shares: bool) -> bool:
    """Whether adding some combination of the waiting rules' effects to what fired gives another
    confidence (with `shares`, other shares), decided exactly as the decision was. Exact where
    it says no: a rule that fired stays fired and one that failed stays failed whatever is
    learnt, so the rules that can still fire are among the waiting ones, and no combination of
    them moves the figure. Where it says yes, the combination that moves it may need answers no
    one can give together, so the views say "might". Past MAX_TRIED waiting rules, yes untried.
    Kept per decision: the page asks it of its figure line and of its derivation tree. Both
    answers come from one pass over the combinations (`_moves`): a figure that moves moves the
    shares too, and shares that move without it are seen on the way."""
    held = _MOVES.get(d)
    if held is None:
        held = _MOVES[d] = _moves(d)
    return held[shares]


_MOVES: "WeakKeyDictionary[Decision, tuple]" = WeakKeyDictionary()  # a decision -> (figure moves, shares move)


def _moves(d: Decision) -> tuple[bool, bool]:
    trying = [r for r in d.waiting if r.then.evidence or r.then.refer or r.then.not_now]
    if len(trying) > MAX_TRIED:
        return True, True
    base = d.verdict
    combos = [()]
    for rule in trying:  # every combination, each found once, the smaller ones first
        combos += [c + (rule,) for c in combos]
    shares_move, shares = False, None
    for combo in sorted(combos[1:], key=len):
        v = d.verdict_with(combo)
        if v.outcome != base.outcome or v.confidence_ratio != base.confidence_ratio:
            return True, True
        if shares is None:
            shares = _shares(base)
        shares_move = shares_move or _shares(v) != shares
    return False, shares_move


def _shares(v) -> dict:
    """The reasons' shares that are not 0, exactly, as (n, d) in lowest terms. Why: a waiting rule
    whose evidence the figure does not stand on (evidence for an outcome that is not the strongest,
    under `shortfall` or `doubt`) would join at exactly 0 and change no share; counting its entry
    would say the shares might change. From `units`, in integers: no fraction is built."""
    denominator, shares = v.units()
    return {r: lowest(n, denominator) for r, n in shares if n}


def figures(rs: RuleSet, d: Decision, named: Callable[[str], str] | None = None) -> tuple[str, str, bool]:
    """(confidence line, header of the reasons, whether to print contributions). `named`: how
    the header names an outcome by the policy's label (the web page marks the label's language)."""
    if not d.settled:
        # provisional: pathfit could not show that no answers change the advice (pipeline/settle.py is
        # sound, not complete: a rule testing whether a fact is known, or too many reachable scores,
        # makes a decision provisional without showing an answer that changes it)
        about = "the open questions below" if open_questions(rs, d) else "the facts still unknown"
        return (f"Confidence: none given: answers to {about} might change this advice (pathfit could not "
                "rule it out)", "", False)
    confidence, baseline, _ = rounded(d.verdict, TEXT_PLACES)
    clause = rs.policy.clauses[d.verdict.clause]
    method = clause.confidence
    two = len(weighed(rs.policy, clause)) <= 2  # the outcomes the deciding clause weighs
    other = ("the other" if two else "the others") if method == "share" else \
        ("the other outcome" if two else "the other outcomes")
    words = METHOD_WORDS[method].format(base=baseline, other=other, lead=_lead(rs, clause, named))
    if method == "balance" and len(weighed(rs.policy, clause)) == 1:  # no other outcome to match it
        words = BALANCE_OF_ONE.format(base=baseline)
    if method == "shortfall" and "strongest_below" in dict(clause.tests):
        words = STRONGEST_SHORTFALL.format(base=baseline)
    if method == "certain":  # 1 whatever fires: only the shares can move
        if shares_open(rs, d):
            words += f"; {SHARES_ON_ANSWERS_GIVEN}"
        return f"Confidence: {confidence}", f" (confidence {words})", True
    if confidence_open(rs, d):  # settled is the advice; the figure is on the answers given (docs/decision.md)
        return f"Confidence: {confidence} {ON_ANSWERS_GIVEN}", f" (confidence {words})", True
    if shares_open(rs, d):  # the figure stays, yet who shares it can move (a rule adding to both sides)
        words += f"; {SHARES_ON_ANSWERS_GIVEN}"
    return f"Confidence: {confidence}", f" (confidence {words})", True


def _lead(rs: RuleSet, clause, named: Callable[[str], str] | None = None) -> str:
    """The outcome whose evidence a `share` or `certainty` figure is worked from: the one the clause
    tests with `leads`, which is "this outcome" only where the clause gives it (a clause may give
    another outcome on a lead, `{outcome: undetermined, when: {leads: sponsorship}}`), and then by
    the policy's words for it."""
    lead = dict(clause.tests).get("leads")
    if lead is None or lead == clause.outcome:
        return "this outcome"
    return named(lead) if named else label(rs.policy, lead)


def ranking(rs: RuleSet, d: Decision, places: int = TEXT_PLACES) -> tuple[str, list[str]]:
    """(header, one line per evidence outcome): the Ranking block. Ranks come from the exact
    scores; equal scores share a rank, and scores ranked apart never print the same: the block
    is printed to `places`, or to as many more as tell such neighbours apart (figures.telling_apart).
    "so far" while an answer not yet given could add evidence: always on a provisional decision,
    and on a settled one where a rule with evidence waits. A score below 0 that rounds to zero
    prints "-0.00", as a share that takes away does (figures.signed_share): "0.00" is no evidence."""
    what = "certainty" if rs.policy.combine == "certainty" else "evidence weight"
    header = f"Ranking ({what}{' so far' if not d.settled or evidence_open(rs, d) else ''}, strongest first)"
    values = [ratio_of_text(entry["exact"]) for entry in d.ranking]
    places = telling_apart(values, places)
    lines, rank, previous = [], 0, None
    for i, (entry, value) in enumerate(zip(d.ranking, values), 1):
        exact = entry["exact"]  # in lowest terms: equal scores are equal texts
        rank = rank if exact == previous else i
        previous = exact
        shown = places_text(value, places)  # below 0 (evidence against, under certainty) keeps its sign at "-0.00"
        lines.append(f"{rank}. {entry['label']} {'-' if value[0] < 0 and shown[0] != '-' else ''}{shown}")
    return header, lines


def title(rs: RuleSet, d: Decision) -> str:
    return ("Recommendation: " if d.settled else "Recommendation (provisional): ") + headline(rs, d)


def share_tail(share: str | None, shown: bool) -> str:
    """` (+0.25)` after a reason when figures are shown and the rule has a share (as `reasons` signs it)."""
    return f" ({share})" if shown and share is not None else ""
