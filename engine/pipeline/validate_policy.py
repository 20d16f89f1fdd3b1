"""Validate stage, part 1 (continued): the decision policy (policy.yaml), which says, as data,
how evidence becomes one outcome. Apart from the schema (validate_schema.py): the two files
change for different reasons, the questions asked and the way they are weighed.
"""
from __future__ import annotations

from ..errors import Collector, did_you_mean
from .load import Map, Seq
from .model import COMBINE, CONCLUSIONS, Clause, OutcomeDef, Policy
from .policy import CLASSIC, CLASSIC_EVIDENCE
from .field_checks import IDENT, Names, check_keys, identifier, is_map, is_seq, number, show, text, written_as

CLAUSE_TESTS = ("concluded", "total_below", "strongest_below", "each_at_least", "ratio_at_most", "leads",
                "certainty_at_least", "among", "below")
CONFIDENCE = ("certain", "share", "balance", "shortfall", "certainty", "doubt")
# what each way of combining evidence can test and how it can state confidence
SUM_ONLY = {"total_below", "strongest_below", "below", "each_at_least", "ratio_at_most", "share", "balance", "shortfall"}
CERTAINTY_ONLY = {"certainty_at_least", "certainty", "doubt"}

POLICY_KEYS = (("decision", "evidence_outcomes", "referrals"), ("formats", "description", "subject", "outcomes", "combine"))
OUTCOME_KEYS = (("name", "label"), ("description",))
SUBJECT_POLICIES = ("sensitive", "public")


def parse_policy(doc, out: Collector, unsure: set | None = None) -> Policy | None:
    """`unsure`, when given, gets the position of each decision clause whose `when` did not
    validate: what its tests are is not known, so lint judges no clause order by them."""
    if not is_map(doc, getattr(doc, "pos", None), out, "policy.yaml"):
        return None
    check_keys(doc, *POLICY_KEYS, out, "policy.yaml")
    declared = _outcomes(doc, out)
    names = tuple(o.name for o in declared or CLASSIC)
    ev = _evidence_outcomes(doc, names if declared else CLASSIC_EVIDENCE, out)
    for name in ev:
        if name in CONCLUSIONS:
            out.add("PF220", f"{name!r} is concluded by a rule's effect (`{name}` in `then`), not weighed as evidence",
                    doc["evidence_outcomes"].at(list(doc["evidence_outcomes"]).index(name)))
    refs = _names(doc, "referrals", out)
    formats = []
    if "formats" in doc and is_map(doc["formats"], doc.at("formats"), out, "formats"):
        for fmt, body in doc["formats"].items():
            pos = doc["formats"].key_at(fmt)
            if not identifier(fmt, pos, out, "format") or not is_map(body, doc["formats"].at(fmt), out, f"format {fmt!r}"):
                continue
            check_keys(body, ("for",), (), out, f"format {fmt!r}")
            fits = _names(body, "for", out, allowed=names)
            formats.append((fmt, fits))
    combine = doc.get("combine", "sum")
    if combine not in COMBINE:
        out.add("PF204", f"combine is {' or '.join(COMBINE)}, not {show(combine)}"
                f"{did_you_mean(combine, COMBINE) if isinstance(combine, str) else ''}", doc.at("combine"))
        combine = "sum"
    clauses, clause = [], None
    if "decision" in doc and is_seq(doc["decision"], doc.at("decision"), out, "decision"):
        for i, body in enumerate(doc["decision"]):
            clause, sure = _clause(body, doc["decision"].at(i), ev, names, out)
            if clause and isinstance(body, Map):
                _fits_combine(clause, body, combine, out)
            if clause:
                clauses.append(clause)
            if clause and not sure and unsure is not None:
                unsure.add(clause.pos)
        # judged by the tests that validated: a misspelt one might be `among`
        if clause and any(test != "among" for test, _ in clause.tests):
            out.add("PF204", "the last decision clause must have no tests (`when: {}`, or only `among`), so every case gets an outcome", doc["decision"].at(len(doc["decision"]) - 1))
    subject = doc.get("subject", "sensitive")
    if subject not in SUBJECT_POLICIES:
        out.add("PF213", f"subject is sensitive or public, not {show(subject)}"
                f"{did_you_mean(subject, SUBJECT_POLICIES) if isinstance(subject, str) else ''}", doc.at("subject"))
        subject = "sensitive"
    return Policy(ev, refs, tuple(formats), tuple(clauses), doc.pos, subject, declared, combine)


def _outcomes(doc: Map, out: Collector) -> tuple:
    """The policy's `outcomes:` list: each {name, label, description}. Absent: () (CLASSIC applies)."""
    if "outcomes" not in doc or not is_seq(doc["outcomes"], doc.at("outcomes"), out, "outcomes"):
        return ()
    found: list[OutcomeDef] = []
    for i, body in enumerate(doc["outcomes"]):
        pos = doc["outcomes"].at(i)
        if not is_map(body, pos, out, "outcome"):
            continue
        check_keys(body, *OUTCOME_KEYS, out, "outcome")
        name = body.get("name")
        if "name" not in body or not identifier(name, body.at("name"), out, "outcome name", IDENT):
            continue
        label = text(body, "label", out, "label")
        if "label" in body and isinstance(body["label"], str) and not label.strip():
            out.add("PF204", "label must not be empty", body.at("label"))
        if any(o.name == name for o in found):
            out.add("PF204", f"outcome {name!r} declared twice", body.at("name"))
            continue
        found.append(OutcomeDef(name, label, text(body, "description", out, "description"), pos))
    if not found and not doc["outcomes"]:
        out.add("PF204", "`outcomes` declares at least one outcome (omit it for the classic ones)", doc.at("outcomes"))
    return tuple(found)


def _fits_combine(clause: Clause, body: Map, combine: str, out: Collector) -> None:
    """Under `combine: certainty` scores are certainties in [-1, 1], not amounts: a total,
    a ratio or a share of them means nothing (PF222); the certainty tests mean nothing
    under `combine: sum`."""
    wrong = SUM_ONLY if combine == "certainty" else CERTAINTY_ONLY
    when = body.get("when")
    for test, _ in clause.tests:
        if test in wrong and isinstance(when, Map):
            out.add("PF222", f"{test!r} does not apply under combine: {combine}; use "
                    f"{', '.join(sorted(_allowed_tests(combine)))}", when.key_at(test))
    if clause.confidence in wrong:
        methods = [m for m in CONFIDENCE if m not in wrong]
        out.add("PF222", f"confidence {clause.confidence!r} does not apply under combine: {combine}; use "
                f"{', '.join(methods)}", body.at("confidence"))


def _allowed_tests(combine: str) -> list:
    wrong = SUM_ONLY if combine == "certainty" else CERTAINTY_ONLY
    return [t for t in CLAUSE_TESTS if t not in wrong]


def _evidence_outcomes(doc: Map, allowed: tuple, out: Collector) -> tuple:
    """`evidence_outcomes`; when it is missing, or not a list, or an entry did not validate,
    a Names whose `unsure` are the allowed outcomes it does not hold (see Names)."""
    ev = _names(doc, "evidence_outcomes", out, allowed)
    raw = doc.get("evidence_outcomes")
    if isinstance(raw, Seq) and all(v in ev for v in raw):
        return ev
    ev = Names(ev)
    ev.unsure = tuple(o for o in allowed if o not in ev and o not in CONCLUSIONS)
    return ev


def _names(m: Map, key: str, out: Collector, allowed: tuple | None = None, unsure: tuple = ()) -> tuple:
    """The identifiers listed at `key`, each once and, with `allowed`, one of those; a name
    in `unsure` (see Names) is kept unjudged."""
    if key not in m or not is_seq(m[key], m.at(key), out, key):
        return ()
    names = []
    for i, v in enumerate(m[key]):
        if not identifier(v, m[key].at(i), out, f"{key} entry", IDENT):
            continue
        if allowed is not None and v not in allowed and v not in unsure:
            out.add("PF213", f"{v!r} is not one of {', '.join(allowed)}{did_you_mean(v, allowed)}", m[key].at(i))
            continue
        if v in names:
            out.add("PF204", f"{v!r} listed twice", m[key].at(i))
            continue
        names.append(v)
    return tuple(names)


def _among(when: Map, evidence_outcomes: tuple, out: Collector) -> tuple:
    """`among: [outcomes]`: the evidence outcomes the clause's tests and confidence weigh."""
    names = _names(when, "among", out, evidence_outcomes, getattr(evidence_outcomes, "unsure", ()))
    if isinstance(when["among"], Seq) and not when["among"]:
        out.add("PF204", "`among` names at least one evidence outcome", when.at("among"))
    return names


def _below(when: Map, evidence_outcomes: tuple, out: Collector) -> tuple:
    """`below: {outcome: N, ...}`: each named evidence outcome's own score below its N."""
    body = when["below"]
    if not is_map(body, when.at("below"), out, "below"):
        return ()
    found = []
    for name, arg in body.items():
        if name not in evidence_outcomes and name not in getattr(evidence_outcomes, "unsure", ()):
            out.add("PF213", f"'below' takes evidence outcomes ({', '.join(evidence_outcomes)}), not {show(name)}"
                    f"{did_you_mean(name, evidence_outcomes) if isinstance(name, str) else ''}", body.key_at(name))
            continue
        value = number(arg, body.at(name), out, f"below {name}", written_as(body, name))
        if value is not None and value < 0:
            out.add("PF204", f"below {name} must not be negative", body.at(name))
        elif value is not None:
            found.append((name, value))
    if not body:
        out.add("PF204", "`below` names at least one evidence outcome", when.at("below"))
    return tuple(found)


def _leads_within(tests: list, when, out: Collector) -> None:
    """`leads: O` and `below` beside `among` read only the outcomes `among` names, so
    they must name outcomes among them."""
    found = dict(tests)
    among, lead = found.get("among"), found.get("leads")
    if among and lead is not None and lead not in among:
        out.add("PF204", f"'leads: {lead}' can never hold: {lead!r} is not among {', '.join(among)}",
                when.at("leads"))
    outside = [o for o, _ in found.get("below", ()) if o not in among] if among else []
    if outside:
        out.add("PF204", f"'below' names {', '.join(outside)}, not among {', '.join(among)}", when.at("below"))


def _clause(body, pos, evidence_outcomes: tuple, declared: tuple, out: Collector) -> tuple[Clause | None, bool]:
    """-> (the clause, whether its `when` validated). A test that did not validate is
    broken, not absent: what needs a test in the same clause is judged only when every
    test key is known."""
    if not is_map(body, pos, out, "decision clause"):
        return None, False
    check_keys(body, ("outcome", "when", "confidence"), (), out, "decision clause")
    outcome = text(body, "outcome", out, "outcome")
    if outcome and outcome not in declared:
        out.add("PF213", f"outcome {outcome!r} is not declared in the policy's outcomes ({', '.join(declared)})"
                f"{did_you_mean(outcome, declared)}", body.at("outcome"))
    conf = text(body, "confidence", out, "confidence")
    if conf and conf not in CONFIDENCE:
        out.add("PF204", f"confidence {conf!r} is not one of {', '.join(CONFIDENCE)}{did_you_mean(conf, CONFIDENCE)}", body.at("confidence"))
    tests = []
    when = body.get("when")
    before = len(out.problems)
    if "when" in body and is_map(when, body.at("when"), out, "when"):
        for test, arg in when.items():
            tpos = when.at(test)
            if test not in CLAUSE_TESTS:
                out.add("PF202", f"unknown decision test {test!r}{did_you_mean(test, CLAUSE_TESTS)}", when.key_at(test))
            elif test == "concluded":
                if arg not in CONCLUSIONS:
                    out.add("PF204", f"'concluded' takes refer or not_now, not {show(arg)}"
                            f"{did_you_mean(arg, CONCLUSIONS) if isinstance(arg, str) else ''}", tpos)
                tests.append((test, arg))
            elif test == "among":
                tests.append((test, _among(when, evidence_outcomes, out)))
            elif test == "below":
                tests.append((test, _below(when, evidence_outcomes, out)))
            elif test == "leads":
                if arg not in evidence_outcomes and arg not in getattr(evidence_outcomes, "unsure", ()):
                    out.add("PF213", f"'leads' takes one of the evidence outcomes ({', '.join(evidence_outcomes)}), "
                            f"not {show(arg)}{did_you_mean(arg, evidence_outcomes) if isinstance(arg, str) else ''}", tpos)
                tests.append((test, arg))
            else:
                value = number(arg, tpos, out, test, written_as(when, test))
                if value is not None and value < 0:
                    out.add("PF204", f"{test} must not be negative", tpos)
                elif value is not None and test == "certainty_at_least" and not 0 < value <= 1:
                    out.add("PF221", f"certainty_at_least is a certainty above 0 and at most 1, not {value}", tpos)
                tests.append((test, value))
    sure = "when" in body and len(out.problems) == before
    _leads_within(tests, when, out)
    if not (isinstance(when, Map) and all(test in CLAUSE_TESTS for test in when)):
        return Clause(outcome, tuple(tests), conf, pos), False
    if conf == "shortfall" and not any(t in ("total_below", "strongest_below") for t, _ in tests):
        out.add("PF204", "confidence 'shortfall' needs a 'strongest_below' or 'total_below' test in the same clause",
                body.at("confidence"))
    if conf == "share" and not any(t == "leads" for t, _ in tests):
        out.add("PF204", "confidence 'share' needs a 'leads' test in the same clause", body.at("confidence"))
    if conf == "certainty" and not {"leads", "certainty_at_least"} <= {t for t, _ in tests}:
        out.add("PF204", "confidence 'certainty' needs 'leads' and 'certainty_at_least' tests in the same clause "
                "(the figure is the leading outcome's certainty, above 0)", body.at("confidence"))
    return Clause(outcome, tuple(tests), conf, pos), sure
