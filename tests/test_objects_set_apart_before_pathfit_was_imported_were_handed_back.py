"""A process that set objects apart from the collector (gc.freeze) before it imported
pathfit had them handed back (gc.unfreeze) by the first load and by every long run: pathfit
took whatever the permanent generation held at its import for the interpreter's own objects
(CPython 3.12 starts with some there). The interpreter's own are now counted from what they
are, so a process's choice is kept whenever it was made, and on 3.12 loads and long runs
still set their objects apart."""
from __future__ import annotations

import subprocess
import sys
import textwrap

_BEFORE_IMPORT = textwrap.dedent("""
    import gc
    marker = [[]]
    gc.freeze()  # the process sets its objects apart, then imports pathfit
    from pathfit.engine import Engine
    from pathfit.engine.long_lived import set_apart

    def walked(obj):
        return any(o is obj for o in gc.get_objects())

    with Engine.load() as engine:
        assert not walked(marker), "a load handed back the process's choice"
        with set_apart(engine, explaining=False):
            pass
        assert not walked(marker), "a long run handed back the process's choice"
    print("ok")
""")


def _run(args: list) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120,
                          env={"PATHFIT_CACHE": "0", "PATH": "/usr/bin:/bin"})


def test_objects_a_process_set_apart_before_importing_pathfit_stay_set_apart_through_a_load_and_a_long_run():
    done = _run(["-c", _BEFORE_IMPORT])
    assert done.returncode == 0 and done.stdout == "ok\n", done.stderr


def test_the_interpreters_own_set_apart_objects_are_counted_as_a_fresh_interpreter_holds_them():
    from pathfit.engine import frozen

    fresh = _run(["-I", "-S", "-c", "import gc; print(gc.get_freeze_count())"])
    assert frozen.interpreters_own() == int(fresh.stdout)

