"""The API's OpenAPI 3.1 description, served at /openapi.json. The facts schema
in it is the profile schema `pathfit schema --kind profile` writes, so the two
never disagree about which facts and values exist; a subject and an operator are
described by their one rule's own schema (engine.audit.subject.who_schema) and
`why_not` by the policy's outcomes, so a client that validates against the document
sends what the service takes (docs/serve.md names the three refusals no schema can say)."""
from __future__ import annotations

from ..audit.subject import who_schema
from ..pipeline.model import RuleSet
from ..pipeline.policy import outcomes
from .. import __version__
from .core import DEFAULT_QUEUE
from .page import outcome_words

ERRORS = {"type": "object", "required": ["errors"], "properties": {"errors": {"type": "array", "items": {
    "type": "object", "required": ["code", "message", "fact"],
    "properties": {"code": {"type": "string", "pattern": "^PF[0-9]{3}$"},
                   "message": {"type": "string", "description": "As the CLI prints it, did-you-mean included."},
                   "fact": {"type": ["string", "null"], "description": "The fact the error is about, if one."}}}}}}
UNKEPT = {"type": "null", "description": "Kept in the audit log only, and this service keeps none (it was started "
          "without --audit-log): anything but null is refused (PF613)."}
PERSON_WORDS = ("Short text, as pathfit recommend --subject and --operator take it (docs/audit.md, \"Subject and "
                "operator\"); anything else is PF628. Null or left out: none.")

IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[ -~]+$"},
    "description": "Names the request, so that sending it again (after a lost answer or a 503) is answered with "
                   "the first answer, byte for byte, and nothing is decided or recorded again. The same key with "
                   "another body is refused (422, PF912). The service keeps the last 1,000 keys (16 MiB of "
                   "answers) while it runs."}
DECISION_HEADERS = {
    "X-Pathfit-Audit-Seq": {"description": "With --audit-log: the sequence number of the decision's entry in the log.",
                            "schema": {"type": "string", "pattern": "^[0-9]+$"}},
    "X-Pathfit-Audit-Hash": {"description": "With --audit-log: the hash of that entry.", "schema": {"type": "string"}},
    "Idempotent-Replayed": {"description": "true: the answer given before to this Idempotency-Key.",
                            "schema": {"const": "true"}}}


def _json(schema_ref: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": schema_ref}}}}


def _errors(*statuses: int, queued: bool = False, read: bool = False, records: bool = True) -> dict:
    """The error responses for `statuses`, and those every operation can get (docs/serve.md's
    table): 403 from the Host and origin checks, 404 and 405 (PF909) for a path or method
    not served. `queued`: the operation is an evaluation, so its 503 may also be the full
    queue's (PF911), which alone carries Retry-After (`records` False: an explanation, given up
    once cut off); `read`: it records nothing (the schema), and its 503 may be PF911 too, its own
    queue full."""
    words = {400: "Malformed request (not a JSON object, duplicate keys, a body cut off before its end, a query "
                  "string: what a posted path takes comes in its body).",
             401: "The token missing or wrong (PF903): sent as the Bearer token, or as the password of Basic "
                  "credentials (any user name); or the Authorization header sent more than once.",
             403: "Refused (PF908): a Host header that is not loopback while serving on loopback, or a post from "
                  "another site.",
             404: "No such path (PF909).",
             405: "A method not taken at this path (PF909); Allow names those it takes.",
             408: "The body did not arrive whole within the time limit (PF905); the connection is closed.",
             413: "Request body too large.", 415: "The body is not sent as application/json, or is sent with a Content-Encoding (PF905).",
             422: "The facts or options are not valid; every problem is listed. Or the facts are valid and two "
                  "rules give a derived fact values that exclude each other for them (PF231): the rules' fault.",
             500: "The audit log or key cannot be used, or the engine failed (PF5xx, PF6xx).",
             503: "No answer within the time limit, or the service was stopped first (PF907)."}
    if queued:
        cut_off = ("the decision goes on, and is recorded with an audit log" if records else
                   "the explanation, which records nothing, is given up (a what-if at its next re-run): ask again")
        words[503] = (f"No answer within the time limit, or the service was stopped first (PF907): {cut_off}. Or the "
                      "queue of evaluations was full (PF911, with Retry-After): "
                      "the request was refused before it was accepted, nothing run or recorded.")
    out = {str(s): _json("#/components/schemas/Errors", words[s]) for s in sorted({*statuses, 403, 404, 405})}
    out["405"]["headers"] = {"Allow": {"description": "The methods the path takes.", "schema": {"type": "string"}}}
    if read:
        words[503] = ("No answer within the time limit, or the service was stopped first (PF907): nothing is recorded, ask again. Or as "
                      "many reports and schema requests as the service takes at once were already waiting or "
                      "running (PF911, with Retry-After): nothing of it was run.")
        out["503"] = _json("#/components/schemas/Errors", words[503])
    if (queued or read) and "503" in out:
        out["503"]["headers"] = {"Retry-After": {
            "description": "With PF911 only: seconds to wait before sending the request again.",
            "schema": {"type": "string", "pattern": "^[0-9]+$"}}}
    return out


def describe(rs: RuleSet, profile_schema: dict, max_body: int, timeout: float, token: bool,
             queue: int = DEFAULT_QUEUE, kept: bool = True) -> dict:
    """The OpenAPI document of the service deciding with `rs`: described in that rule set's
    own outcome labels, as the page is headed (page.outcome_words), never another's. `kept`
    False (no audit log): a decision takes no subject or operator, which nothing would keep."""
    facts = dict(profile_schema["$defs"]["facts"])
    common = (401,) if token else ()
    words = outcome_words(rs)
    person = {**who_schema(), "description": PERSON_WORDS}
    advice = f"Advises on {words}, with reasons." if words else f"The advice of the {rs.name} rules, with reasons."
    doc = {
        "openapi": "3.1.0",
        "info": {"title": "pathfit", "version": __version__,
                 "description": f"{advice} Request bodies are at most {max_body} bytes; an evaluation that takes "
                                f"longer than {timeout:g} s is answered with 503: a decision goes on in the background "
                                "to its end, recorded with an audit log; an explanation, which records nothing, is "
                                f"given up (a what-if at its next re-run). At most {queue} evaluations wait or "
                                "run at once: one more is refused at once with 503 (PF911) and Retry-After, before "
                                "it is accepted, nothing run or recorded; so are reports and schema requests beyond "
                                f"{queue} waiting or running."},
        "paths": {
            "/v1/decisions": {"post": {
                "summary": "Decide for one person: the object `pathfit recommend --format json` prints.",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/DecisionRequest"}}}},
                "parameters": [IDEMPOTENCY_KEY],
                "responses": {"200": {**_json("#/components/schemas/Decision", "The decision (docs/decision.md)."),
                                      "headers": DECISION_HEADERS},
                              **_errors(400, 408, 413, 415, 422, 500, 503, *common, queued=True)}}},
            "/v1/explain": {"post": {
                "summary": "How the outcome was derived, why not another (`why_not`), or what if (`what_if`): "
                           "the objects `pathfit explain --format json` prints.",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/ExplainRequest"}}}},
                "responses": {"200": {"description": "The explanation.",
                                      "content": {"application/json": {"schema": {"type": "object"}}}},
                              **_errors(400, 408, 413, 415, 422, 500, 503, *common, queued=True, records=False)}}},
            "/v1/rules": {"get": {"summary": "The rules: id, reason, citations and effects.",
                                  "responses": {"200": {"description": "The rule set.", "content": {
                                      "application/json": {"schema": {"type": "object"}}}}, **_errors(*common)}}},
            "/v1/schema": {"get": {"summary": "The profile JSON Schema (`pathfit schema --kind profile`).",
                                   "responses": {"200": {"description": "A JSON Schema (draft 2020-12).", "content": {
                                       "application/json": {"schema": {"type": "object"}}}}, **_errors(503, *common, read=True)}}},
            "/healthz": {"get": {"summary": "The service is up and its rules are loaded.",
                                 "responses": {"200": {"description": "ok", "content": {"application/json": {
                                     "schema": {"type": "object"}}}}, **_errors(*common)}}},
        },
        "components": {"schemas": {
            "Facts": facts,
            "DecisionRequest": {"type": "object", "additionalProperties": False, "properties": {
                "facts": {"$ref": "#/components/schemas/Facts"}, "subject": person if kept else UNKEPT,
                "operator": person if kept else UNKEPT}},
            "ExplainRequest": {
                "type": "object", "additionalProperties": False, "properties": {
                    "facts": {"$ref": "#/components/schemas/Facts"}, "subject": person, "operator": person,
                    "why_not": {"enum": [*outcomes(rs.policy), None],
                                "description": "An outcome the policy gives (null or left out: not asked)."},
                    "what_if": {"type": "boolean", "description": "The smallest changes that change the outcome. "
                                                                 "Not together with why_not."}},
                "not": {"required": ["why_not", "what_if"],  # both asked: PF613
                        "properties": {"why_not": {"type": "string"}, "what_if": {"const": True}}}},
            "Decision": {"type": "object", "required": ["recommendation", "label", "ranking", "confidence", "settled",
                                                        "referral", "referral_label", "formats", "fired", "missing", "contributions",
                                                        "facts", "trace"]},
            "Errors": ERRORS,
        }},
    }
    keyed = doc["paths"]["/v1/decisions"]["post"]["responses"]  # /v1/explain ignores the header
    keyed["400"]["description"] = keyed["400"]["description"].removesuffix(").") + (
        "; an Idempotency-Key header sent twice or not 1 to 255 printable ASCII characters).")
    keyed["422"]["description"] += " Or the Idempotency-Key was sent before with another body (PF912)."
    if token:  # either scheme carries the --token-file's token (guard.offered_token)
        doc["components"]["securitySchemes"] = {
            "bearer": {"type": "http", "scheme": "bearer", "description": "The token, as the bearer token."},
            "basic": {"type": "http", "scheme": "basic", "description": "Any user name, the token as the password: "
                      "how a browser sends it, so that HR staff can use the page."}}
        doc["security"] = [{"bearer": []}, {"basic": []}]
    return doc
