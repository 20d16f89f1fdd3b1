"""The interview's `why`, asked again and again at one question: each time one step further
along the chain of reasoning from the answer to the advice, as a consultation system's
repeated WHY does.

The first `why` says what the rules the answer feeds say (those that read it, and those
that read a fact one of them derives), with the knowledge-base sections they cite; the
second, what each of those does when it holds (a fact it establishes, evidence for an
outcome, a referral, not now, a format); each later one, the rules a step further along,
which read what the step before establishes, and what they do, until nothing reads what
the last step establishes. The steps are the rule set's own who-reads-what
(explain/interview.chain_levels) and each rule's own effect (explain/labels.effect_text):
nothing here works out what a rule means.
"""
from __future__ import annotations

from typing import Callable

from pathfit.engine.explain.interview import chain_levels
from pathfit.engine.explain.labels import effect_text, rule_sources
from pathfit.engine.reports.wrap import fill

END = "That is the whole chain from this answer to the advice: no further rule reads a fact these establish."


def say_why(engine, name: str, times: int, say: Callable[..., None], width: int = 80, ids: bool = False) -> None:
    """`why` asked `times` times in a row at the question about `name`."""
    rs = engine.ruleset
    levels = chain_levels(rs, name)
    if times == 1:
        shown, further = [r for level in levels[:2] for r in level], sum(len(level) for level in levels[2:])
        total = len(shown) + further
        say(f"This answer feeds {total} rule{'' if total == 1 else 's'}" + (
            ":" if not further else f"; these {len(shown)} read it, or a fact a rule reading it derives:"))
        _rules(rs, shown, say, width, ids, then=False)
        if further:
            say(f"  and {further} more further along, through what these derive.")
        return
    step = times  # the second why shows steps 1 and 2 again, with what they do; each later one, one step
    if step == 2:
        shown = [r for level in levels[:2] for r in level]
    else:
        shown = levels[step - 1] if step <= len(levels) else []
    if shown and step == 2:
        say("What these rules do when they hold:")
    elif shown:
        say(fill(f"Further along (step {step}): the rules that read what the step before establishes, "
                 "and what they do when they hold:", width - 2))
    _rules(rs, shown, say, width, ids, then=True)
    if step < len(levels):
        nxt = len(levels[step])
        say(fill(f"Ask why again for the {nxt} rule{'' if nxt == 1 else 's'} a step further along.", width - 2))
    else:
        say(fill(END, width - 2))


def _rules(rs, rules: list, say: Callable[..., None], width: int, ids: bool, then: bool) -> None:
    """Each rule as the first `why` shows it; with `then`, what it does when it holds."""
    for rule in rules:
        text = (f"{rule.id}: {rule.reason}" if ids else
                f"{rule.reason} (knowledge base: {rule_sources(rs, rule.id)})")
        say(fill(text, width - 2, initial_indent="  - ", subsequent_indent="    "))
        if then:
            say(fill(f"Then: {effect_text(rs, rule)}.", width - 2, initial_indent="    ", subsequent_indent="      "))
