"""`audit show LOG` (the listing and every filter but `--id` alone) and `pathfit replay LOG` read
every line and kept every record, parsed, before showing the first: about four times the log's
size in memory (640 MB for a 147 MB log of 5,000 sealed records, 1.24 GB for twice that). They
now verify the whole log keeping no record, then read each record again, one at a time, checking
that its line is the one verified: memory grows with the log by its entries' hashes and ids, not
by its records. What they print, stdout and stderr, is what reading every record first printed,
on good logs and damaged ones (the golden output below was made by that reading, but for the
warning that the log does not verify, since given first, before the records' warnings, where the
log's problem is a record's seal that fails and that record is not refused for it), and a log cut
and written again between the two reads is refused at the line, never shown as vouched for."""
from __future__ import annotations

import gzip
import hashlib
import importlib
import json
import os
import shutil
from pathlib import Path

import pytest

from pathfit.engine.audit.log import GENESIS, entry_hash
from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.record import canonical

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .audit_support import EXAMPLES, make_key, peak_while, read_every_record, record_for, rehashed, run

FIXTURE = Path(__file__).parent / "fixtures" / "stream-log"
GOLDEN = Path(__file__).parent / "golden" / "audit-show-stream.json"
show_command = importlib.import_module("pathfit.cli.audit.show")
replay_command = importlib.import_module("pathfit.cli.replay")

# The fixture log: 1 a record (subject sealed), 2 one sealed with another key, 3 a batch's begin,
# 4-5 its records, 6 its commit, 7 a sealed record; each case damages it as a log is damaged.
CASES = {
    "intact": lambda lines: lines,
    "not json in the middle": lambda lines: lines[:3] + [lines[3].replace(b'"record":', b'"record";', 1)] + lines[4:],
    "edited in the middle": lambda lines: lines[:4] + [lines[4].replace(b'"hr-1"', b'"hr-9"', 1)] + lines[5:],
    "an entry removed": lambda lines: lines[:1] + lines[2:],
    "a batch never committed": lambda lines: lines[:5],
    "last line cut short": lambda lines: lines[:6] + [lines[6][:len(lines[6]) // 2]],
    "a subject moved in, resealed": lambda lines: lines[:6] + [rehashed(lines[6], _subject_of(lines[0]))],
}
IDS = {"batch record": "1d7c43ef", "edited record": "bf591f8d"}
COMMANDS = {
    "listing": ([], True),
    "json": (["--format", "json"], True),
    "subject": (["--subject", "Ana Ruiz"], True),
    "subject without the key": (["--subject", "Ana Ruiz"], False),
    "rule without the key": (["--rule", "coaching.performance_focus"], False),
    "misspelt outcome": (["--outcome", "mentorng"], True),
    "one record": (["--id", IDS["batch record"]], True),
    "an edited record named": (["--id", IDS["edited record"]], True),
    "operator since": (["--operator", "hr-1", "--since", "2020-01-01"], False),
    "another key": (["--audit-key", "other.key"], False),
    "rule and id": (["--rule", "judge.willing", "--id", "b"], True),
    # a key named on the command line is read before the log: refused with no word on the log first
    "a key others can read": (["--audit-key", "open.key"], False),
}


def _subject_of(line: bytes):
    """A change that gives an entry's record the sealed subject of `line`'s, as a forger would."""
    subject = json.loads(line)["record"]["subject"]
    return lambda entry: entry["record"].update(subject=subject)


def _log(directory: Path, case: str) -> None:
    """The fixture log damaged as `case` says, and its keys, in `directory`."""
    lines = gzip.decompress((FIXTURE / "audit.jsonl.gz").read_bytes()).splitlines(keepends=True)
    (directory / "audit.jsonl").write_bytes(b"".join(CASES[case](lines)))
    for name in ("audit.key", "other.key"):
        shutil.copyfile(FIXTURE / name, directory / name)
        os.chmod(directory / name, 0o600)
    shutil.copyfile(FIXTURE / "audit.key", directory / "open.key")
    os.chmod(directory / "open.key", 0o644)


def _shown(args: list, keyed: bool, monkeypatch) -> dict:
    """`audit show audit.jsonl ARGS` run where the log is: exit status, stdout (a long one by its
    SHA-256), stderr."""
    monkeypatch.delenv("COLUMNS", raising=False)
    if keyed:
        monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", "audit.key")
    else:
        monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    result = run("audit", "show", "audit.jsonl", *args)
    out = result.stdout
    if len(out) > 2000:  # JSON, a record in full: by its digest
        out = "sha256:" + hashlib.sha256(out.encode()).hexdigest()
    return {"exit": result.exit_code, "stdout": out, "stderr": result.stderr}


@pytest.mark.parametrize("case", sorted(CASES))
def test_show_prints_what_reading_every_record_first_printed(case, tmp_path, monkeypatch):
    _log(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))[case]
    for name, (args, keyed) in COMMANDS.items():
        assert _shown(args, keyed, monkeypatch) == golden[name], (case, name)


class _WholeLog:
    """The reading `replay` and `audit show` did before: every record read and kept (read_every_record)."""

    def __init__(self, path, stop=None, key=None) -> None:  # key: gives the audit key, when there is one
        self.items, self.problem, self.unvouched_from = read_every_record(path, None if key is None else key())
        # a record's own seal, the log's first problem (CheckedLog.seal): among these cases, a PF630 at a line
        line = self.problem.pos.line if self.problem is not None and self.problem.code == "PF630" else 0
        self.seal = self.problem if line else None

    def records(self, only=None):
        return iter([i for i in self.items if only is None or i.where.line in only])

    def to_check(self, key, only=None):  # it vouches for no record: its reader checks every one
        return self.records(only)

    def opened(self, item, key, purpose):  # opened and checked, as every reader did
        from pathfit.engine.audit.sealing import open_record

        return item._replace(record=open_record(key, item.record, item.seal_where, purpose))


@pytest.mark.parametrize("case", sorted(CASES))
def test_replay_prints_what_reading_every_record_first_printed(case, tmp_path, monkeypatch, engine):
    _log(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", "audit.key")
    for args in ([], ["--format", "json"], ["--id", IDS["batch record"]], ["--id", IDS["edited record"]],
                 ["--audit-key", "other.key"]):
        streamed = run("replay", "audit.jsonl", *args)
        with monkeypatch.context() as m:
            m.setattr(importlib.import_module("pathfit.engine.audit.stream"), "CheckedLog", _WholeLog)
            whole = run("replay", "audit.jsonl", *args)
        assert (streamed.exit_code, streamed.stdout, streamed.stderr) == \
            (whole.exit_code, whole.stdout, whole.stderr), (case, args)


def _chained(records: list, count: int) -> bytes:
    """A log of `count` entries holding `records` in turn, chained as an append chains them."""
    out, prev = [], GENESIS
    for n in range(count):
        entry = {"prev": prev, "record": records[n % len(records)], "seq": n + 1, "time": "2026-12-05T10:00:00.000000Z"}
        entry["hash"] = prev = entry_hash(entry)
        out.append(canonical(entry) + b"\n")
    return b"".join(out)


def _quiet(module, monkeypatch) -> None:
    """The command's standard output dropped as it is written: what is measured is what the command holds."""
    echo = module.echo
    monkeypatch.setattr(module, "echo",
                        lambda text="", err=False, nl=True: echo(text, err=True, nl=nl) if err else None)


@pytest.mark.parametrize("command", [["audit", "show"], ["audit", "show", "--format", "json"],
                                     ["audit", "show", "--outcome", "coaching"], ["replay"]])
def test_memory_grows_with_the_entries_not_with_the_records(command, tmp_path, engine, monkeypatch):
    key_file = make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key_file))
    records = [record_for(engine, path, load_key(str(key_file))) for path in EXAMPLES[:3]]
    _quiet(show_command if command[0] == "audit" else replay_command, monkeypatch)
    log = tmp_path / "audit.jsonl"
    peaks, sizes = [], []
    # Over the bytes between, these sizes grow by 0.01-0.07 of them (0.01-0.03 from 8 entries to
    # 32), every record held 2.08-2.12 (the same from 8 to 32): a bound as tight, with a quarter of
    # the entries to read traced.
    for count in (4, 16):
        log.write_bytes(_chained(records, count))
        args = command[:2] + [log] + command[2:] if command[0] == "audit" else [command[0], log]
        result = run(*args)  # what is imported or kept on a first run is not the command's own
        assert result.exit_code == 0, result.output
        peaks.append(peak_while(lambda: run(*args)))
        sizes.append(log.stat().st_size)
    grown, by = peaks[1] - peaks[0], sizes[1] - sizes[0]
    assert grown < by / 8, (peaks, sizes)  # every record held: about four bytes a byte of the log


def test_a_log_cut_and_written_again_between_the_reads_is_refused_at_the_line(tmp_path, engine):
    key = load_key(str(make_key(tmp_path)))
    records = [record_for(engine, path, key) for path in EXAMPLES[:2]]
    log = tmp_path / "audit.jsonl"
    log.write_bytes(_chained(records, 4))
    checked = importlib.import_module("pathfit.engine.audit.stream").CheckedLog(log)
    assert checked.problem is None
    lines = log.read_bytes().splitlines(keepends=True)
    other = _chained(records[::-1], 4).splitlines(keepends=True)  # the same length, other bytes from line 2 on
    log.write_bytes(lines[0] + b"".join(other[1:]))
    seen = []
    with pytest.raises(Exception) as err:
        for item in checked.records():
            seen.append(item.where.line)
    assert seen == [1]
    problem = err.value.problems[0]
    assert (problem.code, problem.pos.line) == ("PF100", 2)


def test_entries_appended_between_the_reads_are_not_read(tmp_path, engine):
    key = load_key(str(make_key(tmp_path)))
    records = [record_for(engine, path, key) for path in EXAMPLES[:2]]
    log = tmp_path / "audit.jsonl"
    whole = _chained(records, 5).splitlines(keepends=True)
    log.write_bytes(b"".join(whole[:3]))
    checked = importlib.import_module("pathfit.engine.audit.stream").CheckedLog(log)
    with open(log, "ab") as f:
        f.write(b"".join(whole[3:]))
    assert [i.entry["seq"] for i in checked.records()] == [1, 2, 3]
    assert [i.record for i in checked.records()] == [json.loads(line)["record"] for line in whole[:3]]
