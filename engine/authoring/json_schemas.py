"""JSON Schemas (draft 2020-12) for every file an author or HR writes, so an editor
completes and checks them while they are typed.

Rule files, profiles and rule tests get schemas *generated from the rule set*:
fact names, each fact's operators and values, number ranges, derived facts,
formats, referrals, knowledge-base anchors and rule ids become enums, so the
editor offers exactly what validation accepts. schema.yaml and policy.yaml
describe the rule language itself, so their schemas are fixed
(engine.authoring.language_schemas).

The schemas never accept less than the engine does for the bundled files (a
test validates every one of them); they cannot see YAML 1.1 surprises, which
`pathfit lint` reports.
"""
from __future__ import annotations

from pathlib import Path

from ..pipeline.model import FactDef, valued_facts
from ..pipeline.policy import declared_names
from ..pipeline.ruleset import read_ruleset
from ..pipeline.field_checks import RULE_ID
from ..reports.numbers import number_text
from .language_schemas import STR, policy_schema, schema_doc, schema_file_schema
from .table_schemas import table_def

KINDS = ("rules", "profile", "tests", "schema", "policy")


def generate(directory: str | Path, kinds: tuple = KINDS) -> dict[str, dict]:
    """kind -> schema. Raises PathfitError, with every problem, when a generated kind
    (rules, profile, tests) is asked for and the rule set does not load: a schema made
    from names that do not validate would offer them to the editor as right, and the
    rule-author commands refuse such a set alike (exit 2, nothing written). The fixed
    kinds (schema, policy) describe the language and read no rule set."""
    generated = any(k in ("rules", "profile", "tests") for k in kinds)
    return generate_from(read_ruleset(Path(directory)) if generated else None, kinds)


def generate_from(rs, kinds: tuple = KINDS) -> dict[str, dict]:
    """kind -> schema, from a rule set already read and validated (None when only the fixed
    kinds are asked for): a process that has loaded its rules (`serve`) describes those, not
    whatever the directory holds by the time it is asked."""
    result: dict[str, dict] = {}
    if any(k in ("rules", "profile", "tests") for k in kinds):
        facts, policy, sections, rule_ids, units = _parts(rs)
        makers = {
            "rules": lambda: rules_schema(facts, policy, sections),
            "profile": lambda: profile_schema(facts, policy, units),
            "tests": lambda: tests_schema(facts, policy, rule_ids, units),
        }
    else:
        makers = {}
    makers.update({"schema": schema_file_schema, "policy": policy_schema})
    for kind in kinds:
        result[kind] = makers[kind]()
    return result


def _parts(rs):
    """What the generated schemas are made of, from the rule set read and validated once
    (read_ruleset raised every problem of the set, as `pathfit docs` and `lint` report them).
    The rule set keeps its facts sorted by name; they are put back in the order schema.yaml
    declares them, inputs then derived, for the editor to offer them so (by position: a valued
    derived fact's values each at its own, in its `values`)."""
    facts = dict(sorted(rs.facts.items(), key=lambda kv: (kv[1].kind != "input", kv[1].pos.line, kv[1].pos.col)))
    units = {name: fact.unit for name, fact in facts.items() if fact.unit}  # words for people beside a number
    return facts, rs.policy, sorted(rs.sections), sorted({rule.id for rule in rs.rules}), units


# -- profiles ------------------------------------------------------------------------

def fact_value_schema(fact: FactDef, unit: str = "") -> dict:
    """One input fact's value in a profile; null (or leaving it out) means unknown."""
    words = [fact.question] + ([fact.help] if fact.help else [])
    if fact.type == "number":
        words.append(f"From {_n(fact.minimum)} to {_n(fact.maximum)}" + (f" {unit}" if unit else "")
                     + (", a whole number." if fact.integer else "."))
    if fact.sensitive:
        words.append("Sensitive: sealed in records.")
    words.append("Leave out or null when unknown.")
    body: dict = {"title": fact.name, "description": " ".join(words)}
    if fact.type == "enum":
        body["enum"] = list(fact.values) + [None]
    elif fact.type == "bool":
        body["type"] = ["boolean", "null"]
    elif fact.type == "number":
        body.update({"type": ["integer" if fact.integer else "number", "null"],
                     "minimum": fact.minimum, "maximum": fact.maximum})
    else:
        body.update({"type": ["array", "null"], "items": {"enum": list(fact.values)}})
    return body


def _subject() -> dict:
    """A profile's `subject`, as engine.audit.subject.check_who takes it (null: none given)."""
    from ..audit.subject import who_schema  # only when a schema is written: not on any decision's path

    return {**who_schema(), "description": "Whom the decision is about (not a fact: kept in records, sealed unless "
                                           "policy.yaml says `subject: public`); null or left out: none."}


def _facts_def(facts: dict, units: dict) -> dict:
    return {"type": "object", "description": "A person's facts: input fact name -> value.",
            "properties": {"subject": _subject(), **{f.name: fact_value_schema(f, units.get(f.name, ""))
                                                   for f in facts.values() if f.kind == "input"}},
            "additionalProperties": False}


def _weight(policy) -> dict:
    """A weight above 0, or under `combine: certainty` a factor in [-1, 1] other than 0."""
    if policy.combine == "certainty":
        return {"type": "number", "minimum": -1, "maximum": 1, "not": {"const": 0}}
    return {"type": "number", "exclusiveMinimum": 0}


def _policy_enums(policy) -> tuple[list, list, list]:
    return ([f for f, _ in policy.formats], list(policy.referrals), list(policy.evidence_outcomes))


def profile_schema(facts: dict, policy, units: dict | None = None) -> dict:
    """A profile as `recommend --profile` reads it: the facts alone, or an example file's
    `facts:` block (left empty or null: no facts given yet) beside its `description`,
    `expect` and `subject`. pathfit reads neither `description` nor `expect` and takes any
    value there, so the schema does too: a schema refusing what loading accepts would mark
    a working profile wrong in the editor. `expect`'s usual shape is still offered (an
    `anyOf` whose other branch is anything) for the editor to complete."""
    formats, referrals, _ = _policy_enums(policy)
    usual = {"type": "object", "required": ["outcome"], "additionalProperties": False,
             "properties": {"outcome": {"enum": list(declared_names(policy))}, "referral": {"enum": referrals + [None]},
                            "formats": {"type": "array", "items": {"enum": formats}},
                            "fired_includes": {"type": "array", "items": {"type": "string", "pattern": RULE_ID.pattern}}}}
    example = {"type": "object", "required": ["facts"], "additionalProperties": False,
               "description": "A worked example (examples/*.yaml): the facts with a description and what to expect.",
               "properties": {
                   "description": {"description": "Words for people; pathfit does not read them."},
                   "subject": _subject(),
                   "expect": {"description": "What the example should be advised, for its own checks: pathfit "
                                             "does not read it, and takes any value here.", "anyOf": [usual, {}]},
                   "facts": {"anyOf": [{"$ref": "#/$defs/facts"}, {"type": "null"}]}}}
    return schema_doc("pathfit profile", "A person's facts for `pathfit recommend --profile` (YAML or JSON).",
                {"anyOf": [{"$ref": "#/$defs/facts"}, example]}, {"facts": _facts_def(facts, units or {})})


# -- rule files ----------------------------------------------------------------------

def _comparison(fact: FactDef) -> dict:
    """`{fact: NAME, OPERATOR: VALUE}` for one fact: exactly one of its operators."""
    is_values = ["known"] if fact.kind == "derived" else ["known", "unknown"]
    ops: dict = {"is": {"enum": is_values}}
    if fact.kind == "derived":
        ops["equals"] = {"type": "boolean"}
    elif fact.type == "enum":
        values = list(fact.values)
        many = {"type": "array", "minItems": 1, "items": {"enum": values}}
        ops.update({"equals": {"enum": values}, "one_of": many, "not_one_of": many})
    elif fact.type == "bool":
        ops["equals"] = {"type": "boolean"}
    elif fact.type == "number":
        ops["equals"] = {"type": "number", "minimum": fact.minimum, "maximum": fact.maximum}
        for op in ("lt", "lte", "gt", "gte"):
            ops[op] = {"type": "number"}
    else:
        ops["contains"] = {"enum": list(fact.values)}
    text = fact.description if fact.kind == "derived" else fact.question
    return {"type": "object", "title": fact.name, "description": f"{fact.name}: {text}",
            "properties": {"fact": {"const": fact.name}, **ops},
            "required": ["fact"], "minProperties": 2, "maxProperties": 2, "additionalProperties": False}


def _combinators(negated: bool = False) -> dict:
    """all, any and not in a condition as written, or (`negated`, defs named `X.negated`)
    under an odd number of `not`s, where `is: known` on a derived fact is refused (PF210:
    whether it is undecided cannot be decided); a `not` turns one into the other."""
    here, flipped = (".negated", "") if negated else ("", ".negated")
    many = {"type": "array", "minItems": 1, "items": {"$ref": f"#/$defs/condition{here}"}}
    def one(key: str, body: dict, words: str) -> dict:
        return {"type": "object", "description": words, "properties": {key: body},
                "required": [key], "additionalProperties": False}

    return {f"all{here}": one("all", many, "Every condition holds."),
            f"any{here}": one("any", many, "At least one condition holds."),
            f"not{here}": one("not", {"$ref": f"#/$defs/condition{flipped}"},
                               "The condition is false (not unknown).")}


def rules_schema(facts: dict, policy, sections: list) -> dict:
    formats, referrals, evidence = _policy_enums(policy)
    valued = valued_facts(facts)
    derived = [f.name for f in facts.values() if f.kind == "derived" and "=" not in f.name]
    shown = [f for f in facts.values() if "=" not in f.name]
    shown += [FactDef(name, "input", "enum", values, question="a valued derived fact") for name, values in valued.items()]
    defs = {**_combinators(), **_combinators(negated=True)}
    for f in shown:
        defs[f"fact.{f.name}"] = _comparison(f)
        if f.name in valued:
            defs[f"fact.{f.name}"]["properties"].pop("is")
        elif f.kind == "derived":  # under an odd number of `not`s: no `is: known` (PF210)
            whole = defs[f"fact.{f.name}"]
            defs[f"fact.{f.name}.negated"] = {**whole, "properties": {k: v for k, v in whole["properties"].items()
                                                                     if k != "is"}}
    for here in ("", ".negated"):
        comparisons = [f"fact.{f.name}{here}" if f"fact.{f.name}{here}" in defs else f"fact.{f.name}" for f in shown]
        defs[f"condition{here}"] = {"anyOf": [{"$ref": f"#/$defs/{k}"}
                                              for k in (f"all{here}", f"any{here}", f"not{here}", *comparisons)]}
    by_value = {"type": "object", "additionalProperties": False, "description": "A value for each derived fact set.",
                "properties": {**{n: {"const": True} for n in derived}, **{n: {"enum": list(v)} for n, v in valued.items()}}}
    # `then` with nothing to do (PF214): no key, or only derive, evidence and suggest, each empty
    nothing = {"propertyNames": {"enum": ["derive", "evidence", "suggest"]}, "properties": {
        k: {"type": ["array", "object"], "maxItems": 0, "maxProperties": 0} for k in ("derive", "evidence", "suggest")}}
    defs["then"] = {"type": "object", "minProperties": 1, "additionalProperties": False, "not": nothing, "properties": {
        "derive": {"anyOf": [{"type": "array", "items": {"enum": derived}}, by_value],
                   "description": "Derived facts this rule establishes (a list), or a value for each (a mapping)."},
        "evidence": {"type": "object", "additionalProperties": False, "description": "Weights for evidence outcomes.",
                     "properties": {o: _weight(policy) for o in evidence}},
        "suggest": {"type": "array", "items": {"enum": formats}, "description": "Formats to suggest."},
        "refer": {"enum": referrals, "description": "A referral to conclude; policy.yaml's clauses say when it decides."},
        "not_now": {"const": True, "description": "Conclude 'not now'; policy.yaml's clauses say when it decides."}}}
    defs["rule"] = {"type": "object", "required": ["id", "reason", "cites", "when", "then"],
                    "additionalProperties": False, "properties": {
                        "id": {"type": "string", "pattern": RULE_ID.pattern, "description": "Stable dotted id."},
                        "reason": {"type": "string", "pattern": r"\S", "description": "Why, in words HR can repeat."},
                        "description": STR,
                        "cites": {"type": "array", "minItems": 1, "items": {"enum": sections},
                                  "description": "Knowledge-base anchors this rule rests on."},
                        # a whole number; JSON Schema cannot tell 1.0 from 1 (the same number to it),
                        # so `salience: 1.0`, which pathfit refuses, is accepted here: no stricter than pathfit
                        "salience": {"type": "integer", "minimum": -1000, "maximum": 1000},
                        "when": {"$ref": "#/$defs/condition"}, "then": {"$ref": "#/$defs/then"}}}
    cites = {"type": "array", "minItems": 1, "items": {"enum": sections}}
    defs["table"] = table_def(facts, valued, cites)
    return schema_doc("pathfit rule file", "A rule file: `rules:` and/or `tables:` (see docs/rule-language.md).",
                # null: a file with nothing in it (or only comments), which pathfit reads as no rules
                {"type": ["object", "null"], "anyOf": [{"required": ["rules"]}, {"required": ["tables"]}],
                 "additionalProperties": False,
                 "properties": {"description": STR, "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}},
                                "tables": {"type": "array", "items": {"$ref": "#/$defs/table"}}}},
                defs)


# -- rule tests ----------------------------------------------------------------------

def tests_schema(facts: dict, policy, rule_ids: list, units: dict | None = None) -> dict:
    formats, referrals, _ = _policy_enums(policy)
    rule = {"enum": rule_ids} if rule_ids else {"type": "string", "pattern": RULE_ID.pattern}
    expect = {"type": "object", "required": ["outcome"], "additionalProperties": False, "properties": {
        "outcome": {"enum": list(declared_names(policy))},
        "referral": {"enum": referrals + [None], "description": "null: no referral."},
        "formats": {"type": "array", "items": {"enum": formats}, "description": "The exact set, any order."},
        "fired": {"type": "array", "items": rule, "description": "Rules that must fire."},
        "not_fired": {"type": "array", "items": rule, "description": "Rules that must not fire."},
        "derived": {"type": "object", "description": "The value a valued derived fact must be set to, or true.",
                    "properties": {**{n: {"const": True} for n, f in facts.items() if f.kind == "derived" and "=" not in n},
                                   **{n: {"enum": list(v)} for n, v in valued_facts(facts).items()}},
                    "additionalProperties": False}}}
    case = {"type": "object", "required": ["name", "profile", "expect"], "additionalProperties": False,
            "properties": {"name": {"type": "string", "pattern": r"\S"}, "description": STR,
                           "profile": {"anyOf": [{"$ref": "#/$defs/facts"}, {"type": "null"}]},
                           "expect": expect}}
    return schema_doc("pathfit rule tests", "Rule test cases for `pathfit test` (RULES/tests/*.yaml).",
                {"type": "object", "required": ["cases"], "additionalProperties": False,
                 "properties": {"description": STR, "cases": {"type": "array", "items": {"$ref": "#/$defs/case"}}}},
                {"facts": _facts_def(facts, units or {}), "case": case})


def _n(value) -> str:
    """A bound as written, in full (reports.numbers): an editor's hover saying `From 1e-07`
    would name a form no profile takes (PF407)."""
    return number_text(value)


__all__ = ["KINDS", "generate"]
