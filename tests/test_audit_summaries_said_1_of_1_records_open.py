"""Counts of one in the audit summaries were said with a plural noun or verb: "seals: 1 of 1
sealed record open", `audit show`'s "1 of 1 records" and "0 of 1 records", "1 of 1 entries
signed", "note: 1 sealed records were searched". The noun now agrees with the total it counts
and the verb with the count before it (engine.counting), checked at one and at two."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.append import append
from pathfit.engine.audit.record import build_record
from pathfit.engine.audit.signing import generate_signing_key
from pathfit.engine.counting import agreeing, counted_of

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import SENSITIVE_EXAMPLE, example_facts


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("n, total, text", [(0, 1, "0 of 1 record"), (1, 1, "1 of 1 record"),
                                            (1, 2, "1 of 2 records"), (2, 2, "2 of 2 records")])
def test_counted_of_agrees_with_its_total(n, total, text):
    assert counted_of(n, total, "record") == text
    assert agreeing(n, "opens", "open") == ("opens" if n == 1 else "open")


@pytest.mark.parametrize("people", [1, 2])
def test_audit_summaries_agree_with_their_counts(tmp_path, engine, key, monkeypatch, people):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    signer = generate_signing_key(str(tmp_path / "signing.key"))
    log = tmp_path / "audit.jsonl"
    for _ in range(people):
        append(log, build_record(engine, engine.evaluate(example_facts(SENSITIVE_EXAMPLE)), key), signer)
    many = people > 1
    verified = run("audit", "verify", log, "--audit-key", key.path, "--public-key", signer.path + ".pub")
    assert verified.exit_code == 0, verified.output
    seals = f"seals: {people} of {people} sealed record{'s' if many else ''} {'open' if many else 'opens'} with"
    assert seals in verified.stderr, verified.stderr
    assert f"; {people} of {people} entr{'ies' if many else 'y'} signed" in verified.stderr, verified.stderr
    unchecked = run("audit", "verify", log)
    said = f"signatures: {people} of {people} entr{'ies are' if many else 'y is'} signed, but not checked"
    assert said in unchecked.stderr, unchecked.stderr
    shown = run("audit", "show", log)
    assert shown.stderr.endswith(f"{people} of {people} record{'s' if many else ''}\n"), shown.stderr
    rule = json.loads(log.read_text().splitlines()[0])["record"]["decision"]["fired"][0]
    searched = run("audit", "show", log, "--rule", rule)
    words = f"note: {people} sealed record{'s were' if many else ' was'} searched for {rule}"
    assert words in searched.stderr, searched.stderr
