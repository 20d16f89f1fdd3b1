"""JSON Lines cohort rows: one JSON object per line, an `id` key taken as the row id,
a key written twice an error (PF105); a blank line is no row.

Why the reading (`read_jsonl`) and the parsing (`jsonl_row`) are apart: a batch reads in
one process and parses where each row is evaluated (rows.Unparsed), so the one process
that reads only splits lines.
"""
from __future__ import annotations

import json
import re
from json.decoder import scanstring
from typing import Iterator

from ..errors import PathfitError, Problem, Pos
from ..pipeline.profile import MAX_TEXT, ROW_ID, SUBJECT
from ..pipeline.scalars import json_float, json_int
from ..surrogates import LONE_SURROGATE, SURROGATE, lone_surrogate, lone_surrogate_column
from .lines import (CONTROL, MAX_COLUMNS, MAX_DEPTH, Row, TooLong, Undecodable, Unparsed, control_problem, not_utf8,
                    row_id, too_long)
from .locate import json_key_offsets, json_keys
from ..quote import quote

_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')
_SPARED = frozenset({SUBJECT})  # checked by engine.audit.subject, which gives a bad subject its own code (PF628)


def json_depth_problem(text: str, label: str, line: int, what: str = "row") -> Problem | None:
    """Bound nesting before the JSON decoder sees it (it recurses, and a deep
    row would end the run in RecursionError): brackets inside strings do not count.
    The service bounds a request's body with it too (engine/service/request.py), and
    `recommend --profile` a JSON profile: `what` names what was read ("row", "profile"),
    and `line` is the text's first line, a text of several lines located in its own."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for m in _JSON_TOKENS.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                at = m.start()
                return Problem("PF107", f"{what} nested deeper than {MAX_DEPTH} levels",
                               Pos(label, line + text.count("\n", 0, at), at - text.rfind("\n", 0, at)))
        elif token in "]}":
            depth -= 1
    return None


def read_jsonl(lines: Iterator, label: str, parse: bool, facts: dict) -> Iterator[Row | Unparsed]:
    """Rows from `lines` (lines.read_lines); with `parse` False, a row still to be parsed
    comes as Unparsed, its text. A first row that is a batch result refuses the input
    (`not_results`)."""
    number = 0
    for line, text in lines:
        undecodable = type(text) is Undecodable
        if not undecodable and not text.strip():
            continue
        number += 1
        if number == 1 and not undecodable and not isinstance(text, TooLong):
            not_results(text, label, line, facts)
        if undecodable:
            yield Row(number, line, id_before_fault(text.head, label, line), None, not_utf8(label, line, text.bad))
        elif isinstance(text, TooLong):
            yield Row(number, line, id_before_fault(text.head, label, line), None, too_long(text, label, line))
        elif parse:
            yield jsonl_row(Unparsed(number, line, text, None), label)
        else:
            yield Unparsed(number, line, text, None)


def not_results(text: str, label: str, line: int, facts: dict) -> None:
    """Refuse an input whose first row (`text`, on line `line`) is a result `pathfit batch`
    wrote (every result key that names no fact of the rule set, `facts`): a results file given
    back as a corpus, as a CSV one is refused by its header (PF401), is refused before any row
    (PF406), not read as rows that each name a dozen unknown facts, with an output of errors."""
    from .results import RESULT_KEYS

    if json_depth_problem(text, label, line) is not None:
        return
    try:
        obj = json.loads(text)
    except ValueError:
        return
    keys = [k for k in RESULT_KEYS if k not in facts and k != ROW_ID]
    if isinstance(obj, dict) and keys and all(k in obj for k in keys):
        raise PathfitError([Problem("PF406", f"the first row is a `pathfit batch` result (it has the keys "
                                    f"{', '.join(keys)}), not a profile: a results file is not a corpus; give the "
                                    "cohort itself (the input is refused before any row)", Pos(label, line, 1))])


def jsonl_row(source: Unparsed, label: str) -> Row:
    """The Row of one JSON Lines row as read: its id and facts, or its located problem."""
    number, line, text = source.number, source.line, source.content
    deep = json_depth_problem(text, label, line)
    if deep is not None:
        return Row(number, line, None, None, deep)
    control = control_problem(text, label, line)
    if control is not None:
        return Row(number, line, _id_past_controls(text, label, line), None, control)
    repeats: list = []  # each object read with a key written twice

    def pairs(read: list) -> dict:
        out = dict(read)
        if len(out) != len(read):
            repeats.append(out)
        return out

    try:
        try:
            obj = json.loads(text, object_pairs_hook=pairs, parse_float=json_float, parse_constant=not_a_number)
        except ValueError:  # a whole number of too many digits for an int among them? read them as text
            # (json_int), so the profile check refuses it at its value; a row without one costs no call
            # per number. A row that is not JSON fails the same way again, and that is reported.
            repeats.clear()
            obj = json.loads(text, object_pairs_hook=pairs, parse_float=json_float, parse_int=json_int,
                             parse_constant=not_a_number)
    except ValueError:
        return Row(number, line, id_before_fault(text, label, line), None, _not_json(text, label, line))
    if not isinstance(obj, dict):
        return Row(number, line, None, None, Problem("PF406", "a row must be a JSON object of facts",
                                                     Pos(label, line, 1)))
    if repeats and repeats[-1] is obj:  # the row's own object is read last
        return _key_twice(source, obj, label)
    if lone_surrogate(obj, text, spared=_SPARED):  # the id kept unless it is what holds one
        value = obj.get(ROW_ID)
        the_id = None if isinstance(value, str) and SURROGATE.search(value) else row_id(value, label, line)[0]
        return Row(number, line, the_id, None, Problem(
            "PF101", f"row holds {LONE_SURROGATE}", Pos(label, line, lone_surrogate_column(text))))
    if len(obj) > MAX_COLUMNS:
        return Row(number, line, row_id(obj.get(ROW_ID), label, line)[0], None, Problem(
            "PF406", f"row has {len(obj)} keys; at most {MAX_COLUMNS} are read", Pos(label, line, 1)))
    held = (ROW_ID,) if ROW_ID in obj else ()
    the_id, problem = row_id(obj.pop(ROW_ID, None), label, line)
    facts = RowFacts(obj)
    facts.held = held
    if problem is not None:  # at the id's value; the facts kept, so that their problems are reported with it
        at = json_key_offsets(text)[ROW_ID][1] + 1
        return Row(number, line, None, facts, problem._replace(pos=Pos(label, line, at)), source)
    return Row(number, line, the_id, facts, None, source)


class RowFacts(dict):
    """A JSON Lines row's facts, which tell the profile check's hint that the row may hold `id`
    too, and whether it does (`held`: a row with `id` and `ID` is not asked if it meant `id`)."""

    also_named = (ROW_ID,)
    held: tuple = ()


def json_message(exc: ValueError) -> str:
    """JSON's error text for `exc`, whole: Python's ends "... starting at" or "... at", leaving
    the sentence to the position it prints after it, which pathfit gives as a line and column.
    The one wording of a batch row's and a JSON profile's (cli/profile_input.py)."""
    message = getattr(exc, "msg", None) or str(exc)
    doc, pos = getattr(exc, "doc", ""), getattr(exc, "pos", 0)
    if message.startswith("Invalid control character") and doc[pos:pos + 1] in ("\n", "\r"):
        return "Unterminated string: the line ends inside it, with no closing quote"
    if message == "Unterminated string starting at":
        return "Unterminated string: the string that starts here has no closing quote"
    if message.startswith("Unexpected UTF-8 BOM"):  # Python's words name a codec, not what is in the text
        # both ways a mark comes there: shared by an audit log's line 1 (an editor's) and a batch's later rows
        return ("a byte order mark (U+FEFF) opens it, as a file saved with one starts, or a line where such a "
                "file was joined to the end of another: remove the mark")
    return message.removesuffix(" at")


def not_a_number(name: str):
    """NaN, Infinity or -Infinity, which Python's json reads and JSON has not: refused as the
    text that is not JSON that they are, as a `.json` profile, a record and the service's body
    refuse them, never read as a number (then refused as not finite, or quoted as `nan`)."""
    raise ValueError(f"{name} is not a JSON number")


def _not_json(text: str, label: str, line: int) -> Problem:
    """PF102 for a row JSON does not read, read again without its line break: read with it,
    an error at the row's end is on the line after, at column 1, and a string left open is an
    "invalid control character" (the line break). NaN or Infinity, of which json's hook is told
    no place, is located at its token, as in a JSON profile."""
    try:
        json.loads(text.rstrip("\r\n"), parse_float=json_float, parse_int=json_int, parse_constant=not_a_number)
    except ValueError as exc:
        col = getattr(exc, "colno", None)
        if col is None:
            from ..audit.json_refusal import refused_at

            at = refused_at(text, strict=False)
            col = 1 if at is None else at - text.rfind("\n", 0, at)
        return Problem("PF102", f"invalid JSON: {json_message(exc)}", Pos(label, line, col))
    return Problem("PF102", "invalid JSON", Pos(label, line, 1))  # read whole now: not reached


def id_before_fault(text: str, label: str, line: int) -> str | None:
    """The id of a row that cannot be read whole (not JSON, not UTF-8 past some point, over the
    row limit: `text` what was read of it), read from its start as far as it is JSON, so that the
    output and the summary say whose row was refused, as a CSV row's id cell read whole before
    its fault is: an `id` key whose value is read whole, a comma or the closing brace after it,
    before the fault; None where there is none, `id` is written twice before the fault, or its
    value is no id (lines.row_id) or holds a control character."""
    at = _BLANK.match(text, 1 if text.startswith("\ufeff") else 0).end()  # past a mark, refused (json_message)
    if not text.startswith("{", at):
        return None
    found, at = [], at + 1
    try:
        while True:
            at = _BLANK.match(text, at).end()
            if not text.startswith('"', at):
                break
            key, at = scanstring(text, at + 1)
            at = _BLANK.match(text, at).end()
            if not text.startswith(":", at):
                break
            value, at = _VALUES.raw_decode(text, _BLANK.match(text, at + 1).end())
            at = _BLANK.match(text, at).end()
            if not text.startswith((",", "}"), at):  # a number cut off by the fault may go on past it
                break
            if key == ROW_ID:
                found.append(value)
            if text.startswith("}", at):
                break
            at += 1
    except (ValueError, RecursionError):
        pass
    if len(found) != 1 or (isinstance(found[0], str) and (CONTROL.search(found[0]) or SURROGATE.search(found[0]))):
        return None
    return row_id(found[0], label, line)[0]


_BLANK = re.compile(r"[ \t\n\r]*")  # what JSON reads as blank between its tokens
_VALUES = json.JSONDecoder(parse_float=json_float, parse_int=json_int, parse_constant=not_a_number)


def _id_past_controls(text: str, label: str, line: int) -> str | None:
    """The id of a row refused for a control character (no JSON holds one unescaped), read
    with each written as its escape, so that the output and the summary still say whose row
    it is: None where the row is no JSON object even so, or the id is written twice, is no
    id (lines.row_id), or holds such a character itself."""
    try:
        pairs = json.loads(CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text), object_pairs_hook=list)
    except ValueError:
        return None
    ids = [value for key, value in pairs if key == ROW_ID] if type(pairs) is list and pairs and \
        type(pairs[0]) is tuple else []
    if len(ids) != 1 or (isinstance(ids[0], str) and (CONTROL.search(ids[0]) or SURROGATE.search(ids[0]))):
        return None
    return row_id(ids[0], label, line)[0]


def _key_twice(source: Unparsed, obj: dict, label: str) -> Row:
    """The row error of a row writing one of its keys twice: PF105, as a key written twice is
    in a YAML or JSON profile and a column named twice in a CSV header, at the first key
    written again, naming where it was first written; JSON readers differ on which value
    wins, so neither is taken. The row keeps its id when `id` is written once.

    A key written twice inside a value (an object in a list, say) is not this error: no fact
    takes an object, so the value is refused at its place by the profile check, which says
    what the fact takes."""
    number, line, text = source.number, source.line, source.content
    first: dict[str, int] = {}
    again, ids = None, 0
    for key, at, _ in json_keys(text):
        ids += key == ROW_ID
        if key not in first:
            first[key] = at
        elif again is None:
            again = key, at
    key, at = again
    the_id = row_id(obj.get(ROW_ID), label, line)[0] if ids < 2 else None
    return Row(number, line, the_id, None, Problem(
        "PF105", f"duplicate key {quote(key[:MAX_TEXT])} (first at column {first[key] + 1})", Pos(label, line, at + 1)))
