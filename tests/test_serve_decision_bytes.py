"""`POST /v1/decisions` answers the bytes `pathfit recommend --format json` prints (keys
sorted, two-space indents, a final newline), and `POST /v1/explain` those of `pathfit explain
--format json`: docs/decision.md, "the same rules and facts give the same bytes".
Regression: the service sent the same object compactly, its keys unsorted."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT
from .serve_support import Server, call, example_facts

EXAMPLES = ["new-vp-wants-structure", "graduate-seeking-career-direction", "partial-intake-only-basics",
            "new-coo-navigating-board-politics", "recently-bereaved-manager"]


@pytest.fixture(scope="module")
def plain():
    """One plain service (the bundled rules, no audit log, no token) for this module's tests."""
    srv = Server()
    yield srv
    srv.stop()


def _printed(*args: str) -> bytes:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_api_decision_is_the_bytes_recommend_format_json_prints(plain, name):
    example = ROOT / "examples" / f"{name}.yaml"
    reply = call(plain, "POST", "/v1/decisions", {"facts": example_facts(example)})
    assert reply.status == 200 and reply.headers["content-type"] == "application/json", reply.body
    assert reply.body == _printed("recommend", "--profile", str(example), "--format", "json")


@pytest.mark.parametrize("options,body", [((), {}), (("--why-not", "mentoring"), {"why_not": "mentoring"})],
                         ids=["how", "why-not"])
def test_the_api_explanation_is_the_bytes_explain_format_json_prints(plain, options, body):
    example = ROOT / "examples" / "new-vp-wants-structure.yaml"
    reply = call(plain, "POST", "/v1/explain", {"facts": example_facts(example), **body})
    assert reply.status == 200, reply.body
    assert reply.body == _printed("explain", "--profile", str(example), "--format", "json", *options)
