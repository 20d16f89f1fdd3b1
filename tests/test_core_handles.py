"""The C core's rule-set handles, as pathfit's build patches their table (build_tools/durable_core.py,
HANDLES): the table is no longer filled in before the first rule set is registered, and a handle
comes out exactly where the filled table's free list gave it.

Each case runs in a fresh interpreter: the table is the process's own, and this one has
registered rule sets already."""
from __future__ import annotations

import ast
import random
import subprocess
import sys

MAX_HANDLES = 131072  # rules.h

# Registers and deletes rule sets in the order `ops` says ("c": register one, an int: delete the
# handle registered by that step), and prints every handle registered, in order.
_DRIVE = """
import ast, sys
from pathfit.engine.pipeline import durable_rules_engine as core
ops = ast.literal_eval(sys.stdin.read())
text = '{"r": {"all": [{"m": {"t": "a"}}]}}'
made = []
for op in ops:
    if op == "c":
        made.append(core.create_ruleset("r%d" % len(made), text))
    else:
        core.delete_ruleset(made[op])
print(made)
"""


FULL, INVALID = "handle limit exceeded", "invalid handle"  # the two errors the macros return


class FilledTable:
    """durable-rules' own handle table, as its unpatched macros keep it (rules.h:
    INITIALIZE_ENTRIES fills every entry's link to the next, CREATE_HANDLE takes the
    first free entry and follows its link, DELETE_HANDLE puts a handle at the list's end)."""

    def __init__(self, size: int = MAX_HANDLES) -> None:
        self.link = [i + 1 for i in range(size)]
        self.link[size - 1] = 0
        self.used = [False] * size
        self.first, self.last = 1, size - 1

    def create(self) -> int | str:
        if self.first == 0:
            return FULL
        handle = self.first
        self.used[handle] = True
        self.first = self._next(handle)
        return handle

    def _next(self, handle: int) -> int:
        return self.link[handle]

    def delete(self, handle: int) -> str | None:
        if not 1 <= handle < len(self.used) or not self.used[handle]:
            return INVALID
        self.used[handle] = False
        self.link[handle] = 0
        self.link[self.last] = handle
        self.last = handle
        if not self.first:
            self.first = self.last
        return None

    def copy(self) -> "FilledTable":
        other = object.__new__(type(self))
        other.link, other.used, other.first, other.last = self.link[:], self.used[:], self.first, self.last
        return other


class PatchedTable(FilledTable):
    """The table as pathfit's build keeps it (build_tools/durable_core.py, HANDLES): never
    filled in, all zero; taking a handle whose entry links to none moves on to the entry
    after it, unless that entry is the list's last."""

    def __init__(self, size: int = MAX_HANDLES) -> None:
        super().__init__(size)
        self.link = [0] * size

    def _next(self, handle: int) -> int:
        return self.link[handle] or (0 if handle == self.last else handle + 1)


def _ops(seed: int, creates: int, live: int) -> list:
    """`creates` registrations, each deleting a random earlier one once `live` are held."""
    rng = random.Random(seed)
    ops, held = [], []
    for step in range(creates):
        if len(held) >= live:
            ops.append(held.pop(rng.randrange(len(held))))
        ops.append("c")
        held.append(step)
    return ops


def _modelled(ops: list) -> list[int]:
    """The handles the filled table gives for `ops`, as _DRIVE prints them."""
    model, made = FilledTable(), []
    for op in ops:
        if op == "c":
            made.append(model.create())
        else:
            model.delete(made[op])
    return made


def _drive(ops: list) -> list[int]:
    done = subprocess.run([sys.executable, "-c", _DRIVE], input=repr(ops), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return ast.literal_eval(done.stdout)


def test_handles_come_where_the_filled_table_gives_them_past_its_end():
    """Past the 131,071st registration the table's free list runs on into the handles deleted
    so far, in the order they were deleted, which is where an entry of the unfilled table
    can no longer be taken as linking to the next."""
    ops = _ops(seed=7, creates=MAX_HANDLES + 5_000, live=40)
    got = _drive(ops)
    assert got == _modelled(ops)
    assert got[MAX_HANDLES - 2] == MAX_HANDLES - 1 and got[MAX_HANDLES - 1] < MAX_HANDLES - 1  # past the end, reused


def test_the_patched_macros_give_the_filled_tables_handles_on_every_short_sequence():
    """Every sequence of up to seven registrations and deletions (of any handle, live or
    not) on tables of two to four entries: the full table, the list drained to its last
    entry, deleting the last entry and reuse after the end, which the built core reaches
    only holding 131,070 rule sets at once. Same handle or error at every step."""
    sequences = 0

    def walk(filled: FilledTable, patched: PatchedTable, depth: int) -> None:
        nonlocal sequences
        sequences += 1
        if depth == 0:
            return
        for op in ["c", *range(0, len(filled.used) + 1)]:
            a, b = filled.copy(), patched.copy()
            if op == "c":
                assert a.create() == b.create()
            else:
                assert a.delete(op) == b.delete(op)
            assert (a.first, a.last, a.used) == (b.first, b.last, b.used)
            walk(a, b, depth - 1)

    for size in (2, 3, 4):
        walk(FilledTable(size), PatchedTable(size), 7)
    assert sequences > 100_000


def test_deleting_at_once_and_in_reverse_matches_the_filled_table():
    ops = ["c", "c", "c", 0, "c", 2, 1, "c", "c", 3, "c"]
    assert _drive(ops) == _modelled(ops)


_FAULTS = """
import resource
from pathfit.engine.pipeline import durable_rules_engine as core
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
core.create_ruleset("r", '{"r": {"all": [{"m": {"t": "a"}}]}}')
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def test_the_first_registration_leaves_the_handle_table_untouched():
    """Filling the table wrote 2 MiB, 512 pages of 4 KiB (522 page faults), at the first
    registration of every process; a one-rule rule set now touches a few pages (counted in
    page faults, not time)."""
    done = subprocess.run([sys.executable, "-c", _FAULTS], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) < 128
