"""The JSON Schema of a decision table in a rule file (engine.authoring.json_schemas), kept
apart so each module stays small: a table's keys, its rows' reason and citations (their own
or the table's), and each input column's fact with the tests its type takes."""
from __future__ import annotations

from ..pipeline.field_checks import IDENT, RULE_ID
from ..pipeline.tables import HIT_POLICIES, TESTS_BY_TYPE
from .language_schemas import STR


def table_def(facts: dict, valued: dict, cites: dict) -> dict:
    """`tables:` items, for the rule set's `facts` (`valued`: valued_facts of them); `cites`
    is the schema of a list of citations. The cells are not checked (docs/authoring.md)."""
    reasoned = {"required": ["reason"], "properties": {"reason": {"type": "string", "pattern": r"\S"}}}
    # a row's reason and cites are its own or its table's: without the table's, each row needs its own
    each_row = [{"if": reasoned, "else": {"properties": {"rows": {"items": {"required": ["reason"]}}}}},
                {"if": {"required": ["cites"]}, "else": {"properties": {"rows": {"items": {"required": ["cites"]}}}}}]
    # a column reads an input fact, a derived fact or a valued derived fact by name (not `pace=fast`)
    columns = [n for n in facts if "=" not in n] + list(valued)
    return {"type": "object", "required": ["id", "hit"], "additionalProperties": False,
            "oneOf": [{"required": ["inputs", "rows"]}, {"required": ["rows_from"]}], "allOf": each_row,
            "description": "A decision table: each row becomes a rule (docs/rule-language.md); its "
                           "inputs and rows, or `rows_from`: a CSV file of this directory.",
            "properties": {
                "id": {"type": "string", "pattern": RULE_ID.pattern}, "description": STR,
                "hit": {"enum": list(HIT_POLICIES)}, "complete": {"type": "boolean"},
                "reason": STR, "cites": cites,
                "rows_from": {"type": "string", "pattern": r"^[^./\\:][^/\\:]*\.csv$"},
                "inputs": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["fact"], "additionalProperties": False,
                    "allOf": [_column_tests(name, facts, valued) for name in columns],
                    "properties": {"fact": {"enum": columns}, "test": {"enum": [
                        "equals", "one_of", "not_one_of", "lt", "lte", "gt", "gte", "contains"]}}}},
                "rows": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["when", "then"], "additionalProperties": False,
                    "properties": {"id": {"type": "string", "pattern": IDENT.pattern}, "description": STR,
                                   "reason": {"type": "string", "pattern": r"\S"}, "cites": cites,
                                   "when": {"type": "array", "description": "One cell per input; '-' is any."},
                                   "then": {"$ref": "#/$defs/then"}}}}}}


def _column_tests(name: str, facts: dict, valued: dict) -> dict:
    """The tests a column on `name` may make, as validation allows them for its type (PF210
    otherwise); a column without `test` makes `equals`, so a fact that takes none needs one."""
    kind = "valued derived" if name in valued else "derived" if facts[name].kind == "derived" else facts[name].type
    tests = list(TESTS_BY_TYPE[kind])
    return {"if": {"required": ["fact"], "properties": {"fact": {"const": name}}},
            "then": {"properties": {"test": {"enum": tests}}, "required": [] if "equals" in tests else ["test"]}}
