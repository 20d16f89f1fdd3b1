"""Every JSON output pathfit prints is valid under the schema `pathfit schema --kind KIND`
writes for it (engine/output_schemas), on every bundled example and every rule-set fixture:
the schemas are the published contract of what scripts read, so each is checked against the
real output of the command it describes, not against a hand-written sample."""
from __future__ import annotations

import asyncio
import json
import shutil
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.output_schemas import KINDS, load
from pathfit.engine.pipeline.policy import outcomes

from .helpers import HERE, ROOT, bundled_copy
from .remembered_validation import remembering_validator
from .serve_support import asgi_call, bundled_app  # bundled_app: the shared fixture

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FIXTURES = HERE / "fixtures"
RULE_SETS = sorted({p.parent for p in FIXTURES.rglob("schema.yaml")} | {FIXTURES / "hmac-records" / "ruleset" / "rules"})


pytestmark = pytest.mark.usefixtures("module_rule_set_cache", "rule_set_cache_of_the_module")


@lru_cache(maxsize=None)
def validator(kind: str) -> Draft202012Validator:
    schema = load(kind)
    Draft202012Validator.check_schema(schema)
    return remembering_validator(schema)  # an output's repeated parts walked once: the same verdicts


def check(kind: str, value) -> None:
    errors = sorted(validator(kind).iter_errors(value), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{kind} at {list(e.absolute_path)}: {e.message[:300]}" for e in errors[:5])


def run(*args: str, env: dict | None = None, codes=(0,), stdin: str | None = None) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env, input=stdin)
    assert result.exit_code in codes, (args, result.exit_code, result.output)
    return result.stdout


@lru_cache(maxsize=None)
def _outcomes(rules: Path | None) -> tuple[str, ...]:
    with Engine.load(rules) as engine:
        return tuple(outcomes(engine.ruleset.policy))


def test_every_kind_has_its_file_and_every_file_its_kind():
    folder = ROOT / "engine" / "output_schemas"
    assert sorted(p.name for p in folder.glob("*.schema.json")) == sorted(f"{k}.schema.json" for k in KINDS)
    for kind in KINDS:
        assert load(kind)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        validator(kind)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_recommend_and_every_explanation_of_every_example(path):
    check("decision", json.loads(run("recommend", "--profile", path, "--format", "json")))
    check("explain", json.loads(run("explain", "--profile", path, "--format", "json")))
    for outcome in _outcomes(None):
        check("why-not", json.loads(run("explain", "--profile", path, "--format", "json", "--why-not", outcome)))
    check("what-if", json.loads(run("explain", "--profile", path, "--format", "json", "--what-if")))


@pytest.mark.parametrize("path", EXAMPLES[::5], ids=[p.stem for p in EXAMPLES[::5]])
def test_the_interview_with_a_profile_prints_a_decision(path):
    check("decision", json.loads(run("interview", "--profile", path, "--format", "json", stdin="")))


@pytest.mark.parametrize("rules", RULE_SETS, ids=[str(p.relative_to(FIXTURES)) for p in RULE_SETS])
def test_every_rule_set_fixture_decides_explains_lints_and_tests_as_its_schemas_say(rules, tmp_path):
    empty = tmp_path / "nobody.yaml"
    empty.write_text("facts: {}\n")
    check("decision", json.loads(run("recommend", "--rules", rules, "--profile", empty, "--format", "json")))
    check("explain", json.loads(run("explain", "--rules", rules, "--profile", empty, "--format", "json")))
    for outcome in _outcomes(rules):
        check("why-not", json.loads(run("explain", "--rules", rules, "--profile", empty, "--format", "json",
                                        "--why-not", outcome)))
    check("what-if", json.loads(run("explain", "--rules", rules, "--profile", empty, "--format", "json",
                                    "--what-if")))
    check("lint", json.loads(run("lint", "--rules", rules, "--format", "json", codes=(0, 1))))
    if (rules / "tests").is_dir():
        check("test-report", json.loads(run("test", rules, "--format", "json", codes=(0, 1))))


@pytest.mark.parametrize("rules", [ROOT / "rules", *RULE_SETS], ids=["bundled"] + [str(p.relative_to(FIXTURES))
                                                                               for p in RULE_SETS])
def test_rules_list_and_every_rule_shown_with_its_dependencies_as_their_schemas_say(rules):
    listed = json.loads(run("rules", "list", "--rules", rules, "--format", "json"))
    check("rules-list", listed)
    assert listed["rules"]
    for rule in listed["rules"]:
        check("rules-show", json.loads(run("rules", "show", rule["id"], "--rules", rules, "--format", "json")))
        check("rules-show", json.loads(run("rules", "show", rule["id"], "--rules", rules, "--deps",
                                           "--format", "json")))
    reads = listed["rules"][0]["cites"][0]
    check("rules-list", json.loads(run("rules", "list", "--rules", rules, "--cites", reads, "--format", "json")))


def test_lint_and_test_reports_with_problems_failures_and_warnings(tmp_path):
    rules = bundled_copy(tmp_path)
    text = (rules / "coaching.yaml").read_text()
    (rules / "coaching.yaml").write_text(text.replace("evidence: {coaching: 2}", "evidence: {coaching: 2.0}", 1)
                                         + "\n# trailing\n")
    (rules / "tests" / "odd.yaml").write_text(
        "cases:\n  - name: a case that fails\n    profile: {ready_for_change: no}\n    expect: {outcome: coaching, fired: [coaching.team]}\n")
    check("lint", json.loads(run("lint", "--rules", rules, "--format", "json", codes=(0, 1))))
    report = json.loads(run("test", rules, "--format", "json", "--min-coverage", "100", codes=(1,)))
    assert report["summary"]["failed"] and report["warnings"]
    check("test-report", report)
    broken = tmp_path / "broken"
    shutil.copytree(FIXTURES / "tiny", broken)
    (broken / "rules.yaml").write_text((broken / "rules.yaml").read_text() + "\n  - id: [not, an, id]\n")
    report = json.loads(run("lint", "--rules", broken, "--format", "json", codes=(1, 2)))
    assert report["problems"]
    check("lint", report)


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """A log of one decision and a cohort run with bad rows, its record file and results, under an audit key."""
    folder = tmp_path_factory.mktemp("audited")
    key = folder / "audit.key"
    run("audit", "keygen", key)
    env = {"PATHFIT_AUDIT_KEY_FILE": str(key)}
    log, record = folder / "audit.jsonl", folder / "decision.json"
    run("recommend", "--profile", EXAMPLES[0], "--record", record, "--audit-log", log, env=env)
    cohort = folder / "cohort.jsonl"
    cohort.write_text((ROOT / "examples" / "corpus.jsonl").read_text(encoding="utf-8")
                      + '{"id": "bad", "goal_clarity": "specfic", "bogus": 1}\nnot json\n{"hours_per_month": 1e999}\n',
                      encoding="utf-8")
    results = folder / "results.jsonl"
    run("batch", cohort, "--out", results, "--audit-log", log, env=env, codes=(1,))
    plain = folder / "plain.jsonl"
    run("batch", cohort, "--out", plain, codes=(1,))
    return {"env": env, "log": log, "record": record, "results": results, "plain": plain, "folder": folder}


def test_every_batch_row_with_and_without_an_audit_log(audited):
    for name in ("results", "plain"):
        rows = [json.loads(line) for line in audited[name].read_text(encoding="utf-8").splitlines()]
        assert any(r["error"] for r in rows) and any(r["error"] is None for r in rows)
        for row in rows:
            check("batch-row", row)
            assert ("record_id" in row) == (name == "results")


def test_replay_verify_and_show_of_a_log_and_a_record(audited, tmp_path):
    env, log, record = audited["env"], audited["log"], audited["record"]
    for source in (log, record):
        check("replay", json.loads(run("replay", source, "--format", "json", env=env)))
        check("audit-verify", json.loads(run("audit", "verify", source, "--format", "json", env=env)))
        check("audit-show", json.loads(run("audit", "show", source, "--format", "json", env=env)))
        without = {"PATHFIT_AUDIT_KEY_FILE": ""}
        check("audit-verify", json.loads(run("audit", "verify", source, "--format", "json", env=without)))
        check("audit-show", json.loads(run("audit", "show", source, "--format", "json", env=without)))
    changed = bundled_copy(tmp_path)
    coaching = changed / "coaching.yaml"
    coaching.write_text(coaching.read_text().replace("evidence: {coaching: 2}", "evidence: {coaching: 9}"))
    differs = json.loads(run("replay", log, "--rules", changed, "--format", "json", env=env, codes=(1,)))
    assert any(r["status"] == "differs" for r in differs)
    check("replay", differs)
    damaged = tmp_path / "damaged.jsonl"
    lines = log.read_bytes().splitlines(keepends=True)
    damaged.write_bytes(b"".join(lines[:2] + lines[3:]) + lines[-1][:40])
    verdict = json.loads(run("audit", "verify", damaged, "--format", "json", env=env, codes=(1,)))
    assert verdict["problem"] is not None
    check("audit-verify", verdict)
    repaired = tmp_path / "repaired.jsonl"
    repaired.write_bytes(log.read_bytes() + lines[-1][:40])
    verdict = json.loads(run("audit", "verify", repaired, "--repair", "--format", "json", env=env, codes=(0, 1)))
    assert verdict["repaired"] is not None
    check("audit-verify", verdict)


def test_the_old_hmac_records_replay_verify_and_show_as_their_schemas_say(tmp_path):
    old = FIXTURES / "hmac-records"
    key = tmp_path / "audit.key"
    shutil.copy(old / "audit.key", key)
    key.chmod(0o600)
    env = {"PATHFIT_AUDIT_KEY_FILE": str(key)}
    for source in (old / "audit.jsonl", *sorted(old.glob("*.json"))):
        check("replay", json.loads(run("replay", source, "--rules", old / "ruleset" / "rules", "--format", "json",
                                       env=env, codes=(0, 1))))
        check("audit-verify", json.loads(run("audit", "verify", source, "--format", "json", env=env, codes=(0, 1))))
        check("audit-show", json.loads(run("audit", "show", source, "--format", "json", env=env)))


def test_impact_with_changed_decisions_firings_and_rows_one_version_refuses(tmp_path):
    changed = bundled_copy(tmp_path / "new")
    coaching = changed / "coaching.yaml"
    coaching.write_text(coaching.read_text().replace("evidence: {coaching: 2}", "evidence: {coaching: 9}", 1))
    base = bundled_copy(tmp_path / "old")  # fewer hours a month: rows with more are refused by it alone
    schema = base / "schema.yaml"
    schema.write_text(schema.read_text().replace("    max: 160\n    unit: hours", "    max: 4\n    unit: hours"))
    corpus = ROOT / "examples" / "corpus.jsonl"
    for old, new in ((ROOT / "rules", ROOT / "rules"), (base, changed)):
        report = json.loads(run("impact", "--base", old, "--rules", new, "--profiles", corpus, "--format", "json"))
        check("impact", report)
    assert report["decision_changed"] and report["invalid_before"]


def test_the_services_answers_and_refusals(bundled_app):
    def call(method: str, path: str, body=None):
        reply = asyncio.run(asgi_call(bundled_app, method, path, body))
        return reply.status, reply.json

    facts = {"goal_clarity": "specific", "ready_for_change": True}
    for path, body, kind in (("/v1/decisions", {"facts": facts}, "decision"),
                             ("/v1/explain", {"facts": facts}, "explain"),
                             ("/v1/explain", {"facts": facts, "why_not": "mentoring"}, "why-not"),
                             ("/v1/explain", {"facts": facts, "what_if": True}, "what-if")):
        status, answer = call("POST", path, body)
        assert status == 200
        check(kind, answer)
    for method, path in (("GET", "/v1/rules"), ("GET", "/healthz")):
        status, answer = call(method, path)
        assert status == 200
        check({"/v1/rules": "served-rules", "/healthz": "health"}[path], answer)
    for method, path, body in (("POST", "/v1/decisions", {"facts": {"goal_clarity": "specfic", "nope": 1}}),
                               ("POST", "/v1/explain", {"why_not": "blend", "what_if": True}),
                               ("POST", "/v1/decisions", [1]), ("GET", "/v1/nowhere", None),
                               ("GET", "/v1/decisions", None)):
        status, answer = call(method, path, body)
        assert status >= 400
        check("errors", answer)
