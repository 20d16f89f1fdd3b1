"""A batch worker killed while handing back its result (as when memory runs out, or when
SIGTERM goes to the whole process group, as `timeout` and service managers send it) dies
with part of its result written. When workers shared one pipe for results under one lock,
the batch then waited forever stopping them; a result cut short must end the batch with
PF632 as for any worker gone, never be read as a result or waited on."""
from __future__ import annotations

import os

import pytest

from .helpers import batch_ends_with_pf632_when_a_worker_dies


def _dies_handing_back_row_100(chunk, *args):
    """A batch worker's work that, on reaching row 100, writes on its result pipe the start
    of a result longer than it then writes, and is killed there (at module level, as the
    workers' work is)."""
    import signal
    import struct

    from pathfit.engine.cohort import batch as cohort
    from pathfit.engine.cohort import workers

    if any(row.number == 100 for row in chunk):
        os.write(workers.serving[1], struct.pack("<Q", 1 << 20) + b"\x80" * 4096)
        os.kill(os.getpid(), signal.SIGKILL)
    return cohort.__dict__["_real_work"](chunk, *args)


@pytest.mark.parametrize("audited", [False, True])
def test_a_worker_killed_handing_back_its_result_ends_the_batch_with_pf632(tmp_path, monkeypatch, audited):
    """PF632, exit 2, no output and nothing appended, no temporary file left; under a 60 s
    watchdog that ends the test run if the batch hangs."""
    batch_ends_with_pf632_when_a_worker_dies(tmp_path, monkeypatch, audited, _dies_handing_back_row_100)
