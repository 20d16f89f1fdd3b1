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


def parse_rule_file(doc, label: str, facts: dict, policy: Policy | None, out: Collector) -> list[Rule]:
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
            rule = _rule(body, label, facts, policy, out)
            if rule:
                rules.append(rule)
    return rules


def _rule(body: Map, label: str, facts: dict, policy: Policy | None, out: Collector) -> Rule | None:
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
            else:
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
        if len(raw) != 1:
            out.add("PF202", f"{combinators[0]!r} must stand alone in its mapping", raw.pos)
            return None
        key = combinators[0]
        if key == "not":
            inner = parse_cond(raw["not"], raw.at("not"), facts, out)
            return Not(inner, raw.pos) if inner else None
        if not is_seq(raw[key], raw.at(key), out, key):
            return None
        if not raw[key]:
            out.add("PF204", f"{key!r} needs at least one condition", raw.at(key))
            return None
        items = [parse_cond(item, raw[key].at(i), facts, out) for i, item in enumerate(raw[key])]
        if any(item is None for item in items):
            return None
        return (All if key == "all" else Any)(tuple(items), raw.pos)
    return _cmp(raw, facts, out)


def _cmp(raw: Map, facts: dict, out: Collector) -> Cmp | None:
    if "fact" not in raw:
        out.add("PF201", "a condition is `all`, `any`, `not`, or `{fact: NAME, OPERATOR: VALUE}`"
                f"{did_you_mean(next(iter(raw), ''), ('all', 'any', 'not', 'fact'))}", raw.pos)
        return None
    ops = [k for k in raw if k != "fact"]
    for k in ops:
        if k not in OPERATORS:
            out.add("PF202", f"unknown operator {k!r}{did_you_mean(k, OPERATORS)}", raw.key_at(k))
            return None
    if len(ops) != 1:
        out.add("PF201", f"a comparison has exactly one operator ({', '.join(OPERATORS)})", raw.pos)
        return None
    name, op = raw["fact"], ops[0]
    fact: FactDef | None = facts.get(name) if isinstance(name, str) else None
    if fact is None:
        out.add("PF205", f"unknown fact {show(name)}{did_you_mean(name, facts)}", raw.at("fact"))
        return None
    if fact.type == "invalid":
        return None  # the schema error already reported it
    kind = "derived" if fact.kind == "derived" else fact.type
    if op not in _OPS_BY_TYPE[kind]:
        out.add("PF210", f"{op!r} does not apply to {kind} fact {name!r}; use {', '.join(_OPS_BY_TYPE[kind])}", raw.key_at(op))
        return None
    value = _operand(raw, op, fact, out)
    if value is _BAD:
        return None
    return Cmp(name, op, value, raw.pos)


_BAD = object()


def _operand(raw: Map, op: str, fact: FactDef, out: Collector):
    value, pos = raw[op], raw.at(op)
    surprise = raw.surprises.get(op)
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
        if surprise is not None:
            out.add("PF211", f"{surprise!r} is YAML 1.1 for {show(value)}; write {show(value)}", pos)
        return value
    if fact.type == "number":
        num = number(value, pos, out, f"{fact.name} threshold", surprise)
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
        values = [_enum_value(v, value.at(i), value.surprises.get(i), fact, out) for i, v in enumerate(value)]
        return _BAD if _BAD in values else tuple(dict.fromkeys(values))
    return _enum_value(value, pos, surprise, fact, out)


def _enum_value(value, pos: Pos, surprise: str | None, fact: FactDef, out: Collector):
    if isinstance(value, str) and value in fact.values:
        return value
    if surprise is not None:
        out.add("PF211", f"{surprise!r} was read as {show(value)}; quote it to mean the text", pos)
    else:
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
            if outcome not in allowed:
                out.add("PF213", f"evidence for {outcome!r}: evidence goes to {', '.join(allowed)}{did_you_mean(outcome, allowed)}", raw["evidence"].key_at(outcome))
                continue
            certainty = policy is not None and policy.combine == "certainty"
            w = number(weight, raw["evidence"].at(outcome), out, "certainty factor" if certainty else "evidence weight")
            if w is not None and certainty and not -1 <= w <= 1:
                out.add("PF221", f"a certainty factor is from -1 to 1 (combine: certainty), not {w}",
                        raw["evidence"].at(outcome))
            elif w is not None and certainty and w == 0:
                out.add("PF204", "a certainty factor of 0 says nothing; omit it", raw["evidence"].at(outcome))
            elif w is not None and not certainty and w <= 0:
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


def check_certainties(rules: list[Rule], out: Collector) -> None:
    """Under combine: certainty, factors 1 and -1 for one outcome would meet in a
    division by zero if both rules fired (PF223, at the later rule by id)."""
    seen: dict[tuple, Rule] = {}
    for rule in sorted(rules, key=lambda r: r.id):
        for outcome, w in rule.then.evidence:
            if w in (1, -1):
                other = seen.get((outcome, -w))
                if other is not None:
                    out.add("PF223", f"rule {rule.id!r} gives {outcome} certainty {w:g} and rule {other.id!r} "
                            f"{-w:g}: together they have no combination; use a factor short of {w:g}", rule.pos)
                seen.setdefault((outcome, w), rule)


def check_rule_set(rules: list[Rule], facts: dict, sections: dict, out: Collector) -> None:
    """Whole-set checks: unique ids, citations that resolve, no cycles among derived facts."""
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            first = seen[rule.id].pos
            out.add("PF206", f"rule id {rule.id!r} already used at {first.file}:{first.line}", rule.pos)
        else:
            seen[rule.id] = rule
        for cite in rule.cites:
            if sections and cite not in sections:
                out.add("PF207", f"rule {rule.id!r} cites {cite!r}, which is no section of the knowledge base"
                        f"{did_you_mean(cite, sections)}", rule.pos)
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
