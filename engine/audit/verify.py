"""Verify an audit log's hash chain and name the FIRST entry that was tampered with.

The walk keeps the last good hash H and the next sequence number n. At the
first line that does not continue the chain, the other lines are consulted to
say what happened, because "line 7 is wrong" is not enough for an auditor:

- the line's content does not match its own hash: it was edited (PF602), or,
  if the next line follows straight on from H, it was inserted (PF604);
- its prev names a line further down: entries were reordered (PF605);
- its prev names a line further up, so two lines follow one entry: it was
  inserted if the next line follows on from the line before it, or, with the
  public keys, if the lines it skips are signed and it is not (PF604); else the
  chain cannot tell whether it or the lines it skips were inserted, and says
  so, located at it, with the lines it skips in doubt too (PF604, doubt_from);
- its prev names no line and its seq skips ahead: entries were removed (PF603);
- its prev names no line and its seq is the expected one: the line before it
  was edited and its hash recomputed to hide the edit (PF602).

With the public keys, a signature that verifies breaks the last tie: an entry
signed by the key was not edited by anyone without it, so the line after it is
the one located.

The entries counted as verified, and the head named, are exactly those the log
vouches for: the committed entries before the first line in doubt. A batch unit
the problem falls inside, or whose commit marker is among the lines a branch
skips, is not committed in what verifies: none of its lines count.

A chain recomputed from the point of an edit to the end, or cut short at an
entry boundary, is consistent by construction: only a head seen earlier
(`expect_head`) exposes it (PF607). docs/audit.md says so plainly.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .commit import Units
from .head_check import cut_after_head, head_problem
from .log import GENESIS, Line
from .packed import count_with, first_with
from .signing import check_entry_signature
from ..errors import PathfitError, Pos, Problem, counted


class Verdict(NamedTuple):
    entries: int  # entries vouched for: committed, before the first line in doubt (all, if intact)
    head: str  # hash of the last good entry (GENESIS for an empty log)
    problem: Problem | None
    expected_at: int = 0  # line at which --expect-head was found
    doubt_from: int = 0  # a line before the problem's own that it leaves in doubt too (a branch), else 0

    @property
    def intact(self) -> bool:
        return self.problem is None


def verify_lines(lines: Sequence[Line], label: str, expect_head: str | None = None, keys: dict | None = None,
                 statement: dict | None = None, unsigned_start: int = 0) -> Verdict:
    """The first problem in the log, or intact. With `keys` ({key id: Ed25519
    public key}) every entry must also carry a signature by one of them over its
    hash (PF620-PF622). A checked head `statement` acts as `expect_head` and also
    vouches for the unsigned entries at the start of the log up to its head (a log
    begun before signing was switched on): the chain binds them to the signed head.
    `unsigned_start` accepts that many unsigned entries at the start of the log without a
    statement (for `audit head`, which is about to vouch for them, and only for as many as
    the key holder says to expect: a log whose every signature was stripped looks like one
    begun before signing). Never an unsigned entry after a signed one: that is what a
    forger without the key leaves after stripping the signatures that no longer match, and
    the chain binds nothing to it.
    Nothing is held for each line but what `lines` holds (engine.audit.packed packs it): the
    lines the first problem names are looked for in them (first_with, count_with) only once it
    is found, since a chain that holds needs nothing but the line before."""
    if statement is not None:
        expect_head = statement["head"]
    head, n = GENESIS, 1
    vouched = _index(first_with(lines, "hash", expect_head), -1) if statement is not None else -1
    unsigned_left = unsigned_start  # unsigned entries at the start still to be accepted without a statement
    units = Units(label)
    signed_before = False  # an earlier entry carries a signature that verifies with `keys`
    for i, ln in enumerate(lines):
        problem, doubt_from = _check(lines, i, head, n, label, signed_before, keys)
        if problem is None and keys is not None:
            problem = check_entry_signature(ln.entry, keys, Pos(label, ln.number, 1))
            if problem is not None and problem.code == "PF620" and not signed_before and (i <= vouched or unsigned_left):
                problem = None  # the unsigned stretch at the start of the log, vouched for
                unsigned_left -= i > vouched
            elif problem is not None and problem.code == "PF620" and not signed_before and statement is not None \
                    and vouched < 0 and expect_head != GENESIS:
                # not vouched for because the stated head is gone: that is the finding (a statement of an empty
                # log, the genesis hash, vouches for no entry and is gone from none: the entry is PF620 itself)
                problem = _gone(head_problem(lines, label, expect_head, statement)[0])
            elif problem is not None and problem.code == "PF620" and not signed_before and unsigned_start:
                problem = problem._replace(message=problem.message + f": only {unsigned_start} unsigned "
                                           f"{'entry was' if unsigned_start == 1 else 'entries were'} expected at the "
                                           "start of the log (--unsigned)")
            elif problem is None:
                signed_before = True
                if unsigned_left:
                    problem = _fewer_unsigned(ln, unsigned_start, label)
            elif problem.code == "PF620" and signed_before:
                problem = problem._replace(message=problem.message + ", though an entry before it is: an unsigned "
                                           "entry is vouched for only at the start of the log")
        if problem is None:
            problem = units.step(i, ln.number, ln.entry)
        if problem is None:
            problem = ln.seal_problem  # found as the log was read, with the audit key (engine.audit.seal_check)
        if problem is not None:  # the problem, or lines it leaves in doubt, may lie before the line exposing it
            first = min(n - 1, problem.pos.line - 1) if problem.pos.line else n - 1
            good = _vouched(lines, min(first, doubt_from - 1) if doubt_from else first)
            problem = cut_after_head(lines, label, expect_head, statement, problem, good, _head_of(lines, good))
            return Verdict(good, _head_of(lines, good), problem, doubt_from=doubt_from)
        head, n = ln.entry["hash"], n + 1
    if keys is not None and unsigned_left and not signed_before:  # every entry unsigned, fewer than expected
        return Verdict(n - 1, head, _fewer_unsigned(None, unsigned_start, label, n - 1))
    tail = units.tail_problem()
    if tail is not None:  # the chain holds, but the last batch has no commit marker: count only what is committed
        good = units.open_at
        return Verdict(good, _head_of(lines, good), cut_after_head(lines, label, expect_head, statement, tail, good,
                                                                    _head_of(lines, good)))
    if expect_head is None:
        return Verdict(n - 1, head, None)
    problem, at = head_problem(lines, label, expect_head, statement)
    if problem is not None and problem.code == "PF607":
        count = counted(n - 1, "entry", "entries")
        problem = problem._replace(message=f"{problem.message} (it now has {count}, head {head})")
    return Verdict(n - 1, head, problem, at)


def _gone(problem: Problem) -> Problem:
    """PF607 for a head statement whose head is in no entry, found at an unsigned entry at the start
    of the log, which only that head would have vouched for: the log was cut short or rewritten,
    and the unsigned entry, which no one need have touched, is not named as the problem."""
    return problem._replace(message=f"{problem.message}, so nothing vouches for the unsigned entries at the start "
                            "of the log")


def _head_of(lines: Sequence[Line], good: int) -> str:
    """The hash of the last of the first `good` lines, each walked and accepted in turn (GENESIS for none)."""
    return lines[good - 1].entry["hash"] if good else GENESIS


def _index(found: int | None, default: int) -> int:
    return default if found is None else found


def _vouched(lines: Sequence[Line], end: int) -> int:
    """How many of the entries before index `end` (each walked and found good) the log vouches
    for: all of them, unless `end` falls inside a batch unit, after its begin and at or before
    its commit marker. Only committed records count, and that unit's commit is not among the
    lines vouched for, so then only the entries before its begin. A unit's lines are
    consecutive, so the walk back passes only its own records."""
    k = end - 1
    while k >= 0 and "in_batch" in lines[k].entry:
        k -= 1
    mark = lines[k].entry.get("batch") if k >= 0 else None
    return k if mark is not None and mark["mark"] == "begin" else end


def _fewer_unsigned(ln: Line | None, expected: int, label: str, found: int = 0) -> Problem:
    """PF633: the key holder said to expect more unsigned entries at the start of the log
    than it has (`audit head --unsigned`): the log is not the one they checked."""
    said = f"--unsigned says the log starts with {expected} unsigned {'entry' if expected == 1 else 'entries'}"
    if ln is None:
        return Problem("PF633", f"{said}, but it has only {found}: entries were cut off the end, or it is "
                       "another log", Pos(label))
    seq = ln.entry["seq"]
    return Problem("PF633", f"entry seq {seq} is signed, but {said}: it starts with only {seq - 1}",
                   Pos(label, ln.number, 1))


def _check(lines: Sequence[Line], i: int, head: str, n: int, label: str, signed_before: bool = False,
           keys: dict | None = None) -> tuple[Problem | None, int]:
    """(the problem line i shows, or None; a line before it that the problem leaves in doubt too, or 0)."""
    ln = lines[i]
    at = Pos(label, ln.number, 1)
    if ln.problem is not None:
        return ln.problem, 0
    e = ln.entry
    seq = e["seq"]
    record_error = ln.record_problem._replace(pos=at) if ln.record_problem else None
    if ln.computed != e["hash"] or not ln.canonical or (record_error and record_error.code == "PF609"):
        nxt = lines[i + 1].entry if i + 1 < len(lines) else None
        if nxt is not None and nxt["prev"] == head and first_with(lines, "prev", e["hash"]) is None:
            return Problem("PF604", f"entry seq {seq} was inserted: it does not match its own hash, and the "
                           f"next line follows on from {_line_before(ln)}", at), 0
        what = ("is not in canonical form" if ln.computed == e["hash"] and ln.canonical is False
                else "does not match its hash" if ln.computed != e["hash"]
                else "holds a record whose content does not match its record_digest")
        return Problem("PF602", f"entry seq {seq} was edited: its content {what}", at), 0
    if e["prev"] != head and count_with(lines, "hash", e["hash"]) > 1:
        first = first_with(lines, "hash", e["hash"])  # the first other line that carries it
        other = lines[first if first != i else first_with(lines, "hash", e["hash"], i + 1)]
        return Problem("PF604", f"entry seq {seq} was inserted: it is a copy of line {other.number}", at), 0
    if e["prev"] == head:
        if seq != n:
            return Problem("PF602", f"entry was edited: it follows {_line_before(ln)} but says "
                           f"seq {seq}, not {n} (its hash was recomputed)", at), 0
        return record_error, 0
    j = -1 if e["prev"] == GENESIS else first_with(lines, "hash", e["prev"])  # -1: the start of the log
    if j is not None and j > i:
        return Problem("PF605", f"entries out of order: entry seq {seq} belongs after line {lines[j].number} "
                       f"(seq {lines[j].entry['seq']}), not here", at), 0
    if j is not None:  # prev names an earlier line, j < i - 1: lines j+1 .. i-1 sit in between
        return _branch(lines, i, j, head, label, keys)
    return _unlinked(lines, i, n, label, signed_before), 0


def _line_before(ln: Line) -> str:
    """What a line follows on from where the chain holds: the line before it, or for the first, the start."""
    return f"line {ln.number - 1}" if ln.number > 1 else "the start of the log"


def _branch(lines: Sequence[Line], i: int, j: int, head: str, label: str,
            keys: dict | None) -> tuple[Problem, int]:
    """Line i follows line j (-1: the start), j < i - 1, as line j + 1 does: one of the two
    sides was inserted. Say which only when something settles it, since a genuine entry
    blamed is worse than a finding that names both: the next line following on from line
    i - 1 (nothing but line i stands in the chain's way), or, with the public keys, lines
    j + 1 .. i - 1 all signed with a key given and line i not. Otherwise the branch is
    reported as it is, at line i, and lines j + 1 .. i - 1 are in doubt with it."""
    ln, e = lines[i], lines[i].entry
    at = Pos(label, ln.number, 1)
    after = f"line {lines[j].number}" if j >= 0 else "the start of the log"
    first, skipped = lines[j + 1], i - 1 - j  # lines j+1 .. i-1, read one at a time where all are needed
    span = f"line {first.number}" if skipped == 1 else f"lines {first.number}-{lines[i - 1].number}"
    nxt = lines[i + 1].entry if i + 1 < len(lines) else None
    if nxt is not None and nxt["prev"] == head and first_with(lines, "prev", e["hash"]) is None:
        return Problem("PF604", f"entry seq {e['seq']} was inserted: it claims to follow {after}, but the next line "
                       f"follows on from line {lines[i - 1].number}", at), 0
    if keys is not None and all("sig" in lines[k].entry for k in range(j + 1, i)):  # each verified as walked
        own = check_entry_signature(e, keys, at)
        if own is not None:
            why = {"PF620": "it is unsigned", "PF621": "it is signed by a key not given"}.get(
                own.code, "its signature does not verify")
            return Problem("PF604", f"entry seq {e['seq']} was inserted: it claims to follow {after}, as "
                           f"line {first.number} does; {span} {'is' if skipped == 1 else 'are'} signed "
                           f"with a key given, and {why}", at), 0
    were = "was" if skipped == 1 else "were"
    return Problem("PF604", f"line {ln.number} (entry seq {e['seq']}) follows {after}, not line "
                   f"{lines[i - 1].number}: either line {ln.number} was inserted or {span} {were}",
                   at), first.number


def _unlinked(lines: Sequence[Line], i: int, n: int, label: str, signed_before: bool) -> Problem:
    """Line i matches its own hash but its prev names no line of the log."""
    ln = lines[i]
    at = Pos(label, ln.number, 1)
    seq = ln.entry["seq"]
    if seq > n:
        gap = f"seq {n}" if seq == n + 1 else f"seq {n} to {seq - 1}"
        return Problem("PF603", f"entries were removed before this line: {gap} missing (this entry, seq "
                       f"{seq}, follows an entry that is no longer in the log)", at)
    if i == 0:
        return Problem("PF602", f"entry seq {seq} was edited: the first entry must follow {GENESIS[:8]}...", at)
    # each line matches its own hash, but this one's `prev` is not the line before's: either line was
    # edited and its hash recomputed, and the chain alone cannot tell which (located at the first of them)
    before = lines[i - 1].entry["seq"]
    if signed_before and "sig" in lines[i - 1].entry:  # its signature verified: it is as it was signed
        return Problem("PF602", f"entry seq {seq} was edited or added: it records a different hash for entry "
                       f"seq {before} (line {lines[i - 1].number}), whose signature verifies", at)
    return Problem("PF602", f"entry seq {before} or the entry after it (seq {seq}, line {ln.number}) was edited "
                   f"and its hash recomputed: line {ln.number} records a different hash for entry seq {before}",
                   Pos(label, lines[i - 1].number, 1))


def committed_end(lines: Sequence[Line], label: str, keys: dict | None = None,
                  statement: dict | None = None) -> int | None:
    """For repair: every complete line must verify, as verify checks it with the public `keys`
    and head `statement` given (and the seals the lines were read with), before a tail is cut.
    -> the index of the begin of an uncommitted last batch (what repair may cut), or None;
    raises the first problem of any other kind."""
    verdict = verify_lines(lines, label, keys=keys, statement=statement)
    if verdict.problem is None:
        return None
    if verdict.problem.code == "PF625":
        return verdict.entries  # entries before the begin line: the begin's index
    raise PathfitError([verdict.problem])
