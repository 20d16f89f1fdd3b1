"""Stage 1, one scalar: what a plain or quoted YAML scalar's text means to pathfit.

Both ways of reading a YAML file (located.py's walk over a composed node graph and
located_events.py's walk over libyaml's events) must read every scalar alike: the same
value from its text and resolved tag (never through a YAML constructor, so nothing a
file holds is executed), the same note of a YAML 1.1 boolean or octal that a reader
would take otherwise (a surprise), and the same note of a number written in a form
readers disagree on. So that reading lives here, once, and both walks ask it; how to write
such a number so that every reader takes it alike is number_forms.py's.
"""
from __future__ import annotations

import math
import re
import sys

import yaml

from ..errors import Collector, Pos
from ..safe_text import control_message, has_controls

# YAML 1.1's booleans and octal numbers among plain scalars, tested without regular
# expressions (compiling them cost 0.2 ms of every CLI start); `$` also matched
# before a final newline, so that is allowed here too
_SURPRISE_WORDS = frozenset("y Y yes Yes YES n N no No NO on On ON off Off OFF".split())
_OCTAL_DIGITS = frozenset("01234567_")
_SURPRISE_FIRST = frozenset("yYnNoO+-0")  # every text _surprising accepts starts with one of these
# a boolean's words, in any case as PyYAML's reader takes them, and YAML 1.1's `y` and `n`
_BOOLEANS = {"true": True, "yes": True, "on": True, "y": True, "false": False, "no": False, "off": False, "n": False}
# a number written plainly, as YAML 1.2's core schema, CSV and JSON all read it (is_plain_number)
PLAIN_NUMBER = r"[-+]?(0|[1-9][0-9]*)(\.[0-9]*)?([eE][-+]?[0-9]+)?|[-+]?\.[0-9]+([eE][-+]?[0-9]+)?"
_plain_number: list = []  # PLAIN_NUMBER compiled, on first use
# the most digits of a whole number read as one (Python's own limit for int(text), which its
# JSON reader keeps too): a longer one is beyond every fact's range and the engine's 2**53, and
# is read as a float reads it, infinity, so that it is refused as too large, never taken
MAX_DIGITS = 4300


def node_pos(label: str, node: yaml.Node) -> Pos:
    """Where a node was written, 1-based, as every located problem gives it."""
    return Pos(label, node.start_mark.line + 1, node.start_mark.column + 1)


def _may_surprise(raw: str) -> bool:
    return raw[:1] in _SURPRISE_FIRST and _surprising(raw)


def _surprising(text: str) -> bool:
    """A YAML 1.1 boolean word or octal number (a final newline allowed)."""
    body = text[:-1] if text.endswith("\n") else text
    unsigned = body[1:] if body[:1] in ("-", "+") else body
    return body in _SURPRISE_WORDS or (len(unsigned) > 1 and unsigned[0] == "0" and
                                       _OCTAL_DIGITS.issuperset(unsigned[1:]))


def _surprise(node: yaml.Node, text: str | None = None) -> str | None:
    """The raw text of a plain scalar that YAML 1.1 turns into a bool or octal; or of a quoted
    one that YAML's own bool tag makes a bool (`!!bool "yes"`): read as the tag says, true, it is judged
    as written as a plain one is (a quoted number with a number tag: _not_plain_number), its text noted
    as Tagged, as is a plain one's given the tag (`!!bool yes`; `text`: see tagged), so messages name it."""
    if isinstance(node, yaml.ScalarNode) and (not node.style or node.tag.endswith(":bool")):  # plain: None or ''
        if _surprising(node.value):
            if node.tag.endswith(":bool"):  # a small module, loaded for a yes/no word only
                from .tagged_words import Tagged, tagged
                return Tagged(node.value) if tagged(node, text) else node.value
            return node.value
    return None


def _not_plain_number(node: yaml.Node) -> bool:
    """A scalar read as a number whose text YAML 1.1 and 1.2 (and CSV, and JSON) read
    differently or not at all: a leading zero, `_`, 0x, 0o, 0b, 1:30; or one a float does
    not hold as written (`inexact`: too small, or too many digits). Quoted too, when YAML's
    own tag makes it a number (`!!float "0.10000000000000001"`, `!!int "010"`): it is read
    as the tag says, so it is judged as written as a plain one is."""
    if not (isinstance(node, yaml.ScalarNode) and node.tag.endswith((":int", ":float"))):
        return False
    text = node.value
    if not is_plain_number(text):
        return text.lower().lstrip("+-") not in (".inf", ".nan")
    if node.tag.endswith(":int"):
        return too_long(text.lstrip("+-"))  # read as infinity (_int), as 1.0e+400 is: judged as written
    return inexact(text, float(text))


def underflows(text: str, value) -> bool:
    """Whether `text`, read as the float `value`, was a number too small for a float, read
    as 0 (`1e-400`): taken so, a person's hours would silently be none."""
    return type(value) is float and value == 0 and re.search(r"[1-9]", re.split(r"[eE]", text)[0]) is not None


def inexact(text: str, value) -> bool:
    """Whether the plain decimal `text`, read as the float `value`, is not the number written:
    more significant digits than a float holds (`12.0000000000000001`, read as 12.0), too
    small for one (`underflows`) or too large (read as inf). Taken so, pathfit would compare and print another number
    than the one given (12 is not more than 12), where a reader keeping the decimal would
    not. Up to 15 significant digits always come back from a float as written, so a short
    text without an exponent is settled by its length."""
    if type(value) is not float or (len(text) < 16 and "e" not in text and "E" not in text):
        return False
    return not math.isfinite(value) or _decimal(text) != _decimal(repr(value))


def _decimal(text: str) -> tuple:
    """(negative, significant digits, exponent) of a plain decimal: equal for equal numbers."""
    sign, whole, frac, exp = re.fullmatch(r"\s*([-+]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([-+]?[0-9]+))?\s*", text).groups()
    frac = frac or ""
    digits = (whole + frac).lstrip("0")
    if not digits:
        return (False, "", 0)
    kept = digits.rstrip("0")
    return (sign == "-", kept, int(exp or 0) - len(frac) + len(digits) - len(kept))


def plain_number(text: str):
    """A plain decimal `text` as the number it is (int for whole digits), or the text itself (NumberText),
    to be judged as written by the profile check, where a YAML profile's value would be the
    text as written too: not plain (024, 0x10), text to YAML 1.1 (1e1, 1.0e1, -.5: PF407 with
    how to write it), a float would not hold it (`inexact`) or more digits than pathfit reads
    (MAX_DIGITS). One reading for every way a number comes in as text (a CSV cell, `--fact`),
    and the YAML profile's: the same text is taken as the same number, or refused with the
    same code, whichever way it came. YAML's infinity and not-a-number (`.inf`, `.nan`) are
    read as a YAML profile reads them, to be refused as not finite (PF404) alike."""
    special = special_float(text)
    if special is not None:
        return special
    if not is_plain_number(text):
        return NumberText(text)
    if re.fullmatch(r"[-+]?[0-9]+", text):
        return NumberText(text) if too_long(text.lstrip("+-")) else int(text)
    if yaml_reads_as_text(text):
        return NumberText(text)
    value = float(text)
    if inexact(text, value):
        return NumberText(text)
    return int(value) if value.is_integer() else value


def special_float(text: str) -> float | None:
    """`text` as a YAML profile reads it where that is infinity or not-a-number (`.inf`, `-.Inf`,
    `.nan`; not `nan` or `NaN`, which YAML reads as text), else None."""
    if text.lstrip("+-").lower() not in (".inf", ".nan"):
        return None
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))
    return _float(text) if tag.endswith(":float") else None


def reads_as_number(text: str) -> bool:
    """Whether a YAML profile reads `text`, written plainly, as a number: the texts `plain_number`
    reads, for the ways in that read other texts otherwise (`--fact`, a number box)."""
    return is_plain_number(text) or special_float(text) is not None


def not_exact_reason(text) -> str:
    """Why a plain number given as `text` was not taken, for the profile check's message, or ''."""
    if not isinstance(text, str) or not is_plain_number(text.strip()):
        return ""
    value = float(text)
    if underflows(text, value):
        return ": too small for the numbers pathfit compares, it would be read as 0"
    if not math.isfinite(value):
        return f": too large for the numbers pathfit compares, it would be read as {'-' if value < 0 else ''}infinity"
    if inexact(text, value):
        return f": more digits than the numbers pathfit compares hold, it would be read as {value!r}"
    return ""


def too_long(digits: str) -> bool:
    """Whether the whole number written as `digits` has more digits than pathfit reads as one
    (MAX_DIGITS, or fewer where the interpreter is told to read fewer: it refuses then; it
    reads 640 digits however it is told, so a shorter number costs no look at the limit)."""
    return len(digits) > 640 and len(digits) > min(MAX_DIGITS, sys.get_int_max_str_digits() or MAX_DIGITS)


def json_float(text: str):
    """A JSON number with a point or an exponent, as `json.loads(parse_float=...)` hands it
    over: the float, or the text itself when a float does not hold it as written (too small,
    or too many digits: `inexact`), so the profile check refuses it as written (PF402)
    wherever JSON is read."""
    value = float(text)
    return NumberText(text) if inexact(text, value) else value


class NumberText(str):
    """A number kept as the text it was written in, to be judged as written (PF407, PF402): a
    JSON number pathfit does not hold as written (json_int, json_float), or text read where a
    number is asked (a CSV cell, `--fact`, the page's form: plain_number). Why a type of its
    own: a JSON string or a quoted YAML scalar is text to every reader, and a refusal says so
    (engine.pipeline.value_problems); this text is a number someone wrote, and where text is
    what is wanted (a subject) it is refused as a number, not taken as text."""

    __slots__ = ()


def json_int(text: str):
    """A JSON number of digits alone, as `json.loads(parse_int=...)` hands it over: the int, or
    the text itself (NumberText) when it has more digits than pathfit reads as one number
    (`too_long`), so the profile check refuses it as written (PF402, too large), as it refuses
    the same digits in a YAML profile, a CSV cell or `--fact`, rather than the decoder failing
    on it."""
    return NumberText(text) if too_long(text.lstrip("-")) else int(text)


def int_too_long(value: int) -> bool:
    """Whether the whole number `value` has more digits than pathfit reads as one: the same
    number written out is refused so (`too_long`), so a program's int is refused alike."""
    return abs(value) >= 10 ** max(640, min(MAX_DIGITS, sys.get_int_max_str_digits() or MAX_DIGITS))


def yaml_reads_as_text(text: str) -> bool:
    """Whether YAML 1.1, as pathfit's YAML reader resolves a plain scalar, takes the plain
    number `text` for text: an exponent without a point or a sign (`1e1`, `1.0e1`, `1.5e0`)
    or a point after a sign (`-.5`), which YAML 1.2 and CSV read as numbers. Asked of the
    resolver's own patterns, so that `--fact` and a CSV cell refuse exactly what a YAML
    profile refuses."""
    table = yaml.resolver.Resolver.yaml_implicit_resolvers
    return not any(tag.endswith((":int", ":float")) and pattern.match(text)
                   for tag, pattern in table.get(text[:1], []))


def is_plain_number(text: str) -> bool:
    """Whether all of `text` is a number written plainly (PLAIN_NUMBER). Digits alone, the
    usual case (a profile's `horizon_months: 9`), are judged without the expression, as it
    judges them (one digit, or no leading zero): compiling it cost 1.25 M instructions of
    every start (tests/test_control_scans.py holds the two to each other)."""
    if text.isdigit() and text.isascii():
        return text[0] != "0" or len(text) == 1
    if not _plain_number:
        _plain_number.append(re.compile(PLAIN_NUMBER))
    return _plain_number[0].fullmatch(text) is not None


def _scalar(node: yaml.ScalarNode, label: str, out: Collector):
    """The value of a scalar node, from its text and resolved tag; a problem goes to `out`
    (and the value is None)."""
    tag, raw = node.tag, node.value
    try:
        if tag.endswith(":str") or tag.endswith(":timestamp"):
            bad = has_controls(raw)
            if bad:  # a YAML escape ("\e", "\a"), or a direction override the file may hold as it is
                out.add("PF101", control_message(bad.group()), node_pos(label, node))
                return None
            return raw
        if tag.endswith(":null"):
            return None
        if tag.endswith(":bool"):  # `!!bool maybe` is no boolean to any reader (PyYAML's fails): PF203
            return _BOOLEANS[raw.lower()]
        if tag.endswith(":int"):
            return _int(raw)
        if tag.endswith(":float"):
            return _float(raw)
    except (ValueError, KeyError):
        from ..quote import quote  # loaded for a message only: never on a decision's way

        out.add("PF203", f"cannot read {quote(raw)} as {tag.rsplit(':', 1)[-1]}", node_pos(label, node))
        return None
    return raw


def _int(raw: str) -> int | float:
    text = raw.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if len(text) > 1 and text.startswith("0") and text.isdigit():
        return sign * int(text, 8)  # YAML 1.1 octal; validation flags it
    if ":" in text:  # YAML 1.1's base 60, text to YAML 1.2 and CSV: noted as written, refused
        return sign * base60(text)  # wherever a number is read (_not_plain_number), as 0x10 is
    if too_long(text):  # past what int() reads (and JSON's reader with it): as a float reads it,
        return sign * math.inf  # as 1.0e+400 is, and noted as written (_not_plain_number): PF402, PF203
    return sign * int(text)


def _float(raw: str) -> float:
    text = raw.replace("_", "").lower()
    if text in (".nan", "+.nan", "-.nan"):
        return float("nan")
    if text in (".inf", "+.inf"):
        return float("inf")
    if text == "-.inf":
        return float("-inf")
    if ":" in text:
        return (-1.0 if text.startswith("-") else 1.0) * base60(text.lstrip("+-"))
    return float(text)


def base60(text: str) -> int | float:
    """YAML 1.1's reading of a plain scalar it resolves in base 60 (`1:30` is 90, `1:30.5`
    90.5), its sign and `_` already taken off: the number YAML 1.1 means, so that what
    readers disagree on can be said, and then refused, never taken."""
    value = 0
    for part in text.split(":"):
        value = value * 60 + (float(part) if "." in part else int(part))
    return value
