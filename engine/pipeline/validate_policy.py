"""Validate stage, part 1 (continued): the decision policy (policy.yaml), which says, as data,
how evidence becomes one outcome. Apart from the schema (validate_schema.py): the two files
change for different reasons, the questions asked and the way they are weighed. Each
`decision` clause is read by validate_clauses.py.
"""
from __future__ import annotations

from ..errors import Collector, Pos, closest, did_you_mean
from .load import Map, Seq
from .model import COMBINE, CONCLUSIONS, OutcomeDef, Policy
from .policy import CLASSIC, CLASSIC_EVIDENCE
from .field_checks import IDENT, Names, check_keys, identifier, is_map, is_seq, show, text
from .validate_clauses import certain_concludes, compares_two, fits_combine, names_listed, parse_clause
from ..quote import quote

POLICY_KEYS = (("decision", "evidence_outcomes", "referrals"), ("formats", "description", "subject", "outcomes", "combine"))
ALL_KEYS = POLICY_KEYS[0] + POLICY_KEYS[1]
OUTCOME_KEYS = (("name", "label"), ("description",))
SUBJECT_POLICIES = ("sensitive", "public")


def parse_policy(doc, out: Collector, unsure: set | None = None, at: Pos | None = None) -> Policy | None:
    """`unsure`, when given, gets the position of each decision clause whose `when` did not
    validate: what its tests are is not known, so lint judges no clause order by them. `at`:
    where the document's value is written, for one that is no mapping (load.parse_yaml's
    `root`). None for a policy that could not be read: rules are then not judged by it."""
    if not is_map(doc, getattr(doc, "pos", at), out, "policy.yaml"):
        return None
    check_keys(doc, *POLICY_KEYS, out, "policy.yaml")
    declared = _outcomes(doc, out)
    names = tuple(o.name for o in declared or CLASSIC)
    ev = _evidence_outcomes(doc, names if declared else CLASSIC_EVIDENCE, out)
    for name in ev:
        if name in CONCLUSIONS:
            out.add("PF220", f"{quote(name)} is concluded by a rule's effect (`{name}` in `then`), not weighed as evidence",
                    doc["evidence_outcomes"].at(list(doc["evidence_outcomes"]).index(name)))
    refs, referral_labels = _referrals(doc, out)
    formats = _formats(doc, names, out)
    combine = doc.get("combine", "sum")
    if combine not in COMBINE:
        out.add("PF204", f"combine is {' or '.join(COMBINE)}, not {show(combine)}"
                f"{did_you_mean(combine, COMBINE) if isinstance(combine, str) else ''}", doc.at("combine"))
        combine = "sum"
    clauses, clause = [], None
    if "decision" in doc and is_seq(doc["decision"], doc.at("decision"), out, "decision"):
        for i, body in enumerate(doc["decision"]):
            clause, sure = parse_clause(body, doc["decision"].at(i), ev, names, out)
            if clause and isinstance(body, Map):
                fits_combine(clause, body, combine, out)
                compares_two(clause, body, ev, combine, out)
                certain_concludes(clause, body, out)
            if clause:
                clauses.append(clause)
            if clause and not sure and unsure is not None:
                unsure.add(clause.pos)
        # judged by the tests that validated: a misspelt one might be `among`
        if clause and any(test != "among" for test, _ in clause.tests):
            out.add("PF204", "the last decision clause must have no tests (`when: {}`, or only `among`), so every case gets an outcome", doc["decision"].at(len(doc["decision"]) - 1))
    subject = doc.get("subject", "sensitive")
    if subject not in SUBJECT_POLICIES:
        out.add("PF204", f"subject is sensitive or public, not {show(subject)}"
                f"{did_you_mean(subject, SUBJECT_POLICIES) if isinstance(subject, str) else ''}", doc.at("subject"))
        subject = "sensitive"
    return Policy(ev, refs, formats, tuple(clauses), doc.pos, subject, declared, combine, referral_labels)


def _misspelt(doc: Map, key: str) -> bool:
    """Whether `key` is missing and another key of the policy is near it (`formts:`, PF202 with
    its did-you-mean): what the author declared there is then not known to be nothing."""
    return key not in doc and any(isinstance(k, str) and k not in ALL_KEYS and closest(k, ALL_KEYS) == key
                                  for k in doc)


def _formats(doc: Map, outcomes: tuple, out: Collector) -> tuple:
    """`formats: {name: {for: [outcomes]}}` -> (name, outcomes) pairs. Where the
    mapping was refused or misspelt they are Names `unread`, and a format whose body was refused
    is `unsure`: a rule suggesting one is not told the format is unknown (the policy's own
    error is the one message for that mistake)."""
    formats, broken = [], []
    listed = "formats" in doc and is_map(doc["formats"], doc.at("formats"), out, "formats")
    for fmt, body in doc["formats"].items() if listed else ():
        pos = doc["formats"].key_at(fmt)
        if not identifier(fmt, pos, out, "format") or not is_map(body, doc["formats"].at(fmt), out, f"format {quote(fmt)}"):
            broken.append(fmt)
            continue
        check_keys(body, ("for",), (), out, f"format {quote(fmt)}")
        formats.append((fmt, names_listed(body, "for", out, allowed=outcomes)))
    unread = "formats" in doc and not listed or _misspelt(doc, "formats")
    return _names(formats, unread, tuple(broken))


def _referrals(doc: Map, out: Collector) -> tuple[tuple, tuple]:
    """`referrals`, in precedence order: each a name, or {name, label} to word where the referral
    sends the person. The words belong to the rule set that gives the referral, not to the engine:
    another rule set's `training` may mean another training. -> (names, ((name, label), ...)).
    The names are `unread` (see Names) where the list, or one of its entries, was refused or the
    key misspelt: referral names are the author's own, so any of them may have been meant."""
    raw = doc.get("referrals")
    if not isinstance(raw, Seq) or not any(isinstance(v, Map) for v in raw):
        names = names_listed(doc, "referrals", out)  # the plain list of names
        return _names(names, not isinstance(raw, Seq) or not all(isinstance(v, str) and IDENT.match(v) for v in raw)), ()
    names, labels, unread = [], [], False
    for i, body in enumerate(raw):
        pos, label = raw.at(i), None
        if isinstance(body, Map):
            check_keys(body, ("name", "label"), (), out, "referral")
            name, pos = body.get("name"), body.at("name") if "name" in body else pos
            label = text(body, "label", out, "label")
            if "label" in body and isinstance(body["label"], str) and not label.strip():
                out.add("PF204", "label must not be empty", body.at("label"))
            if "name" not in body:
                unread = True
                continue
        else:
            name = body
        if not identifier(name, pos, out, "referrals entry", IDENT):
            unread = True
            continue
        if name in names:
            out.add("PF204", f"{quote(name)} listed twice", pos)
            continue
        names.append(name)
        if label and label.strip():
            labels.append((name, label))
    return _names(names, unread), tuple(labels)


def _names(names: list | tuple, unread: bool, unsure: tuple = ()) -> tuple:
    """`names` as a plain tuple, or, where something in the list was refused, as Names saying
    what cannot be judged: only a policy that is refused ever holds one."""
    if not unread and not unsure:
        return tuple(names)
    found = Names(names)
    found.unread, found.unsure = unread, unsure
    return found


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
            out.add("PF204", f"outcome {quote(name)} declared twice", body.at("name"))
            continue
        found.append(OutcomeDef(name, label, text(body, "description", out, "description"), pos))
    if not found and not doc["outcomes"]:
        out.add("PF204", "`outcomes` declares at least one outcome (omit it for the classic ones)", doc.at("outcomes"))
    return tuple(found)


def _evidence_outcomes(doc: Map, allowed: tuple, out: Collector) -> tuple:
    """`evidence_outcomes`; when it is missing, or not a list, or an entry did not validate,
    a Names whose `unsure` are the allowed outcomes it does not hold (see Names)."""
    # a conclusion listed is kept for PF220, declared outcomes or the classic ones alike: never PF213
    # "'refer' is not one of coaching, mentoring" for the same fault
    ev = names_listed(doc, "evidence_outcomes", out, allowed, unsure=CONCLUSIONS)
    raw = doc.get("evidence_outcomes")
    if isinstance(raw, Seq) and all(v in ev for v in raw):
        return ev
    ev = Names(ev)
    ev.unsure = tuple(o for o in allowed if o not in ev and o not in CONCLUSIONS)
    return ev
