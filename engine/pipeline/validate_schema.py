"""Validate stage, part 1: the fact schema (schema.yaml), the questionnaire contract HR staff
and other programs depend on. The decision policy is validate_policy.py.
"""
from __future__ import annotations

import math
import re

from ..errors import Collector, Pos, closest, did_you_mean
from .load import Map, Seq
from .model import FACT_TYPES, FactDef, value_fact
from .profile import ROW_ID
from .kb_name import KEY as KB_KEY, named as knowledge_base_named
from .field_checks import (IDENT, UnreadFacts, boolean, check_keys, identifier, is_map, is_seq, number, show, text,
                           type_name, written_as)
from ..quote import quote
from .tagged_words import for_text

SCHEMA_KEYS = (("facts",), ("ruleset", "knowledge_base", "derived", "description", "language"))
# A well-formed BCP 47 language tag (RFC 5646, section 2.1: language, then script, region,
# variants, extensions, private use; or private use alone), as HTML's `lang` takes it. Whether
# its subtags are registered is not judged: a registry would date with every release. One pattern
# for validation and for editors (engine.authoring.language_schemas), whose regex dialects differ.
LANGUAGE_TAG = (r"^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?"
                r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
                r"(?:-[0-9A-WYZa-wyz](?:-[A-Za-z0-9]{2,8})+)*(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?"
                r"|[Xx](?:-[A-Za-z0-9]{1,8})+)$(?![\s\S])")  # the very end: Python's `$` would allow a "\n"
INPUT_KEYS = (("type", "question"), ("values", "min", "max", "integer", "help", "sensitive", "screening", "unit", "label",
                                     "labels"))
DERIVED_KEYS = (("description",), ("type", "values"))
ALL_KEYS = SCHEMA_KEYS[0] + SCHEMA_KEYS[1]


def parse_schema(doc, out: Collector, at: Pos | None = None) -> tuple[dict, str, str | None]:
    """-> (facts by name, rule-set name, knowledge-base path). `at`: where the document's
    value is written, for one that is no mapping (load.parse_yaml's `root`). A schema that
    could not be read declares nothing and names no knowledge base (None): its facts are
    then UnreadFacts, so no rule is told a fact it reads is unknown. A `knowledge_base` that
    is no text, or empty, is refused and names none either: no other file is read in its
    place (the default, knowledge_base.md, is for a schema that does not name one)."""
    facts: dict[str, FactDef] = {}
    if not is_map(doc, getattr(doc, "pos", at), out, "schema.yaml"):
        return UnreadFacts(), "", None
    check_keys(doc, *SCHEMA_KEYS, out, "schema.yaml")
    name = text(doc, "ruleset", out, "ruleset", "rules")
    if "ruleset" in doc and isinstance(doc["ruleset"], str) and not name.strip():  # records, catalogue, messages
        out.add("PF204", "ruleset names the rule set wherever it is shown, so it must not be empty", doc.at("ruleset"))
    text(doc, KB_KEY, out, KB_KEY)  # a value that is no text is reported (PF203, PF211)
    kb = knowledge_base_named(doc)  # None: refused, no knowledge base read
    if kb is None and isinstance(doc[KB_KEY], str):  # else text() reported it
        out.add("PF204", "knowledge_base names the knowledge base's file, so it must not be empty", doc.at(KB_KEY))
    if "facts" not in doc or not is_map(doc["facts"], doc.at("facts"), out, "facts"):
        facts = UnreadFacts()  # missing (PF201, check_keys) or no mapping: the facts are not known
    unnamed = False  # a declaration whose name was refused: any name a rule reads may have been meant
    if not isinstance(facts, UnreadFacts):
        for fname, body in doc["facts"].items():
            fact = _input_fact(fname, body, doc["facts"], out)
            if fact:
                facts[fname] = fact
            unnamed = unnamed or fact is None
    if "derived" in doc and is_map(doc["derived"], doc.at("derived"), out, "derived"):
        for fname, body in doc["derived"].items():
            pos = doc["derived"].key_at(fname)
            if not identifier(fname, pos, out, "derived fact name"):
                unnamed = True
                continue
            if fname in facts:
                out.add("PF212", f"{quote(fname)} is declared both as an input and as a derived fact", pos)
                continue
            if is_map(body, doc["derived"].at(fname), out, f"derived fact {quote(fname)}"):
                facts.update((f.name, f) for f in _derived_fact(fname, body, pos, out))
            else:  # declared, its body refused: rules that read or derive it are not told it is unknown
                facts[fname] = FactDef(fname, "derived", "invalid", pos=pos)
    elif "derived" in doc or any(isinstance(k, str) and k not in ALL_KEYS and closest(k, ALL_KEYS) == "derived"
                                 for k in doc):
        unnamed = True  # derived facts refused whole or misspelt `derivd:`
    if unnamed and not isinstance(facts, UnreadFacts):
        facts = UnreadFacts(facts)  # none is known undeclared: the schema's error is the one message
    return facts, name, kb


def schema_language(doc, out: Collector) -> str:
    """schema.yaml's `language`: the BCP 47 tag of the text the rule set's authors wrote
    (questions, labels, reasons, the knowledge base), so every page marks that text as in it
    while pathfit's own words stay English. '' where none is declared, or the one given is
    refused (PF238 at its value): the page then marks no author text, as before."""
    if not isinstance(doc, Map) or "language" not in doc:
        return ""
    tag = text(doc, "language", out, "language")
    if isinstance(doc["language"], str) and not re.fullmatch(LANGUAGE_TAG, tag):
        out.add("PF238", f"language {show(tag)} is not a BCP 47 language tag (such as ja, ar, fr-CA or zh-Hant)",
                doc.at("language"))
        return ""
    return tag if isinstance(doc["language"], str) else ""


def _derived_fact(fname: str, body: Map, pos, out: Collector) -> list[FactDef]:
    """A derived fact: true or false, or one per-value fact for each of its values.
    A declaration that does not validate still declares the fact, as an input fact's bad
    type does (FactDef type "invalid"): rules that read or derive it are not told it is
    unknown, and what depends on the broken part (its kind, its values) is not judged."""
    check_keys(body, *DERIVED_KEYS, out, f"derived fact {quote(fname)}")
    description = text(body, "description", out, "description")
    sure = all(key in DERIVED_KEYS[0] + DERIVED_KEYS[1] for key in body)  # `vales:` may have meant values
    if "type" not in body and "values" not in body and sure:
        return [FactDef(fname, "derived", "bool", (True, False), description=description, pos=pos)]
    values = _derived_values(fname, body, out) if "type" in body or "values" in body else ()
    if not values or not sure:
        return [FactDef(fname, "derived", "invalid", pos=pos)]
    written = body["values"]
    # each where declared; read by HR staff as the fact its value belongs to (`label`, then the
    # value: explain.labels), never as the identifiers `pace is fast`
    said = description.rstrip(".") or fname.replace("_", " ")
    return [FactDef(value_fact(fname, v), "derived", "bool", (True, False), description=f"{fname} is {v}: "
                    f"{description}", pos=written.at(written.index(v)), label=said) for v in values]


def _derived_values(fname: str, body: Map, out: Collector) -> tuple:
    """A valued derived fact's values (`type: enum` with `values`), checked as an input enum's;
    () unless every value is one: with one unreadable, a rule's value cannot be judged."""
    if body.get("type") != "enum":
        where = body.at("type") if "type" in body else body.pos
        out.add("PF204", f"derived fact {quote(fname)}: a derived fact is true or false (no type), or `type: enum` "
                "with `values`", where)
        return ()
    raw = body.get("values")
    if "values" not in body:
        if not any(closest(key, DERIVED_KEYS[1]) == "values" for key in body):  # else `vales:` has its PF202
            out.add("PF201", f"enum derived fact {quote(fname)} needs 'values'", body.pos)
        return ()
    if not is_seq(raw, body.at("values"), out, "values"):
        return ()
    values = _values(raw, out)
    if not values:
        out.add("PF204", f"derived fact {quote(fname)} declares no values", body.at("values"))
    return values if all(isinstance(v, str) and IDENT.fullmatch(v) for v in raw) else ()


def _values(raw: Seq, out: Collector) -> tuple:
    """An enum's or set's `values` (input or derived): identifiers, each once, no YAML surprise."""
    seen: list[str] = []
    for i, v in enumerate(raw):
        if isinstance(v, bool) and i in raw.surprises:
            out.add("PF211", f"value {quote(raw.surprises[i])} was read as {show(v)}; {for_text(raw.surprises[i])}",
                    raw.at(i))
        elif identifier(v, raw.at(i), out, "value"):
            if v in seen:
                out.add("PF204", f"value {quote(v)} listed twice", raw.at(i))
            else:
                seen.append(v)
    return tuple(seen)


def _input_fact(fname: str, body, parent: Map, out: Collector) -> FactDef | None:
    pos = parent.key_at(fname)
    if not identifier(fname, pos, out, "fact name"):
        return None
    if not is_map(body, parent.at(fname), out, f"fact {quote(fname)}"):
        return FactDef(fname, "input", "invalid", pos=pos)  # declared: rules that read it cascade no error
    if fname == ROW_ID:  # a batch would take the person's answer as the row's id, and decide without it
        out.add("PF212", f"an input fact cannot be named {quote(ROW_ID)}: a batch reads that column or key as the "
                         "row's id; name the fact otherwise", pos)
        return None
    check_keys(body, *INPUT_KEYS, out, f"fact {quote(fname)}")
    # read whatever the type: a bad type must not hide (or change the severity of) a problem here
    common = dict(question=text(body, "question", out, "question"), help=text(body, "help", out, "help"),
                  sensitive=boolean(body, "sensitive", out, "sensitive"), pos=pos,
                  screening=boolean(body, "screening", out, "screening"), label=text(body, "label", out, "label"))
    if "question" in body and isinstance(body["question"], str) and not body["question"].strip():
        # what the interview asks and the open questions list: an empty one would show nothing to answer
        out.add("PF204", "question must not be empty: it is what the interview asks", body.at("question"))
    ftype = _fact_type(body, out)
    if ftype not in FACT_TYPES:
        return FactDef(fname, "input", "invalid", pos=pos)  # keeps rules that read it from cascading errors
    values: tuple = ()
    known = True  # whether the values are all read: with one refused, no value written elsewhere is judged
    if ftype in ("enum", "set"):
        raw = body.get("values")
        known = False
        if "values" not in body:
            out.add("PF201", f"{ftype} fact {quote(fname)} needs 'values'", body.pos)
        elif is_seq(raw, body.at("values"), out, "values"):
            values = _values(raw, out)
            if not values:
                out.add("PF204", f"fact {quote(fname)} declares no values", body.at("values"))
            known = bool(values) and all(isinstance(v, str) and IDENT.fullmatch(v) for v in raw)
    elif "values" in body:
        out.add("PF202", f"'values' does not apply to a {ftype} fact", body.key_at("values"))
    labels = _labels(body, ftype, values if known else None, out)
    if not known:  # as a derived fact's (_derived_values): a rule's or a label's value cannot be judged
        return FactDef(fname, "input", "invalid", pos=pos)
    lo = hi = None
    integer = False
    if ftype == "number":
        for key in ("min", "max"):
            if key not in body:
                out.add("PF201", f"number fact {quote(fname)} needs {quote(key)}", body.pos)
        lo = number(body.get("min"), body.at("min"), out, "min", written_as(body, "min")) if "min" in body else None
        hi = number(body.get("max"), body.at("max"), out, "max", written_as(body, "max")) if "max" in body else None
        integer = boolean(body, "integer", out, "integer")
        if lo is not None and hi is not None and lo > hi:
            out.add("PF204", f"min {lo} is greater than max {hi}", body.at("min"))
            lo = None
        elif lo is not None and hi is not None and integer and math.floor(hi) < lo:
            out.add("PF204", f"{fname} is a whole number from {lo} to {hi}, and no whole number is in that range: "
                    "a question nobody could answer", body.at("min"))
            lo = None
        if lo is None or hi is None:  # no usable range: rules reading it are checked no further, and lint
            return FactDef(fname, "input", "invalid", pos=pos)  # draws nothing from a range refused
    else:
        for key in ("min", "max", "integer", "unit"):
            if key in body:
                out.add("PF202", f"{quote(key)} does not apply to a {ftype} fact", body.key_at(key))
    return FactDef(fname, "input", ftype, values, lo, hi, integer, labels=labels,
                   unit=text(body, "unit", out, "unit") if ftype == "number" else "", **common)


def _fact_type(body: Map, out: Collector) -> str:
    """An input fact's `type`, or '' after one error at its value: a type that is no text is
    PF203 alone, naming the types there are (and the one meant, for `[bool]`); one read as a
    YAML 1.1 boolean is PF211 alone; a text that is no type is PF204. One mistake, one error."""
    if "type" not in body:
        return ""  # PF201 from check_keys
    raw = body["type"]
    if isinstance(raw, str):
        if raw not in FACT_TYPES:
            out.add("PF204", f"type {show(raw)} is not one of {', '.join(FACT_TYPES)}{did_you_mean(raw, FACT_TYPES)}",
                    body.at("type"))
        return raw
    if "type" in body.surprises:
        return text(body, "type", out, "type")  # its PF211
    meant = raw[0] if isinstance(raw, list) and len(raw) == 1 and isinstance(raw[0], str) else ""
    out.add("PF203", f"type must be one of {', '.join(FACT_TYPES)}, not {type_name(raw)}"
            f"{did_you_mean(meant, FACT_TYPES) if meant else ''}", body.at("type"))
    return ""


def _labels(body, ftype: str, values: tuple | None, out: Collector) -> tuple:
    """`labels: {value: readable text}` for an enum or set: what HR staff read in the
    interview and the web form instead of the identifier the rules use. `values` None: the
    fact's values were refused, so each label's text is checked and its value is not."""
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
        if values is not None and value not in values:
            out.add("PF204", f"labels: {show(value)} is not one of the fact's values"
                    f"{did_you_mean(str(value), values)}", raw.key_at(value))
            continue
        label = text(raw, value, out, f"label of {quote(value)}")
        if ftype == "set" and "," in label:
            out.add("PF204", f"label of {quote(value)}: a set's labels cannot hold a comma (an answer separates "
                    "items with commas)", raw.at(value))
        elif label:
            pairs.append((value, label))
    return tuple(sorted(pairs, key=lambda p: values.index(p[0]))) if values is not None else ()
