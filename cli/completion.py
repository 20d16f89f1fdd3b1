"""Shell completion of the names a rule set defines: its outcomes after `explain --why-not`,
its rules after `rules show`. Each name is the rule set's own, so a completion reads the rule
set the command would read (--rules when given before the word, else the same lookup,
`rules_directory`), from the cache when it can. A shell asking for words must never get a
traceback or an error message in its line: a rule set that cannot be read offers nothing."""
from __future__ import annotations

import contextlib
import io
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem


def _ruleset(ctx: click.Context):
    """The rule set the command being completed would read, or None when it cannot be read."""
    from pathfit.engine import PathfitError
    from pathfit.engine.api import load_rules

    from .common import rules_directory

    try:  # the rule set alone: a completion decides no one, so binds nothing to durable-rules
        with contextlib.redirect_stderr(io.StringIO()):  # a refusal's words are for a command, not a shell
            return load_rules(rules_directory(ctx.params.get("rules")))[0]
    except (PathfitError, OSError, SystemExit):
        return None


def outcome_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The policy's outcomes beginning with `incomplete`, each with its label as its help."""
    rs = _ruleset(ctx)
    if rs is None:
        return []
    from click.shell_completion import CompletionItem

    from pathfit.engine.pipeline.policy import label, outcomes

    return [CompletionItem(o, help=_one_line(label(rs.policy, o)))
            for o in outcomes(rs.policy) if o.startswith(incomplete)]


def rule_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The rule ids beginning with `incomplete`, in the rule set's order, each with its reason."""
    rs = _ruleset(ctx)
    if rs is None:
        return []
    from click.shell_completion import CompletionItem

    return [CompletionItem(r.id, help=_one_line(r.reason)) for r in rs.rules if r.id.startswith(incomplete)]


def _one_line(text: str) -> str:
    """An author's text as a word's help: zsh reads a completion three lines to a word (type,
    word, help), so a help of two lines would shift every word after it."""
    return " ".join(text.split())


def _named(names, incomplete: str, prefix: str = "") -> list[CompletionItem]:
    """Each of `names` beginning with `incomplete`, offered after `prefix`: a shell keeps only the
    words that begin with what was typed, `prefix` included."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(prefix + name) for name in sorted(names) if name.startswith(incomplete)]


def facts_read(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The names `rules list --reads` takes (rule_queries.fact_names: a fact, a valued fact's value)."""
    rs = _ruleset(ctx)
    if rs is None:
        return []
    from pathfit.engine.authoring.rule_queries import fact_names

    return _named(fact_names(rs), incomplete)


def names_given(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The names `rules list --gives` takes (rule_queries.outcome_names)."""
    rs = _ruleset(ctx)
    if rs is None:
        return []
    from pathfit.engine.authoring.rule_queries import outcome_names as given

    return _named(given(rs), incomplete)


def sections_cited(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The knowledge base's section anchors, which `rules list --cites` takes, with `kb#` before
    each where it was typed (the filter takes both)."""
    rs = _ruleset(ctx)
    prefix = "kb#" if incomplete.startswith("kb#") else ""
    return [] if rs is None else _named(rs.sections, incomplete.removeprefix(prefix), prefix)
