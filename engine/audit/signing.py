"""Signed audit log entries and signed head statements (Ed25519, `cryptography`).

Why: the hash chain has no secret, so whoever can write the log can replace an
entry and recompute every hash after it. A signature over each entry's hash
(which chains every entry before it) needs the signing key, which the writer of
the log holds and an attacker with only write access to the log does not.
An auditor checks signatures with the public key(s) alone.

An entry's signature is `{"key": KEY_ID, "ed25519": HEX}` under the entry's
"sig" key, over  b"pathfit-audit-entry\\0" + hash  (the hash excludes "sig").
KEY_ID is the first 16 hex digits of SHA-256 over the raw public key, so
entries name the key that signed them and several public keys (rotation) can
be given to verify.

A head statement (`pathfit audit head`) is a small signed JSON object naming
the log's current head and entry count; an auditor keeps it outside the log
and later verifies the log against it, which exposes entries cut off the end
or a log rewritten wholesale by someone who also holds the signing key
after the statement was taken... only if the statement was taken.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..errors import Pos, Problem, fail
from ..files import SIGNING_KEY_ENV, check_target, is_folder, write_atomic
from ..quote import shell_word, shown_path
from .record import canonical, loads_strict, utc_now

SIGNING_ENV = SIGNING_KEY_ENV
ENTRY_CONTEXT = b"pathfit-audit-entry\0"
HEAD_CONTEXT = b"pathfit-audit-head\0"
HEAD_KIND = "pathfit-audit-head"
_SIG_HEX = re.compile(r"[0-9a-f]{128}")
_ID_HEX = re.compile(r"[0-9a-f]{16}")
MAX_KEY_BYTES = 64 * 1024


class Signer(NamedTuple):
    private: Ed25519PrivateKey
    key_id: str
    path: str


def public_key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(b"pathfit-signing-key-id\0" + raw).hexdigest()[:16]


def generate_signing_key(path: str) -> Signer:
    """A new Ed25519 key: PATH (private, PKCS#8 PEM, mode 600) and PATH.pub
    (public, PEM). Neither is ever overwritten: both names are checked before
    either is written, and each is created by a hard link that fails if the
    name exists (PF612)."""
    pub = path + ".pub"
    for target in (path, pub):
        if os.path.lexists(target) and not is_folder(target):  # a folder: check_target says what it is
            raise fail("PF612", "file exists; a signing key is never overwritten", Pos(target))
        check_target(target, what="signing key", code="PF623")
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    public_pem = private.public_key().public_bytes(serialization.Encoding.PEM,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo)
    from ..cohort.held import stops_held  # here: every append imports this module, and only keygen needs it

    made: list[str] = []
    try:  # all or nothing: a private key without its public half is no use
        for target, text in ((path, pem), (pub, public_pem)):
            with stops_held():  # Ctrl-C (and SIGTERM, made Ctrl-C's by keygen) only between the halves,
                write_atomic(target, text, replace=False, code="PF623")  # where `made` says what is there
                made.append(target)
    except BaseException:
        for target in made:
            os.unlink(target)
        raise
    return Signer(private, public_key_id(private.public_key()), path)


def _read_key_file(path: str, private: bool) -> bytes:
    where = Pos(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise fail("PF623", "key file is not a regular file", where)
        if private and info.st_mode & 0o077:
            raise fail("PF623", f"signing key is readable or writable by others (mode {info.st_mode & 0o777:o}); "
                       f"run: chmod 600 {shell_word(path)}", where)
        if info.st_size > MAX_KEY_BYTES:
            raise fail("PF623", "key file is too large to be a key", where)
        return Path(path).read_bytes()
    except OSError as exc:
        raise fail("PF623", f"cannot read key file: {exc.strerror or exc}", where) from None


def load_signer(path: str | None = None) -> Signer | None:
    """The signing key from `path`, else $PATHFIT_SIGNING_KEY_FILE, else None.
    A key named but unusable is an error (PF623), never silently ignored."""
    path = path or os.environ.get(SIGNING_ENV) or None
    if path is None:
        return None
    data = _read_key_file(path, private=True)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise fail("PF623", "not an Ed25519 private key in PEM (make one with `pathfit audit keygen --signing FILE`)",
                   Pos(path))
    return Signer(key, public_key_id(key.public_key()), path)


def refuse_unsigned_after_signed(last_signed: bool, signer: Signer | None, log: str) -> None:
    """PF623 for an entry about to be appended unsigned after a signed one, before anything is
    written: that is what a forger without the key would write, so every `audit verify
    --public-key` and `audit head` of the log would stop at it (PF620) from then on. A job that
    lost its environment did it without a word; a signed entry after unsigned ones is the
    documented start of signing, and is allowed."""
    if last_signed and signer is None:
        raise fail("PF623", f"the last entry of {shown_path(log)} is signed, and an unsigned entry after it fails every check "
                   f"of the log's signatures (PF620): set {SIGNING_ENV} to its signing key", Pos(SIGNING_ENV))


def load_public_keys(paths) -> dict[str, Ed25519PublicKey]:
    """{key id: public key} for every FILE.pub given; PF623 for one that is not an Ed25519 public key."""
    keys: dict[str, Ed25519PublicKey] = {}
    for path in paths:
        data = _read_key_file(path, private=False)
        try:
            key = serialization.load_pem_public_key(data)
        except (ValueError, TypeError):
            key = None
        if not isinstance(key, Ed25519PublicKey):
            raise fail("PF623", "not an Ed25519 public key in PEM (the FILE.pub that `pathfit audit keygen "
                       "--signing FILE` wrote)", Pos(path))
        keys[public_key_id(key)] = key
    return keys


def sign_entry(signer: Signer, entry_hash: str) -> dict:
    return {"ed25519": signer.private.sign(ENTRY_CONTEXT + entry_hash.encode("ascii")).hex(), "key": signer.key_id}


def sig_shape(sig) -> str:
    """Why an entry's "sig" is malformed, or ""."""
    if not isinstance(sig, dict) or set(sig) != {"ed25519", "key"}:
        return 'entry sig is {"ed25519": HEX, "key": KEY_ID}'
    if not isinstance(sig["key"], str) or not _ID_HEX.fullmatch(sig["key"]):
        return "entry sig key is not 16 lowercase hex digits"
    if not isinstance(sig["ed25519"], str) or not _SIG_HEX.fullmatch(sig["ed25519"]):
        return "entry sig ed25519 is not 128 lowercase hex digits"
    return ""


def check_entry_signature(entry: dict, keys: dict[str, Ed25519PublicKey], at: Pos) -> Problem | None:
    """PF620 unsigned, PF621 signed by a key not given, PF622 a signature that does not verify."""
    sig = entry.get("sig")
    if sig is None:
        return Problem("PF620", f"entry seq {entry['seq']} is not signed", at)
    key = keys.get(sig["key"])
    if key is None:
        return Problem("PF621", f"entry seq {entry['seq']} is signed by key {sig['key']}, which is not among the "
                       f"public keys given ({', '.join(sorted(keys))})", at)
    try:
        key.verify(bytes.fromhex(sig["ed25519"]), ENTRY_CONTEXT + entry["hash"].encode("ascii"))
    except InvalidSignature:
        return Problem("PF622", f"entry seq {entry['seq']}: its signature (key {sig['key']}) does not verify "
                       "over its hash: the entry or an entry before it was rewritten", at)
    return None


# --- head statements -------------------------------------------------------------------------------------------

def head_statement(signer: Signer, log_name: str, head: str, entries: int) -> dict:
    """A signed statement that the log had `entries` entries ending at `head`, now."""
    body = {"statement": HEAD_KIND, "version": 1, "log": log_name, "head": head, "entries": entries,
            "time": utc_now(), "key": signer.key_id}
    return {**body, "ed25519": signer.private.sign(HEAD_CONTEXT + canonical(body)).hex()}


def read_head_statement(path: str, keys: dict[str, Ed25519PublicKey]) -> dict:
    """A head statement file, its signature checked against `keys`; PF624 if it is
    malformed, signed by a key not given, or its signature fails."""
    where = Pos(path)
    try:
        with open(path, "rb") as f:  # bounded: a device or a pipe has no end to read to
            data = f.read(1 << 20)
        text = data.decode("utf-8")
    except OSError as exc:
        raise fail("PF100", f"cannot read head statement: {exc.strerror or exc}", where) from None
    except UnicodeDecodeError:
        raise fail("PF624", "head statement is not UTF-8 text", where) from None
    try:
        doc = loads_strict(text, Pos(path, 1, 1))
    except Exception as exc:  # PathfitError from loads_strict: keep its position, give it this code
        problem = exc.problems[0] if hasattr(exc, "problems") else Problem("PF624", str(exc), where)
        raise fail("PF624", f"head statement: {problem.message}", problem.pos) from None
    fields = {"statement", "version", "log", "head", "entries", "time", "key", "ed25519"}
    if not isinstance(doc, dict) or set(doc) != fields or doc.get("statement") != HEAD_KIND:
        raise fail("PF624", "not a pathfit head statement (made by `pathfit audit head LOG`)", where)
    if doc["version"] != 1 or not isinstance(doc["head"], str) or not re.fullmatch(r"[0-9a-f]{64}", doc["head"]) \
            or not isinstance(doc["entries"], int) or isinstance(doc["entries"], bool) or doc["entries"] < 0 \
            or not isinstance(doc["key"], str) or not isinstance(doc["ed25519"], str) \
            or not _SIG_HEX.fullmatch(doc["ed25519"]):
        raise fail("PF624", "head statement has a field of the wrong type or form", where)
    key = keys.get(doc["key"])
    if key is None:
        raise fail("PF624", f"head statement is signed by key {doc['key']}, which is not among the public keys "
                   "given (--public-key)", where)
    body = {k: v for k, v in doc.items() if k != "ed25519"}
    try:
        key.verify(bytes.fromhex(doc["ed25519"]), HEAD_CONTEXT + canonical(body))
    except InvalidSignature:
        raise fail("PF624", "head statement's signature does not verify: it was altered", where) from None
    return doc
