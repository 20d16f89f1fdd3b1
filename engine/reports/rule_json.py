"""A rule as data, for scripts: `pathfit rules list|show --format json` (its schemas:
`pathfit schema --kind rules-list` and `--kind rules-show`) and the service's `GET /v1/rules`,
whose effects are keyed alike (one owner of the shape).

Kept apart from cli/rules.py: the text a person reads and the shape a script reads change
for different reasons, and the shape is the published contract."""
from __future__ import annotations

from ..pipeline.model import Cmp, Cond, Not, Rule, RuleSet
from ..authoring.rule_queries import Link
from ..pipeline.ruleset import shown_file


def rule_json(rule: Rule, sections: dict | None = None, directories: dict | None = None) -> dict:
    """A rule's id, where it is written, reason, citations and effects; with `sections`
    (`rules show`), its condition and salience too, and each citation's section title.
    `directories`: shown_file's `known`, for a caller listing many rules."""
    out = {"id": rule.id, "file": shown_file(rule.file, directories), "line": rule.pos.line, "reason": rule.reason,
           "cites": list(rule.cites), "effects": effects_json(rule)}
    if sections is not None:
        out["titles"] = {cite: sections.get(cite, "") for cite in rule.cites}
        out["when"] = condition_json(rule.when)
        out["salience"] = rule.salience
    return out


def effects_json(rule: Rule) -> dict:
    """What the rule does, keyed as `GET /v1/rules` keys it (a valued derived fact's value
    as `pace=fast`, the name its rule set runs it under)."""
    then, out = rule.then, {}
    if then.derive:
        out["derive"] = list(then.derive)
    if then.evidence:
        out["evidence"] = {o: w for o, w in then.evidence}
    if then.suggest:
        out["suggest"] = list(then.suggest)
    if then.refer:
        out["refer"] = then.refer
    if then.not_now:
        out["not_now"] = True
    return out


def condition_json(cond: Cond) -> dict:
    """A condition as the rule set runs it: {"fact", "op", "value"} per comparison (a valued
    derived fact tested as its per-value facts), {"all": [...]}, {"any": [...]}, {"not": ...}."""
    if isinstance(cond, Cmp):
        value = list(cond.value) if isinstance(cond.value, tuple) else cond.value
        return {"fact": cond.fact, "op": cond.op, "value": value}
    if isinstance(cond, Not):
        return {"not": condition_json(cond.item)}
    return {type(cond).__name__.lower(): [condition_json(item) for item in cond.items]}


def link_json(rs: RuleSet, link: Link) -> dict:
    """One dependency: the rule, the fact linking it, the rule one step nearer the rule
    shown that it links to, and how many steps away it is."""
    return {"rule": rs.rules[link.rule].id, "fact": link.fact, "linked_to": rs.rules[link.to].id,
            "depth": link.depth}
