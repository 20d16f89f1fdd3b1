"""`pathfit lint`: one table-driven case per finding (tests/lint_cases/cases.yaml),
each asserting the exact problems by code, file, line, column and severity; the
capacity limits on generated rule bases; soundness against the engine (a rule
lint calls dead never fires); robustness on fuzzed rule files; the CLI contract."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.errors import CODES, PathfitError
from pathfit.engine.authoring.lint.run import lint

from tools import synth
from .helpers import ROOT, bundled_copy

HERE = Path(__file__).parent
CASES_DIR = HERE / "lint_cases"
CASES = yaml.safe_load((CASES_DIR / "cases.yaml").read_text())["cases"]


def build(case: dict, tmp: Path) -> Path:
    rules = tmp / "rules"
    shutil.copytree(CASES_DIR / "base", rules)
    for name in case.get("remove", []):
        (rules / name).unlink()
    for name, text in (case.get("files") or {}).items():
        (rules / name).write_text(text, encoding="utf-8")
    return rules


def found(report) -> list[dict]:
    return [{"code": p.code, "file": Path(p.pos.file).name if p.pos.file else "", "line": p.pos.line,
             "col": p.pos.col, "severity": p.severity} for p in report.problems]


def test_base_lints_clean():
    assert lint(CASES_DIR / "base").problems == ()


@pytest.mark.parametrize("case", CASES, ids=[f"{c['code']}:{c['name']}" for c in CASES])
def test_lint_case(case: dict, tmp_path: Path):
    report = lint(build(case, tmp_path))
    assert found(report) == case["expect"], "\n".join(p.format() for p in report.problems)
    assert any(p.code == case["code"] for p in report.problems)


def test_every_lint_code_has_a_case():
    covered = {c["code"] for c in CASES}
    lint_codes = {code for code in CODES if code.startswith("PF7") and code != "PF799"}
    assert lint_codes <= covered, sorted(lint_codes - covered)


def test_messages_name_the_cause(tmp_path: Path):
    by_name = {c["name"]: c for c in CASES}
    report = lint(build(by_name["contradictory comparisons on one fact"], tmp_path / "a"))
    assert report.problems[0].message == ("rule 'x.both_goals' can never fire: `goal is emerging` contradicts "
                                          "`goal is specific` (line 7)")
    report = lint(build(by_name["a rule that needs what only a dead rule derives"], tmp_path / "b"))
    assert "every rule deriving it can never fire (x.dead_deriver)" in report.problems[1].message
    report = lint(build(by_name["the same conditions written another way"], tmp_path / "c"))
    assert "'d.structured'" in report.problems[0].message
    assert "evidence would count twice" in report.problems[1].message


def test_bundled_rules_lint_clean():
    assert lint(ROOT / "rules").problems == ()


# -- capacity limits, reported as the compiler reports them -------------------------------

def _rules_file(rules: list[dict]) -> str:
    return yaml.safe_dump({"rules": rules}, sort_keys=False)


def _rule(rid: str, when: dict) -> dict:
    return {"id": rid, "reason": "r", "cites": ["focus"], "when": when, "then": {"evidence": {"coaching": 1}}}


@pytest.mark.parametrize("code,rules", [
    ("PF301", [_rule(f"x.t{i:03d}", {"fact": "hours", "gte": i + 1}) for i in range(65)]),
    ("PF302", [_rule(f"x.s{i:03d}", {"fact": "ready", "equals": True}) for i in range(256)]),
])
def test_capacity_limits_are_lint_errors(tmp_path: Path, code: str, rules: list):
    directory = build({"files": {"many.yaml": _rules_file(rules)}}, tmp_path)
    report = lint(directory)
    hits = [p for p in report.problems if p.code == code]
    assert hits and all(p.severity == "error" for p in hits)
    if code == "PF301":  # located at the fact whose conditions overflow
        assert (Path(hits[0].pos.file).name, hits[0].pos.line, hits[0].pos.col) == ("schema.yaml", 10, 3)
    else:  # at one of the rules sharing the condition
        assert Path(hits[0].pos.file).name in ("rules.yaml", "many.yaml") and hits[0].pos.line > 0


def test_capacity_is_checked_on_the_valid_rules_while_another_rule_has_an_error(tmp_path: Path):
    """Stages that need a valid rule set run on the rules that are valid: a limit crossed
    by them is crossed by the whole set, so one broken rule must not hide it."""
    rules = [_rule(f"x.t{i:03d}", {"fact": "hours", "gte": i + 1}) for i in range(65)]
    broken = _rule("x.broken", {"fact": "reddy", "equals": True})
    report = lint(build({"files": {"many.yaml": _rules_file(rules), "broken.yaml": _rules_file([broken])}}, tmp_path))
    assert {p.code for p in report.errors} == {"PF205", "PF301"}
    assert not any("capacity" in s for s in report.skipped)


# -- soundness: what lint says can never fire never fires --------------------------------

def test_dead_rules_never_fire_on_generated_bases(tmp_path: Path):
    for seed in (3, 11):
        directory = tmp_path / f"base{seed}"
        synth.write_rule_base(directory, 80, seed)
        report = lint(directory)
        dead = {p.message.split("'")[1] for p in report.problems if p.code in ("PF701", "PF702", "PF704", "PF705")}
        assert dead, "the generated base reads a derived fact nothing derives, so some rule is dead"
        with Engine.load(directory) as engine:
            for profile in synth.profiles(engine.ruleset, 150, seed, 0.8):
                assert not dead & set(engine.evaluate(profile).fired)


# -- robustness: a located problem or nothing, never an exception ---------------------------

@pytest.mark.parametrize("text", [
    "rules: [", "rules: {}", "- a\n- b\n", "rules:\n  - 12\n  - {id: x.y}\n", "\x00", "rules:\n  - id: [1]\n",
    "rules:\n  - {id: x.a, reason: r, cites: [focus], when: {all: []}, then: {}}\n",
    "rules:\n  - {id: x.a, reason: r, cites: [focus], when: {not: {fact: structured, is: known}}, then: {not_now: true}}\n",
    "rules:\n  - {id: x.a, reason: r, cites: [focus], when: {fact: hours, gt: .nan}, then: {not_now: true}}\n",
])
def test_bad_rule_files_give_located_problems(tmp_path: Path, text: str):
    report = lint(build({"files": {"bad.yaml": text}}, tmp_path))
    assert report.errors and all(p.pos.file for p in report.errors)
    assert not [p for p in report.problems if p.code == "PF799"]


def test_missing_schema_is_a_lint_error_not_a_crash(tmp_path: Path):
    report = lint(build({"remove": ["schema.yaml"]}, tmp_path))
    assert [p.code for p in report.errors] == ["PF216"]


def test_a_failing_check_is_reported_not_raised(tmp_path: Path, monkeypatch):
    from pathfit.engine.authoring.lint import citations as lint_module

    def boom(*args):
        raise ValueError("boom")

    monkeypatch.setattr(lint_module, "check_citations", boom)
    report = lint(CASES_DIR / "base")
    assert [(p.code, p.severity) for p in report.problems] == [("PF799", "error")]
    assert "boom" in report.problems[0].message


def test_missing_directory_is_unusable(tmp_path: Path):
    with pytest.raises(PathfitError) as info:
        lint(tmp_path / "nowhere")
    assert info.value.codes == ["PF216"]


# -- the command ---------------------------------------------------------------------

def _run(*args: str):
    return CliRunner().invoke(cli, ["lint", *args], catch_exceptions=False)


def test_cli_exit_status_and_formats(tmp_path: Path):
    by_name = {c["name"]: c for c in CASES}
    clean = _run("--rules", str(CASES_DIR / "base"))
    assert clean.exit_code == 0 and clean.stdout == ""
    warned = build(by_name["an input fact no rule reads"], tmp_path / "w")
    result = _run("--rules", str(warned))
    assert result.exit_code == 0
    assert result.stdout == f"{warned}/schema.yaml:9:3: PF708: warning: input fact 'shoe_size' is read by no rule: " \
                            "it never changes a decision, and the interview never asks it\n"
    assert _run("--rules", str(warned), "--strict").exit_code == 1
    broken = build(by_name["threshold above the declared maximum"], tmp_path / "e")
    result = _run("--rules", str(broken), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"] == {"errors": 1, "warnings": 0}
    assert data["problems"][0]["code"] == "PF702" and data["problems"][0]["line"] == 5
    missing = _run("--rules", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and "PF216" in missing.stderr


def test_cli_reports_skipped_checks_when_the_rule_set_has_errors(tmp_path: Path):
    broken = build({"files": {"bad.yaml": "rules:\n  - {id: x.a, reason: r, cites: [focus], when: {fact: nope, "
                                          "equals: true}, then: {not_now: true}}\n"}}, tmp_path)
    result = _run("--rules", str(broken))
    assert result.exit_code == 1
    assert "PF205" in result.stdout and "Not checked until the errors are fixed:" in result.stderr


def test_output_is_sorted_and_deterministic(tmp_path: Path):
    copy = bundled_copy(tmp_path)
    (copy / "zz.yaml").write_text(
        "rules:\n"
        "  - {id: zz.a, reason: r, cites: [focus], when: {fact: hours_per_month, gt: 500}, then: {not_now: yes}}\n"
        "  - {id: zz.b, reason: r, cites: [focus], when: {all: [{fact: trigger, equals: succession},"
        " {fact: mentoring_can_start, equals: true}]}, then: {evidence: {mentoring: 2}}}\n")
    (copy / "aa.yaml").write_text(
        "rules:\n  - {id: aa.a, reason: r, cites: [focus], when: {all: [{fact: team_goal, equals: true},"
        " {fact: team_goal, equals: false}]}, then: {suggest: [team_coaching]}}\n")
    first = _run("--rules", str(copy)).stdout
    assert first == _run("--rules", str(copy)).stdout
    lines = first.splitlines()
    assert [line.split(": ")[1] for line in lines] == ["PF701", "PF702", "PF711", "PF709"]
    assert lines == sorted(lines, key=lambda l: (l.split(":")[0], int(l.split(":")[1]), int(l.split(":")[2])))


# -- property: lint's claims hold on random rules, checked against the engine ---------------


_LEAVES = st.one_of(
    st.builds(lambda v: {"fact": "goal", "equals": v}, st.sampled_from(["specific", "emerging", "undefined"])),
    st.builds(lambda vs: {"fact": "goal", "one_of": vs},
              st.lists(st.sampled_from(["specific", "emerging", "undefined"]), min_size=1, max_size=3, unique=True)),
    st.builds(lambda vs: {"fact": "goal", "not_one_of": vs},
              st.lists(st.sampled_from(["specific", "emerging", "undefined"]), min_size=1, max_size=3, unique=True)),
    st.builds(lambda op, v: {"fact": "hours", op: v}, st.sampled_from(["lt", "lte", "gt", "gte", "equals"]),
              st.sampled_from([-1, 0, 1, 3, 4, 160, 161])),
    st.builds(lambda op, v: {"fact": "score", op: v}, st.sampled_from(["lt", "lte", "gt", "gte"]),
              st.sampled_from([-0.5, 0, 0.25, 0.5, 1, 2])),
    st.builds(lambda v: {"fact": "needs", "contains": v}, st.sampled_from(["skill", "network", "basics"])),
    st.builds(lambda v: {"fact": "ready", "equals": v}, st.booleans()),
    st.builds(lambda f, v: {"fact": f, "is": v}, st.sampled_from(["goal", "hours", "ready"]),
              st.sampled_from(["known", "unknown"])),
    st.builds(lambda f, v: {"fact": f, "equals": v}, st.sampled_from(["structured", "broad"]), st.booleans()),
)
_CONDITIONS = st.recursive(_LEAVES, lambda inner: st.one_of(
    st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=3)),
    st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=3)),
    st.builds(lambda x: {"not": x}, inner)), max_leaves=6)
_PROFILE = st.fixed_dictionaries({}, optional={
    "goal": st.sampled_from(["specific", "emerging", "undefined"]), "hours": st.sampled_from([0, 1, 3, 4, 5, 160]),
    "score": st.sampled_from([0, 0.25, 0.3, 0.5, 0.75, 1]), "ready": st.booleans(),
    "needs": st.lists(st.sampled_from(["skill", "network", "basics"]), unique=True)})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(conditions=st.lists(_CONDITIONS, min_size=1, max_size=4),
       profiles=st.lists(_PROFILE, min_size=25, max_size=25))
def test_claims_hold_against_the_engine(tmp_path_factory, conditions, profiles):
    """A rule lint calls dead never fires; rules lint calls the same fire on the same people."""
    rules = [_rule(f"x.r{i}", c) for i, c in enumerate(conditions)]
    directory = build({"files": {"fuzz.yaml": _rules_file(rules)}}, tmp_path_factory.mktemp("fuzz"))
    report = lint(directory)
    assert not [p for p in report.problems if p.code == "PF799"], report.problems
    if report.errors and not any(p.code.startswith("PF7") for p in report.errors):
        return  # refused by validation or the compiler: nothing to run
    dead = {p.message.split("'")[1] for p in report.errors if p.code in ("PF701", "PF702", "PF704", "PF705")}
    same = [(p.message.split("'")[1], p.message.split("'")[3]) for p in report.problems if p.code == "PF709"]
    try:
        engine = Engine.load(directory)
    except PathfitError:
        return
    with engine:
        for profile in profiles:
            fired = set(engine.evaluate(profile).fired)
            assert not dead & fired, (profile, dead & fired)
            for a, b in same:
                assert (a in fired) == (b in fired), (profile, a, b)


def test_table_findings_name_both_rows_and_an_example_input(tmp_path: Path):
    by_code = {c["code"]: c for c in CASES if c["code"] in ("PF228", "PF229", "PF230")}
    messages = [lint(build(by_code[code], tmp_path / code)).problems[0].message for code in sorted(by_code)]
    assert messages == [
        "table 't': rows t.deep (line 8) and t.wide (line 9) both match goal=specific, hours=8; "
        "a unique table allows one matching row",
        "table 't': rows t.a (line 8) and t.c (line 10) both match goal=specific, ready=false with different "
        "results; an any table needs equal results",
        "table 't' is declared complete, but no row matches, for example, goal=emerging, hours=10; "
        "goal=undefined, hours=10",
    ]


def test_a_complete_table_reports_each_gap_up_to_five_then_how_many_more(tmp_path: Path):
    """With one row for one value of an enum, PF230 said "for example, goal=emerging" alone,
    though every other value is a gap and the docs promise an example of each, up to five."""
    case = {"files": {"table.yaml": (
        "tables:\n  - id: t\n    hit: collect\n    complete: true\n    reason: r\n    cites: [focus]\n"
        "    inputs: [{fact: goal}, {fact: ready}]\n    rows:\n"
        "      - {when: [specific, true], then: {evidence: {coaching: 1}}}\n")}}
    [gap] = [p for p in lint(build(case, tmp_path)).problems if p.code == "PF230"]
    assert gap.message == ("table 't' is declared complete, but no row matches, for example, goal=specific, "
                           "ready=false; goal=emerging, any ready; goal=undefined, any ready")
    six = {"files": {"table.yaml": case["files"]["table.yaml"]
                     .replace("[{fact: goal}, {fact: ready}]", "[{fact: ready}, {fact: needs, test: contains}, {fact: goal}]")
                     .replace("[specific, true]", "[true, skill, specific]")
                     + "      - {when: [\"-\", \"-\", specific], then: {evidence: {coaching: 1}}}\n"}}
    [gap] = [p for p in lint(build(six, tmp_path / "six")).problems if p.code == "PF230"]
    assert gap.message.endswith("; and 1 more"), gap.message
    assert gap.message.count(";") == 5 and "ready=false, any needs, goal=undefined" not in gap.message, gap.message


# -- one pass: what is wrong is reported the same way whatever else is wrong ---------------

_YES_RULE = """rules:
  - id: x.yes
    reason: r
    cites: [{cite}]
    when: {{fact: {fact}, {op}: yes}}
    then: {{evidence: {{{outcome}: 1}}}}
"""


def test_equals_yes_has_one_code_and_severity_whatever_else_is_wrong(tmp_path: Path):
    """`equals: yes` was a PF711 warning while another error stopped validation before
    the operand, and a PF211 error once that was fixed. Every variant here, from clean
    to four other problems, must report it the same way at the same token."""
    variants = [
        dict(cite="focus", fact="ready", op="equals", outcome="coaching"),  # bool fact
        dict(cite="focus", fact="goal", op="equals", outcome="coaching"),  # enum (text) fact
        dict(cite="focus", fact="reddy", op="equals", outcome="coaching"),  # misspelled fact
        dict(cite="focuss", fact="ready", op="equals", outcome="coaching"),  # misspelled citation
        dict(cite="focus", fact="ready", op="equalz", outcome="coaching"),  # misspelled operator
        dict(cite="focuss", fact="reddy", op="equalz", outcome="coachin"),  # all of them
    ]
    for i, variant in enumerate(variants):
        rules = build({"files": {"bad.yaml": _YES_RULE.format(**variant)}}, tmp_path / str(i))
        col = 22 + len(variant["fact"]) + len(variant["op"])  # `    when: {fact: F, OP: yes}`
        at_yes = [(p.code, p.severity) for p in lint(rules).problems if (p.pos.line, p.pos.col) == (5, col)]
        assert at_yes == [("PF211", "error")], (variant, at_yes)


def test_not_now_no_was_both_a_pf204_error_and_a_pf711_warning_at_one_token(tmp_path: Path):
    """`not_now: no` was refused by validation (PF204) and warned about by lint (PF711) at the
    same token. It is reported once, as the error, whose message names what YAML 1.1 read;
    `not_now: yes`, which validation accepts, is still the PF711 warning."""
    rule = "rules:\n  - id: x.n\n    reason: r\n    cites: [focus]\n    when: {fact: ready, equals: true}\n" \
           "    then: {evidence: {coaching: 1}, not_now: %s}\n"
    rules = build({"files": {"bad.yaml": rule % "no"}}, tmp_path / "no")
    at = [(p.code, p.severity, p.message) for p in lint(rules).problems if (p.pos.line, p.pos.col) == (6, 46)]
    assert [a[:2] for a in at] == [("PF204", "error")]
    assert at[0][2].endswith("(YAML 1.1 reads the plain 'no' as false; quote it for text)")
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    assert [p.message for p in info.value.problems] == [at[0][2]]  # recommend and lint say the same
    rules = build({"files": {"bad.yaml": rule % "yes"}}, tmp_path / "yes")
    at = [(p.code, p.severity) for p in lint(rules).problems if (p.pos.line, p.pos.col) == (6, 46)]
    assert at == [("PF711", "warning")]



def test_declared_refer_and_not_now_need_no_clause_and_classic_outcomes_are_not_judged(tmp_path: Path):
    """PF715 is for an outcome the policy's own `outcomes:` declares and no clause gives: a rule
    concludes refer and not_now, so declaring them without a clause is not flagged, and a policy
    that declares no outcomes (the classic vocabulary) is never judged by it."""
    policy = {c["name"]: c for c in CASES}["a declared outcome no clause gives"]["files"]["policy.yaml"]
    blend = "  - {outcome: blended, when: {each_at_least: 2, ratio_at_most: 1.5}, confidence: balance}\n"
    refer = "  - {outcome: refer, when: {concluded: refer}, confidence: certain}\n"
    not_now = "  - {outcome: not_now, when: {concluded: not_now}, confidence: certain}\n"
    assert all(line in policy for line in (blend, refer, not_now))
    declared = policy.replace("  - {name: sponsorship, label: A sponsor}\n", "").replace(refer, "").replace(not_now, "")
    classic = "evidence_outcomes:" + policy.split("evidence_outcomes:", 1)[1].replace(blend, "")
    for name, text in (("declared", declared), ("classic", classic)):
        report = lint(build({"files": {"policy.yaml": text}}, tmp_path / name))
        assert not [p for p in report.problems if p.severity == "error" or p.code == "PF715"], \
            "\n".join(p.format() for p in report.problems)


def test_a_fact_no_rule_derives_names_its_readers_without_saying_they_never_fire(tmp_path: Path):
    """Regression: PF707 said every rule reading a never-derived fact "can never fire", yet a
    rule that needs it false fires."""
    import copy

    case = copy.deepcopy({c["name"]: c for c in CASES}["a derived fact declared and never derived"])
    case["files"]["bad.yaml"] = ("rules:\n  - id: x.needs_not_leftover\n    reason: r\n    cites: [focus]\n"
                                 "    when: {fact: leftover, equals: false}\n    then: {evidence: {coaching: 1}}\n")
    (problem,) = [p for p in lint(build(case, tmp_path)).problems if p.code == "PF707"]
    assert "never fire" not in problem.message and "read by x.needs_not_leftover" in problem.message
