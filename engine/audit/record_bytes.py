"""Canonical JSON, and a record's canonical bytes put together from its parts' canonical bytes.

Canonical JSON (`canonical`: sorted keys, no whitespace, UTF-8, no NaN) is what every digest in
a record and in the audit log is taken over (engine.audit.record). It sorts every object's keys,
so an object's bytes are its members' in key order, joined: a record can be serialised part by
part, each part once, and
what every record of a rule set holds alike (each rule's reason and citations, the schema,
the versions) once per rule set. An audited batch row then serialises its full trace once,
not once for its record_digest and again for its log line (tests/test_audit_record_line.py
holds the result to one json.dumps of the whole record).
"""
from __future__ import annotations

import bisect
import hashlib
import json
import os
from json.encoder import c_make_encoder, encode_basestring

try:  # see canonical_finite
    import orjson as _orjson
except ImportError:  # pragma: no cover - a dependency; json alone gives the same bytes
    _orjson = None
from typing import Iterable, Iterator, NamedTuple

from .masking import sensitive_domains
from .. import __version__


def canonical(value) -> bytes:
    """The one serialisation every digest is taken over."""
    return "".join(_ENCODE(value, 0)).encode("utf-8")


# what json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
# builds on every call, built once: a record's small parts cost a microsecond each, not three.
# Without the check for circular references, which json.dumps makes by noting every list and
# dict it enters (14% of serialising a decision): the same bytes for every value without a
# cycle, and a record is a tree built from JSON-like values, which has none (a cycle would end
# in RecursionError rather than ValueError).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False,
                              check_circular=False)
if c_make_encoder is not None:
    # the encoder JSONEncoder.encode makes on every call (json.encoder.JSONEncoder.iterencode, the
    # same arguments), made once: each call through encode costs 1.4 us more, seven calls a record
    _ENCODE = c_make_encoder(None, _CANONICAL.default, encode_basestring, None, ":", ",", True, False, False)
else:  # a Python without json's C accelerator
    def _ENCODE(value, _level: int) -> tuple:
        return (_CANONICAL.encode(value),)


def canonical_finite(value) -> bytes:
    """canonical(value) for a value whose floats are all finite: a decision, whose facts were
    checked finite (PF404), whose rule numbers were (PF203) and whose figures are rounded from
    exact fractions. Written by orjson, about five times faster than json on a decision, where
    orjson writes the same bytes: it sorts keys as json does (by code point), escapes text as
    json does without ensure_ascii, and writes a float json's way except below 1e-4, where its
    exponent has no leading zero (1e-7, not 1e-07) or it writes no exponent (0.00001). So a
    result holding such a number (`_small_number`), and any value orjson refuses (an integer
    over 64 bits, a key that is not text, a type it does not know), is serialised by json
    instead. What orjson would not refuse is a float that is not finite, which it writes as
    null where json raises: hence only for values that cannot hold one."""
    if _orjson is not None:
        try:
            out = _orjson.dumps(value, option=_orjson.OPT_SORT_KEYS)
        except TypeError:  # orjson.JSONEncodeError
            return canonical(value)
        if not _small_number(out):
            return out
    return canonical(value)


def indented(value) -> str:
    """json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) for a value whose floats
    are all finite (canonical_finite's condition): a record read from a log, strictly, or a
    replay's result. `audit show --format json` writes every record of a log so, and json's
    indenting writer is its pure-Python one, about twenty times slower than orjson, which writes
    these same bytes with the same exceptions as canonical_finite, sent to json the same way.
    Not program_json.json_for_programs, which shows each value written alike by writing its
    compact form with both (any value, NaN included): what a log holds is canonical JSON, which
    has no NaN, so canonical_finite's scan is proof enough, at a fifth of the cost (2,000 sealed
    records: 0.16 s of CPU against 0.86 s)."""
    if _orjson is not None:
        try:
            out = _orjson.dumps(value, option=_orjson.OPT_SORT_KEYS | _orjson.OPT_INDENT_2 | _PASS)
        except TypeError:  # orjson.JSONEncodeError: a type it passes through or refuses
            out = b""
        if out and not _small_number(out, _BEFORE_AN_INDENTED_NUMBER):
            return out.decode("utf-8")
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


_PASS = 0 if _orjson is None else (  # json's own way with these (its error, an int subclass's repr)
    _orjson.OPT_PASSTHROUGH_DATACLASS | _orjson.OPT_PASSTHROUGH_DATETIME | _orjson.OPT_PASSTHROUGH_SUBCLASS)
_DIGITS = frozenset(b"0123456789.")
_BEFORE_A_NUMBER = frozenset(b":,[")  # what a number (or its sign) follows in orjson's bytes: a key, an item
_BEFORE_AN_INDENTED_NUMBER = frozenset(b": \n[")  # indented: ": ", or an item's indent


def _small_number(out: bytes, before: frozenset = _BEFORE_A_NUMBER) -> bool:
    """Whether orjson's `out` may hold a number below 1e-4 written otherwise than json writes
    it: an exponent "e-" after the digits of a number and its sign, if any (what precedes them
    is where a number starts, or nothing), or "0.0000". Looked for as numbers, not as any "e-": text such as a
    knowledge-base anchor (`choose-coaching`) or an id holds "e-" in most records, and was
    sent to json, five times slower, for nothing. Text that reads like a number (`"x:1e-5"`)
    is sent to json too: slower, never other bytes. Found from the hyphens, each at memchr's
    speed (`in` stops at every "e" of the text)."""
    if b"0.0000" in out:
        return True
    i = out.find(b"-", 1)
    while i != -1:
        if out[i - 1] == 0x65:  # "e"
            j = i - 2
            while j >= 0 and out[j] in _DIGITS:
                j -= 1
            if j < i - 2:  # digits before the "e"
                if j >= 0 and out[j] == 0x2D:  # "-": a sign, where a number starts (not a word's hyphen)
                    j -= 1
                if j < 0 or out[j] in before:
                    return True
        i = out.find(b"-", i + 1)
    return False


def canonical_with(value: dict, name: str, member: bytes, encode=canonical) -> bytes:
    """canonical(value), given the canonical bytes of value[name] (`member`): the members before
    `name` in key order and those after are serialised in one call each (by `encode`, canonical
    or canonical_finite), so a part serialised already (a decision's facts, which a record also
    holds and digests on their own) is not serialised again."""
    before = {k: v for k, v in value.items() if k < name}
    after = {k: v for k, v in value.items() if k > name}
    pieces = [b"{"]
    if before:
        pieces += (memoryview(encode(before))[1:-1], b",")
    pieces += (_MEMBERS.get(name) or _member(name), member)
    if after:
        pieces += (b",", memoryview(encode(after))[1:-1])
    pieces.append(b"}")
    return b"".join(pieces)


def canonical_object(parts: dict[str, bytes]) -> bytes:
    """canonical({name: value, ...}) from each value's canonical bytes: the one serialisation
    sorts keys, so an object is its members, in key order, joined (names are JSON strings)."""
    return b"{" + _members(parts, sorted(parts)) + b"}"


def sealed_bytes(parts: dict[str, bytes]) -> tuple[str, bytes]:
    """(record_digest, the record's bytes) from the canonical bytes of its other members: the
    digest over canonical_object(parts), then the same members with "record_digest" in its
    place in key order. The members before and after that place are joined once for both."""
    names = sorted(parts)
    cut = bisect.bisect(names, "record_digest")
    before, after = _members(parts, names[:cut]), _members(parts, names[cut:])
    hashed = hashlib.sha256(b"{")
    for piece in (before, b"," if before and after else b"", after, b"}"):
        hashed.update(piece)
    digest = hashed.hexdigest()
    member = b'"record_digest":"' + digest.encode("ascii") + b'"'
    return digest, b"".join([b"{", before, b"," if before else b"", member, b"," if after else b"", after, b"}"])


def _members(parts: dict[str, bytes], names: list) -> bytes:
    """`"name":value` for each of `names`, comma-separated, from the values' canonical bytes."""
    pieces: list = []
    for name in names:
        pieces += (b",", _MEMBERS.get(name) or _member(name), parts[name])
    return b"".join(pieces[1:])


_MEMBERS: dict[str, bytes] = {}  # name -> canonical(name) + b":", for the few names records have


def _member(name: str) -> bytes:
    _MEMBERS[name] = canonical(name) + b":"
    return _MEMBERS[name]


class RuleSetParts(NamedTuple):
    """What every record of one rule set holds alike, with its canonical bytes."""

    ruleset: object  # the RuleSet these were made from (kept, so the identity test below stays sound)
    domains: dict  # sensitive_domains
    domains_json: bytes
    versions: dict
    versions_json: bytes
    schema: dict
    schema_json: bytes
    rules: dict  # rule id -> (its entry in a record's `rules`, canonical(id) + b":" + canonical(entry))
    identity: dict  # ruleset_identity(ruleset)
    identity_json: bytes


_HELD: list = [None]  # the last rule set's RuleSetParts: a batch seals thousands of records of one rule set


def rule_set_parts(rs) -> RuleSetParts:
    """What records of `rs` share, built once for the last rule set asked about."""
    held = _HELD[0]
    if held is not None and held.ruleset is rs:
        return held
    from ..pipeline.durable_adapter import DURABLE_VERSION

    versions = {"pathfit": __version__, "durable_rules": DURABLE_VERSION}
    schema = {"inputs": sorted(f.name for f in rs.inputs),
              "derived": sorted(n for n, f in rs.facts.items() if f.kind == "derived")}
    entries = fired_rules(rs, [r.id for r in rs.rules])
    identity = ruleset_identity(rs)
    domains = sensitive_domains(rs)
    held = RuleSetParts(rs, domains, canonical(domains), versions, canonical(versions), schema, canonical(schema),
                        {r: (e, canonical(r) + b":" + canonical(e)) for r, e in entries.items()}, identity,
                        canonical(identity))
    _HELD[0] = held
    return held


def ruleset_identity(rs) -> dict:
    """Name, meaning digest and one digest per file, so replay can say which files moved.
    The knowledge base's digest is of the bytes the rule set was loaded from
    (`RuleSet.kb_sha256`), not of the file as it is when a record is made: a batch
    that runs while someone edits the knowledge base still names the one its
    decisions cite. `language`, only where the rule set declares one (schema.yaml), so that a
    report made from the record alone marks the author's text as the rule set did: the rule
    set's, never the person's, so it stays in a sealed record's clear part."""
    identity = {"name": rs.name, "digest": rs.digest, "files": {name: d for name, d in rs.files},
                "knowledge_base": rs.kb_sha256}
    if rs.language:
        identity["language"] = rs.language
    return identity


def rules_json(parts: RuleSetParts, fired: list) -> bytes:
    """canonical({rule id: entry}) of the rules `fired` (sorted, each once)."""
    return b"{" + b",".join(parts.rules[r][1] for r in fired) + b"}"


def fired_rules(rs, fired) -> dict:
    """Reason, citations (anchor and heading) and source of every rule that fired."""
    by_id = {r.id: r for r in rs.rules}
    out = {}
    for rule_id in fired:
        rule = by_id[rule_id]
        out[rule_id] = {"reason": rule.reason, "file": os.path.basename(rule.file) if rule.file else "",
                        "line": rule.pos.line,
                        "cites": [{"anchor": a, "title": rs.sections.get(a, "")} for a in rule.cites]}
    return out


def json_array(values: Iterable) -> Iterator[tuple[str, bool]]:
    """The text of `json.dumps(list(values), indent=2, sort_keys=True, ensure_ascii=False)`, in
    pieces of one value each (-> (piece, whether it is the last)): a year's log shown whole is
    gigabytes of JSON, written as it is made (values with finite floats only: record_bytes.indented).
    A JSON text holds no raw newline, so each value's lines are indented for the array by them."""
    first = True
    for value in values:
        text = indented(value).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + text, False
        first = False
    yield ("[]" if first else "\n]"), True
