"""A JSON Schema validator that walks a value met again under the same schema once.

The outputs checked against engine/output_schemas repeat themselves: `audit show` of a log
prints every record (the same firings, unexplained rules and values in decision after
decision), and the same log is shown with and without the audit key. jsonschema walks every
one of them again, and checking the two `audit show` outputs of a 241-record log took twenty
seconds, three quarters of the test that made them.

The verdict of `$ref` or `items` on a value depends on the schema object holding the keyword
and on the value alone, where no keyword reads the dynamic scope or another keyword's
annotations: so a (schema object, value) found valid is valid whenever it is met again, and
is not walked again. Only "valid" is remembered: a value with errors is walked every time,
and every error reported is one jsonschema found then. A schema with a keyword whose verdict
depends on more (dynamic references, `unevaluated*`, anchors or a nested `$id`) gets the plain
validator."""
from __future__ import annotations

import hashlib
import json

from jsonschema import Draft202012Validator, validators

REMEMBERED = ("$ref", "items")
# keywords whose verdict depends on more than their schema object and the value
_CONTEXTUAL = {"$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor", "$anchor",
               "unevaluatedProperties", "unevaluatedItems"}


def remembering_validator(schema: dict) -> Draft202012Validator:
    """A Draft 2020-12 validator of `schema` that remembers, per schema object, the values
    `$ref` and `items` found valid (the plain validator where that would not be sound)."""
    if _contextual(schema, root=True):
        return Draft202012Validator(schema)
    valid: set = set()
    held: dict = {}  # each schema object remembered by, kept alive so its id names it alone

    def remembered(name: str):
        keyword = Draft202012Validator.VALIDATORS[name]

        def run(validator, value, instance, schema):
            if not isinstance(instance, (dict, list)):  # a scalar: walked faster than its key is made
                yield from keyword(validator, value, instance, schema)
                return
            text = json.dumps(instance, sort_keys=True, ensure_ascii=False)  # 1, 1.0 and true apart
            key = (name, id(schema), hashlib.sha256(text.encode()).digest())
            if key in valid:
                return
            errors = list(keyword(validator, value, instance, schema))
            if not errors:
                held[id(schema)] = schema
                valid.add(key)
            yield from errors

        return run

    cls = validators.extend(Draft202012Validator, {name: remembered(name) for name in REMEMBERED})
    return cls(schema)


def _contextual(node, root: bool = False) -> bool:
    if isinstance(node, dict):
        return (not root and "$id" in node) or bool(_CONTEXTUAL & node.keys()) \
            or any(_contextual(v) for v in node.values())
    if isinstance(node, list):
        return any(_contextual(v) for v in node)
    return False
