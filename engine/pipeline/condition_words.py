"""A comparison in words: the `condition` a trace gives of a rule that failed, and lint's quotes.

An `is:` test's words are `known` and `unknown`, and an enum or set may have a value of either
name, so a value so named is quoted: `goal_clarity is "unknown"` (the answer unknown) never reads
as `goal_clarity is unknown` (no answer), in a trace or in a record an auditor reads later.
"""
from __future__ import annotations

from .figures import float_text
from .model import Cmp, _show

WORDS = {"equals": "is", "one_of": "is one of", "not_one_of": "is not one of", "lt": "<", "lte": "<=", "gt": ">",
         "gte": ">=", "contains": "contains", "is": "is"}
PRESENCE = ("known", "unknown")  # what an `is:` test asks for


def described(c: Cmp) -> str:
    show = _show if c.op == "is" else _value
    value = ", ".join(map(show, c.value)) if isinstance(c.value, tuple) else show(c.value)
    return f"{c.fact} {WORDS[c.op]} {value}"


def _value(value: object) -> str:
    if isinstance(value, float):  # never in exponent form (2e-07), which no rule file or profile takes
        return float_text(value)
    return f'"{value}"' if value in PRESENCE else _show(value)
