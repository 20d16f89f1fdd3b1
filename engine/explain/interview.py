"""Interview: which question to ask next, and how to read the answer.

Only facts in `Decision.missing` are asked (their answer could still change the
outcome). Among those, the most decisive goes first: each possible answer is
tried by re-running the engine, and a question scores by how many of its
answers would settle the outcome, then by how many different outcomes its
answers lead to. The interview ends when nothing missing is left to ask.
"""
from __future__ import annotations

from ..api import Decision, Engine
from ..errors import Collector, PathfitError, Pos
from ..pipeline.model import FactDef, facts_in
from ..pipeline.profile import check_value

YES = {"y", "yes", "true", "t", "1"}
NO = {"n", "no", "false", "f", "0"}


def next_question(engine: Engine, answers: dict, skipped: set) -> tuple[str | None, Decision]:
    ranked, decision = ranked_questions(engine, answers, skipped)
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
    scored = []
    for rank, name in enumerate(candidates):
        settles, outcomes = 0, set()
        for value in options.get(name, []):
            trial = engine.evaluate({**answers, name: list(value) if isinstance(value, tuple) else value})
            outcomes.add((trial.outcome, trial.referral))
            settles += not [m for m in trial.missing if m not in skipped]
        scored.append(((settles, len(outcomes), -rank), name))
    return [name for _, name in sorted(scored, reverse=True)], decision


def candidate_changes(engine: Engine, facts: dict) -> list[tuple[str, object]]:
    """The answers tried for each question: every enum value, both booleans, each set
    member toggled (and the empty set), a number just either side of each threshold
    the rules compare it with."""
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
            points = set()
            for rule in rs.reading(fact.name):
                for c in facts_in(rule.when):
                    if c.fact == fact.name and c.op != "is":
                        step = 1 if fact.integer or float(c.value).is_integer() else 0.5
                        points.update({c.value - step, c.value, c.value + step})
            values = sorted(p for p in points if fact.minimum <= p <= fact.maximum)
            values = [int(v) if float(v).is_integer() else v for v in values]
        changes.extend((fact.name, v) for v in values if v != current)
    return changes


def prompt_text(fact: FactDef) -> str:
    if fact.type in ("enum", "set"):
        lines, line = [], ""
        for i, v in enumerate(fact.values, 1):
            item = f"{i}) {v}"
            if line and len(line) + 2 + len(item) > 76:
                lines.append(line)
                line = item
            else:
                line = f"{line}  {item}" if line else item
        lines.append(line)
        if fact.type == "set":
            lines.append("(several, separated by commas; 'none' for none)")
        return fact.question + "".join(f"\n  {text}" for text in lines)
    if fact.type == "bool":
        return f"{fact.question}  (yes/no)"
    unit = f" {fact.unit}" if getattr(fact, "unit", "") else ""
    return f"{fact.question}  ({_n(fact.minimum)} to {_n(fact.maximum)}{unit})"


def parse_answer(fact: FactDef, text: str):
    """-> the typed value, or raise PathfitError (PF402/PF403/PF404) naming what is allowed."""
    raw = text.strip()
    out = Collector()
    pos = Pos("<answer>")
    if fact.type == "bool":
        low = raw.lower()
        value = True if low in YES else False if low in NO else raw
    elif fact.type == "number":
        try:
            value = float(raw)
            value = int(value) if value.is_integer() else value
        except ValueError:
            value = raw
    elif fact.type == "enum":
        value = fact.values[int(raw) - 1] if raw.isdigit() and 1 <= int(raw) <= len(fact.values) else raw
    else:
        parts = [] if raw.lower() == "none" else [p.strip() for p in raw.split(",") if p.strip()]
        value = [fact.values[int(p) - 1] if p.isdigit() and 1 <= int(p) <= len(fact.values) else p for p in parts]
    checked = check_value(fact, value, pos, out)
    if out.errors:
        raise PathfitError(out.errors)
    return list(checked) if isinstance(checked, tuple) else checked


def feeds(engine: Engine, name: str) -> list:
    """The rules an answer feeds, directly or through the facts they derive."""
    rs = engine.ruleset
    direct = set(rs.readers.get(name, ()))
    indirect = {i for r in direct for f in rs.rules[r].then.derive for i in rs.readers.get(f, ())} - direct
    return [rs.rules[i] for i in sorted(direct)] + [rs.rules[i] for i in sorted(indirect)]


def _n(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
