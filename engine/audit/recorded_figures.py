"""What a recorded decision tells of its figures: whether an answer not yet given could still move
its confidence, or the reasons' shares of it, as far as the record says. A record keeps the effects
of the rules that fired only, so it says these itself (engine.audit.record.recorded_decision), and
a record made before it did is read with what its trace allows. Read by every view of a record
(the report, its graph, `audit show`, `replay`), never by a decision's own views, which work them
out from the decision in hand (reports.wording)."""
from __future__ import annotations

# After the figure of a settled record that cannot tell whether its reasons' shares could change
# (where one can, it is said in `recommend`'s words, figures.SHARES_ON_ANSWERS_GIVEN)
SHARES_NOT_RECORDED = "(whether answers not given could change the reasons' shares is not recorded)"


def record_open(decision: dict) -> bool | None:
    """Of a recorded decision (its JSON, as a record holds it): whether an answer not yet given
    could still move its confidence, as far as the record tells. A record that carries
    `confidence_open` (every one made since pathfit records it) says so, worked out when it was
    made by the test `recommend` words its figure with (reports.wording.confidence_open;
    engine.audit.record), and that is the answer. One made before (or a provisional decision's,
    whose field is null): False where its trace has no rule waiting on an unknown fact, since a
    rule that fired stays fired and one refuted stays refuted, so the evidence is final; otherwise
    None: such a record keeps the effects of the rules that fired only, so whether a waiting one
    carries evidence is not recorded. (A sealed record read without its key has neither `settled`
    nor `confidence_open`, and no view prints its figure as settled.)"""
    recorded = decision.get("confidence_open")
    if isinstance(recorded, bool):
        return recorded
    return None if record_waited(decision) else False


def record_shares_open(decision: dict) -> bool | None:
    """Of a recorded settled decision whose figure stays, whether an answer not yet given could
    change the reasons' shares of it, as far as the record tells: its `shares_open` where it
    carries one (pathfit 0.4.0 on); one made before: False where no rule waited (the evidence is
    final), else None, for whether a waiting rule would add to a reason's side is not recorded."""
    recorded = decision.get("shares_open")
    if isinstance(recorded, bool):
        return recorded
    return None if record_waited(decision) else False


def record_waited(decision: dict) -> bool:
    """Whether a recorded decision's trace has a rule waiting on an unknown fact (True where the
    trace cannot be read: nothing is ruled out). Such a rule may still fire and add evidence, so
    the ranking is "so far"; whether it would move the confidence is `record_open`'s question."""
    trace = decision.get("trace")
    entries = trace.get("not_fired") if isinstance(trace, dict) else None
    if not isinstance(entries, list):
        return True
    return any(isinstance(e, dict) and e.get("status") == "waiting" for e in entries)
