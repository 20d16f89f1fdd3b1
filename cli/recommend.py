"""`pathfit recommend`: the advice for one person, with its reasons."""
from __future__ import annotations

import json

import click

from engine import PathfitError

from .common import echo, fact_option, fail_with, load_engine, profile_option, read_profile, rules_option
from .render import render_markdown, render_text


@click.command()
@profile_option
@fact_option
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def recommend(profile_path: str | None, facts: tuple[str, ...], rules: str | None, fmt: str) -> None:
    """Recommend coaching, mentoring, a blend, a referral, or not now, and say why.

    \b
    Examples:
      pathfit recommend --profile examples/new-vp-wants-structure.yaml
      pathfit recommend --fact needs=performance,specific_skill --fact goal_clarity=specific
      pathfit recommend --profile person.json --format json
    """
    with load_engine(rules) as engine:
        try:
            profile, label = read_profile(profile_path, facts, engine)
            decision = engine.evaluate(profile, label)
        except PathfitError as err:
            fail_with(err)
        if fmt == "json":
            echo(json.dumps(decision.to_dict(), indent=2, sort_keys=True, ensure_ascii=False))
        elif fmt == "markdown":
            echo(render_markdown(engine.ruleset, decision))
        else:
            echo(render_text(engine.ruleset, decision))
