"""Decision records: one decision, sealed, so an auditor can later establish what
was decided, from which facts, by which version of which rules, and that the
record has not been altered since (docs/audit.md).

A record is self-contained evidence: besides the decision and its full trace it
carries the reasons and knowledge-base citations of the rules that fired, so a
report can be drawn from the record alone, years after the rules have moved on.
A person's sensitive facts, and everything that depends on them, are sealed
before anything is serialised (engine.audit.sealing; record_version 3, or 2 for
those sealed before the box held the whole clear part). Records
of version 1 masked the facts alone (engine.audit.masking); they are still read.

Canonical JSON (sorted keys, no whitespace, UTF-8, no NaN; engine.audit.record_bytes)
is what every digest in a record and in the audit log is taken over; parsing and
re-serialising a record gives the same bytes, which is what makes the digests checkable.
"""
from __future__ import annotations

import hashlib
import json
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Pos, fail
from ..pipeline.policy import met_conclusion
from ..files import check_target, write_atomic
from .json_refusal import finite_float, refuse_constant, refuse_twice
from .masking import AuditKey, plain_copy
from .record_bytes import (canonical, canonical_finite, canonical_object, canonical_with, rule_set_parts,
                           rules_json, sealed_bytes)
from .clear_binding import CLEAR, CLEAR_SHA256, clear_digests, clear_members_json
from .sealing import SCHEME as SEAL_SCHEME, SEALED_VERSION, SEALED_VERSIONS, cone, public_decision, seal_canonical
from .record_shape import duplicate_disagreement, shape_problem
from .subject import seal_subject
from ..quote import quote
from ..surrogates import LONE_SURROGATE, lone_surrogate, lone_surrogate_offset

if TYPE_CHECKING:
    from ..api import Decision
    from ..pipeline.model import RuleSet

RECORD_VERSION = 1
MAX_RECORD_BYTES = 16 * 1024 * 1024
_REQUIRED = {  # key -> type every record must have; checked on every read
    "record_version": int, "id": str, "timestamp": str, "versions": dict, "ruleset": dict,
    "masking": (dict, type(None)), "facts": dict, "facts_digest": str, "outcome": dict,
    "decision": dict, "rules": dict, "schema": dict, "record_digest": str,
}


def sha256_hex(value) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


def utc_now() -> str:
    """ISO 8601 in UTC with a Z, to the microsecond: sortable as text. As datetime.now(timezone.utc)
    .strftime("%Y-%m-%dT%H:%M:%S.%fZ") writes it, with the date and time to the second written once per
    second: an audited batch stamps every record and log entry, and datetime took about six times as long."""
    global _second
    second, micro = divmod(time.time_ns() // 1000, 1_000_000)
    held = _second  # read once: another thread may stamp a later second meanwhile
    if held[0] != second:
        held = _second = (second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second)))
    return f"{held[1]}.{micro:06d}Z"


_second: tuple = (None, "")  # the last whole second stamped, and its text


def build_record(engine, decision, key: AuditKey | None, *, record_id: str | None = None,
                 timestamp: str | None = None, source: dict | None = None, subject: str | None = None,
                 operator: str | None = None) -> dict:
    """A sealed record of `decision`. Raises PF610 when the person has a known
    sensitive fact and no audit key is configured: pathfit never writes a
    sensitive value in clear, nor behind a hash anyone could reverse.
    `source` (batch: input file name, row number, row id) ties the record to
    the row it came from; it is optional and sealed with the rest. `subject`
    and `operator` (checked text, engine.audit.subject) are kept when given:
    the subject sealed under the audit key unless the policy says `subject:
    public` (PF610 without a key), the operator in clear."""
    record, _ = build_record_line(engine, decision, key, record_id=record_id, timestamp=timestamp, source=source,
                                  subject=subject, operator=operator)
    for name in _SHARED:  # the caller owns what it is given: no part is shared with other records
        if name in record:
            record[name] = plain_copy(record[name])
    return record


def build_record_line(engine, decision, key: AuditKey | None, *, record_id: str | None = None,
                      timestamp: str | None = None, source: dict | None = None, subject: str | None = None,
                      operator: str | None = None) -> tuple[dict, bytes]:
    """(the record, exactly canonical(record)), as build_record, for a batch that writes the bytes.

    Each part is serialised once and the record's bytes are put together from the parts
    (canonical_object), so the record_digest and the line are taken over one serialisation of
    the full trace, not two, and the facts are serialised once for the record's `facts`, its
    `facts_digest` and its decision's facts (canonical_with); what is the same for every record
    of a rule set (each fired rule's reason and citations, the schema, the versions) is
    serialised once per rule set.
    Parts of the record are shared, with other records (`rules`, `schema`, `versions`, the
    masking `facts`), with the Decision (`decision`) or within the record (`facts` and
    `outcome` with the decision's): read them, never change them (build_record hands out
    copies)."""
    rs = engine.ruleset
    shared = rule_set_parts(rs)
    domains = shared.domains
    known = decision.facts  # a copy each time it is read
    known_sensitive = sorted(n for n in domains if n in known)
    body = recorded_decision(rs, decision)
    if known_sensitive and key is None:
        raise fail("PF610", f"the person's facts include sensitive ones ({', '.join(known_sensitive)}); "
                   "set PATHFIT_AUDIT_KEY_FILE to an audit key (create one with "
                   "`pathfit audit keygen FILE`) so they can be sealed", Pos("PATHFIT_AUDIT_KEY_FILE"))
    record_id = record_id or str(uuid.uuid4())
    identity = shared.identity
    sealed_subject = subject
    if subject is not None and rs.policy.subject != "public":
        if key is None:
            raise fail("PF610", "the decision names its subject, which the policy keeps sensitive; set "
                       "PATHFIT_AUDIT_KEY_FILE to an audit key (create one with `pathfit audit keygen FILE`) so it "
                       "can be sealed, or write `subject: public` in policy.yaml", Pos("PATHFIT_AUDIT_KEY_FILE"))
        sealed_subject = seal_subject(key, record_id, identity["digest"], subject)
    outcome = {k: body[k] for k in ("recommendation", "referral", "confidence", "formats")}
    rules = {r: shared.rules[r][0] for r in decision.fired}  # in firing order, as fired_rules gives them
    fired = sorted(rules)
    plain = None  # the sealed parts' canonical bytes, when the person had a known sensitive fact
    if known_sensitive:  # sealed: the clear part is what cannot depend on a sensitive fact (engine.audit.sealing)
        c = cone(rs)
        whole_facts = canonical_finite(body["facts"])
        plain = {"decision": canonical_with(body, "facts", whole_facts, canonical_finite), "facts": whole_facts,
                 "masked": canonical(known_sensitive), "outcome": canonical(outcome),
                 "rules": rules_json(shared, fired)}
        body = public_decision(body, c)
        outcome = {k: body[k] for k in ("recommendation", "referral", "confidence", "formats") if k in body}
        fired = [r for r in fired if r not in c.rules]
        rules = {r: v for r, v in rules.items() if r not in c.rules}
    facts_json = canonical_finite(body["facts"])  # a decision's floats are finite: see canonical_finite
    facts_digest = hashlib.sha256(facts_json).hexdigest()
    timestamp = timestamp or utc_now()
    masking = None if plain is None else {"scheme": SEAL_SCHEME, "key_id": key.key_id, "facts": domains}
    record = {
        "record_version": SEALED_VERSION if masking else RECORD_VERSION,
        "id": record_id,
        "timestamp": timestamp,
        "versions": shared.versions,
        "ruleset": identity,
        "masking": masking,
        "facts": body["facts"],
        "facts_digest": facts_digest,
        "outcome": outcome,
        "decision": body,
        "rules": rules,
        "schema": shared.schema,
    }
    parts = {"record_version": str(record["record_version"]).encode("ascii"), "id": canonical(record_id),
             "timestamp": canonical(timestamp),
             "facts_digest": b'"' + facts_digest.encode("ascii") + b'"',
             "outcome": canonical_finite(outcome),  # the outcome's confidence is the decision's: finite
             "decision": canonical_with(body, "facts", facts_json, canonical_finite),
             "facts": facts_json, "versions": shared.versions_json, "rules": rules_json(shared, fired),
             "schema": shared.schema_json, "ruleset": shared.identity_json}
    for name, value in (("source", source), ("subject", sealed_subject if subject is not None else None),
                        ("operator", operator)):
        if value is not None:
            record[name] = value
            parts[name] = canonical(value)
    if plain is not None:  # the box holds the whole decision and what the clear part says (clear_binding)
        seal_parts = {"facts": shared.domains_json, "key_id": canonical(key.key_id), "scheme": canonical(SEAL_SCHEME)}
        parts["masking"] = canonical_object(seal_parts)  # as clear_members gives it: no nonce or box yet
        plain[CLEAR] = clear_members_json(parts)
        plain[CLEAR_SHA256] = canonical(clear_digests(parts))
        box = seal_canonical(key, record_id, identity["digest"], canonical_object(plain))
        masking.update(box)
        hexes = {k: b'"' + v.encode("ascii") + b'"' for k, v in box.items()}  # hex: nothing to escape
        parts["masking"] = canonical_object({**seal_parts, **hexes})
    else:
        parts["masking"] = b"null"
    record["record_digest"], line = sealed_bytes(parts)
    return record, line


_SHARED = ("facts", "outcome", "decision", "versions", "rules", "schema", "masking", "ruleset")


def recorded_decision(rs: RuleSet, decision: Decision) -> dict:
    """The decision as a record holds it (and as `replay` makes it again to compare): Decision.to_dict()
    and what a view of the record cannot work out, holding no policy and only the fired rules' effects.
    Of a settled decision (null for a provisional one), whether an answer not yet given could move its
    confidence (`confidence_open`) or, the figure staying, the reasons' shares of it (`shares_open`),
    as wording says them; False where no rule waits. `concluding_rules`: the rules that met the deciding
    clause's `concluded` test, which every view names among the reasons (policy.met_conclusion): a
    record cannot otherwise tell a not-now its clause tested from one it did not, where that clause
    weighs evidence. `evidence_open`: whether a rule with evidence waits (wording.evidence_open)."""
    body = decision._own_dict()  # read, never changed: build_record hands out copies
    figure, shares = _open(rs, decision) if body["settled"] and decision.waiting else (False, False)
    body["confidence_open"], body["shares_open"] = (figure, shares) if body["settled"] else (None, None)
    body["concluding_rules"] = met_conclusion(rs.policy, decision.verdict.clause, body["trace"]["firings"])
    body["evidence_open"] = any(r.then.evidence for r in decision.waiting)
    return body


def _open(rs: RuleSet, decision: Decision) -> tuple[bool, bool]:
    from ..reports.wording import confidence_open, shares_open  # where a rule waits: a complete batch never loads it

    return confidence_open(rs, decision), shares_open(rs, decision)


def seal(record: dict) -> dict:
    """(Re)compute record_digest over everything else in the record."""
    body = {k: v for k, v in record.items() if k != "record_digest"}
    return {**body, "record_digest": sha256_hex(body)}


def check_record(doc, pos: Pos, finite: bool = False) -> dict:
    """A parsed record, checked for shape, version and digest, or PF608/609/615. With `finite` (a
    record read by loads_strict, which refuses NaN and Infinity) its digest is taken by canonical_finite."""
    if not isinstance(doc, dict):
        raise fail("PF608", "a record must be a JSON object", pos)
    version = doc.get("record_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SEALED_VERSION:
        raise fail("PF615", f"record_version {version} is newer than this pathfit reads ({SEALED_VERSION}); "
                   "upgrade pathfit", pos)
    for name, kind in _REQUIRED.items():
        if name not in doc:
            raise fail("PF608", f"record has no {quote(name)}", pos)
        if not isinstance(doc[name], kind) or isinstance(doc[name], bool):
            raise fail("PF608", f"record field {quote(name)} has the wrong type", pos)
    if version not in (RECORD_VERSION, *SEALED_VERSIONS):
        raise fail("PF608", f"record_version {quote(version)} is not one this pathfit reads", pos)
    body = (canonical_finite if finite else canonical)({k: v for k, v in doc.items() if k != "record_digest"})
    if hashlib.sha256(body).hexdigest() != doc["record_digest"]:
        raise fail("PF609", f"record {doc['id']}: content does not match record_digest; "
                   "it was altered after it was written", pos)
    why = shape_problem(doc)
    if why:
        raise fail("PF608", why, pos)
    if doc["decision"]["facts"] != doc["facts"]:
        raise fail("PF608", "record's facts and its decision's facts differ", pos)
    why = duplicate_disagreement(doc)
    if why:
        raise fail("PF608", f"record {doc['id']}: {why}: it does not agree with itself", pos)
    if sha256_hex(doc["facts"]) != doc["facts_digest"]:
        raise fail("PF609", f"record {doc['id']}: facts do not match facts_digest", pos)
    return doc


def loads_strict(text: str, pos: Pos, located: bool = True) -> Any:
    """json.loads refusing NaN/Infinity and duplicate keys (which JSON parsers resolve
    differently, so a record could mean two things), a number so large that it reads as
    Infinity (`1e400`), and a lone surrogate escape (`\\ud800`: no character): no digest could be
    taken over either. Every refusal is located in `text`, read as written from `pos` on (a
    file, pos 0:0, or a line of one, col 1): a syntax error where json found it, NaN, Infinity
    or the number at the token, a key written twice at its second occurrence
    (engine.audit.json_refusal, which walks the text only once it was refused), a lone
    surrogate at its escape. With `located` False (text that is nowhere in the file, such as a
    sealed box's plaintext) at `pos`."""
    try:
        doc = json.loads(text, object_pairs_hook=refuse_twice, parse_constant=refuse_constant,
                         parse_float=finite_float)
    except json.JSONDecodeError as exc:  # said whole, as a batch row's and a JSON profile's are
        from ..cohort.jsonl_rows import json_message
        raise fail("PF608", f"not JSON: {json_message(exc)}", _at(pos, text, exc.pos) if located else pos) from None
    except ValueError as exc:  # the hooks' or int's: json tells them no position, so it is looked for now
        from .json_refusal import refusal_words, refused_at

        offset = refused_at(text) if located else None
        raise fail("PF608", f"not JSON: {refusal_words(exc, text, offset)}",
                   pos if offset is None else _at(pos, text, offset)) from None
    except RecursionError as exc:
        raise fail("PF608", f"not JSON: {exc}", pos) from None
    if lone_surrogate(doc, text):  # only a text holding a surrogate's escape is walked
        raise fail("PF608", f"text holds {LONE_SURROGATE}",
                   _at(pos, text, lone_surrogate_offset(text)) if located else pos)
    return doc


def _at(pos: Pos, text: str, offset: int) -> Pos:
    """The place of `offset` in `text`, which is written from `pos` on: its line and column
    counted as json counts them (from 1) and moved to `pos`'s line."""
    line = text.count("\n", 0, offset) + 1
    return Pos(pos.file, pos.line + line - (1 if pos.line else 0), offset - text.rfind("\n", 0, offset))


def record_text(record: dict) -> str:
    """A record file: the record, indented for people, keys sorted."""
    return json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def write_new(path: Path, text: str) -> None:
    """Write `path` whole and durably, or not at all; never replace an existing
    file (a record is evidence): engine.files.Output with replace=False, whose
    commit is a hard link that fails if the name exists."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise fail("PF612", "file exists; records are never overwritten", Pos(str(path)))
    check_target(path, what="record", code="PF617")
    write_atomic(path, text, replace=False, code="PF617")
