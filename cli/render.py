"""A Decision for people: plain text at 80 columns, or Markdown."""
from __future__ import annotations

import textwrap

import click

from pathfit.engine import Decision
from pathfit.engine.pipeline.model import RuleSet
from pathfit.engine.pipeline.policy import concluded_outcomes

HEADLINE = {
    "coaching": "Executive coaching",
    "mentoring": "Mentoring",
    "blended": "A blend of coaching and mentoring",
    "refer": "Refer elsewhere",
    "not_now": "Not now",
    "undetermined": "Undetermined: more information is needed",
}
REFERRAL = {
    "counselling": "counselling or therapy (in any imminent danger: emergency services now)",
    "hr_process": "the HR and line-manager process already under way",
    "training": "training in the basics first",
    "consulting": "consulting or organisational change, not personal development",
}


def headline(d: Decision) -> str:
    text = HEADLINE[d.outcome]
    if d.referral:
        text += f": {REFERRAL.get(d.referral, d.referral)}"
    return text


def reasons(rs: RuleSet, d: Decision) -> list[tuple[str, float | None]]:
    """(sentence with citations, contribution) for each rule that weighed in the decision."""
    contributions = dict(d.contributions)
    out = []
    for rule_id in d.fired:
        rule = rs.rule(rule_id)
        if rule_id in contributions or rule.then.refer or rule.then.not_now:
            cites = ", ".join(f"kb#{c}" for c in rule.cites)
            out.append((f"{rule.reason} [{rule_id}; {cites}]", contributions.get(rule_id)))
    return out


def _bold(text: str) -> str:
    return click.style(text, bold=True)


def render_text(rs: RuleSet, d: Decision, width: int = 80) -> str:
    lines = [_bold(f"Recommendation: {headline(d)}"), f"Confidence: {d.confidence:.2f}"]
    base = d.trace["decision"]["baseline"]
    shares = d.outcome not in concluded_outcomes(rs.policy)  # a conclusion overrides evidence: no shares
    why = reasons(rs, d)
    if why:
        lines += ["", _bold("Why") + (f" (confidence starts at {base:.2f}; each reason adds or takes away):"
                                      if d.contributions and shares else ":")]
        for sentence, share in why:
            tail = f" ({share:+.2f})" if share is not None and shares else ""
            lines += textwrap.wrap(sentence + tail, width, initial_indent="  - ", subsequent_indent="    ")
    if d.formats:
        lines += ["", _bold("Suggested formats: ") + ", ".join(f.replace("_", " ") for f in d.formats)]
    if d.missing:
        lines += ["", _bold("Open questions that could change this:")]
        for name in d.missing:
            lines += textwrap.wrap(f"{rs.facts[name].question} [{name}]", width, initial_indent="  ? ",
                                   subsequent_indent="    ")
    return "\n".join(lines)


def render_markdown(rs: RuleSet, d: Decision) -> str:
    lines = [f"# Recommendation: {headline(d)}", "", f"**Confidence:** {d.confidence:.2f}", ""]
    why = reasons(rs, d)
    if why:
        lines += ["## Why", ""]
        shares = d.outcome not in concluded_outcomes(rs.policy)
        for sentence, share in why:
            tail = f" ({share:+.2f})" if share is not None and shares else ""
            lines.append(f"- {sentence}{tail}")
        lines.append("")
    if d.formats:
        lines += ["## Suggested formats", ""] + [f"- {f.replace('_', ' ')}" for f in d.formats] + [""]
    if d.missing:
        lines += ["## Open questions", ""] + [f"- {rs.facts[n].question} (`{n}`)" for n in d.missing] + [""]
    lines += ["## Rules fired, in order", "", ", ".join(f"`{r}`" for r in d.fired) or "none", ""]
    return "\n".join(lines)
