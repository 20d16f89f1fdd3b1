"""The interview's `answers` and `change N`: the answers so far, and changing any of them.

A person answering questions about someone else often learns, three questions on, that
an earlier answer was wrong; `back` would throw away every answer since. `answers` lists
what the advice will be decided on, numbered as the questions were; `change N` asks
question N again, the other answers kept, and the interview then goes on asking only
what could still change the advice with the new answer (an answer given since that no
longer matters stays as given: it is still true of the person, and cannot move the
advice). Which question each number names is the interview's own history, so a number
always means the question shown under it.
"""
from __future__ import annotations

import re

from pathfit.engine.explain.labels import fact_named, value_label, value_text
from pathfit.engine.reports.wrap import fill

# `change`, `change 2`, `change Q2`, of any number of digits (ten named no answer: they were
# read as an answer); any other text after `change` is an answer (a choice may be labelled
# "Change management"), read as one
CHANGE = re.compile(r"change(?:\s+[qQ]?([0-9]+))?", re.IGNORECASE)


def change_request(reply: str) -> tuple[bool, str]:
    """(whether `reply` asks to change an answer, the number naming which: '' for none)."""
    match = CHANGE.fullmatch(reply.strip())
    if not match:
        return False, ""
    return True, (match.group(1) or "").strip()


def change_target(which: str, history: list) -> tuple[int | None, str]:
    """The history index `which` (digits) names, or None with a message saying what can be
    changed: only questions already answered (or left unknown) in this interview. The digits
    are read whole, leading zeros aside, and a number of more digits than the history's length
    names none unread (int() refuses past 4,300 digits)."""
    if not history:
        return None, "There is no answer to change yet."
    span = "change 1" if len(history) == 1 else f"change 1 to change {len(history)}"
    if not which:
        return None, f"Say which answer to change: {span} (type answers to see them)."
    digits = which.lstrip("0") or "0"
    if len(digits) > len(str(len(history))) or not 1 <= int(digits) <= len(history):
        return None, f"There is no answer {digits} to change: {span} (type answers to see them)."
    return int(digits) - 1, ""


def shown(fact, value) -> str:
    """An answer in the words the question offered it: a yes/no or a value by its choice's
    label (`No`, `None of these` for an empty set), as the choices and a terminal's echo give it,
    where labels.value_text words it for a sentence (`no`); a number with its unit; `unknown`."""
    if isinstance(value, (list, tuple)):
        return ", ".join(value_label(fact, v) for v in value) or "None of these"
    if value is not None and fact.type in ("bool", "enum"):
        return value_label(fact, value)
    return value_text(fact, value)


def answer_text(fact, value) -> str:
    """`Question? Answer`, the answer as shown() gives it."""
    return f"{fact_named(fact)} {shown(fact, value)}"


def answer_rows(rs, history: list, answers: dict) -> list[str]:
    """`Q2. Question? answer` for each question asked, in the order asked, numbered as it was
    asked (a question left unknown says so)."""
    return [f"Q{number}. " + answer_text(rs.facts[name], answers.get(name) if kind == "answer" else None)
            for number, (kind, name) in enumerate(history, 1)]


def say_answers(say, rs, history: list, answers: dict, width: int) -> None:
    """The answers so far, then those the profile gave (never asked): everything the advice
    would be decided on now."""
    say("The answers so far:" if history else "No question has been answered yet.")
    for row in answer_rows(rs, history, answers):
        say(fill(row, width - 2, initial_indent="  ", subsequent_indent="      "))
    asked = {name for _, name in history}
    given = [name for name in answers if name not in asked]
    if given:
        say("Given in the profile (not asked):")
        for name in given:
            say(fill(answer_text(rs.facts[name], answers[name]), width - 2, initial_indent="  - ",
                     subsequent_indent="    "))
    if history:
        say("To change one, type change and its number (change 1).")


def change_line(number: int, more: int, fact, kind: str, value) -> str:
    """The progress line for a question asked again: its number, the answer it would replace,
    and how many more questions can come at most after it (as for any question)."""
    was = shown(fact, value if kind == "answer" else None)
    after = "the last" if more == 0 else f"at most {more} more"
    return f"question {number} again (now: {was}; back keeps it), {after}"
