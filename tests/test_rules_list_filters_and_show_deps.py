"""`pathfit rules list --reads/--through/--gives/--cites` and `rules show --deps` answer as
the rule files say: each answer is checked against a plain reading of the files' YAML (the
facts each rule's `when` names, what its `then` gives, what it cites, closed under
derivation by a fixed point written here), never against the rule set's own indexes, on the
bundled rules, the valued-fact fixture and generated rule sets with chains of derived facts.
A name the rule set does not have is PF634 at its option, with a hint; exit 2, nothing on stdout.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathfit.cli.main import cli

from .helpers import HERE, ROOT
from .small_rulesets import policy

RULE_SETS = [ROOT / "rules", HERE / "fixtures" / "valued"]


pytestmark = pytest.mark.usefixtures("module_rule_set_cache", "rule_set_cache_of_the_module")


def run(*args, codes=(0,)):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code in codes, (args, result.output)
    return result


def listed(rules: Path, *args) -> list[str]:
    return [r["id"] for r in json.loads(run("rules", "list", "--rules", rules, *args, "--format", "json").stdout)["rules"]]


class Reference:
    """The rule set as its YAML files say, read with no pathfit code."""

    def __init__(self, rules: Path):
        schema = yaml.safe_load((rules / "schema.yaml").read_text())
        self.policy = yaml.safe_load((rules / "policy.yaml").read_text())
        derived = schema.get("derived") or {}
        self.inputs = set(schema.get("facts") or {})
        self.valued = {name: spec["values"] for name, spec in derived.items() if spec and spec.get("values")}
        self.facts = {**{name: (name,) for name in (schema.get("facts") or {})},
                      **{name: (name,) for name in derived if name not in self.valued},
                      **{name: tuple(f"{name}={v}" for v in vs) for name, vs in self.valued.items()},
                      **{f"{name}={v}": (f"{name}={v}",) for name, vs in self.valued.items() for v in vs}}
        self.rules = {}
        for path in sorted(rules.glob("*.yaml")):
            if path.name not in ("schema.yaml", "policy.yaml"):
                for rule in (yaml.safe_load(path.read_text()) or {}).get("rules") or []:
                    self.rules[rule["id"]] = rule
        self.reads = {rid: self._reads(rule["when"]) for rid, rule in self.rules.items()}
        self.derives = {rid: self._derives(rule["then"]) for rid, rule in self.rules.items()}

    def _reads(self, cond) -> set[str]:
        if "fact" in cond:
            fact = cond["fact"]
            if fact in self.valued:
                values = next(v for k, v in cond.items() if k in ("equals", "one_of", "not_one_of"))
                return {f"{fact}={v}" for v in (values if isinstance(values, list) else [values])}
            return {fact}
        if "not" in cond:
            return self._reads(cond["not"])
        return set().union(*(self._reads(c) for c in cond.get("all", cond.get("any", []))))

    @staticmethod
    def _derives(then) -> set[str]:
        derive = then.get("derive") or []
        if isinstance(derive, dict):
            return {k if v is True else f"{k}={v}" for k, v in derive.items()}
        return set(derive)

    def reading(self, fact: str, through: bool) -> set[str]:
        carried = set(self.facts[fact])
        while True:
            readers = {rid for rid, read in self.reads.items() if read & carried}
            more = set().union(*(self.derives[rid] for rid in readers)) if through else set()
            if more <= carried:
                return readers
            carried |= more

    def closure(self, start: str, upstream: bool) -> dict[str, int]:
        """rule -> its distance from `start`, by breadth-first search over fact links."""
        def step(a: str, b: str) -> bool:  # b is one link from a
            return bool(self.reads[a] & self.derives[b]) if upstream else bool(self.derives[a] & self.reads[b])
        depth, frontier, found = 0, {start}, {}
        while frontier:
            depth += 1
            frontier = {b for a in frontier for b in self.rules if step(a, b)} - set(found) - {start}
            found.update({b: depth for b in frontier})
        return found

    def gives(self, name: str) -> set[str]:
        out = set()
        for rid, rule in self.rules.items():
            then = rule["then"]
            if (name in (then.get("evidence") or {}) or then.get("refer") == name or name in (then.get("suggest") or [])
                    or (name == "refer" and then.get("refer")) or (name == "not_now" and then.get("not_now"))
                    or (name in self.facts and set(self.facts[name]) & self.derives[rid])):
                out.add(rid)
        return out

    def outcome_names(self) -> list[str]:
        p = self.policy
        referrals = [r["name"] if isinstance(r, dict) else r for r in p["referrals"]]  # a name, or {name, label}
        return sorted({*p["evidence_outcomes"], *referrals, *p.get("formats", {}), "refer", "not_now",
                       *(set(self.facts) - self.inputs)})


@pytest.fixture(scope="module", params=RULE_SETS, ids=lambda p: p.name)
def ruleset(request):
    return request.param, Reference(request.param)


def test_reads_lists_the_rules_whose_condition_names_the_fact_and_through_what_it_carries(ruleset):
    rules, ref = ruleset
    assert any(ref.reading(f, True) != ref.reading(f, False) for f in ref.facts)  # --through is tested at work
    for fact in ref.facts:
        assert listed(rules, "--reads", fact) == sorted(ref.reading(fact, False)), fact
        assert listed(rules, "--reads", fact, "--through") == sorted(ref.reading(fact, True)), fact


def test_gives_and_cites_list_the_rules_whose_then_and_cites_say_so(ruleset):
    rules, ref = ruleset
    for name in ref.outcome_names():
        assert listed(rules, "--gives", name) == sorted(ref.gives(name)), name
    sections = sorted({c for rule in ref.rules.values() for c in rule.get("cites", [])})
    for section in sections:
        expected = sorted(rid for rid, rule in ref.rules.items() if section in rule.get("cites", []))
        assert listed(rules, "--cites", section) == expected == listed(rules, "--cites", f"kb#{section}")


def test_filters_given_together_keep_the_rules_meeting_every_one(ruleset):
    rules, ref = ruleset
    fact = max(ref.facts, key=lambda f: len(ref.reading(f, True)))
    outcome = ref.policy["evidence_outcomes"][1]
    section = sorted({c for rule in ref.rules.values() for c in rule.get("cites", [])})[0]
    both = ref.reading(fact, True) & ref.gives(outcome)
    assert listed(rules, "--reads", fact, "--through", "--gives", outcome) == sorted(both)
    cited = {rid for rid, rule in ref.rules.items() if section in rule.get("cites", [])}
    assert listed(rules, "--reads", fact, "--through", "--gives", outcome, "--cites", section) == sorted(both & cited)
    assert listed(rules) == sorted(ref.rules)


def check_deps(rules: Path, ref: Reference) -> None:
    for rid in ref.rules:
        shown = json.loads(run("rules", "show", rid, "--rules", rules, "--deps", "--format", "json").stdout)
        for key, upstream in (("depends_on", True), ("depended_on_by", False)):
            expected = ref.closure(rid, upstream)
            links = shown[key]
            assert {k["rule"]: k["depth"] for k in links} == expected, (rid, key)
            depth_of = {**expected, rid: 0}
            for k in links:
                assert depth_of[k["linked_to"]] == k["depth"] - 1, (rid, k)
                source, reader = (k["rule"], k["linked_to"]) if upstream else (k["linked_to"], k["rule"])
                assert k["fact"] in ref.derives[source] & ref.reads[reader], (rid, k)


def test_show_deps_gives_every_rule_each_side_depends_through_with_the_linking_fact(ruleset):
    rules, ref = ruleset
    assert any(ref.closure(rid, True) and max(ref.closure(rid, True).values()) > 1 for rid in ref.rules) \
        or rules.name == "valued"  # the bundled rules have chains of more than one step
    check_deps(rules, ref)


def test_show_deps_as_text_names_both_sides_and_each_link():
    out = run("rules", "show", "judge.relationship_fit", "--deps").stdout
    assert "depends on:\n  judge.long_horizon  (derives long_horizon, read by judge.relationship_fit)\n" in out
    assert "depended on by:\n  mentoring.relationship_fit  (reads relationship_fit, derived by" in out


CHAIN = ("d0", "d1", "d2")


@st.composite
def chained(draw) -> dict:
    """Rules over inputs a, b, c and derived d0 < d1 < d2: a rule deriving d_j reads only
    d_k with k < j, so derivation never cycles; evidence, referrals and citations vary."""
    rules = []
    for i in range(draw(st.integers(2, 8))):
        level = draw(st.integers(0, len(CHAIN)))  # len(CHAIN): derives nothing
        facts = ["a", "b", "c", *CHAIN[:level]]
        leaves = draw(st.lists(st.sampled_from(facts), min_size=1, max_size=3))
        cmps = [{"fact": f, "equals": "x"} if f == "c" else {"fact": f, "equals": draw(st.booleans())} for f in leaves]
        when = cmps[0] if len(cmps) == 1 else {draw(st.sampled_from(["all", "any"])): cmps}
        if draw(st.booleans()):
            when = {"not": when}
        then = {"derive": [CHAIN[level]]} if level < len(CHAIN) else \
            draw(st.sampled_from([{"evidence": {"coaching": 1}}, {"evidence": {"mentoring": 0.5}},
                                  {"refer": "counselling"}, {"not_now": True}]))
        rules.append({"id": f"r{i}", "reason": f"rule {i}", "cites": draw(st.sampled_from([["s"], ["t"], ["s", "t"]])),
                      "when": when, "then": then})
    return {"rules": rules}


def write(directory: Path, spec: dict) -> Path:
    schema = {"ruleset": "chained", "knowledge_base": "kb.md",
              "facts": {"a": {"type": "bool", "question": "a?"}, "b": {"type": "bool", "question": "b?"},
                        "c": {"type": "enum", "values": ["x", "y"], "question": "c?"}},
              "derived": {d: {"description": d} for d in CHAIN}}
    for name, doc in (("schema.yaml", schema), ("policy.yaml", policy(0.3, 0.3, 1.5)), ("rules.yaml", spec)):
        (directory / name).write_text(yaml.safe_dump(doc, sort_keys=False))
    (directory / "kb.md").write_text('# kb\n\n## S <a id="s"></a>\n\n## T <a id="t"></a>\n')
    return directory


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chained())
def test_generated_rule_sets_answer_as_their_files_say(spec):
    with tempfile.TemporaryDirectory() as folder:
        rules = write(Path(folder), spec)
        ref = Reference(rules)
        for fact in ref.facts:
            assert listed(rules, "--reads", fact) == sorted(ref.reading(fact, False)), fact
            assert listed(rules, "--reads", fact, "--through") == sorted(ref.reading(fact, True)), fact
        for name in ("coaching", "mentoring", "counselling", "refer", "not_now", *CHAIN):
            assert listed(rules, "--gives", name) == sorted(ref.gives(name)), name
        check_deps(rules, ref)


@pytest.mark.parametrize("args, option, hint", [
    (["--reads", "hours_per_mont"], "--reads", "hours_per_month"),
    (["--gives", "mentorng"], "--gives", "mentoring"),
    (["--cites", "kb#choose-mentorin"], "--cites", "choose-mentoring"),
])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_name_the_rule_set_does_not_have_is_pf634_at_its_option_with_a_hint(args, option, hint, fmt):
    result = run("rules", "list", *args, "--format", fmt, codes=(2,))
    assert result.stdout == ""
    assert result.stderr.startswith(f"{option}:0:0: PF634: ") and f"(did you mean '{hint}'?)" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_unknown_name_is_reported_at_once_and_through_needs_reads():
    result = run("rules", "list", "--reads", "nope", "--gives", "nope", "--cites", "nope", codes=(2,))
    assert [line.split(": ")[0:2] for line in result.stderr.splitlines()] == \
        [["--cites:0:0", "PF634"], ["--gives:0:0", "PF634"], ["--reads:0:0", "PF634"]]
    result = run("rules", "list", "--through", codes=(2,))
    assert result.stdout == "" and result.stderr.startswith("--through:0:0: PF613: ")
