"""What one run records: its firings, the derived facts it settled false, and the
result they make up, each with the dict a trace shows of it.

Apart from running (run.py): the run fills these in, and the explanation, the
decision and a record's trace read them; how a trace writes a firing changes for
reasons of its own.
"""
from __future__ import annotations

from ..record import Record


class Firing(Record):
    """One rule fired; `matched` is ({"fact": ..., "value": ...}, ...) in binding order
    (a `Matched`, or a tuple)."""

    __slots__ = ()

    def __new__(cls, step: int, rule: str, matched: tuple, derived: tuple, evidence: tuple, suggest: tuple,
                refer: str | None, not_now: bool) -> Firing:
        return tuple.__new__(cls, (step, rule, matched, derived, evidence, suggest, refer, not_now))

    def to_dict(self) -> dict:
        return firing_dicts((self,))[0]


def firing_dicts(firings) -> list[dict]:
    """Each firing's dict, as a trace shows it, in one loop: a trace writes every firing,
    and a Python call per firing and per matched list cost a third of writing them.

    A firing the run recorded is written from its rule's dict, made once (`firing_shape`):
    a copy, its step and matched facts put in, and each list or dict in it copied, so no
    two traces share one. Building each dict key by key was a quarter of explaining a
    person on the bundled rules."""
    out = []
    for firing in firings:
        matched = firing[2]
        if type(matched) is Matched:
            specs, shape, nested = matched.plan
            facts, shown = matched.facts, []
            for spec in specs:  # a fact's name (its value is the person's) or a fixed entry
                shown.append({"fact": spec, "value": facts[spec]} if spec.__class__ is str else spec.copy())
            d = shape.copy()
            d["step"] = firing[0]
            d["matched"] = shown
            for key in nested:
                d[key] = d[key].copy()
        else:
            d = _firing_dict(firing, list(matched))
        out.append(d)
    return out


def _firing_dict(firing: tuple, matched: list) -> dict:
    """The one statement of a firing's dict: its keys, in this order, and which are left
    out when empty."""
    step, rule, _, derived, evidence, suggest, refer, not_now = firing
    d = {"step": step, "rule": rule, "matched": matched}
    if derived:
        d["derived"] = list(derived)
    if evidence:
        d["evidence"] = dict(evidence)
    if suggest:
        d["suggest"] = list(suggest)
    if refer:
        d["refer"] = refer
    if not_now:
        d["not_now"] = True
    return d


def effect(rule) -> tuple:
    """A firing's fields after (step, rule, matched): what its rule does."""
    then = rule.then
    return then.derive, then.evidence, then.suggest, then.refer, then.not_now


def firing_shape(rule_id: str, effect: tuple) -> tuple[dict, tuple]:
    """(the dict of a firing of this rule, as `_firing_dict` writes it with step 0 and no
    matched facts; the keys whose values are lists or dicts, copied for each trace)."""
    shape = _firing_dict((0, rule_id, ()) + effect, [])
    return shape, tuple(k for k, v in shape.items() if k != "matched" and type(v) in (list, dict))


class Settled(Record):
    """A derived fact established false: every rule that could derive it was refuted
    (`refuted`: their ids)."""

    __slots__ = ()

    def __new__(cls, step: int, fact: str, refuted: tuple) -> Settled:
        return tuple.__new__(cls, (step, fact, refuted))

    def to_dict(self) -> dict:
        return settled_dicts((self,))[0]


def settled_dicts(settled) -> list[dict]:
    """Each settled fact's dict, as a trace shows it, in one loop (as `firing_dicts`)."""
    return [{"step": step, "fact": fact, "value": False, "refuted": list(refuted)} for step, fact, refuted in settled]


class RunResult:
    """What one evaluation recorded; filled in by the actions as they run."""

    __slots__ = ("facts", "firings", "settled", "holds", "fails", "refuted", "actions", "waiting")

    def __init__(self, facts: dict):
        self.facts = facts  # the person's known input facts, canonical
        self.firings: list = []
        self.settled: list = []
        self.holds: set = set()  # derived facts established true
        self.fails: set = set()  # derived facts established false
        self.refuted: set = set()  # rule ids refuted
        self.actions = 0
        self.waiting: tuple = ()  # indices of rules whose condition the cross-check found unknown

    @property
    def fired(self) -> list[str]:
        return [f.rule for f in self.firings]


class Matched:
    """A firing's matched facts, ({"fact": ..., "value": ...}, ...) in binding order,
    written out each time they are read: they follow from the durable rule's bindings
    (match_specs) and the person's facts, and only a trace reads them, so a decision
    alone (a batch row, at 1,000 rules 368 firings a person) never builds them. Each
    reading gives new dicts: no two traces share one."""

    __slots__ = ("plan", "facts")

    def __init__(self, plan: tuple, facts: dict):
        self.plan, self.facts = plan, facts  # plan: match_specs' (specs, firing shape, nested keys)

    def __iter__(self):
        return iter(_matched(self.plan[0], self.facts))

    def __len__(self) -> int:
        return len(self.plan[0])

    def __repr__(self) -> str:
        return repr(tuple(self))


def _matched(specs: tuple, facts: dict) -> list:
    """A firing's matched entries: `firing_dicts` writes the same inline, with no call per
    firing, since a trace writes every firing."""
    return [{"fact": spec, "value": facts[spec]} if spec.__class__ is str else spec.copy() for spec in specs]
