"""The JSON text of the facts and rule sets pathfit gives durable-rules' C core.

Why apart from the adapter: it is the one format the core reads, and getting it
exactly right is its own job. The core's JSON tokenizer reads an exponent only
after a decimal point (`1e-05`, Python's repr of 0.00001, is read as the integer
1), so every float in exponent form is written `1.0e-05` (found by hypothesis);
and encoding a small fact costs more than the core takes to match it, so texts
are kept (FactTexts, Pinned).
"""
from __future__ import annotations

import math


def encode(fact: dict) -> str:
    """`json.dumps(fact, sort_keys=True)`, byte for byte, for a fact: written here when
    every key is a string and every value a string, boolean, integer, finite float or None,
    without importing json (about 5 M instructions of every CLI start); any other fact, or
    a string json would escape (a quote, a backslash, anything outside printable ASCII),
    goes to json itself. tests/test_encode.py compares the two on awkward values.

    The strings are checked once, on the whole text: it is printable ASCII without a
    backslash exactly when every key and string value is, and it holds two quotes per
    key and per string value exactly when none of them holds a quote (the numbers,
    true, false and null hold none)."""
    parts = []
    quotes = 0
    for key in sorted(fact):
        value = fact[key]
        kind = type(value)
        if kind is str:
            shown = f'"{value}"'
            quotes += 2
        elif kind is bool:
            shown = "true" if value else "false"
        elif kind is int:
            shown = int.__repr__(value)
        elif kind is float and math.isfinite(value):
            shown = float.__repr__(value)
        elif value is None:
            shown = "null"
        else:
            return _json_dumps(fact)
        if type(key) is not str:
            return _json_dumps(fact)
        parts.append(f'"{key}": {shown}')
    text = "{" + ", ".join(parts) + "}"
    if text.isascii() and text.isprintable() and "\\" not in text and text.count('"') == quotes + 2 * len(parts):
        return text
    return _json_dumps(fact)


def _json_dumps(fact: dict) -> str:
    import json  # a fact encode leaves to json: never one of the facts pathfit builds

    return json.dumps(fact, sort_keys=True)


class Pinned(dict):
    """A fact whose text is kept on it (engine/pipeline/encode.py): one with the same
    content for every person who has it, encoded once, or a number fact given its text
    by `number_fact`. Never changed in place."""

    __slots__ = ("text",)


def number_fact(prefix: str, fact: dict, value) -> Pinned:
    """`fact` (without its value) holding the number `value`, its text the kept `prefix`
    (`number_prefix`) and the number as `dumps` writes it: an exponent gets a decimal
    point in its mantissa (`1e-05` -> `1.0e-05`), for the core's tokenizer."""
    text = repr(value)
    if type(value) is float and "e" in text:
        mantissa, _, exponent = text.partition("e")
        text = f"{mantissa if '.' in mantissa else mantissa + '.0'}e{exponent}"
    pinned = Pinned(fact, v=value)
    pinned.text = prefix + text
    return pinned


def number_prefix(fact: dict) -> str:
    """The text of `fact` up to its number `v`, which sorts after every other key."""
    assert all(key < "v" for key in fact), fact
    return encode(fact)[:-1] + ', "v": '


class FactTexts:
    """Each fact's JSON without its closing brace; the caller appends the session
    id and the brace (`,"sid":"7"}`). Encoding one small fact costs about 4
    microseconds, more than the C core takes to match it, so texts are memoised
    by content, except for facts holding a number: the memo is then bounded by
    the rule set (its fact ids times enum values and true/false)."""

    def __init__(self) -> None:
        self._memo: dict = {}

    def __call__(self, fact: dict) -> str:
        if type(fact) is Pinned:
            try:
                return fact.text
            except AttributeError:
                fact.text = _encode(fact)
                return fact.text
        value = fact.get("v")
        kind = type(value)
        if kind is int or kind is float:
            # the engine's facts hold a number only in `v`, and only a float whose repr
            # has an exponent needs dumps' rewrite: decided on the value, not by
            # searching the encoded text
            if kind is float and "e" in repr(value) or "id" not in fact:
                return _encode(fact)
            return encode(fact)[:-1]
        key = tuple(fact.items())
        text = self._memo.get(key)
        if text is None:
            text = self._memo[key] = _encode(fact)
        return text


def _encode(fact: dict) -> str:
    if "id" not in fact:
        raise ValueError(f"fact without an id: {fact!r}")
    text = encode(fact)
    if ("e-" in text or "e+" in text) and _has_exponent_float(fact):  # repr signs every exponent
        text = dumps(fact)
    return text[:-1]


def dumps(obj, compact: bool = False) -> str:
    """JSON that durable-rules' tokenizer reads as Python meant it: a float in
    exponent form gets a decimal point in its mantissa (`1e-05` -> `1.0e-05`).
    Used for a rule set's definition, when it is compiled (json is imported then);
    `compact`: no space after a comma or colon."""
    import json

    separators = (",", ":") if compact else None
    text = json.dumps(obj, sort_keys=True, separators=separators)
    # a float in exponent form is written with a signed exponent (repr: 1e-05, 1e+16), so a
    # text with neither "e-" nor "e+" holds none: two substring searches, where the regular
    # expression's scan of a large rule set's text (450 KB at 1,000 rules) took 5 ms
    if "e-" not in text and "e+" not in text:
        return text
    import re

    if not re.search(r"\d[eE][-+]?\d", text) or not _has_exponent_float(obj):
        return text
    floats: list[float] = []

    def mark(value):
        if isinstance(value, float) and "e" in repr(value):
            floats.append(value)
            return f"\x00{len(floats) - 1}\x00"
        if isinstance(value, dict):
            return {k: mark(v) for k, v in value.items()}
        if isinstance(value, list):
            return [mark(v) for v in value]
        return value

    text = json.dumps(mark(obj), sort_keys=True, separators=separators)
    for i, value in enumerate(floats):
        mantissa, _, exponent = repr(value).partition("e")
        if "." not in mantissa:
            mantissa += ".0"
        text = text.replace(f'"\\u0000{i}\\u0000"', f"{mantissa}e{exponent}")
    return text


def definition_text(definition: dict) -> str:
    """dumps(definition, compact=True) for a durable-rules definition, {name: {"all":
    [{binding: body}], "pri": n}}, writing each binding body once however many bindings
    share it (compile shares equal ones: 700 bodies for 5,000 bindings at 1,000 rules) and
    the frame around them as dumps lays it out: keys sorted, "," and ":" between. A text
    that may hold a float in exponent form, or a definition of any other shape, is dumps'
    own. tests/test_definition_text.py compares the two."""
    import json

    encode_body = json.JSONEncoder(sort_keys=True, separators=(",", ":")).encode  # dumps' way, compact
    string = json.encoder.encode_basestring_ascii  # how that encoder writes a string, key or value
    bodies: dict[int, str] = {}  # id(body) -> its text; the definition holds every body meanwhile
    rules = []
    for name in sorted(definition):
        rule = definition[name]
        if name.__class__ is not str or rule.__class__ is not dict or len(rule) != 2 \
                or rule.get("all").__class__ is not list or rule.get("pri").__class__ is not int:
            return dumps(definition, compact=True)
        bindings = []
        for binding in rule["all"]:
            if binding.__class__ is not dict or len(binding) != 1:
                return dumps(definition, compact=True)
            ((label, body),) = binding.items()
            if label.__class__ is not str:
                return dumps(definition, compact=True)
            text = bodies.get(id(body))
            if text is None:
                text = bodies[id(body)] = encode_body(body)
            bindings.append(f"{{{string(label)}:{text}}}")
        rules.append(f'{string(name)}:{{"all":[{",".join(bindings)}],"pri":{int.__repr__(rule["pri"])}}}')
    text = f"{{{','.join(rules)}}}"
    return dumps(definition, compact=True) if "e-" in text or "e+" in text else text


def _has_exponent_float(value) -> bool:
    if isinstance(value, float):
        return "e" in repr(value)
    if isinstance(value, dict):
        return any(_has_exponent_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_exponent_float(v) for v in value)
    return False
