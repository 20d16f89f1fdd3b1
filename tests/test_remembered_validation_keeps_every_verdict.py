"""The validator the output-schema tests use (tests/remembered_validation.py) gives every verdict
the plain jsonschema validator gives, in any order of values: a value found valid under one schema
object is not taken as valid under another holding the same keyword's value (`items` beside
`prefixItems` or not), nor is a value that differs from it only as `true` from `1`; a value with
errors has them every time; a schema whose verdicts depend on more than the value gets the
plain validator."""
from __future__ import annotations

from jsonschema import Draft202012Validator

from .remembered_validation import remembering_validator

NUMBERS = {"type": "integer"}  # one object, the `items` of two schema objects that say otherwise
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "a": {"type": "array", "items": {"$ref": "#/$defs/one"}},
        "b": {"type": "array", "items": {"$ref": "#/$defs/other"}},
        "n": {"type": "array", "items": NUMBERS},
        "p": {"type": "array", "prefixItems": [{"type": "string"}], "items": NUMBERS},
    },
    "$defs": {
        "one": {"type": "object", "additionalProperties": False, "properties": {"x": {"type": "integer"}}},
        "other": {"type": "object", "additionalProperties": False, "properties": {"y": {"type": "integer"}}},
    },
}


def _verdicts(validator, value) -> list:
    return sorted((list(e.absolute_path), e.validator) for e in validator.iter_errors(value))


def test_each_verdict_is_the_plain_validators_in_any_order():
    values = [{"a": [{"x": 1}], "b": [{"y": 1}], "n": [1, 2]},
              {"p": ["x", 2]}, {"n": ["x", 2]},  # `items` of `p` passes the first by, of `n` does not
              {"a": [{"y": 1}], "b": [{"x": 1}], "n": [1, 2]},   # each valid object under the other schema
              {"a": [{"x": True}], "b": [{"y": 1}], "n": [True, 2]},  # true is not 1
              {"a": [{"x": 1}, {"x": 1.5}], "b": [], "n": [1, 2, 2.5]},
              {"a": [{"x": 1}], "b": [{"y": 1}], "n": [1, 2]}]
    plain = Draft202012Validator(SCHEMA)
    for order in (values, values[::-1], values + values):
        remembering = remembering_validator(SCHEMA)
        for value in order:
            assert _verdicts(remembering, value) == _verdicts(plain, value), value
    assert all(_verdicts(plain, value) for value in values[2:6])


def test_a_schema_with_a_dynamic_or_annotation_keyword_gets_the_plain_validator():
    for extra in ({"unevaluatedProperties": False}, {"$defs": {"d": {"$dynamicAnchor": "d"}}},
                  {"properties": {"z": {"$id": "https://example.invalid/z", "type": "string"}}}):
        assert type(remembering_validator({**SCHEMA, **extra})) is Draft202012Validator
    assert type(remembering_validator(SCHEMA)) is not Draft202012Validator
