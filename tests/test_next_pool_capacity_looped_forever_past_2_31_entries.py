"""The eighth patch's allocateNext (build_tools/next_pool.py), compiled on its own with the
C compiler and driven with a stand-in ruleset: the least power of two entries that holds a pool
of more than 2^31 entries is no unsigned int, and the loop that found it never ended (where
durable-rules' own allocateNext wrapped its size and wrote past the block). A table that would
take the pool past the largest capacity it can have is now refused as out of memory, the pool
left as it was. And for every sequence of table lengths, the first call included, it returns
exactly what durable-rules' own allocateNext returns: the same offsets and the same zeroed
tables.

Never skipped: without a C compiler (which building the core needs anyway) the tests fail."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from build_tools.next_pool import ALLOCATE_NEXT_NEW, ALLOCATE_NEXT_OLD, POISON

PRELUDE = """\
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define RULES_OK 0
#define ERR_OUT_OF_MEMORY 101
typedef struct ruleset { unsigned int *nextPool; unsigned int nextOffset; } ruleset;
"""

# a pool that claims to hold `offset` entries (allocateNext never reads them), then one table
# of `length`: refused, or a hang or a crash before the fix
REFUSED = """\
static int refused(unsigned int offset, unsigned int length) {
    unsigned int table = 77;
    unsigned int *pool = malloc(sizeof(unsigned int));
    ruleset tree = {pool, offset};
    unsigned int result = allocateNext(&tree, length, &table);
    int ok = result == ERR_OUT_OF_MEMORY && tree.nextPool == pool && tree.nextOffset == offset && table == 77;
    free(pool);
    return ok;
}

int main(void) {
    unsigned int last = 0x80000000u;
    if (sizeof(size_t) < 8) {
        last = 1u << 29;
    }
    printf("%d %d %d %d\\n", refused(last - 100, 512), refused(last, 1), refused(513, 0xffffffffu),
           refused(last - 512, 513));
    return 0;
}
"""

# durable-rules' allocateNext beside the patched one, on the same random sequences of lengths:
# short ones, where the pool holds exactly what is stored, and long ones, past PATHFIT_NEXT_EXACT,
# where it doubles (its block then at least as large as what is stored, as glibc reports it)
SAME = """\
#include <malloc.h>
static int trials(int count, int most, const unsigned int *lengths, int kinds) {
    for (int trial = 0; trial < count; ++trial) {
        ruleset a = {NULL, 0}, b = {NULL, 0};
        int calls = rand() % most;
        for (int call = 0; call < calls; ++call) {
            unsigned int length = lengths[rand() % kinds], oa = 77, ob = 77;
            unsigned int ra = allocateNextOld(&a, length, &oa), rb = allocateNext(&b, length, &ob);
            if (ra != rb || oa != ob || a.nextOffset != b.nextOffset ||
                memcmp(a.nextPool, b.nextPool, a.nextOffset * sizeof(unsigned int)) != 0 ||
                malloc_usable_size(b.nextPool) < b.nextOffset * sizeof(unsigned int)) {
                printf("differs at trial %d call %d\\n", trial, call);
                return 1;
            }
            unsigned int mark = (unsigned int)rand();
            for (unsigned int entry = oa; entry < oa + length; ++entry) {
                a.nextPool[entry] = b.nextPool[entry] = (entry * 2654435761u + mark) | 1;
            }
        }
        free(a.nextPool);
        free(b.nextPool);
    }
    return 0;
}

int main(void) {
    static const unsigned int short_ones[] = {512, 128, 256, 0, 1, 2, 7, 1000};
    static const unsigned int long_ones[] = {512, 1, 0, 65536, 100003, 7};
    srand(7);
    if (trials(2000, 40, short_ones, 8) || trials(60, 40, long_ones, 6)) {
        return 1;
    }
    printf("same\\n");
    return 0;
}
"""


def _run(tmp_path, source: str, *flags: str) -> str:
    compiler = shutil.which("gcc") or shutil.which("cc")
    if compiler is None:
        pytest.fail("these tests need a C compiler, as building the core does: apt-get install -y gcc")
    (tmp_path / "rete.h").write_text("")
    (tmp_path / "next.c").write_text(POISON + PRELUDE + ALLOCATE_NEXT_NEW + source)
    subprocess.run([compiler, "-std=c99", "-O1", "-Wall", "-Werror", *flags, "-o", str(tmp_path / "next"),
                    str(tmp_path / "next.c")], check=True, cwd=tmp_path)
    return subprocess.run([str(tmp_path / "next")], capture_output=True, text=True, timeout=20,
                          check=True).stdout


def test_a_table_past_the_largest_capacity_is_refused_and_the_pool_left_as_it_was(tmp_path):
    assert _run(tmp_path, REFUSED, "-Wno-unused-function") == "1 1 1 1\n"


def test_every_sequence_of_tables_gets_the_offsets_and_zeroed_tables_durable_rules_gave(tmp_path):
    old = ALLOCATE_NEXT_OLD.replace("static unsigned int allocateNext(", "static unsigned int allocateNextOld(")
    assert _run(tmp_path, old + SAME) == "same\n"
