"""Interview: which question to ask next, and how to read the answer.

Only facts in `Decision.missing` are asked (their answer could still change the
outcome). Among those, the most decisive goes first: each possible answer is
tried by re-running the engine (once for answers alike to the rules,
explain/alike_answers.py), and a question scores by how many of its
answers would settle the outcome, then by how many different outcomes its
answers lead to (an answer making a person the engine refuses, PF231, leads
to none and settles nothing, as in what-if). The interview ends when nothing missing is left to ask.
The steps from an answer to the advice that `why` climbs are chain_levels.
Reading a typed answer is explain/answers.py; how many questions can still
come, explain/progress.py.
"""
from __future__ import annotations

import math

from ..api import Decision, Engine
from ..errors import PathfitError
from ..pipeline.model import Rule, RuleSet, facts_in
from ..pipeline.open_rules import presence_open
from .alike_answers import answer_classes
from .missing import missing_beyond
from .what_if import value_between, compared_holds, refused_only


def next_question(engine: Engine, answers: dict, skipped: set) -> tuple[str | None, Decision | None]:
    """The question to ask next and the decision so far; (None, None) where the answers make a
    person the engine refuses (PF231): no question can mend that, so the asking ends and the
    refusal is said as the decision would be, located, with the answers kept."""
    try:
        ranked, decision = ranked_questions(engine, answers, skipped)
    except PathfitError as err:  # any other fault is not the answers' and is not passed over
        if not refused_only(err):
            raise
        return None, None
    return (ranked[0] if ranked else None), decision


def ranked_questions(engine: Engine, answers: dict, skipped: set) -> tuple[list[str], Decision]:
    """Every question still worth asking, most decisive first (the interview asks
    the first; the web form shows the first few openly), and the decision so far."""
    decision = engine.evaluate(answers)
    candidates = [f for f in decision.missing if f not in skipped and f not in answers]
    options: dict[str, list] = {}
    for name, value in candidate_changes(engine, answers):
        if name in candidates:
            options.setdefault(name, []).append(value)
    classes = answer_classes(engine.ruleset)
    scored = []
    for rank, name in enumerate(candidates):
        settles, outcomes, tried = 0, set(), {}
        class_of = classes[name]
        for value in options.get(name, []):
            key = class_of(value)
            if key not in tried:  # an answer alike to the rules to one tried has its result
                try:
                    trial = engine.evaluate({**answers, name: list(value) if isinstance(value, tuple) else value})
                except PathfitError as err:  # a person the engine refuses (PF231): no outcome, nothing settled
                    if not refused_only(err):
                        raise
                    trial = None
                # settled, or left open only by questions skipped: with none skipped, settled is
                # what no open question means (`missing` lists every rule that could still change
                # it), found with the first two outcomes apart rather than every rule tried, and
                # never where a test of being known could turn over, which is asked first
                tried[key] = (None, False) if trial is None else (
                    (trial.outcome, trial.referral),
                    (not _may_turn_over(trial) and trial.settled) if not skipped else not _open_beyond(trial, skipped))
            outcome, settled = tried[key]
            if outcome is not None:
                outcomes.add(outcome)
            settles += settled
        scored.append(((settles, len(outcomes), -rank), name))
    return [name for _, name in sorted(scored, reverse=True)], decision


def _open_beyond(decision: Decision, skipped: set) -> bool:
    """Whether `decision.missing` lists a fact not in `skipped`, found without listing them all:
    asked of each answer tried once a question was left unknown. Here, not on Decision, so
    that `recommend` loads none of it."""
    if decision._missing is not None:
        return any(name not in skipped for name in decision._missing)
    result = decision._result
    # the rules that wait are worked out only where a test of being known could not turn over
    return missing_beyond(decision._engine.ruleset, result, skipped,
                          lambda: decision._waiting() if result.waiting else ({}, [], None))


def _may_turn_over(decision: Decision) -> bool:
    """Whether a test of being known on an unknown fact could move a rule that matters: such a
    decision is never settled (pipeline/settle.py), found without the waiting rules that
    `settled` works out first."""
    return bool(presence_open(decision._engine.ruleset, decision._result.facts, decision._result, first=True))


def candidate_changes(engine: Engine, facts: dict) -> list[tuple[str, object]]:
    """The answers tried for each question: every enum value, both booleans, each set
    member toggled (and the empty set), a number just either side of each threshold
    the rules compare it with (a whole-number fact at whole numbers: no other answer can be given),
    and a fractional one also inside each part of its range the thresholds bound that those miss,
    so that every answer the rules tell apart is tried."""
    rs = engine.ruleset
    changes: list[tuple[str, object]] = []
    for fact in rs.inputs:
        current = facts.get(fact.name)
        if fact.type == "enum":
            values = list(fact.values)
        elif fact.type == "bool":
            values = [True, False]
        elif fact.type == "set":
            base = set(current or ())
            values = [tuple(sorted(base ^ {m})) for m in fact.values]
            if current is None:
                values.append(())
        else:
            points, cuts = set(), []
            for rule in rs.reading(fact.name):
                for c in facts_in(rule.when):
                    if c.fact == fact.name and c.op != "is" and fact.integer:
                        # whole numbers only (a person gives no other): the nearest on each side
                        points.update({math.ceil(c.value) - 1, c.value, math.floor(c.value) + 1})
                    elif c.fact == fact.name and c.op != "is":
                        step = 1 if float(c.value).is_integer() else 0.5
                        points.update({c.value - step, c.value, c.value + step})
                        cuts.append(c)
            points = {p for p in points if fact.minimum <= p <= fact.maximum
                      and (not fact.integer or float(p).is_integer())}
            if cuts:  # a fractional fact: a part of its range the thresholds tell apart that no point met
                alike = {tuple(compared_holds(c.op, p, c.value) for c in cuts) for p in points}
                edges = sorted({fact.minimum, fact.maximum} | ({c.value for c in cuts} & points))
                for a, b in zip(edges, edges[1:]):
                    middle = value_between(a, b)
                    if tuple(compared_holds(c.op, middle, c.value) for c in cuts) not in alike:
                        points.add(middle)
            values = sorted(points)
            values = [int(v) if float(v).is_integer() else v for v in values]
        changes.extend((fact.name, v) for v in values if v != current)
    return changes


def chain_levels(rs: RuleSet, name: str) -> list[list[Rule]]:
    """The rules an answer feeds, step by step along the rule set's own who-reads-what: first
    the rules whose condition reads it, then each time those reading a fact the step before
    derives that no earlier step holds, each step in rule order, until a step derives nothing
    any rule reads. The interview's repeated `why` climbs these steps to the advice."""
    seen = set(rs.readers.get(name, ()))
    frontier, levels = seen, []
    while frontier:
        levels.append([rs.rules[i] for i in sorted(frontier)])
        frontier = {i for r in frontier for f in rs.rules[r].then.derive for i in rs.readers.get(f, ())} - seen
        seen |= frontier
    return levels
