"""The explanation object `pathfit explain --format json` prints and `POST /v1/explain`
returns: written once here so the two can never drift apart."""
from __future__ import annotations

from threading import Event

from ..api import Decision, Engine
from ..errors import Pos, fail


def explanation(engine: Engine, decision: Decision, why_not_outcome: str | None = None,
                what_if_search: bool = False, where: str = "--what-if", stop: Event | None = None) -> dict:
    """How the outcome was derived (neither option), why not `why_not_outcome`, or what if.
    Asking for both is an error (PF613): one answer would silently be dropped. `stop`: the
    what-if search's (what_if.Abandoned once set); how and why not read one run, so need none."""
    from .how import how
    from .what_if import what_if
    from .why_not import why_not

    if why_not_outcome is not None and what_if_search:
        raise fail("PF613", "--why-not and --what-if answer different questions; ask one at a time", Pos(where))
    if why_not_outcome is not None:  # an empty one too: an outcome the policy does not give
        # the decision given in the policy's words, its referral's too, as the decision object has them
        # and whether it is settled, as the text marks it provisional where it is not
        return {**why_not(engine.ruleset, decision, why_not_outcome), "referral_label": decision.referral_label,
                "decided_settled": decision.settled}
    if what_if_search:
        return {"outcome": decision.outcome, "label": decision.label, "referral": decision.referral,
                "referral_label": decision.referral_label, "settled": decision.settled,
                **what_if(engine, dict(decision.facts), decision, stop)}
    return how(engine.ruleset, decision)
