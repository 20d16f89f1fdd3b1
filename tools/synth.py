"""Synthetic layered rule bases and random profiles, seeded and deterministic.

Why: the bundled rules are small and hand-written, so they exercise only a
corner of the rule language and none of durable-rules' capacity limits. The
differential tests (and later a benchmark) need rule bases of any size that
use every fact type, every operator, all/any/not, negation over derived
facts and facts no rule derives, while staying inside what the C core can
hold (engine/pipeline/capacity.py): at most 64 distinct conditions one fact can match,
255 rules sharing one condition node, 511 distinct tests under one node and
8,191 compiled durable rules (capacity.MAX_ACTIONS). The generator stays inside them by construction:
numeric thresholds come from a small set per fact, `not_one_of` lists are
short, each rule tests a fact at most once (apart from deliberate ranges and
excluded-middle pairs), reads of derived facts are spread evenly, the number
of rules that can be refuted is capped, and each condition's DNF (and the
DNF of its negation, for rules that derive) is kept small.

Layout written by `write_rule_base`:
    schema.yaml        ~20 input facts (enum, set, bool, number) + derived L1/L2 facts
    policy.yaml        the bundled policy's shape (refer, not_now, evidence weighing)
    layer1.yaml        inputs -> derived L1
    layer2.yaml        derived L1 (+ inputs) -> derived L2
    evidence.yaml      derived/inputs -> evidence for coaching/mentoring, formats
    overrides.yaml     refer / not_now rules
    knowledge_base.md  anchored sections the rules cite
"""
from __future__ import annotations

import math
import random
from pathlib import Path

import yaml

from pathfit.engine.pipeline.model import Cmp, RuleSet, facts_in

FORMATS = {
    "external_coach": ["coaching", "blended"],
    "internal_coach": ["coaching", "blended"],
    "team_coaching": ["coaching", "blended"],
    "one_to_one_mentoring": ["mentoring", "blended"],
    "peer_mentoring": ["mentoring", "blended"],
    "group_mentoring": ["mentoring", "blended"],
}
REFERRALS = ["counselling", "hr_process", "consulting", "training"]
SECTIONS = [f"sec_{i}" for i in range(12)]
MAX_POS_TERMS = 4  # DNF alternatives of a condition
MAX_NEG_TERMS = 4  # DNF alternatives of its negation (refutation rules), for derivers
MAX_DERIVERS = 400  # rules that can be refuted: one [t:r] child each, limit 511


class _NoAliases(yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper):  # type: ignore[misc]
    """pathfit rejects YAML aliases (PF104): never emit them, even for shared objects.

    libyaml's emitter, where PyYAML has it, writes the bytes the Python one writes three times
    as fast (tests/test_synth_dumped_by_the_python_emitter.py compares them): the dump was
    most of the time a large base took to make."""

    def ignore_aliases(self, data) -> bool:
        return True


# -- schema ------------------------------------------------------------------------

def _inputs(rng: random.Random) -> dict:
    """~20 input facts of every type, each with the thresholds rules may use."""
    facts: dict = {}
    for i in range(5):
        facts[f"enum_{i}"] = {"type": "enum", "values": [f"v{j}" for j in range(rng.randint(3, 5))]}
    for i in range(4):
        facts[f"set_{i}"] = {"type": "set", "values": [f"m{j}" for j in range(rng.randint(4, 6))]}
    for i in range(6):
        facts[f"flag_{i}"] = {"type": "bool"}
    ranges = [(0, 10, True), (0, 100, False), (1, 120, True), (-5, 5, False), (0, 1, False)]
    for i, (lo, hi, integer) in enumerate(ranges):
        if integer:
            thresholds = sorted(rng.sample(range(lo + 1, hi), 3))
        else:
            step = (hi - lo) / 8
            thresholds = sorted({round(lo + step * k, 3) for k in rng.sample(range(1, 8), 3)})
        facts[f"num_{i}"] = {"type": "number", "min": lo, "max": hi, "integer": integer, "thresholds": thresholds}
    return facts


def _schema_doc(inputs: dict, derived: list[str]) -> dict:
    facts = {}
    for name, f in inputs.items():
        body: dict = {"type": f["type"], "question": f"What is {name}?"}
        if f["type"] in ("enum", "set"):
            body["values"] = list(f["values"])
        if f["type"] == "number":
            body.update({"min": f["min"], "max": f["max"]})
            if f["integer"]:
                body["integer"] = True
        facts[name] = body
    return {
        "ruleset": "synthetic",
        "knowledge_base": "knowledge_base.md",
        "facts": facts,
        "derived": {name: {"description": f"synthetic derived fact {name}"} for name in derived},
    }


def _policy_doc() -> dict:
    return {
        "description": "Synthetic policy with the bundled policy's shape.",
        "evidence_outcomes": ["coaching", "mentoring"],
        "referrals": list(REFERRALS),
        "formats": {fmt: {"for": fits} for fmt, fits in FORMATS.items()},
        "decision": [
            {"outcome": "refer", "when": {"concluded": "refer"}, "confidence": "certain"},
            {"outcome": "not_now", "when": {"concluded": "not_now"}, "confidence": "certain"},
            {"outcome": "undetermined", "when": {"total_below": 3}, "confidence": "shortfall"},
            {"outcome": "blended", "when": {"each_at_least": 4, "ratio_at_most": 1.5}, "confidence": "balance"},
            {"outcome": "coaching", "when": {"leads": "coaching"}, "confidence": "share"},
            {"outcome": "mentoring", "when": {"leads": "mentoring"}, "confidence": "share"},
            {"outcome": "undetermined", "when": {}, "confidence": "balance"},
        ],
    }


# -- conditions --------------------------------------------------------------------

class _Gen:
    """Draws conditions for one rule base; holds the rng and the fact catalogue."""

    def __init__(self, rng: random.Random, inputs: dict, presence_tests: bool):
        self.rng = rng
        self.inputs = inputs
        self.presence = presence_tests

    def input_leaf(self, name: str) -> dict:
        rng, f = self.rng, self.inputs[name]
        if self.presence and rng.random() < 0.06:
            return {"fact": name, "is": rng.choice(["known", "unknown"])}
        kind = f["type"]
        if kind == "bool":
            return {"fact": name, "equals": rng.random() < 0.5}
        if kind == "set":
            return {"fact": name, "contains": rng.choice(f["values"])}
        if kind == "enum":
            r = rng.random()
            if r < 0.45:
                return {"fact": name, "equals": rng.choice(f["values"])}
            if r < 0.75:
                return {"fact": name, "one_of": sorted(rng.sample(f["values"], rng.randint(2, 3)))}
            return {"fact": name, "not_one_of": sorted(rng.sample(f["values"], rng.randint(1, 2)))}
        t = rng.choice(f["thresholds"])
        if rng.random() < 0.1:
            return {"fact": name, "equals": t}
        return {"fact": name, rng.choice(["lt", "lte", "gt", "gte"]): t}

    def special_leaf(self, name: str) -> dict:
        """A numeric range, or an excluded-middle pair that Kleene logic leaves
        UNKNOWN (not TRUE) while the fact is unknown."""
        rng, f = self.rng, self.inputs[name]
        if f["type"] == "number":
            lo, hi = sorted(rng.sample(f["thresholds"], 2))
            return {"all": [{"fact": name, rng.choice(["gt", "gte"]): lo}, {"fact": name, rng.choice(["lt", "lte"]): hi}]}
        leaf = self.input_leaf(name)
        while "is" in leaf:
            leaf = self.input_leaf(name)
        return {"any": [leaf, {"not": dict(leaf)}]}

    def derived_leaf(self, name: str, allow_is: bool) -> dict:
        r = self.rng.random()
        if allow_is and r < 0.08:
            return {"fact": name, "is": "known"}
        return {"fact": name, "equals": r < 0.6}

    def tree(self, leaves: list[dict], p_all: float, p_not: float = 0.12) -> dict:
        """Random all/any/not structure over the given leaves (each used once);
        p_all is the chance a combinator is `all`, which sets how often rules fire."""
        rng = self.rng
        if len(leaves) == 1:
            return {"not": leaves[0]} if rng.random() < p_not + 0.03 else leaves[0]
        if len(leaves) > 2 and rng.random() < 0.5:
            cut = rng.randint(1, len(leaves) - 1)
            parts = [self.tree(leaves[:cut], p_all, p_not), self.tree(leaves[cut:], p_all, p_not)]
        else:
            parts = [self.tree([leaf], p_all, p_not) for leaf in leaves]
        node = {"all": parts} if rng.random() < p_all else {"any": parts}
        return {"not": node} if rng.random() < p_not else node

    def condition(self, input_names: list[str], derived_names: list[str], deriver: bool,
                  p_all: float = 0.6, p_not: float = 0.12) -> dict:
        """A condition within the DNF budget; derived `is: known` only where it is
        never negated (the engine cannot refute it) and never in a deriver."""
        for _ in range(200):
            leaves = []
            for name in input_names:
                special = self.rng.random() < 0.08
                leaves.append(self.special_leaf(name) if special else self.input_leaf(name))
            leaves += [self.derived_leaf(name, not deriver) for name in derived_names]
            self.rng.shuffle(leaves)
            cond = _fix_is(self.tree(leaves, p_all, p_not), False, deriver, self.inputs)
            pos, neg = _dnf_size(cond, self.inputs)
            if pos <= MAX_POS_TERMS and (not deriver or neg <= MAX_NEG_TERMS):
                return cond
        return leaves[0] if not deriver else self.input_leaf(input_names[0]) if input_names else \
            {"fact": derived_names[0], "equals": True}


def _fix_is(cond: dict, negated: bool, deriver: bool, inputs: dict) -> dict:
    """Replace `is: known` on a derived fact under negation (or in a deriver) by
    `equals: true`: the engine rejects a negated one (PF210), and a deriver's
    condition is negated when the engine refutes it."""
    if "not" in cond:
        return {"not": _fix_is(cond["not"], not negated, deriver, inputs)}
    for key in ("all", "any"):
        if key in cond:
            return {key: [_fix_is(c, negated, deriver, inputs) for c in cond[key]]}
    if cond.get("is") == "known" and cond["fact"] not in inputs and (negated or deriver):
        return {"fact": cond["fact"], "equals": True}
    return cond


def _dnf_size(cond: dict, inputs: dict) -> tuple[float, float]:
    """Upper bounds on the DNF alternatives of the condition and of its negation."""
    if "not" in cond:
        p, n = _dnf_size(cond["not"], inputs)
        return n, p
    for key in ("all", "any"):
        if key in cond:
            sizes = [_dnf_size(c, inputs) for c in cond[key]]
            if key == "all":
                return math.prod(p for p, _ in sizes), sum(n for _, n in sizes)
            return sum(p for p, _ in sizes), math.prod(n for _, n in sizes)
    if cond["fact"] not in inputs and "is" in cond:
        return 2, math.inf
    if "one_of" in cond:
        return len(cond["one_of"]), 1
    if "not_one_of" in cond:
        return 1, len(cond["not_one_of"])
    return 1, 1


class _Spread:
    """Hands out names so that reads are spread evenly (bounded per name)."""

    def __init__(self, rng: random.Random, names: list[str]):
        self.rng, self.names, self.pool = rng, list(names), []

    def take(self, k: int, exclude: tuple = ()) -> list[str]:
        out: list[str] = []
        guard = 0
        while len(out) < k and guard < 10 * (k + len(self.names)):
            guard += 1
            if not self.pool:
                self.pool = list(self.names)
                self.rng.shuffle(self.pool)
            name = self.pool.pop()
            if name not in out and name not in exclude:
                out.append(name)
        return out


# -- the rule base -----------------------------------------------------------------

def build_rule_base(n_rules: int, seed: int, presence_tests: bool = True) -> dict[str, str]:
    """-> {file name: text} for a rule base of exactly `n_rules` rules.

    presence_tests=False leaves out `is: known/unknown` on input facts: those
    are the only tests that can turn from TRUE to FALSE as facts become known,
    so a base without them is monotone (used by the monotonicity property).
    """
    if n_rules < 12:
        raise ValueError("a synthetic base needs at least 12 rules")
    rng = random.Random(seed)
    inputs = _inputs(rng)
    gen = _Gen(rng, inputs, presence_tests)

    n_refer, n_not_now, n_steer = 3, 2, 2
    n_deriv = min(int(0.42 * n_rules), MAX_DERIVERS)
    n_l1_rules = (2 * n_deriv) // 3
    n_l2_rules = n_deriv - n_l1_rules
    n_terminal = n_rules - n_deriv - n_refer - n_not_now - n_steer
    l1 = [f"d1_{i:03d}" for i in range(max(2, n_l1_rules // 2))]
    l2 = [f"d2_{i:03d}" for i in range(max(1, n_l2_rules // 2))]
    orphan = "d1_orphan"  # declared, read, derived by no rule: always FALSE
    derived_all = l1 + l2 + [orphan]

    input_names = list(inputs)
    in_spread = _Spread(rng, input_names)
    l1_reads = _Spread(rng, l1 + [orphan])
    any_reads = _Spread(rng, l1 + l2 + [orphan])
    l1_targets = _Spread(rng, l1)
    l2_targets = _Spread(rng, l2)

    def rule(rid: str, when: dict, then: dict) -> dict:
        body = {"id": rid, "reason": f"Synthetic rule {rid}.", "cites": sorted(rng.sample(SECTIONS, rng.randint(1, 2))),
                "when": when, "then": then}
        if rng.random() < 0.1:
            body["salience"] = rng.randint(-5, 5)
        return body

    def evidence() -> dict:
        outcomes = rng.choice([["coaching"], ["mentoring"], ["coaching", "mentoring"]])
        return {o: rng.choice([1, 1, 2, 3, 0.5]) for o in outcomes}

    files: dict[str, list] = {"layer1.yaml": [], "layer2.yaml": [], "evidence.yaml": [], "overrides.yaml": []}
    for i in range(n_l1_rules):
        when = gen.condition(in_spread.take(rng.randint(1, 3)), [], deriver=True)
        files["layer1.yaml"].append(rule(f"l1.r{i:04d}", when, {"derive": l1_targets.take(1)}))
    for i in range(n_l2_rules):
        reads = l1_reads.take(rng.randint(1, 2))
        when = gen.condition(in_spread.take(rng.randint(0, 1)), reads, deriver=True)
        then: dict = {"derive": l2_targets.take(1)}
        if rng.random() < 0.1:
            then["evidence"] = evidence()
        files["layer2.yaml"].append(rule(f"l2.r{i:04d}", when, then))
    for i in range(n_terminal):
        reads = any_reads.take(rng.randint(0, 2))
        when = gen.condition(in_spread.take(rng.randint(2, 3)), reads, deriver=False, p_all=0.75)
        then = {}
        if rng.random() < 0.9:
            then["evidence"] = evidence()
        if rng.random() < 0.15 or not then:
            then["suggest"] = sorted(rng.sample(sorted(FORMATS), rng.randint(1, 2)))
        files["evidence.yaml"].append(rule(f"ev.r{i:04d}", when, then))
    # Two heavy rules on single flags steer the outcome, so that large bases (where
    # the many small weights even out) still reach coaching, mentoring and blended.
    weight = max(3, n_terminal // 7)
    for i, outcome in enumerate(("coaching", "mentoring")):
        when = {"fact": f"flag_{i}", "equals": True}
        files["evidence.yaml"].append(rule(f"ev.steer_{outcome}", when, {"evidence": {outcome: weight}}))
    # Few, narrow overrides: they end the decision, so they must not fire for most people.
    for i in range(n_refer):
        when = gen.condition(in_spread.take(3, exclude=("flag_0", "flag_1")), any_reads.take(rng.randint(0, 1)),
                             deriver=False, p_all=1.0, p_not=0.0)
        files["overrides.yaml"].append(rule(f"refer.r{i:04d}", when, {"refer": REFERRALS[i % len(REFERRALS)]}))
    for i in range(n_not_now):
        when = gen.condition(in_spread.take(3, exclude=("flag_0", "flag_1")), any_reads.take(rng.randint(0, 1)),
                             deriver=False, p_all=1.0, p_not=0.0)
        files["overrides.yaml"].append(rule(f"not_now.r{i:04d}", when, {"not_now": True}))

    def dump(doc: dict) -> str:
        return yaml.dump(doc, Dumper=_NoAliases, sort_keys=False, default_flow_style=None, width=140, allow_unicode=True)

    out = {name: dump({"rules": rules}) for name, rules in files.items()}
    out["schema.yaml"] = dump(_schema_doc(inputs, derived_all))
    out["policy.yaml"] = dump(_policy_doc())
    out["knowledge_base.md"] = "# Synthetic knowledge base\n\n" + "".join(
        f"## Section {s} <a id=\"{s}\"></a>\n\nText of {s}.\n\n" for s in SECTIONS)
    return out


def write_rule_base(directory: str | Path, n_rules: int, seed: int, presence_tests: bool = True) -> None:
    """Write a synthetic rule base of `n_rules` rules into `directory` (created if
    needed), ready for Engine.load(directory). Same arguments, same bytes."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in build_rule_base(n_rules, seed, presence_tests).items():
        (directory / name).write_text(text, encoding="utf-8")


# -- profiles ----------------------------------------------------------------------

def thresholds(ruleset: RuleSet) -> dict[str, list]:
    """Every number a rule compares each numeric fact with, plus its bounds:
    the values where lt/lte/gt/gte/equals disagree, so profiles should hit them."""
    found: dict[str, set] = {f.name: {f.minimum, f.maximum} for f in ruleset.inputs if f.type == "number"}
    for rule in ruleset.rules:
        for c in facts_in(rule.when):
            if isinstance(c, Cmp) and c.fact in found and c.op != "is":
                found[c.fact].add(c.value)
    return {name: sorted(values) for name, values in found.items()}


def random_value(rng: random.Random, fact, points: list):
    """One valid value for an input fact; numbers hit thresholds half the time."""
    if fact.type == "bool":
        return rng.random() < 0.5
    if fact.type == "enum":
        return rng.choice(fact.values)
    if fact.type == "set":
        p = rng.choice([0.15, 0.35, 0.6])
        return sorted(v for v in fact.values if rng.random() < p)
    lo, hi = fact.minimum, fact.maximum
    if rng.random() < 0.5 and points:
        v = rng.choice(points)
        if fact.integer and v != int(v):
            v = math.floor(v) if rng.random() < 0.5 else math.ceil(v)
        return min(max(v, lo), hi)
    if fact.integer:
        return rng.randint(math.ceil(lo), math.floor(hi))
    return round(rng.uniform(lo, hi), rng.choice([0, 1, 2]))


def profiles(ruleset: RuleSet, n: int, seed: int, known_fraction: float) -> list[dict]:
    """`n` seeded random profiles for any schema. Each input fact is known with
    probability `known_fraction` (1.0: complete profiles); an unknown fact is
    left out or, now and then, given as None (both mean unknown)."""
    rng = random.Random(seed)
    points = thresholds(ruleset)
    out = []
    for _ in range(n):
        person: dict = {}
        for fact in ruleset.inputs:
            if rng.random() < known_fraction:
                person[fact.name] = random_value(rng, fact, points.get(fact.name, []))
            elif rng.random() < 0.2:
                person[fact.name] = None
        out.append(person)
    return out


def completion(ruleset: RuleSet, partial: dict, seed: int) -> dict:
    """`partial` with every unknown input fact filled in at random (known ones kept)."""
    rng = random.Random(seed)
    points = thresholds(ruleset)
    full = {k: v for k, v in partial.items() if v is not None}
    for fact in ruleset.inputs:
        if fact.name not in full:
            full[fact.name] = random_value(rng, fact, points.get(fact.name, []))
    return full
