"""Validate stage, part 1 (continued): one clause of the decision policy's `decision` list.

Apart from validate_policy.py, which reads the policy's lists of names (outcomes, referrals,
formats): a clause's tests are the policy's arithmetic, and what one test means beside
another (`among`, `leads`, `below`) is judged here, clause by clause.
"""
from __future__ import annotations

from ..errors import Collector, did_you_mean
from .load import Map, Seq
from .model import CONCLUSIONS, Clause
from .policy import SCOPE
from .field_checks import IDENT, check_keys, identifier, is_map, is_seq, number, show, text, written_as
from ..quote import quote

CLAUSE_TESTS = ("concluded", "total_below", "strongest_below", "each_at_least", "ratio_at_most", "leads",
                "certainty_at_least", "among", "below")
CONFIDENCE = ("certain", "share", "balance", "shortfall", "certainty", "doubt")
# what each way of combining evidence can test and how it can state confidence
SUM_ONLY = {"total_below", "strongest_below", "below", "each_at_least", "ratio_at_most", "share", "balance", "shortfall"}
CERTAINTY_ONLY = {"certainty_at_least", "certainty", "doubt"}


def fits_combine(clause: Clause, body: Map, combine: str, out: Collector) -> None:
    """Under `combine: certainty` scores are certainties in [-1, 1], not amounts: a total,
    a ratio or a share of them means nothing (PF222); the certainty tests mean nothing
    under `combine: sum`."""
    wrong = SUM_ONLY if combine == "certainty" else CERTAINTY_ONLY
    when = body.get("when")
    for test, _ in clause.tests:
        if test in wrong and isinstance(when, Map):
            out.add("PF222", f"{quote(test)} does not apply under combine: {combine}; use "
                    f"{', '.join(sorted(_allowed_tests(combine)))}", when.key_at(test))
    if clause.confidence in wrong:
        methods = [m for m in CONFIDENCE if m not in wrong]
        out.add("PF222", f"confidence {quote(clause.confidence)} does not apply under combine: {combine}; use "
                f"{', '.join(methods)}", body.at("confidence"))


def compares_two(clause: Clause, body: Map, evidence_outcomes: tuple, combine: str, out: Collector) -> None:
    """`leads` and `ratio_at_most` compare the outcomes a clause weighs with each other. Over
    one outcome `leads` always holds (there is no other to lead) and a ratio is a score over
    itself, so the clause would decide on nothing it tests: PF204, once at an `among` that
    names one outcome, else at each such test when the policy weighs one evidence outcome.
    Judged only where what the clause weighs is known (every `among` entry, or every
    evidence outcome, validated), and `ratio_at_most` only where it applies (PF222 elsewhere)."""
    tests, when = dict(clause.tests), body.get("when")
    among = tests.get(SCOPE)
    if among is not None and not whole_among(clause.tests, when) or \
            among is None and (getattr(evidence_outcomes, "unsure", ()) or not isinstance(when, Map)):
        return
    weighed = among if among is not None else evidence_outcomes
    if len(weighed) != 1:
        return
    found = [t for t in ("leads", "ratio_at_most") if t in tests and not (t == "leads" and tests[t] != weighed[0])
             and not (t == "ratio_at_most" and combine != "sum")]  # a lead outside `among` never holds (above)
    why = {"leads": "'leads' always holds over one outcome (there is no other to lead)",
           "ratio_at_most": "'ratio_at_most' over one outcome is its score over itself, always 1"}
    if found and among is not None:
        out.add("PF204", f"{'; '.join(why[t] for t in found)}: `among` names only {weighed[0]}; "
                "name at least two outcomes, or drop the test", when.at(SCOPE))
    for test in found if among is None else ():
        out.add("PF204", f"{why[test]}: {weighed[0]} is the only evidence outcome", when.at(test))


def certain_concludes(clause: Clause, body: Map, out: Collector) -> None:
    """`confidence: certain` is 1, shared by the rules that concluded what the clause's
    `concluded` test names (docs/decision.md, "Confidence"). A clause that tests no conclusion
    decides on evidence alone: 1 would misstate its share of the evidence, and no rule concluded
    it to share the figure, so it is refused (PF204 at `confidence`), as 'share' without
    'leads' is. Judged only where every test is known (a misspelt `concluded` is its own
    error), and not for refer, whose clause has its own error for a missing `concluded: refer`."""
    when = body.get("when")
    if clause.confidence != "certain" or clause.outcome == "refer" or not isinstance(when, Map) \
            or not all(test in CLAUSE_TESTS for test in when) or "concluded" in dict(clause.tests):
        return
    out.add("PF204", "confidence 'certain' needs a 'concluded' test in the same clause: its figure is 1, shared "
            "by the rules that concluded refer or not now; a clause deciding on evidence alone states its "
            "confidence with another method", body.at("confidence"))


def _allowed_tests(combine: str) -> list:
    wrong = SUM_ONLY if combine == "certainty" else CERTAINTY_ONLY
    return [t for t in CLAUSE_TESTS if t not in wrong]


def names_listed(m: Map, key: str, out: Collector, allowed: tuple | None = None, unsure: tuple = ()) -> tuple:
    """The identifiers listed at `key`, each once and, with `allowed`, one of those; a name
    in `unsure` (see Names) is kept unjudged."""
    if key not in m or not is_seq(m[key], m.at(key), out, key):
        return ()
    names = []
    for i, v in enumerate(m[key]):
        if not identifier(v, m[key].at(i), out, f"{key} entry", IDENT):
            continue
        if allowed is not None and v not in allowed and v not in unsure:
            out.add("PF213", f"{quote(v)} is not one of {', '.join(allowed)}{did_you_mean(v, allowed)}", m[key].at(i))
            continue
        if v in names:
            out.add("PF204", f"{quote(v)} listed twice", m[key].at(i))
            continue
        names.append(v)
    return tuple(names)



def evidence_listed(evidence_outcomes: tuple) -> str:
    """The evidence outcomes as a message lists them; under `evidence_outcomes: []` (a policy
    whose rules only refer or say not now) it says the list is empty, not "()" or nothing."""
    return ", ".join(evidence_outcomes) if evidence_outcomes else "none: the policy's evidence_outcomes is empty"


def _among(when: Map, evidence_outcomes: tuple, out: Collector) -> tuple:
    """`among: [outcomes]`: the evidence outcomes the clause's tests and confidence weigh."""
    raw = when["among"]
    if not evidence_outcomes and not getattr(evidence_outcomes, "unsure", ()) and isinstance(raw, Seq):
        for i, name in enumerate(raw):  # every entry names what is not there: said as 'below' and 'leads' say it
            out.add("PF213", f"'among' takes evidence outcomes ({evidence_listed(evidence_outcomes)}), not {show(name)}",
                    raw.at(i))
        if not raw:
            out.add("PF204", "`among` names at least one evidence outcome", when.at("among"))
        return ()
    names = names_listed(when, "among", out, evidence_outcomes, getattr(evidence_outcomes, "unsure", ()))
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
            out.add("PF213", f"'below' takes evidence outcomes ({evidence_listed(evidence_outcomes)}), not {show(name)}"
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


def whole_among(tests, when) -> bool:
    """Whether every entry of the clause's `among` validated: only then is what it names
    known, and another test judged against it (a misspelt entry is its own one error)."""
    among = dict(tests).get("among")
    return among is not None and isinstance(when, Map) and isinstance(when.get("among"), Seq) \
        and len(among) == len(when["among"])


def _leads_within(tests: list, when, evidence_outcomes: tuple, out: Collector) -> None:
    """`leads: O` and `below` beside `among` read only the outcomes `among` names, so
    they must name outcomes among them. A `leads` that names no evidence outcome, or an
    `among` entry that names none, has its own error (PF213, with a did-you-mean), so the
    lead is not also called one that never holds, nor `below` one outside `among`."""
    found = dict(tests)
    among, lead = found.get("among"), found.get("leads")
    known = lead in evidence_outcomes or lead in getattr(evidence_outcomes, "unsure", ())
    if among and lead is not None and known and whole_among(tests, when) and lead not in among:
        out.add("PF204", f"'leads: {lead}' can never hold: {quote(lead)} is not among {', '.join(among)}",
                when.at("leads"))
    outside = [o for o, _ in found.get("below", ()) if o not in among] if among and whole_among(tests, when) else []
    if outside:
        out.add("PF204", f"'below' names {', '.join(outside)}, not among {', '.join(among)}", when.at("below"))


def parse_clause(body, pos, evidence_outcomes: tuple, declared: tuple, out: Collector) -> tuple[Clause | None, bool]:
    """-> (the clause, whether its `when` validated). A test that did not validate is
    broken, not absent: it stays in the clause's tests with the value None (as a refused
    number's), so what needs a test in the same clause is judged only when every test key
    is known, and no check reads a value validation refused (a list, say, which the
    clause-order check would have to hash)."""
    if not is_map(body, pos, out, "decision clause"):
        return None, False
    check_keys(body, ("outcome", "when", "confidence"), (), out, "decision clause")
    outcome = text(body, "outcome", out, "outcome")
    if outcome and outcome not in declared:
        out.add("PF213", f"outcome {quote(outcome)} is not declared in the policy's outcomes ({', '.join(declared)})"
                f"{did_you_mean(outcome, declared)}", body.at("outcome"))
    conf = text(body, "confidence", out, "confidence")
    if conf and conf not in CONFIDENCE:
        out.add("PF204", f"confidence {quote(conf)} is not one of {', '.join(CONFIDENCE)}{did_you_mean(conf, CONFIDENCE)}", body.at("confidence"))
    tests = []
    when = body.get("when")
    before = len(out.problems)
    if "when" in body and is_map(when, body.at("when"), out, "when"):
        for test, arg in when.items():
            tpos = when.at(test)
            if test not in CLAUSE_TESTS:
                out.add("PF202", f"unknown decision test {quote(test)}{did_you_mean(test, CLAUSE_TESTS)}", when.key_at(test))
            elif test == "concluded":
                if arg not in CONCLUSIONS:
                    out.add("PF204", f"'concluded' takes refer or not_now, not {show(arg)}"
                            f"{did_you_mean(arg, CONCLUSIONS) if isinstance(arg, str) else ''}", tpos)
                    arg = None  # refused: the test stays written, its value reaches no check
                tests.append((test, arg))
            elif test == "among":
                tests.append((test, _among(when, evidence_outcomes, out)))
            elif test == "below":
                tests.append((test, _below(when, evidence_outcomes, out)))
            elif test == "leads":
                if not isinstance(arg, str) or \
                        arg not in evidence_outcomes and arg not in getattr(evidence_outcomes, "unsure", ()):
                    out.add("PF213", f"'leads' takes one of the evidence outcomes ({evidence_listed(evidence_outcomes)}), "
                            f"not {show(arg)}{did_you_mean(arg, evidence_outcomes) if isinstance(arg, str) else ''}", tpos)
                    arg = None  # refused: as `concluded`'s
                tests.append((test, arg))
            else:
                value = number(arg, tpos, out, test, written_as(when, test))
                if value is not None and value < 0:
                    out.add("PF204", f"{test} must not be negative", tpos)
                elif value is not None and test == "certainty_at_least" and not 0 < value <= 1:
                    out.add("PF221", f"certainty_at_least is a certainty above 0 and at most 1, not {value}", tpos)
                tests.append((test, value))
    sure = "when" in body and len(out.problems) == before
    _leads_within(tests, when, evidence_outcomes, out)
    if not (isinstance(when, Map) and all(test in CLAUSE_TESTS for test in when)):
        return Clause(outcome, tuple(tests), conf, pos), False
    if conf == "shortfall" and not any(t in ("total_below", "strongest_below") for t, _ in tests):
        out.add("PF204", "confidence 'shortfall' needs a 'strongest_below' or 'total_below' test in the same clause",
                body.at("confidence"))
    if outcome == "refer" and outcome in declared and dict(tests).get("concluded", "not_now") == "not_now":
        out.add("PF204", "a clause giving refer must test `concluded: refer`: refer carries the referral a rule "
                "concluded, and without that test it could be given with none", body.at("outcome"))
    if conf == "share" and not any(t == "leads" for t, _ in tests):
        out.add("PF204", "confidence 'share' needs a 'leads' test in the same clause", body.at("confidence"))
    if conf == "certainty" and not {"leads", "certainty_at_least"} <= {t for t, _ in tests}:
        out.add("PF204", "confidence 'certainty' needs 'leads' and 'certainty_at_least' tests in the same clause "
                "(the figure is the leading outcome's certainty, above 0)", body.at("confidence"))
    return Clause(outcome, tuple(tests), conf, pos), sure
