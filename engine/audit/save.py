"""Record a decision: to a record file, to the audit log, or both, all or nothing.

    from engine.audit.save import save
    record, entry = save(engine, decision, record_path="r.json", log_path="audit.jsonl")

Everything that can be checked is checked before anything is written (the
audit key, whether the record file exists); then the record file is written
(atomically, never replacing a file) and the entry appended (locked, fsynced).
If the append fails, the record file just written is removed again, so a
failure leaves no trace and a success leaves both.
"""
from __future__ import annotations

from pathlib import Path

from .append import append
from ..errors import Pos, fail
from ..files import APPENDED, check_target, same_output
from ..pipeline.model import input_files
from .masking import load_key
from .record import build_record, record_text, write_new


def check_outputs(record_path: str | None, log_path: str | None, read: tuple | list = (),
                  rules: str | None = None) -> None:
    """Refuse, before anything is written, a record or audit log that `save` could not write:
    a record that is a directory (PF617) or exists (PF612, records are never overwritten) or is
    the log however spelt (PF613); a log that is a directory, or one of `read` (the rule set's
    files, a profile) or a key file, which appending would spoil (PF617); either where the rule
    set in `rules` would read it as its own YAML (PF617). One statement of them,
    for `save` and for `interview`, which asks them before its first question."""
    if record_path is not None:
        target = Path(record_path)
        if target.is_dir():
            raise fail("PF617", "the record is a directory, not a file", Pos(str(target)))
        if target.exists() or target.is_symlink():
            raise fail("PF612", "file exists; records are never overwritten", Pos(str(target)))
        if log_path is not None and same_output(target, log_path):
            raise fail("PF613", "--record and --audit-log name the same file", Pos(str(target)))
        check_target(target, what="--record", code="PF617", rules=rules)  # a missing folder
    if log_path is not None and Path(log_path).is_dir():
        raise fail("PF617", "the audit log is a directory", Pos(str(log_path)))
    if log_path is not None:
        check_target(log_path, read, what="--audit-log", code="PF617", fate=APPENDED, rules=rules)


def save(engine, decision, record_path: str | None = None, log_path: str | None = None,
         key_path: str | None = None, subject: str | None = None, operator: str | None = None
         ) -> tuple[dict, dict | None]:
    """-> (the record, the log entry or None). PathfitError, with nothing written, on failure."""
    key = load_key(key_path)
    record = build_record(engine, decision, key, subject=subject, operator=operator)
    check_outputs(record_path, log_path, input_files(engine.ruleset), engine.ruleset.directory)
    if record_path is not None:
        write_new(Path(record_path), record_text(record))
    entry = None
    if log_path is not None:
        try:
            entry = append(log_path, record)
        except BaseException:
            if record_path is not None:
                _remove(Path(record_path))
            raise
    return record, entry


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
