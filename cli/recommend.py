"""`pathfit recommend`: the advice for one person, with its reasons."""
from __future__ import annotations

import sys

import click

from pathfit.engine import PathfitError

from .common import (audit_log_option, echo, fact_option, fail_with, ids_option, load_engine, operator_option,
                     profile_option, record_decision, record_option, rules_option, subject_option, text_width)
from .profile_input import gathered, read_profile, who
from .render import render_markdown, render_text
from .params import Choice, Command, refuse_idle


KEPT = "{} is kept in a record only: give --record or --audit-log, or leave it out"


@click.command(cls=Command)
@profile_option
@fact_option
@rules_option
@click.option("--format", "fmt", type=Choice(["text", "json", "markdown"]), default="text", show_default=True)
@ids_option
@record_option
@audit_log_option
@subject_option
@operator_option
def recommend(profile_path: str | None, facts: tuple[str, ...], rules: str | None, fmt: str, ids: bool = False,
              record_path: str | None = None, audit_log: str | None = None, subject: str | None = None,
              operator: str | None = None) -> None:
    """Recommend coaching, mentoring, a blend, a referral, or not now, and say why.

    \b
    Examples:
      pathfit recommend --profile examples/new-vp-wants-structure.yaml
      pathfit recommend --fact needs=performance,specific_skill --fact goal_clarity=specific
      pathfit recommend --profile person.json --format json
      pathfit recommend --profile person.yaml --record decision.json --audit-log audit.jsonl
      pathfit recommend --profile person.yaml --audit-log audit.jsonl --subject E1042 --operator "J. Smith"

    Sensitive facts, and all that depends on them, are sealed in records with
    the audit key named by PATHFIT_AUDIT_KEY_FILE (`pathfit audit keygen FILE`
    makes one).
    """
    kept = bool(record_path or audit_log)  # whom and by whom are kept in a record, and shown nowhere else
    idle = ((subject is not None and not kept, "--subject", KEPT.format("--subject")),
            (operator is not None and not kept, "--operator", KEPT.format("--operator")))
    with load_engine(rules, announce=fmt == "text") as engine:
        try:
            profile, label = read_profile(profile_path, facts, engine)
            decision, (subject, operator) = gathered(lambda: engine.evaluate(profile, label),
                                                     lambda: who(engine, profile, label, subject, operator))
        except PathfitError as err:
            fail_with(err)
        refuse_idle(*idle)  # once the subject and operator given are valid: their own problems first
        record_decision(engine, decision, record_path, audit_log, subject, operator)
        if fmt == "json":
            from pathfit.engine.program_json import json_for_programs, json_on  # json only for this format

            echo(json_on(sys.stdout, json_for_programs(decision.to_dict())))
        elif fmt == "markdown":
            echo(render_markdown(engine.ruleset, decision, ids))
        else:
            echo(render_text(engine.ruleset, decision, text_width(), ids))
