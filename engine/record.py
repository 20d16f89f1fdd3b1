"""Immutable records: tuples with named fields, as typing.NamedTuple makes them, for less.

Why not typing.NamedTuple: it compiles each class's `__new__` from source text when
the class is created (collections.namedtuple's `eval`) and type-checks every
annotation, on every start of the process; the record classes a `pathfit recommend`
imports cost 10.7 M instructions that way (docs/performance.md, "Start-up"). Here a class
writes its `__new__` by hand, compiled once into the module's bytecode, and Record
derives the rest from its parameters: `_fields`, a read-only property per field,
`_replace`, `_asdict`, `_make`, NamedTuple's repr, and pickling by fields (the rule-set
cache stores these objects). Equality, hashing, ordering and unpacking are the tuple's.

    class Pos(Record):
        __slots__ = ()

        def __new__(cls, file: str = "", line: int = 0, col: int = 0) -> Pos:
            return tuple.__new__(cls, (file, line, col))

The fields are `__new__`'s parameters after `cls`, in order, and it must return
exactly them as the tuple; tests/test_record_classes.py checks that of every record class.
"""
from __future__ import annotations

from operator import itemgetter

try:  # the C accessor collections.namedtuple uses for its fields
    from _collections import _tuplegetter
except ImportError:  # pragma: no cover - another Python implementation
    def _tuplegetter(index: int, doc: object) -> property:
        return property(itemgetter(index), doc=doc)


class Record(tuple):
    """The base of every record class: see the module's docstring."""

    __slots__ = ()
    _fields: tuple = ()

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "__slots__" not in cls.__dict__ or "__new__" not in cls.__dict__:
            raise TypeError(f"record {cls.__name__} must set __slots__ = () and write its own __new__")
        code = cls.__new__.__code__
        cls._fields = cls.__match_args__ = code.co_varnames[1:code.co_argcount]
        for index, name in enumerate(cls._fields):
            setattr(cls, name, _tuplegetter(index, None))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self))
        return f"{self.__class__.__name__}({shown})"

    def __reduce__(self) -> tuple:
        """Rebuilt by tuple.__new__ itself: unpickling the cached rule set (some
        nine hundred records) then runs no Python `__new__` per record."""
        return tuple.__new__, (self.__class__, tuple(self))

    @classmethod
    def _make(cls, values) -> Record:
        made = tuple.__new__(cls, values)
        if len(made) != len(cls._fields):
            raise TypeError(f"expected {len(cls._fields)} arguments, got {len(made)}")
        return made

    def _replace(self, **changes) -> Record:
        """A copy with the named fields changed (typing.NamedTuple's `_replace`)."""
        made = tuple.__new__(self.__class__, [changes.pop(name, value) for name, value in zip(self._fields, self)])
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return made

    def _asdict(self) -> dict:
        return dict(zip(self._fields, self))
