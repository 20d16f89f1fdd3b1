"""How a schema fact or value is shown to HR staff: never as the snake_case
identifier the rules use. One place, so the interview and the web form agree."""
from __future__ import annotations


def value_label(fact, value) -> str:
    """The value's `label` from the schema when it has one, else its words
    (Yes/No for a boolean)."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    labels = dict(getattr(fact, "labels", None) or ())
    if value in labels:
        return labels[value]
    words = str(value).replace("_", " ")
    return words[:1].upper() + words[1:]


def fact_label(fact) -> str:
    """The fact's `label` from the schema when it has one, else its name's words."""
    return getattr(fact, "label", "") or fact.name.replace("_", " ")


def unlabelled(fact) -> list[str]:
    """The enum or set values HR staff would read without a schema label."""
    if fact.kind != "input" or fact.type not in ("enum", "set"):
        return []
    labelled = dict(getattr(fact, "labels", None) or ())
    return [v for v in fact.values if v not in labelled]
