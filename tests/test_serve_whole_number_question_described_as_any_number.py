"""Regression: a number question that takes whole numbers only (`integer: true`) was described
on the page as any number in its range, "(1 to 120; empty if not known)", where the interview
asks for "(a whole number, 1 to 120 months)": one using a screen reader heard nothing of it
until the browser refused 2.5 (the box's step) or pathfit did (PF402). Now its description
says it wants a whole number, as the interview's does, and a question taking any number is
described as before."""
from __future__ import annotations

import re

from pathfit.engine.explain.answers import hint
from pathfit.engine.service import page

from .audit_support import engine  # the module-scoped fixture the audit tests share


def _range(text: str, name: str) -> str:
    return re.search(rf'<span class="help" id="r-{name}">(.*?)</span>', text).group(1)


def test_a_whole_number_question_is_described_as_one_as_the_interview_asks_it(engine):
    rs = engine.ruleset
    facts = dict(rs.facts)
    facts["horizon_months"] = facts["horizon_months"]._replace(integer=True)
    whole = rs._replace(facts=facts)
    text = page.page(whole, [], {"horizon_months": None, "hours_per_month": None})
    for name in ("horizon_months", "hours_per_month"):
        fact = whole.facts[name]
        said = _range(text, name)
        assert ("whole number" in said) == ("whole number" in hint(fact)) == fact.integer, (name, said)
        control = re.search(rf'<input type="number" name="{name}"[^>]*>', text).group(0)
        assert f"r-{name}" in control and f'step="{1 if fact.integer else "any"}"' in control
