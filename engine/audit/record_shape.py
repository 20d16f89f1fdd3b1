"""The shape every decision record must have before show, replay or report touch it.

A record's digest proves only that it was not changed since it was sealed, and
anyone can seal: a crafted record with a sound digest must still be refused
with a located PF608, never reach a command as a KeyError. So every field a
command reads is checked here, once, with its type.
"""
from __future__ import annotations

import re

from .clear_binding import SEALED_VERSIONS
from .masking import KEY_ID, unmasked_problem
from .subject import subject_shape
from ..quote import quote
from ..pipeline.validate_schema import LANGUAGE_TAG

_NUM = (int, float)
_OPT_STR = (str, type(None))

# path -> type; "[]" means every item of a list, "{}" every value of a mapping
_SPEC: tuple[tuple[str, object], ...] = (
    ("versions.pathfit", str), ("versions.durable_rules", str),
    ("ruleset.name", str), ("ruleset.digest", str), ("ruleset.files", dict), ("ruleset.files.{}", str),
    ("ruleset.knowledge_base", _OPT_STR),
    ("outcome", dict), ("rules.{}", dict), ("rules.{}.reason", str), ("rules.{}.file", str),
    ("rules.{}.line", int), ("rules.{}.cites", list), ("rules.{}.cites.[]", dict),
    ("rules.{}.cites.[].anchor", str), ("rules.{}.cites.[].title", str),
    ("schema.inputs", list), ("schema.inputs.[]", str), ("schema.derived", list), ("schema.derived.[]", str),
    ("decision.recommendation", str), ("decision.referral", _OPT_STR), ("decision.confidence", _NUM),
    ("decision.formats", list), ("decision.formats.[]", str), ("decision.fired", list),
    ("decision.fired.[]", str), ("decision.missing", list), ("decision.missing.[]", str),
    ("decision.contributions", list), ("decision.contributions.[]", dict),
    ("decision.contributions.[].rule", str), ("decision.contributions.[].contribution", _NUM),
    ("decision.facts", dict), ("decision.trace.firings", list), ("decision.trace.firings.[]", dict),
    ("decision.trace.firings.[].rule", str), ("decision.trace.firings.[].step", int),
    ("decision.trace.firings.[].matched", list), ("decision.trace.firings.[].matched.[]", dict),
    ("decision.trace.settled", list), ("decision.trace.settled.[]", dict),
    ("decision.trace.settled.[].fact", str), ("decision.trace.settled.[].refuted", list),
    ("decision.trace.not_fired", list), ("decision.trace.not_fired.[]", dict),
    ("decision.trace.not_fired.[].rule", str), ("decision.trace.not_fired.[].status", str),
    ("decision.trace.decision", dict), ("decision.trace.scores", dict), ("decision.trace.scores.{}", _NUM),
    ("decision.trace.unknown_inputs", list), ("decision.trace.unknown_inputs.[]", str),
    ("decision.trace.settled.[].refuted.[]", str),
)
# Fields a decision gained later: a record made before them lacks them (read with a fallback).
# Each with whether sealed records of version 3 were first written with it (then one without it lost it):
# `confidence_open`, then `concluding_rules` and `evidence_open`, then `shares_open`
# (engine.audit.record.recorded_decision), then `referral_label` (Decision.to_dict) came after them.
# `settled` came before sealing (version 2) but after the first version 1 records (pathfit 0.1.0).
_LATER = (("settled", bool, True), ("label", str, True), ("ranking", list, True),
          ("confidence_open", (bool, type(None)), False),
          ("concluding_rules", list, False), ("evidence_open", bool, False), ("shares_open", (bool, type(None)), False),
          ("referral_label", _OPT_STR, False))
_MASKING = (("masking.scheme", str), ("masking.key_id", str), ("masking.salt", str), ("masking.facts", dict),
            ("masking.facts.{}", dict), ("masking.facts.{}.type", str), ("masking.masked", list),
            ("masking.masked.[]", str))
_SEALING = (("masking.scheme", str), ("masking.key_id", str), ("masking.facts", dict), ("masking.facts.{}", dict),
            ("masking.facts.{}.type", str), ("masking.nonce", str), ("masking.box", str),
            ("decision.sealed", list), ("decision.sealed.[]", str))
# what the clear part of a sealed record may leave out (engine.audit.sealing.withheld)
_WITHHELD = {"decision.confidence", "decision.formats", "decision.formats.[]", "decision.missing",
             "decision.missing.[]", "decision.contributions", "decision.contributions.[]",
             "decision.contributions.[].rule", "decision.contributions.[].contribution",
             "decision.trace.scores", "decision.trace.scores.{}", "decision.trace.firings.[].step",
             "decision.trace.settled.[].step"}


def shape_problem(doc: dict, opened: bool = False) -> str:
    """The first field with the wrong type or missing, in words, or ''. A sealed
    record (version 2 or 3) is checked for its clear part, or, `opened`, as a whole."""
    sealed = doc.get("record_version") in SEALED_VERSIONS
    if sealed and not isinstance(doc.get("masking"), dict):
        return f"a sealed record (record_version {doc['record_version']}) has no seal in masking"
    if not sealed and doc.get("masking") is not None and doc["masking"].get("scheme") != "hmac-sha256":
        return f"record masking scheme {quote(doc['masking'].get('scheme'))} is not one this pathfit knows"
    spec = _SPEC + (() if doc.get("masking") is None else _SEALING if sealed and not opened
                    else _MASKING if not sealed else _SEALING[:-2] + _MASKING[-2:])
    for path, kind in spec:
        withheld = sealed and not opened and path in _WITHHELD
        if _fits(doc, _PARTS[path], kind, withheld):
            continue  # the common case, found without naming each place: the words only for a problem
        for where, value in _values(doc, path.split("."), ""):
            if value is _MISSING:
                if sealed and not opened and path in _WITHHELD:
                    continue
                return f"record has no {where}"
            if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, _NUM)):
                return f"record field {where} has the wrong type"
    for key, kind, since_3 in _LATER:
        if key in doc["decision"] and not isinstance(doc["decision"][key], kind):
            return f"record field decision.{key} has the wrong type"
        if since_3 and opened and key not in doc["decision"] and doc.get("record_version") == 3:
            return f"record has no decision.{key}"  # version 3 was first written with both: lost, not old
    language = doc["ruleset"].get("language")  # the rule set's (pathfit 0.5.0 on), where it declares one
    if "language" in doc["ruleset"] and not (isinstance(language, str) and re.fullmatch(LANGUAGE_TAG, language)):
        return "record field ruleset.language is not a BCP 47 language tag"
    if isinstance(doc["decision"].get("referral_label"), str) != isinstance(doc["decision"]["referral"], str) \
            and "referral_label" in doc["decision"]:
        return "record field decision.referral_label does not go with decision.referral (words for a referral given)"
    for f in doc["decision"]["trace"]["firings"]:
        for m in f["matched"]:
            if not _matched_ok(m):
                return f"record firing {f['rule']} has a malformed matched entry"
        if not _effects_ok(f):
            return f"record firing {f['rule']} has malformed effects"
    for n, e in enumerate(doc["decision"]["trace"]["not_fired"]):
        why = _not_fired_problem(e, f"decision.trace.not_fired[{n}]")
        if why:
            return why
    why = subject_shape(doc.get("subject"))
    if why:
        return why
    if not isinstance(doc.get("operator", ""), str):
        return "record field operator has the wrong type"
    masking = doc.get("masking")
    if masking is not None:
        if masking["scheme"] != ("aes-256-gcm" if sealed else "hmac-sha256"):
            return f"record masking scheme {quote(masking['scheme'])} is not one this pathfit knows"
        if not re.fullmatch(KEY_ID, masking["key_id"]):  # not a key's id: no key it names could open it
            return "record's masking.key_id is not an audit key's id (16 hex digits)"
        if sealed and not (re.fullmatch(r"[0-9a-f]{24}", masking["nonce"]) and sealed_box(masking["box"])):
            return "record's seal (masking.nonce, masking.box) is malformed"
        if (opened or not sealed) and not set(masking["masked"]) <= set(masking["facts"]):
            return "record masks a fact its masking does not describe"
        if not sealed:  # a version 1 record: every sensitive value masked, and only those
            return unmasked_problem(doc)
    return ""


_OUTCOME = ("recommendation", "referral", "confidence", "formats")


def duplicate_disagreement(doc: dict) -> str:
    """The first place where a record says one thing twice and the two differ, in words, or ''.

    Why: a record repeats parts of its decision for readers that want them without the trace
    (`outcome`, the keys of `rules`) and its trace repeats the decision and what made it. Anyone
    can reseal a record's digests, so a forged `outcome` beside an unchanged decision would
    otherwise let `show` print one outcome and `replay` another. `facts` against the decision's
    facts is checked by check_record. In a sealed record both copies are clear parts: the
    outcome holds exactly the fields the clear decision holds; its rule-set and engine names
    are left to the seal, whose associated data holds the digest (a changed one is PF630)."""
    d, t = doc["decision"], doc["decision"]["trace"]
    for name in _OUTCOME:
        if (name in doc["outcome"]) != (name in d) or doc["outcome"].get(name) != d.get(name):
            return f"record's outcome.{name} and its decision's {name} differ"
    extra = sorted(set(doc["outcome"]) - set(_OUTCOME))
    if extra:
        return f"record's outcome has a field its decision does not give: {extra[0]}"
    if sorted(doc["rules"]) != sorted(d["fired"]):
        return "record's rules and its decision's fired rules differ"
    if t["decision"].get("outcome") != d["recommendation"]:
        return "record's decision.trace.decision.outcome and its decision's recommendation differ"
    if "confidence" in t["decision"] and "confidence" in d and t["decision"]["confidence"] != d["confidence"]:
        return "record's decision.trace.decision.confidence and its decision's confidence differ"
    concluding = {f["rule"] for f in t["firings"] if f.get("refer") or f.get("not_now")}
    if any(not isinstance(r, str) or r not in concluding for r in d.get("concluding_rules", [])):
        return "record's decision.concluding_rules names a rule its trace does not show concluding"
    if doc["record_version"] in SEALED_VERSIONS:  # the seal binds these (the digest as associated data): PF630 tells
        return ""
    for name, mine, theirs in (("ruleset", t.get("ruleset"), {k: doc["ruleset"].get(k) for k in ("digest", "name")}),
                               ("engine", t.get("engine"), {"durable_rules": doc["versions"].get("durable_rules")})):
        if isinstance(mine, dict) and any(k in mine and mine[k] != v for k, v in theirs.items()):
            return f"record's decision.trace.{name} and its {'ruleset' if name == 'ruleset' else 'versions'} differ"
    return ""


def sealed_box(text: str) -> bool:
    """Whether `text` is a sealed box as hex: lowercase hex digits in pairs, at least 16 bytes
    (a tag's), what `(?:[0-9a-f]{2}){16,}` matches, tested without matching the pattern's group
    once for each of a box's ten thousand pairs. The record opened from a sealed one holds the
    very box text its clear part did, checked a moment before: the last text's verdict is kept."""
    global _LAST_BOX
    last = _LAST_BOX
    if text is last[0]:  # the same object: a str never changes
        return last[1]
    ok = len(text) >= 32 and len(text) % 2 == 0 and _HEX.fullmatch(text) is not None
    _LAST_BOX = (text, ok)
    return ok


_HEX = re.compile(r"[0-9a-f]*")
_LAST_BOX: tuple = (None, False)
_MISSING, _NOT_A_MAPPING = object(), object()
_PARTS = {path: tuple(path.split(".")) for path, _ in _SPEC + _MASKING + _SEALING}


def _not_fired_problem(e: dict, where: str) -> str:
    """A trace's entry for a rule that did not fire, by the field at fault, as every other field
    is named: a failed entry has its condition, observed and expected, a waiting one its unknown
    facts, a list of names."""
    if e["status"] not in ("failed", "waiting"):
        return f"record field {where}.status is neither failed nor waiting"
    for k in ("condition", "observed", "expected") if e["status"] == "failed" else ("unknown",):
        if k not in e:
            return f"record has no {where}.{k}"
    if not isinstance(e.get("condition", ""), str):
        return f"record field {where}.condition has the wrong type"
    unknown = e.get("unknown", [])
    if not (isinstance(unknown, list) and all(isinstance(u, str) for u in unknown)):
        return f"record field {where}.unknown has the wrong type"
    return ""


def _effects_ok(f: dict) -> bool:
    lists = all(isinstance(f.get(k, []), list) and all(isinstance(x, str) for x in f.get(k, []))
                for k in ("derived", "suggest"))
    evidence = f.get("evidence", {})
    weights = isinstance(evidence, dict) and all(isinstance(w, _NUM) and not isinstance(w, bool)
                                                 for w in evidence.values())
    return lists and weights and isinstance(f.get("refer", ""), str) and isinstance(f.get("not_now", False), bool)


def _matched_ok(m: dict) -> bool:
    """{fact, value} | {fact, member, value} | {fact, known} | {refuted} (a closure's binding)."""
    if "fact" not in m:
        return set(m) == {"refuted"} and isinstance(m["refuted"], str)
    if not isinstance(m["fact"], str) or not isinstance(m.get("member", ""), str):
        return False
    return ("value" in m) != ("known" in m) and isinstance(m.get("known", True), bool)


def _fits(doc: dict, parts: tuple[str, ...], kind, withheld: bool) -> bool:
    """Whether every value the dotted path reaches is of `kind` (a bool is no number), a key
    absent only where `withheld`: shape_problem's test without the path of each value, which it
    takes `_values` to name, for every field of every record a log holds. Level by level, each
    list's items together, since a record's trace holds a hundred entries a path goes through."""
    level = [doc]
    for head in parts:
        below: list = []
        if head == "[]":
            for value in level:
                if isinstance(value, list):
                    below.extend(value)
        elif head == "{}":
            for value in level:
                if isinstance(value, dict):
                    below.extend(value.values())
        else:
            for value in level:
                if not isinstance(value, dict):
                    return False
                if head in value:
                    below.append(value[head])
                elif not withheld:
                    return False
        level = below
    if kind in (int, _NUM):
        return all(isinstance(value, kind) and not isinstance(value, bool) for value in level)
    return all(isinstance(value, kind) for value in level)


def _values(value, parts: list[str], where: str):
    """Every (path, value) the dotted path reaches; _MISSING where a key is absent."""
    if not parts:
        yield where, value
        return
    head, rest = parts[0], parts[1:]
    if head == "[]":
        for i, item in enumerate(value if isinstance(value, list) else []):
            yield from _values(item, rest, f"{where}[{i}]")
    elif head == "{}":
        for key, item in (value.items() if isinstance(value, dict) else []):
            yield from _values(item, rest, f"{where}.{key}")
    elif not isinstance(value, dict):
        yield where, _NOT_A_MAPPING
    elif head not in value:
        yield f"{where}.{head}".lstrip("."), _MISSING
    else:
        yield from _values(value[head], rest, f"{where}.{head}".lstrip("."))
