"""An entry is never appended unsigned after a signed one.

Regression: with PATHFIT_SIGNING_KEY_FILE unset (or set empty: a cron job that lost its
environment, `PATHFIT_SIGNING_KEY_FILE=$KEY` with KEY unset), `recommend`, `interview`, `batch`
and `serve` with `--audit-log` appended unsigned entries to a signed log, exit status 0. An
unsigned entry after a signed one is what a forger without the key would write, so from then on
every `audit verify --public-key` and `audit head` of the log stopped at it (PF620): the log
could no longer be vouched for. Now it is PF623 at PATHFIT_SIGNING_KEY_FILE, before anything is
written or run; a signed entry after unsigned ones (signing switched on) is still appended.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli import serve as serve_module
from pathfit.cli.main import cli
from pathfit.engine.errors import Pos, fail

from .audit_support import signing_keys

PERSON = "career_stage: senior_leader\ntrigger: new_role\n"


@pytest.fixture
def place(tmp_path, tmp_path_factory, monkeypatch):
    keys = tmp_path_factory.mktemp("keys")
    assert CliRunner().invoke(cli, ["audit", "keygen", str(keys / "audit.key")]).exit_code == 0
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(keys / "audit.key"))
    signer = signing_keys(keys, 1)[0]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "person.yaml").write_text(PERSON)
    (tmp_path / "in.csv").write_text("id,career_stage,trigger\nr1,senior_leader,new_role\n")
    return tmp_path, signer.path


def _append(log: str, env: dict) -> None:
    made = CliRunner().invoke(cli, ["recommend", "--profile", "person.yaml", "--audit-log", log], env=env)
    assert made.exit_code == 0, made.output


def _verified(log: str, public: str):
    return CliRunner().invoke(cli, ["audit", "verify", log, "--public-key", public])


@pytest.fixture
def never_listens(monkeypatch):
    """`serve` stopped where it would listen (PF910), so that no test can start a server."""
    def listening(host: str, port: int):
        raise fail("PF910", "not in this test", Pos("--host"))

    monkeypatch.setattr(serve_module, "listening", listening)


COMMANDS = {
    "recommend": ["recommend", "--profile", "person.yaml", "--audit-log", "log.jsonl"],
    "interview": ["interview", "--profile", "person.yaml", "--audit-log", "log.jsonl"],
    "batch": ["batch", "in.csv", "--out", "out.jsonl", "--audit-log", "log.jsonl"],
    "serve": ["serve", "--port", "0", "--audit-log", "log.jsonl"],
}


@pytest.mark.parametrize("unset", [None, ""], ids=["unset", "empty"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_signed_log_is_not_appended_to_without_the_signing_key(place, never_listens, command, unset):
    folder, signing = place
    _append("log.jsonl", {"PATHFIT_SIGNING_KEY_FILE": signing})
    assert _verified("log.jsonl", signing + ".pub").exit_code == 0
    before = sorted(p.name for p in folder.iterdir())
    log = (folder / "log.jsonl").read_bytes()

    result = CliRunner().invoke(cli, COMMANDS[command], input="", env={"PATHFIT_SIGNING_KEY_FILE": unset})
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("PATHFIT_SIGNING_KEY_FILE:0:0: PF623: "), result.stderr
    assert "Traceback" not in result.output and "Q1." not in result.output  # no question asked
    assert (folder / "log.jsonl").read_bytes() == log
    assert sorted(p.name for p in folder.iterdir()) == before  # batch: no results written
    assert _verified("log.jsonl", signing + ".pub").exit_code == 0  # the log can still be vouched for


def test_signing_switched_on_after_unsigned_entries_still_appends(place):
    folder, signing = place
    _append("log.jsonl", {"PATHFIT_SIGNING_KEY_FILE": None})
    _append("log.jsonl", {"PATHFIT_SIGNING_KEY_FILE": signing})
    _append("log.jsonl", {"PATHFIT_SIGNING_KEY_FILE": signing})
    lines = (folder / "log.jsonl").read_bytes().splitlines()
    assert [b'"sig":' in line for line in lines] == [False, True, True]
    # verified as the start of signing: unsigned entries only before the first signed one
    said = _verified("log.jsonl", signing + ".pub")
    assert said.exit_code == 1 and "log.jsonl:1:1: PF620: " in said.output, said.output


def test_an_unsigned_log_is_still_appended_to_unsigned(place):
    folder, _ = place
    _append("log.jsonl", {"PATHFIT_SIGNING_KEY_FILE": None})
    _append("log.jsonl", {"PATHFIT_SIGNING_KEY_FILE": ""})
    assert len((folder / "log.jsonl").read_bytes().splitlines()) == 2
