"""Table-driven cases (tests/cases/*.yaml), run by one parametrized test, as OPA's test/cases.

Each case names a base rule set (`tiny`: tests/fixtures/tiny, or `bundled`),
files to add or replace in a copy of it (`files`, as text), files to remove,
the person's facts, and what must come out: an outcome (with optional fired
rules, formats, referral, missing facts, settled), or a list of located errors
(code, file, line, col). Error codes and positions are public API, so cases
assert them, never the prose.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from pathfit.engine import Engine, PathfitError
from pathfit.engine.pipeline.load import parse_yaml

HERE = Path(__file__).parent
ROOT = HERE.parent


def _cases():
    for path in sorted((HERE / "cases").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text())["cases"]:
            yield pytest.param(case, id=f"{path.stem}:{case['name']}")


def _build(case: dict, tmp: Path) -> Path:
    base = case.get("base", "tiny")
    if base == "bundled":
        shutil.copytree(ROOT / "rules", tmp / "rules")
        shutil.copy(ROOT / "knowledge_base.md", tmp / "knowledge_base.md")
        rules = tmp / "rules"
    else:
        rules = tmp / "rules"
        shutil.copytree(HERE / "fixtures" / base, rules)
    for name in case.get("remove", []):
        (rules / name).unlink()
    for name, text in (case.get("files") or {}).items():
        data = text.encode("utf-8").decode("unicode_escape").encode("latin-1") if case.get("escapes") else text.encode()
        (rules / name).write_bytes(data)
    return rules


@pytest.mark.parametrize("case", list(_cases()))
def test_case(case: dict, tmp_path: Path) -> None:
    rules = _build(case, tmp_path)
    expect = case["expect"]
    if "profile_text" in case:
        try:
            case["facts"] = parse_yaml(case["profile_text"], "profile.yaml", person=True)  # as a profile is read
        except PathfitError as err:  # refused while it is read (a control character, say)
            assert "errors" in expect, str(err)
            _assert_errors(err, expect["errors"])
            return
    if "errors" in expect and "facts" not in case:
        with pytest.raises(PathfitError) as info:
            Engine.load(rules)
        _assert_errors(info.value, expect["errors"])
        return
    with Engine.load(rules) as engine:
        if "errors" in expect:
            with pytest.raises(PathfitError) as info:
                engine.evaluate(case.get("facts"), label="profile.yaml")
            _assert_errors(info.value, expect["errors"])
            return
        decision = engine.evaluate(case.get("facts") or {})
    assert decision.outcome == expect["outcome"], decision.trace
    if "referral" in expect:
        assert decision.referral == expect["referral"]
    if "fired" in expect:
        assert sorted(decision.fired) == sorted(expect["fired"])
    if "order" in expect:
        assert list(decision.fired) == expect["order"]
    for rule in expect.get("fired_includes", []):
        assert rule in decision.fired
    for rule in expect.get("not_fired", []):
        assert rule not in decision.fired
    if "formats" in expect:
        assert list(decision.formats) == expect["formats"]
    if "missing" in expect:
        assert list(decision.missing) == expect["missing"]
    if "settled" in expect:
        assert decision.settled is expect["settled"]
    if "confidence" in expect:
        assert decision.confidence == pytest.approx(expect["confidence"], abs=1e-4)
    if "waiting" in expect:
        waiting = {e["rule"]: e["unknown"] for e in decision.trace["not_fired"] if e["status"] == "waiting"}
        assert waiting == expect["waiting"]
    if "failed" in expect:
        failed = {e["rule"]: e["condition"] for e in decision.trace["not_fired"] if e["status"] == "failed"}
        assert failed == expect["failed"]


def _assert_errors(err: PathfitError, expected: list[dict]) -> None:
    got = [{"code": p.code, "file": Path(p.pos.file).name if p.pos.file else "", "line": p.pos.line, "col": p.pos.col}
           for p in err.problems]
    want = [{"code": e["code"], "file": e["file"], "line": e["line"], "col": e["col"]} for e in expected]
    assert got == want, "\n".join(p.format() for p in err.problems)
