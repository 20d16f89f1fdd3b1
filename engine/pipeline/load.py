"""Stage 1, load: YAML text -> plain values that remember where they came from.

Why not `yaml.safe_load`: it forgets positions, lets a duplicate key win
silently, expands aliases (the "billion laughs"), and recurses without bound.
Here the text is bounded before parsing, libyaml composes a node graph
(aliases stay shared references, never expanded), and our own walk builds the
values (located.py): only the core tags, no aliases, string keys only, no
duplicates, a depth cap. Nothing a file contains is ever executed.
"""
from __future__ import annotations

import os
import re
import stat
from functools import lru_cache, partial

import yaml

from ..errors import Collector, PathfitError, Pos, char_column, fail
from .located import MAX_DEPTH, PLAIN_NUMBER, Map, Seq, build_document, is_plain_number, is_quick, node_pos
from .located_events import NOT_PLAIN, read_plain

MAX_BYTES = 4 * 1024 * 1024
# the characters a file may not hold (C0 but tab, newline and carriage return, and DEL),
# searched only once the bytes have shown one; the bytes written out, so that no start
# compiles the expression (tests/test_control_scans.py holds the two to each other)
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_CONTROL_BYTES = bytes(range(0x09)) + b"\x0b\x0c" + bytes(range(0x0e, 0x20)) + b"\x7f"
_NOT_CONTROL_BYTES = bytes(range(256)).translate(None, _CONTROL_BYTES)
# libyaml's safe loader when PyYAML was built with it (what reads rule files in practice), else PyYAML's own
_BASE_LOADER = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


def _loader_class() -> type:
    """The libyaml loader, asking Python less.

    libyaml composes in C but still calls back into Python for each node: to
    resolve a scalar's tag (a handful of regular expressions) and to track the
    path for path resolvers. A rule file repeats the same few hundred scalars
    (fact names, operators, outcomes), so each parse remembers the tags it
    resolved (in a C-level cache: no Python frame per node); and SafeLoader
    registers no path resolvers, so there is no path to track. Both hold only
    while no path resolver is registered: parse_yaml then uses the plain
    libyaml loader. Parsing, marks and errors are libyaml's own either way."""
    base = _BASE_LOADER
    if base is yaml.SafeLoader:
        return base

    class RememberingLoader(base):
        def __init__(self, stream):
            base.__init__(self, stream)
            # for this parse only; it refers back to the loader, so _compose drops it after
            self.resolve = lru_cache(maxsize=None)(partial(base.resolve, self))

        def descend_resolver(self, current_node, current_index) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

    return RememberingLoader


_Loader = _loader_class()


def _compose(text: str, loader_class: type) -> list:
    """Every document's node graph, as yaml.compose_all gives them."""
    loader = loader_class(text)
    try:
        nodes = []
        while loader.check_node():
            nodes.append(loader.get_node())
        return nodes
    finally:
        loader.dispose()
        vars(loader).pop("resolve", None)  # the remembered tags: the only reference cycle


def plain_file(path, label: str) -> None:
    """PF100 unless `path` is (or links to) a plain file: a rule set is what its files hold,
    read the same each time, so a pipe or a device, which a profile may be, is not one."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise fail("PF100", f"cannot read file: {exc.strerror or exc}", Pos(label)) from None
    if not stat.S_ISREG(mode):
        kind = "a directory" if stat.S_ISDIR(mode) else "a pipe" if stat.S_ISFIFO(mode) else "a device or socket"
        raise fail("PF100", f"not a plain file but {kind}: a rule set's files are plain files", Pos(label))


def read_text(path: str | os.PathLike, label: str, max_bytes: int = MAX_BYTES) -> str:
    """Read a file as strict UTF-8 with no control bytes, or fail located.
    Paths are plain os paths here: pathlib costs 9 ms to import on every CLI start."""
    return decode(read_bytes(path, label, max_bytes), label, max_bytes)


def read_bytes(path: str | os.PathLike, label: str, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes, at most `max_bytes` of them, or fail located: for a reader that
    needs the bytes as well as the text (`decode`), as the knowledge base's digest does."""
    try:
        info = os.stat(path)
        if info.st_size > max_bytes:
            raise fail("PF106", f"file is {info.st_size} bytes; the limit is {max_bytes}", Pos(label))
        # a named pipe waits here for its writer, as `cat` does and a cohort's does: opened without
        # waiting, one whose writer comes a moment later read as an empty file, which it never was
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)  # bounded: a device or a pipe (/dev/zero, <(cmd)) has no size to stat
    except OSError as exc:
        raise fail("PF100", f"cannot read file: {exc.strerror or exc}", Pos(label)) from None
    if len(data) > max_bytes:
        raise fail("PF106", f"file is over {max_bytes} bytes, the limit", Pos(label))
    return data


def decode(data: bytes, label: str, max_bytes: int = MAX_BYTES) -> str:
    if len(data) > max_bytes:
        raise fail("PF106", f"input is {len(data)} bytes; the limit is {max_bytes}", Pos(label))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        from ..cohort.lines import other_encoding  # for the message only: a file read whole never loads it

        other = other_encoding(data)
        said = f": the file is {other} (it opens with a {other} byte order mark); save it as UTF-8" if other else ""
        raise fail("PF101", f"invalid UTF-8 byte 0x{data[exc.start]:02x}{said}",
                   Pos(label, line, char_column(data, exc.start))) from None
    # a control character is one byte in UTF-8, and no other character's bytes are below
    # 0x80: so the bytes tell, at C speed, whether the expression need look at all
    bad = re.search(_CONTROL, text) if data.translate(None, _NOT_CONTROL_BYTES) else None
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise fail("PF101", f"control character U+{ord(bad.group()):04X} not allowed", Pos(label, line, col))
    return text


# bytes.translate: brackets become ( and ), every other byte goes (UTF-8 writes any other
# character, surrogates included, in bytes that are none of these four)
_AS_PARENS = bytes.maketrans(b"[{]}", b"(())")
_NOT_BRACKETS = bytes(sorted(set(range(256)) - set(b"[]{}")))


def _flow_depth_ok(text: str, label: str) -> None:
    """Bound bracket nesting before libyaml sees it (it recurses in C). Nesting never
    goes deeper than the number of opening brackets, so most files need no walk.

    Nor deeper than _nesting_bound, worked out at C speed: a rule file written in flow
    style has thousands of brackets (5,400 in the 1,000-rule synthetic base: 3 ms walked
    one by one, 0.4 ms bounded). Only a text that bound does not clear is walked, as
    before, so the error and its position are the walk's."""
    if text.count("[") + text.count("{") <= MAX_DEPTH or _nesting_bound(text) <= MAX_DEPTH:
        return
    depth = 0
    for m in re.finditer(r"[\[\]{}]", text):
        depth = depth + 1 if m.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, m.start()) + 1
            col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            raise fail("PF107", f"brackets nested deeper than {MAX_DEPTH}", Pos(label, line, col))


def _nesting_bound(text: str) -> int:
    """At least the deepest nesting _flow_depth_ok's walk can reach. With the brackets
    alone, as `(` and `)` (the walk treats both kinds alike), each pass of removing `()`
    takes away every pair with nothing left inside it, so the passes count the deepest
    nesting of matched pairs; an opener never closed adds at most one level each, and a
    closer with nothing open lowers nothing (the walk stays at 0). At most MAX_DEPTH + 1
    passes: a text nested deeper is walked anyway, and each pass reads the whole text."""
    brackets = text.encode("utf-8", "surrogatepass").translate(_AS_PARENS, _NOT_BRACKETS)
    passes = 0
    while passes <= MAX_DEPTH and b"()" in brackets:
        brackets = brackets.replace(b"()", b"")
        passes += 1
    return passes + brackets.count(b"(")


def parse_yaml(text: str, label: str, allow_empty: bool = False, duplicates: list | None = None,
               root: list | None = None, person: bool = False):
    """Parse one YAML document into Map/Seq/scalars; raise PathfitError if bad. Given a
    `duplicates` list, a document whose only problems are keys written twice comes back
    (each key's first value kept, the later ones in Map.later_values) and those problems
    (PF105) go to the list: a reader that then checks the document reports them with its
    own, so that one run shows what a duplicate key would otherwise hide. Given a `root`
    list, where the document's value is written goes to it: a document that is one plain
    value (`hello`) comes back as that value, which cannot say where it stands. `person`: the
    text is a person's facts, read as engine.pipeline.person_text says."""
    if "\r" in text or not text.isascii():  # nearly every file is ASCII without a CR: no line end to find
        from .line_ends import line_ends_agree  # only then: its import and pattern cost every start 0.7 M instructions

        line_ends_agree(text, label)
    _flow_depth_ok(text, label)
    if _BASE_LOADER is not yaml.SafeLoader and not _BASE_LOADER.yaml_path_resolvers and is_quick(text):
        value = read_plain(text, label, _BASE_LOADER)  # the common case, from libyaml's events
        if value is not NOT_PLAIN:
            if root is not None:
                root.append(value.pos)  # read_plain reads only a mapping or a list
            return value
    try:
        loader = _Loader if not _Loader.yaml_path_resolvers else _BASE_LOADER
        nodes = _compose(text, loader)
    except yaml.MarkedYAMLError as exc:
        from .yaml_words import mark_pos, yaml_message  # a message only: never on a decision's way
        raise fail("PF102", yaml_message(exc, text), mark_pos(exc, text, label)) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise fail("PF102", f"cannot parse YAML: {exc}", Pos(label)) from None
    if len(nodes) > 1:
        raise fail("PF108", "only one YAML document is allowed per file", node_pos(label, nodes[1]))
    if not nodes or nodes[0] is None:
        if allow_empty:
            return None
        body = text.lstrip("\ufeff")  # a file of comments is not empty: say what it holds
        raise fail("PF109", "file holds nothing but " + ("comments" if body.strip() else "white space")
                   if body else "file is empty", Pos(label, 1, 1))
    if root is not None:
        root.append(node_pos(label, nodes[0]))
    out = Collector()
    value = build_document(nodes[0], text, label, out)
    if person and out.problems:
        from .person_text import keep_escaped_subject
        keep_escaped_subject(nodes[0], value, out, label)
    if duplicates is not None and all(p.code == "PF105" for p in out.errors):
        duplicates.extend(out.errors)
        return value
    out.raise_if_errors()
    return value


_TEXT_BOOLEANS = frozenset("y Y n N".split())  # YAML 1.1's booleans that PyYAML, as YAML 1.2, reads as text


def surprises_in(node, depth: int = 0, text_too: bool = False):
    """(position, raw text, value read) of every YAML 1.1 surprise in a loaded document,
    in written order: what lint warns about (PF711) and what a validation error at the same
    token names (ruleset.read_ruleset), so one token is reported once. `text_too` adds what
    pathfit reads as its text but YAML 1.1 makes a boolean (`y`, `n`), as a value or as a
    key: no error is about such a token's reading, but another YAML 1.1 reader takes it
    otherwise (lint's PF711)."""
    if depth > 200:  # parse_yaml bounds nesting at 64; this only guards against a future change there
        return
    if isinstance(node, Map):
        for key, value in node.items():
            if text_too and key in _TEXT_BOOLEANS:
                yield node.key_at(key), key, key
            raw = node.surprises.get(key)
            if raw is not None and (text_too or not isinstance(value, str)):
                yield node.at(key), raw, value
            yield from surprises_in(value, depth + 1, text_too)
    elif isinstance(node, Seq):
        for i, value in enumerate(node):
            raw = node.surprises.get(i)
            if raw is not None and (text_too or not isinstance(value, str)):
                yield node.at(i), raw, value
            yield from surprises_in(value, depth + 1, text_too)


def load_file(path: str | os.PathLike, label: str | None = None, allow_empty: bool = False,
              duplicates: list | None = None, root: list | None = None):
    """Read and parse one YAML file; the label is what errors print as the file (`duplicates`
    and `root`: as parse_yaml takes them)."""
    label = label or str(path)
    return parse_yaml(read_text(path, label), label, allow_empty=allow_empty, duplicates=duplicates, root=root)


__all__ = ["Map", "Seq", "MAX_DEPTH", "PLAIN_NUMBER", "is_plain_number", "PathfitError", "load_file", "parse_yaml",
           "read_text", "decode", "surprises_in"]
