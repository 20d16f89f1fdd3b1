"""Checking a record's shape built the dotted path of every value it checked (`rules.x.cites[0].anchor`,
for every rule, citation, firing and trace entry), though a path is only ever said of a problem:
45% of `audit verify`'s time on a log, about 2 ms of every entry's 4. The values are now tested
without their paths, and the paths are named only for a record with a problem, in the same
words, at the same first field as before."""
from __future__ import annotations

import pytest

from pathfit.engine.audit import record_shape
from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.sealing import open_record

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .audit_support import PLAIN_EXAMPLE, SENSITIVE_EXAMPLE, make_key, record_for

WRONG = (True, "text", [])


def _named_everywhere(doc: dict, opened: bool) -> str:
    """shape_problem as it was: every value found by naming its path (record_shape._values)."""
    fits = record_shape._fits
    record_shape._fits = lambda *args: False
    try:
        return record_shape.shape_problem(doc, opened)
    finally:
        record_shape._fits = fits


def _places(value, path=()):
    """Every place in a JSON value: (path of keys and indexes)."""
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _places(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _places(v, path + (i,))


class _Changed:
    """`doc` with the value at `path` replaced by `new`, or removed (`new` is _places), in place
    while inside, as it was after."""

    def __init__(self, doc: dict, path: tuple, new) -> None:
        self.parent = doc
        for part in path[:-1]:
            self.parent = self.parent[part]
        self.key, self.new, self.doc = path[-1], new, doc

    def __enter__(self) -> dict:
        self.old = self.parent[self.key]
        if self.new is _places:
            if isinstance(self.parent, dict):
                self.order = list(self.parent)
            del self.parent[self.key]
        else:
            self.parent[self.key] = self.new
        return self.doc

    def __exit__(self, *exc) -> None:
        if self.new is _places and isinstance(self.parent, dict):
            self.parent[self.key] = self.old
            for k in self.order:  # the keys' order as it was
                self.parent[k] = self.parent.pop(k)
        else:
            self.parent[self.key] = self.old


@pytest.fixture(scope="module")
def records(engine, tmp_path_factory):
    key_file = make_key(tmp_path_factory.mktemp("shape"))
    key = load_key(str(key_file))
    plain = record_for(engine, PLAIN_EXAMPLE, key)
    sealed = record_for(engine, SENSITIVE_EXAMPLE, key)
    return [(plain, False), (sealed, False), (open_record(key, sealed, None, "checking it"), True)]


def test_every_field_removed_or_retyped_is_found_as_naming_every_value_found_it(records):
    checked = 0
    for doc, opened in records:
        assert record_shape.shape_problem(doc, opened) == _named_everywhere(doc, opened) == ""
        seen: dict = {}
        for path in list(_places(doc)):
            if not path or path[0] in ("record_digest", "facts_digest"):
                continue
            pattern = tuple("#" if isinstance(p, int) else p for p in path)  # each list by its first item
            seen[pattern] = seen.get(pattern, 0) + 1
            if seen[pattern] > 1:
                continue
            for new in (_places,) + WRONG:
                if new is _places and isinstance(path[-1], int):
                    continue
                with _Changed(doc, path, new) as changed:
                    try:
                        expected = _named_everywhere(changed, opened)
                    except Exception as exc:  # the later checks' own refusals, alike either way
                        with pytest.raises(type(exc)):
                            record_shape.shape_problem(changed, opened)
                        continue
                    assert record_shape.shape_problem(changed, opened) == expected, (path, new)
                checked += 1
        assert record_shape.shape_problem(doc, opened) == ""  # each change undone
    assert checked > 500, checked


def test_a_sound_record_is_checked_without_naming_a_place(records, monkeypatch):
    named = []
    values = record_shape._values

    def counted(*args):
        named.append(args[1])
        return values(*args)

    monkeypatch.setattr(record_shape, "_values", counted)
    for doc, opened in records:
        assert record_shape.shape_problem(doc, opened) == ""
    assert named == []


def test_a_sealed_box_is_told_as_its_pattern_tells_it():
    import re

    pattern = re.compile(r"(?:[0-9a-f]{2}){16,}")
    texts = ["", "0" * 30, "0" * 31, "0" * 32, "0" * 33, "ab" * 5000, "ab" * 5000 + "a", "AB" * 20,
             "0f" * 16 + "g0", "0f" * 16 + "\n", "0f" * 16 + " ", "\u0660" * 32, "0f" * 15 + "0F"]
    for text in texts:
        assert record_shape.sealed_box(text) == (pattern.fullmatch(text) is not None), text
