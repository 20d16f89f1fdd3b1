"""An interview answer as HR staff type it, read into a typed fact value.

Every message here is for the person answering, not for a rule author: facts
and values are named by their labels (explain/labels.py), never by the
snake_case identifiers the rules use. A choice may be answered by its number,
its label or its value, or the start of just one of them (four letters at
least: the start of several is refused naming them, so the person types more
of it); a set answer is checked item by item, so every bad item is named at
once (each with the nearest choice, if one is close) and the good ones are kept
for the next try.
"""
from __future__ import annotations

import difflib
from typing import NamedTuple

from ..canonical import folded
from ..pipeline.model import FactDef
from ..pipeline.number_forms import number_form
from ..pipeline.scalars import is_plain_number, plain_number
from ..pipeline.value_text import BLANKS, NO_WORDS, YES_WORDS, nearest_yes_no
from ..reports.wide_text import columns
from ..safe_text import escape_controls
from .labels import value_label

YES = YES_WORDS
NO = NO_WORDS | {"2"}  # a yes/no question's choices are numbered 1 (yes) and 2 (no)
NONE = "none"
NONE_WORDS = (NONE, "none of these")  # and the empty set as the interview shows it: its list's row, `answers`
PREFIX = 4  # the fewest letters a choice may be answered by (when no other choice starts so)


class BadAnswer(Exception):
    """An answer that cannot be read; `kept` holds a set answer's good items."""

    def __init__(self, message: str, kept: tuple = ()):
        super().__init__(message)
        self.message = message
        self.kept = kept


class Choice(NamedTuple):
    value: object
    label: str


def choices(fact: FactDef) -> list[Choice]:
    """The answers offered for a choice question, in the schema's order, each with its label."""
    if fact.type == "bool":
        return [Choice(True, "Yes"), Choice(False, "No")]
    if fact.type in ("enum", "set"):
        return [Choice(v, value_label(fact, v)) for v in fact.values]
    return []


def hint(fact: FactDef) -> str:
    """What kind of answer is wanted, in words, after the question."""
    if fact.type == "set":
        return "(several: numbers or names separated by commas; 'none' for none)"
    if fact.type == "number":
        unit = f" {fact.unit}" if fact.unit else ""
        whole = "a whole number, " if fact.integer else ""
        return f"({whole}{_n(fact.minimum)} to {_n(fact.maximum)}{unit})"
    return ""


def prompt_text(fact: FactDef, width: int = 76) -> str:
    """The question, then each choice numbered with its label (packed into lines of
    `width` terminal columns), then what kind of answer is wanted: the plain, piped form."""
    lines, line = [], ""
    for i, option in enumerate(choices(fact), 1):
        item = f"{i}) {option.label}"
        if line and columns(line) + 2 + columns(item) > width:
            lines.append(line)
            line = item
        else:
            line = f"{line}  {item}" if line else item
    if line:
        lines.append(line)
    if hint(fact) and fact.type == "set":
        lines.append(hint(fact))
    head = fact.question + (f"  {hint(fact)}" if fact.type == "number" else "")
    return head + "".join(f"\n  {text}" for text in lines)


def parse_answer(fact: FactDef, text: str, kept: tuple = ()):
    """-> the typed value, or raise BadAnswer saying, in the person's terms, what is allowed.
    `kept` are a set's items already accepted from an earlier try: an empty answer keeps
    just them, and new items are added to them."""
    raw = text.strip(BLANKS)  # as --fact takes them off: a no-break space is part of the answer
    name = getattr(fact, "label", "")  # its schema label, or none: the message sits under its question
    if fact.type == "bool":
        low = raw.lower()
        if low in YES:
            return True
        if low in NO:
            return False
        meant = nearest_yes_no(raw) if raw else None
        near = "" if meant is None else f'{_quoted(raw)} (did you mean "{"Yes" if meant else "No"}"?): '
        raise BadAnswer(_about(name, f"{near}answer yes or no"))
    if fact.type == "number":
        return _number(fact, raw, name)
    options = choices(fact)
    if fact.type == "enum":
        if not raw:  # nothing typed: nothing to quote as no choice
            raise BadAnswer(_about(name, f"choose one: answer a number from 1 to {len(options)}, or a choice's name"))
        found = _match(options, raw)
        if found is not None:
            return found
        return _bad_choice(name, options, [raw])
    items = [p.strip(BLANKS) for p in raw.split(",") if p.strip(BLANKS)]  # an empty item between commas names nothing
    if not items:  # "" or only commas: no item, so no answer; "none" is typed, never taken from a slip
        if kept:
            return sorted(kept, key=fact.values.index)
        raise BadAnswer(_about(name, "choose at least one, or type none"))
    if folded(raw) in NONE_WORDS:
        return []
    good, bad = list(kept), []
    for item in items:
        found = _match(options, item)
        if found is None:
            bad.append(item)
        elif found not in good:
            good.append(found)
    if bad:
        _bad_choice(name, options, bad, tuple(good), many=True)
    return sorted(good, key=fact.values.index)


def _number(fact: FactDef, raw: str, name: str):
    wanted = f"answer a {'whole ' if fact.integer else ''}number from {_n(fact.minimum)} to {_n(fact.maximum)}" \
             f"{' ' + fact.unit if fact.unit else ''}"
    text = raw.strip(BLANKS)
    value = plain_number(text) if text else text  # read as `--fact` and a CSV cell read it
    if isinstance(value, str):  # not plain (1_0, 1e1_0, other scripts' digits), or not held exactly
        form = number_form(text) if text else None
        said = "" if not text else f"{_quoted(text)} is written so that readers disagree ({form}); " if form \
            else f"{_quoted(text)} is not a number a float holds as written; " if is_plain_number(text) \
            else f"{_quoted(text)} is not a number; "
        raise BadAnswer(_about(name, f"{said}{wanted}"))
    # a whole number stays the int typed: made a float, 2**53 + 1 became 2**53 (in range), and
    # one past a float's range raised OverflowError, an internal error instead of the question again
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        raise BadAnswer(_about(name, f"{_quoted(text)} is not a finite number; {wanted}"))  # YAML's .nan, .inf
    if not fact.minimum <= value <= fact.maximum:
        from ..pipeline.field_checks import whole_number_text  # for this message only

        shown = whole_number_text(value) if isinstance(value, int) else _n(value)  # as --fact's PF404 says it
        raise BadAnswer(_about(name, f"{shown} is out of range; {wanted}"))
    if fact.integer and value != int(value):
        raise BadAnswer(_about(name, f"{_n(value)} is not a whole number; {wanted}"))
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _quoted(answer: str) -> str:
    """An answer as typed, quoted in a message: cut to 40 characters and every control
    character escaped, colour sequences too, which the terminal's own styling keeps (a typed
    `ESC[8m` would hide the rest of the message)."""
    return f'"{escape_controls(answer[:40])}"'


def _about(label: str, text: str) -> str:
    """A message about an answer, led by its fact's schema label when it has one; else it
    stands alone under the question it answers (a fact's name is an identifier, even with
    its underscores made spaces)."""
    return f"{label}: {text}" if label else text[:1].upper() + text[1:]


def _match(options: list[Choice], text: str):
    """The value `text` names (by number, label or value, case aside), or None."""
    low = folded(text)
    at = choice_index(low, len(options))
    if at is not None:
        return options[at].value
    for option in options:
        if low in (folded(option.label), str(option.value).lower()):
            return option.value
    starting = _starting(options, low)  # the start of one choice only: "career" for "Career direction"
    return starting[0].value if len(starting) == 1 else None


def choice_index(typed: str, count: int) -> int | None:
    """The index of the one of `count` choices whose number `typed` is, in ASCII digits (not "²":
    no int of it), or None. Read whole, its leading zeros aside (`01` is choice 1): a number of
    more digits than any choice's names none, unread, since int() refuses past 4,300 digits (an
    answer of 5,000 nines, or of 5,000 zeros and a 1, was an internal error)."""
    if not (typed.isascii() and typed.isdigit()):
        return None
    digits = typed.lstrip("0")
    number = int(digits) if digits and len(digits) <= len(str(count)) else 0
    return number - 1 if 1 <= number <= count else None


def _starting(options: list[Choice], low: str) -> list[Choice]:
    """The choices whose label or value `low` starts, in the schema's order: none for fewer than
    PREFIX letters, which would start too many to be meant."""
    if len(low) < PREFIX:
        return []
    return [o for o in options if folded(o.label).startswith(low) or str(o.value).lower().startswith(low)]


def _bad_choice(name: str, options: list[Choice], bad: list[str], kept: tuple = (), many: bool = False):
    """Raise BadAnswer naming every unreadable item: the start of several choices with those
    choices (the person types more of it), `none` among a set's (`many`) items as going alone, any
    other with the nearest choice."""
    alone = {item for item in bad if many and folded(item) in NONE_WORDS}
    several = {item: _starting(options, folded(item)) for item in bad}
    several = {item: _listed(starts) for item, starts in several.items() if len(starts) > 1}
    if len(bad) == 1 and bad[0] in several:
        text = _about(name, f"{_quoted(bad[0])} starts more than one choice: {several[bad[0]]}")
    elif len(bad) == 1 and alone:
        text = _about(name, f"{_quoted(bad[0])} means none of these, and goes alone")
    elif len(bad) == 1:
        text = _about(name, f"{_quoted(bad[0])}{_nearest(options, bad[0])} is not one of the choices")
    else:
        plain = [item for item in bad if item not in several and item not in alone]
        # one reason for all, said once; else each item its own ("none" is a choice, that goes alone)
        mixed = len(plain) not in (0, len(bad)) or bool(alone)
        shown = [f"{_quoted(item)} (starts more than one choice: {several[item]})" if item in several
                 else f"{_quoted(item)} (means none of these, and goes alone)" if item in alone
                 else _not_a_choice(options, item) if mixed
                 else f"{_quoted(item)}{_nearest(options, item)}" for item in bad]
        said = "cannot be taken" if mixed else "are not among the choices" if plain else "name no single choice"
        text = _about(name, f"{len(bad)} answers {said}: {', '.join(shown)}")
    text += f"; answer a number from 1 to {len(options)}, or a choice's name"
    if kept:
        labels = {o.value: o.label for o in options}
        text += (f". Kept: {', '.join(labels[v] for v in kept)}; type the others to add them, "
                 "or press Enter to keep just these")
    raise BadAnswer(text, kept)


def _not_a_choice(options: list[Choice], item: str) -> str:
    """'"netwrk" (not one of the choices; did you mean "network"?)': an item among others refused
    for other reasons, its own said beside it."""
    nearest = _nearest(options, item)
    return f"{_quoted(item)} (not one of the choices{'; ' + nearest[2:-1] if nearest else ''})"


def _listed(starts: list[Choice]) -> str:
    """'"A", "B" and "C"': choices by their labels."""
    labels = [f'"{o.label}"' for o in starts]
    return ", ".join(labels[:-1]) + f" and {labels[-1]}"


def _nearest(options: list[Choice], item: str) -> str:
    """' (did you mean "network"?)': the closest value or label, written the way a
    person would type it (a value with underscores is offered by its label)."""
    names = {}
    for option in options:
        value = str(option.value)
        names[value.lower()] = value if "_" not in value else option.label
        names[folded(option.label)] = option.label
    low = folded(item)
    close = difflib.get_close_matches(low, sorted(names), n=1, cutoff=0.6)
    return f' (did you mean "{names[close[0]]}"?)' if close else ""


def _n(value) -> str:
    """A number as every message about a profile's value shows it (0.00001, never 1e-05)."""
    from ..pipeline.figures import shown_number

    return shown_number(value)
