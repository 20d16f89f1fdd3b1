"""Stage 1, second half: a composed YAML node graph -> values that remember where
they were written (Map, Seq, plain scalars), with every problem reported.

Only the core tags, no aliases, string keys only, no duplicate keys, a depth
cap; a scalar's value is read here from its text and resolved tag, never by a
YAML constructor, so nothing a file contains is ever executed. load.py reads
and bounds the text and has libyaml (or PyYAML) compose the graph.
"""
from __future__ import annotations

import re

import yaml

from ..errors import Collector, Pos
from ..safe_text import has_controls

MAX_DEPTH = 64
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:timestamp",  # kept as its text, as YAML 1.2's core schema does
}
_STR = "tag:yaml.org,2002:str"
# YAML 1.1's booleans and octal numbers among plain scalars, tested without regular
# expressions (compiling them cost 0.2 ms of every CLI start); `$` also matched
# before a final newline, so that is allowed here too
_SURPRISE_WORDS = frozenset("y Y yes Yes YES n N no No NO on On ON off Off OFF".split())
_OCTAL_DIGITS = frozenset("01234567_")
_SURPRISE_FIRST = frozenset("yYnNoO+-0")  # every text _surprising accepts starts with one of these
# a number written plainly, as YAML 1.2's core schema, CSV and JSON all read it (is_plain_number)
PLAIN_NUMBER = r"[-+]?(0|[1-9][0-9]*)(\.[0-9]*)?([eE][-+]?[0-9]+)?|[-+]?\.[0-9]+([eE][-+]?[0-9]+)?"
_plain_number: list = []  # PLAIN_NUMBER compiled, on first use
_ScalarNode = yaml.ScalarNode
_MappingNode = yaml.MappingNode
# a mapping or sequence with its own tag: in quick mode (no alias, so nothing seen twice)
# within the depth cap, build would go straight to _mapping or _sequence, so they do
_CONTAINERS = {yaml.MappingNode: "tag:yaml.org,2002:map", yaml.SequenceNode: "tag:yaml.org,2002:seq"}
# Pos(file, line, col) without the Python-level record constructor: validation asks
# nodes for their positions tens of thousands of times in a large rule set
_new_pos = tuple.__new__
# the `surprises` and `as_written` of every mapping and sequence with none to note (nearly
# all: 24,000 mappings at 1,000 rules, two empty dicts each to make and free); never
# written: a builder gives a value its own dict at its first entry, and Map.put's pops
# of a missing key change nothing (tests/test_located_noted.py)
NONE_NOTED: dict = {}


class Map(dict):
    """A mapping that remembers where it, each key and each value were written.

    Positions are kept as plain (line, column) integers and turned into Pos
    only when asked for: a large rule set has tens of thousands of nodes and
    only the ones with a problem are ever reported."""

    __slots__ = ("label", "line", "col", "marks", "surprises", "as_written")  # no __dict__ per mapping
    label: str
    line: int
    col: int
    marks: dict  # key -> (key line, key col, value line, value col)
    surprises: dict  # key -> raw text of a plain scalar YAML 1.1 reinterpreted
    as_written: dict  # key -> raw text of a number not written as a plain decimal (024, 0x10, 1_2)

    @property
    def pos(self) -> Pos:
        return _new_pos(Pos, (self.label, self.line, self.col))

    def at(self, key) -> Pos:
        mark = self.marks.get(key)
        if isinstance(mark, Pos):
            return mark
        return _new_pos(Pos, (self.label, mark[2], mark[3])) if mark else self.pos

    def key_at(self, key) -> Pos:
        mark = self.marks.get(key)
        if isinstance(mark, Pos):
            return mark
        return _new_pos(Pos, (self.label, mark[0], mark[1])) if mark else self.pos

    def put(self, key, value, pos: Pos) -> None:
        """Set a value that comes from elsewhere (a --fact on the command line)."""
        self[key] = value
        self.marks[key] = pos
        self.surprises.pop(key, None)
        self.as_written.pop(key, None)


class Seq(list):
    """A sequence that remembers where it and each item were written."""

    __slots__ = ("label", "line", "col", "marks", "surprises", "as_written")
    label: str
    line: int
    col: int
    marks: list  # (line, col) per item
    surprises: dict  # index -> raw text
    as_written: dict  # index -> raw text of a number not written as a plain decimal (a table's cells)

    @property
    def pos(self) -> Pos:
        return _new_pos(Pos, (self.label, self.line, self.col))

    def at(self, index: int) -> Pos:
        if index < len(self.marks):
            line, col = self.marks[index]
            return _new_pos(Pos, (self.label, line, col))
        return self.pos


def build_document(root: yaml.Node, text: str, label: str, out: Collector):
    """The located value of a composed document; problems go to `out`."""
    return _Builder(label, out, is_quick(text)).build(root, 0)


def is_quick(text: str) -> bool:
    """No `&`, backslash or control character: see _Builder."""
    return "&" not in text and "\\" not in text and _no_controls(text)


# has_controls' characters below 0x80 (C0 but tab and newline, and DEL; tests/test_control_scans.py
# holds the two to each other); the rest are not ASCII. Written out, since asking has_controls
# compiles its expression, 2.4 M instructions of every start that reads no control character.
_ASCII_CONTROLS = bytes(range(0x09)) + bytes(range(0x0b, 0x20)) + b"\x7f"
_NOT_ASCII_CONTROLS = bytes(range(256)).translate(None, _ASCII_CONTROLS)


def _no_controls(text: str) -> bool:
    """has_controls(text) is None, for an ASCII text (str.isascii is a stored flag) by
    bytes.translate: the expression's scan of a 170 KB rule file took about 0.15 ms."""
    if text.isascii():
        return not text.encode("ascii").translate(None, _NOT_ASCII_CONTROLS)
    return has_controls(text) is None


def node_pos(label: str, node: yaml.Node) -> Pos:
    return Pos(label, node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Walks a node graph into Map/Seq/scalars.

    Most nodes are a string key or a string value. `quick` says the text has
    no `&` (so no anchor, so no alias: every node is reached once), no
    backslash and nothing `has_controls` finds (a scalar's characters come from
    the text, with line breaks folded to a newline or a space, or from a
    double-quoted escape, so no string can hold a control character). Then a
    string scalar is read inline with no check left to make, and a mapping or
    sequence with its own tag, within the depth cap, goes straight to
    `_mapping` or `_sequence` (build's own checks would all pass, and a
    container is neither a surprise nor a number as written); anything else
    takes `build`, the full path, whose checks and their order are the same
    whichever way a node comes."""

    def __init__(self, label: str, out: Collector, quick: bool = False):
        self.label = label
        self.out = out
        self.seen: set[int] = set()
        self.quick = quick

    def build(self, node: yaml.Node, depth: int):
        if not self.quick:  # quick: no alias, so no node comes twice and none need be remembered
            if id(node) in self.seen:
                self.out.add("PF104", "an alias repeats a node; write the value out in full", node_pos(self.label, node))
                return None
            self.seen.add(id(node))
        if depth > MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
            self.out.add("PF107", f"nested deeper than {MAX_DEPTH} levels", node_pos(self.label, node))
            return None
        if node.tag not in _ALLOWED_TAGS:
            self.out.add("PF103", f"tag {node.tag!r} is not allowed", node_pos(self.label, node))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, depth)
        return _scalar(node, self.label, self.out)

    def _sequence(self, node: yaml.SequenceNode, depth: int) -> Seq:
        seq = Seq()
        seq.label, seq.line, seq.col = self.label, node.start_mark.line + 1, node.start_mark.column + 1
        seq.marks, seq.surprises, seq.as_written = marks, surprises, as_written = [], NONE_NOTED, NONE_NOTED
        quick, append = self.quick, seq.append
        for item in node.value:
            kind = item.__class__
            if quick and kind is _ScalarNode and item.tag == _STR:
                value = item.value
                append(value)
                raw = value if value[:1] in _SURPRISE_FIRST and not item.style and _may_surprise(value) else None
            elif quick and depth < MAX_DEPTH and item.tag == _CONTAINERS.get(kind):  # as build would
                append(self._mapping(item, depth + 1) if kind is _MappingNode else self._sequence(item, depth + 1))
                raw = None
            else:
                append(self.build(item, depth + 1))
                raw = _surprise(item)
                if _not_plain_number(item):
                    if as_written is NONE_NOTED:
                        as_written = seq.as_written = {}
                    as_written[len(seq) - 1] = item.value
            mark = item.start_mark
            marks.append((mark.line + 1, mark.column + 1))
            if raw is not None:
                if surprises is NONE_NOTED:
                    surprises = seq.surprises = {}
                surprises[len(seq) - 1] = raw
        return seq

    def _mapping(self, node: yaml.MappingNode, depth: int) -> Map:
        label, out, quick = self.label, self.out, self.quick
        result = Map()
        result.label, result.line, result.col = label, node.start_mark.line + 1, node.start_mark.column + 1
        result.marks, result.surprises, result.as_written = marks, surprises, as_written = {}, NONE_NOTED, NONE_NOTED
        for key_node, value_node in node.value:
            if quick and key_node.__class__ is _ScalarNode and key_node.tag == _STR and key_node.value != "<<":
                key = key_node.value
            else:
                if key_node.tag == "tag:yaml.org,2002:merge" or (
                    isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" and not key_node.style
                ):
                    out.add("PF104", "merge keys ('<<') are not allowed", node_pos(label, key_node))
                    continue
                key = self.build(key_node, depth + 1)
                if not isinstance(key, str):
                    hint = f" (YAML reads {key_node.value!r} as {type(key).__name__}; quote it)" if isinstance(key_node, yaml.ScalarNode) else ""
                    out.add("PF110", f"mapping keys must be strings{hint}", node_pos(label, key_node))
                    continue
            if key in result:
                first = result.key_at(key)
                out.add("PF105", f"duplicate key {key!r} (first at line {first.line})", node_pos(label, key_node))
                continue
            kind = value_node.__class__
            if quick and kind is _ScalarNode and value_node.tag == _STR:
                value = result[key] = value_node.value  # a string: never a number as written
                raw = value if value[:1] in _SURPRISE_FIRST and not value_node.style and _may_surprise(value) else None
            elif quick and depth < MAX_DEPTH and value_node.tag == _CONTAINERS.get(kind):  # as build would
                result[key] = self._mapping(value_node, depth + 1) if kind is _MappingNode \
                    else self._sequence(value_node, depth + 1)
                raw = None  # neither a surprise nor a number as written: not a scalar
            else:
                result[key] = self.build(value_node, depth + 1)
                raw = _surprise(value_node)
                if _not_plain_number(value_node):
                    if as_written is NONE_NOTED:
                        as_written = result.as_written = {}
                    as_written[key] = value_node.value
            km, vm = key_node.start_mark, value_node.start_mark
            marks[key] = (km.line + 1, km.column + 1, vm.line + 1, vm.column + 1)
            if raw is not None:
                if surprises is NONE_NOTED:
                    surprises = result.surprises = {}
                surprises[key] = raw
        return result


def _may_surprise(raw: str) -> bool:
    return raw[:1] in _SURPRISE_FIRST and _surprising(raw)


def _surprising(text: str) -> bool:
    """A YAML 1.1 boolean word or octal number (a final newline allowed)."""
    body = text[:-1] if text.endswith("\n") else text
    unsigned = body[1:] if body[:1] in ("-", "+") else body
    return body in _SURPRISE_WORDS or (len(unsigned) > 1 and unsigned[0] == "0" and
                                       _OCTAL_DIGITS.issuperset(unsigned[1:]))


def _surprise(node: yaml.Node) -> str | None:
    """The raw text of a plain scalar that YAML 1.1 turns into a bool or octal."""
    if isinstance(node, yaml.ScalarNode) and not node.style:  # plain: None (Python) or '' (libyaml)
        if _surprising(node.value):
            return node.value
    return None


def _not_plain_number(node: yaml.Node) -> bool:
    """A plain scalar read as a number whose text YAML 1.1 and 1.2 (and CSV, and
    JSON) read differently or not at all: a leading zero, `_`, 0x, 0o, 0b, 1:30; or one
    too small for a float, which every reader takes as 0 (`underflows`)."""
    if not (isinstance(node, yaml.ScalarNode) and not node.style and node.tag.endswith((":int", ":float"))):
        return False
    text = node.value
    if not is_plain_number(text):
        return text.lower().lstrip("+-") not in (".inf", ".nan")
    return node.tag.endswith(":float") and underflows(text, float(text))


def underflows(text: str, value) -> bool:
    """Whether `text`, read as the float `value`, was a number too small for a float, read
    as 0 (`1e-400`): taken so, a person's hours would silently be none."""
    return type(value) is float and value == 0 and re.search(r"[1-9]", re.split(r"[eE]", text)[0]) is not None


def is_plain_number(text: str) -> bool:
    """Whether all of `text` is a number written plainly (PLAIN_NUMBER). Digits alone, the
    usual case (a profile's `horizon_months: 9`), are judged without the expression, as it
    judges them (one digit, or no leading zero): compiling it cost 1.25 M instructions of
    every start (tests/test_control_scans.py holds the two to each other)."""
    if text.isdigit() and text.isascii():
        return text[0] != "0" or len(text) == 1
    if not _plain_number:
        _plain_number.append(re.compile(PLAIN_NUMBER))
    return _plain_number[0].fullmatch(text) is not None


def _scalar(node: yaml.ScalarNode, label: str, out: Collector):
    tag, raw = node.tag, node.value
    try:
        if tag.endswith(":str") or tag.endswith(":timestamp"):
            bad = has_controls(raw)
            if bad:  # written as a YAML escape ("\e", "\a"): the file's bytes were clean
                out.add("PF101", f"control character U+{ord(bad.group()):04X} in text (after YAML escapes) not "
                        "allowed: it would drive the terminal that shows it", node_pos(label, node))
                return None
            return raw
        if tag.endswith(":null"):
            return None
        if tag.endswith(":bool"):
            return raw.lower() in ("true", "yes", "on", "y")
        if tag.endswith(":int"):
            return _int(raw)
        if tag.endswith(":float"):
            return _float(raw)
    except ValueError:
        out.add("PF203", f"cannot read {raw!r} as {tag.rsplit(':', 1)[-1]}", node_pos(label, node))
        return None
    return raw


def _int(raw: str) -> int:
    text = raw.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if len(text) > 1 and text.startswith("0") and text.isdigit():
        return sign * int(text, 8)  # YAML 1.1 octal; validation flags it
    if ":" in text:
        raise ValueError(raw)  # sexagesimal: refuse rather than guess
    if len(text) > 100:
        raise ValueError(raw)
    return sign * int(text)


def _float(raw: str) -> float:
    text = raw.replace("_", "").lower()
    if text in (".nan", "+.nan", "-.nan"):
        return float("nan")
    if text in (".inf", "+.inf"):
        return float("inf")
    if text == "-.inf":
        return float("-inf")
    if ":" in text:
        raise ValueError(raw)
    return float(text)
