"""`replay` names the audit key a version 1 record was not masked with (PF611), and the rule
files that changed since a record, as every path is named (quote.shown_path).

The bug this pins: both names went out as written, so a colour sequence in one coloured the
terminal, or was stripped off an output that is no terminal, naming a file that does not exist.
Each is now quoted where it does not read plainly, and reads back as exactly the real name."""
from __future__ import annotations

import ast
import json
import re
import shutil

from click.testing import CliRunner

from pathfit.cli.main import cli

from .audit_support import make_key
from .hmac_records import OLD
from .helpers import ROOT

ODD = "o\x1b[31mX"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_pf611_names_the_key_by_its_quoted_name(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    other = make_key(tmp_path, ODD + ".key")
    log = OLD / "audit.jsonl"
    record_id = json.loads(log.read_text().splitlines()[0])["record"]["id"]
    replayed = run("replay", log, "--id", record_id, "--audit-key", other)
    assert replayed.exit_code == 2 and ": PF611: " in replayed.stderr, replayed.output
    assert "\x1b" not in replayed.output
    shown = re.search(r" \(('.*')\)$", replayed.stderr.strip().splitlines()[0])
    assert shown and ast.literal_eval(shown.group(1)) == str(other)


def test_the_changed_rule_files_are_named_by_their_quoted_names(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", rules)
    text = (rules / "rules.yaml").read_text(encoding="utf-8")
    start, end = text.index("  - id: e.broad"), text.index("  - id: n.ready")
    (rules / (ODD + ".yaml")).write_text("rules:\n" + text[start:end], encoding="utf-8")
    (rules / "rules.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    record = tmp_path / "r.json"
    made = run("recommend", "--rules", rules, "--fact", "goal=specific", "--record", record)
    assert made.exit_code == 0, made.output
    moved = rules / (ODD + ".yaml")
    moved.write_text(moved.read_text(encoding="utf-8").replace("points to mentoring", "points to a mentor"),
                     encoding="utf-8")
    replayed = run("replay", record, "--rules", rules)
    assert "\x1b" not in replayed.output
    line = next(x for x in replayed.output.splitlines() if "rule files changed:" in x)
    assert ast.literal_eval(line.split("rule files changed: ", 1)[1]) == ODD + ".yaml"
