"""`replay --format json` gives every key of an entry in every case, so a script reads one
shape whatever the verdict. Regression: `files` was `{}` when no rule file changed and
`knowledge_base` appeared only when the knowledge base had changed; `versions` was `{}` unless
the engine versions differed; `differences` was missing from a reproduced decision and from
one whose facts the rules no longer accept. A script reading `r["files"]["changed"]` or
`r["versions"]["now"]` failed only on some records."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import __version__
from pathfit.engine.audit.replay import replay
from pathfit.engine.errors import Pos
from pathfit.engine.pipeline.durable_adapter import DURABLE_VERSION

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import replayed_under_rules_refusing_its_facts
from .audit_support import SENSITIVE_EXAMPLE, record_for
from .helpers import ROOT

KEYS = {"id", "where", "status", "cause", "notes", "outcome", "files", "versions", "ruleset", "ruleset_name", "firings",
        "differences"}
NOW = {"pathfit": __version__, "durable_rules": DURABLE_VERSION}
NOTHING_CHANGED = {"changed": [], "added": [], "removed": [], "knowledge_base": False}


def test_a_reproduced_decision_has_every_key_with_nothing_changed(engine, key):
    result = replay(engine, record_for(engine, SENSITIVE_EXAMPLE, key), key, Pos("r.json"))
    assert result["status"] == "reproduced"
    assert set(result) == KEYS
    assert result["files"] == NOTHING_CHANGED
    assert result["versions"] == {"recorded": NOW, "now": NOW}
    assert result["differences"] == []


def test_a_decision_whose_facts_are_refused_now_has_every_key(engine, key, tmp_path):
    result = replayed_under_rules_refusing_its_facts(engine, key, tmp_path)
    assert result["status"] == "differs" and result["outcome"]["now"] is None
    assert set(result) == KEYS
    assert result["differences"] == [] and result["firings"] == []
    assert result["files"] == {**NOTHING_CHANGED, "changed": ["schema.yaml"]}


def test_the_cli_prints_the_same_keys_for_every_entry(engine, key, tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key.path))
    log = tmp_path / "audit.jsonl"
    for example in ("new-vp-wants-structure", "graduate-seeking-career-direction"):
        done = CliRunner().invoke(cli, ["recommend", "--profile", str(ROOT / "examples" / f"{example}.yaml"),
                                        "--audit-log", str(log)])
        assert done.exit_code == 0, done.output
    printed = CliRunner().invoke(cli, ["replay", str(log), "--format", "json"])
    assert printed.exit_code == 0, printed.output
    entries = json.loads(printed.stdout)
    assert len(entries) == 2
    for entry in entries:
        assert set(entry) == KEYS
        assert entry["files"] == NOTHING_CHANGED and entry["versions"] == {"recorded": NOW, "now": NOW}
