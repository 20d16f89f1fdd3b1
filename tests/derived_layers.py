"""Rule sets whose derived facts stand on one another: a chain (each reads the one below) and
layers (each reads two of the layer below), for the tests that the explanation's work and
size grow with the rule set, not with the paths through it, and need no deeper Python stack."""
from __future__ import annotations

from pathlib import Path

from .helpers import written_rule_set

POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {}
decision:
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""


def _rule(rule_id: str, reads: list[str], derives: str | None) -> str:
    when = "\n".join(f"        - {{fact: {name}, equals: true}}" for name in reads)
    then = f"{{derive: [{derives}]}}" if derives else "{evidence: {coaching: 1}}"
    return (f"  - id: {rule_id}\n    reason: Step {rule_id}.\n    cites: [steps]\n"
            f"    when:\n      all:\n{when}\n    then: {then}\n")


def _write(where: Path, derived: list[str], rules: list[str]) -> Path:
    schema = ("ruleset: layers\nknowledge_base: kb.md\nfacts:\n  g: {type: bool, question: G?}\nderived:\n"
              + "".join(f"  {name}: {{description: {name}}}\n" for name in derived))
    return written_rule_set(where, schema, POLICY, "rules:\n" + "".join(rules), ("Steps", "steps"))


def chain(where: Path, length: int) -> Path:
    """g -> c0 -> c1 -> ... -> c{length-1}, which gives evidence for coaching (rule `top`).
    c{k} is derived by rule `link(length, k)`: named so that rule order, which the explanation
    goes through, starts at the top of the chain, the furthest from g."""
    names = [f"c{k}" for k in range(length)]
    rules = [_rule(link(length, k), [f"c{k - 1}" if k else "g"], f"c{k}") for k in range(length)]
    return _write(where, names, rules + [_rule("top", [names[-1]], None)])


def link(length: int, k: int) -> str:
    """The id of the rule deriving c{k} in a chain of `length`."""
    return f"link.{length - 1 - k:04d}"


def layers(where: Path, depth: int) -> Path:
    """a0 and b0 from g; a{k} and b{k} each from both a{k-1} and b{k-1}; `top` reads a{depth}."""
    names = [f"{x}{k}" for k in range(depth + 1) for x in "ab"]
    rules = [_rule(f"d.{x}0", ["g"], f"{x}0") for x in "ab"]
    rules += [_rule(f"d.{x}{k}", [f"a{k - 1}", f"b{k - 1}"], f"{x}{k}") for k in range(1, depth + 1) for x in "ab"]
    return _write(where, names, rules + [_rule("top", [f"a{depth}"], None)])
