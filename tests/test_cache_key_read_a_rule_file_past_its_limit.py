"""Regression: the load cache's key read every rule file and table CSV whole, before the load
refused one over the 4 MiB limit (PF106), so a large file (a log or an export saved as
`*.yaml` or `*.csv` beside the rules) was read into memory first: 1.6 GB for an 800 MB file,
and with a memory limit `internal error: MemoryError` in place of PF106. With PATHFIT_CACHE=0
the same rule set was PF106 at once. The key now reads no more than the limit and one byte."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import tiny_copy

LIMIT = 1 << 30  # the address space the command may have: far less than the file


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


@pytest.mark.parametrize("name", ["zz.yaml", "rows.csv"])
@pytest.mark.parametrize("cache", ["1", "0"])
def test_a_file_far_over_the_limit_is_pf106_without_being_read(tmp_path, name, cache):
    rules = tiny_copy(tmp_path)
    big = rules / name
    with open(big, "wb") as f:  # sparse: it takes no room on the disk
        f.truncate(2 * LIMIT)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PATHFIT_CACHE": cache}
    out = subprocess.run([str(Path(sys.executable).with_name("pathfit")), "recommend", "--rules", str(rules),
                          "--fact", "goal=specific"], capture_output=True, text=True, env=env, timeout=120,
                         preexec_fn=_limited)
    if name.endswith(".yaml"):
        assert out.returncode == 2 and out.stderr.startswith(f"{big}:0:0: PF106: "), out.stderr
    else:  # a CSV no table names is not read by the load: the rule set decides
        assert out.returncode == 0, out.stderr
    assert "internal error" not in out.stderr
