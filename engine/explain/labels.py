"""How a schema fact, value, condition or rule is shown to HR staff: never as the
snake_case identifier the rules use. One place, so the interview, `recommend`,
`explain --why-not/--what-if` and the web page agree (docs/engine.md, "Who reads what").

A fact is named by its `label`, else its question (up to the question mark), else
a derived fact's description; a value by its schema label, yes/no for a boolean,
a number with its unit; a rule by its reason and the knowledge-base sections it
cites, by title."""
from __future__ import annotations

import re

from ..pipeline.model import All, Any, Cmp, Not, Rule, RuleSet
from ..pipeline.policy import label, referral_label


def outcome_text(rs: RuleSet, outcome: str, referral: str | None = None) -> str:
    """An outcome as HR staff read it: the policy's label, and the referral's words from the
    policy (policy.referral_label)."""
    text = label(rs.policy, outcome)
    if referral:
        text += f": {referral_label(rs.policy, referral)}"
    return text


def format_text(name: str) -> str:
    """A suggested format as HR staff read it (`external coach` for `external_coach`): the
    policy gives formats no labels, so every view words the name alike."""
    return name.replace("_", " ")


def value_label(fact, value) -> str:
    """The value's `label` from the schema when it has one, else its words
    (Yes/No for a boolean)."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    labels = dict(getattr(fact, "labels", None) or ())
    if value in labels:
        return labels[value]
    words = str(value).replace("_", " ")
    return words[:1].upper() + words[1:]


def fact_named(fact) -> str:
    """The fact as a lead-in a value can follow: `Label:`, `Question?`, or `Description:`."""
    if getattr(fact, "label", ""):
        return fact.label + ":"
    if fact.question:
        head, mark, _ = fact.question.partition("?")
        return head + mark if mark else fact.question.rstrip(".") + ":"
    if fact.description:
        return fact.description.rstrip(".") + ":"
    return fact.name.replace("_", " ") + ":"


def value_text(fact, value) -> str:
    """A value as HR staff read it: labels, yes/no, a number with its unit, 'unknown' for
    no answer. Only None is unknown: an enum or set value may be named `known` or `unknown`,
    and is shown by its label like any other (an `is:` test is worded by condition_text). One
    value of a valued derived fact, a true-or-false fact where the rules run, is that value
    (or not it), its fact named by its description (validate_schema gives it as `label`)."""
    if value is None:
        return "unknown"
    if isinstance(value, bool) and getattr(fact, "kind", "") == "derived" and "=" in fact.name:
        words = value_label(None, fact.name.partition("=")[2])  # one value of a valued derived fact
        return words if value else f"not {words}"  # (model.value_fact's `fact=value`)
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(fact, v) for v in value) or "none of these"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        from ..reports.numbers import number_text  # only now: recommend's start-up seldom says a number

        number = number_text(value)  # as written: ":g" kept six digits, and 2.0000004 read "2"
        unit = getattr(fact, "unit", "")
        if unit and number == "1" and unit.endswith("s"):
            unit = unit[:-1]
        return f"{number} {unit}".rstrip()
    return value_label(fact, value)


def answer_text(fact, value) -> str:
    """`Question? Answer`: a fact with its value, in one phrase."""
    return f"{fact_named(fact)} {value_text(fact, value)}"


OPS = {"equals": "", "is": "", "one_of": "", "not_one_of": "not ", "contains": "includes ",
       "lt": "less than ", "lte": "at most ", "gt": "more than ", "gte": "at least "}


def condition_text(rs, cond) -> str:
    """A rule's condition (or part of one) in labels."""
    if isinstance(cond, Cmp):
        fact = rs.facts[cond.fact]
        if cond.op == "is":  # whether the fact is answered, never one of its values
            return f"{fact_named(fact)} {cond.value}"
        if isinstance(cond.value, tuple):
            shown = " or ".join(value_text(fact, v) for v in cond.value)
        else:
            shown = value_text(fact, cond.value)
        return f"{fact_named(fact)} {OPS[cond.op]}{shown}"
    if isinstance(cond, Not):
        return f"not ({condition_text(rs, cond.item)})"
    joiner = "; and " if isinstance(cond, All) else "; or "
    heads = {(i.fact, i.op) for i in cond.items if isinstance(i, Cmp)}
    only_cmps = all(isinstance(i, Cmp) for i in getattr(cond, "items", ()))
    if isinstance(cond, Any) and len(heads) == 1 and len(cond.items) > 1 and only_cmps:
        (name, op), = heads  # one fact asked about several values: say it once
        fact = rs.facts[name]
        if op in ("contains", "equals") and not any(isinstance(i.value, tuple) for i in cond.items):
            return f"{fact_named(fact)} {OPS[op]}any of: " + ", ".join(value_text(fact, i.value) for i in cond.items)
    if isinstance(cond, (All, Any)):
        return "(" + joiner.join(condition_text(rs, i) for i in cond.items) + ")"
    raise TypeError(cond)


def rule_text(rs, rule_id: str) -> str:
    """A rule as HR staff read it: its reason."""
    return rs.rule(rule_id).reason


def effect_text(rs: RuleSet, rule: Rule) -> str:
    """What a rule does when it holds, in HR words: the facts it establishes (by their
    description), the evidence it adds to each outcome, the format it suggests, where it
    refers, or not now: the rule's own `then`, read as `rules show` reads it."""
    then, parts = rule.then, []
    for name in then.derive:
        fact = rs.facts.get(name)
        said = (fact.description if fact is not None and fact.description else name.replace("_", " ")).rstrip(".")
        parts.append(f"establishes that {said[:1].lower() + said[1:]}")
    if then.evidence:
        from ..reports.numbers import signed_text  # only for `why`: recommend's start-up never words an effect

        parts.extend(f"counts {signed_text(w)} toward {outcome_text(rs, o)}" for o, w in then.evidence)
    parts.extend(f"suggests {format_text(f)}" for f in then.suggest)
    if then.refer:
        parts.append(f"concludes {outcome_text(rs, 'refer', then.refer)}")
    if then.not_now:
        parts.append(f"concludes {outcome_text(rs, 'not_now')}")
    return "; ".join(parts) or "nothing further"


def rule_sources(rs, rule_id: str) -> str:
    """The knowledge-base sections a rule cites, by title: `Contract and sponsor; Focus`; by
    anchor (`kb#x`) where the heading gives no words (`## <a id="x"></a>`), which by title
    read as no source at all."""
    return "; ".join(rs.sections.get(c, "").strip() or f"kb#{c}" for c in rs.rule(rule_id).cites)


def about_answer(fact, message: str) -> str:
    """A checker's message about one fact (`hours_per_month is from 0 to 160; ...`), said
    about "the answer" to its question, which is shown beside it."""
    said = re.sub(rf"(?<![\w.]){re.escape(fact.name)}(?![\w])", "the answer", message)
    return said[:1].upper() + said[1:]


def unlabelled(fact) -> list[str]:
    """The enum or set values HR staff would read without a schema label."""
    if fact.kind != "input" or fact.type not in ("enum", "set"):
        return []
    labelled = dict(getattr(fact, "labels", None) or ())
    return [v for v in fact.values if v not in labelled]
