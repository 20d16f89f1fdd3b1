"""Who a decision is about (the subject) and who asked for it (the operator).

Both are short text, checked here once for every way they come in (--subject,
--operator, a profile's top-level `subject`, a batch's `subject` column or key,
the service's `subject` and `operator`), so that no way in takes what another
refuses: at most MAX_WHO characters, not empty, no control characters, line or
paragraph separators or bidirectional embeddings, overrides or isolates (they would reach an auditor's
terminal, or split or reorder a line of a listing), no lone surrogate (an
undecodable byte of a command line, or half a pair written as a JSON escape: no
UTF-8 can hold it, so the record could not be written), and not made only of
invisible characters (a subject no one could read back or tell from another).
A number is refused too: a profile's `subject: 0123` is read by YAML as 83, so
the text kept would not be the text written; quoted, it is text.

The subject names a person, so it is sensitive unless policy.yaml says
`subject: public`. A sensitive subject is sealed in the record with AES-256-GCM
(the `cryptography` package) under a key derived from the audit key with HKDF,
a fresh random nonce per record and, as associated data, the record's id and
its rule set's digest (the facts box binds the same two), so an auditor holding
the audit key reads it back exactly (`audit show`), a sealed subject moved into
another record or relabelled with another rule set does not open, and without
the key the record shows only that a subject was given. The operator is staff,
in clear.

Subjects sealed before the digest was bound carry no `binds` marker and were
bound to the id alone; they are still read that way. The marker is itself
covered: dropping it from a new subject changes the associated data, and the
box no longer opens.
"""
from __future__ import annotations

import functools
import re
import secrets

from ..errors import Pos, fail
from ..pipeline.scalars import NumberText
from ..surrogates import SURROGATE
from .masking import KEY_ID, AuditKey
from ..quote import quote

MAX_WHO = 256
SCHEME = "aes-256-gcm"
# control characters, line and paragraph separators, bidirectional embeddings, overrides and isolates
# (not the marks U+200E, U+200F, U+061C, which a right-to-left name may carry; `audit show` escapes
# them): (first, last) code points
_CONTROLS = ((0x00, 0x1F), (0x7F, 0x9F), (0x2028, 0x2029), (0x202A, 0x202E), (0x2066, 0x2069))
_CONTROL = re.compile("[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in _CONTROLS) + "]")
_INFO = b"pathfit-audit-seal-v1"
BINDS = "id+ruleset"  # what a new sealed subject's associated data holds


def check_who(value, what: str, pos: Pos, written: str | None = None) -> str:
    """`value` as a subject or operator, or PF628 located at `pos`: the one rule every
    way in applies (the CLI's options, a profile, a batch row, the service). `written`:
    the text of a number as the author wrote it, when its reader changed it (YAML 1.1
    reads `0123` as 83): the hint quotes what was written, never the number read."""
    if not isinstance(value, str) or isinstance(value, NumberText):  # NumberText: a number kept as written (JSON)
        kind = {bool: "true or false", int: "a number", float: "a number", NumberText: "a number", list: "a list",
                dict: "a mapping"}
        said = next((v for t, v in kind.items() if isinstance(value, t)), "that")
        shown = written if written is not None else str(value) if type(value) is int else None
        hint = "" if said != "a number" else f" (quote it: \"{shown}\")" if shown is not None else " (quote it)"
        raise fail("PF628", f"{what} is text, not {said}{hint}", pos)
    if not value.strip():
        raise fail("PF628", f"{what} is empty", pos)
    if len(value) > MAX_WHO:
        raise fail("PF628", f"{what} is {len(value)} characters; at most {MAX_WHO} are allowed", pos)
    odd = SURROGATE.search(value)
    if odd:
        raise fail("PF628", f"{what} is not valid text: U+{ord(odd.group()):04X} at character {odd.start() + 1} is "
                   "no character (a byte that is not UTF-8, or half of a surrogate pair)", pos)
    bad = _CONTROL.search(value)
    if bad:
        char = bad.group()
        kind = {"\u2028": "a line separator", "\u2029": "a paragraph separator"}.get(char) or \
            ("a control character" if char <= "\x9f" else "a bidirectional control character")
        raise fail("PF628", f"{what} holds {kind} (U+{ord(char):04X} at character {bad.start() + 1})", pos)
    if not value.isascii() and _invisible(value):
        raise fail("PF628", f"{what} is empty: it holds only invisible characters", pos)
    return value


def _invisible(text: str) -> bool:
    """True if nothing in `text` shows: only spaces, format characters (zero-width space,
    joiners, marks) and blanks, as the fixed table in invisible.py lists them, so every
    Python refuses the same subjects whatever its own Unicode version. Only asked of
    text that is not ASCII."""
    from .invisible import shows_nothing

    blank = shows_nothing()
    return all(c in blank for c in text)


def who_schema() -> dict:
    """The JSON Schema of what `check_who` takes, null (none given) besides: the schemas that
    describe a subject or operator (a profile's, the service's requests) say its one rule,
    so they neither refuse what it takes nor take what it refuses. Every way it refuses text
    is a character class: any character it refuses in a subject, or only invisible ones."""
    refused, invisible = _who_patterns()
    return {"type": ["string", "null"], "minLength": 1, "maxLength": MAX_WHO,
            "not": {"anyOf": [{"type": "string", "pattern": refused},
                              {"type": "string", "pattern": f"^[{invisible}]*$"}]}}


@functools.lru_cache(maxsize=1)
def _who_patterns() -> tuple[str, str]:
    """(a class of the characters refused anywhere in the text, the characters `_invisible`
    counts as showing nothing), as JSON Schema patterns both ECMA 262 and Python read
    alike: escapes for the BMP's controls and surrogates (no UTF-8 holds a surrogate), the
    invisible characters as themselves, from the same fixed table `_invisible` reads, so
    the schema is the same on every Python."""
    from .invisible import RUNS

    refused = "".join(f"\\u{first:04x}-\\u{last:04x}" for first, last in _CONTROLS) + "\\ud800-\\udfff"
    shown = "".join(chr(first) if first == last else f"{chr(first)}-{chr(last)}" for first, last in RUNS)
    return f"[{refused}]", shown


def aead(key: AuditKey):
    """AES-256-GCM under the audit key's sealing subkey (HKDF-SHA256), shared by the subject and the record seal."""
    return _aead(key.secret)


@functools.lru_cache(maxsize=4)
def _aead(secret: bytes):
    """Derived once per audit key and process, not twice per record: a batch seals thousands of
    records under one key. The cache holds what the process holds anyway, the key itself."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(secret))


def _aad(record_id: str, ruleset_digest: str | None) -> bytes:
    """The associated data: the id alone for a subject sealed before BINDS, else id and digest."""
    aad = b"pathfit-subject\0" + record_id.encode("utf-8")
    return aad if ruleset_digest is None else aad + b"\0" + BINDS.encode("ascii") + b"\0" + \
        ruleset_digest.encode("utf-8")


def seal_subject(key: AuditKey, record_id: str, ruleset_digest: str, subject: str) -> dict:
    """A sealed subject bound to the record's id and rule-set digest (marked `binds`)."""
    nonce = secrets.token_bytes(12)
    box = aead(key).encrypt(nonce, subject.encode("utf-8"), _aad(record_id, ruleset_digest))
    return {"sealed": SCHEME, "key_id": key.key_id, "nonce": nonce.hex(), "box": box.hex(), "binds": BINDS}


def is_sealed(value) -> bool:
    return isinstance(value, dict)


def key_id_altered(record_id: str, part: str, named: str, opened_with: str) -> str:
    """The words for a sealed part that names one key id but opens with another key. Without
    trying, a forger able to rewrite the log could alter a sealed record and give it another key
    id, and every reader holding the key would take it for another key's record and look no
    further; an authentication tag that holds under the key given shows the id was changed.
    `part` "masks" (a version 1 record's, which hold rather than open) is said in the plural."""
    names, opens = ("name", "hold under") if part == "masks" else ("names", "opens with")
    return (f"record {record_id}: its {part} {names} audit key {named} but {opens} the audit key {opened_with}: "
            "its key id was altered after sealing")


def open_subject(key: AuditKey, record: dict, sealed: dict, pos: Pos) -> str:
    """The clear subject of `record`; PF611 if sealed with another key, PF630 (as for a record's
    box, sealing.open_parts) if the box was altered, moved from another record, or (a subject
    marked `binds`) relabelled with another rule-set digest, or if it opens with `key` though it
    names another key id."""
    from cryptography.exceptions import InvalidTag

    record_id = record["id"]
    digest = record["ruleset"]["digest"] if "binds" in sealed else None

    try:
        plain = aead(key).decrypt(bytes.fromhex(sealed["nonce"]), bytes.fromhex(sealed["box"]),
                                  _aad(record_id, digest))
    except (InvalidTag, ValueError):
        if sealed["key_id"] != key.key_id:
            raise fail("PF611", f"the subject was sealed with audit key {sealed['key_id']}, not {key.key_id}",
                       pos) from None
        bound = "another record or rule set" if digest is not None else "another record"
        raise fail("PF630", f"record {record_id}: the sealed subject does not open: it was altered or "
                   f"belongs to {bound}", pos) from None
    if sealed["key_id"] != key.key_id:  # opened all the same: its key id was changed (key_id_altered)
        raise fail("PF630", key_id_altered(record_id, "sealed subject", sealed["key_id"], key.key_id), pos)
    return plain.decode("utf-8")


def subject_shape(value) -> str:
    """Why a record's `subject` field is malformed, or ''."""
    if value is None or isinstance(value, str):
        return ""
    if not isinstance(value, dict) or set(value) - {"binds"} != {"sealed", "key_id", "nonce", "box"} \
            or not all(isinstance(v, str) for v in value.values()):
        return "record field subject is neither text, null nor a sealed subject"
    if value.get("binds", BINDS) != BINDS:
        return f"record subject is bound to {quote(value['binds'])}, which this pathfit does not know"
    if value["sealed"] != SCHEME:
        return f"record subject is sealed with {quote(value['sealed'])}, which this pathfit does not know"
    if not re.fullmatch(r"[0-9a-f]{24}", value["nonce"]) or not re.fullmatch(r"(?:[0-9a-f]{2}){16,}", value["box"]) \
            or not re.fullmatch(KEY_ID, value["key_id"]):
        return "record's sealed subject is malformed"
    return ""


def readable_subject(record: dict, key: AuditKey | None, pos: Pos) -> str | None:
    """The record's subject in clear: as stored, or opened with `key`; None if the
    record names no subject or it is sealed and `key` is None. PF611/PF630 as open_subject."""
    value = record.get("subject")
    if not is_sealed(value):
        return value
    return None if key is None else open_subject(key, record, value, pos)
