"""`audit show` prints every control character in record text as an escape, newlines and
carriage returns included: a crafted record (re-sealed, its log entry chained as written)
whose text holds a newline cannot print a row or line of its own, in the listing or in the
full view; bidirectional overrides and line separators are escaped too."""
from __future__ import annotations

import copy

from pathfit.engine.audit.append import append
from pathfit.engine.audit.record import build_record, seal

from .audit_support import engine, example_facts, run  # the module-scoped fixtures the audit tests share
from .helpers import ROOT

UNSEALED_EXAMPLE = ROOT / "examples" / "graduate-seeking-career-direction.yaml"  # no sensitive fact given
FAKE_ROW = "9    fake  coaching"
FAKE_STEP = "  99. coaching.fake [+1 coaching]"
UNSAFE = "\n\r\t\x1b\x85\u2028\u2029\u202e\u2066\u200f"
UNSAFE_SHOWN = "\\n\\r\\t\\x1b\\x85\\u2028\\u2029\\u202e\\u2066\\u200f"


def _crafted(engine) -> dict:
    record = build_record(engine, engine.evaluate(example_facts(UNSEALED_EXAMPLE)), None)
    assert record["record_version"] == 1
    record = copy.deepcopy(record)
    name = record["ruleset"]["name"] + "\n" + FAKE_ROW
    record["ruleset"]["name"] = record["decision"]["trace"]["ruleset"]["name"] = name
    record["operator"] = "op1" + UNSAFE
    rule = record["decision"]["trace"]["firings"][0]["rule"]
    record["rules"][rule]["reason"] += "\n" + FAKE_STEP
    return seal(record)


def test_a_newline_in_record_text_prints_no_line_of_its_own(tmp_path, engine, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")  # wide enough for the listing's rule-set column
    log = tmp_path / "audit.jsonl"
    crafted = _crafted(engine)
    append(log, crafted)
    append(log, build_record(engine, engine.evaluate(example_facts(UNSEALED_EXAMPLE)), None))
    assert run("audit", "verify", log).exit_code == 0  # chained as written: only the text is crafted

    listing = run("audit", "show", log)
    assert listing.exit_code == 0, listing.output
    rows = listing.stdout.splitlines()
    assert len(rows) == 3, listing.stdout  # the header and one row per record, no more
    assert rows[0].split()[-1] == "rules" and rows[1].startswith("1 ") and rows[2].startswith("2 ")
    assert rows[1].endswith("\\n" + FAKE_ROW), rows[1]

    detail = run("audit", "show", log, "--id", crafted["id"])
    assert detail.exit_code == 0, detail.output
    lines = detail.stdout.splitlines()
    assert not any(line.startswith(FAKE_ROW[:5]) or line.lstrip().startswith("99.") for line in lines)
    assert any(line.startswith("Rule set:") and "\\n9" in line for line in lines), detail.stdout
    assert "\\n  99." in detail.stdout  # the reason's newline, escaped where the wrapped reason shows it
    assert "Operator:    op1" + UNSAFE_SHOWN in lines
    assert not any(c in detail.stdout + listing.stdout for c in UNSAFE[1:])


def test_a_newline_in_record_text_prints_no_line_of_its_own_in_replay(tmp_path, engine):
    record = copy.deepcopy(build_record(engine, engine.evaluate(example_facts(UNSEALED_EXAMPLE)), None))
    fake = "abcdef123456  reproduced: coaching, same trace"
    record["ruleset"]["files"]["gone.yaml\n" + fake] = "0" * 64
    log = tmp_path / "audit.jsonl"
    append(log, seal(record))
    replayed = run("replay", log)
    lines = replayed.stdout.splitlines()
    assert not any(line.startswith(fake[:12]) for line in lines), replayed.stdout
    assert any("gone.yaml\\n" + fake in line for line in lines), replayed.stdout
