"""`pathfit rules list` and `pathfit rules show ID`: what the rule set says."""
from __future__ import annotations


import click

from pathfit.engine.errors import PathfitError, Pos, Problem, did_you_mean
from pathfit.engine.pipeline.model import All, Any, Cmp, Cond, Not

from pathfit.engine.pipeline.ruleset import shown_file
from pathfit.engine.reports.numbers import signed_text
from pathfit.engine.reports.wrap import fill

from .common import echo, fail_with, load_engine, rules_option, text_width
from .params import Group
from pathfit.engine.quote import quote


@click.group(cls=Group)
def rules() -> None:
    """List the rules or show one.

    \b
    Examples:
      pathfit rules list
      pathfit rules show coaching.specific_goal
    """


def effects(rule) -> str:
    parts = []
    if rule.then.derive:
        parts.append("derives " + ", ".join(rule.then.derive))
    if rule.then.evidence:
        parts.append(", ".join(f"{signed_text(w)} {o}" for o, w in rule.then.evidence))
    if rule.then.suggest:
        parts.append("suggests " + ", ".join(rule.then.suggest))
    if rule.then.refer:
        parts.append(f"refers to {rule.then.refer}")
    if rule.then.not_now:
        parts.append("not now")
    return "; ".join(parts)


@rules.command("list")
@rules_option
def list_rules(rules: str | None) -> None:
    """One entry per rule: id, effect, reason.

    \b
    Example:
      pathfit rules list --rules my-rules/
    """
    with load_engine(rules) as engine:
        rows = [(r.id, effects(r), r.reason) for r in engine.ruleset.rules]
    width = text_width()
    for rid, eff, reason in rows:
        echo(fill(f"{rid}  [{eff}]", width, subsequent_indent="      "))
        echo(fill(reason, width, initial_indent="    ", subsequent_indent="    "))


@rules.command("show")
@click.argument("rule_id")
@rules_option
def show_rule(rule_id: str, rules: str | None) -> None:
    """A rule's reason, conditions, effects and citations.

    \b
    Example:
      pathfit rules show judge.relationship_fit
    """
    with load_engine(rules) as engine:
        rs = engine.ruleset
        ids = [r.id for r in rs.rules]
        if rule_id not in ids:  # a command-line value not allowed, as --why-not's unknown outcome
            fail_with(PathfitError([Problem("PF613", f"no rule {quote(rule_id)}{did_you_mean(rule_id, ids)}",
                                            Pos("RULE_ID"))]))
        rule = rs.rule(rule_id)
        echo(fill(f"{rule.id}  ({shown_file(rule.file)}:{rule.pos.line})", text_width(), subsequent_indent="  "))
        echo(fill(rule.reason, text_width(), initial_indent="reason:  ", subsequent_indent="         "))
        echo("when:")
        for line in condition_lines(rule.when, 1):
            pad = line[:len(line) - len(line.lstrip())]
            echo(fill(line.lstrip(), text_width(), initial_indent=pad, subsequent_indent=pad + "    "))
        echo(fill(f"then:    {effects(rule)}", text_width(), subsequent_indent="         "))
        for cite in rule.cites:
            echo(fill(f"cites:   kb#{cite}  {rs.sections.get(cite, '')}", text_width(), subsequent_indent="         "))
        if rule.salience:
            echo(f"salience: {rule.salience}")


def condition_lines(cond: Cond, depth: int) -> list[str]:
    pad = "  " * depth
    if isinstance(cond, Cmp):
        return [pad + cond.describe()]
    if isinstance(cond, Not):
        return [pad + "not:"] + condition_lines(cond.item, depth + 1)
    word = "all of:" if isinstance(cond, All) else "any of:"
    assert isinstance(cond, (All, Any))
    return [pad + word] + [line for item in cond.items for line in condition_lines(item, depth + 1)]
