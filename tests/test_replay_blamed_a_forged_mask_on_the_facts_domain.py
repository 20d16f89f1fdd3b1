"""`replay` of a version 1 record whose yes/no fact's mask was replaced (the digests resealed)
said the fact "matches no value this key can try: only yes/no, one-of, lists of up to 16
values and whole numbers ... can be recovered", as if its kind of value could not be tried,
when every value it can take was tried and none has that mask. It is still PF614, now saying
that the mask is of no value the fact can take under the key (altered, as `audit verify`
with the key says); a domain too large to try is still said to be one."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.masking import Masker
from pathfit.engine.audit.record import record_text, seal, sha256_hex
from pathfit.engine.errors import PathfitError

from .hmac_records import OLD, copy_key



def test_a_forged_yes_no_mask_is_said_to_be_the_mask_of_no_value(tmp_path):
    key = copy_key(tmp_path)
    record = json.loads((OLD / "burnt-out-director-sleep-problems.json").read_text())
    name = record["masking"]["masked"][0]
    assert record["masking"]["facts"][name]["type"] == "bool"
    record["facts"][name] = record["decision"]["facts"][name] = {"masked": "ab" * 32}
    record["facts_digest"] = sha256_hex(record["facts"])
    path = tmp_path / "record.json"
    path.write_text(record_text(seal(record)))
    result = CliRunner().invoke(cli, ["replay", str(path), "--rules", str(OLD / "ruleset")],
                                env={"PATHFIT_AUDIT_KEY_FILE": str(key)})
    assert result.exit_code == 2, result.output
    assert "PF614" in result.output and "mask of no value" in result.output
    assert "can be recovered" not in result.output  # the domain was tried whole: it is not the reason


def test_a_domain_too_large_is_still_said_to_be_one():
    masker = Masker(b"k" * 32, "00" * 16, ("hours",))
    try:
        masker.recover("hours", {"type": "number", "min": 0, "max": 10 ** 9, "integer": True}, {"masked": "ab" * 32})
    except PathfitError as err:
        assert err.codes == ["PF614"] and "can be recovered" in err.problems[0].message
    else:
        raise AssertionError("recovered a value from a forged mask")
