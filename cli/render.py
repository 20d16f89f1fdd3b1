"""Plain-language rendering of a Decision for HR staff, readable at 80 columns."""
from __future__ import annotations

import textwrap

import click

from engine import Decision
from engine.model import RuleSet

HEADLINE = {
    "coaching": "Executive coaching",
    "mentoring": "Mentoring",
    "blended": "A blend of coaching and mentoring",
    "refer": "Refer elsewhere",
    "not_now": "Not now",
    "undetermined": "Undetermined: more information needed",
}


def render_text(rs: RuleSet, d: Decision, width: int = 80) -> str:
    lines = []
    head = HEADLINE[d.outcome]
    if d.referral:
        head += f" ({d.referral.replace('_', ' ')})"
    lines.append(click.style(f"Recommendation: {head}", bold=True) + f"  [confidence {d.confidence:.2f}]")
    contributions = dict(d.contributions)
    reasons = [r for r in d.fired if rs.rule(r).then.evidence or rs.rule(r).then.refer or rs.rule(r).then.not_now]
    if reasons:
        lines.append("")
        lines.append(click.style("Why:", bold=True))
        for rule_id in reasons:
            rule = rs.rule(rule_id)
            share = contributions.get(rule_id)
            tail = f" ({share:+.2f})" if share is not None else ""
            body = f"{rule.reason} [{', '.join('kb#' + c for c in rule.cites)}]{tail}"
            lines.extend(textwrap.wrap(body, width, initial_indent="  - ", subsequent_indent="    "))
    if d.formats:
        lines.append("")
        lines.append(click.style("Suggested formats: ", bold=True) + ", ".join(f.replace("_", " ") for f in d.formats))
    if d.missing:
        lines.append("")
        lines.append(click.style("Open questions that could change this:", bold=True))
        for name in d.missing:
            lines.extend(textwrap.wrap(rs.facts[name].question or name, width, initial_indent="  ? ",
                                       subsequent_indent="    "))
    return "\n".join(lines)
