"""decide on made-up firings, checked against the reference evaluator on the way: shared by
the property tests that compare policies (tests/test_undetermined_per_side.py,
tests/test_sponsorship_outcome.py)."""
from __future__ import annotations

from fractions import Fraction
from types import SimpleNamespace

from pathfit.engine.pipeline.decide import decide
from pathfit.engine.pipeline.model import Policy
from pathfit.engine.pipeline.firings import Firing

from . import reference


def checked_verdict(policy: Policy, evidence: list):
    """decide's verdict for fired rules with these weights (one row per rule, one weight per
    evidence outcome of the policy, in its order), after checking outcome, confidence,
    baseline and contributions (as fractions and in units) against tests/reference.py's ref_decide exactly."""
    names = policy.evidence_outcomes
    firings = [Firing(i, f"r{i:02d}", (), (), tuple((o, w) for o, w in zip(names, row) if w), (), None, False)
               for i, row in enumerate(evidence)]
    firings = [f for f in firings if f.evidence]
    rules = [SimpleNamespace(id=f.rule, then=SimpleNamespace(evidence=f.evidence, refer=None, not_now=False,
                                                             suggest=())) for f in firings]
    mine, ref = decide(policy, firings), reference.ref_decide(policy, rules)
    assert (mine.outcome, mine.confidence, mine.baseline) == (ref.outcome, ref.confidence, ref.baseline)
    assert dict(mine.contributions) == ref.contributions
    denominator, units = mine.units()  # what an audited record's shares are rounded from
    assert denominator > 0 and {r: Fraction(n, denominator) for r, n in units} == ref.contributions
    assert mine.baseline + sum(c for _, c in mine.contributions) == mine.confidence
    return mine
