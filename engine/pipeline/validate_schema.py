"""Validate stage, part 1: the fact schema (schema.yaml) and the decision policy (policy.yaml).

The schema is the questionnaire contract HR staff and other programs depend
on; the policy says, as data, how evidence becomes one outcome.
"""
from __future__ import annotations

from ..errors import Collector, did_you_mean
from .load import Map, Seq
from .model import COMBINE, CONCLUSIONS, FACT_TYPES, Clause, FactDef, OutcomeDef, Policy, value_fact
from .policy import CLASSIC, CLASSIC_EVIDENCE
from .field_checks import IDENT, boolean, check_keys, identifier, is_map, is_seq, number, show, text, written_as

SCHEMA_KEYS = (("facts",), ("ruleset", "knowledge_base", "derived", "description"))
INPUT_KEYS = (("type", "question"), ("values", "min", "max", "integer", "help", "sensitive", "screening", "unit", "label",
                                     "labels"))
DERIVED_KEYS = (("description",), ("type", "values"))
CLAUSE_TESTS = ("concluded", "total_below", "strongest_below", "each_at_least", "ratio_at_most", "leads",
                "certainty_at_least", "among", "below")
CONFIDENCE = ("certain", "share", "balance", "shortfall", "certainty", "doubt")
# what each way of combining evidence can test and how it can state confidence
SUM_ONLY = {"total_below", "strongest_below", "below", "each_at_least", "ratio_at_most", "share", "balance", "shortfall"}
CERTAINTY_ONLY = {"certainty_at_least", "certainty", "doubt"}


def parse_schema(doc, out: Collector) -> tuple[dict, str, str]:
    """-> (facts by name, rule-set name, knowledge-base path)."""
    facts: dict[str, FactDef] = {}
    if not is_map(doc, getattr(doc, "pos", None), out, "schema.yaml"):
        return facts, "", ""
    check_keys(doc, *SCHEMA_KEYS, out, "schema.yaml")
    name = text(doc, "ruleset", out, "ruleset", "rules")
    kb = text(doc, "knowledge_base", out, "knowledge_base", "knowledge_base.md")
    if "facts" in doc and is_map(doc["facts"], doc.at("facts"), out, "facts"):
        for fname, body in doc["facts"].items():
            fact = _input_fact(fname, body, doc["facts"], out)
            if fact:
                facts[fname] = fact
    if "derived" in doc and is_map(doc["derived"], doc.at("derived"), out, "derived"):
        for fname, body in doc["derived"].items():
            pos = doc["derived"].key_at(fname)
            if not identifier(fname, pos, out, "derived fact name"):
                continue
            if fname in facts:
                out.add("PF212", f"{fname!r} is declared both as an input and as a derived fact", pos)
                continue
            if is_map(body, doc["derived"].at(fname), out, f"derived fact {fname!r}"):
                check_keys(body, *DERIVED_KEYS, out, f"derived fact {fname!r}")
                description = text(body, "description", out, "description")
                if "type" not in body and "values" not in body:
                    facts[fname] = FactDef(fname, "derived", "bool", (True, False), description=description, pos=pos)
                    continue
                written = body.get("values")
                for value in _derived_values(fname, body, out):  # each at its value: where it is declared
                    per_value = value_fact(fname, value)
                    facts[per_value] = FactDef(per_value, "derived", "bool", (True, False),
                                               description=f"{fname} is {value}: {description}",
                                               pos=written.at(written.index(value)))
    return facts, name, kb


def _derived_values(fname: str, body: Map, out: Collector) -> tuple:
    """A valued derived fact's values (`type: enum` with `values`), checked as an input enum's."""
    if body.get("type") != "enum":
        where = body.at("type") if "type" in body else body.pos
        out.add("PF204", f"derived fact {fname!r}: a derived fact is true or false (no type), or `type: enum` "
                "with `values`", where)
        return ()
    raw = body.get("values")
    if "values" not in body:
        out.add("PF201", f"enum derived fact {fname!r} needs 'values'", body.pos)
        return ()
    if not is_seq(raw, body.at("values"), out, "values"):
        return ()
    values = _values(raw, out)
    if not values:
        out.add("PF204", f"derived fact {fname!r} declares no values", body.at("values"))
    return values


def _values(raw: Seq, out: Collector) -> tuple:
    """An enum's or set's `values` (input or derived): identifiers, each once, no YAML surprise."""
    seen: list[str] = []
    for i, v in enumerate(raw):
        if isinstance(v, bool) and i in raw.surprises:
            out.add("PF211", f"value {raw.surprises[i]!r} was read as {show(v)}; quote it", raw.at(i))
        elif identifier(v, raw.at(i), out, "value"):
            if v in seen:
                out.add("PF204", f"value {v!r} listed twice", raw.at(i))
            else:
                seen.append(v)
    return tuple(seen)


def _input_fact(fname: str, body, parent: Map, out: Collector) -> FactDef | None:
    pos = parent.key_at(fname)
    if not identifier(fname, pos, out, "fact name") or not is_map(body, parent.at(fname), out, f"fact {fname!r}"):
        return None
    check_keys(body, *INPUT_KEYS, out, f"fact {fname!r}")
    # read whatever the type: a bad type must not hide (or change the severity of) a problem here
    common = dict(question=text(body, "question", out, "question"), help=text(body, "help", out, "help"),
                  sensitive=boolean(body, "sensitive", out, "sensitive"), pos=pos,
                  screening=boolean(body, "screening", out, "screening"), label=text(body, "label", out, "label"))
    ftype = text(body, "type", out, "type")
    if ftype not in FACT_TYPES:
        if "type" in body:
            out.add("PF204", f"type {show(body['type'])} is not one of {', '.join(FACT_TYPES)}{did_you_mean(ftype, FACT_TYPES)}", body.at("type"))
        return FactDef(fname, "input", "invalid", pos=pos)  # keeps rules that read it from cascading errors
    values: tuple = ()
    if ftype in ("enum", "set"):
        raw = body.get("values")
        if "values" not in body:
            out.add("PF201", f"{ftype} fact {fname!r} needs 'values'", body.pos)
        elif is_seq(raw, body.at("values"), out, "values"):
            values = _values(raw, out)
            if not values:
                out.add("PF204", f"fact {fname!r} declares no values", body.at("values"))
    elif "values" in body:
        out.add("PF202", f"'values' does not apply to a {ftype} fact", body.key_at("values"))
    labels = _labels(body, ftype, values, out)
    lo = hi = None
    integer = False
    if ftype == "number":
        for key in ("min", "max"):
            if key not in body:
                out.add("PF201", f"number fact {fname!r} needs {key!r}", body.pos)
        lo = number(body.get("min"), body.at("min"), out, "min", written_as(body, "min")) if "min" in body else None
        hi = number(body.get("max"), body.at("max"), out, "max", written_as(body, "max")) if "max" in body else None
        if lo is not None and hi is not None and lo > hi:
            out.add("PF204", f"min {lo} is greater than max {hi}", body.at("min"))
        integer = boolean(body, "integer", out, "integer")
        if lo is None or hi is None:  # no usable range: rules reading it are checked no further
            return FactDef(fname, "input", "invalid", pos=pos)
    else:
        for key in ("min", "max", "integer", "unit"):
            if key in body:
                out.add("PF202", f"{key!r} does not apply to a {ftype} fact", body.key_at(key))
    return FactDef(fname, "input", ftype, values, lo, hi, integer, labels=labels,
                   unit=text(body, "unit", out, "unit") if ftype == "number" else "", **common)


def _labels(body, ftype: str, values: tuple, out: Collector) -> tuple:
    """`labels: {value: readable text}` for an enum or set: what HR staff read in the
    interview and the web form instead of the identifier the rules use."""
    if "labels" not in body:
        return ()
    if ftype not in ("enum", "set"):
        out.add("PF202", f"'labels' does not apply to a {ftype} fact", body.key_at("labels"))
        return ()
    raw = body["labels"]
    if not is_map(raw, body.at("labels"), out, "labels"):
        return ()
    pairs = []
    for value in raw:
        if value not in values:
            out.add("PF204", f"labels: {show(value)} is not one of the fact's values"
                    f"{did_you_mean(str(value), values)}", raw.key_at(value))
            continue
        label = text(raw, value, out, f"label of {value!r}")
        if ftype == "set" and "," in label:
            out.add("PF204", f"label of {value!r}: a set's labels cannot hold a comma (an answer separates "
                    "items with commas)", raw.at(value))
        elif label:
            pairs.append((value, label))
    return tuple(sorted(pairs, key=lambda p: values.index(p[0])))


POLICY_KEYS = (("decision", "evidence_outcomes", "referrals"), ("formats", "description", "subject", "outcomes", "combine"))
OUTCOME_KEYS = (("name", "label"), ("description",))
SUBJECT_POLICIES = ("sensitive", "public")


def parse_policy(doc, out: Collector) -> Policy | None:
    if not is_map(doc, getattr(doc, "pos", None), out, "policy.yaml"):
        return None
    check_keys(doc, *POLICY_KEYS, out, "policy.yaml")
    declared = _outcomes(doc, out)
    names = tuple(o.name for o in declared or CLASSIC)
    ev = _names(doc, "evidence_outcomes", out, allowed=names if declared else CLASSIC_EVIDENCE)
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
    clauses = []
    if "decision" in doc and is_seq(doc["decision"], doc.at("decision"), out, "decision"):
        for i, body in enumerate(doc["decision"]):
            clause = _clause(body, doc["decision"].at(i), ev, names, out)
            if clause and isinstance(body, Map):
                _fits_combine(clause, body, combine, out)
            if clause:
                clauses.append(clause)
        if clauses and any(test != "among" for test, _ in clauses[-1].tests):
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


def _names(m: Map, key: str, out: Collector, allowed: tuple | None = None) -> tuple:
    if key not in m or not is_seq(m[key], m.at(key), out, key):
        return ()
    names = []
    for i, v in enumerate(m[key]):
        if not identifier(v, m[key].at(i), out, f"{key} entry", IDENT):
            continue
        if allowed is not None and v not in allowed:
            out.add("PF213", f"{v!r} is not one of {', '.join(allowed)}{did_you_mean(v, allowed)}", m[key].at(i))
            continue
        if v in names:
            out.add("PF204", f"{v!r} listed twice", m[key].at(i))
            continue
        names.append(v)
    return tuple(names)


def _among(when: Map, evidence_outcomes: tuple, out: Collector) -> tuple:
    """`among: [outcomes]`: the evidence outcomes the clause's tests and confidence weigh."""
    names = _names(when, "among", out, allowed=evidence_outcomes)
    if not names and isinstance(when["among"], Seq):
        out.add("PF204", "`among` names at least one evidence outcome", when.at("among"))
    return names


def _below(when: Map, evidence_outcomes: tuple, out: Collector) -> tuple:
    """`below: {outcome: N, ...}`: each named evidence outcome's own score below its N."""
    body = when["below"]
    if not is_map(body, when.at("below"), out, "below"):
        return ()
    found = []
    for name, arg in body.items():
        if name not in evidence_outcomes:
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


def _clause(body, pos, evidence_outcomes: tuple, declared: tuple, out: Collector) -> Clause | None:
    if not is_map(body, pos, out, "decision clause"):
        return None
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
    if "when" in body and is_map(when, body.at("when"), out, "when"):
        for test, arg in when.items():
            tpos = when.at(test)
            if test not in CLAUSE_TESTS:
                out.add("PF202", f"unknown decision test {test!r}{did_you_mean(test, CLAUSE_TESTS)}", when.key_at(test))
            elif test == "concluded":
                if arg not in CONCLUSIONS:
                    out.add("PF204", f"'concluded' takes refer or not_now, not {show(arg)}", tpos)
                tests.append((test, arg))
            elif test == "among":
                tests.append((test, _among(when, evidence_outcomes, out)))
            elif test == "below":
                tests.append((test, _below(when, evidence_outcomes, out)))
            elif test == "leads":
                if arg not in evidence_outcomes:
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
    _leads_within(tests, when, out)
    if conf == "shortfall" and not any(t in ("total_below", "strongest_below") for t, _ in tests):
        out.add("PF204", "confidence 'shortfall' needs a 'strongest_below' or 'total_below' test in the same clause",
                body.at("confidence"))
    if conf == "share" and not any(t == "leads" for t, _ in tests):
        out.add("PF204", "confidence 'share' needs a 'leads' test in the same clause", body.at("confidence"))
    if conf == "certainty" and not {"leads", "certainty_at_least"} <= {t for t, _ in tests}:
        out.add("PF204", "confidence 'certainty' needs 'leads' and 'certainty_at_least' tests in the same clause "
                "(the figure is the leading outcome's certainty, above 0)", body.at("confidence"))
    return Clause(outcome, tuple(tests), conf, pos)
