"""Numbers as the rule files wrote them, for every view that prints one.

Python's `:g` keeps six significant digits: a weight of 2.0000004 printed as "+2" and one
of 1234567 as "+1.23457e+06", while the rules add up the written values exactly. A number
here is printed whole: a whole number without ".0", any other as Python's shortest text
for it, which reads back as the same value.
"""
from __future__ import annotations


def number_text(value) -> str:
    """`value` without rounding: 2, 2.5, 2.0000004, 1234567."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def signed_text(value) -> str:
    """number_text with its sign always shown, as an effect on evidence reads: +2, -0.5."""
    text = number_text(value)
    return text if text.startswith("-") else "+" + text
