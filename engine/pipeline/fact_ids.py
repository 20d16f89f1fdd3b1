"""Every fact pathfit asserts carries an explicit id, and no two ids a rule set
can produce may collide under durable-rules' message hash.

Why: durable-rules' C core keeps a session's stored facts in an index keyed by
a 32-bit FNV-1 hash of the fact's id string (state.c `storeMessage`, compared
by hash alone), and refuses a fact whose hash is already there as "already
observed" (code 2). A fact without an `id` gets one the core computes from all
of its properties, the session id included, so with no ids of our own whether a
session lost a fact depended on its session number, rarely but without a
word (the batch call hid the code: durable_adapter.py). Here ids come from the fact's place in the rule set (its
kind, the fact's index in the schema, the member's index, the rule's index),
so they are the same in every session, distinct by construction, and their
hashes are checked once, at compile time (PF305).

The core also stores one fact of its own per session, its state message, with
id `sid-<session id>`; the adapter chooses session ids whose state message
cannot collide with any id here (durable_adapter.DurableRuleset).

Ids are ASCII letters, digits and dots, so the C core's `char` signedness
(which differs between platforms for bytes above 127) never matters.
"""
from __future__ import annotations

from ..errors import Collector, Pos
from .model import RuleSet

SENTINEL_ID = "s"  # the adapter's sentinel fact (durable_adapter.py)
STATE_ID_PREFIX = "sid-"  # the C core's own per-session state message: "sid-" + session id

_FNV_OFFSET = 0x811C9DC5
_FNV_PRIME = 16777619


def message_hash(mid: str) -> int:
    """FNV-1, 32 bits, over the id's bytes: what the C core indexes a stored fact by."""
    h = _FNV_OFFSET
    for byte in mid.encode("ascii"):
        h = ((h ^ byte) * _FNV_PRIME) & 0xFFFFFFFF
    return h


def assign_ids(rs: RuleSet) -> dict:
    """Every id this rule set can assert, by fact key:
    ("i", name) input fact, ("m", name, member) set member, ("d", name) derived
    fact (asserted once, true or false), ("r", rule index) refutation."""
    ids: dict = {}
    for k, (name, fact) in enumerate(rs.facts.items()):
        if fact.kind == "derived":
            ids[("d", name)] = f"d{k}"
            continue
        ids[("i", name)] = f"i{k}"
        if fact.type == "set":
            for j, member in enumerate(fact.values):
                ids[("m", name, member)] = f"m{k}.{j}"
    for idx in range(len(rs.rules)):
        ids[("r", idx)] = f"r{idx}"
    return ids


def check_ids(rs: RuleSet, ids: dict) -> frozenset:
    """PF305, located at what each colliding id stands for, if two ids collide. What an id
    stands for is worked out only for a collision (1,200 ids at 1,000 rules, none colliding).
    Returns the ids' message hashes, the sentinel's among them: kept with the compiled rule
    set, so the adapter need not hash every id again each time it is loaded."""
    entries = [(SENTINEL_ID, None), *((mid, key) for key, mid in ids.items())]
    seen: dict[int, tuple] = {}
    out = Collector()
    for entry in entries:  # the same id twice collides too: the core keeps only the first
        first = seen.setdefault(message_hash(entry[0]), entry)
        if first is not entry:
            from ..quote import quote  # loaded for a message only: never on a decision's way

            (mid, key), (other_id, other_key) = entry, first
            what, pos = _describe(rs, key)
            other = _describe(rs, other_key)[0]
            out.add("PF305", f"{what} (id {quote(mid)}) and {other} (id {quote(other_id)}) have the same durable-rules "
                    "message hash; the core would drop one of them", pos)
    out.raise_if_errors()
    return frozenset(seen)


def _describe(rs: RuleSet, key: tuple | None) -> tuple[str, Pos]:
    from ..quote import quote  # loaded for a message only: never on a decision's way

    if key is None:
        return "the adapter's sentinel fact", Pos()
    if key[0] == "r":
        rule = rs.rules[key[1]]
        return f"the refutation of rule {quote(rule.id)}", rule.pos
    fact = rs.facts[key[1]]
    if key[0] == "m":
        return f"member {quote(key[2])} of {quote(key[1])}", fact.pos
    return f"{'derived' if key[0] == 'd' else 'input'} fact {quote(key[1])}", fact.pos
