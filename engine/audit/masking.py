"""The audit key, and the masks of version 1 records (a keyed, salted hash).

Records of this version seal sensitive facts instead (engine.audit.sealing):
masks hid the values but not the trace beside them. The masks stay here so
that version 1 records are still read, verified and replayed, and so the
report can hide a sensitive value it draws (engine.audit.sealing.values_hidden).

Why a secret key and not just a salt: sensitive facts here are yes/no answers
and short lists. A hash salted with a value stored next to it is reversed by
hashing the two possible answers, so it hides nothing. The mask is therefore
HMAC-SHA256 under a secret audit key (kept outside records and logs), over a
per-record random salt, the place the value appears, and the value:

    mask = HMAC-SHA256(key, canonical_json([salt, label, value]))

The salt makes equal answers in two records look unrelated. Whoever holds the
key can recompute masks, and so can also recover a small-domain value by trying
every possible value: that is how replay re-runs a masked record, and why the
key must be guarded like the personal data it protects (docs/audit.md).
"""
from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import os
import re
import secrets
import stat
from pathlib import Path
from typing import NamedTuple

from ..errors import PathfitError, Pos, Problem, fail
from ..json_copy import json_copy as plain_copy  # a record's parts are copied as a decision's trace is
from ..files import AUDIT_KEY_ENV, check_target, is_folder, write_atomic
from ..quote import shell_word
from ..quote import quote

KEY_ENV = AUDIT_KEY_ENV
KEY_BYTES = 32
MAX_CANDIDATES = 100_001  # values tried per fact when recovering one for replay


class AuditKey(NamedTuple):
    secret: bytes
    key_id: str  # a fingerprint, so a record names the key without revealing it
    path: str


def key_id(secret: bytes) -> str:
    return hashlib.sha256(b"pathfit-audit-key-id\0" + secret).hexdigest()[:16]


KEY_ID = r"[0-9a-f]{16}"  # what key_id gives: a record naming anything else names no key


def load_key(path: str | None = None) -> AuditKey | None:
    """The audit key from `path`, else $PATHFIT_AUDIT_KEY_FILE, else None.
    A key file named but unusable is an error, never silently ignored."""
    path = path or os.environ.get(KEY_ENV) or None
    if path is None:
        return None
    where = Pos(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise fail("PF610", "audit key is not a regular file", where)
        if info.st_mode & 0o077:
            raise fail("PF610", f"audit key is readable or writable by others (mode {info.st_mode & 0o777:o}); "
                       f"run: chmod 600 {shell_word(path)}", where)
        text = Path(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise fail("PF610", f"cannot read audit key: {getattr(exc, 'strerror', None) or exc}", where) from None
    if not re.fullmatch(r"[0-9a-f]{64,256}", text) or len(text) % 2:
        raise fail("PF610", "an audit key file holds 64 to 256 lowercase hex digits "
                   "(create one with `pathfit audit keygen FILE`)", where)
    secret = bytes.fromhex(text)
    return AuditKey(secret, key_id(secret), path)


def generate_key(path: str) -> AuditKey:
    """A new random key in a new file, mode 600, written whole and durably or not at all (a
    temporary file beside it, fsync, a hard link that fails if the name exists, the folder
    fsynced): records sealed under a key that a failed write or a power loss took away could
    never be opened again. An existing file is never replaced (PF612); a failed write is PF617."""
    secret = secrets.token_bytes(KEY_BYTES)
    if os.path.lexists(path) and not is_folder(path):  # a folder: check_target says what it is
        raise fail("PF612", "file exists; an audit key is never overwritten", Pos(path))
    check_target(path, what="audit key", code="PF617")  # as every output is refused ('-', a missing folder)
    try:
        write_atomic(path, secret.hex() + "\n", replace=False, code="PF617")
    except PathfitError as err:  # the name taken meanwhile: PF612 in this file's words
        if err.codes[:1] == ["PF612"]:
            raise fail("PF612", "file exists; an audit key is never overwritten", Pos(path)) from None
        raise
    return AuditKey(secret, key_id(secret), path)


def sensitive_domains(rs) -> dict:
    """{fact: its domain} for every sensitive input fact: what a record needs to
    recover the value later, even if the rule set has changed since."""
    out = {}
    for f in rs.inputs:
        if f.sensitive:
            d: dict = {"type": f.type}
            if f.type in ("enum", "set"):
                d["values"] = list(f.values)
            if f.type == "number":
                d.update(min=f.minimum, max=f.maximum, integer=f.integer)
            out[f.name] = d
    return out


class Masker:
    """Masks every place a sensitive value appears in a decision's JSON form."""

    SCHEME = "hmac-sha256"

    def __init__(self, secret: bytes, salt: str, sensitive: tuple):
        self.secret, self.salt, self.sensitive = secret, salt, frozenset(sensitive)
        names = "|".join(map(re.escape, sorted(self.sensitive))) or r"(?!)"
        self._mentions = re.compile(rf"(?<![a-z0-9_.])(?:{names})(?![a-z0-9_])")

    def mask(self, label: str, value) -> dict:
        msg = json.dumps([self.salt, label, value], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return {"masked": hmac.new(self.secret, msg.encode("utf-8"), hashlib.sha256).hexdigest()}

    def mask_decision(self, decision: dict) -> dict:
        """A masked deep copy of Decision.to_dict(): the facts, each matched fact
        in the firings, and the observed value of a failed condition that names
        a sensitive fact. Nothing else in a decision holds a person's value."""
        d = plain_copy(decision)
        d["facts"] = {k: self.mask(k, v) if k in self.sensitive else v for k, v in d["facts"].items()}
        for firing in d["trace"]["firings"]:
            for m in firing["matched"]:
                if m.get("fact") in self.sensitive and "value" in m:
                    label = f"{m['fact']}[{m['member']}]" if "member" in m else m["fact"]
                    m["value"] = self.mask(label, m["value"])
        for entry in d["trace"]["not_fired"]:
            if "observed" in entry and self._mentions.search(entry.get("condition", "")):
                entry["observed"] = self.mask(f"{entry['rule']}.observed", entry["observed"])
        return d

    def recover(self, name: str, domain: dict, masked: dict):
        """The value whose mask is `masked`, tried over the fact's domain; PF614 if none, said as
        what it is: a domain tried whole whose values all mask otherwise (the mask was altered), or
        one too large to try, which says nothing of the mask."""
        candidates = _candidates(name, domain)
        for value in candidates:
            if hmac.compare_digest(self.mask(name, value)["masked"], masked.get("masked", "")):
                return value
        if candidates and tries_every_value(domain):
            raise fail("PF614", f"masked fact {quote(name)} is the mask of no value it can take under the audit key "
                       f"{key_id(self.secret)} (every one was tried): it was altered", Pos(name))
        raise fail("PF614", f"masked fact {quote(name)} matches no value this key can try: "
                   "only yes/no, one-of, lists of up to 16 values and whole numbers over at most "
                   f"{MAX_CANDIDATES - 1} values can be recovered", Pos(name))


def is_masked(value) -> bool:
    return isinstance(value, dict) and set(value) == {"masked"}


def tries_every_value(domain: dict) -> bool:
    """Whether the values tried for a fact (_candidates) are every value it can take: not for a
    number that need not be whole (`integer` false), whose fractions none can try, so a mask of
    none of them says nothing of whether it was altered (a genuine 2.5 is the mask of no whole one)."""
    return domain.get("type") != "number" or domain.get("integer") is True


def _candidates(name: str, domain: dict):
    kind = domain.get("type")
    if kind == "bool":
        return [False, True]
    if kind == "enum":
        return list(domain.get("values", []))
    if kind == "set":
        values = sorted(domain.get("values", []))
        if len(values) > 16:
            return []
        return [list(c) for n in range(len(values) + 1) for c in itertools.combinations(values, n)]
    if kind == "number":
        lo, hi = domain.get("min"), domain.get("max")
        if isinstance(lo, (int, float)) and isinstance(hi, (int, float)) and hi - lo < MAX_CANDIDATES:
            start = int(lo) if float(lo).is_integer() else int(lo) + 1
            return range(start, int(hi) + 1)
    return []


def is_masked_record(record: dict) -> bool:
    """A version 1 record holding masked values (a record with `masking` null has none)."""
    m = record.get("masking")
    return (record.get("record_version") == 1 and isinstance(m, dict) and m.get("scheme") == Masker.SCHEME
            and bool(m.get("masked")))


def unmasked_problem(record: dict) -> str:
    """The first place a version 1 record (`masking.scheme` hmac-sha256) shows a sensitive value
    in clear, or masks where its masking says nothing is masked, in words, or ''. Such a record
    was written with every sensitive fact the person had masked in its facts and wherever a
    firing matched it, and `masking.masked` naming exactly those facts; a record that says
    otherwise was edited (anyone can reseal its digests), and a reader would show the edited
    value as the person's: `report` drew it beside "shown as masked here" naming that very fact."""
    m = record["masking"]
    had = sorted(name for name in record["facts"] if name in m["facts"])
    if sorted(m["masked"]) != had:
        return "record's masking.masked does not name exactly the sensitive facts its facts give"
    for name, value in sorted(record["facts"].items()):
        if is_masked(value) != (name in m["facts"]):
            return (f"record's sensitive fact {quote(name)} is in clear: a version 1 record masks every one"
                    if not is_masked(value) else f"record masks fact {quote(name)}, which is not a sensitive one")
    for firing in record["decision"]["trace"]["firings"]:
        for mt in firing["matched"]:
            if mt.get("fact") in m["facts"] and "value" in mt and not is_masked(mt["value"]):
                return (f"record firing {firing['rule']} matched sensitive fact {quote(mt['fact'])} in clear: "
                        "a version 1 record masks every one")
    return ""


def mask_problem(key: AuditKey, record: dict, pos: Pos) -> tuple[Problem | None, bool]:
    """Whether a version 1 record's masks hold under `key` (its own): (PF630 for the first that
    does not, or None; whether every mask looked at could be checked). Each masked fact's mask must
    be the mask of a value the fact can take (tried over its domain, as replay recovers it: a
    domain too large to try, or a number's whose fractions no key can try and none of whose whole
    values it masks, leaves the record unchecked), and every matched value of it in the
    firings the mask of that value (a set's member, of whether it is in the set). The observed
    values of rules that did not fire are masked too, but what they were can only be known by
    running the rules again: `replay` checks them, not this. Without this, a mask replaced and the
    record resealed and re-chained was said to be intact, and only replay found it (PF614)."""
    m = record["masking"]
    masker = Masker(key.secret, m["salt"], tuple(m["facts"]))
    values = {}
    for name in m["masked"]:
        domain = m["facts"].get(name)
        if not isinstance(domain, dict) or not _candidates(name, domain):
            return None, False
        try:
            values[name] = masker.recover(name, domain, record["facts"].get(name) or {})
        except PathfitError:
            if not tries_every_value(domain):  # a fraction, perhaps: no key can try it
                return None, False
            return Problem("PF630", f"record {record['id']}: the mask of {quote(name)} in its facts is the mask "
                           f"of no value {quote(name)} can take under the audit key {key.key_id}: it was altered",
                           pos), True
    for firing in record["decision"]["trace"]["firings"]:
        for mt in firing["matched"]:
            name = mt.get("fact")
            if name not in values or "value" not in mt:
                continue
            label, value = ((f"{name}[{mt['member']}]", mt["member"] in values[name]) if "member" in mt
                            else (name, values[name]))
            if mt["value"] != masker.mask(label, value):
                return Problem("PF630", f"record {record['id']}: the masked value of {quote(label)} that rule "
                               f"{quote(firing.get('rule'))} matched is not the mask of the value its facts mask: "
                               "it was altered", pos), True
    return None, True
