"""Write examples/corpus.jsonl: 240 varied, seeded profiles for `pathfit impact`.

    python -m tools.make_corpus            # rewrite examples/corpus.jsonl
    python -m tools.make_corpus --stdout   # print instead

Why generated, not hand-written: an impact report is only as good as its corpus,
which must reach every outcome and referral, many combinations of facts, and
partial profiles (unknown facts are the normal case at intake). Why seeded: the
same command gives the same bytes, so a corpus change is a reviewable diff.

Each profile starts from one of fifteen personas (the people the rules were
written for), then a few of its facts are changed to other valid values and
some are left unknown. Values come from the bundled schema, so every profile
is valid; a persona names only facts, never rules.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from pathfit.engine.pipeline.ruleset import bundled_rules_dir, read_ruleset

SEED = 20261124
COUNT = 240
OUT = Path(__file__).resolve().parent.parent / "examples" / "corpus.jsonl"

PERSONAS: dict[str, dict] = {
    "new-vp-structure": {"career_stage": "senior_leader", "trigger": "new_role", "needs": ["specific_skill"],
                         "goal_clarity": "specific", "measurable_soon": True, "horizon_months": 9,
                         "preferred_structure": "structured", "guidance_style": "challenge_and_feedback",
                         "ready_for_change": True, "hours_per_month": 6, "budget_external_coach": True},
    "graduate-direction": {"career_stage": "early_career", "needs": ["career_direction", "network"],
                           "goal_clarity": "undefined", "horizon_months": 36, "preferred_structure": "flexible",
                           "guidance_style": "advice_from_experience", "hours_per_month": 2,
                           "willing_to_change": True, "open_with_mentor": True},
    "derailing-exec": {"career_stage": "executive", "trigger": "derailment_risk", "needs": ["behaviour_change"],
                       "ready_for_change": True, "hours_per_month": 4, "confidential_matter": True,
                       "budget_external_coach": True},
    "successor": {"career_stage": "mid_career", "trigger": "succession", "needs": ["knowledge_transfer",
                  "organisational_know_how"], "domain_experience_needed": True, "mentor_available": True,
                  "horizon_months": 24, "willing_to_change": True, "hours_per_month": 3, "open_with_mentor": True},
    "team-goal": {"team_goal": True, "needs": ["performance"], "goal_clarity": "specific",
                  "sponsor_needs_reports": True, "willing_to_change": True, "hours_per_month": 8},
    "dual-need": {"career_stage": "mid_career", "needs": ["specific_skill", "career_direction"],
                  "goal_clarity": "specific", "measurable_soon": True, "horizon_months": 24,
                  "preferred_structure": "flexible", "willing_to_change": True, "hours_per_month": 4,
                  "open_with_mentor": True},
    "expert-answer": {"career_stage": "senior_leader", "needs": ["expert_answer"]},
    "missing-basics": {"career_stage": "early_career", "trigger": "new_role", "needs": ["basic_skills"]},
    "senior-transition": {"career_stage": "senior_leader", "trigger": "new_role",
                          "needs": ["organisational_know_how"], "remote_only": False, "hours_per_month": 4,
                          "open_with_mentor": True},
    "inclusion": {"trigger": "inclusion_programme", "career_stage": "early_career", "needs": ["network"],
                  "mentor_available": False, "willing_to_change": True, "hours_per_month": 2, "open_with_mentor": True},
    "wellbeing": {"wellbeing_concern": True, "needs": ["performance"], "major_disruption": False},
    "hr-process": {"formal_performance_process": True, "needs": ["behaviour_change"], "ready_for_change": False},
    "overcommitted": {"hours_per_month": 0, "needs": ["sounding_board"], "career_stage": "executive"},
    "intake-only": {"career_stage": "mid_career"},
    "passed-over-advocate": {"career_stage": "mid_career", "needs": ["advocacy"], "willing_to_change": True,
                             "hours_per_month": 2, "open_with_mentor": True},
}


def _value(rng: random.Random, fact):
    if fact.type == "bool":
        return rng.random() < 0.5
    if fact.type == "enum":
        return rng.choice(fact.values)
    if fact.type == "set":
        return sorted(rng.sample(fact.values, rng.choice([1, 1, 2, 2, 3])))
    lo, hi = int(fact.minimum), int(fact.maximum)
    return rng.choice([lo, lo + 1, (lo + hi) // 8, (lo + hi) // 4, rng.randint(lo, hi)])


def build(count: int = COUNT, seed: int = SEED) -> str:
    """The corpus text: one JSON object per line, `id` first, facts in schema order."""
    rs = read_ruleset(bundled_rules_dir())
    inputs = {f.name: f for f in rs.inputs}
    rng = random.Random(seed)
    names = sorted(PERSONAS)
    lines = []
    for i in range(count):
        persona = names[i % len(names)]
        facts = dict(PERSONAS[persona])
        if i >= len(names):  # the first round is the personas as written
            for name in rng.sample(sorted(inputs), rng.randint(1, 4)):
                facts[name] = _value(rng, inputs[name])
            for name in sorted(facts):
                if rng.random() < 0.12:
                    del facts[name]
        row = {"id": f"p{i + 1:03d}-{persona}"}
        row.update({n: facts[n] for n in inputs if n in facts})
        lines.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stdout", action="store_true", help="print instead of writing examples/corpus.jsonl")
    args = parser.parse_args(argv)
    text = build()
    if args.stdout:
        sys.stdout.write(text)
    else:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT} ({text.count(chr(10))} profiles)", file=sys.stderr)


if __name__ == "__main__":
    main()
