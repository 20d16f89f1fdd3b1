"""Stage 1, second half: a composed YAML node graph -> values that remember where
they were written (Map, Seq, plain scalars), with every problem reported.

Only the core tags, no aliases, string keys only, no duplicate keys (a key
written twice is reported, its first value kept and the later ones set beside
it: Map.later_values), a depth cap; a scalar's value is read by scalars.py from
its text and resolved tag, never by a YAML constructor, so nothing a file
contains is ever executed. load.py reads and bounds the text and has libyaml
(or PyYAML) compose the graph.
"""
from __future__ import annotations

import yaml

from ..errors import Collector, Pos
from ..safe_text import has_controls
from .scalars import (PLAIN_NUMBER, _SURPRISE_FIRST, _may_surprise, _not_plain_number, _scalar, _surprise,
                      is_plain_number, node_pos, underflows)

# read here by load.py and field_checks.py, which found them here before scalars.py held them
__all__ = ["MAX_DEPTH", "NONE_NOTED", "Map", "Seq", "build_document", "is_quick", "node_pos", "PLAIN_NUMBER",
           "is_plain_number", "underflows"]

MAX_DEPTH = 64
_STR = "tag:yaml.org,2002:str"
_ScalarNode = yaml.ScalarNode
_MappingNode = yaml.MappingNode
# a mapping or sequence with its own tag: in quick mode (no alias, so nothing seen twice)
# within the depth cap, build would go straight to _mapping or _sequence, so they do
_CONTAINERS = {yaml.MappingNode: "tag:yaml.org,2002:map", yaml.SequenceNode: "tag:yaml.org,2002:seq"}
# each core tag -> the one kind of node it can tag (timestamp: kept as its text, as YAML 1.2's core schema does)
_ALLOWED_TAGS = {_STR: _ScalarNode, "tag:yaml.org,2002:int": _ScalarNode, "tag:yaml.org,2002:float": _ScalarNode,
                 "tag:yaml.org,2002:bool": _ScalarNode, "tag:yaml.org,2002:null": _ScalarNode,
                 "tag:yaml.org,2002:timestamp": _ScalarNode, "tag:yaml.org,2002:seq": yaml.SequenceNode,
                 "tag:yaml.org,2002:map": _MappingNode}
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

    # no __dict__ per mapping; `repeats` is set only on a mapping with a key written twice, `source`
    # (the text read) only on a profile's, to tell how a refused value was written (value_problems)
    __slots__ = ("label", "line", "col", "marks", "surprises", "as_written", "repeats", "source")
    label: str
    line: int
    col: int
    marks: dict  # key -> (key line, key col, value line, value col)
    surprises: dict  # key -> raw text of a plain scalar YAML 1.1 reinterpreted
    as_written: dict  # key -> raw text of a number not written as a plain decimal (024, 0x10, 1_2)
    repeats: dict  # key -> [(value, Pos of the value, raw text as as_written keeps it or None)], later ones

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
        if self.later_values():
            self.repeats.pop(key, None)  # the file's every value of the key is set aside

    def forget_later_values(self) -> None:
        """Keep each repeated key's first value alone (the repeat is still reported, PF105): for a
        reader whose own reading keeps only that one, as a JSON profile's does."""
        if self.later_values():
            self.repeats = {}

    def later_values(self) -> dict:
        """Each key written more than once (PF105) -> its later values, in written order, with
        where each was written: its first value stays the key's value, and a reader that checks
        values (a profile's, engine.pipeline.profile) checks these too, so that the one run that
        reports the repeat reports what is wrong in either value. Empty for nearly every mapping."""
        return getattr(self, "repeats", NONE_NOTED)  # unset (a slot never written) unless a key repeats


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
    builder = _Builder(label, out, is_quick(text))
    builder.text = text  # an anchor is no tag: tagged_words.tagged reads what precedes a word
    value = builder.build(root, 0)
    if builder.repeated:  # a file with an alias: refused, so its events are read only then
        from .located_events import report_aliases
        report_aliases(builder.repeated, text, label, out)
    return value


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
        self.label, self.text = label, None  # the text, which build_document gives
        self.out = out
        self.seen: set[int] = set()
        self.quick = quick
        self.repeated: list[Pos] = []  # the anchored node of each alias met, reported at the alias after

    def build(self, node: yaml.Node, depth: int):
        if not self.quick:  # quick: no alias, so no node comes twice and none need be remembered
            if id(node) in self.seen:
                self.repeated.append(node_pos(self.label, node))
                return None
            self.seen.add(id(node))
        if depth > MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
            self.out.add("PF107", f"nested deeper than {MAX_DEPTH} levels", node_pos(self.label, node))
            return None
        if node.tag not in _ALLOWED_TAGS:
            from ..quote import quote  # loaded for a message only: never on a decision's way

            self.out.add("PF103", f"tag {quote(node.tag)} is not allowed", node_pos(self.label, node))
            return None
        if _ALLOWED_TAGS[node.tag] is not node.__class__:  # `!!bool [a]`, `!!seq a`: PyYAML's constructor refuses it
            from .tagged_words import misread  # loaded for a message only: never on a decision's way

            self.out.add("PF203", misread(node), node_pos(self.label, node))
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
                raw = _surprise(item, self.text)
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
                said, alias = len(out.problems), not quick and id(key_node) in self.seen  # an alias: PF104 alone
                key = self.build(key_node, depth + 1)
                if not isinstance(key, str):
                    if alias or (len(out.problems) > said and (key_node.__class__ is _ScalarNode or out.problems[said].pos
                                                               == node_pos(label, key_node))):  # a collection's own tag
                        continue  # refused for what it holds (PF101) or its tag (PF103, PF203), said once: YAML read no null
                    from ..quote import quote  # loaded for a message only: never on a decision's way
                    from .tagged_words import tagged as _tagged

                    kind = "null" if key is None else "a boolean" if isinstance(key, bool) else "a number"  # as type_name says
                    hint = f" (YAML reads {quote(key_node.value)} as {kind}; quote it)" if isinstance(key_node, yaml.ScalarNode) else ""
                    if hint and _tagged(key_node, self.text):  # `!!int 5`: its tag, not YAML's reading, and quoted it stays so
                        hint = f" (its !!{key_node.tag.rsplit(':', 1)[-1]} tag reads {quote(key_node.value)} as {kind}; " \
                               "write it quoted and without the tag)"
                    out.add("PF110", f"mapping keys must be strings{hint}", node_pos(label, key_node))
                    continue
            if key in result:
                from ..quote import quote  # loaded for a message only: never on a decision's way

                first = result.key_at(key)
                out.add("PF105", f"duplicate key {quote(key)} (first at line {first.line})", node_pos(label, key_node))
                self._repeat(result, key, value_node, depth)
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
                raw = _surprise(value_node, self.text)
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

    def _repeat(self, result: Map, key: str, node: yaml.Node, depth: int) -> None:
        """Build a repeated key's value too, so its own problems are reported, and keep it
        beside the first in `result.repeats` (Map.later_values)."""
        value = self.build(node, depth + 1)
        if not result.later_values():
            result.repeats = {}
        written = node.value if _not_plain_number(node) else None
        result.repeats.setdefault(key, []).append((value, node_pos(self.label, node), written))
