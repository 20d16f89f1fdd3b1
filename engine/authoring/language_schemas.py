"""The JSON Schemas of schema.yaml and policy.yaml, and the frame every pathfit schema shares.

These two files describe the rule language itself, not one rule set's names, so their schemas
are fixed: `pathfit schema` writes them without reading a rule set. Kept apart from the schemas
generated from a rule set (engine.authoring.json_schemas) so each module stays small.
"""
from __future__ import annotations

from ..pipeline.model import COMBINE, FACT_TYPES
from ..pipeline.policy import CLASSIC, CLASSIC_EVIDENCE
from ..pipeline.validate_clauses import CERTAINTY_ONLY, CONFIDENCE, SUM_ONLY
from ..pipeline.field_checks import IDENT
from ..pipeline.profile import ROW_ID
from ..pipeline.validate_schema import LANGUAGE_TAG

DRAFT = "https://json-schema.org/draft/2020-12/schema"
STR = {"type": "string"}
WORDS = {"type": "string", "pattern": r"\S"}  # text validation refuses when empty or blank


def schema_doc(title: str, description: str, body: dict, defs: dict | None = None) -> dict:
    """A whole schema document: draft, title and description first, so every file pathfit
    writes reads alike; `defs` become its `$defs`."""
    schema = {"$schema": DRAFT, "title": title, "description": description}
    schema.update(body)
    if defs:
        schema["$defs"] = defs
    return schema


def schema_file_schema() -> dict:
    """schema.yaml: each input fact's keys as its type allows them, so an editor flags `values`
    on a number or a missing `min` where validation would."""
    ident = {"type": "string", "pattern": IDENT.pattern}
    never = {k: False for k in ("min", "max", "integer", "unit")}

    def typed(types: list, then: dict) -> dict:
        return {"if": {"required": ["type"], "properties": {"type": {"enum": types}}}, "then": then}

    input_fact = {"type": "object", "required": ["type", "question"], "additionalProperties": False, "properties": {
        "type": {"enum": list(FACT_TYPES)}, "question": WORDS, "help": STR, "sensitive": {"type": "boolean"},
        "screening": {"type": "boolean"},
        "values": {"type": "array", "minItems": 1, "uniqueItems": True, "items": ident},
        "min": {"type": "number"}, "max": {"type": "number"}, "integer": {"type": "boolean"}, "unit": STR,
        "label": STR, "labels": {"type": "object", "propertyNames": ident, "additionalProperties": STR}},
        "allOf": [typed(["enum", "set"], {"required": ["values"], "properties": never}),
                  typed(["number"], {"required": ["min", "max"], "properties": {"values": False, "labels": False}}),
                  typed(["bool"], {"properties": {"values": False, "labels": False, **never}})]}
    derived = {"type": "object", "required": ["description"], "additionalProperties": False,
               "properties": {"description": STR, "type": {"const": "enum"},
                              "values": {"type": "array", "minItems": 1, "uniqueItems": True, "items": ident}},
               "dependentRequired": {"type": ["values"], "values": ["type"]}}
    return schema_doc("pathfit schema.yaml", "The facts rules may read: inputs (`facts`) and `derived` facts.",
                {"type": "object", "required": ["facts"], "additionalProperties": False, "properties": {
                    "ruleset": WORDS, "knowledge_base": WORDS, "description": STR,
                    "language": {"type": "string", "pattern": LANGUAGE_TAG,
                                 "description": "The BCP 47 tag of the language the rule set's text is written in "
                                                "(ja, ar, fr-CA): pages mark that text with it."},
                    "facts": {"type": "object", "propertyNames": {"pattern": IDENT.pattern, "not": {"const": ROW_ID}},
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
                                 "certainty_at_least": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}}}},
              "allOf": _clause_needs()}
    fmt = {"type": "object", "required": ["for"], "additionalProperties": False,
           "properties": {"for": {"type": "array", "uniqueItems": True, "items": name}}}
    outcome = {"type": "object", "required": ["name", "label"], "additionalProperties": False,
               "properties": {"name": name, "label": {"type": "string", "pattern": r"\S"}, "description": STR}}
    # a referral worded: where it sends the person, as every view says it
    referral = {"type": "object", "required": ["name", "label"], "additionalProperties": False,
                "properties": {"name": {"type": "string", "pattern": IDENT.pattern},
                               "label": {"type": "string", "pattern": r"\S"}}}
    return schema_doc("pathfit policy.yaml", "How fired rules become one outcome: first clause whose tests hold decides.",
                {"type": "object", "required": ["decision", "evidence_outcomes", "referrals"],
                 "additionalProperties": False, "properties": {
                     "description": STR, "subject": {"enum": ["sensitive", "public"]},
                     "outcomes": {"type": "array", "minItems": 1, "items": outcome},
                     "combine": {"enum": list(COMBINE)},
                     "evidence_outcomes": {"type": "array", "uniqueItems": True, "items": name},
                     "referrals": {"type": "array", "uniqueItems": True, "items": {"oneOf": [
                         {"type": "string", "pattern": IDENT.pattern}, referral]}},
                     "formats": {"type": "object", "propertyNames": {"pattern": IDENT.pattern},
                                 "additionalProperties": fmt},
                     "decision": {"type": "array", "minItems": 1, "items": clause}},
                 # without `outcomes:` the policy speaks the classic vocabulary, so an editor can list it
                 "if": {"not": {"required": ["outcomes"]}}, "then": _classic(), "allOf": _combined()},
                None)


def _combined() -> list:
    """The tests and confidence methods each `combine` refuses (PF222): the sums' under
    `certainty`, the certainties' under `sum` (the default, `combine` left out)."""
    def refusing(wrong: set) -> dict:
        tests = sorted(wrong - set(CONFIDENCE))
        methods = sorted(wrong & set(CONFIDENCE))
        return {"properties": {"decision": {"items": {"properties": {
            "confidence": {"not": {"enum": methods}},
            "when": {"propertyNames": {"not": {"enum": tests}}}}}}}}
    certainty = {"required": ["combine"], "properties": {"combine": {"const": "certainty"}}}
    return [{"if": certainty, "then": refusing(SUM_ONLY), "else": refusing(CERTAINTY_ONLY)}]


def _clause_needs() -> list:
    """What a clause's confidence method, or its outcome `refer`, needs among the clause's own
    tests: validation refuses each missing one (PF204), so the editor flags it too."""
    def when(key: str, value, then: dict) -> dict:
        return {"if": {"required": [key], "properties": {key: {"const": value}}},
                "then": {"properties": {"when": then}}}
    return [when("confidence", "certain", {"required": ["concluded"]}),
            when("confidence", "share", {"required": ["leads"]}),
            when("confidence", "certainty", {"required": ["leads", "certainty_at_least"]}),
            when("confidence", "shortfall", {"anyOf": [{"required": ["strongest_below"]}, {"required": ["total_below"]}]}),
            when("outcome", "refer", {"required": ["concluded"], "properties": {"concluded": {"const": "refer"}}})]


def _classic() -> dict:
    names = {"enum": [o.name for o in CLASSIC]}
    evidence = {"enum": list(CLASSIC_EVIDENCE)}
    return {"properties": {
        "evidence_outcomes": {"items": evidence},
        "formats": {"additionalProperties": {"properties": {"for": {"items": names}}}},
        "decision": {"items": {"properties": {"outcome": names, "when": {"properties": {
            "leads": evidence, "among": {"items": evidence}}}}}}}}
