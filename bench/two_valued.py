"""A two-valued durable-rules rule set for the same logic, as a person would write it who
knows every profile is complete: what the three-valued compilation costs, in actions and
in the core's time.

pathfit compiles "unknown is not false": a derived fact read as false must be established
false, so the rules that could derive it are refuted (or their negated conditions joined
in a closure), each a C-to-Python round trip asserting a fact (engine/pipeline/compile.py).
Where every input is known, a person writing durable-rules rules by hand needs none of
that: a derived fact that does not hold is simply absent, read with durable-rules' own
negation (`<binding>$not`). durable-rules tests a negation when a rule's other bindings
are joined, and does not take back an action already due when the fact appears later
(found here: with priorities alone, a rule reading an absence still fired after the rule
deriving the fact had run, its action due from when its other bindings joined). So a
rule reading an absence also waits for a stage fact, `{t: g, k}`, k its stratum (one more
than the highest stratum of the rules deriving what it reads), and a stage rule of the
lowest priority asserts stage k + 1 once nothing else is due: then everything the strata
below could derive has been derived, and an absence read is final. One action per stage a
person, up to the highest stratum reading an absence. Apart from that, this rule set is
pathfit's compiled firing rules as they are, one durable rule per alternative of a rule's
condition (durable-rules has no `$in`, and its own `any` fires once per combination), with
no refutation or closure rules.

It is driven as the floor is (bench/core.py): the same C core, the adapter's calls, the
person's facts as pathfit's encoder writes them, actions that only record the rule and
assert the derived facts it derives. On complete profiles it must fire exactly the rules
pathfit fires; the benchmark counts the people on whom it does not, and its actions.
"""
from __future__ import annotations

from types import ModuleType

from bench.clips_rules import strata
from pathfit.engine.pipeline.durable_adapter import DurableRuleset
from pathfit.engine.pipeline.encode import Encoder
from pathfit.engine.pipeline.fact_ids import message_hash
from pathfit.engine.pipeline.fact_text import Pinned
from pathfit.engine.pipeline.model import Compiled


STAGE_PRI = 65535  # durable-rules' lowest priority (an unsigned short; lower fires first)
# rules waiting on one stage fact at most: the C core holds 255 rules on one node (capacity.py)
PER_STAGE_FACT = 250


def _stage_fact(k: int, j: int) -> Pinned:
    """Stage k's fact for the j-th group of the rules waiting on it."""
    return Pinned(t="g", k=k, j=j, id=f"g{k}.{j}")


def definition(compiled: Compiled) -> tuple[dict, dict, frozenset, dict]:
    """(the durable-rules definition, durable rule name -> pathfit rule index, the derived
    facts some rule reads, holding or not, stage rule name -> the stage facts it asserts)."""
    rs = compiled.ruleset
    stratum = strata(rs)
    out: dict = {}
    actions: dict = {}
    read: set = set()
    gated: list = []
    for name, rule in compiled.definition.items():
        kind, ref = compiled.actions[name]
        if kind != "fire":
            continue
        positive, negative = [], []
        for binding in rule["all"]:
            ((alias, body),) = binding.items()
            tests = body["$and"]
            if tests[0] == {"t": "d"}:
                fact = tests[1]["n"]
                read.add(fact)
                if tests[2]["v"] is False:
                    negative.append({f"{alias}$not": {"$and": [{"t": "d"}, {"n": fact}, {"v": True}]}})
                    continue
            positive.append(binding)
        if negative:  # joined only once the strata below have run
            k = stratum[ref]
            j = gated.count(k) // PER_STAGE_FACT
            positive.append({"stage": {"$and": [{"t": "g"}, {"k": k}, {"j": j}]}})
            gated.append(k)
        out[name] = {"all": positive + negative, "pri": stratum[ref]}
        actions[name] = ref
    groups = [max(1, -(-gated.count(k) // PER_STAGE_FACT)) for k in range(max(gated, default=0) + 1)]
    stages = {}
    for k in range(len(groups) - 1):
        out[f"stage:{k}"] = {"all": [{"now": {"$and": [{"t": "g"}, {"k": k}, {"j": 0}]}}], "pri": STAGE_PRI}
        stages[f"stage:{k}"] = [_stage_fact(k + 1, j) for j in range(groups[k + 1])]
    return out, actions, frozenset(read), stages


class TwoValuedRunner:
    """The two-valued rule set registered on `core`; `run` evaluates one complete profile."""

    def __init__(self, compiled: Compiled, core: ModuleType):
        self.compiled = compiled
        self.definition, self.rule_of, read, self.stages = definition(compiled)
        ids = compiled.fact_ids
        self.holds = {n: Pinned(t="d", n=n, v=True, id=ids[("d", n)]) for n in read}
        self.first_stage = [_stage_fact(0, 0)] if self.stages else []
        stage_ids = [f["id"] for f in self.first_stage + [f for facts in self.stages.values() for f in facts]]
        hashes = [message_hash(i) for i in stage_ids]
        if len(set(hashes)) < len(hashes) or not compiled.id_hashes.isdisjoint(hashes):
            raise ValueError("a stage fact's id shares a durable-rules message hash with another fact's")
        self.engine = DurableRuleset(self.definition, label="two-valued", ids=[*ids.values(), *stage_ids], core=core)
        self.encoder = Encoder(compiled)
        self.limit = len(self.definition) + 16

    def run(self, facts: dict) -> frozenset:
        """The ids of the rules that fired."""
        return self._run(facts, None)

    def actions(self, facts: dict) -> tuple:
        """The durable rules' names in the order the core asked for their actions."""
        order: list = []
        self._run(facts, order)
        return tuple(order)

    def _run(self, facts: dict, order: list | None) -> frozenset:
        rules, rule_of, holds_fact, stages = self.compiled.ruleset.rules, self.rule_of, self.holds, self.stages
        fired, holds = set(), set()

        def on_action(name: str, bindings) -> list:
            ref = rule_of.get(name)
            if ref is None:  # the strata below have run: the next stage
                return stages[name]
            if ref in fired:  # several alternatives, one rule
                return []
            fired.add(ref)
            new = []
            for fact in rules[ref].then.derive:
                if fact not in holds and fact in holds_fact:
                    holds.add(fact)
                    new.append(holds_fact[fact])
            return new

        def recording(name: str, bindings) -> list:
            order.append(name)
            return on_action(name, bindings)

        self.engine.evaluate(self.encoder.person(facts, []) + self.first_stage, on_action if order is None else recording,
                             self.limit)
        return frozenset(rules[i].id for i in fired)

    def close(self) -> None:
        self.engine.close()


def two_valued_actions(runner: TwoValuedRunner, orders: list) -> dict:
    """Per person on average, from `orders` (one `TwoValuedRunner.actions` tuple per
    person): all actions, the stage actions among them, and all actions over the rules'
    first firings (None where nothing fired), from the whole counts."""
    total = stages = firings = 0
    for order in orders:
        seen: set = set()
        for name in order:
            ref = runner.rule_of.get(name)
            if ref is None:
                stages += 1
            elif ref not in seen:
                seen.add(ref)
                firings += 1
        total += len(order)
    n = max(len(orders), 1)
    return {"actions_per_profile": round(total / n, 1), "stage_actions_per_profile": round(stages / n, 1),
            "actions_per_firing": round(total / firings, 3) if firings else None}
