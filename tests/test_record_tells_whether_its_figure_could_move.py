"""A record says whether an answer not yet given could still move its settled confidence
(`decision.confidence_open`), worked out when it is made by the test `recommend` words its figure
with (reports.wording.confidence_open). Before, a record kept the effects of the rules that fired
only, so wherever a rule waited on an unknown fact the HTML report, its graph and `audit show`
said "whether answers not given could move it is not recorded", even of a figure that cannot
move: under the `certain` method (always 1), or where the waiting rule's evidence is for an
outcome the deciding clause does not weigh. A record made before still says that."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.audit.record import build_record, check_record, seal
from pathfit.engine.audit.replay import replay
from pathfit.engine.audit.sealing import open_parts
from pathfit.engine.errors import PathfitError, Pos
from pathfit.engine.reports.wording import ON_ANSWERS_GIVEN, confidence_open

from .audit_support import key, run  # the module-scoped audit key the audit tests share
from .helpers import SCORED_POLICY, yes_no_rule_set

OPEN_NOT_RECORDED = "(whether answers not given could move it is not recorded)"

# `a` alone: coaching 6, settled; `b` would add mentoring 2 (share: 0.75, still coaching) and `s`
# sponsorship 2 (weighed by no clause of AMONG)
COACH = """rules:
  - id: c.a
    reason: A says coaching.
    cites: [goals]
    when: {fact: a, equals: true}
    then: {evidence: {coaching: 6}}
"""
RULES = COACH + """  - id: m.b
    reason: B says mentoring.
    cites: [mentors]
    when: {fact: b, equals: true}
    then: {evidence: {mentoring: 2}}
"""
SPONSOR = """  - id: s.s
    reason: S says a sponsor.
    cites: [mentors]
    when: {fact: s, equals: true}
    then: {evidence: {sponsorship: 2}}
"""
SHARE = SCORED_POLICY.format(below="2")
# `certain` needs a `concluded` test in its clause: here `a` concludes not now as well, and the
# clause gives coaching where it is concluded and coaching leads (1, all of it c.a's)
CERTAIN = SHARE.replace("{leads: coaching}, confidence: share", "{concluded: not_now, leads: coaching}, confidence: certain")
CONCLUDES = RULES.replace("then: {evidence: {coaching: 6}}", "then: {evidence: {coaching: 6}, not_now: true}")
AMONG = """outcomes:
  - {name: coaching, label: Executive coaching, description: Coaching.}
  - {name: mentoring, label: Mentoring, description: Mentoring.}
  - {name: sponsorship, label: A sponsor, description: A sponsor.}
  - {name: undetermined, label: Undetermined, description: Nothing decided.}
evidence_outcomes: [coaching, mentoring, sponsorship]
referrals: []
formats: {}
decision:
  - {outcome: coaching, when: {leads: coaching, among: [coaching, mentoring]}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring, among: [coaching, mentoring]}, confidence: share}
  - {outcome: sponsorship, when: {leads: sponsorship}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""
# the rules, the policy and the facts: with `a` alone, b (or s) waits
CASES = {"share": (RULES, SHARE, "ab"), "certain": (CONCLUDES, CERTAIN, "ab"), "among": (COACH + SPONSOR, AMONG, "as")}


@pytest.fixture(scope="module")
def rule_sets(tmp_path_factory) -> dict:
    return {name: yes_no_rule_set(tmp_path_factory.mktemp(name), name, facts, rules, policy)
            for name, (rules, policy, facts) in CASES.items()}


def _record(rules: Path, where: Path, *facts: str) -> tuple[Path, Path]:
    """(a record file, an audit log holding the same decision) of `recommend` with `facts`."""
    record, log = where / "r.json", where / "audit.jsonl"
    given = [arg for fact in facts for arg in ("--fact", fact)]
    made = run("recommend", "--rules", rules, *given, "--record", record, "--audit-log", log)
    assert made.exit_code == 0, made.output
    return record, log


def _views(record: Path, log: Path, where: Path) -> tuple[str, str, str]:
    """(the HTML report, `audit show`'s listing figure, `audit show --id` in one line)."""
    assert run("report", record, "--out", where / "r.html").exit_code == 0
    page = (where / "r.html").read_text(encoding="utf-8")
    figure = run("audit", "show", log).stdout.splitlines()[1].split()[5]
    rid = json.loads(record.read_text(encoding="utf-8"))["id"]
    return page, figure, " ".join(run("audit", "show", log, "--id", rid).stdout.split())


@pytest.mark.parametrize("case", ["certain", "among"])
def test_a_figure_no_answer_can_move_is_shown_final_though_a_rule_waited(rule_sets, tmp_path, case):
    record, log = _record(rule_sets[case], tmp_path, "a=true")
    decision = json.loads(record.read_text(encoding="utf-8"))["decision"]
    assert decision["settled"] is True and decision["confidence"] == 1.0
    assert [e["status"] for e in decision["trace"]["not_fired"]] == ["waiting"]
    page, figure, shown = _views(record, log, tmp_path)
    assert "Recommendation: <bdi>Executive coaching</bdi> &middot; confidence 1.00</p>" in page
    assert "<title>the outcome</title>" in page and "not recorded" not in page
    assert "<h2>Ranking so far</h2>" in page  # the waiting rule's evidence can still move the ranking
    assert figure == "1.00"
    assert "Outcome: coaching, confidence 1.00 Versions:" in shown
    assert decision["confidence_open"] is False


def test_a_figure_an_answer_could_move_is_said_to_be_on_the_answers_given(rule_sets, tmp_path):
    record, log = _record(rule_sets["share"], tmp_path, "a=true")
    said = run("recommend", "--rules", rule_sets["share"], "--fact", "a=true").stdout
    assert ON_ANSWERS_GIVEN in " ".join(said.split())  # recommend's own words, which the record's views now use
    page, figure, shown = _views(record, log, tmp_path)
    assert f"Recommendation: <bdi>Executive coaching</bdi> &middot; confidence 1.00 {ON_ANSWERS_GIVEN}</p>" in page
    assert f"<title>the outcome: confidence 1.00 {ON_ANSWERS_GIVEN}</title>" in page
    assert "not recorded" not in page
    assert figure == "1.00?"
    assert f"Outcome: coaching, confidence 1.00 {ON_ANSWERS_GIVEN} Versions:" in shown
    assert json.loads(record.read_text(encoding="utf-8"))["decision"]["confidence_open"] is True


@pytest.mark.parametrize("case", ["share", "certain"])
def test_a_record_made_before_the_field_still_says_it_is_not_recorded(rule_sets, tmp_path, case):
    record, _ = _record(rule_sets[case], tmp_path, "a=true")
    old = json.loads(record.read_text(encoding="utf-8"))
    del old["decision"]["confidence_open"]
    (tmp_path / "old.json").write_text(json.dumps(seal(old)), encoding="utf-8")
    page, figure, shown = _views(tmp_path / "old.json", tmp_path / "old.json", tmp_path)
    assert f"Recommendation: <bdi>Executive coaching</bdi> &middot; confidence 1.00 {OPEN_NOT_RECORDED}</p>" in page
    assert figure == "1.00?"
    assert f"Outcome: coaching, confidence 1.00 {OPEN_NOT_RECORDED} Versions:" in shown


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_field_is_recommends_own_test_and_null_where_not_settled(rule_sets, case):
    """Every partial profile: `confidence_open` is wording.confidence_open of the decision where
    it is settled, null where it is provisional (no figure is given then)."""
    names = CASES[case][2]
    with Engine.load(rule_sets[case]) as engine:
        seen = set()
        for values in itertools.product((True, False, None), repeat=len(names)):
            facts = {n: v for n, v in zip(names, values) if v is not None}
            d = engine.evaluate(facts)
            recorded = build_record(engine, d, None)["decision"]["confidence_open"]
            assert recorded == (confidence_open(engine.ruleset, d) if d.settled else None), facts
            seen.add(recorded)
        assert seen >= {False, None}


SENSITIVE_SCHEMA = "  s: {type: bool, question: S?}\n"


@pytest.fixture(scope="module", params=["cone_without_evidence", "cone_with_evidence"])
def sealed_rules(request, tmp_path_factory) -> Path:
    """`s` sensitive; read by no rule (the confidence stays in clear), or by a rule with evidence
    (the confidence is sealed)."""
    rules = RULES + (SPONSOR if request.param == "cone_with_evidence" else "")
    where = yes_no_rule_set(tmp_path_factory.mktemp(request.param), request.param, "abs", rules, AMONG)
    schema = where / "schema.yaml"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(text.replace(SENSITIVE_SCHEMA, SENSITIVE_SCHEMA[:-2] + ", sensitive: true}\n"), encoding="utf-8")
    return where


def test_a_sealed_records_clear_part_never_holds_the_field(sealed_rules, key):
    """The field (and `shares_open` beside it) is said of a settled figure, and whether the
    decision is settled is always sealed: the clear part leaves both out (and `sealed` names
    them) wherever the confidence is sealed and wherever it is not; the box holds them, and the
    record replays."""
    with Engine.load(sealed_rules) as engine:
        d = engine.evaluate({"a": True, "s": True})  # b waits: mentoring 2 would move the figure
        record = check_record(json.loads(json.dumps(build_record(engine, d, key))), Pos("r"))
        clear = record["decision"]
        assert record["record_version"] == 3
        assert ("confidence" in clear) is (sealed_rules.name.startswith("cone_without"))
        assert "confidence_open" not in clear and "confidence_open" in clear["sealed"]
        assert "confidence_open" not in json.dumps({k: v for k, v in clear.items() if k != "sealed"})
        assert "shares_open" not in clear and "shares_open" in clear["sealed"]  # said of a settled figure too
        whole = open_parts(key, record, Pos("r"), "test")["decision"]
        assert whole["settled"] is True and whole["confidence_open"] is True and "shares_open" in whole
        result = replay(engine, record, key, Pos("r"))
        assert (result["status"], result["notes"]) == ("reproduced", [])
        forged = json.loads(json.dumps(record))
        forged["decision"]["confidence_open"] = True  # shown to a reader without the key: refused with it
        with pytest.raises(PathfitError) as refused:
            replay(engine, seal(forged), key, Pos("r"))
        assert refused.value.codes == ["PF630"] and "at decision.confidence_open" in refused.value.problems[0].message


def test_replay_of_a_new_record_agrees_and_an_altered_field_is_caught(rule_sets, tmp_path):
    record, log = _record(rule_sets["share"], tmp_path, "a=true")
    made = json.loads(record.read_text(encoding="utf-8"))
    with Engine.load(rule_sets["share"]) as engine:
        result = replay(engine, made, None, Pos("r"))
        assert (result["status"], result["notes"]) == ("reproduced", [])
        altered = json.loads(json.dumps(made))
        altered["decision"]["confidence_open"] = False
        with pytest.raises(PathfitError) as refused:  # not resealed: the digest finds it
            check_record(altered, Pos("r"))
        assert refused.value.codes == ["PF609"]
        result = replay(engine, check_record(seal(altered), Pos("r")), None, Pos("r"))  # resealed: replay finds it
        assert result["status"] == "differs"
        assert result["differences"] == [{"path": "decision.confidence_open", "recorded": False, "now": True}]
        older = json.loads(json.dumps(made))
        del older["decision"]["confidence_open"]
        result = replay(engine, seal(older), None, Pos("r"))
        assert result["status"] == "reproduced"
        assert result["notes"] == ["the record has no confidence_open, as a record made before pathfit recorded "
                                   "it has none: compared without it"]
        retyped = json.loads(json.dumps(made))
        retyped["decision"]["confidence_open"] = "yes"
        with pytest.raises(PathfitError) as refused:
            check_record(seal(retyped), Pos("r"))
        assert refused.value.codes == ["PF608"]
        assert "record field decision.confidence_open has the wrong type" in refused.value.problems[0].message
    lines = log.read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[0])
    entry["record"]["decision"]["confidence_open"] = False
    entry["record"] = seal(entry["record"])  # resealed, but the chain holds the entry's hash
    log.write_text(json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n",
                   encoding="utf-8")
    verified = run("audit", "verify", log)
    assert verified.exit_code == 1 and f"{log}:1:1: PF602: entry seq 1 was edited" in verified.output, verified.output
