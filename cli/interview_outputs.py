"""What `pathfit interview` writes, checked before its first question.

An interview is minutes of someone's attention: everything its end would refuse (a record
that exists, a log that cannot be appended to) is refused before the first question, not
after the last answer.
"""
from __future__ import annotations

import os

from pathfit.engine.errors import Pos, fail
from pathfit.engine.files import check_target, same_output

def check_outputs(profile_path: str | None, record_path: str | None, audit_log: str | None, save: str | None,
                  force: bool) -> None:
    """Refuse, before a single question is asked, every output the end of the interview would
    refuse: the record and the log are written after the last answer, so a record that exists or
    is a directory, or a log that cannot be appended to, refused the whole conversation at its
    end. Two outputs naming one file, however spelt (`./a`, a linked folder, a hard link), are
    PF613, as recommend's --record and --audit-log are: --save written over the log or the
    record the same run wrote lost it."""
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
            check_appendable(audit_log)
    if save:
        check_target(save, read, what="--save")
        if os.path.lexists(save) and not force:
            raise fail("PF612", "--save: file exists; give --force to replace it", Pos(save))
