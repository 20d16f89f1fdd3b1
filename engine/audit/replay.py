"""Replay a recorded decision with a rule set and engine of today, and say why it differs.

The comparison is over the whole decision object (outcome, confidence, every
firing with the facts it matched, the explanation of every rule that did not
fire, the open questions): a sealed record (version 2) opened with the audit
key and compared in clear; a masked one (version 1) masked again with the
record's own salt and key so that masked values compare exactly. Only the identity fields (rule-set digest and
name, durable-rules version) are set aside, because they are what changed when
a new rule set or engine reproduces the decision; they are reported instead.

When the decision differs, the cause is named from what the record carries:
the per-file digests say which rule files changed; the firings say which rules
now fire differently; versions say whether pathfit or durable-rules changed;
identical rules and versions with a different result mean the engine did not
behave as it did when the record was written.
"""
from __future__ import annotations

from ..json_copy import json_copy
from ..pipeline.durable_adapter import DURABLE_VERSION
from .recorded_figures import record_open
from ..errors import PathfitError, Pos, fail
from ..quote import quote, shown_path
from .masking import AuditKey, Masker
from .record import check_record, recorded_decision
from .record_bytes import canonical, ruleset_identity
from .sealing import is_sealed_record, open_record
from .. import __version__

_EFFECTS = ("matched", "derived", "evidence", "suggest", "refer", "not_now")


def recover_facts(record: dict, key: AuditKey | None, where: Pos, checked: bool = False) -> dict:
    """The record's facts in clear: a sealed record opened, masked ones (record_version 1)
    recovered with the audit key. PF610 without the key, PF611 with another one. A record
    not `checked` (by record.check_record, as every reader of a log or record file does) is
    checked first, so that a caller from Python is refused a bad record as the CLI is (PF608,
    PF609, PF615), never with the KeyError of a field it lacks."""
    if not checked:
        record = check_record(record, where)
    if is_sealed_record(record):
        return dict(open_record(key, record, where, "replaying it")["facts"])
    masking = record["masking"]
    facts = dict(record["facts"])
    if not masking:
        return facts
    if key is None:
        raise fail("PF610", f"record {record['id']} masks {', '.join(masking.get('masked', []))}; replaying it "
                   "needs the audit key it was masked with (--audit-key FILE or PATHFIT_AUDIT_KEY_FILE)", where)
    if masking.get("key_id") != key.key_id:
        from .seal_check import masks_key_id_altered  # here: only a record of another key id needs it

        changed = masks_key_id_altered(key, record, where)
        if changed is not None:
            raise PathfitError([changed])
        raise fail("PF611", f"record {record['id']} was masked with key {masking.get('key_id')}, "
                   f"not {key.key_id} ({shown_path(key.path)})", where)
    masker = Masker(key.secret, masking["salt"], tuple(masking["facts"]))
    for name in masking.get("masked", []):
        try:
            facts[name] = masker.recover(name, masking["facts"][name], facts[name])
        except PathfitError as err:
            raise fail("PF614", f"record {record['id']}: {err.problems[0].message}", where) from None
    return facts


def replay(engine, record: dict, key: AuditKey | None, where: Pos, checked: bool = False,
           opened: bool = False) -> dict:
    """-> {"id", "where", "status": "reproduced"|"differs", "cause", "notes", "outcome", "files",
    "versions", "ruleset", "firings", "differences"}, every key whatever the verdict, as
    `replay --format json` prints it (engine/output_schemas/replay.schema.json). A sealed record is compared opened, in clear; a masked one masked, with its own salt.
    A record not `checked` by record.check_record is checked here first: replaying a record
    of a newer version, an altered or a malformed one is refused with its code (PF615, PF609,
    PF608), from Python as from `pathfit replay`, and never replayed as if it were sound. `opened`:
    a sealed record given already opened (engine.audit.stream.CheckedLog.opened), not opened again."""
    if not checked:
        record = check_record(record, where)
    masked = bool(record["masking"]) and not is_sealed_record(record)
    version = record.get("record_version")
    record = record if opened else open_record(key, record, where, "replaying it")
    facts = recover_facts(record, key, where, checked=True) if masked else dict(record["facts"])
    was = record["decision"]
    identity_now = ruleset_identity(engine.ruleset)
    versions_now = {"pathfit": __version__, "durable_rules": DURABLE_VERSION}
    engine_changed = record["versions"] != versions_now
    # the files are compared whatever the digest says: a file's text can change (a comment, the
    # layout, the knowledge base's prose) while what the rule set says, which the digest holds, does not
    files = _file_changes(record["ruleset"], identity_now)
    # the digest is of the rule set as pathfit reads it: the very files (every one's digest and the
    # knowledge base's agreeing) read into more by another pathfit give another digest, and that is
    # pathfit's change, not the rules'
    read_anew = record["ruleset"].get("digest") != identity_now["digest"] and _same_files(record["ruleset"], files)
    rules_changed = record["ruleset"].get("digest") != identity_now["digest"] and not read_anew
    # every key in every case, empty or false where nothing changed: a script reads the same
    # shape whether the rules, the engine or nothing changed (docs/audit.md, replay)
    names = {"recorded": record["ruleset"].get("name"), "now": identity_now["name"]}
    result = {"id": record["id"], "where": f"{where.file}:{where.line}" if where.line else where.file,
              "files": files, "versions": {"recorded": record["versions"], "now": versions_now},
              "ruleset": {"recorded": record["ruleset"].get("digest"), "now": identity_now["digest"]},
              "ruleset_name": names, "notes": [], "firings": [], "differences": []}
    # a record of another rule set (another `ruleset:` name) was not made by this one "changed since":
    # said first, so no note below reads as if one rule set had been edited
    other = names["recorded"] != names["now"]
    if other:
        result["notes"].append(f"the record was made with rule set {quote(names['recorded'])}, not "
                               f"{quote(names['now'])}: it is replayed with another rule set")
    if read_anew:
        result["notes"].append(_read_anew(record["versions"], versions_now))
    try:
        now = recorded_decision(engine.ruleset, engine.evaluate(facts, f"record {record['id']}"))
    except PathfitError as err:
        return {**result, "status": "differs", "cause": _cause(rules_changed, engine_changed),
                "outcome": {"recorded": _summary(was), "now": None},
                "notes": result["notes"] + ["the recorded facts are not accepted any more: "
                                            + "; ".join(f"{p.code}: {p.message}" for p in err.problems)]}
    if masked:
        m = record["masking"]
        now = Masker(key.secret, m["salt"], tuple(m["facts"])).mask_decision(now)
    result["outcome"] = {"recorded": _summary(was), "now": _summary(now)}
    unrecorded = [k for k, before in LATER_FIELDS.items() if k in now and k not in was and version in before]
    if unrecorded:  # said, not silently passed over: a record that had them and lost them reads the same
        them = "them" if len(unrecorded) > 1 else "it"
        result["notes"].append(f"the record has no {' or '.join(unrecorded)}, as a record made before pathfit "
                               f"recorded {them} has none: compared without {them}")
    now = {k: v for k, v in now.items() if k not in unrecorded}
    core_was, core_now = _core(was), _core(now)
    reproduced = same(core_was, core_now)  # the firings are in it: no firing changed where it holds
    result["firings"] = [] if reproduced else firing_changes(was["trace"]["firings"], now["trace"]["firings"])
    if reproduced:
        result.update(status="reproduced", cause=None)
        if rules_changed:
            result["notes"].append("the other rule set decides this person the same" if other else
                                   "the rule set changed since, but not in a way that affects this decision")
        elif any(files.values()):
            result["notes"].append(_text_only(files))
        if engine_changed:
            result["notes"].append("the engine versions changed since, without affecting this decision")
        return result
    result.update(status="differs", cause=_cause(rules_changed, engine_changed))
    result["differences"] = json_copy(differences(core_was, core_now))  # the result's own, as the record's are not
    if not result["firings"]:
        parts = [k for k in sorted(set(core_was) | set(core_now))
                 if k not in core_was or k not in core_now or not same(core_was[k], core_now[k])]
        result["notes"].append("same firings; these parts differ: " + ", ".join(parts))
    return result


def _same_files(recorded: dict, files: dict) -> bool:
    """Whether the record names every rule file and the knowledge base by digest (a record
    without them cannot tell) and each is the one read now."""
    return (bool(recorded.get("files")) and isinstance(recorded.get("knowledge_base"), str)
            and not any(files.values()))


def _read_anew(was: dict, now: dict) -> str:
    """The note for the same files given another digest: by another pathfit, or, under the same
    version, by a build that read them otherwise (or the record was changed since)."""
    if was.get("pathfit") != now["pathfit"]:
        why = (f"pathfit {was.get('pathfit')} gave them another digest than pathfit {now['pathfit']} does, "
               "not because the rules changed")
    else:
        why = (f"though pathfit's version is the same ({now['pathfit']}): the pathfit that made the record read "
               "them otherwise, or the record was changed after it was made")
    return f"the rule files and knowledge base are byte for byte the ones recorded; {why}"


def _text_only(files: dict) -> str:
    """The note for files whose text changed while the rule set's digest did not."""
    what = " and ".join(w for w, changed in (("rule files' text", any(files.get(k) for k in ("changed", "added",
                                                                                                  "removed"))),
                                             ("knowledge base's text", files.get("knowledge_base"))) if changed)
    return f"the {what} changed since, but not what the rule set says: its digest is the same"


def _cause(rules_changed: bool, engine_changed: bool) -> str:
    if rules_changed and engine_changed:
        return "rules+engine"
    if rules_changed:
        return "rules"
    if engine_changed:
        return "engine"
    return "engine-unexplained"  # same rules, same versions, different result


# Fields a record's decision gained after records were first kept, each with the record versions
# written before it; a record made before one is compared on what it holds (each is worked out
# from the same decision, so it adds nothing to check), and the replay says so. Sealed records
# of version 3 were first written after `label` and `ranking`, so one without them differs (its
# shape is refused once opened); every version was written before `confidence_open`,
# `concluding_rules`, `evidence_open`, `shares_open` and `referral_label` (the referral's words
# from the policy, whose every byte the rule-set digest compared beside it covers).
LATER_FIELDS = {"label": (1, 2), "ranking": (1, 2), "confidence_open": (1, 2, 3), "concluding_rules": (1, 2, 3),
                "evidence_open": (1, 2, 3), "shares_open": (1, 2, 3), "referral_label": (1, 2, 3)}


def same(before, after) -> bool:
    """Whether two JSON values are identical: equal canonical JSON bytes, so that `true` is not
    `1` and `2` is not `2.0`, as Python's == would have them (a record is its JSON, and an
    auditor reading the two would see them differ)."""
    return canonical(before) == canonical(after)


def _core(decision: dict) -> dict:
    """The decision without the fields that only name the rule set and engine: a new dict and
    trace, the rest the decision's own, which only the comparison reads (a copy of the whole,
    twice a record, took three tenths of a log's replay; the differences named are copied)."""
    trace = {k: v for k, v in decision["trace"].items() if k not in ("ruleset", "engine")}
    return {**decision, "trace": trace}


def _summary(d: dict) -> dict:
    """The outcome as the replay's verdict line says it; `confidence_open` as `record_open`
    tells it of a settled figure (None where the record cannot tell, or was not settled), so
    the line words the figure as `recommend` did."""
    settled = d.get("settled")
    return {"recommendation": d.get("recommendation"), "referral": d.get("referral"),
            "confidence": d.get("confidence"), "settled": settled,
            "confidence_open": record_open(d) if settled else None}


def _file_changes(recorded: dict, now: dict) -> dict:
    before, after = recorded.get("files", {}), now["files"]
    out = {"changed": sorted(f for f in before if f in after and before[f] != after[f]),
           "added": sorted(f for f in after if f not in before),
           "removed": sorted(f for f in before if f not in after),
           "knowledge_base": recorded.get("knowledge_base") != now["knowledge_base"]}
    return out


def firing_changes(before: list, after: list) -> list[dict]:
    """Which rules fire differently: no longer, newly, or with other effects or matches."""
    was = {f["rule"]: f for f in before}
    now = {f["rule"]: f for f in after}
    out = []
    for rule in sorted(set(was) | set(now)):
        if rule not in now:
            out.append({"rule": rule, "change": "no longer fires"})
        elif rule not in was:
            out.append({"rule": rule, "change": "fires now, did not before"})
        else:
            diffs = {k: {"before": was[rule].get(k), "after": now[rule].get(k)}
                     for k in _EFFECTS if (k in was[rule]) != (k in now[rule])
                     or not same(was[rule].get(k), now[rule].get(k))}
            if diffs:
                out.append({"rule": rule, "change": "fires differently", "diff": diffs})
    if not out and [f["rule"] for f in before] != [f["rule"] for f in after]:
        out.append({"rule": "*", "change": "the same rules fire, in another order"})
    return out


MAX_DIFFERENCES = 5


def differences(before, after, path: str = "decision", out: list | None = None) -> list[dict]:
    """The first MAX_DIFFERENCES places where two JSON values differ, each as
    {"path": "decision.trace.not_fired[3].observed", "recorded": ..., "now": ...},
    in document order (keys sorted): so `DIFFERS` always says what differs, even
    when the outcome and confidence print the same. A key one side does not have is left
    out of that side: no JSON value stands for "absent" without being one a decision can hold."""
    out = [] if out is None else out
    if len(out) >= MAX_DIFFERENCES:
        return out
    if isinstance(before, dict) and isinstance(after, dict):
        for k in sorted(set(before) | set(after)):
            if k not in before or k not in after:
                place = {"path": f"{path}.{k}"}
                if k in before:
                    place["recorded"] = before[k]
                if k in after:
                    place["now"] = after[k]
                out.append(place)
            elif not same(before[k], after[k]):
                differences(before[k], after[k], f"{path}.{k}", out)
            if len(out) >= MAX_DIFFERENCES:
                break
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for i, (b, a) in enumerate(zip(before, after)):
            if not same(b, a):
                differences(b, a, f"{path}[{i}]", out)
            if len(out) >= MAX_DIFFERENCES:
                break
    elif not same(before, after):
        out.append({"path": path, "recorded": before, "now": after})
    return out
