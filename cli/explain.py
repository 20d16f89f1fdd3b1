"""`pathfit explain`: how the outcome was derived, why not another, and what if."""
from __future__ import annotations

import json
import textwrap

import click

from pathfit.engine import PathfitError
from pathfit.engine.explain.how import how, render_how
from pathfit.engine.explain.why_not import why_not
from pathfit.engine.pipeline.model import OUTCOMES
from pathfit.engine.explain.what_if import what_if

from .common import echo, fact_option, fail_with, load_engine, profile_option, read_profile, rules_option


@click.command()
@profile_option
@fact_option
@rules_option
@click.option("--why-not", "why_not_outcome", type=click.Choice(OUTCOMES), metavar="OUTCOME",
              help=f"Why the person did not get OUTCOME ({', '.join(OUTCOMES)}).")
@click.option("--what-if", "whatif", is_flag=True, help="The smallest changes to the facts that change the outcome.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(profile_path, facts, rules, why_not_outcome, whatif, fmt) -> None:
    """Explain a recommendation: how it was derived (the default), --why-not OUTCOME, or --what-if.

    \b
    Examples:
      pathfit explain --profile examples/new-vp-wants-structure.yaml
      pathfit explain --profile examples/new-vp-wants-structure.yaml --why-not mentoring
      pathfit explain --profile examples/new-vp-wants-structure.yaml --what-if
    """
    with load_engine(rules) as engine:
        try:
            profile, label = read_profile(profile_path, facts, engine)
            decision = engine.evaluate(profile, label)
            known = dict(decision.facts)
            if why_not_outcome:
                result = why_not(engine.ruleset, decision, why_not_outcome)
                text = _render_why_not(result) if fmt == "text" else None
            elif whatif:
                result = {"outcome": decision.outcome, "referral": decision.referral,
                          "alternatives": what_if(engine, known, decision)}
                text = _render_what_if(result) if fmt == "text" else None
            else:
                result = how(engine.ruleset, decision)
                text = render_how(result) if fmt == "text" else None
        except PathfitError as err:
            fail_with(err)
    echo(text if text is not None else json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False))


def _show(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "unknown"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    return str(value)


def _render_why_not(result: dict) -> str:
    scores = ", ".join(f"{o} {s:g}" for o, s in result["scores"].items())
    lines = [f"Why not {result['outcome']}? The decision was {result['decided']} (evidence: {scores})."]
    if result["outcome"] == result["decided"]:
        lines.append("It was the outcome.")
    if not result["rules"]:
        lines.append(f"No rule supporting {result['outcome']} was left unfired.")
    for entry in result["rules"]:
        lines += textwrap.wrap(f"- {entry['rule']}: {entry['reason']}", 80, subsequent_indent="    ")
        lines += [wrapped for line in _entry_lines(entry) for wrapped in _wrap(line, "    ")]
        for up in entry["upstream"]:
            lines.append(f"    because {up['rule']}:")
            lines += [wrapped for line in _entry_lines(up) for wrapped in _wrap(line, "      ")]
    return "\n".join(lines)


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, 80, initial_indent=indent, subsequent_indent=indent + "  ")


def _entry_lines(entry: dict) -> list[str]:
    if entry["status"] == "waiting":
        return [f"waits on unknown: {', '.join(entry['unknown'])}"]
    return [f"failed: {entry['condition']}",
            f"observed {_show(entry['observed'])}; expected {_show(entry['expected'])}"]


def _render_what_if(result: dict) -> str:
    now = result["outcome"] + (f" ({result['referral']})" if result["referral"] else "")
    lines = [f"Now: {now}. Smallest changes that lead elsewhere (each verified by re-running the rules):"]
    for alt in result["alternatives"]:
        target = alt["outcome"] + (f" ({alt['referral']})" if alt["referral"] else "")
        change = "; ".join(f"{c['fact']}: {_show(c['from'])} -> {_show(c['to'])}" for c in alt["changes"])
        lines += _wrap(f"-> {target}: {change}", "  ")
    reached = {alt["outcome"] for alt in result["alternatives"]}
    unreached = [o for o in ("coaching", "mentoring", "blended") if o != result["outcome"] and o not in reached]
    if unreached:
        lines.append(f"  (no change of up to 3 facts leads to {' or '.join(unreached)})")
    return "\n".join(lines)
