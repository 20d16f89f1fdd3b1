"""`audit show LOG --format json` built the whole JSON text of every record before writing a
byte of it: 341 MB at its peak for a 29 MB log of 1,000 sealed records, about six times the log
again on top of its records, and nothing on standard output until the end. It is now written a
record at a time, the same text: what `json.dumps(..., indent=2)` of the whole list gives."""
from __future__ import annotations

import importlib
import json

from pathfit.engine.audit.masking import load_key

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .audit_support import build_log, keyed_log_ending_sensitive, make_key, run

show_command = importlib.import_module("pathfit.cli.audit.show")  # the package's `show` is the command


def _shown(monkeypatch, *args) -> tuple[str, list[int]]:
    """What `audit show` writes on standard output, and the size of each write."""
    writes: list[int] = []
    echo = show_command.echo

    def counted(text: str = "", err: bool = False, nl: bool = True) -> None:
        if not err:
            writes.append(len(text))
        echo(text, err=err, nl=nl)

    monkeypatch.setattr(show_command, "echo", counted)
    result = run("audit", "show", *args)
    assert result.exit_code == 0, result.output
    return result.stdout, writes


def test_show_json_writes_each_record_as_it_goes_and_the_text_of_the_whole_list(tmp_path, engine, monkeypatch):
    log, _ = keyed_log_ending_sensitive(tmp_path, engine, monkeypatch, 5)
    text, writes = _shown(monkeypatch, log, "--format", "json")
    shown = json.loads(text)
    assert len(shown) == 6
    assert text == json.dumps(shown, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert len(writes) == 7 and max(writes) < len(text) / 3, writes  # one write a record, and the closing bracket


def test_show_json_of_no_record_is_an_empty_list(tmp_path, engine, monkeypatch):
    key_file = make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key_file))
    log = tmp_path / "audit.jsonl"
    build_log(engine, load_key(str(key_file)), log, 2)
    text, _ = _shown(monkeypatch, log, "--format", "json", "--operator", "nobody")
    assert text == "[]\n"
