"""Where a fact's wrong value is reported, and with which code: asked only once a value is
refused, so a profile with nothing wrong in it never loads this module."""
from __future__ import annotations

from ..errors import Collector, Pos
from ..safe_text import control_in
from .located import Map, Seq

# a mapping's `source` when its values are JSON's reading (a JSON Lines row): every str among
# them was a JSON string, since JSON's numbers that pathfit keeps as written are NumberText
JSON_READ = object()


def place(out: Collector, bad, value, pos: Pos, fact=None, raw=None, noted: bool = True) -> None:
    """Report `bad` (profile._Bad) for `value`, written at `pos`: a control character in it is
    PF101 wherever it came from, as a profile file's text has it; a list's wrong items each where
    it was written, when that is known; else one message at `pos` naming every wrong item.
    A number fact's value refused as a number written so that readers disagree (PF407), or one
    no float holds as written, is judged again as the text it is when it was written as text
    (`'010'`, a JSON string `"1e1"`): no reader takes it for a number, so neither is said of it.
    `raw`: the mapping it came from; `noted`: its reader noted it as a number written so."""
    if (said := control_in(value)) is not None:
        out.add("PF101", said, pos)
        return
    if bad.code in ("PF402", "PF407") and not noted and getattr(fact, "type", None) == "number" \
            and written_as_text(raw, value, pos):
        from .profile import BadValue, check_value

        try:
            check_value(fact, value, text=True)
        except BadValue as again:
            bad = again
    if bad.items and isinstance(value, Seq) and value.marks:
        for index, message in bad.items:
            out.add(bad.code, message, value.at(index))
    else:  # one place for the whole value (--fact, a request's fact): one message naming every item
        out.add(bad.code, bad.message, pos)


def written_as_text(raw, value, pos: Pos) -> bool:
    """Whether `value`, a profile's value at `pos` in the mapping `raw`, was written as text:
    a str that is not NumberText (a number someone wrote, kept as written) given by a program
    or as a JSON string, or a YAML scalar written quoted, tagged or as a block. False where it
    cannot be told (a plain YAML scalar such as `1e1`, which YAML 1.1 alone reads as text, is
    a number to other readers)."""
    if type(value) is not str:
        return False
    if not isinstance(raw, Map):
        return True  # a program's str, or a JSON string: JSON's own numbers come as numbers or NumberText
    source = getattr(raw, "source", None)
    if source is JSON_READ:
        return True
    if pos.file != raw.label:  # put there from elsewhere (--fact), whose reader gives a number as written as NumberText
        return True
    if not pos.line:
        return False
    from .text_written import made_text

    return bool(made_text(pos, source))


def wrong_items(fact, words, wrong: list) -> Exception:
    """PF403 (profile._Bad) for a list's wrong items, (index, item) each: every one named in the
    message, once however often given, and each alone for a caller that places items where
    they were written. Each distinct item is worded once: a text's did-you-mean searches the
    fact's values, a list or mapping is written out as YAML, and a list may give the same wrong
    item thousands of times."""
    from .profile import BadValue

    worded: dict = {}
    said = []
    for i, v in wrong:
        key = _alike(v, i)
        if key not in worded:
            worded[key] = f"{words.given(fact, v)}{words.hint(fact, v)}"
        said.append(worded[key])
    head = f"{words.fact(fact)} takes {words.choices(fact)}; not "
    named = list(dict.fromkeys(said))  # an item given twice is named once
    return BadValue("PF403", head + (" or ".join(named) if len(named) < 3 else ", ".join(named[:-1]) + " or " + named[-1]),
                    tuple((i, head + text) for (i, _), text in zip(wrong, said)))


def _alike(value, index: int) -> tuple:
    """A key two items share only if they are worded alike: each part's type and repr, a list or
    mapping part by part (`0.0` and `-0.0`, `1` and `true`, a number kept as written and text
    stay apart); an item it cannot be made for (nested past recursion, repr refused) has its own."""
    def key(v):
        if isinstance(v, (list, tuple)):
            return type(v), tuple(map(key, v))
        if isinstance(v, dict):
            return type(v), tuple((key(k), key(x)) for k, x in v.items())
        return type(v), v if type(v) is str else repr(v)

    try:
        return key(value)
    except Exception:  # RecursionError, a whole number too long for repr, a caller's object whose repr fails
        return "item", index
