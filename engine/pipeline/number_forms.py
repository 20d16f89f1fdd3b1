"""How to write a number that readers disagree on, however it came: a YAML scalar, a CSV
cell, `--fact`, the web form, a rule file.

Why apart from scalars.py, which reads a scalar: every way a number comes in refuses the
same forms (024, 0x10, 0o14, 1_2, 1e1, -.5, 1:30) with the same advice, a profile's as
PF407 and a rule file's as PF211, so the advice is worded here, once, from what each
reader makes of the text.
"""
from __future__ import annotations

import math
import re

import yaml

from .scalars import base60, inexact, is_plain_number, underflows

LEADING_ZERO = "the leading zero"


class PlainForm:
    """How to write a number that readers disagree on so that all read it alike: `written`
    (24), what that leaves out if that is the change (LEADING_ZERO, "'_'"), and YAML 1.1's
    reading where it differs (octal 20); `base60` when YAML 1.1 reads the text in base 60
    (1:30 as 90) and every other reader as text, so that `written` is only one reading of
    what was meant. str() is the advice as a profile's author reads it."""

    __slots__ = ("written", "leave_out", "octal", "base60")

    def __init__(self, written: str, leave_out: str = "", octal: str = "", base60: bool = False):
        self.written, self.leave_out, self.octal, self.base60 = written, leave_out, octal, base60

    def __str__(self) -> str:
        if self.base60:
            return (f"YAML 1.1 reads it in base 60, as {self.written}; YAML 1.2 and CSV read it as text: write the number "
                    "meant as a plain decimal")
        without = f" without {self.leave_out}" if self.leave_out else ""
        return f"write {self.written}{without}" + (f"; YAML 1.1 reads it as octal {self.octal}" if self.octal else "")


def number_form(text: str) -> PlainForm | None:
    """How to write `text` if it is a number in a form some reader takes differently
    (YAML 1.1 reads 024 as octal 20, YAML 1.2 and CSV as 24; 1_2 and 0x10 are numbers
    to YAML but not to JSON; 0o14 is a number to YAML 1.2 alone; 1e3, 1.0e1 and -.5 are
    text to YAML 1.1; 1:30 is a number, 90, to YAML 1.1 alone), else None."""
    body = text.strip()
    sign = "-" if body.startswith("-") else ""
    digits = body.lstrip("+-").replace("_", "")
    if not digits or digits.count(".") > 1:
        return None
    low = digits.lower()
    if ":" in digits:
        return _base60_form(body)
    try:
        if low.startswith(("0x", "0o", "0b")):
            return PlainForm(f"{sign}{int(low, 0)}")
        if re.fullmatch(r"0[0-9]+", digits):
            octal = f"{sign}{int(digits, 8)}" if set(digits) <= set("01234567") else ""
            return PlainForm(f"{sign}{int(digits)}", LEADING_ZERO, octal)
        if "_" in body and re.fullmatch(r"[0-9]*\.?[0-9]*", digits):
            return PlainForm(f"{sign}{digits}", "'_'")
        if re.fullmatch(r"[0-9]+[eE][+-]?[0-9]+", digits):  # 1_0e1 as 10e1: judged below, as 1e1 is
            body = sign + digits
    except ValueError:
        return None
    plain = text_number(body)  # 1.0e1, 1.5e0, -.5: numbers to YAML 1.2, text to YAML 1.1
    if plain is None or inexact(body, float(body)):  # 1e-400 is no number a float holds as written (PF402)
        return None
    return PlainForm(plain)


def _base60_form(body: str) -> PlainForm | None:
    """The advice for `body` if YAML 1.1 resolves it as a number in base 60 (`1:30`, `-1:30.5`),
    asked of the resolver's own patterns; None for other text with a colon (`1:75`, `a:b`)."""
    table = yaml.resolver.Resolver.yaml_implicit_resolvers
    if not any(tag.endswith((":int", ":float")) and pattern.match(body) for tag, pattern in table.get(body[:1], [])):
        return None
    unsigned = body.lstrip("+-").replace("_", "")
    value = base60(unsigned) * (-1 if body.startswith("-") else 1)
    return PlainForm(_plainly(float(value)) if isinstance(value, float) else str(value), base60=True)


def text_number(text: str) -> str | None:
    """How to write `text` plainly if it is a number that YAML 1.1 leaves as text and YAML 1.2
    reads as a number: one with an exponent (`1e3`, `1.5e1`: YAML 1.1 wants a dot and a signed
    exponent), which JSON reads too, or a point after a sign (`-.5`), which JSON refuses; else
    None, as for one a float does not hold as written (`1e-400`, read as 0: unheld_message).
    Asked only of a text found where a number belongs."""
    body = text.strip()
    if "e" not in body.lower() and not re.fullmatch(r"[-+]\.[0-9]+", body) or not is_plain_number(body):
        return None
    value = float(body)
    if not math.isfinite(value) or inexact(body, value):
        return None
    return _plainly(value)


def text_number_message(what: str, text: str) -> str | None:
    """A rule file's PF211 for a text found where a number belongs that some reader takes for
    a number, or None: one YAML 1.1 reads as text and YAML 1.2 as a number (`1e3`, `-.5`,
    `0o14`), or one a float does not hold as written (`1e-400`). The same words wherever a
    rule file holds a number."""
    body = text.strip()
    if is_plain_number(body):
        unheld = unheld_message(what, body, float(body))
        if unheld is not None:
            return unheld
    plain = text_number(text)
    if plain is not None:
        from ..quote import quote  # loaded for a message only: never on a decision's way

        readers = "YAML 1.2 and JSON read" if "e" in text.lower() else "YAML 1.2 reads"
        return (f"{what}: {quote(text)} is text to YAML 1.1, which pathfit reads ({readers} a plain {text} as a number); "
                f"write {plain}")
    form = number_form(text)
    if form is None or form.base60:  # base 60 is YAML 1.1's reading: never text here (written_message)
        return None
    from ..quote import quote  # loaded for a message only: never on a decision's way

    if _CORE_NUMBER.fullmatch(text.strip()):
        return f"{what}: {quote(text)} is text to YAML 1.1, which pathfit reads (YAML 1.2 reads it as {form.written}); {form}"
    return (f"{what}: {quote(text)} is text to YAML 1.1, which pathfit reads, and to YAML 1.2's core schema, but some "
            f"readers take it as {form.written}; {form}")


# a number to YAML 1.2's core schema (its int and float patterns, infinities and NaN aside): no '_', an
# octal or hexadecimal number unsigned, an octal's `0o` in lower case
_CORE_NUMBER = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def unheld_message(what: str, text: str, value) -> str | None:
    """A rule file's PF211 for a plain decimal `text` that a float, read as `value`, does not
    hold as written (scalars.inexact): too small (read as 0) or too many digits; else None,
    as for one too large, which is no finite number (field_checks.number says so)."""
    from ..quote import quote  # loaded for a message only: never on a decision's way

    if underflows(text, value):
        return f"{what}: {quote(text)} is too small for a float: it would be read as 0"
    if not math.isfinite(value) or not inexact(text, value):
        return None
    return (f"{what}: {quote(text)} has more digits than a float holds: it would be read as {value!r}; write the number "
            "a float holds, or fewer digits")


def _plainly(value: float) -> str:
    """The finite `value` written so that YAML 1.1, YAML 1.2, CSV and JSON all read it."""
    if value.is_integer() and abs(value) <= 2 ** 53:
        return str(int(value))
    shown = repr(value)
    if "e" not in shown:
        return shown
    mantissa, _, exponent = shown.partition("e")  # as YAML 1.1 reads it too: a dot and a sign
    return f"{mantissa if '.' in mantissa else mantissa + '.0'}e{exponent if exponent[0] in '+-' else '+' + exponent}"
