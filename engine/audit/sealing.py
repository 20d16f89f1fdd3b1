"""Sealing: everything in a record that depends on a sensitive fact, encrypted.

Why not masks alone: the HMAC masks of record_version 1 hid the values, but the
trace beside them did not. Anyone who knew the public rules could re-run them
over every combination of the masked yes/no facts and keep the combination
whose trace matched the record. So a sealed record (record_version 3; 2 before) keeps in
clear only what cannot depend on a sensitive fact, and puts everything else in
one AES-256-GCM box under a key derived from the audit key with HKDF (the
subject's derivation, engine.audit.subject), a random 96-bit nonce per record,
and the record's id and rule-set digest as associated data, so a box moved
into another record, or under another rule set's name, does not open.

What depends on a sensitive fact is decided statically, from the rule set's
who-reads-what and who-derives-what index (RuleSet.readers, RuleSet.derivers,
model.rule_index): the *cone* is every rule that reads a sensitive input or a
fact derived in the cone, and every fact such a rule derives. In clear stay
the outcome and referral, the non-sensitive facts, and the trace of the rules
outside the cone (without step numbers, which count the cone's firings too).
The scores and confidence are sealed when a rule of the cone can add evidence,
the contributions when one can add evidence, refer or say "not now" (each
concluding rule takes a share), the formats when one can suggest a format: decided from the rule
set, never from what fired, so whether something is sealed tells nothing.
The open questions, whether the decision is settled, whether an answer not yet given could
move its figure or its shares (`confidence_open`, `shares_open`, said only of a settled one),
the rules that met the deciding clause's `concluded` test (`concluding_rules`) and whether a
rule with evidence waits (`evidence_open`) are always sealed.

Version 3 boxes also hold the rest of the clear part, so that with the key a clear
part edited anywhere is found (engine.audit.clear_binding); version 2 boxes, written
before, are still opened and checked as far as they reach.
"""
from __future__ import annotations

import secrets
from typing import NamedTuple

from ..errors import Pos, fail
from ..quote import shown_path
from .clear_binding import CLEAR, CLEAR_SHA256, SEALED_VERSIONS, clear_disagreement
from .masking import AuditKey, Masker
from .subject import aead, key_id_altered

SCHEME = "aes-256-gcm"
SEALED_VERSION = 3  # what new sealed records are written as: the box binds the whole clear part
_PARTS_V2 = frozenset(("facts", "decision", "outcome", "rules", "masked"))
_PARTS = _PARTS_V2 | {CLEAR, CLEAR_SHA256}
_AAD = b"pathfit-record-seal-v1\0"


class Cone(NamedTuple):
    rules: frozenset  # ids of the rules whose firing can depend on a sensitive input
    facts: frozenset  # sensitive inputs and the derived facts those rules conclude
    evidence: bool  # a rule of the cone can add evidence: scores and confidence depend on it
    suggests: bool  # a rule of the cone can suggest a format
    contributes: bool  # a rule of the cone can add evidence, refer or say not now: a share of the confidence


_CONES: dict[str, Cone] = {}  # rule-set digest -> its cone
CONES_KEPT = 64  # a long-lived process sealing records of rule set after rule set keeps at most this many


def cone(rs) -> Cone:
    """The sensitive cone of a rule set (module docstring), from its rule index. Kept by the
    rule set's digest, since every record of a batch asks; at most CONES_KEPT are kept, as
    kept_with keeps what it builds per rule list, so a process that seals records under
    thousands of rule sets in turn holds a few, not every one it ever saw."""
    if rs.digest in _CONES:
        return _CONES[rs.digest]
    facts = {f.name for f in rs.inputs if f.sensitive}
    rules: set[int] = set()
    todo = list(facts)
    while todo:
        for i in rs.readers.get(todo.pop(), ()):
            if i in rules:
                continue
            rules.add(i)
            for derived in (d for d, derivers in rs.derivers.items() if i in derivers):
                if derived not in facts:
                    facts.add(derived)
                    todo.append(derived)
    chosen = [rs.rules[i] for i in sorted(rules)]
    result = Cone(frozenset(r.id for r in chosen), frozenset(facts),
                  any(r.then.evidence for r in chosen), any(r.then.suggest for r in chosen),
                  any(r.then.evidence or r.then.refer or r.then.not_now for r in chosen))
    if len(_CONES) >= CONES_KEPT:
        _CONES.clear()
    _CONES[rs.digest] = result
    return result


def withheld(c: Cone) -> list[str]:
    """The parts of `decision` a sealed record leaves out entirely (static for a rule set).
    `confidence_open` and `shares_open` with `settled`, always, whether the confidence is sealed or not: it is
    said of a settled figure (null where the decision is provisional), so it would tell whether
    the decision was settled, which a sensitive answer can change. `concluding_rules` and
    `evidence_open` always: a rule of the cone may be among them, or be the one waiting, and
    whether it is would tell what it read."""
    out = ["concluding_rules", "confidence_open", "evidence_open", "missing", "settled", "shares_open",
           "trace.firings[].step", "trace.settled[].step"]
    if c.evidence:
        out += ["confidence", "trace.scores", "trace.decision.clause", "trace.decision.confidence",
                "trace.decision.baseline"]
    if c.contributes:
        out.append("contributions")
    if c.suggests:
        out.append("formats")
    return sorted(out)


def public_decision(d: dict, c: Cone) -> dict:
    """The part of Decision.to_dict() that cannot depend on a sensitive fact: a projection that
    shares the values it keeps with `d` (it is serialised at once; build_record copies it)."""
    t = d["trace"]
    trace = {k: v for k, v in t.items() if k in ("ruleset", "engine", "trace_version")}
    trace["firings"] = [{k: v for k, v in f.items() if k != "step"} for f in t["firings"] if f["rule"] not in c.rules]
    trace["not_fired"] = [e for e in t["not_fired"] if e["rule"] not in c.rules]
    trace["settled"] = [{k: v for k, v in s.items() if k != "step"} for s in t["settled"] if s["fact"] not in c.facts]
    trace["derived"] = {k: [f for f in v if f not in c.facts] for k, v in t["derived"].items()}
    trace["unknown_inputs"] = [f for f in t["unknown_inputs"] if f not in c.facts]
    trace["decision"] = {"outcome": t["decision"]["outcome"]}
    out = {"recommendation": d["recommendation"], "referral": d["referral"], "referral_label": d["referral_label"],
           "fired": [r for r in d["fired"] if r not in c.rules],
           "facts": {k: v for k, v in d["facts"].items() if k not in c.facts},
           "trace": trace, "sealed": withheld(c)}
    if not c.evidence:
        out["confidence"] = d["confidence"]
        trace["scores"] = dict(t["scores"])
        trace["decision"] = dict(t["decision"])
    if not c.contributes:
        out["contributions"] = d["contributions"]
    if not c.suggests:
        out["formats"] = list(d["formats"])
    return out


def _aad(record_id: str, ruleset_digest: str) -> bytes:
    return _AAD + record_id.encode("utf-8") + b"\0" + ruleset_digest.encode("utf-8")


def seal_canonical(key: AuditKey, record_id: str, ruleset_digest: str, plain: bytes) -> dict:
    """{"nonce", "box"}: `plain`, the canonical JSON of the sealed parts ({"decision", "facts",
    "masked", "outcome", "rules"} and, for version 3, "clear" and "clear_sha256": see
    engine.audit.clear_binding; built by the caller from bytes it serialised anyway),
    encrypted and authenticated."""
    nonce = secrets.token_bytes(12)
    box = aead(key).encrypt(nonce, plain, _aad(record_id, ruleset_digest))
    return {"nonce": nonce.hex(), "box": box.hex()}


def is_sealed_record(record: dict) -> bool:
    return record.get("record_version") in SEALED_VERSIONS and isinstance(record.get("masking"), dict)


def open_parts(key: AuditKey | None, record: dict, pos: Pos, purpose: str) -> dict:
    """The sealed parts of `record`: PF610 without a key (saying what cannot be done
    without it), PF611 for a record sealed with another key, PF630 if the tag does not
    verify (the box, nonce, id or rule-set digest was changed since sealing)."""
    from cryptography.exceptions import InvalidTag

    m = record["masking"]
    if key is None:
        raise fail("PF610", f"record {record['id']} is sealed (sensitive facts and all that depends on them); "
                   f"{purpose} needs the audit key it was sealed with (--audit-key FILE or "
                   "PATHFIT_AUDIT_KEY_FILE)", pos)
    try:
        plain = aead(key).decrypt(bytes.fromhex(m["nonce"]), bytes.fromhex(m["box"]),
                                   _aad(record["id"], record["ruleset"]["digest"]))
    except (InvalidTag, ValueError):
        if m["key_id"] != key.key_id:
            raise fail("PF611", f"record {record['id']} was sealed with key {m['key_id']}, not {key.key_id} "
                       f"({shown_path(key.path)})", pos) from None
        raise fail("PF630", f"record {record['id']}: the sealed part does not open: its box or nonce was "
                   "altered, or it was moved from another record (the id and rule-set digest are bound to it)",
                   pos) from None
    if m["key_id"] != key.key_id:  # opened all the same: the key id was changed so that no one would try
        raise fail("PF630", key_id_altered(record["id"], "sealed part", m["key_id"], key.key_id), pos)
    from .record import loads_strict

    parts = loads_strict(plain.decode("utf-8"), pos, located=False)  # the plaintext is nowhere in the file
    if not isinstance(parts, dict) or set(parts) not in (_PARTS_V2, _PARTS):
        raise fail("PF608", f"record {record['id']}: the sealed part is not a sealed decision", pos)
    return parts


def opened(record: dict, parts: dict) -> dict:
    """The record as an auditor with the key reads it: the whole decision, every fact,
    every fired rule; `masking.masked` names the sensitive facts the person had."""
    return {**record, "facts": parts["facts"], "decision": parts["decision"], "outcome": parts["outcome"],
            "rules": parts["rules"], "masking": {**record["masking"], "masked": parts["masked"]}}


def open_record(key: AuditKey | None, record: dict, pos: Pos, purpose: str) -> dict:
    """`record` in clear for an auditor holding the key: opened if sealed (checked for
    shape like any record, PF608), as it is otherwise. Errors as open_parts."""
    if not is_sealed_record(record):
        return record
    from .record_shape import shape_problem

    parts = open_parts(key, record, pos, purpose)
    whole = opened(record, parts)
    why = shape_problem(whole, opened=True)
    if not why and whole["decision"]["facts"] != whole["facts"]:
        why = "record's sealed facts and its sealed decision's facts differ"
    if why:
        raise fail("PF608", f"record {record['id']}: sealed part: {why}", pos)
    try:
        where = disagreement(record, whole)
    except (TypeError, AttributeError, KeyError):  # a crafted clear part of another shape
        where = "decision.trace"
    if not where and CLEAR in parts:  # version 3: every clear member is checked against the box
        where = clear_disagreement(record, parts)
    elif not where and record["record_version"] != 2:  # a box of version 2 holds no clear part to check
        where = "record_version"
    if where:
        raise fail("PF630", f"record {record['id']}: its clear part disagrees with its sealed part at {where}: "
                   "the clear part was altered after sealing", pos)
    return whole


def disagreement(clear: dict, whole: dict) -> str:
    """Where the clear part of a sealed record says something its opened whole does not,
    or ''. The clear part is a projection of the whole (public_decision), so every clear
    fact, outcome field, fired rule and trace entry must be found, equal, in the whole,
    in the same order: a reader without the key must not be shown a different story.
    Every other member of the clear decision (`settled`, `missing`, ... if a forger adds
    them) must equal the whole's, and none that `sealed` says is withheld may appear.
    For a version 3 record, clear_binding then checks the clear part exactly."""
    c, w = clear["decision"], whole["decision"]
    for name in c.get("sealed", ()):
        if name in c:
            return f"decision.{name}"
    for name, value in clear["facts"].items():
        if whole["facts"].get(name, _ABSENT) != value:
            return f"facts.{name}"
    for part in ("outcome", "rules"):
        for name, value in clear[part].items():
            if whole[part].get(name, _ABSENT) != value:
                return f"{part}.{name}"
    for name in sorted(c):
        if name not in ("sealed", "fired", "trace", "facts") and c[name] != w.get(name, _ABSENT):
            return f"decision.{name}"
    steps = [{k: v for k, v in f.items() if k != "step"} for f in w["trace"]["firings"]]
    settled = [{k: v for k, v in f.items() if k != "step"} for f in w["trace"]["settled"]]
    for path, part, of in (("decision.fired", c["fired"], w["fired"]),
                           ("decision.trace.firings", c["trace"]["firings"], steps),
                           ("decision.trace.not_fired", c["trace"]["not_fired"], w["trace"]["not_fired"]),
                           ("decision.trace.settled", c["trace"]["settled"], settled),
                           ("decision.trace.unknown_inputs", c["trace"]["unknown_inputs"],
                            w["trace"]["unknown_inputs"]),
                           *((f"decision.trace.derived.{k}", v, w["trace"].get("derived", {}).get(k, []))
                             for k, v in c["trace"].get("derived", {}).items())):
        at = _not_within(part, of)
        if at is not None:
            return f"{path}[{at}]"
    for name, value in c["trace"].items():
        if name not in ("firings", "not_fired", "settled", "unknown_inputs", "derived", "decision") \
                and w["trace"].get(name, _ABSENT) != value:
            return f"decision.trace.{name}"
    for name, value in c["trace"]["decision"].items():
        if w["trace"]["decision"].get(name, _ABSENT) != value:
            return f"decision.trace.decision.{name}"
    return ""


_ABSENT = object()


def _not_within(part: list, whole: list) -> int | None:
    """The index of the first item of `part` that is not found, in order, in `whole`; None if all are."""
    it = iter(whole)
    for i, item in enumerate(part):
        if not any(item == other for other in it):
            return i
    return None


def values_hidden(whole: dict) -> dict:
    """An opened record for a page that leaves the auditor's screen (`pathfit report`):
    every rule and figure, but each place a sensitive fact's own value appears (as
    Masker.mask_decision finds them) replaced by the same constant mask, HIDDEN, so
    the page shows *masked* where version 1 records did, and the same record always
    draws the same bytes."""
    if not is_sealed_record(whole) or "sealed" in whole["decision"]:
        return whole
    masker = _Hider(b"", "", tuple(whole["masking"]["facts"]))
    decision = masker.mask_decision(whole["decision"])
    return {**whole, "decision": decision, "facts": decision["facts"]}


HIDDEN = "sealed"


class _Hider(Masker):
    """A Masker whose every mask is the constant HIDDEN: it finds the places, it derives nothing."""

    def mask(self, label: str, value) -> dict:
        return {"masked": HIDDEN}
