"""A fact's value given as text, read into the value a profile would hold.

The one reading of `--fact NAME=TEXT` and of an answer posted in `pathfit serve`'s form
(engine.service.form), so the command line and the page cannot read the same text two ways:
the page says it reads its form as the CLI reads its command line. What each adds around it
is its own (the CLI: repeated `--fact`s of a set add up; the form: an empty box, or a set
with no box ticked, is unknown, and "None of these" is the empty set).
"""
from __future__ import annotations

from .model import FactDef

UNKNOWN = "unknown"
NULL = "null"  # JSON's unknown: read as unknown for a choice or a list as for a number or yes/no
# what is taken off around a name or value a person types (`--fact`, an option naming an outcome
# or a rule, the page's form, an interview answer, a CSV cell, a set's member, a header's name):
# spaces and tabs, as YAML takes them off a plain value, and line breaks (a quoted cell may span
# lines). No name or value has them at its ends, so the text without them is the only one meant;
# any other white space (U+00A0, U+3000) is part of it, refused with the name it is near
BLANKS = " \t\r\n"
# yes/no typed as text, in any case: the one list of every way in where a person types it (`--fact`,
# the page's form, a CSV cell, an interview answer), so spreadsheets' TRUE/FALSE, 1/0 and y/n read alike
YES_WORDS = frozenset({"yes", "y", "true", "t", "1"})
NO_WORDS = frozenset({"no", "n", "false", "f", "0"})


def yes_no(text: str) -> bool | None:
    """`text` (blanks around it already taken off) as yes or no, any case; None if it is neither."""
    low = text.lower()
    return True if low in YES_WORDS else False if low in NO_WORDS else None


def nearest_yes_no(text: str) -> bool | None:
    """The yes or no `text` is a slip for (`yse`, `ture`, `noo`), for a did-you-mean: the answer
    whose words it is nearest, as difflib finds a near choice; None where it is near neither, or
    as near a word of one as of the other (`ny`), which tells nothing of what was meant. Only
    for a message: the slip itself is never taken."""
    import difflib  # loaded for a message only: never on a decision's way

    low = text.lower()
    scores = {word: difflib.SequenceMatcher(None, low, word).ratio() for word in sorted(YES_WORDS | NO_WORDS)}
    best = max(scores.values())
    meant = {word in YES_WORDS for word, score in scores.items() if score == best}
    return meant.pop() if best >= 0.6 and len(meant) == 1 else None


def value_from_text(fact: FactDef | None, text: str) -> object:
    """`text`, blanks (BLANKS) around it ignored, as a value of `fact` (None: a name no fact has):

    - `unknown` is unknown (None), and so is `null` (what a program writes for JSON's null),
      for every kind of fact alike, unless the fact has a value of that name;
    - a set: a comma list, blanks around each item ignored, empty items dropped;
    - a choice: the text itself;
    - yes/no: one of YES_WORDS or NO_WORDS in any case (yes, y, true, t, 1; no, n, false, f, 0),
      else as JSON (`null`);
    - a number: a plain decimal as a CSV cell reads it (`.5`, `1.` and `+1` too), else as JSON;
    - anything else as a JSON scalar.

    Text that is not a JSON scalar (`NaN`, `Infinity`, `[1]`, `maybe`) is kept as written, for
    the profile check to refuse it as written: read as JSON's NaN or a list it would be quoted
    as Python prints it, not as it was typed."""
    text = text.strip(BLANKS)
    values = fact.values if fact is not None and fact.type in ("enum", "set") else ()
    if text in (UNKNOWN, NULL) and text not in values:
        return None
    kind = fact.type if fact is not None else None
    if kind == "set":
        return [item.strip(BLANKS) for item in text.split(",") if item.strip(BLANKS)]
    if kind == "enum":
        return text
    if kind == "bool":
        said = yes_no(text)
        if said is not None:
            return said
    if kind == "number":
        from .scalars import NumberText, plain_number, reads_as_number

        if reads_as_number(text):
            return plain_number(text)
        value = _json_scalar(text)  # kept as typed (010, 1_0): a number written so, judged as written
        return NumberText(text) if value is text else value
    return _json_scalar(text)


def _json_scalar(text: str) -> object:
    """`text` as a JSON scalar, or `text` itself. json is imported only here: it stays off the
    path of a command given no such value."""
    import json

    from ..cohort.rows import json_depth_problem
    from .scalars import json_float, json_int

    if json_depth_problem(text, "<value>", 0) is not None:
        return text  # the decoder recurses: refused as written by the profile check
    try:
        value = json.loads(text, parse_float=json_float, parse_int=json_int, parse_constant=_not_a_number)
    except ValueError:
        return text
    return value if value is None or isinstance(value, (str, int, float, bool)) else text


def _not_a_number(name: str):
    """NaN, Infinity, -Infinity: no JSON number, and no value of any fact."""
    raise ValueError(name)
