"""Small checks shared by the validators: keys, types and identifiers.

Every check reports into a Collector and returns a usable default, so a
validator keeps going and reports all problems of a file at once."""
from __future__ import annotations

import math
import re

import yaml

from ..errors import Collector, Pos, closest, did_you_mean
from .load import Map, Seq
from .located import is_plain_number, underflows
from .figures import float_text
from .number_forms import number_form, unheld_message
from .tagged_words import for_text, is_read
from ..quote import quote

IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
RULE_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
ANCHOR = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class Names(tuple):
    """The names a list declares that validated, with `unsure`: the names its entries that
    did not validate may have meant (the list's allowed names it does not hold). A reference
    to one of those is neither known right nor known wrong, so it is not reported: the
    entry's own error is the one message for that mistake."""

    unsure: tuple = ()
    # the list itself was refused or left out for a misspelt key, or an entry of a list of free
    # names (referrals) was: any name may have been meant, so no reference to one is judged
    unread: bool = False


def unjudged(names: tuple, name) -> bool:
    """Whether a reference to `name` is neither known right nor known wrong (see Names)."""
    return bool(getattr(names, "unread", False)) or name in getattr(names, "unsure", ())


class UnreadFacts(dict):
    """The facts of a schema that could not be read (no mapping, or its `facts` none): no
    name is known, and none is known to be undeclared either. A rule that reads or derives
    a fact is then not told the fact is unknown (PF205): the schema's own error is the one
    message, and the rule is left out as any rule with an error is."""


def check_keys(m: Map, required: tuple, optional: tuple, out: Collector, what: str) -> None:
    """Unknown keys (with a did-you-mean) and missing required keys. A required key that an
    unknown key's did-you-mean names (`reasn:` for `reason`) is one mistake, said once: the
    unknown key, with its hint, where it was written."""
    allowed = set(required) | set(optional)
    hinted = set()
    for key in m:
        if key not in allowed:
            close = closest(key, allowed)
            hinted.add(close)
            out.add("PF202", f"unknown key {quote(key)} in {what}{did_you_mean(key, allowed)}", m.key_at(key))
    for key in required:
        if key not in m and key not in hinted:
            out.add("PF201", f"{what} needs key {quote(key)}", m.pos)


def is_map(value, pos: Pos, out: Collector, what: str) -> bool:
    if isinstance(value, Map):
        return True
    out.add("PF203", f"{what} must be a mapping, not {type_name(value)}", pos)
    return False


def is_seq(value, pos: Pos, out: Collector, what: str) -> bool:
    if isinstance(value, Seq):
        return True
    out.add("PF203", f"{what} must be a list, not {type_name(value)}", pos)
    return False


def text(m: Map, key: str, out: Collector, what: str, default: str = "") -> str:
    """A string value; a YAML 1.1 surprise (`no` read as false) gets its own code."""
    if key not in m:
        return default
    value = m[key]
    if isinstance(value, str):
        return value
    surprise = m.surprises.get(key)
    if surprise is not None:
        out.add("PF211", f"{what}: {quote(surprise)} was read as {show(value)}; {for_text(surprise)} to mean the text", m.at(key))
    else:
        out.add("PF203", f"{what} must be text, not {type_name(value)}", m.at(key))
    return default


def boolean(m: Map, key: str, out: Collector, what: str, default: bool = False) -> bool:
    if key not in m:
        return default
    value = m[key]
    if isinstance(value, bool):
        if key in m.surprises:
            out.add("PF211", f"{what}: {is_read(m.surprises[key], show(value))}; write {show(value)}", m.at(key))
        return value
    out.add("PF203", f"{what} must be true or false, not {type_name(value)}", m.at(key))
    return default


EXACT_LIMIT = 2 ** 53  # durable-rules compares integers as int64 and mixes them with doubles: exact up to 2**53


def number(value, pos: Pos, out: Collector, what: str, written: str | None = None):
    """A finite int or float (not bool), or None after reporting. `written`: how the number
    was written when not as a plain decimal (a mapping's `as_written`, `written_as`), which
    is an error (PF211): readers disagree on it (YAML 1.1 reads 024 as 20 and 1_000 as 1000,
    YAML 1.2 and JSON otherwise or not at all), as profiles refuse it (PF407). Such a number
    is None too: nothing is judged from a reading the author may not have meant (`max: 010`
    is PF211 alone, never also `min 9 is greater than max 8`).

    A whole number written with a point (`2.0`) comes back as the int it is: every number of
    a rule set is read here, so the rule set holds each at its exact value whichever way it
    was written, and its digest, its trace and every view of it say `2` for both (as a
    profile's numbers are read, profile.py)."""
    if isinstance(value, str):  # quoted, tagged, a block, or what YAML 1.1 alone leaves as text (1e3, -.5)
        from .text_written import text_problem  # loaded for a message only: never on a decision's way

        out.add(*text_problem(what, value, pos), pos)
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        out.add("PF203", f"{what} must be a number, not {type_name(value)}", pos)
        return None
    if isinstance(value, float) and math.isinf(value) and written is not None and written.lstrip("+-").isdigit():
        # more digits than int() reads (scalars.too_long), handed over as infinity: shown by its digits' count
        value = f"a whole number of {len(written.lstrip('+-')):,} digits"
    elif isinstance(value, float) and not math.isfinite(value):
        out.add("PF203", f"{what} must be a finite number", pos)
        return None
    if isinstance(value, str) or not -EXACT_LIMIT <= value <= EXACT_LIMIT:
        out.add("PF219", f"{what}: {value if isinstance(value, str) else show(value)} is beyond +-{EXACT_LIMIT} "
                "(2**53), the largest magnitude the engine compares exactly", pos)
        return None
    if written is not None:
        out.add("PF211", _written_message(what, written, value), pos)
        return None
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _written_message(what: str, written: str, value) -> str:
    """PF211's words for a number not written as a plain decimal, which YAML 1.1 read as `value`."""
    digits = written.lstrip("+-")
    unheld = unheld_message(what, written, value) if underflows(written, value) or is_plain_number(written) else None
    if unheld is not None:  # a float does not hold it as written (scalars.inexact)
        return unheld
    if len(digits) > 1 and digits[0] == "0" and digits.isdigit():
        return f"{what}: {quote(written)} is a YAML 1.1 octal ({value}); write the number without a leading zero"
    form = number_form(written)
    if form is not None and form.base60:  # 12:00: what was meant cannot be told, so no number is offered
        return f"{what}: {quote(written)} is not a plain decimal number, and readers disagree on it ({form})"
    return (f"{what}: {quote(written)} is not a plain decimal number, and readers disagree on it "
            f"(YAML 1.1 reads {show(value)}); write {show(value)}")


def written_as(m, key) -> str | None:
    """How the number at `key` of a mapping read from YAML was written, when not as a plain
    decimal (located.Map.as_written); None for a plain one or a mapping made otherwise."""
    return getattr(m, "as_written", {}).get(key)


def identifier(value, pos: Pos, out: Collector, what: str, pattern: re.Pattern = IDENT) -> bool:
    """Whether `value` is an identifier of `pattern`, saying where not. Matched whole: the
    pattern's `$` also matches before a final line break, so `match` would take `"e.coach\\n"`,
    which prints as `e.coach`."""
    if isinstance(value, str) and pattern.fullmatch(value):
        return True
    out.add("PF212", f"{what} {show(value)} must match {pattern.pattern}", pos)
    return False


def type_name(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def show(value) -> str:
    """A value read from a file, in a message: a scalar as before (text quoted), a list or a
    mapping in YAML's flow style, as an author writes it (`[mentoring]`, `{coaching: 1}`),
    never as Python would print it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (list, dict)):
        try:
            if _holds_long_number(value):  # written out, it would run to hundreds of digits (or fail)
                return _spelled(value)
            return yaml.safe_dump(_plain(value), default_flow_style=True, sort_keys=False, width=float("inf"),
                                  allow_unicode=True).strip()
        except RecursionError:  # one that holds itself (PyYAML's safe_load makes one of an alias), or nested
            return type_name(value)  # past what Python recurses through: handed to the API, never read from a file
    # a text or number as the plain value it stands for: a subclass's own repr or str (a StrEnum's
    # `<Stage.EXEC: 'executive'>`) would quote what was never given
    if isinstance(value, (str, int, float, bytes, tuple, set, frozenset)):
        return quote(str.__str__(value)) if isinstance(value, str) else plain_text(value)
    # a type only the API is given, said (Decimal("6") shown `6` read as a 6 the fact takes); no number, its type alone
    from enum import Enum
    from numbers import Number
    kind = type(value).__name__
    return f"{plain_text(value)} (of type {kind})" if isinstance(value, (Number, Enum)) else f"a value of type {kind}"


def _plain(value):
    """`value` for the YAML writer: Map and Seq as dicts and lists, items it cannot write as `show` has them."""
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value] if isinstance(value, list) else tuple(_plain(v) for v in value)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):  # a subclass (an enum's): plain
        return (str.__str__ if isinstance(value, str) else int.__int__ if isinstance(value, int) else float.__float__)(value)
    return value if value is None or isinstance(value, bool) else show(value)


def _holds_long_number(value) -> bool:
    """Whether a list or mapping holds, at any depth, a whole number a message names by its digits' count."""
    if isinstance(value, int) and not isinstance(value, bool):
        return not -_SHOWN_BELOW < value < _SHOWN_BELOW
    if isinstance(value, dict):
        return any(_holds_long_number(k) or _holds_long_number(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(map(_holds_long_number, value))
    return False


SHOWN_DIGITS = 20  # a whole number of up to 20 digits (2**64 has 20) is shown with its digits
_SHOWN_BELOW = 10 ** SHOWN_DIGITS
_EXACT_BITS = 1 << 20  # up to this many bits, a number's digits are counted (10**315,653 takes 30 ms)


def plain_text(value: object) -> str:
    """`value` as str() writes it, but a whole number as `whole_number_text` does, even inside
    a list or mapping: str() of a whole number of more than 4,300 digits raises ValueError
    (Python's limit), which would escape as no located problem at all."""
    if isinstance(value, int) and not isinstance(value, bool):
        return whole_number_text(value)
    if isinstance(value, float):  # the number itself, not a subclass's words for it; a fraction in full, 0.00001
        value = float.__float__(value)
        if not math.isfinite(value):  # as YAML writes it (.nan, -.inf): Python's nan and inf are text to YAML
            return ".nan" if value != value else ".inf" if value > 0 else "-.inf"
        return float_text(value, 24 if value % 1 else 0)  # not 1e-05 (PF407); 1.0e-29, 1e+20 short
    try:
        return str(value)
    except ValueError:  # it holds such a whole number
        return _spelled(value)
    except Exception:  # a caller's object whose own words fail: never that exception instead of the problem
        return f"a value of type {type(value).__name__}"


def _spelled(value) -> str:
    """repr's form of a list, tuple or mapping, each whole number in it as `whole_number_text`."""
    if isinstance(value, int) and not isinstance(value, bool):
        return whole_number_text(value)
    if isinstance(value, (list, tuple)):
        inner = ", ".join(map(_spelled, value))
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_spelled(k)}: {_spelled(v)}" for k, v in value.items()) + "}"
    try:
        return quote(value)
    except ValueError:
        return f"a {type(value).__name__}"


def whole_number_text(value: int) -> str:
    """A whole number as a message shows it: its digits up to SHOWN_DIGITS of them, else how
    many it has ("a whole number of 5,001 digits"). A message never writes out more: str()
    refuses past 4,300 digits, and 401 digits tell a reader nothing the count does not."""
    if -_SHOWN_BELOW < value < _SHOWN_BELOW:
        return str(int(value))
    size = abs(int(value))
    bits = size.bit_length()
    if bits > _EXACT_BITS:  # 2**(_EXACT_BITS) alone has 315,653 digits; counting more costs seconds
        counted = "more than 315,652"
    else:
        digits = int((bits - 1) * 0.30102999566398120)  # about the digits of 2**(bits - 1), less one
        while 10 ** digits <= size:
            digits += 1
        while digits > 1 and 10 ** (digits - 1) > size:
            digits -= 1
        counted = f"{digits:,}"
    return f"a {'negative ' if value < 0 else ''}whole number of {counted} digits"
