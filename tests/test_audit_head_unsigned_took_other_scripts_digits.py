"""`audit head --unsigned ٢` vouched for two unsigned entries, and `--unsigned 1_0` for ten: the
option was read with click's int(), which takes any script's digits and `_` between them, where
every number pathfit reads is ASCII digits (README: `--jobs ٢`, `--port 8_080` are PF600). A
signed statement is no place for a count read other than as written. Such a value is PF600 at
`--unsigned`, exit status 2, no statement made; an ASCII count reads as before."""
from __future__ import annotations

import json

import pytest

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import begun_unsigned, signing_keys, run


@pytest.fixture(scope="module")
def signer(tmp_path_factory):
    return signing_keys(tmp_path_factory.mktemp("signing"), 1)[0]


@pytest.fixture
def older(tmp_path, engine, key, signer):
    """Two entries appended before signing was switched on, then one signed."""
    return begun_unsigned(tmp_path / "old.jsonl", engine, key, signer, 3)


@pytest.mark.parametrize("given", ["\u0662", "\uff12", "0_2", " \u0662 "])
def test_unsigned_in_another_scripts_digits_is_refused_at_the_option(older, signer, given):
    result = run("audit", "head", older, "--signing-key", signer.path, "--unsigned", given)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stdout == "" and result.stderr.startswith("--unsigned:0:0: PF600: "), result.stderr


@pytest.mark.parametrize("given", ["2", " 2 ", "+2"])
def test_unsigned_in_ascii_digits_reads_as_before(older, signer, given):
    result = run("audit", "head", older, "--signing-key", signer.path, "--unsigned", given)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["entries"] == 3
