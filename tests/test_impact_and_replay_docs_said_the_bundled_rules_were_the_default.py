"""`impact`'s help and docs/authoring.md said its new rule set defaulted to the bundled rules,
docs/audit.md that `replay` re-runs with today's bundled rules unless --rules is given, and
docs/serve.md that `serve` loads the bundled rules unless --rules is given; all three take
the rule set every command takes (--rules, else $PATHFIT_RULES, else ./rules, else the bundled
rules), so an author following them in a checkout compared, replayed or served ./rules thinking it
was the installed copy."""
from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from pathfit.cli.impact import impact
from pathfit.cli.main import cli

from .helpers import ROOT

DOCS = ROOT / "docs"


def test_impact_without_rules_takes_dot_rules_as_its_help_says(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", tmp_path / "rules")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus.jsonl").write_text("{}\n")
    result = CliRunner(env={"PATHFIT_RULES": None}).invoke(
        cli, ["impact", "--base", "rules", "--profiles", "corpus.jsonl", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rules"] == "rules"  # not the bundled rules
    help_text = " ".join(impact.help.split())
    assert "default the bundled rules" not in help_text
    assert "$PATHFIT_RULES" in help_text


def test_the_docs_name_the_lookup_for_impact_and_replay():
    authoring = " ".join((DOCS / "authoring.md").read_text(encoding="utf-8").split())
    audit = " ".join((DOCS / "audit.md").read_text(encoding="utf-8").split())
    assert "(after; default the bundled rules)" not in authoring
    assert "with today's bundled rules (or `--rules DIR`)" not in audit
    serve = " ".join((DOCS / "serve.md").read_text(encoding="utf-8").split())
    assert "(`--rules`, default the bundled ones)" not in serve
