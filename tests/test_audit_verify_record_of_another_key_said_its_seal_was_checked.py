"""`audit verify RECORD` with an audit key other than the one the record was sealed (or masked)
with said, in `--format json`, `"seal_checked": true`, and in text "the record's seal does not
hold": neither is true, the key given cannot try the seal, so it was not checked, as a log's
verify counts such a record "NOT checked: sealed with another key". The problem stays PF611,
exit status 1 and `intact` false; `seal_checked` is false and the text says the seal was not
checked."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli

from .audit_support import SENSITIVE_EXAMPLE, keyed, make_key, run  # keyed: a fixture its tests ask for
from .hmac_records import OLD


def _verify(path, key, fmt: str):
    result = CliRunner().invoke(cli, ["audit", "verify", str(path), "--audit-key", str(key), "--format", fmt],
                                env={"PATHFIT_AUDIT_KEY_FILE": ""})
    assert result.exit_code == 1, result.output
    return result


def _sealed_record(tmp_path) -> str:
    path = tmp_path / "r.json"
    assert run("recommend", "--profile", SENSITIVE_EXAMPLE, "--record", path).exit_code == 0
    assert '"box"' in path.read_text()
    return str(path)


def test_a_sealed_record_of_another_key_is_not_said_checked(tmp_path, keyed):
    record, other = _sealed_record(tmp_path), make_key(tmp_path, "other.key")
    report = json.loads(_verify(record, other, "json").stdout)
    assert (report["problem"]["code"], report["intact"], report["digests_intact"]) == ("PF611", False, True)
    assert report["seal_checked"] is False


def test_a_masked_record_of_another_key_is_not_said_checked(tmp_path):
    other = make_key(tmp_path, "other.key")
    report = json.loads(_verify(OLD / "burnt-out-director-sleep-problems.json", other, "json").stdout)
    assert (report["problem"]["code"], report["seal_checked"]) == ("PF611", False)


def test_the_text_does_not_say_the_seal_of_another_key_does_not_hold(tmp_path, keyed):
    record, other = _sealed_record(tmp_path), make_key(tmp_path, "other.key")
    result = _verify(record, other, "text")
    assert ": PF611: " in result.stdout
    assert "does not hold" not in result.stderr and "NOT checked" in result.stderr, result.stderr
