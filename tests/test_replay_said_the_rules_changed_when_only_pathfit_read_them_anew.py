"""Regression: the rule-set digest is taken over the rule set as pathfit reads it, so a pathfit
that reads the same files into more (referrals given words, say) gives them another digest. A
record made by pathfit 0.3.0 with its bundled rules, replayed by this pathfit with those very
files (`--rules`), said "the rule set changed since, but not in a way that affects this
decision", and, where the decision differed, named the cause "rules+engine" ("the rule set
changed (digest ...)") while every rule file and the knowledge base were byte for byte the ones
recorded, as replay itself listed (no file changed). The rules had not changed: pathfit had.
Now, where every file digest and the knowledge base's agree, the cause is the engine (or, with
the same versions, the unexplained engine), and a note says the files are the same."""
from __future__ import annotations

import json

from pathfit.engine.audit import replay as replay_module
from pathfit.engine.audit.record import build_record, check_record, seal
from pathfit.engine.errors import Pos

from .audit_support import engine  # the module-scoped bundled rules the audit tests share
from .audit_support import ROOT, example_facts, run

UNSEALED = ROOT / "examples" / "graduate-seeking-career-direction.yaml"  # no sensitive fact given
OTHER_DIGEST = "2dfcaa7d89a441a3f14af05b852e5211f00a238150166580ac8c136fcbbea7b2"  # 0.3.0's, of its own files


def _as_read_by(engine, pathfit: str, digest: str = OTHER_DIGEST, differ: bool = False) -> dict:
    """A record of the bundled rules as another pathfit made it: the same rule files and
    knowledge base (their digests as now), the meaning digest that pathfit gave them."""
    record = build_record(engine, engine.evaluate(example_facts(UNSEALED)), None)
    record["ruleset"]["digest"] = digest
    record["decision"]["trace"]["ruleset"]["digest"] = digest
    record["versions"]["pathfit"] = pathfit
    record["decision"]["trace"]["engine"]["pathfit"] = pathfit
    if differ:  # a rule waiting on one unknown fact fewer, as that pathfit traced it
        waiting = next(n for n in record["decision"]["trace"]["not_fired"] if len(n.get("unknown", [])) > 1)
        waiting["unknown"] = waiting["unknown"][1:]
    return json.loads(json.dumps(seal(record)))


def test_the_same_files_read_anew_are_not_said_to_be_a_changed_rule_set(engine, tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps(_as_read_by(engine, "0.3.0")), encoding="utf-8")
    said = run("replay", path)
    assert said.exit_code == 0, said.output
    assert "rule set changed" not in said.stdout, said.stdout
    (result,) = json.loads(run("replay", path, "--format", "json").stdout)
    assert result["status"] == "reproduced" and result["cause"] is None
    assert result["files"] == {"added": [], "changed": [], "knowledge_base": False, "removed": []}
    assert not any("rule set changed" in n for n in result["notes"]), result["notes"]
    assert any("byte for byte the ones recorded" in n for n in result["notes"]), result["notes"]


def test_a_decision_that_differs_is_put_down_to_the_engine_not_the_rules(engine):
    record = check_record(_as_read_by(engine, "0.3.0", differ=True), Pos("r"))
    result = replay_module.replay(engine, record, None, Pos("r"))
    assert result["status"] == "differs" and result["cause"] == "engine", result
    text = run_render(result)
    assert "rule set changed" not in text and "pathfit 0.3.0 -> " in text, text


def test_the_same_files_and_versions_with_another_digest_are_unexplained(engine):
    record = check_record(_as_read_by(engine, replay_module.__version__, differ=True), Pos("r"))
    result = replay_module.replay(engine, record, None, Pos("r"))
    assert result["status"] == "differs" and result["cause"] == "engine-unexplained", result


def test_a_changed_rule_file_is_still_the_rules(engine):
    record = _as_read_by(engine, "0.3.0", differ=True)
    record["ruleset"]["files"]["rules/coaching.yaml" if "rules/coaching.yaml" in record["ruleset"]["files"]
                               else sorted(record["ruleset"]["files"])[0]] = "0" * 64
    result = replay_module.replay(engine, check_record(seal(record), Pos("r")), None, Pos("r"))
    assert result["status"] == "differs" and result["cause"] == "rules+engine", result
    assert result["files"]["changed"], result["files"]


def run_render(result: dict) -> str:
    from pathfit.cli.replay import render

    return render(result)
