"""The rule project `pathfit init DIR` writes: the smallest complete rule set.

Kept as text here (not copied from the bundled rules) so it is self-contained:
its knowledge base sits inside the project, every rule is cited and covered
by a test, and `pathfit lint --strict` and `pathfit test --min-coverage 100`
pass on it. docs/rule-language.md teaches the language with these files, and
a test keeps the two the same.
"""
from __future__ import annotations

import os

from ..cohort.held import stops_held
from ..errors import Pos, fail
from ..files import reason, write_atomic
from ..folders import make_folders, missing_folders, remove_folders

# relative path -> text, in the order a reader meets them
FILES: dict[str, str] = {
    "schema.yaml": """\
# The facts: what pathfit asks about a person (docs/rule-language.md).
ruleset: my-rules
knowledge_base: knowledge_base.md
facts:
  goal_clarity:
    type: enum
    values: [specific, emerging]
    labels: {specific: Specific, emerging: Emerging (a direction without a target)}
    question: How clear is the development goal?
  wants_experienced_guide:
    type: bool
    question: Does the person want advice from someone who has done the job?
  ready_for_change:
    type: bool
    question: Is the person ready to change how they work now?
derived:
  clear_goal:
    description: the goal is specific enough to agree objectives on
""",
    "policy.yaml": """\
# How evidence becomes one recommendation (docs/rule-language.md).
evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {}
decision:
  - {outcome: not_now, when: {concluded: not_now}, confidence: certain}
  - {outcome: undetermined, when: {strongest_below: 2}, confidence: shortfall}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
""",
    "rules.yaml": """\
# Rules: when the facts match, do the effects (docs/rule-language.md).
rules:
  - id: goal.clear
    reason: A specific goal can be turned into agreed objectives.
    cites: [goals]
    when: {fact: goal_clarity, equals: specific}
    then: {derive: [clear_goal]}

  - id: coaching.clear_goal
    reason: Agreed objectives within months are what coaching is built for.
    cites: [goals]
    when: {fact: clear_goal, equals: true}
    then: {evidence: {coaching: 2}}

  - id: mentoring.guide
    reason: Advice from someone who has done the job is what a mentor gives.
    cites: [mentors]
    when: {fact: wants_experienced_guide, equals: true}
    then: {evidence: {mentoring: 2}}

  - id: not_now.unready
    reason: Neither coaching nor mentoring helps someone not ready to change.
    cites: [readiness]
    when: {fact: ready_for_change, equals: false}
    then: {not_now: true}
""",
    "knowledge_base.md": """\
# Knowledge base

Every rule cites a section here by its anchor.

## Goals <a id="goals"></a>

Coaching works towards specific objectives agreed at the start and reviewed within months.

## Mentors <a id="mentors"></a>

A mentor is someone who has done the job and shares what they learnt.

## Readiness <a id="readiness"></a>

Development needs a person who is ready to change; otherwise, not now.
""",
    "tests/cases.yaml": """\
# Rule tests: run them with `pathfit test DIR --min-coverage 100`.
description: Each rule fires in some case, and each case checks the outcome.
cases:
  - name: a specific goal leads to coaching
    profile: {goal_clarity: specific, ready_for_change: true}
    expect:
      outcome: coaching
      fired: [goal.clear, coaching.clear_goal]

  - name: wanting an experienced guide leads to mentoring
    profile: {goal_clarity: emerging, wants_experienced_guide: true}
    expect:
      outcome: mentoring
      fired: [mentoring.guide]
      not_fired: [goal.clear]

  - name: someone not ready to change is told not now
    profile: {goal_clarity: specific, ready_for_change: false}
    expect:
      outcome: not_now
      fired: [not_now.unready]
""",
}


def write_project(directory: str) -> list[str]:
    """Write FILES under `directory` (created if missing) -> the paths written.
    A target that exists and is not an empty directory is refused (PF629):
    init never mixes its files with someone's work. A run that fails part way removes the
    files and folders it made (only those: a folder that was there is kept)."""
    if os.path.lexists(directory) and not (os.path.isdir(directory) and not os.listdir(directory)):
        raise fail("PF629", "exists and is not an empty directory; give a new one", Pos(directory))
    written: list[str] = []
    made = missing_folders(os.path.join(directory, "tests"))
    _refuse_folders_read_as_rules(made, directory)
    try:
        for rel, text in FILES.items():
            path = os.path.join(directory, *rel.split("/"))
            try:  # a path under a file, a folder that cannot be made: the author's to fix, not a fault
                # never writable by others, whatever the umask (000 in some containers): pathfit
                # refuses a ./rules that any user may write (PF216), and would refuse this project
                make_folders(os.path.dirname(path), 0o775)
            except OSError as exc:
                raise fail("PF619", f"cannot create the directory: {reason(exc)}",
                           Pos(exc.filename if isinstance(exc.filename, str) else directory)) from None
            with stops_held():  # Ctrl-C and SIGTERM between files, never inside one: `written` is what is there
                write_atomic(path, text)
                written.append(path)
    except BaseException:  # nothing written: the files and folders this run made go (Ctrl-C too)
        for path in written:
            os.unlink(path)
        remove_folders(made)
        raise
    return written


def _refuse_folders_read_as_rules(made: list, directory: str) -> None:
    """PF618 at DIRECTORY where a folder init would make is named as a rule set it would sit in
    reads its YAML (`my-rules/sub.yaml`, `my-rules/tests/t.yaml`): every command would then refuse
    that rule set for a folder where a rule file or a rule test is read, as `schema --out` refuses."""
    from ..pipeline.bundled import SCHEMA_FILE
    from ..pipeline.yaml_names import read_as_rules
    from ..quote import shown_path

    for folder in made:
        parent = os.path.dirname(os.path.abspath(folder))
        for rules in (parent, os.path.dirname(parent)):  # a rule set's own folder, or its tests/
            read_as = read_as_rules(folder, rules) if os.path.isfile(os.path.join(rules, SCHEMA_FILE)) else None
            if read_as is not None:
                raise fail("PF618", f"would make the folder {shown_path(os.path.relpath(folder))}, which the rule set "
                                    f"in {shown_path(os.path.relpath(rules))} would read as {read_as} and then refuse; "
                                    "name it otherwise",
                           Pos(directory))
