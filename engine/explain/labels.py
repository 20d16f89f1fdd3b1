"""How a schema value is shown to HR staff: never as the snake_case identifier
the rules use. One function, so the interview and the web form agree."""
from __future__ import annotations


def value_label(fact, value: str) -> str:
    """The value's `label` from the schema when it has one, else its words."""
    labels = getattr(fact, "labels", None) or {}
    if value in labels:
        return labels[value]
    words = str(value).replace("_", " ")
    return words[:1].upper() + words[1:]
