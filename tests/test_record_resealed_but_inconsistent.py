"""A record whose record_digest was worked out again after a change (which anyone can do: the
digest is no secret) is still refused where it does not agree with itself: its facts and its
decision's facts differ, its facts do not match its facts_digest, or its outcome says another
recommendation than its decision. Each is refused by the record check every command reads a
record through, with its own code, and by `replay` and `audit verify` on the file."""
from __future__ import annotations

import pytest

from pathfit.engine.audit.record import check_record, record_text, seal
from pathfit.engine.errors import PathfitError, Pos

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import record_for, run
from .helpers import ROOT

UNSEALED = ROOT / "examples" / "graduate-seeking-career-direction.yaml"  # no sensitive fact: nothing sealed
CHANGES = {
    "facts beside the decision's": (lambda r: r["facts"].update(hours_per_month=r["facts"]["hours_per_month"] + 1),
                                    "PF608", "facts and its decision's facts differ"),
    "facts_digest": (lambda r: r.update(facts_digest="0" * 64), "PF609", "facts do not match facts_digest"),
    "outcome": (lambda r: r["outcome"].update(recommendation="coaching" if r["outcome"]["recommendation"]
                                              != "coaching" else "mentoring"), "PF608", "does not agree with itself"),
}


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_resealed_record_that_disagrees_with_itself_is_refused(tmp_path, engine, key, name):
    change, code, words = CHANGES[name]
    record = record_for(engine, UNSEALED, None)
    assert record["masking"] is None and "hours_per_month" in record["facts"]
    change(record)
    resealed = seal(record)
    with pytest.raises(PathfitError) as info:
        check_record(resealed, Pos("r.json"))
    assert info.value.codes == [code] and words in info.value.problems[0].message
    path = tmp_path / "r.json"
    path.write_text(record_text(resealed))
    replayed = run("replay", path)
    assert replayed.exit_code == 2 and f"{path}:0:0: {code}:" in replayed.stderr, replayed.output
    verified = run("audit", "verify", path)
    assert verified.exit_code == 1 and "NOT intact" in verified.output, verified.output
