"""What `pathfit interview` writes, checked before its first question.

An interview is minutes of someone's attention: everything its end would refuse (a record
that exists, a log that cannot be appended to, a record it could not seal) is refused before
the first question, not after the last answer. What is kept if its end fails all the same
(a file another program wrote meanwhile, a full disk) is cli/interview_answers.py's: the answers.
"""
from __future__ import annotations

import os

from pathfit.engine import Engine, PathfitError
from pathfit.engine.errors import Pos, Problem, fail
from pathfit.engine.files import APPENDED, check_creatable, check_target, same_output
from pathfit.engine.pipeline.model import RuleSet, input_files

KEY_HINT = "set PATHFIT_AUDIT_KEY_FILE to an audit key (create one with `pathfit audit keygen FILE`)"


def check_outputs(profile_path: str | None, record_path: str | None, audit_log: str | None, save: str | None,
                  force: bool) -> None:
    """Refuse, before a single question is asked, every output the end of the interview would
    refuse: the record and the log are written after the last answer, so a record that exists or
    is a directory, or a log that cannot be appended to, refused the whole conversation at its
    end. Two outputs naming one file, however spelt (`./a`, a linked folder, a hard link), are
    PF613, as recommend's --record and --audit-log are: --save written over the log or the
    record the same run wrote lost it. An output whose folder takes no new file (read-only, a
    permission refused) is tried here too (PF617, PF619): found at the end, it was said after the
    last answer."""
    read = (profile_path,) if profile_path and profile_path != "-" else ()
    named = [(option, path) for option, path in (("--record", record_path), ("--audit-log", audit_log),
                                                 ("--save", save)) if path]
    for i, (option, path) in enumerate(named):
        for other_option, other in named[:i]:
            if same_output(path, other) and option == "--save":
                raise fail("PF613", f"--save and {other_option} name the same file", Pos(path))
            if same_output(path, other):  # --record and --audit-log: as recommend says it
                raise fail("PF613", f"{other_option} and {option} name the same file", Pos(other))
    if record_path or audit_log:  # as recommend refuses them, and a log that cannot be appended to
        from pathfit.engine.audit.append import check_appendable  # only with a record or an audit log
        from pathfit.engine.audit.save import check_outputs as check_record_outputs

        check_record_outputs(record_path, audit_log, read)
        if audit_log:
            check_appendable(audit_log)  # one that exists is opened for appending: a new one is made in its folder
        for path in (record_path, audit_log if audit_log and not os.path.lexists(audit_log) else None):
            if path:
                check_creatable(path, "PF617")
    if save:
        check_target(save, read, what="--save")
        if os.path.lexists(save) and not force:
            raise fail("PF612", "--save: file exists; give --force to replace it", Pos(save))
        check_creatable(save)


def check_kept(record_path: str | None, audit_log: str | None, save: str | None, force: bool,
               subject: str | None, operator: str | None, rules: RuleSet | None = None) -> None:
    """Refuse (PF613, at each option's name), before the first question, an option with nothing to
    do: --subject and --operator with no record to keep them (--subject is also kept in --save's
    answers), --force with no --save. Accepted, each was dropped without a word. Called once the
    subject and operator themselves are valid, so their own problems (PF628) are said first.
    Then an output that is one of the files of `rules`, the rule set known once loaded, or that
    it would read as its own YAML (interview --save rules/answers.yaml): every later command
    would refuse the rule set."""
    kept = bool(record_path or audit_log)
    idle = [(name, message) for given, name, message in (
        (subject is not None and not (kept or save), "--subject",
         "--subject is kept in a record or the saved answers only: give --record, --audit-log or --save, "
         "or leave it out"),
        (operator is not None and not kept, "--operator",
         "--operator is kept in a record only: give --record or --audit-log, or leave it out"),
        (force and not save, "--force", "--force applies to --save: it lets --save replace a file")) if given]
    if idle:
        raise PathfitError([Problem("PF613", message, Pos(name)) for name, message in idle])
    for option, path, code, fate in (("--record", record_path, "PF617", "it would be replaced"),
                                     ("--audit-log", audit_log, "PF617", APPENDED),
                                     ("--save", save, "PF618", "it would be replaced")):
        if path and rules is not None:
            check_target(path, input_files(rules), what=option, code=code, fate=fate, rules=rules.directory)


def check_sealing(engine: Engine, facts: dict, subject: str | None) -> None:
    """Refuse (PF610), before the first question, a record the end of the interview might not
    seal: an audit key named but unusable; or, with no key, a subject the policy keeps
    sensitive, a sensitive input fact the profile gives, or rules that read a sensitive input
    fact at all. Why so plainly, and not by which questions could come: a condition read off
    the rule set and the profile alone is exactly true as the refusal words it, where a claim
    about what the interview may ask must follow every answer. A sensitive fact no rule reads
    is never asked (the interview asks only what a rule reads), so it needs no key, as
    recommend needs none for a person without one. `facts`: the profile's facts, checked."""
    from pathfit.engine.audit.masking import load_key

    if load_key() is not None:  # a key named but unusable is PF610 here
        return
    rs = engine.ruleset
    problems = []
    if subject is not None and rs.policy.subject != "public":
        problems.append(Problem("PF610", f"the decision names its subject, which the policy keeps sensitive; "
                                f"{KEY_HINT} so it can be sealed, or write `subject: public` in policy.yaml",
                                Pos("PATHFIT_AUDIT_KEY_FILE")))
    sensitive = sorted(f.name for f in rs.inputs if f.sensitive)
    given = [name for name in sensitive if name in facts]
    read = [name for name in sensitive if rs.readers.get(name)]
    said = [*([f"the profile gives sensitive facts ({', '.join(given)})"] if given else []),
            *([f"the rules read sensitive facts ({', '.join(read)})"] if read else [])]
    if said:
        problems.append(Problem("PF610", f"{' and '.join(said)}: an interview that records needs the audit key, "
                                f"whatever is answered; {KEY_HINT} so the record can seal them",
                                Pos("PATHFIT_AUDIT_KEY_FILE")))
    if problems:
        raise PathfitError(problems)
