"""`audit show` given the audit key, on a log whose first problem is a record's own seal (PF630 at
its line, as `audit verify` with the key finds it), warned that the log does not verify with that
PF630, then refused the record for the same PF630: one problem said twice, where `report` says
it once, as the record's own. The warning is now given only where the record's refusal does not
say it, and still given where the record is not refused."""
from __future__ import annotations

import pytest

from .test_record_after_a_seal_that_fails_shown_as_vouched_for import FORGED_ID, LATER_ID, forged, run

__all__ = ["forged"]  # the fixture, used by name


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("pick", [["--id", FORGED_ID[:8]], []], ids=["the forged record", "the listing"])
def test_the_forged_seal_is_said_once(forged, fmt, pick):
    log, key = forged
    result = run("audit", "show", log, *pick, "--format", fmt, key=key)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count(f"{log}:1:1: PF630") == 1, result.stderr


def test_a_record_after_it_is_still_shown_with_the_warning(forged):
    log, key = forged
    result = run("audit", "show", log, "--id", LATER_ID[:8], key=key)
    assert result.exit_code == 0, result.output
    assert result.stderr.count(f"warning: the log does not verify: {log}:1:1: PF630") == 1, result.stderr
