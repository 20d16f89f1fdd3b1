"""Stage 1, the common case: located values built straight from libyaml's events.

Composing a node graph and then walking it (located.py) makes, and then frees, a
Python node per scalar, mapping and sequence, with a dict of attributes each, and
calls back into Python twice per node to track a resolver path that nothing uses:
at 1,000 rules 39,000 nodes, a third of reading the YAML. A rule file is nearly
always a plain mapping of plain mappings, sequences and untagged scalars, and for
such a file the events alone say everything the builder needs, in written order.

So `read_plain` builds the values from the events, as located._Builder does in
quick mode (same values, positions, notes), and gives up, returning NOT_PLAIN,
at the first thing that is not plainly fine: a tag or anchor of its own, an
alias, a mapping key that is not a plain string (or is `<<`, or is repeated), a
scalar tag outside the core ones or a scalar scalars._scalar would report,
nesting near the depth cap, a directive, more than one document or none, or any
YAML error. The caller then takes the full path (compose, then located's
builder), which reads the text again from the start: every problem is still
reported by that one path, with its wording and position, and a file that has
none is built the same either way (tests/test_located_events.py)."""
from __future__ import annotations

import yaml
from yaml.events import (DocumentEndEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent, StreamEndEvent)

from ..errors import Collector, Pos
from .located import _ALLOWED_TAGS, _STR, MAX_DEPTH, NONE_NOTED, Map, Seq
from .scalars import _SURPRISE_FIRST, _may_surprise, _not_plain_number, _scalar, _surprise

NOT_PLAIN = object()  # read_plain's answer when the full path must read the text


class _NotPlain(Exception):
    pass


def read_plain(text: str, label: str, loader_class: type):
    """The located value of `text`'s one document, or NOT_PLAIN. `text` must be quick in
    located's sense (no `&`, backslash or control character) and `loader_class` libyaml's
    loader with no path resolver: a scalar's tag is then what `resolve` says of its text."""
    loader = loader_class(text)
    try:
        # with no `&` there is no anchor, and with no `!` no node has a tag of its own
        return _read(loader, label, "!" not in text)
    except (_NotPlain, yaml.YAMLError):
        return NOT_PLAIN
    finally:
        loader.dispose()


def _new(cls, label: str, mark):
    value = cls()
    value.label, value.line, value.col = label, mark.line + 1, mark.column + 1
    if cls is Map:
        value.marks, value.surprises, value.as_written = {}, NONE_NOTED, NONE_NOTED
    else:
        value.marks, value.surprises, value.as_written = [], NONE_NOTED, NONE_NOTED
    return value


def _read(loader, label: str, untagged: bool):
    """One pass over the events, 62,000 at 1,000 rules: the loop keeps the current
    container, its marks and where its pending key was written in locals, and a plain
    string (nearly every scalar) takes the shortest way through it."""
    get = loader.get_event
    resolve, scalar_node = loader.__class__.resolve, yaml.ScalarNode
    tags: dict = {}  # a plain scalar's text -> its resolved tag, for this text
    # resolve's answer, without asking it, for a text whose first character starts no implicit
    # resolver's pattern when no resolver takes any first character (ids, reasons: most texts)
    table = loader.yaml_implicit_resolvers
    untried = loader.DEFAULT_SCALAR_TAG if None not in table else None
    out = Collector()  # what scalars._scalar would report: any report, and the full path reads the text
    get()  # the stream's start
    event = get()
    if event.__class__ is not DocumentStartEvent or event.version is not None or event.tags is not None:
        raise _NotPlain
    event = get()
    kind = event.__class__
    if (kind is not MappingStartEvent and kind is not SequenceStartEvent) or event.tag is not None:
        raise _NotPlain
    root = current = _new(Map if kind is MappingStartEvent else Seq, label, event.start_mark)
    marks = root.marks
    in_map, key, key_line, key_col = kind is MappingStartEvent, None, 0, 0
    stack: list = []
    while True:
        event = get()
        kind = event.__class__
        if kind is ScalarEvent:
            if not untagged and event.tag is not None:
                raise _NotPlain
            value = event.value
            if event.implicit[0]:  # plain, so its tag is resolved from its text
                tag = tags.get(value)
                if tag is None:
                    tag = tags[value] = untried if untried is not None and value and value[0] not in table \
                        else resolve(loader, scalar_node, value, event.implicit)
            else:
                tag = _STR
            mark = event.start_mark
            if in_map and key is None:
                if tag != _STR or value == "<<" or value in current:
                    raise _NotPlain
                key, key_line, key_col = value, mark.line + 1, mark.column + 1
                continue
            if tag == _STR:
                raw = value if value[:1] in _SURPRISE_FIRST and not event.style and _may_surprise(value) else None
                if in_map:
                    current[key] = value
                    marks[key] = (key_line, key_col, mark.line + 1, mark.column + 1)
                    if raw is None:
                        key = None
                        continue
                    noted, key = key, None
                else:
                    current.append(value)
                    marks.append((mark.line + 1, mark.column + 1))
                    if raw is None:
                        continue
                    noted = len(current) - 1
            else:
                if tag not in _ALLOWED_TAGS:
                    raise _NotPlain
                node = scalar_node(tag, value, mark, event.end_mark, event.style)
                value = _scalar(node, label, out)
                if out.problems:
                    raise _NotPlain
                raw = _surprise(node)
                if in_map:
                    current[key] = value
                    marks[key] = (key_line, key_col, mark.line + 1, mark.column + 1)
                    if _not_plain_number(node):
                        if current.as_written is NONE_NOTED:
                            current.as_written = {}
                        current.as_written[key] = node.value
                    noted, key = key, None
                else:
                    current.append(value)
                    marks.append((mark.line + 1, mark.column + 1))
                    noted = len(current) - 1
                    if _not_plain_number(node):
                        if current.as_written is NONE_NOTED:
                            current.as_written = {}
                        current.as_written[noted] = node.value
                if raw is None:
                    continue
            if current.surprises is NONE_NOTED:
                current.surprises = {}
            current.surprises[noted] = raw
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if (not untagged and event.tag is not None) or len(stack) + 1 >= MAX_DEPTH:
                raise _NotPlain
            mark = event.start_mark
            line, col = mark.line + 1, mark.column + 1
            if kind is MappingStartEvent:  # _new written out: 11,500 containers at 1,000 rules
                child = Map()
                child.marks, child.surprises, child.as_written = {}, NONE_NOTED, NONE_NOTED
            else:
                child = Seq()
                child.marks, child.surprises, child.as_written = [], NONE_NOTED, NONE_NOTED
            child.label, child.line, child.col = label, line, col
            if in_map:
                if key is None:
                    raise _NotPlain  # a mapping or sequence as a key
                current[key] = child
                marks[key] = (key_line, key_col, line, col)
            else:
                current.append(child)
                marks.append((line, col))
            stack.append((current, in_map))
            current, in_map, key, marks = child, kind is MappingStartEvent, None, child.marks
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            if not stack:
                break
            current, in_map = stack.pop()
            key, marks = None, current.marks
        else:
            raise _NotPlain
    if get().__class__ is not DocumentEndEvent or get().__class__ is not StreamEndEvent:
        raise _NotPlain
    return root


def report_aliases(repeated: list, text: str, label: str, out: Collector) -> None:
    """PF104 at each alias the builder met, in the order met: a composed graph keeps only
    the anchored node (an alias is that very node again), so where each alias was written
    comes from the text's events, read again only here, once a file is found to hold one."""
    loader = (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)(text)
    anchors: dict[str, tuple] = {}
    aliases: list[tuple] = []
    try:
        while loader.check_event():
            event = loader.get_event()
            mark = (event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, yaml.AliasEvent):
                aliases.append((anchors.get(event.anchor), mark, event.anchor))
            elif getattr(event, "anchor", None) is not None:
                anchors[event.anchor] = mark
    except yaml.YAMLError:  # composed already, so not expected: each is then reported at its anchor
        pass
    finally:
        loader.dispose()
    for anchored in repeated:
        at = next((k for k, (target, _, _) in enumerate(aliases) if target == (anchored.line, anchored.col)), None)
        if at is None:
            out.add("PF104", "an alias repeats a node; write the value out in full", anchored)
            continue
        _, (line, col), name = aliases.pop(at)
        out.add("PF104", f"the alias *{name} repeats the value anchored &{name} at line {anchored.line}; pathfit "
                "takes no aliases: write the value out in full", Pos(label, line, col))
