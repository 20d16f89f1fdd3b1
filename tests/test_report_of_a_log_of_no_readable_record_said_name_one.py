"""`pathfit report LOG` without --id, of a log whose only entry is damaged, said "0 records
here; name one with --id" at the file (PF616): advice no one can follow, with the line that
is wrong named only in the warning. It now names that line's own problem at its place, as
`--id` naming a damaged record does (exit 2, nothing written)."""
from __future__ import annotations

import pytest

from .audit_support import keyed, run  # keyed: a fixture its tests ask for
from .test_audit_one_line_log import DAMAGE, one_entry_log


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_log_of_one_damaged_entry_names_its_problem(tmp_path, keyed, damage):
    log = one_entry_log(tmp_path, damage)
    out = tmp_path / "r.html"
    result = run("report", log, "--out", out)
    assert result.exit_code == 2 and not out.exists()
    assert f"\n{log}:1:1: PF601: " in "\n" + result.stderr and "PF616" not in result.stderr, result.stderr
