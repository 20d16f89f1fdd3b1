"""A comparison's operand, a decision-table cell and a derived value, checked against the fact.

Shared by rules (validate_rules.py) and decision tables (tables.py), so a cell gets exactly
the checks, codes and positions a rule's comparison gets. Valued derived facts are read
here too: a test on one becomes tests on its per-value facts (model.value_fact).
"""
from __future__ import annotations

from ..errors import Collector, Pos, did_you_mean
from .field_checks import UnreadFacts, is_seq, number, show, type_name, written_as
from .load import Map, Seq
from .condition_words import PRESENCE
from .model import Any, Cmp, Cond, FactDef, Not, value_fact, valued_facts
from .number_forms import text_number_message
from .tagged_words import for_text, is_read
from ..quote import quote

BAD = object()
VALUED_OPS = ("equals", "one_of", "not_one_of")
SEVERAL_IN_RULE = "to test for any of several values, use `one_of`"
SEVERAL_IN_TABLE = "for any of several values, give the column `test: one_of`"
SEVERAL_IN_CSV = "for any of several values, write the column's header as `{fact} one_of`"


def shown(value) -> str:
    """A value as a message shows it: a scalar as written (show), a list or a mapping by
    its kind, never as Python prints it (`['a', 'b']`, `{'a': 1}`, `[True]`)."""
    return type_name(value) if isinstance(value, (list, dict)) else show(value)


def valued_cmp(raw: Map, name: str, op: str, values: tuple, out: Collector):
    """A test on a valued derived fact, as tests on its per-value facts (model.value_fact):
    `equals: v` is `name=v` holds; `one_of` is any of them; `not_one_of` is none of them,
    so it holds when the fact has another value or no value at all (no rule set it)."""
    if op not in VALUED_OPS:
        out.add("PF210", f"{quote(op)} does not apply to valued derived fact {quote(name)}; use {', '.join(VALUED_OPS)}",
                raw.key_at(op))
        return None
    fact = FactDef(name, "input", "enum", values)  # only to check the operand as an enum's
    value = operand(raw, op, fact, out)
    if value is BAD:
        return None
    return valued_condition(name, op, value, raw.pos)


def valued_condition(name: str, op: str, value, pos: Pos) -> Cond:
    """A valued derived fact's test as tests on its per-value facts (see valued_cmp)."""
    chosen = (value,) if op == "equals" else value
    tests = tuple(Cmp(value_fact(name, v), "equals", True, pos) for v in chosen)
    one = tests[0] if len(tests) == 1 else Any(tests, pos)
    return Not(one, pos) if op == "not_one_of" else one


def cell_operand(cell, pos: Pos, surprise: str | None, op: str, fact: FactDef, out: Collector,
                 written: str | None = None):
    """A decision-table cell read as the operand of `op` on `fact`, with the checks a rule's
    comparison gets, located at the cell; None after reporting. A single value stands for a
    one-element list under one_of / not_one_of. `written`: the cell's text when it is a
    number not written as a plain decimal (`0x10`, `1_000`), refused as in a rule (PF211)."""
    raw = _cell_map(cell, pos, surprise, op)
    if written is not None:
        raw.as_written[op] = written
    report_surprises(raw, op, fact, out)
    value = operand(raw, op, fact, out, SEVERAL_IN_CSV if pos.file.endswith(".csv") else SEVERAL_IN_TABLE)
    return None if value is BAD else value


def cell_surprises(cell, pos: Pos, surprise: str | None, out: Collector) -> None:
    """PF211 for a cell of a column that did not validate: a YAML 1.1 surprise is reported
    whatever else is wrong, as in a rule's comparison."""
    report_surprises(_cell_map(cell, pos, surprise, "equals"), "equals", None, out)


def _cell_map(cell, pos: Pos, surprise: str | None, op: str) -> Map:
    """The cell as the mapping `{op: cell}` a rule's comparison would be, positions kept."""
    raw = Map()
    raw.label, raw.line, raw.col = pos.file, pos.line, pos.col
    raw.marks, raw.surprises, raw.as_written = {op: pos}, {}, {}
    if op in ("one_of", "not_one_of") and not isinstance(cell, Seq):
        seq = Seq([cell])
        seq.label, seq.line, seq.col, seq.marks = pos.file, pos.line, pos.col, [(pos.line, pos.col)]
        seq.surprises = {0: surprise} if surprise is not None else {}
        cell, surprise = seq, None
    raw[op] = cell
    if surprise is not None:
        raw.surprises[op] = surprise
    return raw


def surprised(node, key) -> bool:
    """Whether YAML 1.1 turned the plain scalar at `key` into something other than its text
    (`yes` into true, `012` into 10). PyYAML reads `y` and `n` as text, as YAML 1.2 does:
    those are no surprise here (lint's PF711 still mentions them)."""
    return key in node.surprises and not isinstance(node[key], str)


def report_surprises(raw: Map, op: str, fact: FactDef | None, out: Collector) -> None:
    """PF211 (an error) for each plain scalar YAML 1.1 reads as a boolean or an octal in an
    operand: what the author meant cannot be known, whichever fact it is compared with.
    The wording follows the fact when it is known; the code and severity never do."""
    value = raw[op]
    found = [(raw.at(op), raw.surprises[op], value)] if surprised(raw, op) else []
    if isinstance(value, Seq):
        found += [(value.at(i), value.surprises[i], value[i]) for i in sorted(value.surprises) if surprised(value, i)]
    for pos, text, read in found:
        if not isinstance(read, bool):
            fix = "write the number without a leading zero"
        elif fact is not None and fact.type == "bool":
            fix = f"write {show(read)}"
        elif fact is not None and fact.type == "number":
            fix = f"{fact.name} is a number"
        elif fact is not None and fact.type != "invalid":
            fix = f"{for_text(text)} to mean the text"
        else:
            fix = f"write {show(read)} for the boolean, or {for_text(text)} for the text"
        out.add("PF211", f"{is_read(text, show(read))}; {fix}", pos)


def operand(raw: Map, op: str, fact: FactDef, out: Collector, several: str = SEVERAL_IN_RULE):
    """The operand of `op` checked against `fact`, or BAD after reporting. A YAML 1.1
    surprise is BAD here and reported by report_surprises, whatever else is wrong.
    Positions are looked up only where one is reported or handed on (a rule set of 1,000
    rules has 9,000 comparisons, nearly all fine). `several`: how to test for any of
    several values where this operand was written (a rule, a table column, a CSV header;
    `{fact}` is the fact's name), told when `equals` is given a list, the likely intent."""
    value = raw[op]
    if surprised(raw, op):
        return BAD
    if op == "is":
        allowed = ("known",) if fact.kind == "derived" else ("known", "unknown")
        if value not in allowed:
            # a near miss gets its hint; `unknown` where only `known` is taken was meant as written
            hint = did_you_mean(value, allowed) if isinstance(value, str) and value not in PRESENCE else ""
            if type(value) is bool and fact.type == "bool" or isinstance(value, str) and value in fact.values:
                # a value, where `is` takes a state: `is: true` meant `equals: true`
                hint = f" (did you mean equals: {shown(value)}?)"
            out.add("PF204", f"'is' takes {' or '.join(allowed)} here, not {shown(value)}{hint}", raw.at(op))
            return BAD
        return value
    if fact.type == "bool":
        if not isinstance(value, bool):
            out.add("PF203", f"{fact.name} is true or false, not {shown(value)}", raw.at(op))
            return BAD
        return value
    if op == "equals" and fact.type == "enum" and isinstance(value, Seq):
        out.add("PF204", f"`equals` takes one value of {fact.name}, not a list; {several.format(fact=fact.name)}",
                raw.at(op))
        return BAD
    if op not in ("one_of", "not_one_of") and fact.type != "number" and isinstance(value, str) \
            and value in fact.values:
        return value  # what enum_value returns for it, with nothing to report
    pos = raw.at(op)
    if fact.type == "number":
        said = text_number_message(f"{fact.name} threshold", value) if value.__class__ is str else None
        if said is not None:
            out.add("PF211", said, pos)
            return BAD
        num = number(value, pos, out, f"{fact.name} threshold", written_as(raw, op))
        if num is None:
            # refused, as written too (PF211): nothing may reason from a reading the author may
            # not have meant (lint's PF702 from `1_000` as 1000, PF218 from `0x10` as 16)
            return BAD
        if op == "equals" and not (fact.minimum <= num <= fact.maximum):
            out.add("PF218", f"{fact.name} is between {fact.minimum} and {fact.maximum}; {num} can never be equal", pos)
            return BAD
        return num
    if op in ("one_of", "not_one_of"):
        if not is_seq(value, pos, out, op) or not value:
            if isinstance(value, Seq):
                out.add("PF204", f"{quote(op)} needs at least one value", pos)
            return BAD
        values = [BAD if surprised(value, i) else v if isinstance(v, str) and v in fact.values
                  else enum_value(v, value.at(i), fact, out, written_as(value, i)) for i, v in enumerate(value)]
        return BAD if BAD in values else tuple(dict.fromkeys(values))
    return enum_value(value, pos, fact, out, written_as(raw, op))


def enum_value(value, pos: Pos, fact: FactDef, out: Collector, written: str | None = None):
    """`value` if it is one of `fact`'s values, else BAD after PF204. `written`: a number's
    text when not written plainly (`0x10`), shown as written, not as the number YAML 1.1 read."""
    if isinstance(value, str) and value in fact.values:
        return value
    said = f"{quote(written)} (read by YAML 1.1 as {show(value)})" if written is not None else shown(value)
    out.add("PF204", f"{said} is not a value of {fact.name} ({', '.join(fact.values)})"
            f"{did_you_mean(value, fact.values)}", pos)
    return BAD


def derive_map(raw: Map, facts: dict, out: Collector, valued: dict | None = None) -> list[str]:
    """`derive: {tier: senior, structured: true}`: a value for a valued derived fact, true for a boolean one.
    `valued` is valued_facts(facts) if the caller has it. A fact whose declaration did not
    validate is passed over: neither right nor wrong can be said of its entry."""
    if valued is None:
        valued = valued_facts(facts)
    derive: list[str] = []
    for name, value in raw.items():
        if name in valued:
            if value in valued[name]:
                derive.append(value_fact(name, value))
            else:
                out.add("PF204", f"{show(value)} is not a value of {name} ({', '.join(valued[name])})"
                        f"{did_you_mean(value, valued[name])}", raw.at(name))
            continue
        fact = facts.get(name) if "=" not in name else None
        if fact is not None and fact.kind == "derived" and fact.type == "invalid" or \
                fact is None and isinstance(facts, UnreadFacts):
            continue  # its declaration did not validate, or the schema: their own error is the message
        if fact is None or fact.kind != "derived":
            hint = " (it is an input fact; rules derive only facts declared under 'derived')" if fact else \
                did_you_mean(name, [f for f, d in facts.items() if d.kind == "derived" and "=" not in f] + list(valued))
            out.add("PF205", f"cannot derive {show(name)}{hint}", raw.key_at(name))
        elif value is not True:
            out.add("PF204", f"{name} is true or false: derive it with `{name}: true` (or list it)", raw.at(name))
        else:
            derive.append(name)
    return derive


def derive_positions(then_raw, derive: tuple) -> tuple:
    """Where each of `derive` (an Effects' derived names, valued ones as `name=value`) was
    written in the raw `then`: a list item, or a `derive:` mapping's key. Kept on the Rule
    so a cycle points at the entry that closes it, not at the rule's first line."""
    raw = then_raw.get("derive") if isinstance(then_raw, Map) else None
    found: dict[str, Pos] = {}
    if isinstance(raw, Map):
        for name, value in raw.items():
            found.setdefault(value_fact(name, value) if isinstance(value, str) else name, raw.key_at(name))
    elif isinstance(raw, Seq):
        for i, name in enumerate(raw):
            if isinstance(name, str):
                found.setdefault(name, raw.at(i))
    fallback = then_raw.pos if isinstance(then_raw, Map) else Pos()
    return tuple(found.get(name, fallback) for name in derive)


# what an author used to another rule language writes for an operator, a table column's test or
# a combinator, with pathfit's words for it, best first: the hint names one, where spelling alone
# would suggest another word or none (`and` is spelt like `any`, `<` like nothing)
SAID_OTHERWISE = {"<": ("lt",), "<=": ("lte",), ">": ("gt",), ">=": ("gte",), "=": ("equals",), "==": ("equals",),
                  "eq": ("equals",), "in": ("one_of", "contains"), "not_in": ("not_one_of",),
                  "includes": ("contains",), "has": ("contains",), "and": ("all",), "or": ("any",)}


def hint(word: object, choices: tuple, takes: tuple = ()) -> str:
    """did_you_mean(word, choices), or pathfit's word for what `word` means elsewhere: of those
    that are choices, the first the fact `takes` (its operators, when known), else the first."""
    meant = [w for w in SAID_OTHERWISE.get(word, ()) if w in choices] if isinstance(word, str) else []
    best = next((w for w in meant if w in takes), meant[0] if meant else None)
    return f" (did you mean {quote(best)}?)" if best else did_you_mean(word, choices)
