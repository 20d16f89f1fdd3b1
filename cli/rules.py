"""`pathfit rules list` and `pathfit rules show ID`: what the rule set says."""
from __future__ import annotations


import json

import click

from pathfit.engine.errors import PathfitError, Pos, Problem, did_you_mean
from pathfit.engine.pipeline.model import All, Any, Cmp, Cond, Not, RuleSet

from pathfit.engine.pipeline.ruleset import shown_file
from pathfit.engine.reports.numbers import signed_text
from pathfit.engine.reports.wrap import fill

from .common import echo, fail_with, load_from, rules_option, text_width
from .completion import facts_read, names_given, rule_ids, sections_cited
from pathfit.engine.reports.rule_json import link_json, rule_json
from .params import Choice, Group, a_given_name, a_name
from pathfit.engine.quote import quote


@click.group(cls=Group)
def rules() -> None:
    """List the rules, or those reading a fact, giving an outcome or citing a section; show
    one, with the rules it depends on and those depending on it.

    \b
    Examples:
      pathfit rules list
      pathfit rules list --reads hours_per_month --through --gives mentoring
      pathfit rules show coaching.specific_goal --deps
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


def format_option(kind: str):
    """--format, naming the schema of the command's JSON."""
    return click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True,
                        help=f"text for people; json: one object, for scripts (its schema: pathfit schema "
                             f"--kind {kind}).")


@rules.command("list")
@click.option("--reads", multiple=True, metavar="FACT", shell_complete=facts_read, callback=a_given_name,
              help="Only rules whose condition reads FACT (an input or derived fact; a valued derived fact "
                   "by its name, every value, or one value: pace=fast, which a test `not_one_of: [fast]` reads too, "
                   "and pace=steady does not). Repeat it: each must hold.")
@click.option("--through", is_flag=True,
              help="With --reads: also the rules reading a derived fact that a rule reading FACT derives, "
                   "and so on: every rule FACT can reach.")
@click.option("--gives", multiple=True, metavar="OUTCOME", shell_complete=names_given, callback=a_given_name,
              help="Only rules giving OUTCOME: evidence for an outcome (either sign), a referral (refer: "
                   "any), not_now, a format suggested or a derived fact set. Repeat it: each must hold.")
@click.option("--cites", multiple=True, metavar="SECTION", shell_complete=sections_cited, callback=a_given_name,
              help="Only rules citing the knowledge-base section SECTION (its anchor, kb# allowed). "
                   "Repeat it: each must hold.")
@format_option("rules-list")
@rules_option
def list_rules(reads: tuple, through: bool, gives: tuple, cites: tuple, fmt: str, rules: str | None) -> None:
    """One entry per rule: id, effect, reason; the filters, combined, keep the rules that
    meet every one (a name the rule set does not have is PF634, with a hint).

    \b
    Examples:
      pathfit rules list
      pathfit rules list --reads hours_per_month --through
      pathfit rules list --gives mentoring --cites choose-mentoring
      pathfit rules list --gives not_now --format json
      pathfit rules list --rules my-rules/
    """
    from pathfit.engine.authoring.rule_queries import select

    alone = [Problem("PF613", "--through follows what --reads FACT carries: give --reads", Pos("--through"))] \
        if through and not reads else []  # said with every unknown name, or the rule set's refusal, not before
    rs = loaded_rules(rules, fmt == "text", tuple(alone))
    try:
        chosen = [rs.rules[i] for i in select(rs, reads, through, gives, cites)]
    except PathfitError as err:
        fail_with(PathfitError(alone + err.problems))
    if alone:
        fail_with(PathfitError(alone))
    if fmt == "json":
        directories: dict = {}  # each directory resolved once, not once a rule
        listed = [rule_json(rule, directories=directories) for rule in chosen]
        echo(json.dumps({"ruleset": {"name": rs.name, "digest": rs.digest}, "rules": listed}, indent=2, sort_keys=True))
        return
    width = text_width()
    for rule in chosen:
        echo(fill(f"{rule.id}  [{effects(rule)}]", width, subsequent_indent="      "))
        echo(fill(rule.reason, width, initial_indent="    ", subsequent_indent="    "))


@rules.command("show")
@click.argument("rule_id", shell_complete=rule_ids, callback=a_name)
@click.option("--deps", is_flag=True,
              help="Also the rules it depends on (those deriving a fact it reads, and so on) and those "
                   "depending on it (reading a fact it derives, and so on), each with the fact linking it.")
@format_option("rules-show")
@rules_option
def show_rule(rule_id: str, deps: bool, fmt: str, rules: str | None) -> None:
    """A rule's reason, conditions, effects and citations.

    \b
    Examples:
      pathfit rules show judge.relationship_fit
      pathfit rules show judge.relationship_fit --deps
      pathfit rules show judge.relationship_fit --deps --format json
    """
    from pathfit.engine.authoring.rule_queries import depended_on_by, depends_on

    rs = loaded_rules(rules, fmt == "text")
    ids = [r.id for r in rs.rules]
    if rule_id not in ids:  # a command-line value not allowed, as --why-not's unknown outcome
        fail_with(PathfitError([Problem("PF613", f"no rule {quote(rule_id)}{did_you_mean(rule_id, ids)}",
                                        Pos("RULE_ID"))]))
    index = ids.index(rule_id)
    rule = rs.rules[index]
    links = (depends_on(rs, index), depended_on_by(rs, index)) if deps else None
    if fmt == "json":
        shown = {"ruleset": {"name": rs.name, "digest": rs.digest}, "rule": rule_json(rule, rs.sections)}
        if links is not None:
            shown["depends_on"], shown["depended_on_by"] = ([link_json(rs, k) for k in side] for side in links)
        echo(json.dumps(shown, indent=2, sort_keys=True))
        return
    echo(fill(f"{rule.id}  ({shown_file(rule.file)}:{rule.pos.line})", text_width(), subsequent_indent="  "))
    echo(fill(rule.reason, text_width(), initial_indent="reason:  ", subsequent_indent="         "))
    echo("when:")
    for line in condition_lines(rule.when, 1, frozenset(n for n, f in rs.facts.items() if f.kind == "derived")):
        pad = line[:len(line) - len(line.lstrip())]
        echo(fill(line.lstrip(), text_width(), initial_indent=pad, subsequent_indent=pad + "    "))
    echo(fill(f"then:    {effects(rule)}", text_width(), subsequent_indent="         "))
    for cite in rule.cites:
        echo(fill(f"cites:   kb#{cite}  {rs.sections.get(cite, '')}", text_width(), subsequent_indent="         "))
    if rule.salience:
        echo(f"salience: {rule.salience}")
    if links is not None:
        for title, side, verb in (("depends on", links[0], "derives {fact}, read by {to}"),
                                  ("depended on by", links[1], "reads {fact}, derived by {to}")):
            echo(f"{title}:" if side else f"{title}: no rule")
            for (index, depth), said in by_rule(side).items():  # each rule once, naming each of its links
                how = "; ".join(verb.format(fact=link.fact, to=rs.rules[link.to].id) for link in said)
                echo(fill(f"{rs.rules[index].id}  ({how})", text_width(), initial_indent="  " * depth,
                          subsequent_indent="  " * depth + "    "))


def loaded_rules(rules: str | None, announce: bool, found: tuple = ()) -> RuleSet:
    """The rule set load_engine would bind, found, announced and refused alike, bound to no
    durable-rules ruleset: listing and showing rules evaluates no one, and binding a rule set
    costs about 35 ms at 1,000 rules."""
    from pathfit.engine.api import load_rules

    return load_from(rules, announce, found, lambda directory: load_rules(directory)[0])


def by_rule(links: list) -> dict:
    """(rule, depth) -> its links, in the walk's order: a rule linked to two rules a step
    nearer (or by two facts) is one line naming both links, not one line each, as a rule is
    listed once."""
    grouped: dict = {}
    for link in links:
        grouped.setdefault((link.rule, link.depth), []).append(link)
    return grouped


def condition_lines(cond: Cond, depth: int, derived: frozenset = frozenset()) -> list[str]:
    """The condition as indented lines. A test of whether a fact is known says so in words, as a
    value may itself be named `known` or `unknown` (`status is known` would read either way);
    `derived` names the derived facts, for which being known is being settled."""
    pad = "  " * depth
    if isinstance(cond, Cmp):
        if cond.op == "is":
            said = "settled" if cond.fact in derived else "answered" if cond.value == "known" else "not answered"
            return [pad + f"{cond.describe()} ({said})"]
        return [pad + cond.describe()]
    if isinstance(cond, Not):
        return [pad + "not:"] + condition_lines(cond.item, depth + 1, derived)
    word = "all of:" if isinstance(cond, All) else "any of:"
    assert isinstance(cond, (All, Any))
    return [pad + word] + [line for item in cond.items for line in condition_lines(item, depth + 1, derived)]
