"""The end of `pathfit interview`: the decision made, recorded, shown, and the answers kept.

Split from cli/interview.py, which asks the questions. Ctrl-C or SIGTERM here, after the last
answer (the advice being made, recorded, or written to a stdout read slowly), keeps the answers
as one during the questions does, and so does SIGTERM at the save prompt (where Ctrl-C declines
the save): a stopped interview never loses them."""
from __future__ import annotations

import sys

from pathfit.engine import PathfitError
from pathfit.engine.program_json import json_for_programs, json_on

from .common import echo, save_decision, text_width
from .interrupts import INTERRUPTED, Conversation, Terminated
from .interview_answers import keep_answers, with_subject
from .problems import say_problems
from .render import render_text


def finish(engine, answers: dict, subject: str | None, operator: str | None, record_path: str | None,
           audit_log: str | None, save: str | None, force: bool, inputs: tuple, fmt: str, ids: bool,
           talk: Conversation) -> PathfitError | None:
    """Decide on `answers`, record the decision, show it, keep the answers (--save, or asked for
    at a terminal) -> the problem that kept it from being recorded, if any (the answers are kept
    all the same). A hang-up is the caller's (`talk.hung_up`); Ctrl-C or SIGTERM before the
    answers are being kept says what was recorded, keeps them and ends with status 130."""
    saved = with_subject(answers, subject, engine.ruleset.facts)
    decided = recorded = False
    failed = None
    try:
        try:
            with talk.held():  # a hang-up meanwhile is handled once the record is whole
                decision = engine.evaluate(answers)
                decided = True
                save_decision(engine, decision, record_path, audit_log, subject, operator)
            recorded = True
        except PathfitError as err:  # shown, and the answers kept all the same
            failed = err
        else:
            if fmt == "json":
                echo(json_on(sys.stdout, json_for_programs(decision.to_dict())))
            else:
                echo("")
                echo(render_text(engine.ruleset, decision, text_width(), ids))
        if failed is not None:
            say_problems(failed.problems)
    except KeyboardInterrupt:
        if talk.hung_up:
            raise
        _stopped(saved, len(answers), save, force, inputs, fmt, decided, recorded and bool(record_path or audit_log))
    try:
        keep_answers(saved, len(answers), save, force, inputs, fmt, failed is not None, rules=engine.ruleset)
    except Terminated:  # SIGTERM at the save prompt: the answers not yet kept
        _stopped(saved, len(answers), save, force, inputs, fmt, decided, recorded and bool(record_path or audit_log),
                 shown=failed is None)
    return failed


def _stopped(saved: dict, count: int, save: str | None, force: bool, inputs: tuple, fmt: str,
             decided: bool, recorded: bool, shown: bool = False) -> None:
    """Ctrl-C or SIGTERM while the advice was made or shown (or SIGTERM at the save prompt, once
    it was `shown`): the answers kept first (a stalled reader of the output must not hold them),
    then what became of the advice said on stderr: `decided` once it was made, `recorded` once
    --record or --audit-log has it (a record is written whole or not at all: engine/audit/save.py)."""
    if not decided:
        said = "no decision was made and nothing was recorded"
    else:
        said = ("the decision was recorded as said above" if recorded else "nothing was recorded") + \
            ("" if shown else "; the advice was not shown in full")
    try:
        keep_answers(saved, count, save, force, inputs, fmt, True, ask=False)
    finally:
        echo(f"(interrupted: {said})", err=True)
    raise SystemExit(INTERRUPTED)
