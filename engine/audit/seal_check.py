"""Checking the seals of the records in an audit log, for `audit verify LOG`.

The chain and the signatures cover a sealed record's bytes, but not whether its
box still opens: whoever can rewrite the log (and, with the signing key, re-sign
it) can alter a ciphertext, reseal the record_digest and re-chain every hash,
and nothing but the authentication tag shows it. With the audit key every
sealed part is opened as a reader would open it: the facts box under the
record's id and rule-set digest, its clear part compared with it
(sealing.open_record), and a sealed subject under its id (and digest, for a
subject marked `binds`). A part that does not open is PF630 at the entry's
line. A part naming another key id is tried with the key all the same: one that
opens had its id changed, so that no one holding the key would look (PF630).
Without the key, or for a record sealed with another key, the count of
records not checked is kept so that verify can say so instead of implying it.
Records sealed before the box held their whole clear part (record_version 2)
are opened and checked as far as their box reaches, and counted apart, so that
verify can say which of their clear fields no one can check
(clear_binding.LEGACY_UNCHECKED). The masks of version 1 records are checked
with the key too (masking.mask_problem) and counted with the seals: before,
such a record was called intact, or its sealed subject's tag taken for the
whole record's, whatever its masks said.
"""
from __future__ import annotations

from ..counting import agreeing
from ..errors import PathfitError, Pos, Problem
from .clear_binding import LEGACY_UNCHECKED
from .masking import AuditKey, is_masked_record, mask_problem
from .sealing import is_sealed_record, open_record
from .subject import is_sealed, key_id_altered, open_subject


class SealCheck:
    """Called on every record as the log is read (read_lines(inspect=...)); keeps the counts."""

    def __init__(self, key: AuditKey | None, keep: bool = False) -> None:
        self.key = key
        self.keep = keep  # the last record's box, once opened and checked, kept opened (`whole`)
        self.whole: dict | None = None  # ... so that a reader of that one record need not check it again
        self.sealed = 0  # records with a sealed box or a sealed subject
        self.checked = 0  # ... whose every sealed part opened with the key
        self.other_keys: set[str] = set()  # key ids of records sealed with a key not given
        self.partly = 0  # ... of those checked, version 2 boxes: their clear part was checked only in part
        self.masked = 0  # ... of the records counted in `sealed`, version 1 records with masked values
        self.masks_checked = 0  # ... of those, the ones whose masks were checked with the key
        self.untried = 0  # ... masked records not checked: a masked fact's domain too large to try
        self.failed = 0  # ... records whose seals (or masks) do not hold under the key (PF630 and the like)

    @property
    def unchecked(self) -> int:
        return self.sealed - self.checked

    def __call__(self, record: dict, pos: Pos, subject_pos: Pos | None = None) -> Problem | None:
        """The problem with the record's seals, or None (checked, or not checkable here).
        `subject_pos`: where the sealed subject is, when not at `pos` (a record file's lines)."""
        problem = self._check(record, pos, subject_pos)
        self.failed += problem is not None
        return problem

    def _check(self, record: dict, pos: Pos, subject_pos: Pos | None) -> Problem | None:
        box, subject = is_sealed_record(record), is_sealed(record.get("subject"))
        masked = is_masked_record(record)
        if not (box or subject or masked):
            return None
        self.sealed += 1
        self.masked += masked
        self.whole = None
        if self.key is None:
            return None
        others: set[str] = set()  # the key ids of the parts the key given does not open
        parts = ([(record["subject"]["key_id"], lambda: open_subject(self.key, record, record["subject"],
                                                                     subject_pos or pos))] if subject else [])
        parts += [(record["masking"]["key_id"], lambda: open_record(self.key, record, pos, "checking its seal"))] \
            if box else []
        for n, (key_id, opening) in enumerate(parts):  # the subject first: a version 3 box holds it too, and would name it only as changed
            try:  # tried whatever key id the part names: one that opens with this key had its id changed (PF630)
                whole = opening()
            except PathfitError as err:
                if err.problems[0].code != "PF611":
                    return err.problems[0]
                others.add(key_id)
                continue
            if self.keep and box and n == len(parts) - 1:  # the box, last
                self.whole = whole
        if masked and record["masking"]["key_id"] != self.key.key_id:
            problem = masks_key_id_altered(self.key, record, pos)
            if problem is not None:
                return problem
            others.add(record["masking"]["key_id"])
        if others:
            self.other_keys |= others
            return None
        if masked:
            problem, complete = mask_problem(self.key, record, pos)
            if problem is not None:
                return problem
            if not complete:
                self.untried += 1
                return None
            self.masks_checked += 1
        self.checked += 1
        self.partly += int(box and record["record_version"] == 2)
        return None

    def counted(self, n: int) -> str:
        """'1 sealed record', '3 sealed records'; 'sealed or masked' once a version 1 record's masks are among them."""
        return f"{n} sealed {'or masked ' if self.masked else ''}record" + ("" if n == 1 else "s")

    def note(self) -> str:
        """What the seals check did and did not cover, in words, for stderr ('' if nothing is sealed)."""
        if not self.sealed:
            return ""
        if self.key is None:
            what = "authentication tags and masks" if self.masked else "authentication tags"
            return (f"seals: {self.counted(self.sealed)} NOT checked: their {what} need the audit key "
                    "(--audit-key FILE or PATHFIT_AUDIT_KEY_FILE); the chain and signatures do not show a box "
                    "altered by someone able to rewrite and re-sign the log")
        verb = agreeing(self.checked, "holds", "hold") if self.masked else agreeing(self.checked, "opens", "open")
        text = f"seals: {self.checked} of {self.counted(self.sealed)} {verb} with the audit key {self.key.key_id}"
        if self.masks_checked:
            text += (f"; {self.masks_checked} of them masked (record_version 1): each masked fact is the mask of a "
                     "value it can take and each value the firings matched agrees with it; the observed values of "
                     "rules that did not fire are masked too, and only replay checks them")
        if self.partly:
            text += (f"; {self.partly} of them written before a seal held the whole clear part (record_version 2): "
                     f"their {', '.join(LEGACY_UNCHECKED)} could NOT be checked against the seal")
        if self.untried:
            text += (f"; {self.untried} masked NOT checked: a masked fact takes more values than the key can try "
                     "(as replay, PF614)")
        if self.failed:
            text += f"; {self.failed} {agreeing(self.failed, 'does', 'do')} not"  # the first of them is a finding (PF630)
        if self.unchecked - self.untried - self.failed:
            text += (f"; {self.unchecked - self.untried - self.failed} NOT checked: "
                     f"{'sealed or masked' if self.masked else 'sealed'} with another key "
                     f"({', '.join(sorted(self.other_keys))})")
        return text


def masks_key_id_altered(key: AuditKey, record: dict, pos: Pos) -> Problem | None:
    """PF630 where a version 1 record naming another key id has masks that all hold under `key`:
    no other key's masks would, so its key id was changed (subject.key_id_altered); else None,
    and the record is another key's, or cannot be told apart from one. Every reader that takes a
    masked record for another key's asks this first (verify, report, replay, audit show), so that
    none of them calls another key's a record verify refuses."""
    problem, complete = mask_problem(key, record, pos)
    if problem is None and complete:
        return Problem("PF630", key_id_altered(record["id"], "masks", record["masking"]["key_id"], key.key_id), pos)
    return None


def checked_for_reading(key: AuditKey | None, record: dict, pos: Pos, subject_pos: Pos | None = None,
                        purpose: str = "drawing its report") -> tuple[dict, str]:
    """`record` opened (engine.audit.sealing.open_record, its errors too, PF610 without the key and
    PF611 with another), its seals, sealed subject and version 1 masks checked as `audit verify`
    checks them (SealCheck), once, for a reader that draws one record as trustworthy (`report`,
    serve's `/report/ID`): PathfitError with verify's problem (PF630) where one does not hold, so
    that no page shows a record verify refuses with the same key; with what was and was not
    checked of a version 1 record's masks, or of a version 2 record's clear part (what verify
    counts `checked_in_part`), in words, for the page to say beside them ('' for a record with
    neither). `pos` and `subject_pos` as SealCheck's, where a record file's seal and subject are
    written. The box opened by the check is the record drawn: opening it again checked it again."""
    seals = SealCheck(key, keep=True)
    problem = seals(record, pos, subject_pos)
    if problem is not None:
        raise PathfitError([problem])
    whole = seals.whole if seals.whole is not None else open_record(key, record, pos, purpose)
    if seals.partly:
        return whole, partly_note(key)
    if not seals.masked:
        return whole, ""
    if seals.masks_checked:
        return whole, (f"masks checked with the audit key {key.key_id} when this page was made: each masked fact is "
                       "the mask of a value it can take and each value the firings matched agrees with it (the "
                       "observed values of rules that did not fire are checked only by replay)")
    if key is None:
        return whole, "masks NOT checked: they need the audit key (--audit-key FILE or PATHFIT_AUDIT_KEY_FILE)"
    if seals.untried:
        return whole, "masks NOT checked: a masked fact takes more values than the key can try"
    return whole, f"masks NOT checked: masked with audit key {', '.join(sorted(seals.other_keys))}, not {key.key_id}"


def partly_note(key: AuditKey) -> str:
    """What a page says of a version 2 record whose box opened with `key`: its clear part was
    checked against the seal only as far as the box reaches."""
    return (f"seal opened with the audit key {key.key_id} when this page was made; written before a seal held "
            f"the whole clear part (record_version 2): its {', '.join(LEGACY_UNCHECKED)} could NOT be checked "
            "against the seal")


def check_subject(key: AuditKey | None, record: dict, pos: Pos) -> None:
    """PathfitError (PF630, as `audit verify` says it) where `record`'s sealed subject does not
    open with `key`, or opens though it names another key id; nothing without the key or for
    another key's subject. For `replay`, which needs no subject but must not call reproduced a
    record verify refuses: a version 3 box holds the subject, but the box of an earlier record
    (version 1 or 2) does not, and only the subject's own box shows it altered."""
    subject = record.get("subject")
    if key is None or not is_sealed(subject):
        return
    try:
        open_subject(key, record, subject, pos)
    except PathfitError as err:
        if err.problems[0].code != "PF611":
            raise


def box_problem(key: AuditKey, record: dict, err: PathfitError, subject_pos: Pos) -> tuple[Problem, bool]:
    """What `audit verify` says of `record`, whose box did not open with `key` (`err`), and whether
    that is its sealed subject: verify reads a sealed subject first (SealCheck), as a version 3 box
    holds the subject too and would name it only as changed (at `subject.box`), so a reader that
    opens the box says the subject's problem in verify's words, not the box's in its own."""
    try:
        check_subject(key, record, subject_pos)
    except PathfitError as subject:
        return subject.problems[0], True
    return err.problems[0], False
