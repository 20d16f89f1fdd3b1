"""Hostile batch rows, hostile output paths and write faults: each a located
error for that row or that file, nothing half-written, no temporary file left.

Table-driven: tests/hardening/rows.yaml (rows) and the OUTPUTS and FAULTS tables
below, each run by one parametrized test. Runs are in-process (CliRunner) so
the whole table costs about a second; the interpreter-level properties (peak
memory, signals) are tested on a real subprocess in test_hardening_procs.py.
"""
from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.log import read_lines
from pathfit.engine.audit.verify import verify_lines

from .audit_support import make_key
from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")


def _line(spec) -> str:
    if isinstance(spec, str):
        return spec
    return "".join("".join(text.replace("{i}", str(i)) for i in range(times)) if "{i}" in text else text * times
                   for text, times in spec)


def _row_cases():
    for case in yaml.safe_load((HERE / "hardening" / "rows.yaml").read_text())["cases"]:
        yield pytest.param(case, id=case["name"])


def _batch(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, ["batch", *args, "--rules", TINY, "--jobs", "1", "--quiet"], env=env)


def _shown(result: dict, expected: dict) -> dict:
    """A result as the table writes it, with only the keys the case names: every case gives
    the row and its outcome or first error's code, line and column; a case may add the row's
    `id` and `errors` (every problem, each [code, line, col])."""
    error = result["error"]
    shown = {"row": result["row"], "id": result["id"]}
    if error is None:
        shown["outcome"] = result["outcome"]
    else:
        shown.update(code=error["code"], line=error["line"], col=error["col"],
                     errors=[[e["code"], e["line"], e["col"]] for e in result["errors"]])
    return {key: shown[key] for key in expected if key in shown}


@pytest.mark.parametrize("case", list(_row_cases()))
def test_hostile_rows(case: dict, tmp_path: Path) -> None:
    source = tmp_path / f"in.{case['kind']}"
    text = "".join(_line(spec) + "\n" for spec in case["lines"])
    if case.get("cut"):  # the file ends inside its last line, with no line break
        text = text[:-1]
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = [str(source), "--out", str(out)]
    env = None
    if case.get("audit_log"):
        args += ["--audit-log", str(tmp_path / "audit.jsonl")]
        env = {"PATHFIT_AUDIT_KEY_FILE": str(make_key(tmp_path))}
    result = _batch(*args, env=env)
    assert result.exit_code == 1, result.output
    results = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(results) == len(case["expect"]), results
    assert [_shown(r, e) for r, e in zip(results, case["expect"])] == case["expect"]
    if case.get("audit_log"):
        lines = read_lines(tmp_path / "audit.jsonl")
        records = [ln for ln in lines if "record" in ln.entry]  # between the batch's begin and commit markers
        assert len(records) == sum(1 for e in case["expect"] if "outcome" in e) == len(lines) - 2
        assert verify_lines(lines, "audit.jsonl").intact
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_control_characters_in_row_ids_are_escaped_in_csv_and_jsonl(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a\x1b]0;pwned\x07\x9b\u202e", "goal": "specific"}) + "\n")
    for name in ("out.csv", "out.jsonl"):
        assert _batch(str(source), "--out", str(tmp_path / name)).exit_code == 0
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert not any(c in text for c in "\x1b\x07\x9b\u202e")
        assert "\\u001b]0;pwned\\u0007\\u009b\\u202e" in text
    row = json.loads((tmp_path / "out.jsonl").read_text())
    assert row["id"] == "a\x1b]0;pwned\x07\x9b\u202e"  # JSON escapes: the value itself is kept


def test_a_csv_cell_keeps_a_line_feed_and_a_tab_inside_its_quotes(tmp_path):
    """A line feed or a tab in a row's id is text, not a control to hide: the CSV cell keeps it
    as read, inside its quotes, so a CSV reader gives the id back whole (an ESC beside them
    still escaped). The test above tries controls that are escaped, none that are kept."""
    import csv
    import io

    ids = ["two\nlines", "a\tb", "c\r\nd\x1b"]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "goal": "specific"}) + "\n" for i in ids))
    assert _batch(str(source), "--out", str(tmp_path / "out.csv")).exit_code == 0
    text = (tmp_path / "out.csv").read_text(encoding="utf-8")
    read = [row["id"] for row in csv.DictReader(io.StringIO(text, newline=""))]
    assert read == ["two\nlines", "a\tb", "c\\u000d\nd\\u001b"], read

# Outputs refused before any work: (name, how to make the target, code).
def _link(tmp: Path) -> Path:
    victim = tmp / "victim.txt"
    victim.write_text("precious\n")
    (tmp / "out.jsonl").symlink_to(victim)
    return tmp / "out.jsonl"


def _dangling(tmp: Path) -> Path:
    (tmp / "out.jsonl").symlink_to(tmp / "nowhere.jsonl")
    return tmp / "out.jsonl"


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "out.jsonl")
    return tmp / "out.jsonl"


OUTPUTS = [
    ("a link to another file", _link),
    ("a dangling link", _dangling),
    ("a named pipe", _fifo),
    ("a device", lambda tmp: Path("/dev/null")),
    ("the input itself", lambda tmp: tmp / "in.jsonl"),
    ("the input through a hard link", lambda tmp: (os.link(tmp / "in.jsonl", tmp / "hard.jsonl"), tmp / "hard.jsonl")[1]),
    ("a folder that does not exist", lambda tmp: tmp / "missing" / "out.jsonl"),
    ("under a file, as if it were a folder", lambda tmp: tmp / "in.jsonl" / "out.jsonl"),
]


@pytest.mark.parametrize("make", [m for _, m in OUTPUTS], ids=[n for n, _ in OUTPUTS])
def test_outputs_that_are_links_devices_or_the_input_are_refused_before_any_work(make, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "goal": "specific"}\n')
    target = make(tmp_path)
    before = {p.name: (p.lstat().st_mode, p.read_bytes() if p.is_file() else None) for p in tmp_path.iterdir()}
    for command in (["batch", str(source), "--out", str(target), "--rules", TINY, "--quiet"],
                    ["report", str(source), "--out", str(target)]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"{target}:0:0: PF618: "), result.output
        if target.parent.is_file():  # regression: it said the folder did not exist
            assert f": {target.parent} is not a folder" in result.output
        after = {p.name: (p.lstat().st_mode, p.read_bytes() if p.is_file() else None) for p in tmp_path.iterdir()}
        assert after == before


def _raise_on(monkeypatch, name: str, code: int, when) -> None:
    """Make os.<name> fail with `code` for the calls `when(args)` picks."""
    real = getattr(os, name)

    def fake(*args, **kwargs):
        if when(args):
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, fake)


def _is_temp(args) -> bool:
    return isinstance(args[0], (str, Path)) and ".partial-" in os.fspath(args[0])


def _big_write(args) -> bool:
    return len(args) > 1 and hasattr(args[1], "__len__") and len(args[1]) > 0


# Faults by fault injection: the tests run as root, which a chmod 500 folder does
# not stop, and a real full or read-only file system needs mount rights. So
# os.write raises ENOSPC (disk full), and os.open raises EROFS (read-only
# folder) or EACCES (permission denied) for the temporary file pathfit creates.
FAULTS = [
    ("disk full", "write", errno.ENOSPC, _big_write, "No space left on device (ENOSPC)"),
    ("read-only folder", "open", errno.EROFS, _is_temp, "Read-only file system (EROFS)"),
    ("permission denied", "open", errno.EACCES, _is_temp, "Permission denied (EACCES)"),
]


def _record_file(tmp: Path) -> Path:
    path = tmp / "r.json"
    assert CliRunner().invoke(cli, ["recommend", "--rules", TINY, "--fact", "goal=specific",
                                    "--record", str(path)]).exit_code == 0
    return path


@pytest.mark.parametrize("name,call,code,when,words", FAULTS, ids=[f[0] for f in FAULTS])
def test_write_faults_are_located_errors_naming_the_file_with_nothing_half_written(
        monkeypatch, tmp_path, name, call, code, when, words):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "goal": "specific"}\n' * 3)
    record = _record_file(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    commands = [
        (["batch", str(source), "--out", str(tmp_path / "out.jsonl"), "--rules", TINY, "--jobs", "1", "--quiet"],
         tmp_path / "out.jsonl", "PF619"),
        (["report", str(record), "--out", str(tmp_path / "page.html")], tmp_path / "page.html", "PF619"),
        (["recommend", "--rules", TINY, "--fact", "goal=specific", "--record", str(tmp_path / "new.json")],
         tmp_path / "new.json", "PF617"),
    ]
    with monkeypatch.context() as patch:
        _raise_on(patch, call, code, when)
        for args, target, expected in commands:
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 2, (args, result.output)
            assert result.output.startswith(f"{target}:0:0: {expected}: "), result.output
            assert words in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_full_disk_while_appending_leaves_the_audit_log_as_it_was(monkeypatch, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "goal": "specific"}\n' * 3)
    env = {"PATHFIT_AUDIT_KEY_FILE": str(make_key(tmp_path))}
    log = tmp_path / "audit.jsonl"
    args = [str(source), "--out", str(tmp_path / "out.jsonl"), "--audit-log", str(log)]
    assert _batch(*args, env=env).exit_code == 0
    kept = log.read_bytes()
    (tmp_path / "out.jsonl").unlink()
    source.write_text('{"id": "a", "goal": "specific"}\n' * 4)  # another batch: the same one is refused (PF627)
    with monkeypatch.context() as patch:
        # The output is written in full before the log is touched, so the fault is put on the log's writes.
        _raise_on(patch, "write", errno.ENOSPC,
                  lambda a: _big_write(a) and os.readlink(f"/proc/self/fd/{a[0]}") == str(log))
        result = _batch(*args, env=env)
    assert result.exit_code == 2  # the log is named, and left as it was; the written output is discarded
    assert result.output.startswith(f"{log}:0:0: PF617: cannot append: No space left on device (ENOSPC)")
    assert log.read_bytes() == kept and not (tmp_path / "out.jsonl").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.jsonl", "audit.key", "in.jsonl"]


def test_temporary_files_are_exclusive_unfollowed_private_and_beside_the_target(monkeypatch, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "goal": "specific"}\n')
    opened = []
    real = os.open

    def spy(path, flags, mode=0o777, *args, **kwargs):
        fd = real(path, flags, mode, *args, **kwargs)
        if ".partial-" in os.fspath(path):
            opened.append((os.fspath(path), flags, os.stat(fd).st_mode & 0o777))
        return fd

    env = {"PATHFIT_AUDIT_KEY_FILE": str(make_key(tmp_path))}  # made before the spy: the batch's own files are counted
    monkeypatch.setattr(os, "open", spy)
    assert _batch(str(source), "--out", str(tmp_path / "out.jsonl"), "--audit-log", str(tmp_path / "a.jsonl"),
                  env=env).exit_code == 0
    assert len(opened) == 2  # the results and the records' spool
    for path, flags, mode in opened:
        assert os.path.dirname(path) == str(tmp_path)
        assert flags & os.O_CREAT and flags & os.O_EXCL and flags & os.O_NOFOLLOW
        assert mode == 0o600
    assert (tmp_path / "out.jsonl").stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "audit.key", "in.jsonl", "out.jsonl"]


def test_a_symlinked_audit_log_is_refused(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "goal": "specific"}\n')
    victim = tmp_path / "victim"
    victim.write_text("")
    (tmp_path / "a.jsonl").symlink_to(victim)
    env = {"PATHFIT_AUDIT_KEY_FILE": str(make_key(tmp_path))}
    result = _batch(str(source), "--out", str(tmp_path / "out.jsonl"), "--audit-log", str(tmp_path / "a.jsonl"),
                    env=env)
    assert result.exit_code == 2 and result.output.startswith(f"{tmp_path / 'a.jsonl'}:0:0: PF617: ")
    assert victim.read_text() == "" and not (tmp_path / "out.jsonl").exists()
