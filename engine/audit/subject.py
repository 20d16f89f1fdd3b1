"""Who a decision is about (the subject) and who asked for it (the operator).

Both are short text, checked here once for every way they come in (--subject,
--operator, a profile's top-level `subject`, a batch's `subject` column or key):
at most MAX_WHO characters, not empty, no control characters (they would reach
an auditor's terminal).

The subject names a person, so it is sensitive unless policy.yaml says
`subject: public`. A sensitive subject is sealed in the record with AES-256-GCM
(the `cryptography` package) under a key derived from the audit key with HKDF,
a fresh random nonce per record and the record's id as associated data, so an
auditor holding the audit key reads it back exactly (`audit show`), a sealed
subject moved into another record does not open, and without the key the
record shows only that a subject was given. The operator is staff, in clear.
"""
from __future__ import annotations

import re
import secrets

from ..errors import Pos, fail
from .masking import AuditKey

MAX_WHO = 256
SCHEME = "aes-256-gcm"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_INFO = b"pathfit-audit-seal-v1"


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
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(key.secret))


def _aad(record_id: str) -> bytes:
    return b"pathfit-subject\0" + record_id.encode("utf-8")


def seal_subject(key: AuditKey, record_id: str, subject: str) -> dict:
    nonce = secrets.token_bytes(12)
    box = aead(key).encrypt(nonce, subject.encode("utf-8"), _aad(record_id))
    return {"sealed": SCHEME, "key_id": key.key_id, "nonce": nonce.hex(), "box": box.hex()}


def is_sealed(value) -> bool:
    return isinstance(value, dict)


def open_subject(key: AuditKey, record_id: str, sealed: dict, pos: Pos) -> str:
    """The clear subject; PF611 if sealed with another key, PF609 if the box was altered or moved."""
    from cryptography.exceptions import InvalidTag

    if sealed["key_id"] != key.key_id:
        raise fail("PF611", f"the subject was sealed with audit key {sealed['key_id']}, not {key.key_id}", pos)
    try:
        return aead(key).decrypt(bytes.fromhex(sealed["nonce"]), bytes.fromhex(sealed["box"]),
                                  _aad(record_id)).decode("utf-8")
    except (InvalidTag, ValueError):
        raise fail("PF609", f"record {record_id}: the sealed subject does not open: it was altered or "
                   "belongs to another record", pos) from None


def subject_shape(value) -> str:
    """Why a record's `subject` field is malformed, or ''."""
    if value is None or isinstance(value, str):
        return ""
    if not isinstance(value, dict) or set(value) != {"sealed", "key_id", "nonce", "box"} \
            or not all(isinstance(v, str) for v in value.values()):
        return "record field subject is neither text, null nor a sealed subject"
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
    return None if key is None else open_subject(key, record["id"], value, pos)
