"""What a sealed record's box holds of its clear part, and the check that the two agree.

Why: a box that held only the sealed facts, decision, outcome and rules left the rest of
the clear part unbound. Whoever could rewrite a log, with no key at all, could change a
record's timestamp, operator, versions or batch source, or add `settled: true` to a
provisional decision's clear part, reseal its digests, re-chain the log, and `audit verify`
with the audit key still opened every seal. So a sealed record of version 3 puts in its box,
beside the whole decision, what its clear part says: every member by value, except the four
that masking replaces (`facts`, `decision`, `outcome`, `rules`, which the box holds whole)
and the rule set's `schema`, which go in by SHA-256 of their canonical bytes (the clear
decision is as long as the trace, and the schema is the same for every record of a rule
set: their digests check them as exactly, in a box a few hundred bytes longer).
`masking` goes in without its `nonce` and `box`, which the box cannot hold; `record_digest`
is taken over the box.

With the key, every clear member is then checked against the box: a member added, removed
or changed is named by its path. Version 2 boxes hold none of this; what is not checked
for them is said by `LEGACY_UNCHECKED` (engine.audit.seal_check prints it).
"""
from __future__ import annotations

import hashlib

from .record_bytes import canonical, canonical_object

SEALED_VERSIONS = (2, 3)  # record versions with a sealed box; 2: written before the box held the clear part
CLEAR = "clear"  # box member: the clear part's other members, by value
CLEAR_SHA256 = "clear_sha256"  # box member: {member: SHA-256 of its canonical bytes} for BY_DIGEST
BY_DIGEST = ("decision", "outcome", "rules", "schema")
_NOT_BOUND = frozenset(("record_digest", "facts", *BY_DIGEST))  # facts: bound by facts_digest, held by value
_NOT_IN_BOX = ("nonce", "box")
# what a version 2 box cannot vouch for (its id and rule-set digest are bound as associated data;
# its clear facts, outcome, rules and decision are checked against the whole, as far as they go)
# A sealed subject has a box of its own (bound to the id), which is checked; a subject kept in clear is not.
LEGACY_UNCHECKED = ("timestamp", "versions", "operator", "source", "a subject in clear and whether one is present",
                    "schema", "ruleset other than its digest", "masking.facts", "decision.sealed and what the "
                    "clear decision leaves out")


def clear_members(record: dict) -> dict:
    """The members of a record's clear part a version 3 box holds by value."""
    out = {k: v for k, v in record.items() if k not in _NOT_BOUND}
    if isinstance(out.get("masking"), dict):
        out["masking"] = {k: v for k, v in out["masking"].items() if k not in _NOT_IN_BOX}
    return out


def clear_members_json(serialised: dict[str, bytes]) -> bytes:
    """canonical(clear_members(record)) from the canonical bytes of the record's members (its
    `masking` without nonce and box), which its writer has serialised already: a batch seals
    thousands of records, and each member is serialised once."""
    return canonical_object({k: v for k, v in serialised.items() if k not in _NOT_BOUND})


def clear_digests(serialised: dict[str, bytes]) -> dict:
    """{member: SHA-256 hex} for BY_DIGEST, from each member's canonical bytes, which the
    record's writer has serialised already (engine.audit.record.build_record_line)."""
    return {name: hashlib.sha256(serialised[name]).hexdigest() for name in BY_DIGEST}


def clear_disagreement(record: dict, parts: dict) -> str:
    """The path of the first clear member that is not what the box says was written, or ''."""
    held, actual = parts[CLEAR], clear_members(record)
    if not isinstance(held, dict) or not isinstance(parts[CLEAR_SHA256], dict):
        return CLEAR
    for name in sorted(set(held) | set(actual), key=lambda n: (n != "record_version", n)):  # what the rest means
        where = _first_difference(actual.get(name, _ABSENT), held.get(name, _ABSENT), name)
        if where:
            return where
    digests = parts[CLEAR_SHA256]
    for name in sorted(set(BY_DIGEST) | set(digests)):
        if name not in record or hashlib.sha256(canonical(record[name])).hexdigest() != digests.get(name):
            return name
    return ""


_ABSENT = object()


def _first_difference(a, b, path: str) -> str:
    """The first path at which `a` and `b` differ (a key present in one only counts), or ''."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            where = _first_difference(a.get(k, _ABSENT), b.get(k, _ABSENT), f"{path}.{k}")
            if where:
                return where
        return ""
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            where = _first_difference(x, y, f"{path}[{i}]")
            if where:
                return where
        return ""
    same = a is b or (a is not _ABSENT and b is not _ABSENT and type(a) is type(b) and a == b)
    return "" if same else path
