"""`pathfit explain`: how the outcome was derived, why not another, and what if."""
from __future__ import annotations

import re
import sys

import click

from pathfit.engine import PathfitError
from pathfit.engine.explain.how import render_how
from pathfit.engine.explain.result import explanation
from pathfit.engine.explain.said import Said
from pathfit.engine.reports.numbers import exact_text as _n
from pathfit.engine.pipeline.rationals import common_unit, in_units, lowest, ratio
from pathfit.engine.pipeline.policy import evidence_weighed_before, holds
from pathfit.engine.reports.wrap import wrap
from pathfit.engine.program_json import json_for_programs, json_on

from .common import echo, text_width, fact_option, fail_with, ids_option, load_engine, profile_option, rules_option
from .completion import outcome_names
from .profile_input import read_profile
from .params import Choice, Command, a_name


@click.command(cls=Command)
@profile_option
@fact_option
@rules_option
@click.option("--why-not", "why_not_outcome", metavar="OUTCOME", shell_complete=outcome_names, callback=a_name,
              help="Why the person did not get OUTCOME (an outcome the policy gives: coaching, mentoring, ...).")
@click.option("--what-if", "whatif", is_flag=True, help="The smallest changes to the facts that change the outcome.")
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True)
@ids_option
def explain(profile_path, facts, rules, why_not_outcome, whatif, fmt, ids=False) -> None:
    """Explain a recommendation: how it was derived (the default), --why-not OUTCOME, or --what-if.

    \b
    Examples:
      pathfit explain --profile examples/new-vp-wants-structure.yaml
      pathfit explain --profile examples/new-vp-wants-structure.yaml --why-not mentoring
      pathfit explain --profile examples/new-vp-wants-structure.yaml --what-if

    --why-not and --what-if speak in the schema's labels and the rules' reasons (--ids
    adds the identifiers); the derivation tree is the consultant's view, by id.
    """
    with load_engine(rules, announce=fmt == "text") as engine:
        try:
            profile, label = read_profile(profile_path, facts, engine)
            decision = engine.evaluate(profile, label)
            result = explanation(engine, decision, why_not_outcome, whatif)
            if fmt != "text":
                text = None
            elif why_not_outcome is not None:
                text = _render_why_not(result, text_width(), Said(engine.ruleset, ids),
                                       dict(decision.verdict.score_ratios), decision.settled)
            elif whatif:
                text = _render_what_if(result, text_width(), Said(engine.ruleset, ids), decision.settled)
            else:
                text = render_how(result, text_width(), decision)
        except PathfitError as err:
            fail_with(err)
    echo(text if text is not None else json_on(sys.stdout, json_for_programs(result)))


def _render_why_not(result: dict, width: int = 80, said: Said | None = None, exact: dict | None = None,
                    settled: bool = True) -> str:
    """`said` names facts, values and rules (labels for HR staff; identifiers without a rule set).
    `settled` False: the decision is marked provisional, as `recommend` marks it.
    `exact`: the decision's exact scores, outcome -> (n, d) (`Verdict.score_ratios`), which the
    sentences are worded from; the result's own `scores` are rounded to 4 places, and a test said
    against a rounded score can be false as printed (6.00004 to 3.99996 is more than 1.5 to 1;
    6 to 4 is not). Without them (an explanation read back from JSON) the rounded scores are
    worded as given."""
    said = said or Said(None)
    name = said.outcome
    scores = {o: exact[o] if exact is not None else ratio(s) for o, s in result["scores"].items()}
    shown = said.scores(scores)
    decided = name(result["decided"], result["referral"]) + PROVISIONAL[not settled]
    lines = wrap(f"Why not {name(result['outcome'])}? The decision was {decided} (evidence: {shown}).", width, "", "  ")
    by = result["decided_by"]
    step = by["clause"] + 1
    if result["outcome"] == result["decided"]:
        lines += _wrap(f"It was the outcome: policy step {step} gave it.", "", width)
    elif any(t["test"] == "concluded" for t in by["tests"]):  # wherever it is written among the tests
        kind = next(t["argument"] for t in by["tests"] if t["test"] == "concluded")
        what = name(kind, by["referral"]) if said.ids or kind == "refer" else name(kind).lower()
        among = next((t["argument"] for t in by["tests"] if t["test"] == "among"), None)
        weighs = [t for t in by["tests"] if t["test"] not in ("concluded", "among")]
        if weighs:  # the step weighs the evidence itself: each of its tests said, as it stands
            scope = f", weighing only {' and '.join(name(o) for o in among)}," if among else ""
            applied = (f", and the step{scope} also needs {_tests_said(weighs, among, name)}; "
                       f"observed {shown}: {_standing(by['tests'], scores, name)}")
        else:  # said only where no step before it weighs the evidence (and not of an explanation
            # read back without its rule set, whose policy is not known)
            first = said.rs is not None and not evidence_weighed_before(said.rs.policy, by["clause"])
            applied = ", which the policy applies before weighing evidence" if first else ""
        if said.ids:
            lines += _wrap(f"Policy step {step} decided first: {said.rules(by['rules'])} concluded {what}{applied}.",
                           "", width)
        else:
            lines += _wrap(f"Policy step {step} decided first: {what} was concluded{applied}. "
                           f"{said.rules(by['rules'])}", "", width)
    else:
        lines += _wrap(f"Policy step {step} decided: {_needs(by['outcome'], by['tests'], name)}; "
                       f"observed {shown}: {_standing(by['tests'], scores, name)}.", "", width)
    if result["outcome"] != result["decided"]:
        for need in result["needs"]:
            own = _needs(result["outcome"], need["tests"], name, f" (policy step {need['clause'] + 1})")
            if need["clause"] > by["clause"] and all(t["holds"] for t in need["tests"]):
                tail = f"that holds here, but step {step} comes first"
            else:
                tail = _standing(need["tests"], scores, name)
            seen = f"; observed {shown}" if any(t["test"] != "concluded" for t in need["tests"]) else ""
            lines += _wrap(f"{own}{seen}: {tail}.", "", width)
    if not result["rules"]:
        lines += _wrap(f"No rule supporting {name(result['outcome'])} was left unfired.", "", width)
    else:
        lines += _wrap(f"Rules supporting {name(result['outcome'])} that did not fire (most relevant first):", "", width)
    for entry in result["rules"][:SHOWN_RULES]:
        lines += wrap(f"- {said.entry_head(entry)}", width, subsequent_indent="    ")
        lines += [wrapped for line in said.entry_lines(entry) for wrapped in _wrap(line, "    ", width)]
        for up in entry["upstream"]:
            lines += wrap(said.upstream_head(up), width, "    ", "      ")
            lines += [wrapped for line in said.entry_lines(up) for wrapped in _wrap(line, "      ", width)]
    if len(result["rules"]) > SHOWN_RULES:
        lines += _wrap(f"... and {len(result['rules']) - SHOWN_RULES:,} more, less relevant (`--format json` lists "
                       f"every one).", "", width)
    return "\n".join(lines)


# The unfired rules the text shows: a reader acts on the most relevant; a large rule set left
# some thousand of them, thousands of lines. JSON keeps every one.
SHOWN_RULES = 25


NEEDS = {
    "concluded": lambda a, among: f"a rule to conclude {a.replace('_', ' ')}",
    "total_below": lambda a, among: f"total evidence below {_n(a)}",
    "strongest_below": lambda a, among: f"every outcome's own evidence below {_n(a)}",
    "each_at_least": lambda a, among: f"{'each of them' if among else 'each outcome'} at least {_n(a)}",
    "ratio_at_most": lambda a, among: f"a ratio (larger to smaller) at most {_n(a)}",
    "leads": lambda a, among: f"{{{a}}} ahead of {_others(a, among)}",
    "certainty_at_least": lambda a, among: f"some outcome's certainty at least {_n(a)}",
    "below": lambda a, among: _below(a),
}


def _below(limits: dict) -> str:
    """Outcomes under the same limit said together ("A and B each below 3"), limits in first-seen order."""
    groups: dict = {}
    for outcome, limit in limits.items():
        groups.setdefault(limit, []).append(f"{{{outcome}}}")
    return " and ".join(f"{' and '.join(names)} each below {_n(limit)}" if len(names) > 1 else f"{names[0]} below {_n(limit)}"
                        for limit, names in groups.items())


def _others(outcome: str, among: list | None) -> str:
    """Who `outcome` must lead: within a scope, the rest of it by count; else every outcome."""
    if not among or outcome not in among:
        return "every other outcome"
    return "the other" if len(among) == 2 else "the others"


def _needs(outcome: str, tests: list, name=str, where: str = "") -> str:
    """`outcome` (with `where`, e.g. its policy step) and what its clause needs, read as a sentence
    an HR reader can follow: the scope (`among`) as an aside, since the other tests read only those
    outcomes; the clause's own outcome is "it". Outcomes (written `{outcome}` in NEEDS) are named by `name`."""
    among = next((t["argument"] for t in tests if t["test"] == "among"), None)
    rest = [t for t in tests if t["test"] != "among"]
    head = f"{name(outcome)}{where}"
    if among:
        head += f", weighing only {' and '.join(name(o) for o in among)},"
    if not rest:
        return f"{head} needs nothing (it decides whatever no earlier step did)"
    return f"{head} needs " + _tests_said(rest, among, name, outcome)


def _tests_said(tests: list, among: list | None, name=str, outcome: str | None = None) -> str:
    """What the tests (`among` apart) need, joined by "and"; `outcome`, the clause's own, is "it"
    where it opens the sentence."""
    lead = next((t["argument"] for t in tests if t["test"] == "leads"), None)
    said = " and ".join(f"{{{lead}}}'s certainty at least {_n(t['argument'])}"
                        if t["test"] == "certainty_at_least" and lead is not None
                        else NEEDS[t["test"]](t["argument"], among) for t in tests)
    if outcome is not None:
        said = re.sub(r"^\{" + re.escape(outcome) + r"\}", "it", said)
    return re.sub(r"\{(\w+)\}", lambda m: name(m.group(1)), said)


def _standing(tests: list, scores: dict, name=str) -> str:
    """Each test that fails, and by how much, in exact terms; or that all hold.

    `scores`: exact, outcome -> (n, d). Which tests fail is the policy's report (`holds` of
    each test); which outcomes a failing test names is asked of the same `policy.holds`, one
    outcome (or pair) at a time, on the exact scores: one statement of what a test means,
    so the sentence cannot name a test or an outcome the decision did not fail on."""
    failed = [t for t in tests if not t["holds"]]
    if not failed:
        return "that holds"
    among = next((t["argument"] for t in tests if t["test"] == "among"), None)
    if among:  # the clause weighs only these outcomes' evidence
        scores = {o: s for o, s in scores.items() if o in among}
    unit = common_unit(list(scores.values()))
    units = {o: in_units(s, unit) for o, s in scores.items()}

    def fails(test: str, arg, outcomes) -> bool:
        weighed = {o: units[o] for o in outcomes}
        return not holds(((test, arg),), weighed, sum(weighed.values()), False, False, unit)

    parts = []
    for t in failed:
        test, arg = t["test"], t["argument"]
        if test == "concluded":
            parts.append(f"no rule concluded {arg.replace('_', ' ')}")
        elif test == "total_below":
            parts.append(f"the total {_n((sum(units.values()), unit))} is not below {_n(arg)}")
        elif test == "strongest_below":
            parts += [f"{name(o)} {_n(s)} is not below {_n(arg)}" for o, s in scores.items() if fails(test, arg, [o])]
        elif test == "below":
            parts += [f"{name(o)} {_n(scores[o])} is not below {_n(n)}" for o, n in arg.items()
                      if fails(test, ((o, n),), [o])]
        elif test == "each_at_least":
            a, b = ratio(arg)
            parts += [f"{name(o)} is {_n(lowest(a * s[1] - s[0] * b, b * s[1]))} short"
                      for o, s in scores.items() if fails(test, arg, [o])]
        elif test == "ratio_at_most":
            high = max(units, key=lambda o: (units[o], o))
            low = min(units, key=lambda o: (units[o], o))
            parts.append(f"{name(high)} {_n(scores[high])} to {name(low)} {_n(scores[low])} is more than {_n(arg)} to 1"
                         if units[low] > 0 else f"{name(low)} is {_n(scores[low])}, so there is no ratio")
        elif test == "certainty_at_least":
            lead = next((t["argument"] for t in tests if t["test"] == "leads"), None)
            if lead is not None:  # beside `leads: O` the test is O's own certainty (policy.holds_one)
                parts.append(f"{name(lead)} {_n(scores[lead])} is below {_n(arg)}")
            else:
                best = max(units, key=lambda o: (units[o], o))
                parts.append(f"the strongest, {name(best)} {_n(scores[best])}, is below {_n(arg)}")
        else:
            ahead = [f"{name(o)} {_n(s)}" for o, s in scores.items() if o != arg and fails(test, arg, [arg, o])]
            parts.append(f"{name(arg)} {_n(scores[arg])} is not ahead of {', '.join(ahead)}")
    return "; ".join(parts)


def _wrap(text: str, indent: str, width: int = 80) -> list[str]:
    return wrap(text, width, initial_indent=indent, subsequent_indent=indent + "  ")


def _either(names: list) -> str:
    """`A`, `A or B`, `A, B or C`: outcome labels are capitalised phrases, so "or" only before the last."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _render_what_if(result: dict, width: int = 80, said: Said | None = None, settled: bool = True) -> str:
    """`said` names facts and values (labels for HR staff; identifiers without a rule set). A decision
    that is provisional (`settled` False now; an alternative's own `settled`) is marked so, as
    `recommend` marks it: a change can lead to advice that answers not yet given might change."""
    said = said or Said(None)
    now = said.outcome(result["outcome"], result["referral"]) + PROVISIONAL[not settled]
    lines = wrap(f"Now: {now}. Smallest changes that lead elsewhere (each verified by re-running the rules):",
                 width, subsequent_indent="  ")
    for alt in result["alternatives"]:
        target = said.outcome(alt["outcome"], alt["referral"]) + PROVISIONAL[alt.get("settled") is False]
        change = "; ".join(said.change(c) for c in alt["changes"])
        lines += _wrap(f"-> {target}: {change}", "  ", width)
    others = " to answers other than screening answers" if result.get("screening") else ""
    for exhaustive in (True, False):
        group = [u for u in result["unreachable"] if u["exhaustive"] is exhaustive]
        for within in sorted({u["within"] for u in group}):
            names = _either([said.outcome(u["outcome"]) for u in group if u["within"] == within])
            # a change is one step of the search: a list gaining or losing one item is one change, so
            # "facts" would claim more than was searched (one list changed by three items is three);
            # changes combine on the facts as they stand (docs/decision.md)
            lines += _wrap(f"(no combination of up to {within} changes{others} leads to {names}, each item "
                           "added to or removed from a list counting as one change; every combination checked)"
                           if exhaustive else
                           f"(none found leading to {names} among the changes tried; not exhaustive)", "  ", width)
    if result.get("would_change_if"):
        lines += wrap("Would change if (screening answers: the person's situation, never a course of action):",
                      width, subsequent_indent="  ")
        for alt in result["would_change_if"]:
            target = said.outcome(alt["outcome"], alt["referral"]) + PROVISIONAL[alt.get("settled") is False]
            change = "; ".join(said.change(c) for c in alt["changes"])
            lines += _wrap(f"-> {target}: {change}", "  ", width)
    refused = result.get("refused") or []
    if refused:  # a changed person the engine refuses reaches no outcome; each is said, not passed over
        made = "these changes make" if len(refused) > 1 else "this change makes"
        lines += wrap(f"The engine refuses the person {made} (so they lead to no outcome):", width,
                      subsequent_indent="  ")
        for r in refused[:SHOWN_REFUSED]:
            change = "; ".join(said.change(c) for c in r["changes"])
            lines += _wrap(f"x {change}: {r['code']}: {r['message']}", "  ", width)
        if len(refused) > SHOWN_REFUSED:
            lines += _wrap(f"and {len(refused) - SHOWN_REFUSED} more (--format json lists every one)", "  ", width)
    return "\n".join(lines)


PROVISIONAL = ("", " (provisional)")  # after a decision pathfit could not show stands, as `recommend` marks it
SHOWN_REFUSED = 5  # refused changes listed in the text; the JSON has every one
