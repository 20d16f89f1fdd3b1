"""Regressions from a review of what pathfit prints, each checked against the engine itself on
every completion of the unknown facts (an independent reference: the claim is about what
answers could do, and the engine says what each answer does).

- `explain --why-not` said a conclusion decided at a policy step "which the policy applies
  before weighing evidence" where an earlier step weighs evidence (tests/fixtures/claims/late).
- A settled decision's confidence was said to be on the answers given ("could move it") when
  the only rule waiting adds evidence the deciding clause does not weigh (claims/amg), and a
  `certain` decision's shares "could change" when no waiting rule could change who shares it
  (claims/both).
- "Why" for a referral listed fired rules that concluded another referral, or not now, which the
  policy did not take (claims/both).
- `missing` (and so the open questions and the interview) listed a fact read only by a rule
  that derives a fact that already holds (claims/over)."""
from __future__ import annotations

import itertools
import json

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine

from .helpers import HERE

CLAIMS = HERE / "fixtures" / "claims"


def _run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _completions(engine: Engine, facts: dict):
    """Every way to answer the unknown facts (booleans: each value; numbers: 0 and 5)."""
    unknown = [f for f in engine.ruleset.inputs if f.name not in facts]
    choices = [(True, False) if f.type == "bool" else (0, 5) for f in unknown]
    for values in itertools.product(*choices):
        yield {**facts, **{f.name: v for f, v in zip(unknown, values)}}


def test_why_not_says_before_weighing_evidence_only_where_no_step_before_weighs_it():
    late = _run("explain", "--rules", str(CLAIMS / "late"), "--fact", "a=false", "--fact", "b=true",
                "--fact", "c=true", "--why-not", "mentoring")
    assert "Policy step 2 decided first" in late and "before weighing" not in " ".join(late.split())
    first = _run("explain", "--rules", str(CLAIMS / "both"), "--fact", "a=false", "--fact", "b=true",
                 "--fact", "c=true", "--fact", "n=5", "--why-not", "mentoring")
    assert "Policy step 1 decided first" in first
    assert "which the policy applies before weighing evidence" in " ".join(first.split())


def test_a_confidence_no_answer_moves_is_shown_final():
    facts = {"a": True}
    with Engine.load(CLAIMS / "amg") as engine:
        d = engine.evaluate(facts)
        assert d.settled and d.missing == () and [r.id for r in d.waiting] == ["s.b"]
        # the reference: every answer to b gives this outcome at this confidence
        assert {(engine.evaluate(p).outcome, engine.evaluate(p).confidence)
                for p in _completions(engine, facts)} == {(d.outcome, d.confidence)}
    text = _run("recommend", "--rules", str(CLAIMS / "amg"), "--fact", "a=true")
    assert text.splitlines()[1] == "Confidence: 1.00"
    tree = json.loads(_run("explain", "--rules", str(CLAIMS / "amg"), "--fact", "a=true", "--format", "json"))
    assert "confidence_open" not in json.dumps(tree)


def test_certain_shares_no_answer_changes_are_shown_final():
    facts = {"a": False, "c": True, "n": 5}
    with Engine.load(CLAIMS / "both") as engine:
        d = engine.evaluate(facts)
        assert d.settled and [r.id for r in d.waiting] == ["m.b"]
        assert {(engine.evaluate(p).outcome, engine.evaluate(p).contributions)
                for p in _completions(engine, facts)} == {(d.outcome, d.contributions)}
    text = " ".join(_run("recommend", "--rules", str(CLAIMS / "both"), "--fact", "a=false", "--fact", "c=true",
                         "--fact", "n=5").split())
    assert "the reasons that concluded it share it)" in text and "might change them" not in text


def test_why_lists_only_the_rules_that_concluded_the_referral_given():
    text = _run("recommend", "--rules", str(CLAIMS / "both"), "--fact", "a=true", "--fact", "b=true",
                "--fact", "c=true", "--fact", "n=0")
    reasons = [line.strip() for line in text.splitlines() if line.startswith("  - ")]
    assert reasons == ["- Few hours conclude training. [kb#goals] (+1.00)"], text
    with Engine.load(CLAIMS / "both") as engine:
        d = engine.evaluate({"a": True, "b": True, "c": True, "n": 0})
        assert (d.outcome, d.referral, [r for r, _ in d.contributions]) == ("refer", "training", ["r.n"])


def test_missing_leaves_out_a_fact_read_only_to_derive_what_already_holds():
    facts = {"a": True}
    with Engine.load(CLAIMS / "over") as engine:
        d = engine.evaluate(facts)
        assert d.missing == ("c",)
        # the reference: b's answer never changes the advice, whatever c is; c's does
        outcomes = {(p["b"], p["c"]): engine.evaluate(p).outcome for p in _completions(engine, facts)}
        assert all(outcomes[True, c] == outcomes[False, c] for c in (True, False))
        assert outcomes[True, True] != outcomes[True, False]
