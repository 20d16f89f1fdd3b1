"""A Decision for people: plain text at 80 columns, or Markdown.

A settled decision shows its confidence and each reason's share, rounded so the
shares add up to the confidence as printed. A provisional one (some answers
to the open questions could change it) shows no confidence figure: a figure
on the facts known so far would read as certainty it does not have."""
from __future__ import annotations

import textwrap
from decimal import Decimal

import click

from pathfit.engine import Decision
from pathfit.engine.pipeline.decide import TEXT_PLACES, rounded
from pathfit.engine.pipeline.model import RuleSet

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


# How each method's figure is built, said once above the reasons (docs/decision.md, "Confidence").
METHOD_WORDS = {
    "share": "starts at {base}; a reason adds its weight for this outcome and takes away its weight for the other",
    "balance": "starts at {base}; each reason adds the part of its evidence matched by evidence for the other outcome",
    "shortfall": "starts at {base}; each reason's evidence takes away, as it brings a decision nearer",
    "certain": "starts at {base}; the reasons that concluded it share it",
}

NO_REASON = "No rule weighed in: the confidence is where this method starts."


def reasons(rs: RuleSet, d: Decision, places: int = TEXT_PLACES) -> list[tuple[str, Decimal | None]]:
    """(sentence with citations, printed contribution or None) for each rule that weighed in the decision,
    in firing order. The contributions are rounded so that they add up to the printed confidence."""
    _, _, shares = rounded(d.verdict, places)
    contributions = dict(shares)
    out = []
    for rule_id in d.fired:
        rule = rs.rule(rule_id)
        if rule_id in contributions or rule.then.refer or rule.then.not_now:
            cites = ", ".join(f"kb#{c}" for c in rule.cites)
            out.append((f"{rule.reason} [{rule_id}; {cites}]", contributions.get(rule_id)))
    return out


def open_questions(rs: RuleSet, d: Decision) -> list[str]:
    """The unknown facts whose answers could change the advice, screening questions first.
    A provisional decision with none named singly lists every unknown fact a waiting rule needs:
    some combination of those answers could change it."""
    names = list(d.missing)
    if not names and not d.settled:
        waited = {f for e in d.trace["not_fired"] if e["status"] == "waiting" for f in e["unknown"]}
        names = [f for f in d.trace["unknown_inputs"] if f in waited]
    screening = {f.name for f in rs.inputs if f.screening}
    return sorted(names, key=lambda n: n not in screening)  # stable: otherwise in `missing`'s order


def _figures(rs: RuleSet, d: Decision) -> tuple[str, str, bool]:
    """(confidence line, header of the reasons, whether to print contributions)."""
    if not d.settled:
        return ("Confidence: none given: the answers to the open questions below could change this advice",
                "", False)
    confidence, baseline, _ = rounded(d.verdict, TEXT_PLACES)
    method = rs.policy.clauses[d.verdict.clause].confidence
    return f"Confidence: {confidence}", f" (confidence {METHOD_WORDS[method].format(base=baseline)})", True


def _bold(text: str) -> str:
    return click.style(text, bold=True)


def _title(d: Decision) -> str:
    return ("Recommendation: " if d.settled else "Recommendation (provisional): ") + headline(d)


def _tail(share: Decimal | None, shown: bool) -> str:
    return f" ({'+' if share >= 0 else ''}{share})" if shown and share is not None else ""


def render_text(rs: RuleSet, d: Decision, width: int = 80) -> str:
    confidence, header, shown = _figures(rs, d)
    lines = [_bold(_title(d))] + textwrap.wrap(confidence, width, subsequent_indent="  ")
    why = reasons(rs, d)
    if why or shown:
        head = textwrap.wrap("Why" + header + ":", width)
        lines += ["", _bold("Why") + head[0][3:]] + head[1:]
        for sentence, share in why or [(NO_REASON, None)]:
            lines += textwrap.wrap(sentence + _tail(share, shown), width, initial_indent="  - ",
                                   subsequent_indent="    ")
    if d.formats:
        lines += ["", _bold("Suggested formats: ") + ", ".join(f.replace("_", " ") for f in d.formats)]
    questions = open_questions(rs, d)
    if questions:
        lines += ["", _bold("Open questions that could change this:")]
        for name in questions:
            lines += textwrap.wrap(f"{rs.facts[name].question} [{name}]", width, initial_indent="  ? ",
                                   subsequent_indent="    ")
    return "\n".join(lines)


def render_markdown(rs: RuleSet, d: Decision) -> str:
    confidence, header, shown = _figures(rs, d)
    label, _, rest = confidence.partition(": ")
    lines = [f"# {_title(d)}", "", f"**{label}:** {rest}", ""]
    why = reasons(rs, d)
    if why or shown:
        lines += [f"## Why{header}", ""]
        for sentence, share in why or [(NO_REASON, None)]:
            lines.append(f"- {sentence}{_tail(share, shown)}")
        lines.append("")
    if d.formats:
        lines += ["## Suggested formats", ""] + [f"- {f.replace('_', ' ')}" for f in d.formats] + [""]
    questions = open_questions(rs, d)
    if questions:
        lines += ["## Open questions", ""] + [f"- {rs.facts[n].question} (`{n}`)" for n in questions] + [""]
    lines += ["## Rules fired, in order", "", ", ".join(f"`{r}`" for r in d.fired) or "none", ""]
    return "\n".join(lines)
