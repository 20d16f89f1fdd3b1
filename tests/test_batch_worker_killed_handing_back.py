"""A batch worker killed while handing back its result (as when memory runs out, or when
SIGTERM goes to the whole process group, as `timeout` and service managers send it) dies
holding the lock on the pipe results come back on, part of its result written. The batch
then waited forever stopping its pool; now it ends with PF632 as for any worker gone."""
from __future__ import annotations

import os

import pytest

from .helpers import batch_ends_with_pf632_when_a_worker_dies


def _dies_handing_back_row_100(chunk, *args):
    """A batch worker's work that, on reaching row 100, takes the lock on the results' pipe,
    writes the start of a result longer than it then writes, and is killed there (at module
    level: the pool hands a worker its work by name)."""
    import gc
    import signal
    import struct
    from multiprocessing.pool import Pool

    from pathfit.engine.cohort import batch as cohort

    if any(row.number == 100 for row in chunk):
        pool = next(o for o in gc.get_objects() if isinstance(o, Pool))  # the parent's, forked with this worker
        pool._outqueue._wlock.acquire()
        os.write(pool._outqueue._writer.fileno(), struct.pack("!i", 1 << 20) + b"\x80" * 4096)
        os.kill(os.getpid(), signal.SIGKILL)
    return cohort.__dict__["_real_work"](chunk, *args)


@pytest.mark.parametrize("audited", [False, True])
def test_a_worker_killed_handing_back_its_result_ends_the_batch_with_pf632(tmp_path, monkeypatch, audited):
    """PF632, exit 2, no output and nothing appended, no temporary file left; under a 60 s
    watchdog that ends the test run if the batch hangs."""
    batch_ends_with_pf632_when_a_worker_dies(tmp_path, monkeypatch, audited, _dies_handing_back_row_100)
