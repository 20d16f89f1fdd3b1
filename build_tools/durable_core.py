"""Build durable-rules' C core for pathfit, from durable-rules' own sources.

Used by setup.py at build time only; nothing here is installed. The steps:
1. the pin (version and sha256) from `[tool.pathfit.durable-rules]` in pyproject.toml;
2. the source distribution, from `PATHFIT_DURABLE_SDIST`, from a local cache, or
   downloaded by name with pip (pip's own configuration applies; pip checks the
   sha256 too, before it unpacks anything);
3. its sha256 checked against the pin: anything else is refused;
4. only the C sources and the licence taken out of it, as regular files;
5. eight patches, each checked and counted before it is applied:
   `PyEval_CallObject(` (gone in Python 3.13) becomes `PyObject_CallObject(`, its
   exact equivalent since Python 3.9; the core's compile-time action limit,
   `MAX_ACTIONS` in rete.c (4,096 upstream), becomes `CORE_MAX_ACTIONS` from
   engine/pipeline/capacity.py, the one place that value is written; and the
   ruleset's node pool, which rete.c's `storeNode` grew by one node (about 1.8 KiB)
   per `realloc`, doubles its capacity instead (NODE_POOL_OLD below); and the search
   for the next action starts where no earlier action can have a result (NEXT_ACTION
   below), instead of at the first of every durable rule; and a rule's result, deleted
   once its action has run, no longer claims to be running, nor is a running one's list
   of facts read past its end (STALE_RESULT below); and the table of rule-set handles is
   no longer filled in before the first rule set is registered (HANDLES below); and a
   number with a fraction is read with a decimal point whatever the process's locale
   (build_tools/decimal_point.py); and the pool of next-node tables, grown by each
   table, doubles its capacity too, and under AddressSanitizer the capacity of both pools
   beyond what they store is poisoned (build_tools/next_pool.py).
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

from .decimal_point import DECIMAL_POINT
from .next_pool import NEXT_POOL

ENV_SDIST = "PATHFIT_DURABLE_SDIST"
# C sources compiled into the extension, relative to the source distribution's root
CORE_SOURCES = ("src/rules/json.c", "src/rules/rete.c", "src/rules/state.c",
                "src/rules/events.c", "src/rules/regex.c")
BINDING_SOURCE = "src/rulespy/rules.c"
INCLUDE_DIR = "src/rules"
LICENSE = "LICENSE"
PATCH_OLD, PATCH_NEW, PATCH_COUNT = "PyEval_CallObject(", "PyObject_CallObject(", 5
ACTIONS_SOURCE = "src/rules/rete.c"
ACTIONS_OLD = "#define MAX_ACTIONS 4096\n"
CAPACITY_MODULE = "engine/pipeline/capacity.py"  # holds CORE_MAX_ACTIONS, read without importing
# Registering a ruleset stores one node per alpha test, binding and rule: 8,300 at 1,000 pathfit
# rules. Grown one node per realloc, the pool (15 MiB there) moved or was remapped thousands of
# times: 90-100 ms of CPU time per registration, against 13 ms with the capacity doubled when
# the count reaches a power of two. `nodeOffset` is the count of nodes stored; only storeNode
# changes it, one at a time, and nothing reads the pool beyond it, so the pool always holds
# the next power of two nodes: the same nodes at the same offsets, in fewer, larger moves.
NODE_POOL_SOURCE = "src/rules/rete.c"
NODE_POOL_OLD = "        tree->nodePool = realloc(tree->nodePool, (tree->nodeOffset + 1) * sizeof(node));\n"
# Under AddressSanitizer the nodes not yet stored are poisoned (build_tools/next_pool.py).
NODE_POOL_NEW = ("        if ((tree->nodeOffset & (tree->nodeOffset - 1)) == 0) {  /* pathfit: capacity doubles */\n"
                 "            tree->nodePool = realloc(tree->nodePool, 2 * tree->nodeOffset * sizeof(node));\n"
                 "            if (tree->nodePool) {\n"
                 "                PATHFIT_POISON(&tree->nodePool[tree->nodeOffset], tree->nodeOffset * sizeof(node));\n"
                 "            }\n"
                 "        }\n"
                 "        if (tree->nodePool) {\n"
                 "            PATHFIT_UNPOISON(&tree->nodePool[tree->nodeOffset], sizeof(node));\n"
                 "        }\n")

# The action loop asks for the next action after every action, and `getNextResultInState`
# looked through every durable rule's results from the first: 2,298 durable rules times
# 586 actions per person at 1,000 pathfit rules, 13% of the core's time. A state now keeps
# `firstPending`, an index below which no durable rule has a result: a scan moves it up past
# the rules it finds without one, and a new result (`createActionFrame`, the one place a
# rule's results grow) moves it down to that rule. The scan still returns the first rule
# with a result, so actions come in exactly the order they did.
NEXT_ACTION = (
    ("src/rules/state.h", "    actionStateNode *actionState; \n",
     "    actionStateNode *actionState; \n"
     "    unsigned int firstPending;  /* pathfit: no action before this index has a result */\n"),
    ("src/rules/state.c", "    node->lockExpireTime = 0;\n",
     "    node->lockExpireTime = 0;\n    node->firstPending = 0;  /* pathfit */\n"),
    ("src/rules/state.c", "    actionStateNode *actionNode = &state->actionState[reteNode->value.c.index];\n",
     "    actionStateNode *actionNode = &state->actionState[reteNode->value.c.index];\n"
     "    if (reteNode->value.c.index < state->firstPending) {  /* pathfit: a result before the mark */\n"
     "        state->firstPending = reteNode->value.c.index;\n"
     "    }\n"),
    ("src/rules/state.c", "        for (unsigned int index = 0; index < rulesetTree->actionCount; ++index) {\n",
     "        for (unsigned int index = state->firstPending; index < rulesetTree->actionCount;\n"
     "             state->firstPending = ++index) {  /* pathfit: from the mark, moving it up */\n"),
)

# Retracting a fact after the rule it matched has fired read, and could write, past the end
# of the rule's block of results: a heap overflow, found while looking for the cause of rare
# segmentation faults in Python's garbage collector during the tests (a likely cause of them,
# not a proven one). When an action has run, the core deletes its result
# (`deleteDispatchingActionFrame`) but leaves it marked as running (`isDispatching`) and leaves
# the facts it matched pointing at it. Retracting such a fact later finds the mark and takes
# the path for a result whose action is still running: `deleteMessageFromFrame`, which looks
# for the fact among the result's 16 slots until it has seen as many filled slots as the
# result counts. On a deleted result that count can no longer be reached (an earlier
# retraction emptied a slot without lowering it; slots never written read as whatever the
# block held), so the search walked on through the next results and past the block's end, and
# cleared two words wherever what it read there looked like the fact (counted on 95,000 such
# searches: reads up to 161 slots on, writes twice beyond the deleted result's slots). pathfit
# retracts every fact of a person after the run, so nearly every person with a rule that fired
# on two facts took that path. Now a deleted result is not marked running (a retraction then
# finds it deleted and passes over it, as it does every other deleted result), and the search
# stops at the 16th slot.
STALE_RESULT = (
    ("src/rules/state.c",
     "           location.frameOffset);\n    return RULES_OK;\n}\n\nunsigned int deleteActionFrame(",
     "           location.frameOffset);\n"
     "    /* pathfit: a deleted result's action is no longer running */\n"
     "    leftFrameNode *deleted = ACTION_FRAME_NODE(state, location.nodeIndex, location.frameOffset);\n"
     "    deleted->isDispatching = 0;\n"
     "    return RULES_OK;\n}\n\nunsigned int deleteActionFrame("),
    ("src/rules/state.c", "    for (int i = 0, c = 0; c < frame->messageCount; ++i) {\n",
     "    for (int i = 0, c = 0; c < frame->messageCount && i < MAX_MESSAGE_FRAMES; ++i) {  /* pathfit */\n"),
)

# Registering the first rule set of a process filled the core's table of rule-set handles, a
# static array of 131,072 entries of 16 bytes, with a free list linking every entry to the next:
# 2 MiB written, 517 more page faults and 131,071 turns of a loop, about 0.9 ms of every start
# that registers a rule set (about 1.3% of a `recommend` here), for the one or two handles a
# process takes. An entry no handle has come from is all zero (the array is static), and in the
# filled list it linked to the entry after it, but for the list's last (`lastEmptyEntry`), which
# linked to none. So the table is no longer filled, and taking a handle whose entry links to none moves
# on to the entry after it, unless that entry is the list's last. Every link a deletion writes is
# to a handle (not zero), or is the zero of the entry that becomes the list's last: handles come
# in exactly the order they came before (tests/test_core_handles.py holds the built core to the
# filled list, modelled in Python, past the 131,071st handle, where deleted ones come back, and
# the patched macros, modelled, to the filled list on every short sequence, drained lists too).
HANDLES = (
    ("src/rules/rules.h",
     "    if (!entriesInitialized) { \\\n"
     "        for (unsigned int i = 0; i < lastEmptyEntry; ++i) { \\\n"
     "            handleEntries[i].content = NULL; \\\n"
     "            handleEntries[i].nextEmptyEntry = i + 1; \\\n"
     "        } \\\n"
     "        handleEntries[lastEmptyEntry].nextEmptyEntry = 0; \\\n"
     "        entriesInitialized = 1; \\\n",
     "    if (!entriesInitialized) { /* pathfit: zero entries link to the next (CREATE_HANDLE) */ \\\n"
     "        entriesInitialized = 1; \\\n"),
    ("src/rules/rules.h",
     "    firstEmptyEntry = handleEntries[firstEmptyEntry].nextEmptyEntry; \\\n",
     "    firstEmptyEntry = handleEntries[firstEmptyEntry].nextEmptyEntry ? \\\n"
     "        handleEntries[firstEmptyEntry].nextEmptyEntry : /* pathfit: a zero entry links to the next */ \\\n"
     "        (firstEmptyEntry == lastEmptyEntry ? 0 : firstEmptyEntry + 1); \\\n"),
)


class DurableSourceError(RuntimeError):
    """The durable-rules sources could not be obtained or are not the pinned ones."""


class Pin:
    def __init__(self, version: str, sha256: str):
        if not re.fullmatch(r"\d+(\.\d+)+", version):
            raise DurableSourceError(f"durable-rules pin: {version!r} is not a plain version")
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise DurableSourceError("durable-rules pin: sha256 must be 64 lowercase hex digits")
        self.version, self.sha256 = version, sha256

    @property
    def sdist_name(self) -> str:
        return f"durable_rules-{self.version}.tar.gz"

    @property
    def root(self) -> str:
        return f"durable_rules-{self.version}"


def read_pin(pyproject: str) -> Pin:
    """The pin, from pyproject.toml; tomllib only here, as setup.py imports this before pip checks Requires-Python."""
    import tomllib

    with open(pyproject, "rb") as f:
        table = tomllib.load(f)["tool"]["pathfit"]["durable-rules"]
    return Pin(table["version"], table["sha256"])


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check(path: str, pin: Pin, origin: str) -> str:
    try:
        actual = sha256_of(path)
    except OSError as exc:  # one line saying why, never the build's traceback
        raise DurableSourceError(f"cannot read the durable-rules source distribution {path} ({origin}): "
                                 f"{exc.strerror or exc}") from None
    if actual != pin.sha256:
        raise DurableSourceError(
            f"refusing the durable-rules source distribution {path} ({origin}): its sha256 is "
            f"{actual}, but pyproject.toml pins durable-rules {pin.version} to {pin.sha256}")
    return path


def _verified_copy(path: str, pin: Pin) -> bool:
    """Whether the kept copy is the pinned archive; one that cannot be read is downloaded again."""
    try:
        return sha256_of(path) == pin.sha256
    except OSError:
        return False


def obtain_sdist(pin: Pin, cache_dir: str, log=print) -> str:
    """A verified path to the pinned source distribution."""
    override = os.environ.get(ENV_SDIST)
    if override:
        if not os.path.exists(override):
            raise DurableSourceError(f"{ENV_SDIST}={override}: no such file")
        if not os.path.isfile(override):  # a folder or a pipe: there, and not the archive
            raise DurableSourceError(f"{ENV_SDIST}={override}: not a regular file (name the .tar.gz itself)")
        log(f"durable-rules: using {override} ({ENV_SDIST})")
        return _check(override, pin, ENV_SDIST)
    cached = os.path.join(cache_dir, pin.sdist_name)
    if os.path.isfile(cached) and _verified_copy(cached, pin):
        log(f"durable-rules: using the verified copy in {cache_dir}")
        return cached
    with tempfile.TemporaryDirectory(prefix="pathfit-durable-") as tmp:
        # --hash: pip checks the archive before it unpacks it or reads its metadata
        # (which runs durable-rules' setup.py in pip's own isolated environment)
        requirement = os.path.join(tmp, "durable-rules.txt")
        with open(requirement, "w") as f:
            f.write(f"durable_rules=={pin.version} --hash=sha256:{pin.sha256}\n")
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                   "--require-hashes", "-r", requirement, "-d", tmp]
        log("durable-rules: " + " ".join(command[1:]))
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        found = os.path.join(tmp, pin.sdist_name)
        if done.returncode != 0 or not os.path.isfile(found):
            raise DurableSourceError(
                f"could not download durable-rules {pin.version}'s source distribution with pip "
                f"(exit {done.returncode}); to build offline, point {ENV_SDIST} at "
                f"{pin.sdist_name}.\n{done.stdout[-2000:]}")
        _check(found, pin, "downloaded by pip")
        os.makedirs(cache_dir, exist_ok=True)
        partial = cached + ".part"
        shutil.copyfile(found, partial)
        os.replace(partial, cached)
    return cached


def _wanted(relative: str) -> bool:
    if relative in (BINDING_SOURCE, LICENSE):
        return True
    directory, _, name = relative.rpartition("/")
    return directory == INCLUDE_DIR and re.fullmatch(r"[A-Za-z0-9_]+\.[ch]", name) is not None


def extract(sdist: str, pin: Pin, dest: str) -> str:
    """Take the C sources and LICENSE out of the verified sdist into dest; returns dest.

    Only regular files whose names are exactly the expected ones are read, and each
    is written to a path built here, never to the name the archive gives."""
    if os.path.isdir(dest):
        shutil.rmtree(dest)
    os.makedirs(os.path.join(dest, INCLUDE_DIR))
    os.makedirs(os.path.join(dest, os.path.dirname(BINDING_SOURCE)))
    prefix = pin.root + "/"
    taken: set[str] = set()
    with tarfile.open(sdist, "r:gz") as archive:
        for member in archive:
            if not member.name.startswith(prefix):
                continue
            relative = member.name[len(prefix):]
            if not _wanted(relative):
                continue
            if not member.isreg():
                raise DurableSourceError(f"{sdist}: {member.name} is not a regular file")
            if relative in taken:
                raise DurableSourceError(f"{sdist}: {member.name} appears twice")
            source = archive.extractfile(member)
            with open(os.path.join(dest, *relative.split("/")), "wb") as out:
                shutil.copyfileobj(source, out)
            taken.add(relative)
    missing = [p for p in (BINDING_SOURCE, LICENSE, *CORE_SOURCES) if p not in taken]
    if missing:
        raise DurableSourceError(f"{sdist}: missing {', '.join(missing)}")
    return dest


def read_core_max_actions(capacity_module: str) -> int:
    """`CORE_MAX_ACTIONS = N` from engine/pipeline/capacity.py, which the compiler's
    PF304 check derives its limit from: the build and the check cannot disagree."""
    with open(capacity_module, encoding="utf-8") as f:
        found = re.search(r"^CORE_MAX_ACTIONS = (\d+)\b", f.read(), re.M)
    if not found:
        raise DurableSourceError(f"{capacity_module}: no line CORE_MAX_ACTIONS = <number>")
    return int(found.group(1))


def _replace(dest: str, relative: str, old: str, new: str, count: int, what: str) -> None:
    path = os.path.join(dest, *relative.split("/"))
    with open(path, encoding="utf-8") as f:
        text = f.read()
    found = text.count(old)
    if found != count:
        raise DurableSourceError(f"{relative}: expected {count} {what} {old.strip()!r}, found {found}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new))


def patch(dest: str, max_actions: int) -> None:
    """The eight changes to durable-rules' sources (see docs/engine.md), each refused
    unless the text it replaces occurs exactly the expected number of times."""
    _replace(dest, BINDING_SOURCE, PATCH_OLD, PATCH_NEW, PATCH_COUNT, "calls of")
    _replace(dest, ACTIONS_SOURCE, ACTIONS_OLD, f"#define MAX_ACTIONS {max_actions}\n", 1, "line")
    _replace(dest, NODE_POOL_SOURCE, NODE_POOL_OLD, NODE_POOL_NEW, 1, "line")
    for relative, old, new in NEXT_ACTION + STALE_RESULT + HANDLES + NEXT_POOL:
        _replace(dest, relative, old, new, 1, "line")
    for relative, old, new, count in DECIMAL_POINT:
        _replace(dest, relative, old, new, count, "texts" if count > 1 else "text")


def prepare(pyproject: str, work_dir: str, cache_dir: str, log=print) -> tuple[Pin, str]:
    """Verified, extracted and patched sources under work_dir; returns (pin, source root)."""
    pin = read_pin(pyproject)
    max_actions = read_core_max_actions(os.path.join(os.path.dirname(pyproject), *CAPACITY_MODULE.split("/")))
    sdist = obtain_sdist(pin, cache_dir, log)
    root = extract(sdist, pin, os.path.join(work_dir, pin.root))
    patch(root, max_actions)
    return pin, root
