"""pathfit 0.1.0 wrote version 1 records whose decision had no `settled` (Decision.to_dict gained
it later, before records were first sealed, version 2): such a record, unchanged since pathfit
wrote it, was refused by every reader (PF608 "record has no decision.settled") once `settled`
was checked, though docs/audit.md says version 1 records are still read, verified and replayed.
It is read again, as before that check, its settledness unrecorded (the report says so); a
`settled` given is still a boolean or refused, whatever the record's version."""
from __future__ import annotations

import copy
import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.append import append_lines
from pathfit.engine.audit.record import build_record, canonical, check_record, seal
from pathfit.engine.errors import PathfitError, Pos

from .audit_support import engine, example_facts  # the module-scoped fixture the audit tests share
from .helpers import ROOT

UNSEALED = ROOT / "examples" / "executive-learning-digital-from-juniors.yaml"  # no sensitive fact given


@pytest.fixture(scope="module")
def old_record(engine):
    """A version 1 record as pathfit 0.1.0 wrote it: its decision without `settled`, sealed
    (digested) so, nothing else changed."""
    record = copy.deepcopy(build_record(engine, engine.evaluate(example_facts(UNSEALED)), None))
    assert record["record_version"] == 1 and record["masking"] is None
    del record["decision"]["settled"]
    return seal(record)


def test_a_version_1_record_without_settled_is_read(old_record):
    assert "settled" not in check_record(old_record, Pos("r.json"))["decision"]


def test_every_reader_takes_it(old_record, tmp_path):
    path, log, page = tmp_path / "r.json", tmp_path / "audit.jsonl", tmp_path / "r.html"
    path.write_text(json.dumps(old_record))
    append_lines(log, [canonical(old_record)], None)
    for args in (["audit", "show", str(path)], ["report", str(path), "--out", str(page)],
                 ["audit", "verify", str(log)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0 and "PF608" not in result.output, (args, result.output)
    assert page.exists()


@pytest.mark.parametrize("value", [1, "yes", None])
def test_a_settled_given_is_still_a_boolean(old_record, value):
    forged = copy.deepcopy(old_record)
    forged["decision"]["settled"] = value
    with pytest.raises(PathfitError) as info:
        check_record(seal(forged), Pos("r.json"))
    assert [(p.code, p.message) for p in info.value.problems] == [
        ("PF608", "record field decision.settled has the wrong type")]
