"""`pathfit impact`: what a rule change does to real people, before anyone is advised.

Every profile of a corpus (CSV or JSON Lines, read as `pathfit batch` reads
them) is evaluated under the base rule set and under the new one. A profile's
*decision* is its outcome with its referral; it changed when either changed.
What else a person's result shows is compared too: the confidence figure, whether
the advice is provisional, the formats, and the rules that now fire or no longer
fire (a rule change that moves no outcome today may still move one tomorrow).
Which rules fire is known only where a version decided the profile: one it
refused (PF231) or found invalid has no firings to compare, so a profile
undecided on either side is left out of the firing diff and the per-rule counts
(and the report says how many), never shown as firing nothing there.

A row that cannot be read, or that is invalid under both rule sets, is bad
input: the corpus must be fixed first. A row valid under one rule set only
(a fact was added or removed) is an impact like any other: its decision on
the other side is `invalid (code)`. A row a version refused (`refused (PF231)`:
two of its rules clash for this person) is the rules' fault, not the corpus's,
and a row like any other, whatever the other version did with it.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..errors import RULES_REFUSE, PathfitError, Pos, Problem
from ..pipeline.policy import declared_names
from ..pipeline.profile import SUBJECT
from ..pipeline.rationals import lowest
from ..quote import row_name
from ..cohort.locate import at_input, relocated
from ..cohort.csv_read import typed_alike
from ..cohort.rows import parsed, read_rows, sniff_kind


class Side(NamedTuple):
    """One profile under one rule set; formats, fired, confidence and settled are None where it
    was not decided. The confidence is the decision's own figure, as every JSON output and record
    gives it, and `exact` its exact value, from which the text prints it as `recommend` does;
    settled is False where the advice is provisional (the text then gives no figure; JSON, batch
    results and records still carry it)."""

    outcome: str | None
    referral: str | None
    formats: tuple | None
    fired: tuple | None
    error: Problem | None = None
    confidence: float | None = None
    settled: bool | None = None
    exact: tuple | None = None  # the confidence's exact value, (n, d) in lowest terms: what is compared and printed
    # the engine's problems as (code, message), before each is moved to the row: what a refusal
    # is compared by, as the moved message names the rule files' folder, which differs between versions
    reason: tuple | None = None
    problems: tuple = ()  # every problem of a profile not decided, each at its place (`error` is the first), all shown

    @property
    def refused(self) -> bool:
        """Not decided though the profile is valid here: the rule set refused it."""
        return self.error is not None and self.error.code in RULES_REFUSE

    @property
    def label(self) -> str:
        if self.error is not None:
            return f"{'refused' if self.refused else 'invalid'} ({self.error.code})"
        return f"refer ({self.referral})" if self.outcome == "refer" and self.referral else str(self.outcome)


class RowImpact(NamedTuple):
    number: int
    line: int
    id: str | None
    before: Side
    after: Side

    @property
    def name(self) -> str:
        """As `batch` names a row (quote.row_name): by number first, so no id reads as another row."""
        return row_name(self.number, self.id)

    @property
    def decision_changed(self) -> bool:
        return self.before.label != self.after.label

    @property
    def decided(self) -> bool:
        """Both versions decided this profile: only then are both sides' firings known."""
        return self.before.error is None and self.after.error is None

    @property
    def now_fired(self) -> list[str] | None:
        """Rules that fire after and not before; None where a side did not decide."""
        if not self.decided:
            return None
        return sorted(set(self.after.fired) - set(self.before.fired))

    @property
    def no_longer_fired(self) -> list[str] | None:
        """Rules that fired before and not after; None where a side did not decide."""
        if not self.decided:
            return None
        return sorted(set(self.before.fired) - set(self.after.fired))

    @property
    def formats_changed(self) -> str | None:
        """How the formats changed: "members" when they differ, "order" when the same ones are listed in
        another order (a decision lists them in the policy's order, so reordering the policy's
        `formats:` reorders what a person is shown without changing what is suggested),
        None when unchanged or a side did not decide."""
        if not self.decided or self.before.formats == self.after.formats:
            return None
        return "order" if sorted(self.before.formats) == sorted(self.after.formats) else "members"

    @property
    def confidence_changed(self) -> bool | None:
        """The confidence changed, exactly (a change the four-place figures round away too); None
        where a side did not decide."""
        return None if not self.decided else self.before.exact != self.after.exact

    @property
    def settled_changed(self) -> bool | None:
        """The advice became provisional, or settled; None where a side did not decide."""
        return None if not self.decided else self.before.settled != self.after.settled

    @property
    def refusal_changed(self) -> bool:
        """Refused under both versions for another reason: other rules or values clash (the
        label, `refused (PF231)`, is the same, and hid that the rules refusing the person
        changed). Compared by the engine's own problems, which name the fact, its values and the
        rules setting them, not where the rules are written (the message a row shows adds that,
        and so differs between two folders): a rule that only moved changes nothing here."""
        return self.before.refused and self.after.refused and self.before.reason != self.after.reason

    @property
    def changed(self) -> bool:
        """The decision, its confidence, whether it is provisional, the formats, the rules
        that fired or why the rules refused the person changed (the open questions, shares and
        ranking are not compared)."""
        return self.decision_changed or bool(self.now_fired or self.no_longer_fired) or \
            self.formats_changed is not None or bool(self.confidence_changed or self.settled_changed) or \
            self.refusal_changed


class ImpactReport(NamedTuple):
    base: str
    rules: str
    profiles: str
    rows: tuple  # RowImpact, in file order
    order: tuple = ()  # outcomes in the new policy's declared order, then any only the base declares

    def counts(self) -> list[tuple[str, int, int]]:
        """(decision label, profiles before, after), in the policies' declared outcome order;
        referrals of one outcome by name, decisions invalid on one side last."""
        before: dict[str, int] = {}
        after: dict[str, int] = {}
        for row in self.rows:
            before[row.before.label] = before.get(row.before.label, 0) + 1
            after[row.after.label] = after.get(row.after.label, 0) + 1
        labels = sorted(set(before) | set(after), key=lambda label: _label_order(label, self.order))
        return [(label, before.get(label, 0), after.get(label, 0)) for label in labels]

    def undecided(self) -> tuple[int, int]:
        """(profiles the base did not decide, profiles the new version did not decide):
        invalid there or refused; only one refused under a version can be both."""
        return (sum(1 for row in self.rows if row.before.error is not None),
                sum(1 for row in self.rows if row.after.error is not None))

    def decided(self) -> int:
        """The profiles both versions decided, which the rule table counts firings over."""
        return sum(1 for row in self.rows if row.decided)

    def rule_changes(self, base_rules: tuple, new_rules: tuple) -> list[dict]:
        """Rules added, removed or modified between the versions, and rules whose firing
        over the corpus changed: status, firings before and after, profiles that moved.
        Firings are counted over the profiles both versions decided (`undecided` says how
        many are not): which rules fired for a refused or invalid profile is not known."""
        from ..pipeline.ruleset import canonical

        old = {r.id: canonical(r) for r in base_rules}
        new = {r.id: canonical(r) for r in new_rules}
        decided = [row for row in self.rows if row.decided]
        before: dict[str, int] = {}
        after: dict[str, int] = {}
        # profiles each rule moved in, counted from each profile's two sets of firings: one
        # pass over the firings, where asking every rule of every profile grew as rules x firings
        moved_in: dict[str, int] = {}
        for row in decided:
            for r in row.before.fired:
                before[r] = before.get(r, 0) + 1
            for r in row.after.fired:
                after[r] = after.get(r, 0) + 1
            for r in set(row.before.fired) ^ set(row.after.fired):
                moved_in[r] = moved_in.get(r, 0) + 1
        out = []
        for rule in sorted(set(old) | set(new)):
            status = "added" if rule not in old else "removed" if rule not in new else \
                "modified" if old[rule] != new[rule] else "unchanged"
            moved = moved_in.get(rule, 0)
            if moved or status != "unchanged":
                out.append({"rule": rule, "status": status, "before": before.get(rule, 0),
                            "after": after.get(rule, 0), "profiles_changed": moved})
        return out


def _label_order(label: str, order: tuple) -> tuple:
    head = label.split(" ", 1)[0]
    return (order.index(head) if head in order else len(order), label)


def compare(base_engine, new_engine, path: str | Path, kind: str | None = None) -> ImpactReport:
    """Raises PathfitError listing every unreadable row and every row invalid under both."""
    path = Path(path)
    label = str(path)
    kind = sniff_kind(label, kind)
    problems: list[Problem] = []
    rows = []
    base_facts, new_facts = base_engine.ruleset.facts, new_engine.ruleset.facts
    # a CSV header may name a fact of either version (one added or removed is an impact, its
    # rows invalid on the other side), each side's cells typed by its own facts first
    base_columns, new_columns = _columns(new_facts, base_facts), _columns(base_facts, new_facts)
    # a JSON Lines row is read without the facts, and a CSV row whose columns both versions
    # type alike is read alike: read once and shared, not decoded and typed again per version
    alike = kind == "jsonl" or typed_alike(base_columns, new_columns)
    try:
        # read once, each row typed for each version: a corpus in a pipe has one reader's worth
        # of bytes, and two readers of it would each get part of the rows, cut anywhere
        with open(path, "rb") as stream:
            for item in read_rows(stream, label, kind, base_columns, parse=False):
                row_a = parsed(item, label, base_columns)
                row_b = row_a if alike else parsed(item, label, new_columns)
                if row_a.error is not None:  # every problem of the row, as `batch` names them
                    problems.extend(_unreadable(base_engine, new_engine, row_a, row_b, label))
                    continue
                before = _side(base_engine, row_a, label)
                after = _side(new_engine, row_b, label)
                if before.error is not None and after.error is not None and not (before.refused or after.refused):
                    problems.extend(_both_invalid(before.problems, after.problems))
                    continue
                rows.append(RowImpact(row_a.number, row_a.line, row_a.id, before, after))
    except OSError as exc:
        raise PathfitError([Problem("PF100", f"cannot read file: {exc.strerror or exc}", Pos(label))]) from None
    if problems:
        raise PathfitError(problems)
    if not rows:
        raise PathfitError([Problem("PF406", "the corpus holds no profiles", Pos(label))])
    new, base = declared_names(new_engine.ruleset.policy), declared_names(base_engine.ruleset.policy)
    order = tuple(dict.fromkeys(new + base))
    return ImpactReport(base_engine.ruleset.directory, new_engine.ruleset.directory, label, tuple(rows), order)


def _unreadable(base_engine, new_engine, row_a, row_b, label: str) -> list[Problem]:
    """A row with problems found as it was read: each of them and, where it kept its facts, their
    problems under both versions as for a row neither takes (a fact's problem under one alone is
    an impact, which a row to be fixed first need not show)."""
    problems = [row_a.error, *row_a.more]
    if row_a.profile is not None:
        before, after = _side(base_engine, row_a, label), _side(new_engine, row_b, label)
        if before.error is not None and after.error is not None and not (before.refused or after.refused):
            problems += _both_invalid(before.problems, after.problems)
    return problems


def _both_invalid(base: tuple, new: tuple) -> list[Problem]:
    """A row neither version takes: every problem of it (as `batch` names each, so that the row is
    fixed in one pass), once where both say the same, else each side's naming its side: the base's
    alone (`unknown fact`) would be false of a new version that has the fact and refuses its value."""
    return [p for p in base if p in new] + [
        Problem(p.code, f"{p.message} (under the {side} rule set)", p.pos, p.severity)
        for side, mine, other in (("base", base, new), ("new", new, base)) for p in mine if p not in other]


def _columns(other: dict, own: dict) -> dict:
    """The facts a CSV corpus's columns are read by for one side: its `own` facts, then the
    `other` version's; a fact derived on one side and an input on the other is read as the
    input, so that its column is taken (a header naming a derived fact is refused) and its
    rows are invalid (PF405) on the side that derives it. A `subject` column is the fact only
    where that side has one: elsewhere it is whom the row is about, read as text, as `batch`
    reads it under that version (typed by the other's fact, `yes` would be `true`, no subject);
    derived on one side and the subject on the other, it is taken, and PF405 where derived."""
    out = {**{name: fact for name, fact in other.items() if name != SUBJECT}, **own}
    for name in other.keys() & own.keys():
        if own[name].kind == "derived":
            out[name] = other[name]
    if SUBJECT not in other and SUBJECT in own and own[SUBJECT].kind == "derived":
        del out[SUBJECT]
    return out


def _side(engine, row, label: str) -> Side:
    try:
        d = engine.evaluate(row.profile, label)
    except PathfitError as err:
        # at the row's cell or key, or, found at a rule, at the row's start: as `batch` has them
        problems = relocated(engine, row, label, at_input(err.problems, label))
        reason = tuple((p.code, p.message) for p in err.problems)
        each = tuple(p._replace(pos=Pos(label, p.pos.line or row.line, p.pos.col or 1)) for p in problems)
        return Side(None, None, None, None, each[0], reason=reason, problems=each)
    return Side(d.outcome, d.referral, tuple(d.formats), tuple(d.fired), None, d.confidence, d.settled,
                lowest(*d.verdict.confidence_ratio))
