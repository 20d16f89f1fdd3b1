"""Bad input and faults: only a decision or a located PathfitError, never another
exception, a hang, a crash of the interpreter, or anything executed."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.pipeline.load import MAX_BYTES, MAX_DEPTH, parse_yaml
from pathfit.engine.safe_text import has_controls

from .helpers import HERE, ROOT

TINY = HERE / "fixtures" / "tiny"


def _load_with(tmp_path: Path, name: str, data: bytes) -> PathfitError | None:
    rules = tmp_path / "rules"
    shutil.copytree(TINY, rules, dirs_exist_ok=True)
    (rules / name).write_bytes(data)
    try:
        Engine.load(rules).close()
    except PathfitError as err:
        return err
    return None


def test_billion_laughs_is_refused_without_expanding(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    err = _load_with(tmp_path, "bomb.yaml", ("\n".join(lines) + "\nrules: []\n").encode())
    assert err is not None and set(err.codes) == {"PF104"}


def test_file_size_is_bounded_before_parsing(tmp_path):
    err = _load_with(tmp_path, "big.yaml", b"rules: []\n" + b"# padding\n" * (MAX_BYTES // 10 + 1))
    assert err.codes == ["PF106"]


def test_deep_block_nesting_is_refused(tmp_path):
    text = "".join(f"{'  ' * i}k{i}:\n" for i in range(200)) + "  " * 200 + "end\n"
    err = _load_with(tmp_path, "deep.yaml", text.encode())
    assert err.codes == ["PF107"]
    assert err.problems[0].pos.line == MAX_DEPTH + 2


def test_fifty_thousand_brackets_do_not_reach_libyaml(tmp_path):
    err = _load_with(tmp_path, "brackets.yaml", b"rules: " + b"[" * 50_000 + b"]" * 50_000 + b"\n")
    assert err.codes == ["PF107"]


def test_control_characters_are_refused(tmp_path):
    err = _load_with(tmp_path, "ctl.yaml", b"rules: []\n# bell \x07 here\n")
    assert err.codes == ["PF101"] and err.problems[0].pos.line == 2


def test_python_tags_never_execute(tmp_path):
    marker = tmp_path / "executed"
    payloads = [
        f'rules: !!python/object/apply:os.system ["touch {marker}"]',
        f'rules: !!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
        'rules: !!python/name:os.system ""',
        "rules: !!binary aGVsbG8=",
    ]
    for text in payloads:
        err = _load_with(tmp_path, "evil.yaml", text.encode())
        assert err.codes == ["PF103"]
    assert not marker.exists()


def test_huge_strings_in_a_profile_are_reported_briefly():
    with Engine.load(TINY) as engine:
        for profile in ({"goal": "x" * 5_000_000}, {"x" * 1_000_000: 1}, {"needs": ["y" * 1_000_000]}):
            try:
                engine.evaluate(profile)
            except PathfitError as err:
                assert len(str(err)) < 1000
            else:
                raise AssertionError("a huge value was accepted")


def test_huge_fact_on_the_command_line():
    result = CliRunner().invoke(cli, ["recommend", "--fact", "goal_clarity=" + "z" * 2_000_000])
    assert result.exit_code == 2 and len(result.stderr) < 1000 and "PF403" in result.stderr


_fragments = st.sampled_from([
    "rules:", "  - id: x.a", "    reason: r", "    cites: [focus]", "    when: {fact: goal, equals: specific}",
    "    then: {evidence: {coaching: 1}}", "    then: {derive: [structured]}", "    when: {not: {fact: structured}}",
    "&a [1]", "*a", "<<: *a", "!!python/object:os.system", "- [", "{", "}", "]", "'", '"', "? x", ": y",
    "\t", "key: value", "1: one", "true: t", "no", "012", "2024-01-01", ".nan", "~", "---", "...", "%YAML 1.1",
    "\x00", "\xe9", "\ufeff", "    " * 20, "x" * 300,
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_fragments, max_size=25), raw=st.binary(max_size=200))
def test_fuzzed_rule_files_give_a_rule_set_or_located_errors(tmp_path, lines, raw):
    for data in ("\n".join(lines).encode("utf-8", "surrogatepass"), raw):
        err = _load_with(tmp_path, "fuzz.yaml", data)
        if err is not None:
            assert err.problems and all(p.code.startswith("PF") for p in err.problems)
            assert all(p.pos.file for p in err.problems)


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
                    max_leaves=20))
def test_fuzzed_profiles_give_a_decision_or_located_errors(value):
    engine = _ENGINE
    try:
        decision = engine.evaluate(value)
    except PathfitError as err:  # a fact's problem; PF101 for a control character, as in a profile file, and only then
        assert err.problems and all(p.code.startswith("PF4") or p.code == "PF101" and _holds_control(value)
                                    for p in err.problems)
    else:
        assert decision.outcome in ("coaching", "mentoring", "blended", "refer", "not_now", "undetermined")


def _holds_control(value) -> bool:
    """Whether a text in `value` (a key, a value, an item) holds a control character."""
    if isinstance(value, dict):
        return any(_holds_control(k) or _holds_control(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_control(v) for v in value)
    return isinstance(value, str) and has_controls(value) is not None


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_fuzzed_profile_text_never_raises_anything_else(text):
    try:
        doc = parse_yaml(text, "p.yaml")
        _ENGINE.evaluate(doc)
    except PathfitError as err:
        assert err.problems


_ENGINE = Engine.load()


def test_cli_profile_garbage_exits_2_without_traceback(tmp_path):
    for data in (b"\xff\xfe\x00garbage", b"{" * 100, b"goal_clarity: [1, 2", json.dumps([1, 2]).encode(), b""):
        path = tmp_path / "p.yaml"
        path.write_bytes(data)
        done = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "recommend", "--profile", str(path)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, (data, done.stderr)
        assert "Traceback" not in done.stderr and done.stdout == ""
        assert f"{path}:" in done.stderr
