"""`pathfit replay --id` with the audit key, of a record that comes after one whose seal does not
hold (a sealed subject forged, resealed, the log re-chained: PF630 at its line from `audit verify`
with the same key), gave no warning that the log does not verify and its summary did not say so,
where `audit show` and `report` with the same key say it: replay verified the chain alone, without
the seals. Now it checks every seal with the key as it verifies the log, as they do; the forged
record itself is still refused before anything is replayed (PF630, exit 2), its problem said once.
"""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli

from .hmac_records import copy_key, rechained
from .test_record_after_a_seal_that_fails_shown_as_vouched_for import FORGED_ID, LATER_ID, forge_subject


def run(*args, key):
    return CliRunner().invoke(cli, [*map(str, args)], env={"PATHFIT_AUDIT_KEY_FILE": str(key)})


def test_replay_of_a_record_after_a_forged_seal_warns_and_exits_1(tmp_path):
    log, key = rechained(tmp_path, forge_subject), copy_key(tmp_path)
    for fmt in ("text", "json"):
        result = run("replay", log, "--id", LATER_ID[:8], "--format", fmt, key=key)
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(f"warning: the log does not verify: {log}:1:1: PF630"), result.output
    assert result.stdout.startswith("[") and LATER_ID in result.stdout
    text = run("replay", log, "--id", LATER_ID[:8], key=key)
    assert text.stdout.rstrip().endswith("; the log does not verify"), text.output


def test_replay_of_the_forged_record_names_its_seal_once(tmp_path):
    log, key = rechained(tmp_path, forge_subject), copy_key(tmp_path)
    for args in ((), ("--id", FORGED_ID[:8])):
        result = run("replay", log, *args, key=key)
        assert result.exit_code == 2, result.output
        assert result.output.count(f"{log}:1:1: PF630") == 1, result.output
        assert result.stdout == ""
