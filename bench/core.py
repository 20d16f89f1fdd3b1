"""The floor: pathfit's compiled rules driven straight into a durable-rules C core.

The same calls pathfit makes, through pathfit's own adapter (each fact asserted
with its id and its result code read, the action loop, the session kept and
its facts retracted for the next person), with actions that only assert what
the compiled rule set says to assert: no firing record, no decision, no trace,
no cross-check. pathfit's own cost is its time over this one's. Any module with
the C core's functions can be driven, so the same rules also measure pathfit's
optimised build of the core against durable-rules' own (unoptimised) build,
when that is installed.
"""
from __future__ import annotations

from collections import Counter
from types import ModuleType

from pathfit.engine.pipeline.durable_adapter import DurableRuleset
from pathfit.engine.pipeline.model import Compiled
from pathfit.engine.pipeline.encode import Encoder


class CoreRunner:
    """One registered ruleset on `core`; `run` evaluates one person."""

    def __init__(self, compiled: Compiled, core: ModuleType, name: str = "floor"):
        self.compiled = compiled
        self.engine = DurableRuleset(compiled.definition, label=name, ids=compiled.fact_ids.values(), core=core,
                                     id_hashes=compiled.id_hashes,
                                     text=compiled.text)
        self.failed = sorted(f for f, r in compiled.fail_closures.items() if not r)
        self.limit = len(compiled.definition) + 16
        self.encoder = Encoder(compiled)

    def run(self, facts: dict) -> frozenset:
        """The rule ids that fired, so callers can check agreement."""
        return self._run(facts, None)

    def actions(self, facts: dict) -> tuple:
        """The durable rules' names in the order the core asked for their actions: two
        builds of the core agree on this exactly when they schedule alike."""
        order: list = []
        self._run(facts, order)
        return tuple(order)

    def _run(self, facts: dict, order: list | None) -> frozenset:
        compiled = self.compiled
        rules, actions, encoder = compiled.ruleset.rules, compiled.actions, self.encoder
        fired, holds, done = set(), set(), set()  # done: (kind, ref) already acted on

        def on_action(name: str, bindings) -> list:  # bindings unread: nothing is recorded
            action = actions[name]
            if action in done:  # several alternatives, one action
                return []
            done.add(action)
            kind, ref = action
            if kind == "fire":
                fired.add(ref)
                new = []
                for fact in rules[ref].then.derive:
                    if fact not in holds and fact in encoder.holds:
                        holds.add(fact)
                        new.append(encoder.holds[fact])
                return new
            if kind == "refute":
                return [encoder.refuted[ref]]
            return [encoder.fails[ref]]

        def recording(name: str, bindings) -> list:  # only for `actions`: the timed runs pay nothing for it
            order.append(name)
            return on_action(name, bindings)

        self.engine.evaluate(encoder.person(facts, self.failed), on_action if order is None else recording, self.limit)
        return frozenset(rules[i].id for i in fired)

    def close(self) -> None:
        self.engine.close()


# what an action does, the first time for its rule or fact and again, as `action_kinds` names it
KINDS = {("fire", False): "firings", ("fire", True): "further_alternatives",
         ("refute", False): "refutations", ("refute", True): "refutations_again",
         ("fail", False): "closures", ("fail", True): "closures_again"}


def action_kinds(actions: dict, orders: list) -> tuple[dict, float | None]:
    """The actions the core asked for, per person on average, by what they do: a rule's
    first firing (`firings`, one per rule that fires: what any rule set for the same logic
    must act on, in durable-rules or not), a further alternative of a rule already fired,
    a refutation, a derived fact's failure (`closures`), and those two again. `actions`
    is the compiled rule set's durable rule name -> (kind, reference); `orders`, one
    tuple of names per person (CoreRunner.actions). Returns those averages, rounded to a
    tenth, and all actions over first firings, from the whole counts (None where nothing
    fired). Says where the actions over one a firing go; nothing here is timed."""
    counts: Counter = Counter()
    for order in orders:
        seen: set = set()
        for name in order:
            action = actions[name]
            counts[KINDS[action[0], action in seen]] += 1
            seen.add(action)
    n = max(len(orders), 1)
    per_firing = round(sum(counts.values()) / counts["firings"], 3) if counts["firings"] else None
    return {label: round(counts[label] / n, 1) for label in KINDS.values()}, per_firing
