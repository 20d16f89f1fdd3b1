"""Stage 1, load: YAML text -> plain values that remember where they came from.

Why not `yaml.safe_load`: it forgets positions, lets a duplicate key win
silently, expands aliases (the "billion laughs"), and recurses without bound.
Here the text is bounded before parsing, libyaml composes a node graph
(aliases stay shared references, never expanded), and our own walk builds the
values: only the core tags, no aliases, string keys only, no duplicates, a
depth cap. Nothing a file contains is ever executed.
"""
from __future__ import annotations

import os
import re

import yaml

from ..errors import Collector, PathfitError, Pos, fail
from ..safe_text import has_controls

MAX_BYTES = 4 * 1024 * 1024
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
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# YAML 1.1's booleans and octal numbers among plain scalars, tested without regular
# expressions (compiling them cost 0.2 ms of every CLI start); `$` also matched
# before a final newline, so that is allowed here too
_SURPRISE_WORDS = frozenset("y Y yes Yes YES n N no No NO on On ON off Off OFF".split())
_OCTAL_DIGITS = frozenset("01234567_")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Map(dict):
    """A mapping that remembers where it, each key and each value were written.

    Positions are kept as plain (line, column) integers and turned into Pos
    only when asked for: a large rule set has tens of thousands of nodes and
    only the ones with a problem are ever reported."""

    label: str
    line: int
    col: int
    marks: dict  # key -> (key line, key col, value line, value col)
    surprises: dict  # key -> raw text of a plain scalar YAML 1.1 reinterpreted
    as_written: dict  # key -> raw text of a number not written as a plain decimal (024, 0x10, 1_2)

    @property
    def pos(self) -> Pos:
        return Pos(self.label, self.line, self.col)

    def at(self, key) -> Pos:
        mark = self.marks.get(key)
        if isinstance(mark, Pos):
            return mark
        return Pos(self.label, mark[2], mark[3]) if mark else self.pos

    def key_at(self, key) -> Pos:
        mark = self.marks.get(key)
        if isinstance(mark, Pos):
            return mark
        return Pos(self.label, mark[0], mark[1]) if mark else self.pos

    def put(self, key, value, pos: Pos) -> None:
        """Set a value that comes from elsewhere (a --fact on the command line)."""
        self[key] = value
        self.marks[key] = pos
        self.surprises.pop(key, None)
        self.as_written.pop(key, None)


class Seq(list):
    """A sequence that remembers where it and each item were written."""

    label: str
    line: int
    col: int
    marks: list  # (line, col) per item
    surprises: dict  # index -> raw text

    @property
    def pos(self) -> Pos:
        return Pos(self.label, self.line, self.col)

    def at(self, index: int) -> Pos:
        if index < len(self.marks):
            return Pos(self.label, *self.marks[index])
        return self.pos


def read_text(path: str | os.PathLike, label: str, max_bytes: int = MAX_BYTES) -> str:
    """Read a file as strict UTF-8 with no control bytes, or fail located.
    Paths are plain os paths here: pathlib costs 9 ms to import on every CLI start."""
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            raise fail("PF106", f"file is {size} bytes; the limit is {max_bytes}", Pos(label))
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise fail("PF100", f"cannot read file: {exc.strerror or exc}", Pos(label)) from None
    return decode(data, label, max_bytes)


def decode(data: bytes, label: str, max_bytes: int = MAX_BYTES) -> str:
    if len(data) > max_bytes:
        raise fail("PF106", f"input is {len(data)} bytes; the limit is {max_bytes}", Pos(label))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail("PF101", f"invalid UTF-8 byte 0x{data[exc.start]:02x}", Pos(label, line, col)) from None
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise fail("PF101", f"control character U+{ord(bad.group()):04X} not allowed", Pos(label, line, col))
    return text


def _flow_depth_ok(text: str, label: str) -> None:
    """Bound bracket nesting before libyaml sees it (it recurses in C). Nesting never
    exceeds the number of opening brackets, so a profile's few are not scanned (and the
    scan's expression, 0.15 ms to compile, not compiled on `recommend`'s path)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    for m in re.finditer(r"[\[\]{}]", text):
        depth = depth + 1 if m.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, m.start()) + 1
            col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            raise fail("PF107", f"brackets nested deeper than {MAX_DEPTH}", Pos(label, line, col))


def _pos(label: str, node: yaml.Node) -> Pos:
    return Pos(label, node.start_mark.line + 1, node.start_mark.column + 1)


def parse_yaml(text: str, label: str, allow_empty: bool = False):
    """Parse one YAML document into Map/Seq/scalars; raise PathfitError if bad."""
    _flow_depth_ok(text, label)
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Pos(label, mark.line + 1, mark.column + 1) if mark else Pos(label)
        raise fail("PF102", f"{exc.problem or exc.context}", pos) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise fail("PF102", f"cannot parse YAML: {exc}", Pos(label)) from None
    if len(nodes) > 1:
        raise fail("PF108", "only one YAML document is allowed per file", _pos(label, nodes[1]))
    if not nodes or nodes[0] is None:
        if allow_empty:
            return None
        raise fail("PF109", "file is empty", Pos(label, 1, 1))
    out = Collector()
    value = _Builder(label, out).build(nodes[0], 0)
    out.raise_if_errors()
    return value


class _Builder:
    def __init__(self, label: str, out: Collector):
        self.label = label
        self.out = out
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, depth: int):
        if id(node) in self.seen:
            self.out.add("PF104", "an alias repeats a node; write the value out in full", _pos(self.label, node))
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
            self.out.add("PF107", f"nested deeper than {MAX_DEPTH} levels", _pos(self.label, node))
            return None
        if node.tag not in _ALLOWED_TAGS:
            self.out.add("PF103", f"tag {node.tag!r} is not allowed", _pos(self.label, node))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            seq = Seq()
            seq.label, seq.line, seq.col = self.label, node.start_mark.line + 1, node.start_mark.column + 1
            seq.marks, seq.surprises = [], {}
            for item in node.value:
                seq.append(self.build(item, depth + 1))
                seq.marks.append((item.start_mark.line + 1, item.start_mark.column + 1))
                raw = _surprise(item)
                if raw is not None:
                    seq.surprises[len(seq) - 1] = raw
            return seq
        return _scalar(node, self.label, self.out)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> Map:
        result = Map()
        result.label, result.line, result.col = self.label, node.start_mark.line + 1, node.start_mark.column + 1
        result.marks, result.surprises, result.as_written = {}, {}, {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or (
                isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" and not key_node.style
            ):
                self.out.add("PF104", "merge keys ('<<') are not allowed", _pos(self.label, key_node))
                continue
            key = self.build(key_node, depth + 1)
            if not isinstance(key, str):
                hint = f" (YAML reads {key_node.value!r} as {type(key).__name__}; quote it)" if isinstance(key_node, yaml.ScalarNode) else ""
                self.out.add("PF110", f"mapping keys must be strings{hint}", _pos(self.label, key_node))
                continue
            if key in result:
                first = result.key_at(key)
                self.out.add("PF105", f"duplicate key {key!r} (first at line {first.line})", _pos(self.label, key_node))
                continue
            result[key] = self.build(value_node, depth + 1)
            km, vm = key_node.start_mark, value_node.start_mark
            result.marks[key] = (km.line + 1, km.column + 1, vm.line + 1, vm.column + 1)
            raw = _surprise(value_node)
            if raw is not None:
                result.surprises[key] = raw
            if _not_plain_number(value_node):
                result.as_written[key] = value_node.value
        return result


def _surprise(node: yaml.Node) -> str | None:
    """The raw text of a plain scalar that YAML 1.1 turns into a bool or octal."""
    if isinstance(node, yaml.ScalarNode) and not node.style:  # plain: None (Python) or '' (libyaml)
        body = node.value[:-1] if node.value.endswith("\n") else node.value
        unsigned = body[1:] if body[:1] in ("-", "+") else body
        if body in _SURPRISE_WORDS or (len(unsigned) > 1 and unsigned[0] == "0" and
                                       _OCTAL_DIGITS.issuperset(unsigned[1:])):
            return node.value
    return None


PLAIN_NUMBER = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]*)?([eE][-+]?[0-9]+)?|[-+]?\.[0-9]+([eE][-+]?[0-9]+)?")


def _not_plain_number(node: yaml.Node) -> bool:
    """A plain scalar read as a number whose text YAML 1.1 and 1.2 (and CSV, and
    JSON) read differently or not at all: a leading zero, `_`, 0x, 0o, 0b, 1:30."""
    return (isinstance(node, yaml.ScalarNode) and not node.style and node.tag.endswith((":int", ":float"))
            and PLAIN_NUMBER.fullmatch(node.value) is None and node.value.lower().lstrip("+-") not in (".inf", ".nan"))


def _scalar(node: yaml.ScalarNode, label: str, out: Collector):
    tag, raw = node.tag, node.value
    try:
        if tag.endswith(":str") or tag.endswith(":timestamp"):
            bad = has_controls(raw)
            if bad:  # written as a YAML escape ("\e", "\a"): the file's bytes were clean
                out.add("PF101", f"control character U+{ord(bad.group()):04X} in text (after YAML escapes) not "
                        "allowed: it would drive the terminal that shows it", _pos(label, node))
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
        out.add("PF203", f"cannot read {raw!r} as {tag.rsplit(':', 1)[-1]}", _pos(label, node))
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


def surprises_in(node, depth: int = 0):
    """(position, raw text, value read) of every YAML 1.1 surprise in a loaded document,
    in written order: what lint warns about (PF711) and what a validation error at the same
    token names (ruleset.read_ruleset), so one token is reported once."""
    if depth > 200:  # parse_yaml bounds nesting at 64; this only guards against a future change there
        return
    if isinstance(node, Map):
        for key, value in node.items():
            raw = node.surprises.get(key)
            if raw is not None:
                yield node.at(key), raw, value
            yield from surprises_in(value, depth + 1)
    elif isinstance(node, Seq):
        for i, value in enumerate(node):
            raw = node.surprises.get(i)
            if raw is not None:
                yield node.at(i), raw, value
            yield from surprises_in(value, depth + 1)


def load_file(path: str | os.PathLike, label: str | None = None, allow_empty: bool = False):
    """Read and parse one YAML file; the label is what errors print as the file."""
    label = label or str(path)
    return parse_yaml(read_text(path, label), label, allow_empty=allow_empty)


__all__ = ["Map", "Seq", "PathfitError", "load_file", "parse_yaml", "read_text", "decode", "surprises_in"]
