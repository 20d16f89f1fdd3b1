"""A version 1 record masks a sensitive number fact's value; over a range of few whole numbers
the key tries each (as replay recovers the value), but a fact that is not whole-only
(`integer` false) can take any number between them, which no key can try. A genuine record
holding 2.5 there was called altered: `audit verify --audit-key` PF630 ("the mask of no value
it can take ... it was altered"), exit 1, and replay's PF614 said every value had been tried.
Such a record's masks are now counted as not checked (as for a domain too large to try), and
replay says the value is not one the key can try."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.masking import Masker, load_key
from pathfit.engine.audit.record import record_text, seal, sha256_hex
from pathfit.engine.errors import PathfitError

from .hmac_records import OLD, copy_key

RECORD = "burnt-out-director-sleep-problems.json"
DOMAIN = {"type": "number", "min": 0, "max": 10, "integer": False}


@pytest.fixture
def key(tmp_path):
    return copy_key(tmp_path)


def with_a_masked_number(key_path, value) -> dict:
    """The fixture record as a pathfit writing version 1 records would have written it with one more
    sensitive fact, a number from 0 to 10 not whole-only, holding `value`."""
    record = json.loads((OLD / RECORD).read_text())
    m = record["masking"]
    masker = Masker(load_key(str(key_path)).secret, m["salt"], (*m["facts"], "stress_score"))
    m["facts"]["stress_score"] = DOMAIN
    m["masked"] = sorted([*m["masked"], "stress_score"])
    record["facts"]["stress_score"] = record["decision"]["facts"]["stress_score"] = masker.mask("stress_score", value)
    record["facts_digest"] = sha256_hex(record["facts"])
    return seal(record)


@pytest.mark.parametrize("value", [2.5, 3])
def test_a_genuine_masked_number_is_not_said_altered(tmp_path, key, value):
    path = tmp_path / "record.json"
    path.write_text(record_text(with_a_masked_number(key, value)))
    result = CliRunner().invoke(cli, ["audit", "verify", str(path), "--audit-key", str(key), "--format", "json"],
                                env={"PATHFIT_AUDIT_KEY_FILE": ""})
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["problem"] is None and report["digests_intact"] is True
    assert report["seal_checked"] is (value == 3)  # a whole one is found; 2.5 no key can try


def test_replay_does_not_say_every_value_was_tried(key):
    masker = Masker(load_key(str(key)).secret, "salt", ("stress_score",))
    with pytest.raises(PathfitError) as caught:
        masker.recover("stress_score", DOMAIN, masker.mask("stress_score", 2.5))
    assert caught.value.codes == ["PF614"]
    assert "every one was tried" not in str(caught.value) and "altered" not in str(caught.value)
