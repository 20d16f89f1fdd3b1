"""`impact` when only the order of policy.yaml's `formats:` changed: recommend lists a decision's
formats in the policy's order, so the list a person is shown did change, but the same formats
are suggested. The row said `formats: A, B -> B, A` as if the formats had changed; it now says
`(order only)`, and the JSON row says `"formats_changed": "order"` (`"members"` where the
formats themselves differ), so text and JSON tell the two apart."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.authoring.impact import compare

from .helpers import tiny_copy

PEER = [{"id": "x.peer", "reason": "Broad development suits peers.", "cites": ["focus"],
         "when": {"fact": "broad", "equals": True}, "then": {"suggest": ["peer_mentoring"]}}]
FORMATS = ("  external_coach: {for: [coaching, blended]}\n"
           "  peer_mentoring: {for: [mentoring, blended]}\n")
SWAPPED = ("  peer_mentoring: {for: [mentoring, blended]}\n"
           "  external_coach: {for: [coaching, blended]}\n")
NO_PEER_FOR_BLENDED = ("  external_coach: {for: [coaching, blended]}\n"
                       "  peer_mentoring: {for: [mentoring]}\n")
BLENDED = {"id": "c", "needs": ["network", "skill"], "goal": "specific"}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(BLENDED) + "\n")
    return path


def _versions(tmp_path: Path, formats: str) -> tuple[Path, Path]:
    base = tiny_copy(tmp_path / "base", PEER)
    new = tiny_copy(tmp_path / "new", PEER)
    policy = (new / "policy.yaml").read_text()
    assert FORMATS in policy
    (new / "policy.yaml").write_text(policy.replace(FORMATS, formats))
    return base, new


def test_formats_in_another_order_are_an_order_only_change(tmp_path, corpus):
    base, new = _versions(tmp_path, SWAPPED)
    with Engine.load(base) as before, Engine.load(new) as after:
        row, = compare(before, after, corpus).rows
    assert (row.before.label, row.before.formats, row.after.formats) == \
        ("blended", ("external_coach", "peer_mentoring"), ("peer_mentoring", "external_coach"))
    assert row.changed and not row.decision_changed and row.formats_changed == "order"
    args = ["impact", "--base", str(base), "--rules", str(new), "--profiles", str(corpus), "--all"]
    text = CliRunner().invoke(cli, args, catch_exceptions=False).stdout
    assert "  row 1, id c (line 1): blended -> blended\n" \
           "    formats: external_coach, peer_mentoring -> peer_mentoring, external_coach (order only)\n" in text
    data = json.loads(CliRunner().invoke(cli, args + ["--format", "json"], catch_exceptions=False).stdout)
    assert [(r["id"], r["formats_changed"]) for r in data["firing_changed"]] == [("c", "order")]


def test_formats_that_differ_are_a_members_change(tmp_path, corpus):
    base, new = _versions(tmp_path, NO_PEER_FOR_BLENDED)
    with Engine.load(base) as before, Engine.load(new) as after:
        row, = compare(before, after, corpus).rows
    assert row.after.formats == ("external_coach",) and row.formats_changed == "members"
    args = ["impact", "--base", str(base), "--rules", str(new), "--profiles", str(corpus), "--all"]
    text = CliRunner().invoke(cli, args, catch_exceptions=False).stdout
    assert "    formats: external_coach, peer_mentoring -> external_coach\n" in text
    data = json.loads(CliRunner().invoke(cli, args + ["--format", "json"], catch_exceptions=False).stdout)
    assert [(r["id"], r["formats_changed"]) for r in data["firing_changed"]] == [("c", "members")]


def test_unchanged_formats_are_no_change(tmp_path, corpus):
    base, new = _versions(tmp_path, FORMATS)
    with Engine.load(base) as before, Engine.load(new) as after:
        row, = compare(before, after, corpus).rows
    assert row.formats_changed is None and not row.changed


def test_a_format_swapped_for_another_is_a_members_change_not_order(tmp_path, corpus):
    """As many formats before as after, one of them another: the formats suggested changed."""
    group = [{**PEER[0], "id": "x.group", "then": {"suggest": ["group_sessions"]}}]
    formats = FORMATS + "  group_sessions: {for: [blended]}\n"
    base, new = tiny_copy(tmp_path / "base", PEER), tiny_copy(tmp_path / "new", group)
    for version in (base, new):
        policy = (version / "policy.yaml").read_text()
        (version / "policy.yaml").write_text(policy.replace(FORMATS, formats))
    with Engine.load(base) as before, Engine.load(new) as after:
        row, = compare(before, after, corpus).rows
    assert (row.before.formats, row.after.formats) == \
        (("external_coach", "peer_mentoring"), ("external_coach", "group_sessions"))
    assert row.formats_changed == "members"
    args = ["impact", "--base", str(base), "--rules", str(new), "--profiles", str(corpus), "--all"]
    text = CliRunner().invoke(cli, args, catch_exceptions=False).stdout
    assert "    formats: external_coach, peer_mentoring -> external_coach, group_sessions\n" in text
    data = json.loads(CliRunner().invoke(cli, args + ["--format", "json"], catch_exceptions=False).stdout)
    assert [(r["id"], r["formats_changed"]) for r in data["firing_changed"]] == [("c", "members")]
