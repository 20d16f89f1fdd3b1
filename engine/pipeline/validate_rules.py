"""Validate stage, part 2: rule files against the schema and the policy.

Checks each rule's shape, every comparison against the fact's declared type
and values, effects against the policy, citations against the knowledge base,
then the whole set: duplicate ids and cycles among derived facts.
All problems are collected; nothing stops at the first.
"""
from __future__ import annotations

from ..errors import Collector, Pos, did_you_mean
from .load import Map, Seq
from .effects import parse_cites, parse_then
from .model import All, Any, Cmp, Cond, FactDef, Not, Policy, Rule, WrittenId, valued_facts
from .operands import BAD, VALUED_OPS, derive_positions, hint, operand, report_surprises, valued_cmp
from .field_checks import RULE_ID, UnreadFacts, check_keys, identifier, is_map, is_seq, number, show, text, written_as
from .tables import parse_tables
from .cycles import check_cycles
from ..quote import quote, shown_path

RULE_KEYS = (("id", "reason", "cites", "when", "then"), ("salience", "description"))
_OPS_BY_TYPE = {
    "enum": ("equals", "one_of", "not_one_of", "is"),
    "bool": ("equals", "is"),
    "number": ("equals", "lt", "lte", "gt", "gte", "is"),
    "set": ("contains", "is"),
    "derived": ("equals", "is"),
}
OPERATORS = ("equals", "one_of", "not_one_of", "lt", "lte", "gt", "gte", "contains", "is")
_DERIVED_OPS = ("equals", "is", "one_of", "not_one_of")  # a derived fact's, true-or-false or valued
MAX_SALIENCE = 1000


def parse_rule_file(doc, label: str, facts: dict, policy: Policy | None, out: Collector,
                    sections: dict | None = None, sources: dict | None = None,
                    ids: list[WrittenId] | None = None, at: Pos | None = None) -> list[Rule]:
    """The rules and table rows of one file that validate; every problem goes to `out`.
    `sections` (knowledge-base anchors) lets each citation be checked at its own token;
    `sources` gets each table CSV read (`rows_from`), name -> text, for the digests;
    `ids` gets (id, where it is written) of every rule and row whose id is well formed,
    valid or not, so check_rule_set reports a duplicate id beside the copies' other errors.
    `at`: where the document's value is written, for one that is no mapping (load.parse_yaml's
    `root`)."""
    if doc is None:
        return []
    if not is_map(doc, getattr(doc, "pos", at or Pos(label)), out, label):
        return []
    check_keys(doc, (), ("rules", "tables", "description"), out, "rule file")
    rules: list[Rule] = []
    if "tables" in doc:
        rules.extend(parse_tables(doc["tables"], doc.at("tables"), label, facts, policy, out, sections, sources,
                                  ids)[1])
    elif "rules" not in doc:
        out.add("PF201", "rule file needs key 'rules' (or 'tables')", doc.pos)
    rules_raw = doc.get("rules")
    if "rules" not in doc or not is_seq(rules_raw, doc.at("rules"), out, "rules"):
        return rules
    valued = valued_facts(facts)  # once per file, not once per comparison
    for i, body in enumerate(rules_raw):
        if isinstance(body, Map) or is_map(body, rules_raw.at(i), out, "rule"):
            rule = _rule(body, label, facts, policy, out, sections or {}, valued, ids)
            if rule:
                rules.append(rule)
    return rules


def _rule(body: Map, label: str, facts: dict, policy: Policy | None, out: Collector, sections: dict,
          valued: dict, ids: list[WrittenId] | None = None) -> Rule | None:
    check_keys(body, *RULE_KEYS, out, "rule")
    rid = body.get("id")
    if "id" in body and not identifier(rid, body.at("id"), out, "rule id", RULE_ID):
        rid = None
    if rid is not None and ids is not None:
        ids.append(WrittenId(rid, body.at("id")))
    reason = text(body, "reason", out, "reason")
    if "reason" in body and isinstance(body["reason"], str) and not reason.strip():
        out.add("PF204", "reason must not be empty", body.at("reason"))
    cites = parse_cites(body, out, sections, f"rule {quote(rid)}" if rid else "this rule") if "cites" in body else []
    salience = 0
    if "salience" in body:
        s = number(body["salience"], body.at("salience"), out, "salience", written_as(body, "salience"))
        # a whole number as written: `1.0`, which number() gives as 1, is refused as before
        if s is not None and (not isinstance(body["salience"], int) or abs(s) > MAX_SALIENCE):
            out.add("PF204", f"salience must be a whole number from -{MAX_SALIENCE} to {MAX_SALIENCE}", body.at("salience"))
        elif s is not None:
            salience = s
    when = parse_cond(body["when"], body.at("when"), facts, out, valued) if "when" in body else None
    then = parse_then(body["then"], body.at("then"), facts, policy, out, valued) if "then" in body else None
    if rid is None or when is None or then is None:
        return None
    return Rule(rid, reason, tuple(cites), when, then, salience, label, body.pos,
                body.at("id"), derive_positions(body["then"], then.derive))


def parse_cond(raw, pos: Pos | None, facts: dict, out: Collector, valued: dict | None = None) -> Cond | None:
    """`valued` is valued_facts(facts), worked out once by the caller for a whole file.
    `pos`, where `raw` was written, is read only when `raw` is not a mapping: a caller
    may pass None for a mapping (16,000 conditions at 1,000 rules, each a lookup saved)."""
    if valued is None:
        valued = valued_facts(facts)
    if raw.__class__ is not Map and not is_map(raw, pos, out, "condition"):
        return None
    key = "all" if "all" in raw else "any" if "any" in raw else "not" if "not" in raw else None  # the first
    if key is not None:
        if len(raw) != 1:
            for other in raw:
                if other != key:
                    out.add("PF202", f"{quote(key)} must stand alone in its mapping; {quote(other)} cannot go with it",
                            raw.key_at(other))
        if key == "not":
            inner = parse_cond(raw["not"], raw.at("not"), facts, out, valued)
            return Not(inner, raw.pos) if inner and len(raw) == 1 else None
        if not is_seq(raw[key], raw.at(key), out, key):
            return None
        if not raw[key]:
            out.add("PF204", f"{quote(key)} needs at least one condition", raw.at(key))
            return None
        seq = raw[key]
        items = [parse_cond(item, None if isinstance(item, Map) else seq.at(i), facts, out, valued)
                 for i, item in enumerate(seq)]
        if None in items or len(raw) != 1:
            return None
        return (All if key == "all" else Any)(tuple(items), raw.pos)
    return _cmp(raw, facts, out, valued)


_OPERATORS = frozenset(OPERATORS)


def _plain_cmp(raw: Map, facts: dict, valued: dict):
    """The fact and operator of a comparison `{fact: NAME, OPERATOR: VALUE}` whose fact is
    known and operator valid, with nothing YAML 1.1 read otherwise in it: what _cmp's
    checks would find, up to the operator's fit and the operand, with nothing to report.
    None for anything else, which _cmp checks in full."""
    if len(raw) != 2 or raw.surprises:
        return None
    first, second = raw
    op = second if first == "fact" else first if second == "fact" else None
    name = raw["fact"] if op is not None else None
    if name.__class__ is not str or op not in _OPERATORS:
        return None
    if name in valued:
        fact = FactDef(name, "derived", "enum", valued[name])
    else:
        fact = facts.get(name) if "=" not in name else None
        if fact is None or fact.type == "invalid":
            return None
    value = raw[op]
    if isinstance(value, Seq) and value.surprises:
        return None
    return fact, op


def _cmp(raw: Map, facts: dict, out: Collector, valued: dict) -> Cmp | None:
    """One comparison. Every part is checked whatever else is wrong with it: the fact,
    each operator, and each operand's YAML 1.1 surprise (always PF211, an error), so
    fixing one problem never reveals another that was there all along.
    A comparison with nothing to report up to its operator's fit (nearly all of them)
    skips to that check (_plain_cmp)."""
    plain = _plain_cmp(raw, facts, valued)
    if plain is not None:
        fact, op = plain
        return _checked_cmp(raw, fact, op, out, valued)
    ops = [k for k in raw if k != "fact"]
    fact: FactDef | None = None
    if "fact" not in raw:
        # the first key that is no operator stands where `fact` should: reported once, there
        stray = next((k for k in raw if k not in OPERATORS), None)
        out.add("PF201", "a condition is `all`, `any`, `not`, or `{fact: NAME, OPERATOR: VALUE}`"
                f"{hint(stray or '', ('all', 'any', 'not', 'fact'))}",
                raw.key_at(stray) if stray is not None else raw.pos)
        ops = [k for k in ops if k != stray]
    else:
        name = raw["fact"]
        if isinstance(name, str) and name in valued:  # tested as an enum; see operands.valued_cmp
            fact = FactDef(name, "derived", "enum", valued[name])
        else:
            fact = facts.get(name) if isinstance(name, str) and "=" not in name else None
        if fact is None and not isinstance(facts, UnreadFacts):  # unread: the schema's error says why
            names = [n for n in facts if "=" not in n] + list(valued)
            out.add("PF205", f"unknown fact {show(name)}{did_you_mean(name, names)}", raw.at("fact"))
    unknown = [k for k in ops if k not in OPERATORS]
    takes = () if fact is None else VALUED_OPS if fact.name in valued else _OPS_BY_TYPE.get(
        "derived" if fact.kind == "derived" else fact.type, ())
    for k in unknown:
        out.add("PF202", f"unknown operator {quote(k)}{hint(k, OPERATORS, takes)}", raw.key_at(k))
    known = [k for k in ops if k in OPERATORS]
    if not ops and fact is not None:
        out.add("PF201", f"a comparison needs one operator ({', '.join(OPERATORS)})", raw.pos)
    for k in known[1:]:
        out.add("PF201", f"a comparison has exactly one operator; {quote(k)} follows {quote(known[0])}", raw.key_at(k))
    for k in ops:
        report_surprises(raw, k, fact, out)
    if fact is not None and fact.type == "invalid" and fact.kind == "derived" and len(known) == len(ops) == 1 \
            and ops[0] not in _DERIVED_OPS:  # wrong whether it is true-or-false or valued
        out.add("PF210", f"{quote(ops[0])} does not apply to derived fact {quote(fact.name)}; use {', '.join(_DERIVED_OPS)}",
                raw.key_at(ops[0]))
    if fact is None or fact.type == "invalid" or unknown or len(ops) != 1:
        return None  # an invalid fact's schema error already reported it
    return _checked_cmp(raw, fact, ops[0], out, valued)


def _checked_cmp(raw: Map, fact: FactDef, op: str, out: Collector, valued: dict) -> Cond | None:
    """A comparison whose fact and single operator are known: the operator's fit, then the operand."""
    if fact.name in valued:
        return valued_cmp(raw, fact.name, op, fact.values, out)
    kind = "derived" if fact.kind == "derived" else fact.type
    if op not in _OPS_BY_TYPE[kind]:
        out.add("PF210", f"{quote(op)} does not apply to {kind} fact {quote(fact.name)}; use {', '.join(_OPS_BY_TYPE[kind])}", raw.key_at(op))
        return None
    value = operand(raw, op, fact, out)
    if value is BAD:
        return None
    return Cmp(fact.name, op, value, raw.pos)


def check_certainties(rules: list[Rule], out: Collector) -> None:
    """Under combine: certainty, factors 1 and -1 for one outcome would meet in a
    division by zero if both rules fired (PF223, at the later rule by id)."""
    seen: dict[tuple, Rule] = {}
    for rule in sorted(rules, key=lambda r: r.id):
        for outcome, w in rule.then.evidence:
            if w in (1, -1):
                other = seen.get((outcome, -w))
                if other is not None:
                    out.add("PF223", f"rule {quote(rule.id)} gives {outcome} certainty {w:g} and rule {quote(other.id)} "
                            f"{-w:g}: together they have no combination; use a factor short of {w:g}", rule.pos)
                seen.setdefault((outcome, w), rule)


def check_rule_set(rules: list[Rule], facts: dict, out: Collector,
                   ids: list[WrittenId] | None = None) -> None:
    """Whole-set checks: unique ids and no cycles among derived facts. Citations are
    checked rule by rule (parse_rule_file), each at its own token, so a rule with another
    error still has its citations checked. A duplicate id is reported at the later id's
    token (a table row's id cell, or the row when it has none), naming the first.
    First and later are by place written (file, line, column), not by the order files
    were read in: a file's tables are read before its rules, yet a rule written above a
    table keeps its id and the table row is the copy.
    `ids` (from parse_rule_file) holds the ids of rules that did not validate too: a copy
    with an unknown fact is still a copy, and every problem is reported in one run.
    A decision table's id used twice is PF206 too, at the later table's id: its rows'
    ids are the table's id and theirs, so a row that then clashes with a row of the first
    table is that one mistake, not another to report."""
    if ids is None:
        ids = [WrittenId(rule.id, _id_pos(rule)) for rule in rules]
    by_place = sorted(ids, key=lambda e: (e.pos.file, e.pos.line, e.pos.col))
    tables: dict[str, Pos] = {}  # table id -> where the first table with it is
    copies: dict[Pos, Pos] = {}  # where a later table's id is -> where the first's is
    for table in (e for e in by_place if e.kind == "table"):
        if table.id in tables:
            first = copies[table.pos] = tables[table.id]
            out.add("PF206", f"table id {quote(table.id)} already used at {shown_path(first.file)}:{first.line}:{first.col}",
                    table.pos)
        else:
            tables[table.id] = table.pos
    seen: dict[str, list[WrittenId]] = {}
    for entry in (e for e in by_place if e.kind != "table"):
        earlier = seen.setdefault(entry.id, [])
        first = next((e for e in earlier if not _copied(e, entry, copies)), None)
        if first is not None:
            where = first.pos
            out.add("PF206", f"rule id {quote(entry.id)} already used at {shown_path(where.file)}:{where.line}:{where.col}", entry.pos)
        earlier.append(entry)
    check_cycles(rules, facts, out)


def _copied(first: WrittenId, later: WrittenId, copies: dict) -> bool:
    """Whether two rows of one id are rows of two tables of one id (`copies`: a later
    table's id position -> the first's): reported once, at the later table's id."""
    return first.kind == later.kind == "row" and first.table != later.table and \
        copies.get(first.table, first.table) == copies.get(later.table, later.table)


def _id_pos(rule: Rule) -> Pos:
    return rule.id_pos if rule.id_pos.line else rule.pos
