"""The eighth patch to durable-rules' C core: the ruleset's pool of next-node tables grows by
doubling past 1 MiB, and, under AddressSanitizer, what a pool holds beyond what is stored is poisoned.

Registering a ruleset gives each alpha node tables of offsets to the nodes after it (a hash set,
a list, a list of beta nodes) from one pool, `nextPool`, which rete.c's `allocateNext` grew by
exactly the table's length on every call: a `realloc` per table, each of which could move the
whole pool. glibc mostly grows a large block in place, so a normal build paid little for it; a
build with AddressSanitizer, whose `realloc` always allocates a new block, copies the old one
and maps fresh pages, paid for each move: the capacity test, registering 8,191 trivial rules and
then 8,192, took 76 s under the sanitizer, most of it the kernel's, page faults on the copies (3.6 s
with the pool doubled). Now, past 1 MiB (PATHFIT_NEXT_EXACT entries), the pool's capacity is
the least power of two entries that holds the entries stored (`nextOffset`, which only
`allocateNext` changes, one table at a time): the same tables at the same offsets, zeroed as
before, in a logarithmic number of moves. Up to 1 MiB it grows as durable-rules grew it, one
table a `realloc`: doubled from the first table, the bundled rules' pool, which passes 128 KiB,
was copied where glibc had grown it in place, 0.56 M instructions more of `memcpy` on every
start that registers them (counted with callgrind; the start-up target leaves little room). A failed `realloc` leaves the
pool as it was (the old code lost it) and still reports ERR_OUT_OF_MEMORY; so does a table that
would take the pool past 2^31 entries (8 GiB; 2^29 where size_t has 32 bits), the largest
power of two an unsigned int holds (the old code grew the pool on to 2^32 entries, where its
size wrapped round and it wrote past the block).

Nothing reads beyond `nextOffset` but the core's own off-by-one: a full list is read one entry
past its end (a beta list of 256 nodes: events.c's `handleAlpha` reads it so, and segfaults;
`linkAlpha`, linking a 257th, reads it and writes there if it reads 0): the next table's first
entry, or after the last table the spare capacity; pathfit refuses a base that would fill a beta
list (PF302, capacity.py) and writes no condition (`$nex`, `$iall`, `$iany`) that makes the others.

Spare capacity would hide from the sanitizer a read or write past the last table, which a block
sized exactly to the tables would show. So, built with the sanitizer (`__SANITIZE_ADDRESS__`,
gcc's; clang's `address_sanitizer` feature), the entries past the last table are poisoned, and
each table is unpoisoned as it is handed out; the same for the node pool's capacity, which the
third patch doubles (`NODE_POOL_NEW` in durable_core.py). Without the sanitizer the two macros
are nothing.
"""
from __future__ import annotations

POISON = (
    '#include "rete.h"\n'
    "/* pathfit: under AddressSanitizer, a pool's capacity beyond what it stores is poisoned */\n"
    "#if defined(__SANITIZE_ADDRESS__)\n"
    "#define PATHFIT_ASAN 1\n"
    "#elif defined(__has_feature)\n"
    "#if __has_feature(address_sanitizer)\n"
    "#define PATHFIT_ASAN 1\n"
    "#endif\n"
    "#endif\n"
    "#ifdef PATHFIT_ASAN\n"
    "#include <sanitizer/asan_interface.h>\n"
    "#define PATHFIT_POISON(start, size) ASAN_POISON_MEMORY_REGION((start), (size))\n"
    "#define PATHFIT_UNPOISON(start, size) ASAN_UNPOISON_MEMORY_REGION((start), (size))\n"
    "#else\n"
    "#define PATHFIT_POISON(start, size) ((void)0)\n"
    "#define PATHFIT_UNPOISON(start, size) ((void)0)\n"
    "#endif\n"
)

ALLOCATE_NEXT_OLD = """\
static unsigned int allocateNext(ruleset *tree, 
                                 unsigned int length, 
                                 unsigned int *offset) {

    if (!tree->nextPool) {
        tree->nextPool = malloc((length + 1) * sizeof(unsigned int));
        if (!tree->nextPool) {
            return ERR_OUT_OF_MEMORY;
        }

        memset(tree->nextPool, 0, (length + 1) * sizeof(unsigned int));
        *offset = 1;
        tree->nextOffset = length + 1;
    } else {
        tree->nextPool = realloc(tree->nextPool, (tree->nextOffset + length) * sizeof(unsigned int));
        if (!tree->nextPool) {
            return ERR_OUT_OF_MEMORY;
        }

        memset(&tree->nextPool[tree->nextOffset], 0, length * sizeof(unsigned int));
        *offset = tree->nextOffset;
        tree->nextOffset = tree->nextOffset + length;
    }

    return RULES_OK;
}
"""

ALLOCATE_NEXT_NEW = """\
/* pathfit: the largest capacity the next pool may have, a power of two entries that is an
   unsigned int and whose bytes are a size_t (2^31 entries, 8 GiB, where size_t has 64 bits) */
#define PATHFIT_NEXT_LIMIT (((size_t)-1) / sizeof(unsigned int) / 2 + 1 < 0x80000000u ? \\
    (unsigned int)(((size_t)-1) / sizeof(unsigned int) / 2 + 1) : 0x80000000u)

/* pathfit: up to this many entries (1 MiB) the next pool holds exactly what is stored, as
   durable-rules grew it; past it, it doubles */
#define PATHFIT_NEXT_EXACT 262144u

/* pathfit: the next pool's capacity: `stored` itself up to PATHFIT_NEXT_EXACT, past it the
   least power of two entries that holds `stored` (at most PATHFIT_NEXT_LIMIT, which
   allocateNext keeps it to) */
static unsigned int pathfitNextCapacity(unsigned int stored) {
    if (stored <= PATHFIT_NEXT_EXACT) {
        return stored;
    }

    unsigned int capacity = PATHFIT_NEXT_EXACT;
    while (capacity < stored) {
        capacity <<= 1;
    }
    return capacity;
}

/* pathfit: past PATHFIT_NEXT_EXACT entries the pool doubles instead of growing by each table
   (entry 0 stays unused: offset 0 means no table); it always holds
   pathfitNextCapacity(nextOffset) entries */
static unsigned int allocateNext(ruleset *tree, 
                                 unsigned int length, 
                                 unsigned int *offset) {
    unsigned int start = tree->nextPool ? tree->nextOffset : 0;
    unsigned int first = tree->nextPool ? start : 1;
    if (length > PATHFIT_NEXT_LIMIT - first) {
        return ERR_OUT_OF_MEMORY;
    }

    unsigned int end = first + length;
    if (!tree->nextPool || end > pathfitNextCapacity(start)) {
        unsigned int *pool = realloc(tree->nextPool, pathfitNextCapacity(end) * sizeof(unsigned int));
        if (!pool) {
            return ERR_OUT_OF_MEMORY;
        }

        tree->nextPool = pool;
        PATHFIT_POISON(&pool[end], (pathfitNextCapacity(end) - end) * sizeof(unsigned int));
    }

    PATHFIT_UNPOISON(&tree->nextPool[start], (end - start) * sizeof(unsigned int));
    memset(&tree->nextPool[start], 0, (end - start) * sizeof(unsigned int));
    *offset = start ? start : 1;
    tree->nextOffset = end;
    return RULES_OK;
}
"""

NEXT_POOL = (
    ("src/rules/rete.c", '#include "rete.h"\n', POISON),
    ("src/rules/rete.c", ALLOCATE_NEXT_OLD, ALLOCATE_NEXT_NEW),
)
