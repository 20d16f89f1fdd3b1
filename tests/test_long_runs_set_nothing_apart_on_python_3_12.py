"""CPython 3.12 starts with objects of its own in the collector's permanent generation
(hundreds of immortal tuples; 3.11 and 3.13 start with none). pathfit took any object
there for the process having set objects apart itself, so on 3.12 neither a load nor a
long run (`batch`, `serve`) set anything apart. Run in a process of its own, which on 3.12
holds the interpreter's objects there (CI runs these tests on 3.12); objects the process set
apart itself before importing pathfit are its own choice, kept
(tests/test_objects_set_apart_before_pathfit_was_imported_were_handed_back.py)."""
from __future__ import annotations

import subprocess
import sys
import textwrap

_SCRIPT = textwrap.dedent("""
    import gc
    from pathfit.engine import Engine
    from pathfit.engine.long_lived import set_apart

    def walked(obj):
        return any(o is obj for o in gc.get_objects())

    with Engine.load() as engine:
        rules = engine.ruleset.rules
        assert walked(rules)  # handed to the collector's generations once loaded
        marker = [[]]  # alive before the run, as the rule set is
        with set_apart(engine, explaining=True):
            assert not walked(marker) and not walked(rules), "nothing set apart for the run"
            during = [[]]
            assert walked(during)
        assert walked(marker) and walked(rules) and gc.get_freeze_count() == 0
    print("ok")
""")

_OWN_CHOICE = textwrap.dedent("""
    import gc
    gc.freeze()
    from pathfit.engine import Engine
    from pathfit.engine.long_lived import set_apart
    with Engine.load() as engine:
        gc.freeze()  # the process sets objects apart itself, after pathfit is imported
        count = gc.get_freeze_count()
        marker = [[]]
        with set_apart(engine, explaining=False):
            assert any(o is marker for o in gc.get_objects()), "the run set objects apart over the process's choice"
        assert gc.get_freeze_count() == count, "the process's choice was undone"
    print("ok")
""")


def _run(script: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)


def test_the_interpreters_own_objects_set_apart_do_not_stop_a_long_run_setting_its_own_apart():
    done = _run(_SCRIPT)
    assert done.returncode == 0 and done.stdout == "ok\n", done.stderr


def test_a_process_setting_objects_apart_after_the_import_still_keeps_its_choice():
    done = _run(_OWN_CHOICE)
    assert done.returncode == 0 and done.stdout == "ok\n", done.stderr
