"""A rule's effects (`then`) and citations (`cites`), read for rules and table rows alike."""
from __future__ import annotations

from ..errors import Collector, Pos, did_you_mean
from .knowledge_base import near_hint
from .field_checks import UnreadFacts, check_keys, is_map, is_seq, number, show, type_name, unjudged, written_as
from .load import Map, Seq
from .model import Effects, Policy, valued_facts
from .operands import derive_map
from ..quote import quote

THEN_KEYS = ("derive", "evidence", "suggest", "refer", "not_now")
LISTS = ("derive", "evidence", "suggest")  # the effects written as a list or a mapping, which may be empty


def parse_cites(body: Map, out: Collector, sections: dict | None = None, owner: str = "this rule") -> list[str]:
    """A rule's (or a decision table's, or a row's) `cites`: anchor names, at least one,
    each checked against the knowledge base's `sections` at its own token, so a rule with
    another error still has its citations checked (no sections: the knowledge base's own
    error says why)."""
    cites: list[str] = []
    if is_seq(body["cites"], body.at("cites"), out, "cites"):
        for j, c in enumerate(body["cites"]):
            if not isinstance(c, str):
                out.add("PF203", f"citation must be an anchor name, not {type_name(c)}", body["cites"].at(j))
                continue
            if sections and c not in sections:
                near = near_hint(getattr(sections, "near", {}), c)
                out.add("PF207", f"{owner} cites {quote(c)}, which is no section of the knowledge base"
                        f"{near or did_you_mean(c, sections)}", body["cites"].at(j))
            cites.append(c)
        if not cites and not body["cites"]:
            out.add("PF201", "a rule cites at least one knowledge-base section", body.at("cites"))
    return cites


def parse_then(raw, pos: Pos, facts: dict, policy: Policy | None, out: Collector,
               valued: dict | None = None) -> Effects | None:
    """`valued` is valued_facts(facts) if the caller has it (worked out once per rule file).
    None when the effects do not validate for certain: an entry naming a fact whose declaration
    did not validate, or an evidence outcome an entry of the policy's list that did not validate
    may have meant, is not judged (that declaration's error is the one message) and the rule
    is left out as any rule with an error is. With no `policy` (policy.yaml could not be read)
    no format, referral, evidence outcome or weight's range is judged: what the policy would
    allow is not known, and its own error is the message."""
    if not is_map(raw, pos, out, "then"):
        return None
    check_keys(raw, (), THEN_KEYS, out, "then")
    derive, suggest, evidence = [], [], []
    unsure = False  # met something only a broken declaration could say is right or wrong
    if "derive" in raw and isinstance(raw["derive"], Map):
        unsure = any(_broken(facts, n) for n in raw["derive"])
        derive = derive_map(raw["derive"], facts, out, valued)
    for i, name in enumerate(raw.get("derive") or ()) if "derive" in raw and not isinstance(raw["derive"], Map) \
            and is_seq_opt(raw, "derive", out) else ():
        fact = facts.get(name) if isinstance(name, str) and "=" not in name else None
        if _broken(facts, name) or fact is None and isinstance(facts, UnreadFacts):
            unsure = True
        elif fact is None or fact.kind != "derived":
            valued = valued_facts(facts)
            hint = " (it is an input fact; rules derive only facts declared under 'derived')" if fact else \
                f" alone: it takes a value, `derive: {{{name}: VALUE}}` ({', '.join(valued[name])})" \
                if name in valued else \
                did_you_mean(name, [f for f, d in facts.items() if d.kind == "derived" and "=" not in f] + list(valued))
            out.add("PF205", f"cannot derive {show(name)}{hint}", raw["derive"].at(i))
        elif name not in derive:
            derive.append(name)
    read = policy is not None
    formats = dict(policy.formats) if read else {}
    for i, name in enumerate(raw.get("suggest") or ()) if is_seq_opt(raw, "suggest", out) else ():
        if read and name not in formats and unjudged(policy.formats, name):
            unsure = True  # the policy's formats, or this one, were refused: that is the one message
        elif read and name not in formats:
            out.add("PF213", f"unknown format {show(name)}{did_you_mean(name, formats)}", raw["suggest"].at(i))
        elif name not in suggest:
            suggest.append(name)
    if "evidence" in raw and is_map(raw["evidence"], raw.at("evidence"), out, "evidence"):
        allowed = policy.evidence_outcomes if policy else ()
        maybe = getattr(allowed, "unsure", ())  # what a policy entry that did not validate may have meant
        certainty = policy is not None and policy.combine == "certainty"
        for outcome, weight in raw["evidence"].items():
            # the value is checked whatever the outcome, so one run reports both
            # None when refused as written (PF211): no range judged from its reading, none kept
            w = number(weight, raw["evidence"].at(outcome), out, "certainty factor" if certainty else "evidence weight",
                       written_as(raw["evidence"], outcome))
            if not read:  # neither the outcomes nor how weights combine are known
                if w is not None:
                    evidence.append((outcome, w))
                continue
            if w is not None and certainty and not -1 <= w <= 1:
                out.add("PF221", f"a certainty factor is from -1 to 1 (combine: certainty), not {w}",
                        raw["evidence"].at(outcome))
            elif w is not None and certainty and w == 0:
                out.add("PF204", "a certainty factor of 0 says nothing; omit it", raw["evidence"].at(outcome))
            elif w is not None and not certainty and w <= 0:
                out.add("PF204", "evidence weight must be greater than 0", raw["evidence"].at(outcome))
            if outcome in maybe:
                unsure = True
            elif outcome not in allowed:
                goes = ", ".join(allowed) if allowed else "no outcome (the policy's evidence_outcomes is empty)"
                out.add("PF213", f"evidence for {quote(outcome)}: evidence goes to {goes}{did_you_mean(outcome, allowed)}",
                        raw["evidence"].key_at(outcome))
            elif w is not None and (-1 <= w <= 1 and w != 0 if certainty else w > 0):
                evidence.append((outcome, w))
    refer = None
    if "refer" in raw:
        refer = raw["refer"]
        referrals = policy.referrals if read else ()
        if read and refer not in referrals and unjudged(referrals, refer):
            unsure = True  # the policy's referrals were refused: that is the one message
        elif read and refer not in referrals:
            out.add("PF213", f"unknown referral {show(refer)}{did_you_mean(refer, referrals)}", raw.at("refer"))
    not_now = False
    if "not_now" in raw:
        if raw["not_now"] is not True:
            out.add("PF204", "not_now takes true (omit it otherwise)", raw.at("not_now"))
        not_now = True
    if all(key in LISTS and isinstance(value, (Map, Seq)) and not value for key, value in raw.items()):
        # nothing written to do (`{}`, `{evidence: {}}`, `{derive: [], suggest: []}`); an entry
        # that did not validate has its own error, and a `then` with one is not called empty
        out.add("PF214", "`then` does nothing: derive, evidence, suggest, refer or not_now", pos)
    if unsure:
        return None
    return Effects(tuple(derive), tuple(sorted(evidence)), tuple(suggest), refer, not_now)


def same_effects(a: Effects, b: Effects) -> bool:
    """Whether two rules' effects do the same for a person: the facts they derive and the
    formats they suggest are sets (a decision lists its formats in the policy's order, and a
    derived fact holds however many rules derive it), so the order they are written in is no
    part of it; evidence is one weight per outcome, kept sorted by outcome already."""
    return (a.evidence, a.refer, a.not_now) == (b.evidence, b.refer, b.not_now) and \
        set(a.derive) == set(b.derive) and set(a.suggest) == set(b.suggest)


def adds_nothing(a: Effects, b: Effects) -> bool:
    """Whether effects `a` do nothing for a person that `b` does not do already when both rules
    fire: a fact holds, a format is listed and a referral or not now is concluded once however
    many rules give it, so `a`'s must be among `b`'s; evidence is never nothing, since weights
    add up (a rule adding evidence beside a more general one is a way to weigh a case more)."""
    return not a.evidence and set(a.derive) <= set(b.derive) and set(a.suggest) <= set(b.suggest) and \
        a.refer in (None, b.refer) and (b.not_now or not a.not_now)


def _broken(facts: dict, name) -> bool:
    """Whether `name` is a derived fact whose declaration did not validate (FactDef type "invalid")."""
    fact = facts.get(name) if isinstance(name, str) else None
    return fact is not None and fact.kind == "derived" and fact.type == "invalid"


def is_seq_opt(raw: Map, key: str, out: Collector) -> bool:
    return key in raw and is_seq(raw[key], raw.at(key), out, key)
