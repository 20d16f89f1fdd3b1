"""`engine.audit.replay.replay()` (and `recover_facts`) called from Python on a record
never checked by `check_record` raised a KeyError ('salt', 'masking') on a record edited
to a newer `record_version` or lacking a field, and replayed an edited version-1 record
as if it were sound; `pathfit replay` refuses the same records with PF615, PF608 and
PF609. Both functions now check a record they are not told was checked, and refuse it
with pathfit's error and code, as the CLI does."""
from __future__ import annotations

import copy

import pytest

from pathfit.engine.audit.record import seal
from pathfit.engine.audit.replay import recover_facts, replay
from pathfit.engine.errors import PathfitError, Pos

from .audit_support import PLAIN_EXAMPLE, SENSITIVE_EXAMPLE, engine, key, record_for  # the fixtures the audit tests share

WHERE = Pos("r.json")


def _edited(record: dict, change) -> dict:
    edited = copy.deepcopy(record)
    change(edited)
    return seal(edited)  # digest made again: only what was changed is wrong


def _newer(record: dict) -> None:
    record["record_version"] = 4


def _no_masking(record: dict) -> None:
    del record["masking"]


def _refused(call) -> str:
    with pytest.raises(PathfitError) as refused:
        call()
    (problem,) = refused.value.problems
    assert problem.pos == WHERE
    return problem.code


@pytest.mark.parametrize("example", [SENSITIVE_EXAMPLE, PLAIN_EXAMPLE], ids=["sealed", "plain"])
@pytest.mark.parametrize("change,code", [(_newer, "PF615"), (_no_masking, "PF608")], ids=["newer", "no-masking"])
def test_replay_refuses_a_bad_record_with_its_code(engine, key, example, change, code):
    record = _edited(record_for(engine, example, key), change)
    assert _refused(lambda: replay(engine, record, key, WHERE)) == code
    assert _refused(lambda: recover_facts(record, key, WHERE)) == code


def test_replay_refuses_an_altered_record(engine, key):
    record = copy.deepcopy(record_for(engine, PLAIN_EXAMPLE, key))
    record["record_version"] = 4  # edited by hand: the digest no longer matches (checked after the version)
    assert _refused(lambda: replay(engine, record, key, WHERE)) == "PF615"
    record = copy.deepcopy(record_for(engine, PLAIN_EXAMPLE, key))
    record["operator"] = "someone else"
    assert _refused(lambda: replay(engine, record, key, WHERE)) == "PF609"


@pytest.mark.parametrize("example", [SENSITIVE_EXAMPLE, PLAIN_EXAMPLE], ids=["sealed", "plain"])
def test_a_sound_record_still_replays_as_reproduced(engine, key, example):
    assert replay(engine, record_for(engine, example, key), key, WHERE)["status"] == "reproduced"
