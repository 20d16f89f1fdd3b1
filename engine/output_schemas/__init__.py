"""JSON Schemas (draft 2020-12) of what pathfit prints for programs: the decision object,
the explanations, batch rows, replay, audit verify and show, lint, test, impact and the
service's own answers. A script that reads pathfit's JSON can check it against these, and
the tests check every command's real output against them, so the shapes written here are
the shapes printed.

The schemas are data, kept as KIND.schema.json beside this file and read only when asked
for: no command that prints JSON loads them.
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent

# kind -> what prints it; the order is the order `pathfit schema --out` writes them in
KINDS = {
    "decision": "recommend --format json, interview --format json, POST /v1/decisions",
    "explain": "explain --format json, POST /v1/explain",
    "why-not": "explain --why-not OUTCOME --format json, POST /v1/explain with why_not",
    "what-if": "explain --what-if --format json, POST /v1/explain with what_if",
    "batch-row": "each line of batch --out FILE.jsonl",
    "replay": "replay --format json",
    "audit-verify": "audit verify --format json",
    "audit-show": "audit show --format json",
    "lint": "lint --format json",
    "test-report": "test --format json",
    "impact": "impact --format json",
    "errors": "the JSON API's refusals",
    "served-rules": "GET /v1/rules",
    "rules-list": "rules list --format json",
    "rules-show": "rules show RULE_ID --format json",
    "health": "GET /healthz",
}


def load(kind: str) -> dict:
    """The schema of one output kind, as written in its file (a KeyError names an unknown kind)."""
    if kind not in KINDS:
        raise KeyError(kind)
    return json.loads((HERE / f"{kind}.schema.json").read_text(encoding="utf-8"))
