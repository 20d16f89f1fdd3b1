"""`impact`'s rule-table heading says how many profiles its firing counts leave out, and why:
it counted a profile once per version that did not decide it, so one profile refused under the
base and invalid under the new (or refused under both) read "not counted: 1 refused under the
base, 1 invalid under the new", two profiles for one. Each profile left out is counted once,
with what each version did with it; `invalid_before` and `invalid_after` stay per version (how
many profiles each did not decide), and `total - firings_over` is how many were left out."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import UNREADY_SLOW, VALUED

DECIDED = {"id": "ok", "hours": 9, "ready": True}  # decided under both versions
CLASH = {"id": "clash", "hours": 3, "ready": False}  # PF231 where p.unready exists
EXTRA = {"id": "extra", "hours": 3, "ready": False, "extra": True}  # PF231 in the base, PF401 in the new
VALID_ONLY_IN_BASE = {"id": "v", "hours": 9, "ready": True, "extra": True}  # PF401 in the new only


def _base(tmp_path: Path) -> Path:
    """VALUED with a rule that clashes (p.unready) and a fact `extra` the new version lacks."""
    rules = tmp_path / "base"
    shutil.copytree(VALUED, rules)
    with open(rules / "rules.yaml", "a", encoding="utf-8") as f:
        f.write(UNREADY_SLOW)
    schema = (rules / "schema.yaml").read_text()
    (rules / "schema.yaml").write_text(schema.replace("derived:\n", "  extra:\n    type: bool\n"
                                                                    "    question: Extra?\nderived:\n", 1))
    return rules


def _impact(tmp_path: Path, *rows: dict, fmt: str = "text") -> str:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = CliRunner().invoke(cli, ["impact", "--base", str(_base(tmp_path)), "--rules", str(VALUED),
                                      "--profiles", str(corpus), "--format", fmt], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_profile_refused_under_the_base_and_invalid_under_the_new_is_one_profile(tmp_path):
    out = _impact(tmp_path, DECIDED, EXTRA)
    assert "  row 2, id extra (line 2): refused (PF231) -> invalid (PF401)\n" in out
    assert ("(firings over the 1 profile both versions decided; not counted: 1 refused under the base "
            "and invalid under the new):\n") in out


def test_each_profile_left_out_is_counted_once_with_what_each_version_did(tmp_path):
    out = _impact(tmp_path, DECIDED, EXTRA, CLASH, VALID_ONLY_IN_BASE)
    assert ("(firings over the 1 profile both versions decided; not counted: 1 refused under the base, "
            "1 invalid under the new, 1 refused under the base and invalid under the new):\n") in out


def test_the_json_counts_per_version_and_the_profiles_left_out_add_up(tmp_path):
    data = json.loads(_impact(tmp_path, DECIDED, EXTRA, CLASH, VALID_ONLY_IN_BASE, fmt="json"))
    assert (data["total"], data["firings_over"]) == (4, 1)
    assert (data["invalid_before"], data["invalid_after"]) == (2, 2)  # extra and clash; extra and v
