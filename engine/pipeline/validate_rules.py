"""Validate stage, part 2: rule files against the schema and the policy.

Checks each rule's shape, every comparison against the fact's declared type
and values, effects against the policy, citations against the knowledge base,
then the whole set: duplicate ids and cycles among derived facts.
All problems are collected; nothing stops at the first.
"""
from __future__ import annotations

from ..errors import Collector, Pos, did_you_mean
from .load import Map, Seq
from .model import All, Any, Cmp, Cond, Effects, FactDef, Not, Policy, Rule, facts_in
from .field_checks import RULE_ID, check_keys, identifier, is_map, is_seq, number, show, text, type_name

RULE_KEYS = (("id", "reason", "cites", "when", "then"), ("salience", "description"))
THEN_KEYS = ("derive", "evidence", "suggest", "refer", "not_now")
_OPS_BY_TYPE = {
    "enum": ("equals", "one_of", "not_one_of", "is"),
    "bool": ("equals", "is"),
    "number": ("equals", "lt", "lte", "gt", "gte", "is"),
    "set": ("contains", "is"),
    "derived": ("equals", "is"),
}
OPERATORS = ("equals", "one_of", "not_one_of", "lt", "lte", "gt", "gte", "contains", "is")
MAX_SALIENCE = 1000


def parse_rule_file(doc, label: str, facts: dict, policy: Policy | None, out: Collector,
                    sections: dict | None = None) -> list[Rule]:
    """The rules of one file that validate; every problem of every rule goes to `out`.
    `sections` (knowledge-base anchors) lets each citation be checked at its own token."""
    if doc is None:
        return []
    if not is_map(doc, getattr(doc, "pos", Pos(label)), out, label):
        return []
    check_keys(doc, ("rules",), ("description",), out, "rule file")
    rules_raw = doc.get("rules")
    if "rules" not in doc or not is_seq(rules_raw, doc.at("rules"), out, "rules"):
        return []
    rules = []
    for i, body in enumerate(rules_raw):
        if is_map(body, rules_raw.at(i), out, "rule"):
            rule = _rule(body, label, facts, policy, out, sections or {})
            if rule:
                rules.append(rule)
    return rules


def _rule(body: Map, label: str, facts: dict, policy: Policy | None, out: Collector, sections: dict) -> Rule | None:
    check_keys(body, *RULE_KEYS, out, "rule")
    rid = body.get("id")
    if "id" in body and not identifier(rid, body.at("id"), out, "rule id", RULE_ID):
        rid = None
    reason = text(body, "reason", out, "reason")
    if "reason" in body and isinstance(body["reason"], str) and not reason.strip():
        out.add("PF204", "reason must not be empty", body.at("reason"))
    cites: list[str] = []
    if "cites" in body and is_seq(body["cites"], body.at("cites"), out, "cites"):
        for j, c in enumerate(body["cites"]):
            if not isinstance(c, str):
                out.add("PF203", f"citation must be an anchor name, not {type_name(c)}", body["cites"].at(j))
                continue
            if sections and c not in sections:  # no sections: the knowledge base's own error says why
                out.add("PF207", f"{f'rule {rid!r}' if rid else 'this rule'} cites {c!r}, which is no section of the "
                        f"knowledge base{did_you_mean(c, sections)}", body["cites"].at(j))
            cites.append(c)
        if not cites and not body["cites"]:
            out.add("PF201", "a rule cites at least one knowledge-base section", body.at("cites"))
    salience = 0
    if "salience" in body:
        s = number(body["salience"], body.at("salience"), out, "salience")
        if s is not None and (not isinstance(s, int) or abs(s) > MAX_SALIENCE):
            out.add("PF204", f"salience must be a whole number from -{MAX_SALIENCE} to {MAX_SALIENCE}", body.at("salience"))
        elif s is not None:
            salience = s
    when = parse_cond(body["when"], body.at("when"), facts, out) if "when" in body else None
    then = _then(body["then"], body.at("then"), facts, policy, out) if "then" in body else None
    if rid is None or when is None or then is None:
        return None
    return Rule(rid, reason, tuple(cites), when, then, salience, label, body.pos)


def parse_cond(raw, pos: Pos, facts: dict, out: Collector) -> Cond | None:
    if not is_map(raw, pos, out, "condition"):
        return None
    combinators = [k for k in ("all", "any", "not") if k in raw]
    if combinators:
        key = combinators[0]
        if len(raw) != 1:
            for other in raw:
                if other != key:
                    out.add("PF202", f"{key!r} must stand alone in its mapping; {other!r} cannot go with it",
                            raw.key_at(other))
        if key == "not":
            inner = parse_cond(raw["not"], raw.at("not"), facts, out)
            return Not(inner, raw.pos) if inner and len(raw) == 1 else None
        if not is_seq(raw[key], raw.at(key), out, key):
            return None
        if not raw[key]:
            out.add("PF204", f"{key!r} needs at least one condition", raw.at(key))
            return None
        items = [parse_cond(item, raw[key].at(i), facts, out) for i, item in enumerate(raw[key])]
        if any(item is None for item in items) or len(raw) != 1:
            return None
        return (All if key == "all" else Any)(tuple(items), raw.pos)
    return _cmp(raw, facts, out)


def _cmp(raw: Map, facts: dict, out: Collector) -> Cmp | None:
    """One comparison. Every part is checked whatever else is wrong with it: the fact,
    each operator, and each operand's YAML 1.1 surprise (always PF211, an error), so
    fixing one problem never reveals another that was there all along."""
    ops = [k for k in raw if k != "fact"]
    fact: FactDef | None = None
    if "fact" not in raw:
        # the first key that is no operator stands where `fact` should: reported once, there
        stray = next((k for k in raw if k not in OPERATORS), None)
        out.add("PF201", "a condition is `all`, `any`, `not`, or `{fact: NAME, OPERATOR: VALUE}`"
                f"{did_you_mean(stray or '', ('all', 'any', 'not', 'fact'))}",
                raw.key_at(stray) if stray is not None else raw.pos)
        ops = [k for k in ops if k != stray]
    else:
        name = raw["fact"]
        fact = facts.get(name) if isinstance(name, str) else None
        if fact is None:
            out.add("PF205", f"unknown fact {show(name)}{did_you_mean(name, facts)}", raw.at("fact"))
    unknown = [k for k in ops if k not in OPERATORS]
    for k in unknown:
        out.add("PF202", f"unknown operator {k!r}{did_you_mean(k, OPERATORS)}", raw.key_at(k))
    known = [k for k in ops if k in OPERATORS]
    if not ops and fact is not None:
        out.add("PF201", f"a comparison needs one operator ({', '.join(OPERATORS)})", raw.pos)
    for k in known[1:]:
        out.add("PF201", f"a comparison has exactly one operator; {k!r} follows {known[0]!r}", raw.key_at(k))
    for k in ops:
        _surprises(raw, k, fact, out)
    if fact is None or fact.type == "invalid" or unknown or len(ops) != 1:
        return None  # an invalid fact's schema error already reported it
    op = ops[0]
    kind = "derived" if fact.kind == "derived" else fact.type
    if op not in _OPS_BY_TYPE[kind]:
        out.add("PF210", f"{op!r} does not apply to {kind} fact {fact.name!r}; use {', '.join(_OPS_BY_TYPE[kind])}", raw.key_at(op))
        return None
    value = _operand(raw, op, fact, out)
    if value is _BAD:
        return None
    return Cmp(fact.name, op, value, raw.pos)


def _surprised(node, key) -> bool:
    """Whether YAML 1.1 turned the plain scalar at `key` into something other than its text
    (`yes` into true, `012` into 10). PyYAML reads `y` and `n` as text, as YAML 1.2 does:
    those are no surprise here (lint's PF711 still mentions them)."""
    return key in node.surprises and not isinstance(node[key], str)


def _surprises(raw: Map, op: str, fact: FactDef | None, out: Collector) -> None:
    """PF211 (an error) for each plain scalar YAML 1.1 reads as a boolean or an octal in an
    operand: what the author meant cannot be known, whichever fact it is compared with.
    The wording follows the fact when it is known; the code and severity never do."""
    value = raw[op]
    found = [(raw.at(op), raw.surprises[op], value)] if _surprised(raw, op) else []
    if isinstance(value, Seq):
        found += [(value.at(i), value.surprises[i], value[i]) for i in sorted(value.surprises) if _surprised(value, i)]
    for pos, text, read in found:
        if not isinstance(read, bool):
            fix = "write the number without a leading zero"
        elif fact is not None and fact.type == "bool":
            fix = f"write {show(read)}"
        elif fact is not None and fact.type == "number":
            fix = f"{fact.name} is a number"
        elif fact is not None and fact.type != "invalid":
            fix = "quote it to mean the text"
        else:
            fix = f"write {show(read)} for the boolean, or quote it for the text"
        out.add("PF211", f"{text!r} is YAML 1.1 for {show(read)}; {fix}", pos)


_BAD = object()


def _operand(raw: Map, op: str, fact: FactDef, out: Collector):
    value, pos = raw[op], raw.at(op)
    if _surprised(raw, op):
        return _BAD  # reported by _surprises
    if op == "is":
        allowed = ("known",) if fact.kind == "derived" else ("known", "unknown")
        if value not in allowed:
            out.add("PF204", f"'is' takes {' or '.join(allowed)} here, not {show(value)}", pos)
            return _BAD
        return value
    if fact.type == "bool":
        if not isinstance(value, bool):
            out.add("PF203", f"{fact.name} is true or false, not {show(value)}", pos)
            return _BAD
        return value
    if fact.type == "number":
        num = number(value, pos, out, f"{fact.name} threshold")
        if num is None:
            return _BAD
        if op == "equals" and not (fact.minimum <= num <= fact.maximum):
            out.add("PF218", f"{fact.name} is between {fact.minimum} and {fact.maximum}; {num} can never be equal", pos)
            return _BAD
        return num
    if op in ("one_of", "not_one_of"):
        if not is_seq(value, pos, out, op) or not value:
            if isinstance(value, Seq):
                out.add("PF204", f"{op!r} needs at least one value", pos)
            return _BAD
        values = [_BAD if _surprised(value, i) else _enum_value(v, value.at(i), fact, out) for i, v in enumerate(value)]
        return _BAD if _BAD in values else tuple(dict.fromkeys(values))
    return _enum_value(value, pos, fact, out)


def _enum_value(value, pos: Pos, fact: FactDef, out: Collector):
    if isinstance(value, str) and value in fact.values:
        return value
    out.add("PF204", f"{show(value)} is not a value of {fact.name} ({', '.join(fact.values)})"
            f"{did_you_mean(value, fact.values)}", pos)
    return _BAD


def _then(raw, pos: Pos, facts: dict, policy: Policy | None, out: Collector) -> Effects | None:
    if not is_map(raw, pos, out, "then"):
        return None
    check_keys(raw, (), THEN_KEYS, out, "then")
    derive, suggest, evidence = [], [], []
    for i, name in enumerate(raw.get("derive") or ()) if is_seq_opt(raw, "derive", out) else ():
        fact = facts.get(name) if isinstance(name, str) else None
        if fact is None or fact.kind != "derived":
            hint = " (it is an input fact; rules derive only facts declared under 'derived')" if fact else \
                did_you_mean(name, [f for f, d in facts.items() if d.kind == "derived"])
            out.add("PF205", f"cannot derive {show(name)}{hint}", raw["derive"].at(i))
        elif name not in derive:
            derive.append(name)
    formats = dict(policy.formats) if policy else {}
    for i, name in enumerate(raw.get("suggest") or ()) if is_seq_opt(raw, "suggest", out) else ():
        if name not in formats:
            out.add("PF213", f"unknown format {show(name)}{did_you_mean(name, formats)}", raw["suggest"].at(i))
        elif name not in suggest:
            suggest.append(name)
    if "evidence" in raw and is_map(raw["evidence"], raw.at("evidence"), out, "evidence"):
        allowed = policy.evidence_outcomes if policy else ()
        for outcome, weight in raw["evidence"].items():
            w = number(weight, raw["evidence"].at(outcome), out, "evidence weight")  # checked whatever the outcome
            if outcome not in allowed:
                out.add("PF213", f"evidence for {outcome!r}: evidence goes to {', '.join(allowed)}{did_you_mean(outcome, allowed)}", raw["evidence"].key_at(outcome))
            elif w is not None and w <= 0:
                out.add("PF204", "evidence weight must be greater than 0", raw["evidence"].at(outcome))
            elif w is not None:
                evidence.append((outcome, w))
    refer = None
    if "refer" in raw:
        refer = raw["refer"]
        referrals = policy.referrals if policy else ()
        if refer not in referrals:
            out.add("PF213", f"unknown referral {show(refer)}{did_you_mean(refer, referrals)}", raw.at("refer"))
    not_now = False
    if "not_now" in raw:
        if raw["not_now"] is not True:
            out.add("PF204", "not_now takes true (omit it otherwise)", raw.at("not_now"))
        not_now = True
    effects = Effects(tuple(derive), tuple(sorted(evidence)), tuple(suggest), refer, not_now)
    if not (effects.derive or effects.evidence or effects.suggest or effects.refer or effects.not_now) and not raw:
        out.add("PF214", "`then` does nothing: derive, evidence, suggest, refer or not_now", pos)
    return effects


def is_seq_opt(raw: Map, key: str, out: Collector) -> bool:
    return key in raw and is_seq(raw[key], raw.at(key), out, key)


def check_rule_set(rules: list[Rule], facts: dict, out: Collector) -> None:
    """Whole-set checks: unique ids and no cycles among derived facts. Citations are
    checked rule by rule (parse_rule_file), each at its own token, so a rule with another
    error still has its citations checked."""
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            first = seen[rule.id].pos
            out.add("PF206", f"rule id {rule.id!r} already used at {first.file}:{first.line}", rule.pos)
        else:
            seen[rule.id] = rule
    _check_cycles(rules, facts, out)


def dependency_edges(rules: list[Rule], facts: dict) -> dict[str, list[tuple[str, bool, Rule]]]:
    """derived fact -> [(derived fact it depends on, through negation?, rule)]."""
    edges: dict[str, list] = {}
    for rule in rules:
        reads = [(c.fact, polarity_negative(rule.when, c)) for c in facts_in(rule.when) if facts[c.fact].kind == "derived"]
        for target in rule.then.derive:
            for source, negative in reads:
                edges.setdefault(target, []).append((source, negative, rule))
    return edges


def polarity_negative(cond: Cond, target: Cmp, negated: bool = False) -> bool:
    """True when `target` (a derived-fact comparison) needs the fact to be refuted.

    `equals: false`, or `equals: true` under an odd number of `not`s, asks for
    the fact to fail; `is: known` asks for holds-or-fails, so it needs failure too.
    """
    if cond is target:
        if target.op == "is":
            return True
        return (target.value is False) != negated
    if isinstance(cond, Not):
        return polarity_negative(cond.item, target, not negated)
    if isinstance(cond, (All, Any)):
        for item in cond.items:
            if any(c is target for c in facts_in(item)):
                return polarity_negative(item, target, negated)
    return False


def _check_cycles(rules: list[Rule], facts: dict, out: Collector) -> None:
    edges = dependency_edges(rules, facts)
    state: dict[str, int] = {}
    path: list[tuple[str, tuple | None]] = []  # (node, edge that led to it)
    reported: set[frozenset] = set()

    def visit(node: str) -> None:
        state[node] = 1
        for source, negative, rule in sorted(edges.get(node, []), key=lambda e: (e[0], e[2].id)):
            if state.get(source) == 1:
                idx = next(i for i, (n, _) in enumerate(path) if n == source)
                cycle = [edge for _, edge in path[idx + 1:]] + [(negative, rule)]
                names = [n for n, _ in path[idx:]] + [source]
                if frozenset(names) in reported:
                    continue
                reported.add(frozenset(names))
                through_not = any(neg for neg, _ in cycle)
                where = min((r for _, r in cycle), key=lambda r: (r.pos.file, r.pos.line, r.id))
                kind = "through negation" if through_not else "of derivations"
                out.add("PF208" if through_not else "PF209",
                        f"cycle {kind}: {' <- '.join(names)} (rules {', '.join(sorted({r.id for _, r in cycle}))})",
                        where.pos)
            elif source not in state:
                path.append((source, (negative, rule)))
                visit(source)
                path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            path.append((node, None))
            visit(node)
            path.pop()
