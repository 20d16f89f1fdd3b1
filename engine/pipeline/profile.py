"""A person's facts, checked against the schema before they reach the engine.

`None` (YAML `null`, JSON `null`) means unknown, as does leaving a fact out. Values come back
canonical (sets sorted, whole floats as ints) so the same person always gives the same facts,
whatever order or spelling of numbers; and plain int, float and str whatever subclass was given
(an IntEnum, a StrEnum, a float with a unit), since a fact's text for the C core is written
with repr(), which a subclass may write otherwise.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..errors import Collector, PathfitError, Pos, Problem, did_you_mean
from ..safe_text import control_in
from .figures import shown_number
from .model import RuleSet, kept_with, valued_facts
from .scalars import int_too_long, not_exact_reason

if TYPE_CHECKING:
    from .number_forms import PlainForm

MAX_TEXT = 200
SUBJECT = "subject"  # the one top-level key of a profile that is not a fact: whom the decision is about
ROW_ID = "id"  # a batch row's id (a CSV column, a JSON Lines key), never given to the rules


def profile_subject(rs: RuleSet, raw, label: str = "<profile>") -> str | None:
    """A profile's top-level `subject` (checked text, engine.audit.subject), or None; a fact so named is a fact."""
    if not isinstance(raw, dict) or SUBJECT not in raw or SUBJECT in rs.facts or raw[SUBJECT] is None:
        return None
    from ..audit.subject import check_who  # only now: the audit modules cost start-up time
    from .located import Map

    if not isinstance(raw, Map):  # a caller's own mapping: its attributes (an `at`) are its own, not positions
        return check_who(raw[SUBJECT], "subject", Pos(label), None)
    written = (getattr(raw, "surprises", {}).get(SUBJECT) or getattr(raw, "as_written", {}).get(SUBJECT))
    return check_who(raw[SUBJECT], "subject", raw.at(SUBJECT), written)


def check_profile(rs: RuleSet, raw, label: str = "<profile>") -> dict:
    """-> {fact name: canonical value} for known facts; raise PathfitError listing every problem.
    Positions are looked up only for a problem: a batch checks every row, and most are fine."""
    if not getattr(raw, "as_written", None) and not getattr(raw, "repeats", None):  # 024, 0x10, a repeat: below
        known = _all_fine(rs, raw)
        if known is not None:
            return known
    return _careful(rs, raw, label)


def not_a_mapping(raw, pos: Pos, what: str = "a profile") -> Problem:
    """PF406 for a profile (or an example file's `facts:` block, `what`) that is a list, a number or text,
    at `pos`: a reader that knows where a document of one plain value is written (which it cannot say) locates it."""
    return Problem("PF406", f"{what} maps fact names to values, not {_type_name(raw)}", pos)


def _careful(rs: RuleSet, raw, label: str) -> dict:
    """`check_profile` fact by fact, every problem collected with its position."""
    from .located import Map, Seq  # loaded with the rules already

    out = Collector()
    if not isinstance(raw, dict):
        raise PathfitError([not_a_mapping(raw, raw.pos if isinstance(raw, (Map, Seq)) else Pos(label))])
    # positions, numbers as written and repeated keys are read of pathfit's own mappings alone: a
    # caller's dict subclass may have an attribute so named (a row's `at` timestamp) meaning another thing
    located = isinstance(raw, Map)
    written = getattr(raw, "as_written", None) or () if located else ()
    facts = rs.facts
    known: dict = {}
    for name in sorted(raw, key=lambda n: n if isinstance(n, str) else _plain(n)):  # str(n) fails past 4,300 digits
        value = raw[name]
        fact = facts.get(name) if isinstance(name, str) else None
        if fact is None or fact.kind == "derived":
            key_pos = raw.key_at(name) if located else Pos(label)
            if fact is not None or (isinstance(name, str) and name in valued_facts(facts)):  # `pace`, set as pace=fast
                from ..quote import quote  # loaded for a message only: never on a decision's way
                out.add("PF405", f"{quote(name)} is derived by the rules and cannot be given as input", key_pos)
            elif name == SUBJECT:  # kept in the record, never given to the rules
                try:
                    profile_subject(rs, raw, label)
                except PathfitError as err:
                    out.add(*err.problems[0][:3])
            elif isinstance(name, str) and control_in(name):  # as in a profile file's key: PF101, not PF401
                out.add("PF101", control_in(name), key_pos)
            else:
                from .key_hint import key_hint  # a message only: never on a decision's way

                hint = key_hint(_plain(name)[:MAX_TEXT], [f.name for f in rs.inputs], raw)
                out.add("PF401", f"unknown fact {_show(name)[:MAX_TEXT]}{hint}", key_pos)
            continue
        if value is None:
            continue
        if name in written:  # a number written so that readers disagree (0x10, 1:30): judged, and
            value = written[name]  # quoted, as written, as a CSV cell or --fact is, whatever the fact's type
        try:  # under the schema's own name: a str subclass naming the fact is the caller's
            known[fact.name] = check_value(fact, value)
        except _Bad as bad:
            from .value_problems import place  # a refused value's message only: never on a decision's way
            place(out, bad, value, raw.at(name) if located else Pos(label), fact, raw, name in written)
    for name, later in (raw.later_values().items() if located else ()):  # a key written twice (PF105)
        fact = facts.get(name)  # its name's problem, if any, is reported at its first occurrence
        judged = [v for v in later if v[0] is not None] if fact is not None and fact.kind != "derived" else ()
        for value, pos, as_written in judged:  # unknown (None) is no problem, later as first
            try:
                check_value(fact, as_written or value)
            except _Bad as bad:
                from .value_problems import place
                place(out, bad, value, pos, fact, raw, as_written is not None)
    if out.errors and located:  # an error at a plain `no` that YAML 1.1 read as false says so, as a rule file's
        from .ruleset import name_surprises
        name_surprises(out, {label: raw}, booleans_only=True)
    out.raise_if_errors()
    return known


def _all_fine(rs: RuleSet, raw) -> dict | None:
    """The known facts of a profile with nothing wrong in it, or None to have it looked at
    closely. Most profiles have nothing wrong, and checking one fact by fact through
    `check_value`, its problems collected, was nearly a tenth of a decision at 30 rules: here a
    value of each type that is plainly fine is taken at sight (a whole float made int), anything
    else goes through `check_value`, and the first doubt hands the profile to the careful path.
    Either way the same facts come back (tests/test_profile_fast.py)."""
    if not isinstance(raw, dict):
        return None
    try:
        names = sorted(raw)
    except TypeError:  # names of different types: not a profile to take at sight
        return None
    accept = kept_with(rs.rules, _ACCEPT, lambda: _acceptance(rs))
    known: dict = {}
    for name in names:
        value = raw[name]
        taken = accept.get(name)
        if taken is None:  # not an input fact (unknown, derived, the subject), even with no value: the careful
            return None  # path says which (a misspelt name given as unknown is still a misspelt name)
        if value is None:
            continue
        kind, allowed, fact, plain = taken  # plain: the schema's name, not a str subclass naming it
        if type(value) is kind:
            if kind is str:  # an enum
                fine = value in allowed
            elif kind is int:  # a number; never a bool, whose type is bool
                fine = allowed[0] <= value <= allowed[1]
            elif kind is list:  # a set, of plain str alone (check_value makes a StrEnum's plain)
                try:
                    fine = allowed.issuperset(value) and _ONLY_STR.issuperset(map(type, value))
                except TypeError:  # an unhashable member
                    return None
                value = tuple(sorted(set(value))) if fine else value
            else:  # a flag
                fine = True
            if not fine:
                return None
            known[plain] = value
            continue
        if kind is int and type(value) is float:  # a number written with a point: as check_value takes it
            if not (allowed[0] <= value <= allowed[1] and math.isfinite(value)
                    and (not fact.integer or value.is_integer())):
                return None
            known[plain] = int(value) if value.is_integer() else value
            continue
        try:  # a tuple for a set, or a value of the wrong type
            known[plain] = check_value(fact, value)
        except _Bad:
            return None
    return known


def _acceptance(rs: RuleSet) -> dict:
    """input fact -> (the type taken at sight, what it is checked against, its FactDef, its name): an
    enum's or a set's values, `bool` for a flag, a number's (minimum, maximum)."""
    taken = {"enum": str, "bool": bool, "number": int, "set": list}
    return {f.name: (taken[f.type], None if f.type == "bool" else (f.minimum, f.maximum) if f.type == "number"
                     else frozenset(f.values), f, f.name) for f in rs.inputs}


_ACCEPT: dict[int, tuple] = {}  # id(rules) -> (rules, _acceptance)
_ONLY_STR = frozenset({str})  # a set's members' types, when each is a plain str


class _Bad(Exception):
    """A value the schema does not allow: its code and message, placed by the caller.
    `items` holds, for a list with wrong items, (index, a message about that item alone), so
    a caller that knows where each item was written can report each there; `message` names
    them all, for a caller that has one place for the whole list."""

    def __init__(self, code: str, message: str, items: tuple[tuple[int, str], ...] = ()):
        super().__init__(message)
        self.code, self.message, self.items = code, message, items


BadValue = _Bad  # for a caller that words a value's problem itself (the web page)


class Words:
    """How a problem with a value names the fact, its values and what was given. These are
    the identifiers the rules use, for a profile's author, the CLI and the JSON API; the web
    page words the same problems in the schema's labels (engine.service.page)."""

    def fact(self, fact) -> str:
        return fact.name

    def choices(self, fact) -> str:
        """The values a fact takes: `true or false` for a flag."""
        return "true or false" if fact.type == "bool" else ", ".join(fact.values)

    def given(self, fact, value) -> str:
        """What was given, quoted as written."""
        return _short(value)

    def hint(self, fact, value) -> str:
        """A did-you-mean for a value the fact does not take, or an empty string."""
        return did_you_mean(value, fact.values) if isinstance(value, str) else ""

    def not_plain(self, fact, value: str, form: PlainForm) -> str:
        """A number written so that readers disagree on it (024, 0x10, 1_2), how to write it,
        and why: a profile's author writes YAML, where 024 may be read as octal 20."""
        from ..quote import quote  # loaded for a message only: never on a decision's way

        return f"{self.fact(fact)}: {quote(value)} is not a plain decimal number, and readers disagree on it ({form})"


IDENTIFIERS = Words()


def check_value(fact, value, words: Words = IDENTIFIERS, text: bool = False):
    """-> the canonical value; raises _Bad, its message in `words` (the fact's name is asked
    of them only for a problem: a profile's fine values pass here too, a float for a number).
    `text`: the value was written as text (quoted, a JSON string), which no reader takes for a number."""
    if fact.type == "bool":
        if isinstance(value, bool):
            return value
        raise _Bad("PF402", f"{words.fact(fact)} is {words.choices(fact)}, not {words.given(fact, value)}")
    if fact.type == "number":
        if isinstance(value, str) and not text:  # a number written as text (a CSV cell, --fact): not on recommend's way
            from .number_forms import number_form

            form = number_form(value)
            if form is not None:
                raise _Bad("PF407", words.not_plain(fact, value, form))
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Bad("PF402", f"{words.fact(fact)} is a number from {shown_number(fact.minimum)} to {shown_number(fact.maximum)}, "
                       f"not {words.given(fact, value)}{'' if text else not_exact_reason(value)}")
        if type(value) is not int and type(value) is not float:  # a subclass (an IntEnum) may write itself
            value = int.__int__(value) if isinstance(value, int) else float.__float__(value)  # otherwise: plain
        if isinstance(value, float) and not math.isfinite(value):
            said = "NaN" if value != value else "infinity" if value > 0 else "minus infinity"
            raise _Bad("PF404", f"{words.fact(fact)} must be a finite number, not {said}")
        if not fact.minimum <= value <= fact.maximum:
            if isinstance(value, int) and int_too_long(value):  # refused as the same digits written out are
                raise _Bad("PF402", f"{words.fact(fact)} is a number from {shown_number(fact.minimum)} to "
                           f"{shown_number(fact.maximum)}, not {words.given(fact, value)}: more digits than pathfit "
                           "reads as one number")
            raise _Bad("PF404", f"{words.fact(fact)} is from {shown_number(fact.minimum)} to {shown_number(fact.maximum)}; "
                       f"{_plain(value) if isinstance(value, int) else shown_number(value)} is out of range")
        if fact.integer and value != int(value):
            raise _Bad("PF402", f"{words.fact(fact)} is a whole number, not {shown_number(value)}")
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if fact.type == "enum":
        if isinstance(value, str) and (value := str.__str__(value)) in fact.values:  # a StrEnum too: plain
            return value
        raise _Bad("PF403", f"{words.fact(fact)} is one of {words.choices(fact)}; not {words.given(fact, value)}"
                   f"{words.hint(fact, value)}")
    # set
    if not isinstance(value, (list, tuple)):
        raise _Bad("PF402", f"{words.fact(fact)} is a list of {words.choices(fact)}; not {words.given(fact, value)}")
    value = [str.__str__(v) if isinstance(v, str) else v for v in value]  # plain str, as an enum's
    wrong = [(i, v) for i, v in enumerate(value) if not (isinstance(v, str) and v in fact.values)]
    if wrong:  # every wrong item named, so one correction is enough
        from .value_problems import wrong_items  # a refused value's message only: never on a decision's way
        raise wrong_items(fact, words, wrong)
    return tuple(sorted(set(value)))


# field_checks is imported only to word a problem: with its patterns (compiled at import)
# it cost 0.4 ms of every `recommend`, which never needs it for a valid profile.
def _show(value) -> str:
    from .field_checks import show
    return show(value)


def _plain(value) -> str:
    from .field_checks import plain_text
    return plain_text(value)


def _type_name(value) -> str:
    from .field_checks import type_name
    return type_name(value)


def _short(value) -> str:
    text = _show(value)
    return text if len(text) <= 60 else text[:57] + "..."
