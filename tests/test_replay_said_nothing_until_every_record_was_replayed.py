"""`pathfit replay LOG` replayed every record of the log, holding each result, before it said
anything: 13 s of silence for a log of 1,000 records, over two hours for a year's 50,000. Each
record's result is now written as soon as it is replayed, in text and in JSON, with the same
text as before (the JSON is what `json.dumps(..., indent=2)` of the whole list gives)."""
from __future__ import annotations

import importlib
import json

import pathfit.engine.audit.replay as replay_module
from pathfit.engine.audit.masking import load_key

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .audit_support import build_log, make_key, run

replay_command = importlib.import_module("pathfit.cli.replay")


def _events(tmp_path, engine, monkeypatch, *options) -> tuple[list, str]:
    """What happened, in order, replaying a log of 3 records: ("replayed", id) and ("wrote", text)."""
    key_file = make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key_file))
    log = tmp_path / "audit.jsonl"
    build_log(engine, load_key(str(key_file)), log, 3)
    events: list = []
    replay_one, echo = replay_module.replay, replay_command.echo

    def replayed(engine, record, *args, **kwargs):
        events.append(("replayed", record["id"]))
        return replay_one(engine, record, *args, **kwargs)

    def wrote(text: str = "", err: bool = False, nl: bool = True) -> None:
        if not err:
            events.append(("wrote", text))
        echo(text, err=err, nl=nl)

    monkeypatch.setattr(replay_module, "replay", replayed)
    monkeypatch.setattr(replay_command, "echo", wrote)
    result = run("replay", log, *options)
    assert result.exit_code == 0, result.output
    return events, result.stdout


def test_replay_writes_each_records_result_before_replaying_the_next(tmp_path, engine, monkeypatch):
    events, out = _events(tmp_path, engine, monkeypatch)
    kinds = [kind for kind, _ in events]
    assert kinds == ["replayed", "wrote"] * 3 + ["wrote"], events
    for (_, rid), (_, text) in zip(events[0:6:2], events[1:6:2]):
        assert text.startswith(rid) and "reproduced" in text
    assert out.endswith("replayed 3 records: 3 reproduced, 0 not\n")


def test_replay_json_writes_each_result_as_it_goes_and_the_text_of_the_whole_list(tmp_path, engine, monkeypatch):
    events, out = _events(tmp_path, engine, monkeypatch, "--format", "json")
    assert [kind for kind, _ in events] == ["replayed", "wrote"] * 3 + ["wrote"], events
    results = json.loads(out)
    assert [r["id"] for r in results] == [rid for kind, rid in events if kind == "replayed"]
    assert out == json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
