"""`pathfit recommend`: the advice for one person, with its reasons."""
from __future__ import annotations

import json

import click

from engine import PathfitError

from .common import fail_with, load_engine, read_profile
from .render import render_text


@click.command()
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="Person's facts as YAML or JSON ('-' for stdin).")
@click.option("--fact", "facts", multiple=True, metavar="NAME=VALUE",
              help="A fact; repeat it. Sets as comma lists. Overrides --profile.")
@click.option("--rules", type=click.Path(file_okay=False), help="Rule-set directory (default: the bundled rules).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def recommend(profile_path: str | None, facts: tuple[str, ...], rules: str | None, fmt: str) -> None:
    """Recommend coaching, mentoring, a blend, a referral, or not now.

    \b
    Example:
      pathfit recommend --profile examples/new-vp-wants-structure.yaml
      pathfit recommend --fact needs=performance,specific_skill --fact goal_clarity=specific
    """
    engine = load_engine(rules)
    try:
        profile, label = read_profile(profile_path, facts, engine)
        decision = engine.evaluate(profile, label)
    except PathfitError as err:
        fail_with(err)
    finally:
        engine.close()
    if fmt == "json":
        click.echo(json.dumps(decision.to_dict(), indent=2, sort_keys=True, ensure_ascii=False))
    else:
        click.echo(render_text(engine.ruleset, decision))
