"""Who a decision is about (the subject) and who asked for it (the operator).

Both are short text, checked here once for every way they come in (--subject,
--operator, a profile's top-level `subject`, a batch's `subject` column or key):
at most MAX_WHO characters, not empty, no control characters (they would reach
an auditor's terminal).

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
from .masking import AuditKey

MAX_WHO = 256
SCHEME = "aes-256-gcm"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_INFO = b"pathfit-audit-seal-v1"
BINDS = "id+ruleset"  # what a new sealed subject's associated data holds


def check_who(value, what: str, pos: Pos) -> str:
    """`value` as a subject or operator, or PF628 located at `pos`."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        kind = {list: "a list", dict: "a mapping", float: "a fractional number", bool: "true or false"}
        raise fail("PF628", f"{what} is text, not {next((v for t, v in kind.items() if isinstance(value, t)), 'that')}",
                   pos)
    text = str(value)
    if not text.strip():
        raise fail("PF628", f"{what} is empty", pos)
    if len(text) > MAX_WHO:
        raise fail("PF628", f"{what} is {len(text)} characters; at most {MAX_WHO} are allowed", pos)
    bad = _CONTROL.search(text)
    if bad:
        raise fail("PF628", f"{what} holds a control character (U+{ord(bad.group()):04X} at character "
                   f"{bad.start() + 1})", pos)
    return text


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


def open_subject(key: AuditKey, record: dict, sealed: dict, pos: Pos) -> str:
    """The clear subject of `record`; PF611 if sealed with another key, PF609 if the box was
    altered, moved from another record, or (a subject marked `binds`) relabelled with another
    rule-set digest."""
    from cryptography.exceptions import InvalidTag

    record_id = record["id"]
    digest = record["ruleset"]["digest"] if "binds" in sealed else None

    if sealed["key_id"] != key.key_id:
        raise fail("PF611", f"the subject was sealed with audit key {sealed['key_id']}, not {key.key_id}", pos)
    try:
        return aead(key).decrypt(bytes.fromhex(sealed["nonce"]), bytes.fromhex(sealed["box"]),
                                  _aad(record_id, digest)).decode("utf-8")
    except (InvalidTag, ValueError):
        bound = "another record or rule set" if digest is not None else "another record"
        raise fail("PF609", f"record {record_id}: the sealed subject does not open: it was altered or "
                   f"belongs to {bound}", pos) from None


def subject_shape(value) -> str:
    """Why a record's `subject` field is malformed, or ''."""
    if value is None or isinstance(value, str):
        return ""
    if not isinstance(value, dict) or set(value) - {"binds"} != {"sealed", "key_id", "nonce", "box"} \
            or not all(isinstance(v, str) for v in value.values()):
        return "record field subject is neither text, null nor a sealed subject"
    if value.get("binds", BINDS) != BINDS:
        return f"record subject is bound to {value['binds']!r}, which this pathfit does not know"
    if value["sealed"] != SCHEME:
        return f"record subject is sealed with {value['sealed']!r}, which this pathfit does not know"
    if not re.fullmatch(r"[0-9a-f]{24}", value["nonce"]) or not re.fullmatch(r"(?:[0-9a-f]{2}){16,}", value["box"]):
        return "record's sealed subject is malformed"
    return ""


def readable_subject(record: dict, key: AuditKey | None, pos: Pos) -> str | None:
    """The record's subject in clear: as stored, or opened with `key`; None if the
    record names no subject or it is sealed and `key` is None. PF611/PF609 as open_subject."""
    value = record.get("subject")
    if not is_sealed(value):
        return value
    return None if key is None else open_subject(key, record, value, pos)
