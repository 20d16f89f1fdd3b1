"""The policy words each referral (`referrals: [{name, label}]`, beside plain names): validated
with located errors and the policy's codes; the bundled policy gives its five referrals the words
pathfit always showed; a record keeps the words (`decision.referral_label`), sealed, verified and
replayed as any other field; a record made before keeps the name only, and its report says so,
keeping the bundled rules' safety words for an old record of the bundled rules."""
from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from pathfit.engine.audit import replay as replay_module
from pathfit.engine.audit.record import build_record, check_record, seal
from pathfit.engine.errors import Pos

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import keyed  # a fresh audit key named by PATHFIT_AUDIT_KEY_FILE
from .audit_support import ROOT, example_facts, run
from .helpers import SCORED_RULES, TRAINING_RULE, yes_no_rule_set

COUNSELLING = "counselling or therapy (in any imminent danger: emergency services now)"
BUNDLED_WORDS = {  # as every view showed them before the policy held them
    "counselling": COUNSELLING,
    "hr_process": "the HR and line-manager process, under way or intended",
    "organisational_action": "action on the organisational cause, through the line and HR",
    "training": "training in the basics first",
    "consulting": "consulting or organisational change, not personal development",
}
BURNT_OUT = ROOT / "examples" / "burnt-out-director-sleep-problems.yaml"  # referred to counselling
OLD = ROOT / "tests" / "fixtures" / "hmac-records"  # records of pathfit 0.1.0, of the bundled rules then
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals:
{referrals}formats: {{}}
decision:
  - {{outcome: refer, when: {{concluded: refer}}, confidence: certain}}
  - {{outcome: undetermined, when: {{}}, confidence: balance}}
"""


def _problems(tmp_path: Path, referrals: str) -> list[str]:
    rules = yes_no_rule_set(tmp_path, "words", "abr", SCORED_RULES.format(coaching="3", mentoring="1") + TRAINING_RULE,
                            POLICY.format(referrals=referrals))
    said = run("recommend", "--rules", rules, "--fact", "r=true")
    assert said.exit_code == 2 and "Traceback" not in said.output, said.output
    return re.findall(r"policy\.yaml:(\d+:\d+): (PF\d+):", said.output)


@pytest.mark.parametrize("entry, where, code", [
    ("  - {name: training}\n", "3:5", "PF201"),  # a worded referral without its words
    ("  - {label: the course}\n", "3:5", "PF201"),
    ("  - {name: training, lable: x}\n", "3:22", "PF202"),
    ("  - {name: training, label: [x]}\n", "3:29", "PF203"),
    ("  - {name: training, label: ' '}\n", "3:29", "PF204"),
    ("  - {name: training, label: no}\n", "3:29", "PF211"),
    ("  - {name: Training, label: x}\n", "3:12", "PF212"),
    ("  - {name: training, label: x}\n  - training\n", "4:5", "PF204"),  # listed twice, once worded
])
def test_a_worded_referral_is_validated_with_located_errors(tmp_path, entry, where, code):
    assert (where, code) in _problems(tmp_path, entry)


def test_a_plain_list_of_names_still_reads_beside_worded_entries(tmp_path):
    rules = yes_no_rule_set(tmp_path, "words", "abr", SCORED_RULES.format(coaching="3", mentoring="1") + TRAINING_RULE,
                            POLICY.format(referrals="  - {name: counselling, label: therapy}\n  - training\n"))
    said = run("recommend", "--rules", rules, "--fact", "r=true")
    assert said.exit_code == 0, said.output
    assert "Recommendation: Refer elsewhere: training\n" in said.output
    assert run("lint", rules).exit_code == 0  # the never-concluded `counselling` only warned of (PF712)


def test_the_bundled_policy_words_its_five_referrals_as_before(engine):
    from pathfit.engine.pipeline.policy import referral_label

    assert {r: referral_label(engine.ruleset.policy, r) for r in engine.ruleset.policy.referrals} == BUNDLED_WORDS


def test_a_sealed_record_keeps_the_words_verifies_and_replays(tmp_path, keyed):
    record, log = tmp_path / "r.json", tmp_path / "audit.jsonl"
    made = run("recommend", "--profile", BURNT_OUT, "--record", record, "--audit-log", log)
    assert made.exit_code == 0, made.output
    doc = json.loads(record.read_text(encoding="utf-8"))
    assert doc["record_version"] == 3 and doc["masking"]["scheme"] == "aes-256-gcm"
    assert doc["decision"]["referral"] == "counselling" and doc["decision"]["referral_label"] == COUNSELLING
    assert run("audit", "verify", log).exit_code == 0 and run("audit", "verify", record).exit_code == 0
    replayed = run("replay", record)
    assert replayed.exit_code == 0 and "1 reproduced" in replayed.stdout, replayed.output
    # the words are covered by the record's digest like every other field
    doc["decision"]["referral_label"] = "training in the basics first"
    record.write_text(json.dumps(doc), encoding="utf-8")
    refused = run("report", record, "--out", tmp_path / "r.html")
    assert refused.exit_code == 2 and ": PF609: " in refused.output, refused.output


def _seen(page: Path) -> str:
    """The page's words as a browser shows them: an inline element (`<bdi>` isolating an author's
    words, emphasis, a link) joins its neighbours, any other tag is a break."""
    html = re.sub(r"</?(?:bdi|span|b|i|em|strong|a|code)\b[^>]*>", "", page.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_an_old_record_of_the_bundled_rules_keeps_the_counselling_safety_words(tmp_path):
    key = tmp_path / "old.key"
    shutil.copy(OLD / "audit.key", key)
    key.chmod(0o600)
    record = json.loads((OLD / "burnt-out-director-sleep-problems.json").read_text(encoding="utf-8"))
    assert "referral_label" not in record["decision"] and record["ruleset"]["name"] == "pathfit-default"
    drawn = run("report", OLD / "burnt-out-director-sleep-problems.json", "--out", tmp_path / "r.html",
                "--audit-key", key)
    assert drawn.exit_code == 0, drawn.output
    seen = _seen(tmp_path / "r.html")
    assert f"Recommendation: refer: {COUNSELLING} ·" in seen  # 0.1.0 recorded no outcome label
    assert ("made by pathfit 0.1.0 before records kept a referral's words, keeps its name (counselling): it is "
            "worded as pathfit 0.1.0 worded that referral of its bundled rules (pathfit-default)") in seen


def test_an_old_record_replays_compared_without_the_words(engine):
    record = build_record(engine, engine.evaluate(example_facts(ROOT / "examples" / "graduate-seeking-career-direction.yaml")),
                          None)
    del record["decision"]["referral_label"]
    result = replay_module.replay(engine, check_record(seal(record), Pos("r")), None, Pos("r"))
    assert result["status"] == "reproduced"
    assert any("no referral_label" in note for note in result["notes"]), result["notes"]


def test_pathfit_before_the_words_replays_a_new_record_as_an_engine_change(engine, key, monkeypatch):
    made = engine.evaluate(example_facts(BURNT_OUT))
    assert made.referral == "counselling"
    record = check_record(json.loads(json.dumps(build_record(engine, made, key))), Pos("r"))
    # as pathfit 0.4.0 decides it again: the same decision, without the words
    recorded = replay_module.recorded_decision
    monkeypatch.setattr(replay_module, "recorded_decision",
                        lambda rs, d: {k: v for k, v in recorded(rs, d).items() if k != "referral_label"})
    monkeypatch.setattr(replay_module, "__version__", "0.4.0")
    result = replay_module.replay(engine, record, key, Pos("r"))
    assert result["status"] == "differs" and result["cause"] == "engine"
    assert {"path": "decision.referral_label", "recorded": COUNSELLING} in result["differences"]
