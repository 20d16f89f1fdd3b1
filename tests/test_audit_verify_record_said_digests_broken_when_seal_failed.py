"""`audit verify RECORD --format json` gave `digests_intact: false` for a record whose
record_digest and facts_digest match but whose seal or masks do not hold with the audit key
(PF630), or were made with another key (PF611): the digests were checked and held. Now
`digests_intact` is true there, `intact` false, and the problem is the seal's.
"""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.masking import generate_key
from pathfit.engine.audit.record import record_text, seal, sha256_hex

from .hmac_records import OLD, copy_key



def verify(path, key):
    result = CliRunner().invoke(cli, ["audit", "verify", str(path), "--audit-key", str(key), "--format", "json"],
                                env={"PATHFIT_AUDIT_KEY_FILE": ""})
    assert result.exit_code == 1, result.output
    return json.loads(result.output)


def test_a_forged_mask_leaves_the_digests_intact(tmp_path):
    key = copy_key(tmp_path)
    record = json.loads((OLD / "burnt-out-director-sleep-problems.json").read_text())
    name = record["masking"]["masked"][0]
    record["facts"][name] = record["decision"]["facts"][name] = {"masked": "ab" * 32}
    record["facts_digest"] = sha256_hex(record["facts"])
    path = tmp_path / "record.json"
    path.write_text(record_text(seal(record)))
    report = verify(path, key)
    assert (report["problem"]["code"], report["intact"], report["digests_intact"]) == ("PF630", False, True)


def test_a_record_of_another_key_leaves_the_digests_intact(tmp_path):
    other = tmp_path / "other.key"
    generate_key(str(other))
    report = verify(OLD / "burnt-out-director-sleep-problems.json", other)
    assert (report["problem"]["code"], report["intact"], report["digests_intact"]) == ("PF611", False, True)
