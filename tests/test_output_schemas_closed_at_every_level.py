"""Every output schema describes its output at every level, not only at the top: walking
real outputs of every command that has a schema, each object met at any depth is closed (a
key added to it is refused), each key in it that the code always writes is required (taken
out, refused), and each value has its type (replaced by one of another JSON type, refused).

The mutations are made from the outputs themselves, so a nested object the schema leaves as
a bare `{"type": "object"}` (as `audit show` once left a record's decision, outcome, rules,
ruleset, schema, versions and facts) is found wherever it is. What may be left out is listed
here apart from the schemas, from the code that writes each output (OPTIONAL): dropping
anything else must be refused, and dropping what is listed must be accepted. The outputs
include records of every version audit show reads: unsealed and sealed (version 3) records
shown with and without the audit key, a version 2 sealed record, masked records of version 1
written by pathfit 0.1.0, records with a sealed or a public subject, an operator and a batch
source, in a signed log, and a masked one with a ranking and a batch source; an `impact` row
invalid on one side (its `error`), a rule test report with warnings, a replay against rules
whose firings differ in every effect (matched facts, masked ones too, derived facts, formats, a
referral, not now) and of a log whose last line is cut short (not replayed), `audit verify
--repair`'s report of what it set aside, what-if's refused changes, an explanation with a refuted derived fact, `rules show` of `any` and `not`
conditions, and a sealed record whose contributions stay in clear. With these, each of the
output schemas' closed objects is met by some output here: opened alone, a key added to it is
accepted, and the test fails.

Regression (of this test): the key added was tried at the top of each output only, since the
parent object had marked each nested object's place as seen when it took that key out; an
object left open below the top (a decision's trace, a record's ruleset) was never caught."""
from __future__ import annotations

import asyncio
import json
import shutil
from fnmatch import fnmatchcase
from functools import lru_cache

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.audit.append import append
from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.record import build_record
from pathfit.engine.output_schemas import KINDS, load

from .audit_support import SENSITIVE_EXAMPLE, example_facts
from .helpers import HERE, ROOT, UNREADY_SLOW, VALUED, bundled_copy
from .hmac_records import rechained
from .serve_support import asgi_call, bundled_app  # bundled_app: the shared fixture
from .test_audit_clear_binding import as_version_2

EXAMPLE = ROOT / "examples" / "new-vp-wants-structure.yaml"  # firings, waiting rules and alternatives
HMAC = HERE / "fixtures" / "hmac-records"  # masked records of version 1, written by pathfit 0.1.0

# Patterns name a place in an output: `.key`, `#` for any item of a list, `{}` for any key of a
# map (an object keyed by names: facts, outcomes, rule ids, files), and for audit show the
# record's shape after the item's `#` in what is in the record (v1-plain, v1-masked, v2-sealed,
# v3-opened, ...).
_MAP_NAMES = {"facts", "scores", "evidence", "titles", "rules"}
_MAP_PATHS = ("ruleset.files", "versions.recorded", "evidence.before", "evidence.after")
# Values that are any JSON value by design: what replay found at a path of the decision.
_ANY = ("*.differences#.recorded", "*.differences#.now")

_EFFECTS = ("derived", "evidence", "suggest", "refer", "not_now")
_TRACE = (*(f"trace.firings#.{k}" for k in _EFFECTS), "trace.firings#.matched#.member")
# kind -> the keys the code writing the output leaves out of some outputs, as fnmatch patterns:
# written only where they apply (an effect a rule has, a batch source, a subject), absent from
# records made before pathfit wrote them (engine.audit.record_shape._LATER), or left out of a
# sealed record's clear part where a rule of the sensitive cone reaches them (sealing.public_decision).
# A key that is there only with a status (a failed rule's condition) is not listed: taken out of
# an entry with that status, it must be refused.
OPTIONAL = {
    "decision": set(_TRACE),
    "audit-show": {"#*.record.source", "#*.record.subject", "#*.record.ruleset.language", "#*.record.operator", "#.entry.in_batch",
                   "#.entry.sig", "#*.record.masking.facts.{}.values", "#*.record.subject.binds",
                   *(f"#*.record.decision.{k}" for k in ("confidence_open", "concluding_rules", "evidence_open",
                                                         "shares_open", "referral_label")),
                   "#v[12]-*.record.decision.label", "#v[12]-*.record.decision.ranking",
                   *(f"#v[23]-sealed.record.{k}" for k in ("decision.confidence", "decision.contributions",
                                                          "decision.formats", "decision.trace.scores",
                                                          "outcome.confidence", "outcome.formats")),
                   *(f"#*.record.decision.{k}" for k in _TRACE)},
    "explain": {"confidence_open", *(f"because#*.{k}" for k in (*_EFFECTS, "input", "derived_by", "refuted",
                                                                 "member"))},
    "batch-row": {"record_id"},
    "rules-list": {f"rules#.effects.{k}" for k in ("derive", "evidence", "suggest", "refer", "not_now")},
    "served-rules": {f"rules#.effects.{k}" for k in ("derive", "evidence", "suggest", "refer", "not_now")},
    "rules-show": {"depends_on", "depended_on_by",
                   *(f"rule.effects.{k}" for k in ("derive", "evidence", "suggest", "refer", "not_now"))},
}


@pytest.fixture(scope="module")
def _rule_set_cache(tmp_path_factory, bundled_app):
    """The CLI keeps the rule sets it loads in a cache folder of this module's own, so the
    commands run here on the same rule set read, validate and compile it once (a cached rule
    set gives the same output: tests/test_cache.py); the user's cache is never read or written.
    Set after bundled_app, which loads its own rule set with the cache off."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATHFIT_CACHE", "1")
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("rule-set-cache")))
        yield


def _run(*args, env=None, codes=(0,)) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env)
    assert result.exit_code in codes, (args, result.output)
    return result.stdout


def _json(*args, env=None, codes=(0,)):
    return json.loads(_run(*args, env=env, codes=codes))


@pytest.fixture(scope="module")
def samples(tmp_path_factory, bundled_app, _rule_set_cache) -> list[tuple[str, str, object]]:
    """(name, kind, output): real outputs of every kind, each made once for the module."""
    folder = tmp_path_factory.mktemp("closed")
    key, signing = folder / "audit.key", folder / "signing.key"
    _run("audit", "keygen", key)
    _run("audit", "keygen", "--signing", signing)
    env = {"PATHFIT_AUDIT_KEY_FILE": str(key), "PATHFIT_SIGNING_KEY_FILE": str(signing)}
    log, record = folder / "audit.jsonl", folder / "decision.json"
    _run("recommend", "--profile", EXAMPLE, "--audit-log", log, "--subject", "E1042", "--operator", "ops", env=env)
    _run("recommend", "--profile", SENSITIVE_EXAMPLE, "--audit-log", log, "--record", record, env=env)
    cohort, results = folder / "cohort.jsonl", folder / "results.jsonl"
    lines = (ROOT / "examples" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[:6]
    cohort.write_text("\n".join(lines) + '\n{"id": "bad", "goal_clarity": "specfic", "bogus": 1}\n', encoding="utf-8")
    _run("batch", cohort, "--out", results, "--audit-log", log, env=env, codes=(1,))
    public = bundled_copy(folder / "public")  # a policy whose subjects are public: the subject in clear
    (public / "policy.yaml").write_text((public / "policy.yaml").read_text() + "subject: public\n")
    (public / "schema.yaml").write_text((public / "schema.yaml").read_text() + "language: en-GB\n")  # ruleset.language
    older = folder / "older.jsonl"  # a version 2 sealed record beside a record with a public subject
    the_key = load_key(str(key))
    with Engine.load() as engine:
        append(older, as_version_2(build_record(engine, engine.evaluate(example_facts(SENSITIVE_EXAMPLE)),
                                                the_key, operator="ops"), the_key))
    _run("recommend", "--rules", public, "--profile", EXAMPLE, "--audit-log", older, "--subject", "E7", env=env)
    without = {"PATHFIT_AUDIT_KEY_FILE": ""}
    hmac_key = folder / "hmac.key"
    shutil.copy(HMAC / "audit.key", hmac_key)
    hmac_key.chmod(0o600)
    hmac_env = {"PATHFIT_AUDIT_KEY_FILE": str(hmac_key)}
    changed = bundled_copy(folder / "changed")
    coaching = changed / "coaching.yaml"
    coaching.write_text(coaching.read_text().replace("evidence: {coaching: 2}", "evidence: {coaching: 9}"))
    damaged = folder / "damaged.jsonl"
    damaged.write_bytes(log.read_bytes()[:-20])
    linted = bundled_copy(folder / "linted")
    text = (linted / "coaching.yaml").read_text()
    (linted / "coaching.yaml").write_text(text.replace("evidence: {coaching: 2}", "evidence: {coaching: 2.0}", 1)
                                          + "\n# trailing\n")
    (linted / "tests" / "odd.yaml").write_text(
        "cases:\n  - name: a case that fails\n    profile: {ready_for_change: no}\n"
        "    expect: {outcome: coaching, referral: null, formats: [team_coaching], fired: [coaching.team], "
        "not_fired: [not_now.not_ready]}\n")

    grown = bundled_copy(folder / "grown")  # a fact added: a row giving it is invalid (PF401) on the base's side
    schema = (grown / "schema.yaml").read_text()
    (grown / "schema.yaml").write_text(schema.replace("\nderived:", "\n  extra_flag:\n    type: bool\n"
                                                      "    question: Extra?\nderived:", 1))
    grown_cohort = folder / "grown.jsonl"
    grown_cohort.write_text("\n".join(lines) + '\n{"id": "new", "extra_flag": true}\n', encoding="utf-8")
    sparse = bundled_copy(folder / "sparse")  # one rule test: the rules it does not fire are warned of (PF812)
    for case_file in (sparse / "tests").glob("*.yaml"):
        case_file.unlink()
    (sparse / "tests" / "one.yaml").write_text((linted / "tests" / "odd.yaml").read_text())

    # a firing made again differently in every effect: matched facts, derived facts, formats, a referral, not now
    redone = bundled_copy(folder / "redone")
    for name, before, after in [
            ("judgements.yaml", "when: {fact: horizon_months, lte: 12}",
             "when: {all: [{fact: horizon_months, lte: 12}, {fact: aware_of_issue, equals: true}]}"),
            ("readiness.yaml", "then: {derive: [willing]}", "then: {derive: [willing, time_bound]}"),
            ("mentoring.yaml", "then: {suggest: [flag_sponsor_reports]}",
             "then: {suggest: [flag_sponsor_reports, external_coach]}"),
            ("coaching.yaml", "        - {fact: wants_challenge, equals: true}\n        - {fact: coaching_can_start, "
             "equals: true}\n    then: {evidence: {coaching: 1}}", "        - {fact: wants_challenge, equals: true}\n"
             "        - {fact: coaching_can_start, equals: true}\n    then: {evidence: {coaching: 1}, refer: training}"),
            ("coaching.yaml", "        - {fact: domain_experience_needed, equals: false}\n        - {fact: "
             "coaching_can_start, equals: true}\n    then: {evidence: {coaching: 1}}", "        - {fact: "
             "domain_experience_needed, equals: false}\n        - {fact: coaching_can_start, equals: true}\n"
             "    then: {evidence: {coaching: 1}, not_now: true}")]:
        text = (redone / name).read_text()
        assert text.count(before) == 1, (name, before)
        (redone / name).write_text(text.replace(before, after))
    shutil.copytree(HMAC / "ruleset", folder / "hmac-ruleset")  # a masked firing made again, other facts matched
    hmac_redone = folder / "hmac-ruleset" / "rules"
    text = (hmac_redone / "coaching.yaml").read_text()
    (hmac_redone / "coaching.yaml").write_text(text.replace(
        "        - {fact: budget_external_coach, equals: true}\n    then: {suggest: [external_coach]}",
        "        - {fact: budget_external_coach, equals: true}\n        - {fact: mentor_available, equals: true}\n"
        "    then: {suggest: [external_coach]}", 1))
    repaired = folder / "repaired.jsonl"  # an append cut short mid-line, set aside by --repair
    repaired.write_bytes(damaged.read_bytes())
    tiny_log = folder / "tiny.jsonl"  # a sealed record whose contributions no sensitive fact reaches: in clear
    _run("recommend", "--rules", HERE / "fixtures" / "tiny", "--fact", "goal=specific", "--fact", "needs=skill",
         "--fact", "secret=true", "--audit-log", tiny_log, env=env)
    def ranked_row(record: dict) -> dict:  # a masked record with a ranking and a batch source, which 0.1.0's lack
        from pathfit.engine.audit.record import seal

        record["decision"]["ranking"] = [{"outcome": "mentoring", "label": "Mentoring", "score": 7.5, "exact": "15/2"},
                                         {"outcome": "coaching", "label": "Coaching", "score": 4.0, "exact": "4"}]
        record["source"] = {"input": "cohort.jsonl", "row": 1, "id": "p1"}
        return seal(record)

    (folder / "masked-row").mkdir()
    masked_row = rechained(folder / "masked-row", ranked_row)
    refusing = folder / "refusing"  # a changed person the engine refuses (PF231): what-if's `refused`
    shutil.copytree(VALUED, refusing)
    with open(refusing / "rules.yaml", "a", encoding="utf-8") as f:
        f.write(UNREADY_SLOW)

    def served(method: str, path: str, body=None):
        return asyncio.run(asgi_call(bundled_app, method, path, body)).json

    explain = ("explain", "--profile", EXAMPLE, "--format", "json")
    out = [
        ("recommend", "decision", _json("recommend", "--profile", EXAMPLE, "--format", "json")),
        ("recommend sensitive", "decision", _json("recommend", "--profile", SENSITIVE_EXAMPLE, "--format", "json")),
        ("explain", "explain", _json(*explain)),
        ("why-not", "why-not", _json(*explain, "--why-not", "mentoring")),
        ("what-if", "what-if", _json(*explain, "--what-if")),
        ("show opened", "audit-show", _json("audit", "show", log, "--format", "json", env=env)),
        ("show sealed", "audit-show", _json("audit", "show", log, "--format", "json", env=without)),
        ("show version 2 opened", "audit-show", _json("audit", "show", older, "--format", "json", env=env)),
        ("show version 2 sealed", "audit-show", _json("audit", "show", older, "--format", "json", env=without)),
        ("show record file", "audit-show", _json("audit", "show", record, "--format", "json", env=env)),
        ("show masked", "audit-show", _json("audit", "show", HMAC / "audit.jsonl", "--format", "json", env=hmac_env)),
        ("show masked row", "audit-show", _json("audit", "show", masked_row, "--format", "json", env=hmac_env)),
        ("replay", "replay", _json("replay", log, "--format", "json", env=env)),
        ("replay differs", "replay", _json("replay", log, "--rules", changed, "--format", "json", env=env,
                                           codes=(1,))),
        ("replay masked", "replay", _json("replay", HMAC / "audit.jsonl", "--rules", HMAC / "ruleset" / "rules",
                                          "--format", "json", env=hmac_env, codes=(0, 1))),
        ("verify", "audit-verify", _json("audit", "verify", log, "--public-key", f"{signing}.pub", "--format", "json",
                                         env=env)),
        ("verify damaged", "audit-verify", _json("audit", "verify", damaged, "--format", "json", env=env, codes=(1,))),
        ("replay damaged", "replay", _json("replay", damaged, "--format", "json", env=env, codes=(1,))),
        ("verify record", "audit-verify", _json("audit", "verify", record, "--format", "json", env=env)),
        ("lint", "lint", _json("lint", "--rules", linted, "--format", "json", codes=(0, 1))),
        ("test", "test-report", _json("test", linted, "--format", "json", "--min-coverage", "100", codes=(1,))),
        ("impact", "impact", _json("impact", "--base", ROOT / "rules", "--rules", changed, "--profiles",
                                   ROOT / "examples" / "corpus.jsonl", "--format", "json")),
        ("lint warned", "lint", _json("lint", "--rules", grown, "--format", "json")),  # PF708: extra_flag unread
        ("test warned", "test-report", _json("test", sparse, "--format", "json", codes=(1,))),
        ("impact invalid row", "impact", _json("impact", "--base", ROOT / "rules", "--rules", grown, "--profiles",
                                               grown_cohort, "--format", "json", "--all")),
        ("rules list", "rules-list", _json("rules", "list", "--format", "json")),
        ("rules show", "rules-show", _json("rules", "show", "judge.relationship_fit", "--deps", "--format", "json")),
        ("rules show any", "rules-show", _json("rules", "show", "judge.willing", "--format", "json")),
        ("rules show not", "rules-show", _json("rules", "show", "refer.expert_answer", "--format", "json")),
        ("what-if refused", "what-if", _json("explain", "--rules", refusing, "--fact", "goal=specific", "--fact",
                                             "hours=4", "--fact", "ready=true", "--what-if", "--format", "json")),
        ("explain refuted", "explain", _json("explain", "--profile", ROOT / "examples" /
                                             "graduate-seeking-career-direction.yaml", "--format", "json")),
        ("replay redone", "replay", _json("replay", log, "--rules", redone, "--format", "json", env=env, codes=(1,))),
        ("replay masked redone", "replay", _json("replay", HMAC / "audit.jsonl", "--rules", hmac_redone,
                                                 "--format", "json", env=hmac_env, codes=(1,))),
        ("verify repaired", "audit-verify", _json("audit", "verify", repaired, "--repair", "--format", "json",
                                                  env=env)),
        ("show clear contributions", "audit-show", _json("audit", "show", tiny_log, "--format", "json",
                                                         env=without)),
        ("served rules", "served-rules", served("GET", "/v1/rules")),
        ("health", "health", served("GET", "/healthz")),
        ("refusal", "errors", served("POST", "/v1/decisions", {"facts": {"goal_clarity": "specfic", "nope": 1}})),
    ]
    out += [(f"batch row {i}", "batch-row", json.loads(line))
            for i, line in enumerate(results.read_text(encoding="utf-8").splitlines())]
    return out


@lru_cache(maxsize=None)
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(load(kind))


def _matches(pattern: str, globs) -> bool:
    return any(fnmatchcase(pattern, g) for g in globs)


def _keyed(pattern: str) -> bool:
    return (pattern.rsplit(".", 1)[-1] in _MAP_NAMES and not pattern.endswith("diff.evidence")
            or pattern.endswith(_MAP_PATHS))


def _shape(item: dict) -> str:
    """An audit show item's record shape: its version and how it keeps sensitive facts."""
    record = item.get("record") or {}
    masking = record.get("masking")
    how = ("plain" if masking is None else "masked" if masking.get("scheme") == "hmac-sha256"
           else "opened" if "masked" in masking else "sealed")
    return f"v{record.get('record_version')}-{how}"


def _objects(value, path=(), pattern=""):
    """Every object in `value` at any depth, with its path and pattern, outside the any-value places."""
    if _matches(pattern, _ANY):
        return
    if isinstance(value, dict):
        yield path, pattern
        keyed = _keyed(pattern)
        for k, v in value.items():
            yield from _objects(v, path + (k,), f"{pattern}.{'{}' if keyed else k}".lstrip("."))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _objects(v, path + (i,), f"{pattern}#")


def _pruned(value, path: tuple, pattern: str = "", on_path: bool = True):
    """`value` with every list cut to one item and every map to one name: the one on `path`,
    else the first; the object at the end of `path` keeps all its keys. And `path` in the
    copy. The schemas judge each item and each named entry alone, so what a mutation at
    `path` does to validity is unchanged, and checking it is quick however long the trace."""
    head = path[0] if path else None
    if isinstance(value, dict):
        keyed = _keyed(pattern) and not (on_path and not path)
        out = {}
        for k, v in value.items():
            below = f"{pattern}.{'{}' if _keyed(pattern) else k}"
            if k == head and on_path:
                out[k], rest = _pruned(v, path[1:], below)
                path = (k, *rest)
            elif not keyed or not out and head not in value:
                out[k] = _pruned(v, (), below, False)[0]
        return out, path
    if isinstance(value, list):
        if path and on_path:
            item, rest = _pruned(value[head], path[1:], f"{pattern}#")
            return [item], (0, *rest)
        return [_pruned(value[0], (), f"{pattern}#", False)[0]] if value else [], ()
    return value, path


def _at(value, path):
    for step in path:
        value = value[step]
    return value


def _mutations(kind: str, output, seen: set):
    """(what, pattern, mutated, whether the schema must accept it): a key added to every
    object, every key taken out and given another type, and a list's item given another
    type, once per pattern of `seen`."""
    shaped = kind == "audit-show"
    for path, pattern in _objects(output):
        if shaped and path[1:2] == ("record",):  # the record's shape decides what it holds
            pattern = f"#{_shape(output[path[0]])}" + pattern[1:]
        keyed = _keyed(pattern)
        # apart from the keys' names, which the parent object adds; once per set of keys an object at
        # this place has, as objects of two shapes can share it (audit verify's log and record verdicts)
        shape = ("added", pattern, () if keyed else tuple(sorted(_at(output, path))))
        if shape not in seen:
            seen.add(shape)
            added, at = _pruned(output, path)
            _at(added, at)["zz_not_in_the_contract"] = {"unexpected": True}
            yield f"a key added at {pattern or 'the top'}", pattern, added, False
        for k, v in _at(output, path).items():
            name = f"{pattern}.{'{}' if keyed else k}".lstrip(".")
            if _matches(name, _ANY):
                continue
            if isinstance(v, list) and v and f"{name}#" not in seen:
                seen.add(f"{name}#")
                other, at = _pruned(output, path)  # the first item kept: the list's items are typed too
                _at(other, at)[k][0] = "text" if isinstance(v[0], dict) else {"unexpected": True}
                yield f"an item of {name} of another type", f"{name}#", other, False
            if name in seen:
                continue
            seen.add(name)
            dropped, at = _pruned(output, path)
            del _at(dropped, at)[k]
            yield f"{name} taken out", name, dropped, keyed or _matches(name, OPTIONAL.get(kind, ()))
            retyped, at = _pruned(output, path)  # no place takes both an object and a list of objects
            _at(retyped, at)[k] = [{"unexpected": True}] if isinstance(v, dict) else {"unexpected": True}
            yield f"{name} of another type", name, retyped, False


def test_every_kind_and_every_record_shape_has_real_outputs_here(samples):
    assert {kind for _, kind, _ in samples} == set(KINDS)
    shapes = {_shape(item) for _, kind, output in samples if kind == "audit-show" for item in output}
    assert shapes == {"v1-plain", "v1-masked", "v2-sealed", "v2-opened", "v3-sealed", "v3-opened"}


def test_every_object_in_every_output_is_closed_complete_and_typed(samples):
    wrong, seen = [], {kind: set() for kind in KINDS}
    for name, kind, output in samples:
        validator = _validator(kind)
        errors = [e.message[:200] for e in validator.iter_errors(output)]
        assert not errors, f"{name}: the real output is invalid: {errors[:3]}"
        for what, _, mutated, accepted in _mutations(kind, output, seen[kind]):
            if validator.is_valid(mutated) != accepted:
                wrong.append(f"{name}: {what} was {'refused' if accepted else 'accepted'}")
    assert not wrong, "\n".join(wrong[:40]) + f"\n({len(wrong)} in all)"
