"""All or none for a batch: begin, records and commit in the chain; an interrupted
unit is an uncommitted tail (PF625) that verify reports, appends refuse and
--repair sets aside; a committed batch is refused when run again (PF627), unless
its output is missing, which the re-run then writes without appending; markers
out of place are PF626; and a kill loop (SIGKILL and SIGTERM at seeded random
moments) never leaves a log that verifies with half a batch or a row twice."""
from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.audit.commit import Batch, batch_id
from pathfit.engine.audit.append import append, append_lines
from pathfit.engine.audit.log import read_lines
from pathfit.engine.audit.repair import repair
from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.record import canonical
from pathfit.engine.audit.verify import committed_end, verify_lines
from pathfit.engine.errors import PathfitError

from .audit_support import EXAMPLES, build_log, make_key, record_for, rehashed
from .test_auditlog import _decided
from .helpers import ROOT
from .test_batch import _examples, write_csv


def _verdict(log: Path):
    return verify_lines(read_lines(log), str(log))


def _committed(log: Path) -> list[dict]:
    return [json.loads(line)["batch"] for line in log.read_bytes().splitlines()
            if line.startswith(b'{"batch":') and json.loads(line)["batch"]["mark"] == "commit"]


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("commit")
    engine = Engine.load()
    key = load_key(str(make_key(folder)))
    log = folder / "base.jsonl"
    build_log(engine, key, log, 2)
    records = [canonical(record_for(engine, p, key)) for p in EXAMPLES[:3]]
    return engine, key, log.read_bytes(), records


def test_a_batch_cut_short_at_any_line_or_inside_one_is_an_uncommitted_tail_that_repair_sets_aside(tmp_path, setup):
    engine, key, base, records = setup
    log = tmp_path / "audit.jsonl"
    log.write_bytes(base)
    batch = Batch("ab" * 32, len(records))
    count, last = append_lines(log, records, batch=batch)
    assert count == 3 and last["seq"] == 2 + 1 + 3 + 1
    assert _verdict(log).intact and _verdict(log).entries == 7
    whole = log.read_bytes()
    added = whole[len(base):]
    ends = [i + 1 for i, b in enumerate(added) if b == ord("\n")]
    cuts = sorted({0} | set(ends[:-1]) | {e - 1 for e in ends} | {s + 7 for s in [0] + ends[:-1]})
    for cut in cuts:
        log.write_bytes(base + added[:cut])
        verdict = _verdict(log)
        if cut == 0:
            assert verdict.intact
            continue
        assert verdict.problem.code in ("PF606", "PF625"), (cut, verdict.problem)
        assert verdict.entries <= 2 or verdict.problem.code == "PF606"
        with pytest.raises(PathfitError) as info:  # never continued: an append would bury the tail
            append(log, record_for(engine, EXAMPLES[0], key))
        assert info.value.codes[0] in ("PF606", "PF625")
        line, cut_bytes, aside, what = repair(log, lambda ls: committed_end(ls, str(log)))
        assert log.read_bytes() == base and line == 3 and cut_bytes == cut
        assert Path(aside).read_bytes() == added[:cut]
        assert ("uncommitted batch" in what) == (cut >= ends[0]) and ("partial" in what) == (cut not in ends)
        assert _verdict(log).intact and _verdict(log).entries == 2
        Path(aside).unlink()


def test_uncommitted_tail_is_reported_at_its_begin_with_the_committed_head(tmp_path, setup):
    _, _, base, records = setup
    log = tmp_path / "audit.jsonl"
    log.write_bytes(base)
    append_lines(log, records, batch=Batch("cd" * 32, 3))
    lines = log.read_bytes().splitlines(keepends=True)
    log.write_bytes(b"".join(lines[:-1]))  # the commit never made it
    verdict = _verdict(log)
    assert (verdict.problem.code, verdict.problem.pos.line, verdict.entries) == ("PF625", 3, 2)
    assert verdict.head == json.loads(lines[1])["hash"]
    assert "3 of 3 records" in verdict.problem.message


def _rechained(entries: list[dict]) -> bytes:
    prev = "0" * 64
    out = []
    for seq, e in enumerate(entries, 1):
        e = {k: v for k, v in e.items() if k not in ("hash", "sig")}
        e.update(prev=prev, seq=seq)
        e["hash"] = hashlib.sha256(canonical(e)).hexdigest()
        prev = e["hash"]
        out.append(canonical(e) + b"\n")
    return b"".join(out)


@pytest.mark.parametrize("change, line", [
    ("count", 7),  # the commit says a different number of records: reported at the commit
    ("plain inside", 4),  # a record entry without in_batch between begin and commit
    ("nested begin", 4),  # a second begin before the first is committed
    ("stray member", 3),  # an in_batch entry with no begin before it
])
def test_markers_out_of_place_are_pf626_even_with_a_recomputed_chain(tmp_path, setup, change, line):
    _, _, base, records = setup
    log = tmp_path / "audit.jsonl"
    log.write_bytes(base)
    append_lines(log, records, batch=Batch("ef" * 32, 3))
    entries = [json.loads(x) for x in log.read_bytes().splitlines()]
    if change == "count":
        entries[6]["batch"]["records"] = 2
    elif change == "plain inside":
        del entries[3]["in_batch"]
    elif change == "nested begin":
        entries.insert(3, {**entries[2], "batch": {**entries[2]["batch"], "id": "12" * 32}})
    else:
        del entries[2]
    log.write_bytes(_rechained(entries))
    verdict = _verdict(log)
    assert (verdict.problem.code, verdict.problem.pos.line) == ("PF626", line), verdict.problem


def test_the_batch_id_depends_on_input_rules_and_options():
    a = batch_id("0" * 64, "1" * 64, {"input_format": "csv"})
    assert a != batch_id("2" * 64, "1" * 64, {"input_format": "csv"})
    assert a != batch_id("0" * 64, "3" * 64, {"input_format": "csv"})
    assert a != batch_id("0" * 64, "1" * 64, {"input_format": "jsonl"})
    assert a == batch_id("0" * 64, "1" * 64, {"input_format": "csv"})


def test_a_signed_batch_verifies_with_its_public_key(tmp_path, setup):
    from click.testing import CliRunner

    from pathfit.cli.main import cli

    _, _, base, records = setup
    runner = CliRunner()
    assert runner.invoke(cli, ["audit", "keygen", "--signing", str(tmp_path / "s.key")]).exit_code == 0
    log = tmp_path / "audit.jsonl"
    from pathfit.engine.audit.signing import load_signer

    append_lines(log, records, signer=load_signer(str(tmp_path / "s.key")), batch=Batch("aa" * 32, 3))
    assert all("sig" in json.loads(x) for x in log.read_bytes().splitlines())
    result = runner.invoke(cli, ["audit", "verify", str(log), "--public-key", str(tmp_path / "s.key.pub")])
    assert result.exit_code == 0 and "intact, 5 entries" in result.stdout


# --- the kill loop: real `pathfit batch` processes killed at seeded random moments ---

RUNS = 20


def test_kill_loop_never_leaves_half_a_batch_or_a_row_twice(tmp_path):
    """Each log is re-run until its batch commits, killed in between (SIGKILL to the
    process group, or SIGTERM to pathfit alone) at random moments; after every run
    the log verifies or has an interrupted tail that --repair removes, SIGTERM always
    leaves it intact and says truly what was appended, an output file always has its
    batch committed, and at the end a clean re-run leaves each batch committed once."""
    rng = random.Random(1405)
    examples = _examples()
    source = tmp_path / "in.csv"
    write_csv(source, [dict(r, id=f"{r['id']}-{i}") for i in range(3) for r in examples])
    key = make_key(tmp_path)
    env = {**os.environ, "PATHFIT_AUDIT_KEY_FILE": str(key)}
    calibrate = time.monotonic()  # one clean run on a scratch log: kills then fall mostly late in a run
    subprocess.run([sys.executable, "-m", "pathfit.cli.main", "batch", str(source), "--out", str(tmp_path / "c.jsonl"),
                    "--audit-log", str(tmp_path / "scratch.jsonl")], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    whole = time.monotonic() - calibrate
    logs: list[Path] = [tmp_path / "audit-0.jsonl"]
    seen = {"SIGKILL": 0, "SIGTERM": 0, "at the append": 0, "committed by a killed run": 0, "repaired": 0}
    started = time.monotonic()
    for run in range(RUNS):
        log = logs[-1]
        out = tmp_path / f"out-{run}.jsonl"
        before = log.read_bytes() if log.exists() else b""
        how = rng.choice(["SIGKILL", "SIGTERM"])
        proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "batch", str(source), "--out", str(out),
                                 "--audit-log", str(log), "--jobs", rng.choice(["1", "2"])], cwd=ROOT, env=env,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
        if rng.random() < 0.5:  # any moment of the run
            time.sleep(rng.uniform(0.2, 1.0) * whole)
        else:  # the moment the log starts to grow: the append is under way or has just ended
            deadline = time.monotonic() + 2 * whole
            while time.monotonic() < deadline and proc.poll() is None and \
                    (log.stat().st_size if log.exists() else 0) == len(before):
                time.sleep(0.0005)
            seen["at the append"] += 1
        if proc.poll() is None:
            seen[how] += 1
            if how == "SIGKILL":
                os.killpg(proc.pid, signal.SIGKILL)  # the whole group this test started: pathfit and its workers
            else:
                proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        verdict = _verdict(log) if log.exists() else None
        if how == "SIGTERM" or proc.returncode in (0, 2):
            assert verdict is None or verdict.intact, (run, err, verdict.problem)
        if "nothing appended" in err:
            assert (log.read_bytes() if log.exists() else b"") == before, (run, err)
        if "were committed" in err or "after the run had finished" in err:
            assert len(_committed(log)) == 1, (run, err)
        if verdict is not None and not verdict.intact:
            assert how == "SIGKILL" and verdict.problem.code in ("PF606", "PF625"), (run, verdict.problem)
            repair(log, lambda ls: committed_end(ls, str(log)))
            seen["repaired"] += 1
            assert _verdict(log).intact and log.read_bytes() == before
        if out.exists():  # an output file always has its batch committed, with the same record ids
            ids = [json.loads(x)["record_id"] for x in out.read_text().splitlines()]
            entries = [json.loads(x) for x in log.read_text().splitlines()]
            assert [e["record"]["id"] for e in entries if "record" in e] == ids
        if log.exists() and _committed(log):
            assert len(_committed(log)) == 1
            seen["committed by a killed run"] += proc.returncode != 0
            logs.append(tmp_path / f"audit-{len(logs)}.jsonl")
    for log in logs:  # a clean re-run: commits a batch not yet committed; for one that is, writes the output
        had = bool(log.exists() and _committed(log))  # (to a new name) from its committed records, appending nothing
        before = log.read_bytes() if had else b""
        done = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "batch", str(source), "--out",
                               str(tmp_path / f"final-{log.stem}.jsonl"), "--audit-log", str(log)], cwd=ROOT,
                              env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert ("was already committed" in done.stderr) == had
        assert not had or log.read_bytes() == before
        assert _verdict(log).intact
        [commit] = _committed(log)
        rows = [(e["record"]["source"]["row"]) for e in map(json.loads, log.read_text().splitlines())
                if "record" in e]
        assert len(rows) == len(set(rows)) == commit["records"] == 3 * len(examples)
    print(f"kill loop: {RUNS} runs, {seen}, {len(logs)} logs, {time.monotonic() - started:.1f} s")
    assert seen["SIGKILL"] and seen["SIGTERM"]


def test_sigterm_just_after_the_append_no_longer_says_nothing_was_appended(tmp_path, monkeypatch):
    """Regression: SIGTERM after the records were appended and before the output was
    renamed discarded the output and said "nothing appended", though the records were
    in the log. Now the signal waits until the output is in place, and the message
    says both were done."""
    from click.testing import CliRunner

    import pathfit.engine.audit.append as auditlog
    from pathfit.cli.main import cli

    write_csv(tmp_path / "in.csv", _examples()[:4])
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    real = auditlog.append_lines

    def then_sigterm(*args, **kwargs):
        done = real(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)  # held off by pathfit until the output is renamed
        return done

    monkeypatch.setattr(auditlog, "append_lines", then_sigterm)
    log, out = tmp_path / "audit.jsonl", tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.csv"), "--out", str(out), "--audit-log", str(log),
                                      "--jobs", "1"])
    assert result.exit_code == 130, result.output
    assert f"interrupted; after the run had finished: output written to {out} and its records committed to {log}" \
        in result.stderr
    assert out.exists() and len(_committed(log)) == 1 and _verdict(log).intact


def test_a_failed_rename_after_the_commit_says_the_records_were_committed(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import pathfit.engine.files as files
    from pathfit.cli.main import cli

    write_csv(tmp_path / "in.csv", _examples()[:4])
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))

    def refused(*args):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(files.os, "replace", refused)
    log, out = tmp_path / "audit.jsonl", tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.csv"), "--out", str(out), "--audit-log", str(log),
                                      "--jobs", "1"])
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.startswith(f"{out}:0:0: PF619: cannot write: Permission denied")
    assert f"but the batch's 4 records were committed to {log}" in result.stderr
    assert "running the same batch again writes the output from them and appends nothing" in result.stderr
    assert len(_committed(log)) == 1 and _verdict(log).intact


_KILLED_AT_THE_RENAME = (  # pathfit batch, killed (SIGKILL) right after its commit, before the output's rename
    "import os, signal, sys\n"
    "import pathfit.engine.files as files\n"
    "files.Output.commit = lambda self: os.kill(os.getpid(), signal.SIGKILL)\n"
    "from pathfit.cli.main import main\n"
    "sys.argv[0] = 'pathfit'\n"
    "main()\n")


def test_a_batch_killed_between_its_commit_and_its_rename_is_finished_by_the_re_run(tmp_path, monkeypatch):
    """The one window no message covered: a hard kill after the commit, before the output's
    rename, left committed records and no output. Running the same batch again now writes
    the output (the rows re-run, each decision checked against its committed record and
    given its id), appends nothing, and a further run is refused (PF627)."""
    from click.testing import CliRunner

    from pathfit.cli.main import cli

    rows = _examples()[:5] + [{"id": "bad", "hours_per_month": "lots"}]
    write_csv(tmp_path / "in.csv", rows)
    key = make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))
    log, out = tmp_path / "audit.jsonl", tmp_path / "out.jsonl"
    args = ["batch", str(tmp_path / "in.csv"), "--out", str(out), "--audit-log", str(log), "--jobs", "1"]
    killed = subprocess.run([sys.executable, "-c", _KILLED_AT_THE_RENAME, *args], cwd=ROOT, env=dict(os.environ),
                            capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL and not out.exists(), killed.stderr
    assert _verdict(log).intact and len(_committed(log)) == 1
    before = log.read_bytes()
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 1, again.output  # the bad row's error, as in any run
    assert "was already committed to" in again.stderr and "nothing was appended" in again.stderr
    assert log.read_bytes() == before  # no row logged twice
    results = [json.loads(line) for line in out.read_text().splitlines()]
    records = [json.loads(line)["record"] for line in before.splitlines() if b'"record":' in line]
    assert [r["record_id"] for r in results if r["error"] is None] == [r["id"] for r in records]
    assert [(r["outcome"], r["referral"]) for r in results if r["error"] is None] == \
        [(r["decision"]["recommendation"], r["decision"]["referral"]) for r in records]
    assert results[-1]["error"]["code"] and results[-1]["record_id"] is None
    plain = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.csv"), "--out", str(tmp_path / "plain.jsonl")])
    assert [{k: v for k, v in r.items() if k != "record_id"} for r in results] == \
        [json.loads(line) for line in (tmp_path / "plain.jsonl").read_text().splitlines()], plain.output
    third = CliRunner().invoke(cli, args)  # the output is there now: the batch is done
    assert third.exit_code == 2 and "PF627" in third.stderr and log.read_bytes() == before


def test_a_re_run_that_disagrees_with_the_committed_records_restores_nothing(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from pathfit.cli.main import cli

    write_csv(tmp_path / "in.csv", _examples()[:3])
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    log, out = tmp_path / "audit.jsonl", tmp_path / "out.jsonl"
    args = ["batch", str(tmp_path / "in.csv"), "--out", str(out), "--audit-log", str(log), "--jobs", "1"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    out.unlink()
    lines = log.read_bytes().splitlines(keepends=True)
    entry = json.loads(lines[1])
    was = entry["record"]["decision"]["recommendation"]
    other = "mentoring" if was != "mentoring" else "coaching"
    # a forger's edit, every digest recomputed (an edit that breaks its line's hash is PF602 at the line)
    lines[1] = rehashed(lines[1], lambda e: _decided(e["record"], other))
    log.write_bytes(b"".join(lines))
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and ":2:1: PF631: row 1 now decides" in result.stderr, result.output
    assert f"says {other}" in result.stderr
    assert not out.exists() and log.read_bytes() == b"".join(lines)


def test_a_committed_batch_run_again_with_another_out_writes_it_and_claims_no_kill(tmp_path, monkeypatch):
    """Regression: a finished, committed batch run again with another --out wrote that output
    (appending nothing, as it should) but said the first run had been stopped before its
    rename, which nothing showed. The log names no output, so the message says both causes."""
    from click.testing import CliRunner

    from pathfit.cli.main import cli

    write_csv(tmp_path / "in.csv", _examples()[:3])
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    log = tmp_path / "audit.jsonl"
    first = ["batch", str(tmp_path / "in.csv"), "--audit-log", str(log), "--jobs", "1"]
    assert CliRunner().invoke(cli, [*first, "--out", str(tmp_path / "out.jsonl")]).exit_code == 0
    before = log.read_bytes()
    again = CliRunner().invoke(cli, [*first, "--out", str(tmp_path / "other.jsonl")])
    assert again.exit_code == 0, again.output
    assert log.read_bytes() == before  # nothing appended
    assert "did not exist" in again.stderr and "or wrote it elsewhere" in again.stderr
    assert (tmp_path / "other.jsonl").read_bytes() == (tmp_path / "out.jsonl").read_bytes()
