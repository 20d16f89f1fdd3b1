"""Records (engine/record.py) behave as the typing.NamedTuple classes they replaced,
checked against collections.namedtuple itself as the reference, for every record
class on the engine's path: each field reads back what its `__new__` parameter was
given, at its place in the tuple; repr, _replace, _asdict, _make, pickling and copying
agree with a namedtuple of the same fields."""
from __future__ import annotations

import copy
import pickle
from collections import namedtuple

import pytest

from pathfit.engine import errors
from pathfit.engine.pipeline import certainty, decide, model, run
from pathfit.engine.record import Record

MODULES = (errors, model, run, decide, certainty)
RECORDS = sorted({v for m in MODULES for v in vars(m).values()
                  if isinstance(v, type) and issubclass(v, Record) and v is not Record}, key=lambda c: c.__name__)


def test_every_record_class_of_the_engine_path_is_checked():
    assert {c.__name__ for c in RECORDS} >= {"Pos", "Problem", "FactDef", "Cmp", "All", "Any", "Not", "Effects", "Rule",
                                             "Clause", "OutcomeDef", "Policy", "RuleSet", "Compiled", "Firing",
                                             "Settled", "Tally", "Belief"}


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_a_record_is_the_namedtuple_of_its_fields(cls):
    reference = namedtuple(cls.__name__, cls._fields)
    values = [f"<{name}>" for name in cls._fields]
    made, expected = cls(*values), reference(*values)
    assert tuple(made) == tuple(expected) and [getattr(made, n) for n in cls._fields] == values
    assert cls(**dict(zip(cls._fields, values))) == made
    assert repr(made) == repr(expected)
    assert made._asdict() == expected._asdict()
    changed = made._replace(**{cls._fields[-1]: 7})
    assert type(changed) is cls and tuple(changed) == tuple(expected._replace(**{cls._fields[-1]: 7}))
    with pytest.raises(ValueError):
        made._replace(no_such_field=1)
    assert cls._make(values) == made and type(cls._make(values)) is cls
    with pytest.raises(TypeError):
        cls._make(values[:-1])
    assert cls.__match_args__ == cls._fields
    for again in (pickle.loads(pickle.dumps(made, protocol=p)) for p in range(2, pickle.HIGHEST_PROTOCOL + 1)):
        assert type(again) is cls and again == made
    assert type(copy.copy(made)) is cls and copy.deepcopy(made) == made
    assert not hasattr(made, "__dict__")
    with pytest.raises(AttributeError):
        setattr(made, cls._fields[0], 1)
    assert hash(made) == hash(tuple(values))


def test_the_defaults_are_the_ones_written():
    assert errors.Pos() == ("", 0, 0) and errors.Problem("PF100", "m").severity == "error"
    assert model.Effects() == ((), (), (), None, False)
    assert model.RuleSet("n", {}, (), None, {}, (), "d").derivers == {}
    assert certainty.Belief() == (0, 0)


def test_a_record_class_without_slots_or_its_own_new_is_refused():
    with pytest.raises(TypeError):
        class NoSlots(Record):  # defined only to be refused
            def __new__(cls, a: int) -> NoSlots:
                return tuple.__new__(cls, (a,))
    with pytest.raises(TypeError):
        class NoNew(Record):
            __slots__ = ()
