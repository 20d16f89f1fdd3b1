"""The lines of `explain --why-not` and `--what-if` that name facts, values and rules,
said for HR staff (labels, reasons) or, with `ids`, for a consultant (identifiers).

The explanation objects themselves (explain/result.py, the JSON) keep identifiers;
this only chooses how a text renderer says them, through explain/labels.py."""
from __future__ import annotations

from ..pipeline.figures import float_text
from ..pipeline.model import Any, Cmp, Not, RuleSet
from ..reports.numbers import exact_text
from .labels import condition_text, fact_named, outcome_text, rule_text, value_text
from .why_not import failed_part
from ..quote import quote


def _show(value) -> str:
    """A value as the rules write it (the `--ids` view)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "unknown"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(_show, value)) or "none"
    return float_text(value) if isinstance(value, float) else str(value)


# what a failed comparison needed, said with its test: the trace's `expected` holds the
# comparison's value alone, and "expected 2" for `hours < 2` would say the wrong thing
_NEEDED = {"lt": "less than", "lte": "at most", "gt": "more than", "gte": "at least", "one_of": "one of",
           "not_one_of": "none of", "contains": "to contain", "is": ""}


def _expected(part, expected) -> str:
    """A failure's expectation in the `--ids` view: the value, led by the comparison's test
    when it is not equality (`less than 2`, `one of a, b`)."""
    words = _NEEDED.get(part.op, "") if isinstance(part, Cmp) else ""
    return f"{words} {_show(expected)}" if words else _show(expected)


class Said:
    """How one text renderer names things: `ids` for consultants, else labels."""

    def __init__(self, rs: RuleSet | None, ids: bool = False):
        self.rs, self.ids = rs, ids or rs is None

    def outcome(self, outcome: str, referral: str | None = None) -> str:
        """An outcome (and referral): `refer (counselling)`, or the policy's label and the referral's words."""
        if self.ids:
            return outcome + (f" ({referral})" if referral else "")
        return outcome_text(self.rs, outcome, referral)

    def scores(self, scores: dict) -> str:
        """The evidence per outcome: `coaching 2, mentoring 0`, or by the outcomes' labels;
        each score in full (`number_text`), never rounded, so the tests said beside it hold as printed."""
        return ", ".join(f"{self.outcome(o)} {exact_text(s)}" for o, s in scores.items())

    def rules(self, rule_ids: list) -> str:
        """Rules that concluded something: their ids, or what they say."""
        if self.ids:
            return " and ".join(rule_ids)
        return " ".join(rule_text(self.rs, r) for r in rule_ids)

    def change(self, change: dict) -> str:
        """One what-if change: `fact: from -> to`, or `Question? From -> To`."""
        if self.ids:
            return f"{change['fact']}: {_show(change['from'])} -> {_show(change['to'])}"
        fact = self.rs.facts[change["fact"]]
        return f"{fact_named(fact)} {value_text(fact, change['from'])} -> {value_text(fact, change['to'])}"

    def entry_head(self, entry: dict) -> str:
        """A rule that did not fire: `id: reason`, or its reason alone."""
        return f"{entry['rule']}: {entry['reason']}" if self.ids else entry["reason"]

    def upstream_head(self, entry: dict) -> str:
        return f"because {entry['rule']}:" if self.ids else f"which needs: {rule_text(self.rs, entry['rule'])}"

    def entry_lines(self, entry: dict) -> list[str]:
        """Why a rule did not fire: the unknown facts it waits on, or the part of its
        condition that failed with what the person's facts say."""
        if entry["status"] == "waiting":
            if self.ids:
                return [f"waits on unknown: {', '.join(entry['unknown'])}"]
            asked = [self.rs.facts[f] for f in entry["unknown"] if self.rs.facts[f].kind == "input"]
            if not asked:  # only derived facts, themselves waiting on rules: no question to name
                return ["waits on conclusions not yet drawn"]
            return ["waits for an answer to: " + "; ".join(fact_named(f).rstrip(":") for f in asked)]
        part = failed_part(self.rs.rule(entry["rule"]).when, entry["condition"])
        if self.ids:
            return [f"failed: {entry['condition']}",
                    f"observed {_show(entry['observed'])}; expected {_expected(part, entry['expected'])}"]
        if isinstance(part, Cmp):
            fact = self.rs.facts[part.fact]
            # an `is:` test observes whether the fact is answered ("known"/"unknown"), not a value
            here = entry["observed"] if part.op == "is" else value_text(fact, entry["observed"])
            return [f"needs: {condition_text(self.rs, part)}", f"here: {here}"]
        if isinstance(part, Any):
            said = condition_text(self.rs, part)
            if said.startswith("("):  # several facts: any one of them would do
                return ["needs one of: " + said[1:-1], "here: none of these holds"]
            fact = self.rs.facts[part.items[0].fact]  # one fact: every item observed the same value
            return [f"needs: {said}", f"here: {value_text(fact, entry['observed'])}"]
        if isinstance(part, Not):
            return [f"needs: {condition_text(self.rs, part)}", "here: it holds"]
        raise ValueError(f"no part of {entry['rule']} reads {quote(entry['condition'])}")
