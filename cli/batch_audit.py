"""The audit log's side of `pathfit batch`: checked before the first row, records spooled
while rows run, committed just before the output is renamed into place.

With --audit-log, records are spooled beside the output while rows run, then
appended to the log in input order under one lock, as one unit between begin
and commit markers (engine.audit.commit), just before the output is renamed
into place: an output file always has its records committed in the log. A kill
during the append leaves an uncommitted tail that counts for nothing (verify
reports it, --repair sets it aside); SIGTERM and Ctrl-C are held off from the
append to the rename, so the message after one says exactly what was committed.
The batch id (input bytes, rule set digest, input format) is refused if already
committed, so re-running after a crash never logs a row twice; when the
committed batch has no output file (a hard kill between the commit and the
rename), the re-run writes the output instead: the same rows run again without
appending, each decision checked against its committed record (PF631 if one
differs) and given that record's id.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from pathfit.engine import PathfitError
from pathfit.engine.cohort.batch import Audit
from pathfit.engine.cohort.held import stops_held
from pathfit.engine.errors import Pos, Problem, counted
from pathfit.engine.files import APPENDED, Output, check_target, reason, same_output, spool
from pathfit.engine.quote import shown_path
from pathfit.engine.safe_text import one_line

from .common import fail_with

if TYPE_CHECKING:
    from pathfit.engine import Engine


def prepare_audit(engine: Engine, audit_log: str, input_path: str, stream: BinaryIO, out: Path, kind: str,
                  operator: str | None) -> tuple[Audit, str]:
    """Everything that could stop the audit, checked before the first row runs; the batch id
    from the bytes of `stream`, the input opened for its rows, not of the file its name leads
    to now. -> (what workers need, the batch id)."""
    from pathfit.engine.audit.commit import batch_id, committed_rows, file_digest, find_committed
    from pathfit.engine.audit.append import check_appendable
    from pathfit.engine.audit.masking import load_key, sensitive_domains

    if same_output(audit_log, out) or same_output(audit_log, input_path):
        fail_with(PathfitError([Problem("PF613", "--audit-log names the input or the output file", Pos(audit_log))]))
    try:
        check_target(audit_log, inputs=[input_path], what="--audit-log", code="PF617", fate=APPENDED)
        key = load_key()
        sensitive = sorted(sensitive_domains(engine.ruleset))
        if sensitive and key is None:
            raise PathfitError([Problem("PF610", f"the rule set has sensitive facts ({', '.join(sensitive)}); set "
                                        "PATHFIT_AUDIT_KEY_FILE to an audit key (create one with `pathfit audit "
                                        "keygen FILE`) so they can be sealed", Pos("PATHFIT_AUDIT_KEY_FILE"))])
        try:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):  # a pipe would be read up by its digest
                raise PathfitError([Problem("PF100", "with --audit-log the input must be a regular file: its digest "
                                            "names the batch, and a pipe or a device cannot be read twice",
                                            Pos(input_path))])
            digest = file_digest(stream)
        except OSError as exc:
            raise PathfitError([Problem("PF100", f"cannot read file: {reason(exc)}", Pos(input_path))]) from None
        batch = batch_id(digest, engine.ruleset.digest, {"input_format": kind})
        commit = find_committed(audit_log, batch) if not out.exists() and not out.is_symlink() else None
        if commit is not None:  # committed, yet no output: a run stopped between its commit and the rename
            return Audit(key, Path(input_path).name, operator, committed_rows(audit_log, commit)), batch
        check_appendable(audit_log, batch)
    except PathfitError as err:
        fail_with(err)
    return Audit(key, Path(input_path).name, operator), batch


def input_unchanged(stream: BinaryIO, input_path: str, engine: Engine, kind: str, batch: str) -> None:
    """PF100 if the input's bytes, read again once its rows are, are not those the batch id was
    worked out from: rows another program added or changed while the batch read them would be
    committed under the id of bytes without them, and the file run again, under its own id,
    logged a second time. Checked before anything is appended or written."""
    from pathfit.engine.audit.commit import batch_id, file_digest

    try:
        stream.seek(0)
        same = batch_id(file_digest(stream), engine.ruleset.digest, {"input_format": kind}) == batch
    except OSError as exc:
        raise PathfitError([Problem("PF100", f"cannot read file: {reason(exc)}", Pos(input_path))]) from None
    if not same:
        raise PathfitError([Problem("PF100", "the file changed while the batch read it, so its rows are not those of "
                                    "the bytes its batch id names; nothing was written or appended: run the batch "
                                    "again once the file is written whole", Pos(input_path))])


class Spool:
    """The records while rows run, only with an audit log: a scratch file with no
    name (engine.files.spool), so nobody else reads it and no kill leaves it behind."""

    def __init__(self, out: Path, audit: Audit | None) -> None:
        self._out, self._on, self._f = out, audit is not None and audit.committed is None, None

    def __enter__(self):
        if self._on:
            self._f = spool(self._out)
        return self._f

    def __exit__(self, *exc) -> None:
        if self._f:
            try:
                self._f.close()
            except OSError:
                pass


def spool_write(records: BinaryIO, data: bytes, out_path: str) -> None:
    """Spool a chunk's records; a write refused (a full disk) is PF619 naming the output,
    beside which the scratch file is."""
    try:
        records.write(data)
    except OSError as exc:
        raise PathfitError([Problem("PF619", f"cannot write the records' scratch file beside it: {reason(exc)}; "
                                    "nothing was written or appended", Pos(out_path))]) from None


def _append_spooled(records: BinaryIO, audit_log: str, out_path: str, batch_id: str, decided: int
                    ) -> tuple[int, str, int]:
    """Append the spooled records as one committed batch; -> (records, head, seq of the commit)."""
    from pathfit.engine.audit.commit import Batch
    from pathfit.engine.audit.append import append_lines

    try:
        records.flush()
        records.seek(0)
    except OSError as exc:
        raise PathfitError([Problem("PF619", f"cannot write the records' scratch file beside it: {reason(exc)}; "
                                    "nothing was written or appended", Pos(out_path))]) from None
    lines = (memoryview(line)[:-1] for line in records)  # each line without its newline, not copied to cut it
    count, last = append_lines(audit_log, lines, batch=Batch(batch_id, decided))
    return count, last["hash"], last["seq"]


def finish(handle: Output, records: BinaryIO | None, audit_log: str | None, out_path: str, batch_id: str | None,
           decided: int, done: dict) -> None:
    """Commit the records, then rename the output, with SIGTERM and Ctrl-C held off in between.

    Every output byte is written and fsynced first (Output.prepare), so only the
    rename can fail after the commit; if it does, the error says the records were
    committed. A signal that arrives meanwhile is taken after both (engine.cohort.held),
    and `done` says what was finished."""
    handle.prepare()
    with stops_held():
        if records:
            done["committed"] = _append_spooled(records, audit_log, out_path, batch_id, decided)
        try:
            handle.commit()
        except PathfitError as err:
            if done["committed"]:
                problem = err.problems[0]
                raise PathfitError([problem._replace(message=f"{problem.message}; {_committed(done, audit_log)}")]) \
                    from None
            raise
        done["written"] = True


def _committed(done: dict, audit_log: str) -> str:
    count, _, seq = done["committed"]
    return (f"but the batch's {counted(count, 'record')} were committed to {shown_path(audit_log)} (commit at seq {seq}): running "
            "the same batch again writes the output from them and appends nothing, so no row is logged twice")


def restored(audit_log: str, batch_id: str, out_path: str) -> str:
    """What a run that restored a committed batch's output says it did, and why it could."""
    from pathfit.engine.audit.commit import committed_count, find_committed

    commit = find_committed(audit_log, batch_id) or {"batch": {"records": "?"}, "seq": "?", "time": "?"}
    # the marker's fields as the log holds them, each shown on one line (a newline in one would
    # print a line of its own)
    seq, time = (one_line(str(v)) for v in (commit.get("seq"), commit.get("time")))
    # pathfit cannot tell which run wrote where: the log names no output, so this says only what it knows
    return (f"batch {batch_id[:12]} was already committed to {shown_path(audit_log)} ({committed_count(commit)}, "
            f"commit at seq {seq}, {time}), and {shown_path(out_path)} did not exist (the run that committed "
            "it was stopped before renaming its output into place, or wrote it elsewhere). Wrote it by running the "
            "same rows again, each decision's outcome and referral checked against its committed record and given "
            "that record's id; nothing was appended")


def interrupted(done: dict, out_path: str, audit_log: str | None) -> str:
    """The truth about an interrupted run, from what the end of the run got to."""
    if done["written"]:
        return (f"after the run had finished: output written to {shown_path(out_path)}"
                + (f" and its records committed to {shown_path(audit_log)}" if done["committed"] else ""))
    if done["committed"]:
        return f"no output written to {shown_path(out_path)}, {_committed(done, audit_log)}"
    return f"no output written to {shown_path(out_path)}" + (f" and nothing appended to {shown_path(audit_log)}" if audit_log else "")
