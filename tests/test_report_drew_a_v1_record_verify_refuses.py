"""`pathfit report` and `serve`'s `/report/ID` drew a version 1 (`hmac-sha256`) record that
`audit verify` with the same audit key refuses (PF630): a mask replaced (the record resealed,
the log re-chained), or its sealed subject's box altered, where `audit show --id` with the key
refuses the subject too. Neither reader checked a version 1 record's masks or its sealed
subject: the page showed the forged record as any other, "(checked when this page was made)"
beside its digest. Now both check them as verify does (SealCheck), refuse with verify's code at
the same line (exit 2, nothing written; 404 from the service), and the page of a record drawn
says whether its masks were checked.
"""
from __future__ import annotations

import asyncio
import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.audit.record import record_text, seal
from pathfit.engine.service.app import create_app
from pathfit.engine.service.core import Service

from .hmac_records import OLD, copy_key, first_masked_given, rechained
from .serve_support import asgi_call, shut_down

RECORD = "new-coo-navigating-board-politics.json"  # the log's first record, with a sealed subject
FORGED = {"masked": "ab" * 32}


def forge_mask(record: dict) -> dict:
    """Its first masked fact's mask replaced in its facts and in every firing that matched it."""
    return seal(first_masked_given(record, FORGED))


def forge_subject(record: dict) -> dict:
    """Its sealed subject's box changed by one hex digit."""
    box = record["subject"]["box"]
    record["subject"]["box"] = ("0" if box[0] != "0" else "1") + box[1:]
    return seal(record)


def untouched(record: dict) -> dict:
    return record


FORGERIES = [forge_mask, forge_subject]


@pytest.fixture
def key(tmp_path):
    return copy_key(tmp_path)




def record_file(tmp_path, forge):
    path = tmp_path / "record.json"
    path.write_text(record_text(forge(json.loads((OLD / RECORD).read_text()))))
    return path


def run(*args, key_file=""):
    return CliRunner().invoke(cli, [*map(str, args)], env={"PATHFIT_AUDIT_KEY_FILE": str(key_file)})


def first_line_code(output: str) -> str:
    return next(line for line in output.splitlines() if ": PF" in line).split(": ")[1]


@pytest.mark.parametrize("forge", FORGERIES)
def test_report_refuses_a_forged_v1_record_in_a_log_as_verify_does(tmp_path, key, forge):
    log = rechained(tmp_path, forge)
    verified = run("audit", "verify", log, "--audit-key", key)
    assert verified.exit_code == 1 and f"{log}:1:1: PF630" in verified.output
    out = tmp_path / "page.html"
    result = run("report", log, "--id", "aa7e1141", "--out", out, "--audit-key", key)
    assert result.exit_code == 2, result.output
    assert f"{log}:1:1: PF630" in result.output
    assert not out.exists()


@pytest.mark.parametrize("forge", FORGERIES)
def test_report_refuses_a_forged_v1_record_file_with_the_key_in_the_environment(tmp_path, key, forge):
    path = record_file(tmp_path, forge)
    assert first_line_code(run("audit", "verify", path, key_file=key).output) == "PF630"
    out = tmp_path / "page.html"
    result = run("report", path, "--out", out, key_file=key)
    assert result.exit_code == 2, result.output
    assert first_line_code(result.output) == "PF630"
    assert not out.exists()


def test_a_genuine_v1_record_is_drawn_and_its_page_says_its_masks_were_checked(tmp_path, key):
    out = tmp_path / "page.html"
    result = run("report", OLD / "audit.jsonl", "--id", "aa7e1141", "--out", out, "--audit-key", key)
    assert result.exit_code == 0, result.output
    assert "masks checked with the audit key f7dd54b582a7bb35" in out.read_text()


def test_without_the_key_the_page_says_its_masks_were_not_checked(tmp_path):
    out = tmp_path / "page.html"
    result = run("report", OLD / RECORD, "--out", out)
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "masks NOT checked" in page and "masks checked with" not in page


@pytest.fixture
def served(tmp_path, key):
    """An app of the bundled rules serving a copy of the fixture's log, forged as asked."""
    apps = []

    def serve(forge):
        log = rechained(tmp_path, forge)
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))
            mp.setenv("PATHFIT_CACHE", "0")
            engine = Engine.load()
            app = create_app(Service(engine, str(log)))
            apps.append((app, engine))
            reply = asyncio.run(asgi_call(app, "GET", "/report/aa7e1141-0815-4ba9-b381-826697c9623e"))
        return reply

    yield serve
    for app, engine in apps:
        shut_down(app)
        engine.close()


@pytest.mark.parametrize("forge", FORGERIES)
def test_serve_answers_a_forged_v1_record_404_with_verify_code(served, forge):
    reply = served(forge)
    assert reply.status == 404, reply.body[:300]
    assert [e["code"] for e in reply.json["errors"]] == ["PF630"]


def test_serve_draws_a_genuine_v1_record_saying_its_masks_were_checked(served):
    reply = served(untouched)
    assert reply.status == 200, reply.body[:300]
    assert "masks checked with the audit key f7dd54b582a7bb35" in reply.body.decode()
