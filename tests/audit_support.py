"""Shared builders for the audit tests: keys, example facts, records, logs, log surgery."""
from __future__ import annotations

import gc
import json
import re
import tracemalloc
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.audit.append import append
from pathfit.engine.audit.log import GENESIS, entry_hash
from pathfit.engine.pipeline.load import load_file
from pathfit.engine.audit.masking import generate_key, load_key
from pathfit.engine.audit.record import build_record, canonical, seal
from pathfit.engine.audit.replay import replay
from pathfit.engine.errors import Pos

from .helpers import ROOT, bundled_copy

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
PLAIN_EXAMPLE = str(ROOT / "examples" / "new-vp-wants-structure.yaml")  # no sensitive fact
SENSITIVE_EXAMPLE = ROOT / "examples" / "new-coo-navigating-board-politics.yaml"  # confidential_matter: true


@pytest.fixture(scope="module")
def engine():
    """The bundled rules, loaded fresh (not from the user's cache) once per module."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATHFIT_CACHE", "0")
        with Engine.load() as e:
            yield e


@pytest.fixture(scope="module")
def key(tmp_path_factory):
    return load_key(str(make_key(tmp_path_factory.mktemp("key"))))


def example_facts(path: Path) -> dict:
    doc = load_file(path)
    return dict(doc["facts"])


def make_key(directory: Path, name: str = "audit.key") -> Path:
    path = directory / name
    generate_key(str(path))
    return path


def record_for(engine, path: Path, key) -> dict:
    return build_record(engine, engine.evaluate(example_facts(path)), key)


def build_log(engine, key, log: Path, count: int) -> list[bytes]:
    """A log of `count` records of the examples, round robin; -> its lines (bytes, with newlines)."""
    for i in range(count):
        append(log, record_for(engine, EXAMPLES[i % len(EXAMPLES)], key))
    return log.read_bytes().splitlines(keepends=True)


def committed_log(engine, key, directory: Path, batch: int) -> tuple[bytes, object]:
    """A signed log in `directory`: one entry, then a committed batch of `batch` records of the
    examples after the first; -> (its bytes, the signing key)."""
    from pathfit.engine.audit.append import append_lines
    from pathfit.engine.audit.commit import Batch

    signer = signing_keys(directory, 1)[0]
    log = directory / "audit.jsonl"
    append(log, record_for(engine, EXAMPLES[0], key), signer)
    records = [canonical(record_for(engine, p, key)) for p in EXAMPLES[1:1 + batch]]
    append_lines(log, records, signer, Batch("cd" * 32, len(records)))
    return log.read_bytes(), signer


def begun_unsigned(log: Path, engine, key, signer, count: int) -> Path:
    """A log of `count` records of the examples, the first two appended before signing was
    switched on, the rest signed by `signer`."""
    for i in range(count):
        append(log, record_for(engine, EXAMPLES[i], key), None if i < 2 else signer)
    return log


def log_of_record_times(engine, key, log: Path, times: list[str]) -> Path:
    """A log that verifies, of one record of the sensitive example per time in `times`, each
    with that time as its own (`r1-00000000`, ...) and every entry appended at one time: a
    record's time is whatever its maker wrote, and the log vouches for the bytes alone."""
    decision = engine.evaluate(example_facts(SENSITIVE_EXAMPLE))
    out, prev = [], GENESIS
    for seq, when in enumerate(times, 1):
        entry = {"record": build_record(engine, decision, key, record_id=f"r{seq}-{'0' * 8}", timestamp=when),
                 "prev": prev, "seq": seq, "time": "2026-12-05T12:00:00.000000Z"}
        entry["hash"] = prev = entry_hash(entry)
        out.append(canonical(entry) + b"\n")
    log.write_bytes(b"".join(out))
    return log


def keyed_log_ending_sensitive(tmp_path: Path, engine, monkeypatch, count: int) -> tuple[Path, list[bytes]]:
    """tmp_path/audit.jsonl: `count` records under a fresh key, which PATHFIT_AUDIT_KEY_FILE names
    for the test's commands, then one of SENSITIVE_EXAMPLE's (its sensitive facts sealed); with
    the first `count` entries' lines."""
    from pathfit.engine.audit.masking import load_key

    key_file = make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key_file))
    key = load_key(str(key_file))
    log = tmp_path / "audit.jsonl"
    lines = build_log(engine, key, log, count)
    append(log, record_for(engine, SENSITIVE_EXAMPLE, key))
    return log, lines

def entry_line(entry: dict) -> bytes:
    return canonical(entry) + b"\n"


def rehashed(line: bytes, change) -> bytes:
    """An entry edited by `change(entry)` with every digest recomputed, as a forger would."""
    entry = json.loads(line)
    change(entry)
    entry["record"] = seal(entry["record"])
    entry["hash"] = entry_hash(entry)
    return entry_line(entry)


def clear_value_patterns(name: str, value) -> list[re.Pattern]:
    """Regexes that find `name` next to its clear `value` in JSON, indented or canonical."""
    v = re.escape(json.dumps(value))
    n = re.escape(json.dumps(name))
    return [re.compile(rf"{n}\s*:\s*{v}"),  # "fact": value
            re.compile(rf'"fact"\s*:\s*{n}\s*,\s*(?:"member"\s*:\s*"[^"]*"\s*,\s*)?"value"\s*:\s*{v}')]


def sensitive_leaks(doc, sensitive: set, path: str = "$") -> list[str]:
    """Every place in a parsed record or entry where a sensitive fact's value is not masked."""
    leaks = []
    if isinstance(doc, dict):
        if doc.get("fact") in sensitive and "value" in doc and not _masked(doc["value"]):
            leaks.append(f"{path}: {doc}")
        for key, value in doc.items():
            if key == "facts" and isinstance(value, dict) and path.endswith(("$", "decision", "record")):
                leaks += [f"{path}.facts.{k}" for k, v in value.items() if k in sensitive and not _masked(v)]
            if key == "observed" and any(s in str(doc.get("condition", "")) for s in sensitive) \
                    and not _masked(value):
                leaks.append(f"{path}.observed")
            leaks += sensitive_leaks(value, sensitive, f"{path}.{key}")
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            leaks += sensitive_leaks(value, sensitive, f"{path}[{i}]")
    return leaks


def _masked(value) -> bool:
    return isinstance(value, dict) and set(value) == {"masked"} and re.fullmatch(r"[0-9a-f]{64}", value["masked"])


@pytest.fixture
def keyed(tmp_path, monkeypatch):
    """A fresh audit key, named by PATHFIT_AUDIT_KEY_FILE for every command of the test."""
    key = make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))
    return key


def run(*args):
    """A pathfit command through click, every argument as text."""
    from click.testing import CliRunner

    from pathfit.cli.main import cli

    return CliRunner().invoke(cli, [str(a) for a in args])


def signing_keys(directory: Path, count: int) -> list:
    """`count` signing keys made in `directory` (k0.key, k1.key, ...)."""
    from pathfit.engine.audit.signing import generate_signing_key

    return [generate_signing_key(str(directory / f"k{i}.key")) for i in range(count)]


def signed_lines(engine, key, signer, log: Path, count: int) -> list[bytes]:
    """A log of `count` entries, the examples' records in turn, each signed by `signer`; -> its lines."""
    for i in range(count):
        append(log, record_for(engine, EXAMPLES[i % len(EXAMPLES)], key), signer)
    return log.read_bytes().splitlines(keepends=True)


def another_outcome(entry: dict) -> None:
    """Change a log entry's record (for `rehashed`) to say another outcome than its own trace
    gives, in its outcome and its decision alike: a record PF608 refuses once opened."""
    other = "not_now" if entry["record"]["outcome"]["recommendation"] != "not_now" else "coaching"
    entry["record"]["outcome"]["recommendation"] = entry["record"]["decision"]["recommendation"] = other


def peak_while(fn) -> int:
    """The most memory Python held while `fn` ran (tracemalloc's peak), after a collection."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def replayed_under_rules_refusing_its_facts(engine, key, tmp_path: Path) -> dict:
    """SENSITIVE_EXAMPLE's record replayed under a copy of the bundled rules whose schema
    refuses its facts (hours a month at most 4; the example gives 5)."""
    record = record_for(engine, SENSITIVE_EXAMPLE, key)
    rules = bundled_copy(tmp_path)
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text().replace("    max: 160\n    unit: hours", "    max: 4\n    unit: hours"))
    with Engine.load(rules) as changed:
        return replay(changed, record, key, Pos("r"))


def read_every_record(path, key=None) -> tuple[list, object, int]:
    """A log as readers of its records once read it: every record parsed and kept whole, with the
    first problem verify finds (with `key`, an audit key, every seal checked as `audit verify`
    checks it) and the first line it does not vouch for. The reference that reading one record at
    a time (engine.audit.stream.CheckedLog) is held to."""
    from pathfit.engine.audit.log import read_lines
    from pathfit.engine.audit.read import each_item, unvouched_from
    from pathfit.engine.audit.seal_check import SealCheck
    from pathfit.engine.audit.verify import verify_lines

    label = str(path)
    lines = read_lines(path, label, inspect=None if key is None else SealCheck(key))
    verdict = verify_lines(lines, label)
    return list(each_item(lines, label)), verdict.problem, unvouched_from(verdict)


def read_checked(path, stop=None) -> tuple[list, object, int]:
    """What `read_every_record` gives, read as report, show and replay read a log (CheckedLog):
    verified whole first, then each record read again."""
    from pathfit.engine.audit.stream import CheckedLog

    checked = CheckedLog(path, stop)
    return list(checked.records()), checked.problem, checked.unvouched_from


def forged_unsigned(log: Path, record: dict) -> None:
    """Append `record` unsigned after signed entries, as someone writing the log without the
    signing key would: pathfit itself refuses to (PF623). Appended signed by a key of the
    forger's own, then the signature taken off: the chain stays whole, since a signature signs
    an entry's hash and is no part of it."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from pathfit.engine.audit.signing import Signer, public_key_id

    private = Ed25519PrivateKey.generate()
    append(log, record, Signer(private, public_key_id(private.public_key()), "<forger>"))
    lines = log.read_bytes().splitlines(keepends=True)
    last = json.loads(lines[-1])
    del last["sig"]
    log.write_bytes(b"".join(lines[:-1]) + entry_line(last))


def logged_folder(tmp_path: Path, monkeypatch) -> Path:
    """tmp_path made the working folder, with no key in the environment, holding person.yaml,
    log.jsonl of two entries and the record d.json, all made by `recommend` (for tests that
    then spoil one byte of the log or the record)."""
    from click.testing import CliRunner

    from pathfit.cli.main import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    monkeypatch.delenv("PATHFIT_SIGNING_KEY_FILE", raising=False)
    (tmp_path / "person.yaml").write_text("career_stage: senior_leader\ntrigger: new_role\n")
    for args in (["--audit-log", "log.jsonl"], ["--audit-log", "log.jsonl"], ["--record", "d.json"]):
        made = CliRunner().invoke(cli, ["recommend", "--profile", "person.yaml", *args])
        assert made.exit_code == 0, made.output
    return tmp_path


def record_refused_by_every_reader(folder: Path, where: str) -> None:
    """d.json in `folder` refused as PF608 at `where` (`d.json:LINE:COL`) by every command that
    reads a record: verify (exit 1), show, replay and report (exit 2, nothing written)."""
    from click.testing import CliRunner

    from pathfit.cli.main import cli

    verified = CliRunner().invoke(cli, ["audit", "verify", "d.json"])
    assert verified.exit_code == 1 and verified.stdout.startswith(f"{where}: PF608: "), verified.output
    for args in (["audit", "show", "d.json"], ["replay", "d.json"], ["report", "d.json", "--out", "r.html"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith(f"{where}: PF608: "), (args, result.stderr)
    assert not (folder / "r.html").exists()


@pytest.fixture
def slow(monkeypatch):
    """Counts json's pure-Python encoders made (the only ones json has for indented output), with
    orjson asked for as the web service asks for it (program_json.for_many), and put back as it
    was after the test."""
    from pathfit.engine import program_json

    monkeypatch.setattr(program_json, "_orjson", program_json._orjson)
    monkeypatch.setattr(program_json, "_PASSED", program_json._PASSED)
    program_json.for_many()
    written: list[int] = []
    make = json.encoder._make_iterencode

    def counted(*args, **kwargs):
        written.append(1)
        return make(*args, **kwargs)

    monkeypatch.setattr(json.encoder, "_make_iterencode", counted)
    return written


STREAM_LOG = Path(__file__).parent / "fixtures" / "stream-log"


def keyed_stream_log(tmp_path: Path, monkeypatch) -> Path:
    """The stream-log fixture's log (sealed records and subjects, one record sealed with another
    key, a batch) unpacked into `tmp_path`, its audit key set and 200 columns: for the tests that
    count how often a reader opens a sealed record."""
    import gzip
    import shutil

    path = tmp_path / "audit.jsonl"
    path.write_bytes(gzip.decompress((STREAM_LOG / "audit.jsonl.gz").read_bytes()))
    shutil.copyfile(STREAM_LOG / "audit.key", tmp_path / "audit.key")
    (tmp_path / "audit.key").chmod(0o600)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(tmp_path / "audit.key"))
    monkeypatch.setenv("COLUMNS", "200")
    return path
