"""`missing` leaves out no question whose answer can change the advice: for any completion
of a person's unknown facts, an answer that changes the outcome or the referral when it
alone changes belongs to a fact `missing` lists. Outcomes come from the reference
evaluator (tests/reference.py), not from the engine.

The completions answer what a rule tests with `is: known` / `is: unknown` too. Regression:
they once left those facts unknown, as `missing` could not see past such a test (learning
the fact turns it over, so a rule that fired may fire no longer and one failed may fire, and
a fact that matters only then was not listed); on the generated bases it missed some."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

from pathfit.engine import Engine
from tools import synth

from .reference import evaluate as reference

ROOT = Path(__file__).resolve().parent.parent


def _answers(rng: random.Random, fact, points: list) -> list:
    """Answers to try for one fact: every value of a yes/no or one-of question, some of a
    list's or a number's."""
    if fact.type == "bool":
        return [True, False]
    if fact.type == "enum":
        return list(fact.values)
    return [synth.random_value(rng, fact, points) for _ in range(6)]


def _unlisted_but_deciding(engine: Engine, people: list[dict], seed: int, completions: int) -> list:
    rs = engine.ruleset
    rng = random.Random(seed)
    points = synth.thresholds(rs)
    found = []
    verdicts: dict = {}

    def verdict(facts: dict):
        """The reference's verdict, each person evaluated once: every value of a yes/no or
        one-of question tried gives back the completion itself, once for each fact tried."""
        key = tuple(sorted((name, type(value).__name__, repr(value)) for name, value in facts.items()))
        if key not in verdicts:
            verdicts[key] = reference(rs, facts).verdict
        return verdicts[key]

    for person in people:
        known = {k: v for k, v in person.items() if v is not None and k != "id"}
        listed = set(engine.evaluate(known).missing)
        unknown = [f for f in rs.inputs if f.name not in known]
        for _ in range(completions):
            full = {**known, **{f.name: synth.random_value(rng, f, points.get(f.name, [])) for f in unknown}}
            for fact in unknown:
                if fact.name in listed:
                    continue
                seen = {(v.outcome, v.referral) for v in
                        (verdict({**full, fact.name: a}) for a in _answers(rng, fact, points.get(fact.name, [])))}
                if len(seen) > 1:
                    found.append((person, fact.name, sorted(seen)))
    return found


def test_the_reviewed_case_lists_the_question_that_decides_coaching_against_a_blend():
    """Regression: with more mentoring evidence pending, whether the need is a team's
    decided coaching against a blend, yet `team_goal` was not listed: each pending rule
    was tried alone, or with its own outcome's, never beside another outcome's evidence."""
    row = json.loads((ROOT / "examples" / "corpus.jsonl").read_text().splitlines()[31])
    del row["id"]
    with Engine.load() as engine:
        decision = engine.evaluate(row)
        assert "team_goal" not in row and "open_with_mentor" not in row
        assert "team_goal" in decision.missing
        rs = engine.ruleset
        both = {(reference(rs, {**row, "open_with_mentor": True, "team_goal": t}).verdict.outcome) for t in (True, False)}
        assert both == {"coaching", "blended"}


def test_no_deciding_question_is_left_out_on_the_bundled_corpus():
    people = [json.loads(line) for line in (ROOT / "examples" / "corpus.jsonl").read_text().splitlines()]
    with Engine.load() as engine:
        assert _unlisted_but_deciding(engine, people, seed=3, completions=2) == []


@pytest.mark.parametrize("size,seed", [(20, 1), (30, 2), (40, 7)])
def test_no_deciding_question_is_left_out_on_generated_rule_bases(tmp_path, size, seed):
    synth.write_rule_base(tmp_path / "rules", size, seed=seed)
    with Engine.load(tmp_path / "rules") as engine:
        people = synth.profiles(engine.ruleset, 40, seed=seed, known_fraction=0.5)
        assert _unlisted_but_deciding(engine, people, seed=seed, completions=2) == []


def _move_conclusions(rules: Path, seed: int) -> list:
    """Rewrite a generated base's policy with its `concluded` clauses at random places before the
    last clause, not first: a referral or not now then decides only where the evidence lets
    the clauses before it pass, so it can matter only beside other pending evidence."""
    doc = yaml.safe_load((rules / "policy.yaml").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    rest = [c for c in doc["decision"] if "concluded" not in c["when"]]
    for clause in [c for c in doc["decision"] if "concluded" in c["when"]]:
        rest.insert(rng.randrange(1, len(rest)), clause)  # never first, never after the catch-all
    doc["decision"] = rest
    (rules / "policy.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return [c["outcome"] for c in rest]


@pytest.mark.parametrize("size,seed", [(20, 1), (20, 5), (30, 2)])
def test_no_deciding_question_is_left_out_with_conclusions_after_evidence_clauses(tmp_path, size, seed):
    """The generated bases again, with the referral and not-now clauses placed after evidence
    clauses: a pending rule that refers or concludes not now is listed when, beside some of
    the other pending evidence, its conclusion changes the outcome."""
    synth.write_rule_base(tmp_path / "rules", size, seed=seed)
    order = _move_conclusions(tmp_path / "rules", seed)
    assert order.index("refer") > 0 and order.index("not_now") > 0
    with Engine.load(tmp_path / "rules") as engine:
        people = synth.profiles(engine.ruleset, 40, seed=seed, known_fraction=0.5)
        assert _unlisted_but_deciding(engine, people, seed=seed, completions=2) == []


def _late_conclusion(where: Path, conclusion: str) -> None:
    """A rule set whose clause for `conclusion` (refer or not_now) comes after `leads: coaching`:
    a=yes gives coaching 2, b=yes mentoring 3, c=yes the conclusion."""
    then = "{refer: training}" if conclusion == "refer" else "{not_now: true}"
    files = {
        "schema.yaml": "ruleset: late\nknowledge_base: knowledge_base.md\nfacts:\n" + "".join(
            f"  {f}: {{type: bool, question: Does {f.upper()} hold?}}\n" for f in "abc") + "derived: {}\n",
        "policy.yaml": f"""evidence_outcomes: [coaching, mentoring]
referrals: [training]
formats: {{}}
decision:
  - {{outcome: coaching, when: {{leads: coaching}}, confidence: share}}
  - {{outcome: {conclusion}, when: {{concluded: {conclusion}}}, confidence: certain}}
  - {{outcome: mentoring, when: {{leads: mentoring}}, confidence: share}}
  - {{outcome: undetermined, when: {{}}, confidence: balance}}
""",
        "rules.yaml": f"""rules:
  - {{id: c.a, reason: A says coaching., cites: [goals], when: {{fact: a, equals: true}}, then: {{evidence: {{coaching: 2}}}}}}
  - {{id: m.b, reason: B says mentoring., cites: [mentors], when: {{fact: b, equals: true}}, then: {{evidence: {{mentoring: 3}}}}}}
  - {{id: r.c, reason: C concludes., cites: [readiness], when: {{fact: c, equals: true}}, then: {then}}}
""",
        "knowledge_base.md": "# Knowledge base\n\n" + "".join(
            f"## {s.title()} <a id=\"{s}\"></a>\n\nText.\n\n" for s in ("goals", "mentors", "readiness")),
    }
    for name, text in files.items():
        (where / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("conclusion,given", [("refer", "training"), ("not_now", None)])
def test_a_conclusion_after_a_leads_clause_is_listed_when_pending_evidence_could_let_it_decide(
        tmp_path, conclusion, given):
    """Regression: coaching leads on a=yes, so the referral (or not now) tried alone on what
    fired changed nothing and c was left out; yet once b=yes gives mentoring the lead, c
    alone decides between the conclusion and mentoring."""
    _late_conclusion(tmp_path, conclusion)
    with Engine.load(tmp_path) as engine:
        decision = engine.evaluate({"a": True})
        assert decision.outcome == "coaching" and not decision.settled
        assert decision.missing == ("b", "c")
        rs = engine.ruleset
        both = {(v.outcome, v.referral) for v in
                (reference(rs, {"a": True, "b": True, "c": c}).verdict for c in (True, False))}
        assert both == {(conclusion, given), ("mentoring", None)}
        assert engine.evaluate({"a": True, "b": False}).missing == ()  # coaching leads whatever c is
