"""A copy of JSON-shaped data (dicts, lists, tuples of them, scalars) that shares no container
with the original, so that whoever is handed it may change it freely.

copy.deepcopy would do, at several times the cost: it keeps a memo of every object and
dispatches on each one's type through a table. JSON-shaped data needs neither: it has no
cycles, its scalars are immutable, and only its containers need copying. Scalars are passed
over where they stand, without a call, and exact types are asked first: a decision's trace is
mostly dicts and lists of text and numbers. Measured on traces of the bundled rules, this
copies one in about two thirds of the time that calling the copier on every value took (the
audit records' copier before, which is now this one), and in under a third of deepcopy's.
"""
from __future__ import annotations

_SCALARS = frozenset({str, int, float, bool, type(None)})


def json_copy(value: object) -> object:
    """`value` with every dict, list and tuple in it copied (a subclass of one as the plain
    kind); anything else, scalars included, is the same object."""
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) in _SCALARS else json_copy(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _SCALARS else json_copy(v) for v in value]
    if kind in _SCALARS:
        return value
    if isinstance(value, dict):
        return {k: v if type(v) in _SCALARS else json_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) in _SCALARS else json_copy(v) for v in value]
    if isinstance(value, tuple):  # a named tuple as a plain one
        return tuple([v if type(v) in _SCALARS else json_copy(v) for v in value])
    return value
