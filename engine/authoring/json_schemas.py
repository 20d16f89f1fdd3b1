"""JSON Schemas (draft 2020-12) for every file an author or HR writes, so an editor
completes and checks them while they are typed.

Rule files, profiles and rule tests get schemas *generated from the rule set*:
fact names, each fact's operators and values, number ranges, derived facts,
formats, referrals, knowledge-base anchors and rule ids become enums, so the
editor offers exactly what validation accepts. schema.yaml and policy.yaml
describe the rule language itself, so their schemas are fixed.

The schemas never accept less than the engine does for the bundled files (a
test validates every one of them); they cannot see YAML 1.1 surprises, which
`pathfit lint` reports.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import Collector, PathfitError, Pos, fail
from ..pipeline.knowledge_base import parse_sections
from ..pipeline.load import Map, Seq, load_file
from ..pipeline.model import COMBINE, FACT_TYPES, FactDef, valued_facts
from ..pipeline.policy import CLASSIC, CLASSIC_EVIDENCE, declared_names
from ..pipeline.ruleset import POLICY_FILE, SCHEMA_FILE, read_ruleset
from ..pipeline.validate_schema import CONFIDENCE, parse_policy, parse_schema
from ..pipeline.csv_rows import with_csv_rows
from ..pipeline.field_checks import IDENT, RULE_ID

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("rules", "profile", "tests", "schema", "policy")
_STR = {"type": "string"}


def generate(directory: str | Path, kinds: tuple = KINDS) -> dict[str, dict]:
    """kind -> schema. Raises PathfitError, with every problem, when a generated kind
    (rules, profile, tests) is asked for and the rule set does not load: a schema made
    from names that do not validate would offer them to the editor as right, and the
    rule-author commands refuse such a set alike (exit 2, nothing written). The fixed
    kinds (schema, policy) describe the language and read no rule set."""
    directory = Path(directory)
    result: dict[str, dict] = {}
    if any(k in ("rules", "profile", "tests") for k in kinds):
        facts, policy, sections, rule_ids, units = _read(directory)
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


def _read(directory: Path):
    if not directory.is_dir():
        raise fail("PF216", "rules directory not found", Pos(str(directory)))
    read_ruleset(directory)  # every problem of the set, as `pathfit docs` and `lint` report them
    out = Collector()
    schema_doc = load_file(directory / SCHEMA_FILE, str(directory / SCHEMA_FILE))
    policy_doc = load_file(directory / POLICY_FILE, str(directory / POLICY_FILE))
    facts, _, kb_rel = parse_schema(schema_doc, out)
    policy = parse_policy(policy_doc, out)
    kb = directory / (kb_rel or "knowledge_base.md")
    sections = parse_sections(kb, str(kb), out)
    out.raise_if_errors()
    units = {}  # FactDef does not keep the unit; it is only words for people
    for name, body in (schema_doc.get("facts") or {}).items():
        if isinstance(body, Map) and isinstance(body.get("unit"), str):
            units[name] = body["unit"]
    return facts, policy, sorted(sections), _rule_ids(directory), units


def _rule_ids(directory: Path) -> list[str]:
    """Ids written in the rule files (table rows included, a CSV's too), read from the
    documents rather than the validated rules, in the order of the text."""
    ids: set[str] = set()
    for path in sorted(directory.glob("*.yaml")):
        if path.name in (SCHEMA_FILE, POLICY_FILE):
            continue
        try:
            doc = load_file(path, str(path), allow_empty=True)
        except PathfitError:  # a broken file only loses its completions
            continue
        rules = doc.get("rules") if isinstance(doc, Map) else None
        for rule in rules if isinstance(rules, Seq) else ():
            rid = rule.get("id") if isinstance(rule, Map) else None
            if isinstance(rid, str) and RULE_ID.match(rid):
                ids.add(rid)
        tables = doc.get("tables") if isinstance(doc, Map) else None
        for table in tables if isinstance(tables, Seq) else ():
            tid = table.get("id") if isinstance(table, Map) else None
            if isinstance(table, Map) and "rows_from" in table and "rows" not in table and "inputs" not in table:
                table = with_csv_rows(table, str(path), Collector()) or table  # a CSV's rows, if it reads
            rows = table.get("rows") if isinstance(table, Map) else None
            for n, row in enumerate(rows if isinstance(tid, str) and isinstance(rows, Seq) else (), start=1):
                rid = f"{tid}.{row.get('id', n) if isinstance(row, Map) else n}"
                if RULE_ID.match(rid):
                    ids.add(rid)
    return sorted(ids)


def _doc(title: str, description: str, body: dict, defs: dict | None = None) -> dict:
    schema = {"$schema": DRAFT, "title": title, "description": description}
    schema.update(body)
    if defs:
        schema["$defs"] = defs
    return schema


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


_SUBJECT = {"type": "string", "minLength": 1, "maxLength": 256, "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*$",
            "description": "Whom the decision is about (not a fact: kept in records, sealed unless policy.yaml says "
                           "`subject: public`)."}


def _facts_def(facts: dict, units: dict) -> dict:
    return {"type": "object", "description": "A person's facts: input fact name -> value.",
            "properties": {"subject": _SUBJECT, **{f.name: fact_value_schema(f, units.get(f.name, ""))
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
    formats, referrals, _ = _policy_enums(policy)
    example = {"type": "object", "required": ["facts"], "additionalProperties": False,
               "description": "A worked example (examples/*.yaml): the facts with a description and what to expect.",
               "properties": {
                   "description": _STR, "subject": _SUBJECT,
                   "expect": {"type": "object", "required": ["outcome"], "additionalProperties": False,
                              "properties": {"outcome": {"enum": list(declared_names(policy))}, "referral": {"enum": referrals + [None]},
                                             "formats": {"type": "array", "items": {"enum": formats}},
                                             "fired_includes": {"type": "array", "items": {"type": "string",
                                                                                         "pattern": RULE_ID.pattern}}}},
                   "facts": {"$ref": "#/$defs/facts"}}}
    return _doc("pathfit profile", "A person's facts for `pathfit recommend --profile` (YAML or JSON).",
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


def _combinators() -> dict:
    many = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}}
    def one(key: str, body: dict, words: str) -> dict:
        return {"type": "object", "description": words, "properties": {key: body},
                "required": [key], "additionalProperties": False}

    return {"all": one("all", many, "Every condition holds."),
            "any": one("any", many, "At least one condition holds."),
            "not": one("not", {"$ref": "#/$defs/condition"}, "The condition is false (not unknown).")}


def rules_schema(facts: dict, policy, sections: list) -> dict:
    formats, referrals, evidence = _policy_enums(policy)
    valued = valued_facts(facts)
    derived = [f.name for f in facts.values() if f.kind == "derived" and "=" not in f.name]
    shown = [f for f in facts.values() if "=" not in f.name]
    shown += [FactDef(name, "input", "enum", values, question="a valued derived fact") for name, values in valued.items()]
    defs = _combinators()
    for f in shown:
        defs[f"fact.{f.name}"] = _comparison(f)
        if f.name in valued:
            defs[f"fact.{f.name}"]["properties"].pop("is")
    defs["condition"] = {"anyOf": [{"$ref": f"#/$defs/{k}"} for k in ("all", "any", "not")]
                         + [{"$ref": f"#/$defs/fact.{f.name}"} for f in shown]}
    by_value = {"type": "object", "additionalProperties": False, "description": "A value for each derived fact set.",
                "properties": {**{n: {"const": True} for n in derived}, **{n: {"enum": list(v)} for n, v in valued.items()}}}
    defs["then"] = {"type": "object", "minProperties": 1, "additionalProperties": False, "properties": {
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
                        "description": _STR,
                        "cites": {"type": "array", "minItems": 1, "items": {"enum": sections},
                                  "description": "Knowledge-base anchors this rule rests on."},
                        "salience": {"type": "integer", "minimum": -1000, "maximum": 1000},
                        "when": {"$ref": "#/$defs/condition"}, "then": {"$ref": "#/$defs/then"}}}
    cites = {"type": "array", "minItems": 1, "items": {"enum": sections}}
    defs["table"] = {"type": "object", "required": ["id", "hit"], "additionalProperties": False,
                     "oneOf": [{"required": ["inputs", "rows"]}, {"required": ["rows_from"]}],
                     "description": "A decision table: each row becomes a rule (docs/rule-language.md); its "
                                    "inputs and rows, or `rows_from`: a CSV file of this directory.",
                     "properties": {
                         "id": {"type": "string", "pattern": RULE_ID.pattern}, "description": _STR,
                         "hit": {"enum": ["unique", "any", "collect", "first"]}, "complete": {"type": "boolean"},
                         "reason": {"type": "string", "pattern": r"\S"}, "cites": cites,
                         "rows_from": {"type": "string", "pattern": r"^[^./\\:][^/\\:]*\.csv$"},
                         "inputs": {"type": "array", "minItems": 1, "items": {
                             "type": "object", "required": ["fact"], "additionalProperties": False,
                             "properties": {"fact": {"enum": list(facts)}, "test": {"enum": [
                                 "equals", "one_of", "not_one_of", "lt", "lte", "gt", "gte", "contains"]}}}},
                         "rows": {"type": "array", "minItems": 1, "items": {
                             "type": "object", "required": ["when", "then"], "additionalProperties": False,
                             "properties": {"id": {"type": "string", "pattern": IDENT.pattern}, "description": _STR,
                                            "reason": {"type": "string", "pattern": r"\S"}, "cites": cites,
                                            "when": {"type": "array", "description": "One cell per input; '-' is any."},
                                            "then": {"$ref": "#/$defs/then"}}}}}}
    return _doc("pathfit rule file", "A rule file: `rules:` and/or `tables:` (see docs/rule-language.md).",
                {"type": "object", "anyOf": [{"required": ["rules"]}, {"required": ["tables"]}],
                 "additionalProperties": False,
                 "properties": {"description": _STR, "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}},
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
            "properties": {"name": {"type": "string", "pattern": r"\S"}, "description": _STR,
                           "profile": {"anyOf": [{"$ref": "#/$defs/facts"}, {"type": "null"}]},
                           "expect": expect}}
    return _doc("pathfit rule tests", "Rule test cases for `pathfit test` (RULES/tests/*.yaml).",
                {"type": "object", "required": ["cases"], "additionalProperties": False,
                 "properties": {"description": _STR, "cases": {"type": "array", "items": {"$ref": "#/$defs/case"}}}},
                {"facts": _facts_def(facts, units or {}), "case": case})


# -- schema.yaml and policy.yaml ---------------------------------------------------------

def schema_file_schema() -> dict:
    ident = {"type": "string", "pattern": IDENT.pattern}
    never = {k: False for k in ("min", "max", "integer", "unit")}

    def typed(types: list, then: dict) -> dict:
        return {"if": {"required": ["type"], "properties": {"type": {"enum": types}}}, "then": then}

    input_fact = {"type": "object", "required": ["type", "question"], "additionalProperties": False, "properties": {
        "type": {"enum": list(FACT_TYPES)}, "question": _STR, "help": _STR, "sensitive": {"type": "boolean"},
        "screening": {"type": "boolean"},
        "values": {"type": "array", "minItems": 1, "uniqueItems": True, "items": ident},
        "min": {"type": "number"}, "max": {"type": "number"}, "integer": {"type": "boolean"}, "unit": _STR,
        "label": _STR, "labels": {"type": "object", "propertyNames": ident, "additionalProperties": _STR}},
        "allOf": [typed(["enum", "set"], {"required": ["values"], "properties": never}),
                  typed(["number"], {"required": ["min", "max"], "properties": {"values": False, "labels": False}}),
                  typed(["bool"], {"properties": {"values": False, "labels": False, **never}})]}
    derived = {"type": "object", "required": ["description"], "additionalProperties": False,
               "properties": {"description": _STR, "type": {"const": "enum"},
                              "values": {"type": "array", "minItems": 1, "uniqueItems": True, "items": ident}},
               "dependentRequired": {"type": ["values"], "values": ["type"]}}
    return _doc("pathfit schema.yaml", "The facts rules may read: inputs (`facts`) and `derived` facts.",
                {"type": "object", "required": ["facts"], "additionalProperties": False, "properties": {
                    "ruleset": _STR, "knowledge_base": _STR, "description": _STR,
                    "facts": {"type": "object", "propertyNames": {"pattern": IDENT.pattern},
                              "additionalProperties": {"$ref": "#/$defs/input_fact"}},
                    "derived": {"type": "object", "propertyNames": {"pattern": IDENT.pattern},
                                "additionalProperties": {"$ref": "#/$defs/derived_fact"}}}},
                {"input_fact": input_fact, "derived_fact": derived})


def policy_schema() -> dict:
    """The outcomes are the policy's own (`outcomes:`), so an editor can only ask for identifiers here;
    `pathfit lint` checks each is declared."""
    name = {"type": "string", "pattern": IDENT.pattern}
    count = {"type": "number", "minimum": 0}
    clause = {"type": "object", "required": ["outcome", "when", "confidence"], "additionalProperties": False,
              "properties": {"outcome": name, "confidence": {"enum": list(CONFIDENCE)},
                             "when": {"type": "object", "additionalProperties": False, "properties": {
                                 "concluded": {"enum": ["refer", "not_now"]}, "total_below": count,
                                 "strongest_below": count,
                                 "each_at_least": count, "ratio_at_most": count, "leads": name,
                                 "among": {"type": "array", "minItems": 1, "uniqueItems": True, "items": name},
                                 "below": {"type": "object", "minProperties": 1, "additionalProperties": count},
                                 "certainty_at_least": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}}}}}
    fmt = {"type": "object", "required": ["for"], "additionalProperties": False,
           "properties": {"for": {"type": "array", "uniqueItems": True, "items": name}}}
    outcome = {"type": "object", "required": ["name", "label"], "additionalProperties": False,
               "properties": {"name": name, "label": _STR, "description": _STR}}
    return _doc("pathfit policy.yaml", "How fired rules become one outcome: first clause whose tests hold decides.",
                {"type": "object", "required": ["decision", "evidence_outcomes", "referrals"],
                 "additionalProperties": False, "properties": {
                     "description": _STR, "subject": {"enum": ["sensitive", "public"]},
                     "outcomes": {"type": "array", "minItems": 1, "items": outcome},
                     "combine": {"enum": list(COMBINE)},
                     "evidence_outcomes": {"type": "array", "uniqueItems": True, "items": name},
                     "referrals": {"type": "array", "uniqueItems": True, "items": {"type": "string",
                                                                                   "pattern": IDENT.pattern}},
                     "formats": {"type": "object", "propertyNames": {"pattern": IDENT.pattern},
                                 "additionalProperties": fmt},
                     "decision": {"type": "array", "minItems": 1, "items": clause}},
                 # without `outcomes:` the policy speaks the classic vocabulary, so an editor can list it
                 "if": {"not": {"required": ["outcomes"]}}, "then": _classic()},
                None)


def _classic() -> dict:
    names = {"enum": [o.name for o in CLASSIC]}
    evidence = {"enum": list(CLASSIC_EVIDENCE)}
    return {"properties": {
        "evidence_outcomes": {"items": evidence},
        "formats": {"additionalProperties": {"properties": {"for": {"items": names}}}},
        "decision": {"items": {"properties": {"outcome": names, "when": {"properties": {
            "leads": evidence, "among": {"items": evidence}}}}}}}}


def _n(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


__all__ = ["KINDS", "generate"]
