"""Running rule test cases (engine.authoring.rule_tests) through the engine, and rule coverage.

A case that fails says why, from the decision's trace: the evidence behind the
outcome it got, the condition that kept an expected rule from firing (and, for
a derived fact that rule needed, what kept that fact from holding), the facts a
rule that must not fire matched.

Coverage counts, for every rule, the cases that fired it; for a rule no case
fired it gathers, from each case's trace (`not_fired`), the condition that
blocked it, so the author sees what a new case would have to change.
"""
from __future__ import annotations

from typing import NamedTuple

from ..errors import PathfitError, Pos
from ..later import later
from ..pipeline.model import RuleSet
from ..reports.numbers import number_text
from .rule_tests import Case


class Mismatch(NamedTuple):
    what: str  # outcome | referral | formats | fired | not_fired | derived | refused
    expected: object
    actual: object
    detail: tuple = ()  # lines that say why


class Result(NamedTuple):
    case: Case
    outcome: str | None  # None: the engine refused the person (a `refused` mismatch says why)
    referral: str | None
    formats: tuple
    fired: tuple
    scores: dict
    not_fired: dict  # rule id -> trace entry
    mismatches: tuple

    @property
    def passed(self) -> bool:
        return not self.mismatches


class RuleCoverage(NamedTuple):
    rule: str
    pos: Pos
    fired_by: tuple  # case names
    blocked: tuple  # ({"condition"|"waiting": ..., "cases": n, "observed": [...]}, ...) most frequent first


def run_case(engine, case: Case) -> Result:
    """The case's result: what the engine decided, and each way that differs from what the
    case expects. A person the engine refuses while deciding (two values set for a valued
    derived fact, PF231) fails this case with the engine's located reasons, so the other
    cases still run and are reported."""
    try:
        d = engine.evaluate(case.profile, label=case.file)
    except PathfitError as err:
        reasons = tuple(p.format() for p in err.problems)
        return Result(case, None, None, (), (), {}, {},
                      (Mismatch("refused", case.expect["outcome"], None, reasons),))
    trace = _trace_alone(d)
    not_fired = {e["rule"]: e for e in trace["not_fired"]}
    firings = {f["rule"]: f for f in trace["firings"]}
    exp, got = case.expect, []
    if d.outcome != exp["outcome"]:
        scores = ", ".join(f"{o} {number_text(v)}" for o, v in sorted(trace["scores"].items()))
        got.append(Mismatch("outcome", exp["outcome"], d.outcome, (f"evidence: {scores or 'none'}",
                                                                     f"fired: {', '.join(d.fired) or 'no rule'}")))
    if "referral" in exp and d.referral != exp["referral"]:
        got.append(Mismatch("referral", exp["referral"], d.referral))
    if "formats" in exp and frozenset(d.formats) != exp["formats"]:
        missing, extra = sorted(exp["formats"] - set(d.formats)), sorted(set(d.formats) - exp["formats"])
        detail = ([f"missing: {', '.join(missing)}"] if missing else []) + \
                 ([f"unexpected: {', '.join(extra)}"] if extra else [])
        got.append(Mismatch("formats", sorted(exp["formats"]), list(d.formats), tuple(detail)))
    for rule in exp.get("fired", ()):
        if rule not in d.fired:
            got.append(Mismatch("fired", rule, None, tuple(blocked_lines(engine.ruleset, not_fired, rule))))
    for rule in exp.get("not_fired", ()):
        if rule in d.fired:
            matched = ", ".join(map(_matched, firings[rule]["matched"]))
            got.append(Mismatch("not_fired", rule, rule, (f"it fired on: {matched}",) if matched else ()))
    holds = set(trace["derived"]["holds"])
    for name, value, holding in exp.get("derived", ()):
        if holding not in holds:
            actual = sorted(h.split("=", 1)[1] for h in holds if h.startswith(f"{name}=")) if value is not True else []
            got.append(Mismatch("derived", f"{name} {_value(value)}", ", ".join(actual) or None,
                                (f"{name} was set to {', '.join(actual)}",) if actual else (f"no rule set {name}",)))
    return Result(case, d.outcome, d.referral, tuple(d.formats), tuple(d.fired), dict(trace["scores"]),
                  not_fired, tuple(got))


def _trace_alone(d) -> dict:
    """The decision's trace as `d.trace` builds it, without the person's missing facts and
    settledness that `d.trace` works out with it and keeps: no case and no coverage reads them,
    and for a partial person they cost more than the trace. `known` given as worked out already
    is all that skips them; the trace itself never reads them. The tally is the decision's own."""
    return later.explained(d._engine, d._result, d.verdict, d._facts, ((), True, d._tally))[0]


def blocked_lines(rs: RuleSet, not_fired: dict, rule_id: str, depth: int = 0) -> list[str]:
    """Why a rule did not fire, and one level up for a derived fact it needed."""
    entry = not_fired.get(rule_id)
    if entry is None:
        return []
    pad = "  " * depth
    if entry["status"] == "waiting":
        return [f"{pad}{rule_id}: waiting on unknown {', '.join(entry['unknown'])}"]
    lines = [f"{pad}{rule_id}: {entry['condition']} failed (observed {_value(entry['observed'])})"]
    if depth == 0:
        fact = entry["condition"].split(" ", 1)[0]
        if fact in rs.facts and rs.facts[fact].kind == "derived":
            for rule in rs.deriving(fact):
                lines += blocked_lines(rs, not_fired, rule.id, depth + 1)
    return lines


def _matched(m: dict) -> str:
    """A fact a firing matched, as `explain` says it: a set's member tested (`needs contains
    skill`) and whether a fact is known are no value of the fact (`needs = true` was false)."""
    if "member" in m:
        return f"{m['fact']} {'contains' if m['value'] else 'lacks'} {m['member']}"
    if "known" in m:
        return f"{m['fact']} is {'known' if m['known'] else 'unknown'}"
    return f"{m['fact']} = {_value(m.get('value'))}"


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ", ".join(map(_value, v)) + "]"
    return "unknown" if v is None else number_text(v)  # as the case's profile gives it: 0.0000001, never 1e-07


def coverage(rs: RuleSet, results: list[Result]) -> list[RuleCoverage]:
    """Per rule, in rule order: which cases fired it, else what blocked it in each case."""
    # the cases that fired each rule, in case order, from one pass over the firings: asking
    # every rule of every case whether it fired grew as rules x cases x firings
    firing_cases: dict[str, list[str]] = {}
    for r in results:
        for rule_id in dict.fromkeys(r.fired):
            firing_cases.setdefault(rule_id, []).append(r.case.name)
    report = []
    for rule in rs.rules:
        fired_by = tuple(firing_cases.get(rule.id, ()))
        blocked: dict[tuple, dict] = {}
        if not fired_by:
            for r in results:
                e = r.not_fired.get(rule.id)
                if e is None:
                    continue
                key = ("waiting", tuple(e["unknown"])) if e["status"] == "waiting" else ("condition", e["condition"])
                slot = blocked.setdefault(key, {key[0]: list(key[1]) if key[0] == "waiting" else key[1],
                                                "cases": 0, "observed": []})
                slot["cases"] += 1
                seen = _value(e.get("observed")) if e["status"] == "failed" else None
                if seen is not None and seen not in slot["observed"]:
                    slot["observed"].append(seen)
        ordered = sorted(blocked.values(), key=lambda b: (-b["cases"], str(b.get("condition", b.get("waiting")))))
        for b in ordered:
            b["observed"].sort()
        report.append(RuleCoverage(rule.id, rule.pos, fired_by, tuple(ordered)))
    return report


def percent(cov: list[RuleCoverage]) -> float | None:
    """Share of rules fired by some case, rounded down to one decimal (never overstated); None
    for a rule set with no rules, of which no share is any figure (0 of 0 is not 100%)."""
    if not cov:
        return None
    fired = sum(1 for c in cov if c.fired_by)
    return int(fired * 1000 / len(cov)) / 10
