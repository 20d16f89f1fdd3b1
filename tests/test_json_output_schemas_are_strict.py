"""The output schemas refuse what the output never is: a real output with a key added to a
closed object, a key the documentation says is always there taken out, or a value of
another type, is invalid. A schema that accepted anything would pass
tests/test_json_outputs_match_their_schemas.py and promise nothing; the keys listed here are
the ones docs/decision.md, docs/audit.md, docs/authoring.md and docs/serve.md name as always
present, written down apart from the schemas."""
from __future__ import annotations

import asyncio
import copy
import json
from functools import lru_cache

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from pathfit.cli.main import cli
from pathfit.engine.output_schemas import load

from .helpers import ROOT
from .serve_support import asgi_call, bundled_app  # bundled_app: the shared fixture

EXAMPLE = ROOT / "examples" / "new-vp-wants-structure.yaml"  # firings, waiting rules and alternatives

# kind -> {path to a closed object in a real output: the keys that are always there}
ALWAYS = {
    "decision": {
        (): "recommendation label ranking confidence settled referral formats fired missing contributions facts trace",
        ("trace",): "trace_version engine ruleset firings settled not_fired derived scores decision unknown_inputs",
        ("trace", "decision"): "clause outcome baseline confidence",
        ("trace", "firings", 0): "step rule matched",
        ("trace", "not_fired", 0): "rule status",
        ("trace", "derived"): "holds fails",
        ("ranking", 0): "outcome label score exact",
        ("contributions", 0): "rule contribution",
    },
    "explain": {(): "outcome referral confidence settled because", ("because", 0): "rule reason cites step from"},
    "why-not": {
        (): "outcome label decided decided_label decided_settled referral scores decided_by needs rules",
        ("decided_by",): "clause outcome referral rules tests",
        ("decided_by", "tests", 0): "test argument holds",
        ("needs", 0): "clause tests",
        ("rules", 0): "rule status reason upstream",
    },
    "what-if": {
        (): "outcome label referral settled alternatives unreachable would_change_if screening refused trials",
        ("alternatives", 0): "changes size outcome label referral confidence",
        ("alternatives", 0, "changes", 0): "fact from to",
    },
    "batch-row": {(): "row id outcome confidence settled referral formats fired error errors",
                  ("errors", 0): "code message line col"},
    "replay": {
        (0,): "id where status cause notes outcome files versions ruleset firings differences",
        (0, "outcome"): "recorded now",
        (0, "outcome", "recorded"): "recommendation referral confidence settled confidence_open",
        (0, "files"): "changed added removed knowledge_base",
        (0, "versions"): "recorded now",
    },
    "audit-verify": {
        (): "log intact chain_intact entries head signatures_checked signed_entries seals problem "
            "expected_head_line in_doubt repaired",
        ("seals",): "sealed_records checked not_checked other_keys checked_in_part",
    },
    "audit-show": {(0,): "where entry record subject", (0, "entry"): "seq hash prev time"},
    "lint": {(): "directory problems skipped summary", ("summary",): "errors warnings"},
    "test-report": {
        (): "rules files cases summary coverage warnings",
        ("cases", 0): "name file line col status outcome referral formats fired mismatches",
        ("summary",): "total passed failed",
        ("coverage",): "rules fired percent min_coverage below_minimum selected_cases_only "
                       "refused_cases_not_counted per_rule",
    },
    "impact": {(): "base rules profiles total firings_over invalid_before invalid_after decision_changed "
                   "firing_changed counts rules_changed", ("counts", 0): "decision before after"},
    "errors": {(): "errors", ("errors", 0): "code message fact"},
    "served-rules": {(): "ruleset rules", ("rules", 0): "id reason cites effects"},
    "rules-list": {(): "ruleset rules", ("ruleset",): "name digest", ("rules", 0): "id file line reason cites effects"},
    "rules-show": {(): "ruleset rule",
                   ("rule",): "id file line reason cites titles effects when salience",
                   ("depends_on", 0): "rule fact linked_to depth", ("depended_on_by", 0): "rule fact linked_to depth"},
    "health": {(): "status ruleset", ("ruleset",): "name digest"},
}


def _run(*args, env=None, codes=(0,)) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env)
    assert result.exit_code in codes, result.output
    return result.stdout


@pytest.fixture(scope="module")
def samples(tmp_path_factory, bundled_app) -> dict:
    """One real output of each kind."""
    folder = tmp_path_factory.mktemp("samples")
    key, log = folder / "audit.key", folder / "audit.jsonl"
    _run("audit", "keygen", key)
    env = {"PATHFIT_AUDIT_KEY_FILE": str(key)}
    _run("recommend", "--profile", EXAMPLE, "--audit-log", log, env=env)
    cohort, results = folder / "cohort.jsonl", folder / "results.jsonl"
    cohort.write_text('{"id": "bad", "goal_clarity": "specfic"}\n')
    _run("batch", cohort, "--out", results, codes=(1,))
    tests = folder / "tests"
    tests.mkdir()
    (tests / "one.yaml").write_text("cases:\n  - name: one\n    profile: {ready_for_change: false}\n"
                                    "    expect: {outcome: not_now}\n")

    def served(method: str, path: str, body=None):
        return asyncio.run(asgi_call(bundled_app, method, path, body)).json

    explain = ("explain", "--profile", EXAMPLE, "--format", "json")
    return {
        "decision": json.loads(_run("recommend", "--profile", EXAMPLE, "--format", "json")),
        "explain": json.loads(_run(*explain)),
        "why-not": json.loads(_run(*explain, "--why-not", "mentoring")),
        "what-if": json.loads(_run(*explain, "--what-if")),
        "batch-row": json.loads(results.read_text().splitlines()[0]),
        "replay": json.loads(_run("replay", log, "--format", "json", env=env)),
        "audit-verify": json.loads(_run("audit", "verify", log, "--format", "json", env=env)),
        "audit-show": json.loads(_run("audit", "show", log, "--format", "json", env=env)),
        "lint": json.loads(_run("lint", "--format", "json")),
        "test-report": json.loads(_run("test", tests, "--format", "json")),
        "impact": json.loads(_run("impact", "--base", ROOT / "rules", "--rules", ROOT / "rules", "--profiles",
                                  ROOT / "examples" / "corpus.jsonl", "--format", "json")),
        "errors": served("POST", "/v1/decisions", {"facts": {"nope": 1}}),
        "served-rules": served("GET", "/v1/rules"),
        "rules-list": json.loads(_run("rules", "list", "--gives", "mentoring", "--format", "json")),
        "rules-show": json.loads(_run("rules", "show", "judge.relationship_fit", "--deps", "--format", "json")),
        "health": served("GET", "/healthz"),
    }


@lru_cache(maxsize=None)
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(load(kind))


def _at(value, path: tuple):
    for step in path:
        value = value[step]
    return value


def _other_type(value):
    """A value of another JSON type than `value`'s: an object for anything but an object."""
    return "text" if isinstance(value, dict) else {"unexpected": True}


CASES = [(kind, path) for kind, paths in ALWAYS.items() for path in paths]


@pytest.mark.parametrize("kind, path", CASES, ids=[f"{k}-{'.'.join(map(str, p)) or 'top'}" for k, p in CASES])
def test_a_key_added_taken_out_or_retyped_is_refused(samples, kind, path):
    sample = samples[kind]
    validator = _validator(kind)
    assert validator.is_valid(sample), kind
    assert isinstance(_at(sample, path), dict), f"{kind}: the sample has nothing at {path}"
    added = copy.deepcopy(sample)
    _at(added, path)["unexpected_key"] = 1
    assert not validator.is_valid(added), f"{kind} at {path}: a key not in the contract was accepted"
    for name in ALWAYS[kind][path].split():
        assert name in _at(sample, path), f"{kind} at {path}: the real output has no {name}"
        removed = copy.deepcopy(sample)
        del _at(removed, path)[name]
        assert not validator.is_valid(removed), f"{kind} at {path}: {name} taken out was accepted"
        retyped = copy.deepcopy(sample)
        _at(retyped, path)[name] = _other_type(_at(sample, path)[name])
        assert not validator.is_valid(retyped), f"{kind} at {path}: {name} of another type was accepted"


def test_every_kind_is_tested_for_strictness():
    from pathfit.engine.output_schemas import KINDS

    assert set(ALWAYS) == set(KINDS)


@pytest.mark.parametrize("kind, path, name, value", [
    ("decision", ("trace", "not_fired", 0), "status", "skipped"),
    ("decision", (), "confidence", 1.5),
    ("batch-row", (), "row", 1.5),
    ("batch-row", ("errors", 0), "code", "E1"),
    ("replay", (0,), "status", "same"),
    ("replay", (0,), "cause", "weather"),
    ("impact", ("counts", 0), "before", "3"),
    ("health", (), "status", "fine"),
    ("rules-list", ("rules", 0), "line", 0),
    ("rules-show", ("depends_on", 0), "depth", 0),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_value_outside_its_documented_range_is_refused(samples, kind, path, name, value):
    changed = copy.deepcopy(samples[kind])
    _at(changed, path)[name] = value
    assert not _validator(kind).is_valid(changed)


def test_a_failed_rule_without_its_condition_and_a_waiting_one_without_its_facts_are_refused(samples):
    decision = samples["decision"]
    by_status = {entry["status"]: i for i, entry in enumerate(decision["trace"]["not_fired"])}
    assert set(by_status) == {"failed", "waiting"}
    for status, name in (("failed", "condition"), ("waiting", "unknown")):
        changed = copy.deepcopy(decision)
        del changed["trace"]["not_fired"][by_status[status]][name]
        assert not _validator("decision").is_valid(changed), status
