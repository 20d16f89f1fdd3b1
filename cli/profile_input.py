"""The person's facts in, for the commands that decide for one person (recommend, explain,
interview): a profile file, `--fact` values on top of it, and who the decision is about.

Kept apart from cli/common.py, which every command imports: the others (lint, audit,
batch, ...) never read a profile, and common stays small enough to read at once.
"""
from __future__ import annotations

import sys

from pathfit.engine import Engine, PathfitError
from pathfit.engine.errors import Pos, Problem, did_you_mean
from pathfit.engine.pipeline.load import Map, Seq, decode, parse_yaml, read_text
from pathfit.engine.pipeline.profile import not_a_mapping


MAX_PROFILE_BYTES = 1024 * 1024


BESIDE_FACTS = ("description", "expect", "facts", "subject")  # the keys an example-style profile has


def _beside_facts(doc: dict, engine: Engine, label: str) -> list[Problem]:
    """PF401 at each key beside a `facts:` block other than an example file's own (a description,
    the expected advice, the subject): the facts are read from the block alone, so a fact written
    beside it would be dropped without a word, and the advice given without it."""
    problems = []
    for key in doc:
        if key in BESIDE_FACTS:
            continue
        at = doc.key_at(key) if isinstance(doc, Map) else Pos(label)
        shown = str(key)[:80]
        from pathfit.engine.quote import quote  # loaded for a message only: never on a decision's way

        if key in engine.ruleset.facts:
            message = f"{quote(shown)} is a fact written beside `facts:`: put it among the facts"
        else:
            message = (f"unknown key {quote(shown)} beside `facts:`{did_you_mean(shown, (*BESIDE_FACTS, *engine.ruleset.facts))}"
                       f": beside its facts a profile takes only {', '.join(BESIDE_FACTS[:2])} and subject")
        problems.append(Problem("PF401", message, at))
    return problems


def stdin_failed(exc: OSError) -> PathfitError:
    """Standard input that cannot be read (opened for writing only, a terminal gone): PF100 at `<stdin>`."""
    from pathfit.engine.files import reason

    return PathfitError([Problem("PF100", f"cannot read standard input: {reason(exc)}", Pos("<stdin>"))])


def read_profile(path: str | None, facts: tuple[str, ...], engine: Engine) -> tuple[dict, str]:
    """Facts from a YAML or JSON file (a `.json` file must be JSON: YAML alone would
    take a trailing comma or a bare word; duplicate keys refused either way), then each
    `--fact name=value` on top. -> (profile, label for errors)."""
    profile: dict = {}
    label = "--fact"
    repeated: list = []  # duplicate keys (PF105): reported with the profile's other problems, not alone
    problems, later_blocks = [], []  # and the later values of a `facts:` key written twice
    if path:
        label = "<stdin>" if path == "-" else path
        if path == "-":
            try:
                data = sys.stdin.buffer.read(MAX_PROFILE_BYTES + 1)
            except OSError as exc:
                raise stdin_failed(exc) from None
            text = decode(data, label, MAX_PROFILE_BYTES)
        else:
            try:
                text = read_text(path, label, MAX_PROFILE_BYTES)
            except PathfitError as err:
                from .problems import with_examples_hint  # a message only: never on a decision's way
                raise with_examples_hint(err, path) from None
        strict = _json_values(text, label) if path.lower().endswith(".json") else None
        if strict is not None and "\\u" in text:  # no escape, no surrogate: nothing imported to look
            text = _surrogates_read(strict[0], text, label, "subject" in engine.ruleset.facts)
        root: list = []  # where the document is written: a profile of one plain value cannot say
        doc = parse_yaml(text, label, duplicates=repeated, root=root, person=True)  # a duplicate key: below
        if strict is not None:
            doc = _json_read(doc, strict[0])  # 1e2 is a number to JSON, text to YAML 1.1: JSON's, where written
            if repeated:
                _first_values_only(doc)  # a repeated key's later value read as YAML reads it would be misjudged
        block = doc.get("facts") if isinstance(doc, dict) else None
        wrapper = "facts" not in engine.ruleset.facts  # else `facts` is a fact of the rule set, read as one
        if wrapper and isinstance(doc, dict) and "facts" in doc and block is None:
            block = {}  # `facts:` with nothing under it: an example file with no facts given yet
        elif wrapper and block is not None and not isinstance(block, dict):  # `facts: hello`, not "unknown fact"
            problems.append(not_a_mapping(block, doc.at("facts") if isinstance(doc, Map) else Pos(label), "`facts:`"))
            block = None
        if isinstance(block, dict):
            if isinstance(doc, Map):  # `facts:` written twice: the later block is checked too, below
                later_blocks = [v for v, _, _ in doc.later_values().get("facts", ()) if isinstance(v, Map)]
            problems.extend(_beside_facts(doc, engine, label))
            inner = block
            beside = doc.get("subject")
            if beside is not None and inner.get("subject") not in (None, beside) \
                    and "subject" not in engine.ruleset.facts:  # null among the facts is none, as in a request
                problems.append(Problem("PF628", "the profile's subject is given beside its facts and among them, "
                                                 "differently; give one", doc.at("subject") if isinstance(doc, Map)
                                        else Pos(label)))
            if "subject" in doc and inner.get("subject") is None:  # the subject beside the facts, not among them
                if isinstance(inner, Map):
                    inner.put("subject", doc["subject"], doc.at("subject"))
                else:
                    inner = {**inner, "subject": doc["subject"]}
            doc = inner  # example files wrap the facts with a description
        elif not isinstance(doc, (dict, list)) and root:
            problems.append(not_a_mapping(doc, root[0]))
        for block in (doc, *later_blocks) if isinstance(doc, Map) else ():  # a refused value's form is told from
            block.source = text  # the text read, which stdin cannot give again (engine.pipeline.value_problems)
        profile = doc
    overrides, typed, clashes = {}, {}, {}  # typed: each name's texts as given, for PF613; clashes: names refused
    if facts:  # only then: a profile alone (recommend's start-up) never imports the reading of text
        from pathfit.engine.pipeline.value_text import BLANKS, value_from_text
    for item in facts:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip(BLANKS):
            from pathfit.engine.quote import quote  # loaded for a message only: never on a decision's way

            problems.append(Problem("PF406", f"--fact takes NAME=VALUE, not {quote(item)}", Pos("--fact")))
            continue
        name = name.strip(BLANKS)  # as every name typed: a no-break space is part of it, and refused
        value = value_from_text(engine.ruleset.facts.get(name), raw)  # the form's reading too: one for both
        if name in clashes:
            typed[name].append(raw)
        elif isinstance(value, list) and isinstance(overrides.get(name), list):
            overrides[name] = overrides[name] + [v for v in value if v not in overrides[name]]  # sets add up
            typed[name][-1] = ",".join(t for t in (typed[name][-1], raw) if t.strip(BLANKS))  # `needs=` adds no comma
        elif name in overrides:  # the same value again is accepted; another (a number beside yes or no too) is refused
            typed[name].append(raw)
            if overrides[name] != value or isinstance(overrides[name], bool) != isinstance(value, bool):  # 1 == True
                clashes[name] = True
        else:
            overrides[name], typed[name] = value, [raw]
    if clashes:  # each name once, every value named as typed: no, not False
        from .given_twice import given_more_than_once  # loaded for a message only: never on a decision's way
        problems += [Problem("PF613", given_more_than_once(f"--fact {name}", typed[name]), Pos("--fact")) for name in clashes]
    if problems:
        raise PathfitError(repeated + problems)
    if overrides and isinstance(profile, Map):
        for name, value in overrides.items():
            profile.put(name, value, Pos("--fact"))
    elif overrides and isinstance(profile, dict):
        profile = {**profile, **overrides}
    if repeated:
        for each in (profile, *later_blocks):
            try:
                engine.check(each, label)
            except PathfitError as err:
                repeated.extend(err.problems)
        raise PathfitError(repeated)
    return profile, label


def gathered(*steps) -> list:
    """Each step's result, or every problem of every step at once (PathfitError): the facts'
    and the subject's and operator's are said together, as the service says them, not the
    second only once the first is mended. A problem two steps find (a profile's bad `subject`,
    judged with its facts and as the subject) is said once."""
    results, problems = [], []
    for step in steps:
        try:
            results.append(step())
        except PathfitError as err:
            problems += [p for p in err.problems if p not in problems]
    if problems:
        raise PathfitError(problems)
    return results


def who(engine: Engine, profile, label: str, subject: str | None, operator: str | None) -> tuple:
    """(subject, operator), checked: --subject or the profile's top-level `subject`
    (both given and different: PF628), and --operator."""
    from pathfit.engine.pipeline.profile import profile_subject

    given = profile_subject(engine.ruleset, profile, label)
    if subject is None and operator is None:
        return given, None  # the audit modules (and their cryptography) stay unimported
    from pathfit.engine.audit.subject import check_who

    if subject is not None:
        subject = check_who(subject, "--subject", Pos("--subject"))
        if given is not None and given != subject:
            raise PathfitError([Problem("PF628", "--subject differs from the profile's subject; give one",
                                        Pos("--subject"))])
    return (subject if subject is not None else given,
            check_who(operator, "--operator", Pos("--operator")) if operator is not None else None)


def _json_values(text: str, label: str) -> tuple:
    """(the document's values as JSON reads them,), or PathfitError at the first place the
    text is not JSON (PF102, or PF107 nested too deep, as a batch row)."""
    import json

    from pathfit.engine.cohort.rows import json_depth_problem, json_message
    from pathfit.engine.pipeline.scalars import json_float, json_int

    deep = json_depth_problem(text, label, 1, "profile")
    if deep is not None:
        raise PathfitError([deep])
    try:
        return (json.loads(text.removeprefix("\ufeff"), object_pairs_hook=_first_wins, parse_constant=_not_json,
                           parse_float=json_float, parse_int=json_int),)
    except ValueError as exc:
        where = Pos(label, getattr(exc, "lineno", 0), getattr(exc, "colno", 0))
        if not where.line:  # NaN or Infinity (_not_json), of which json's hook is told no place
            where = _token_at(text.removeprefix("\ufeff"), label) or where
        raise PathfitError([Problem("PF102", f"invalid JSON: {json_message(exc)}", where)]) from None


def _surrogates_read(doc, text: str, label: str, subject_is_fact: bool) -> str:
    """A `\\ud800` escape alone (no character) in a JSON profile refused as in a batch row: PF101 at
    it, in the subject PF628, the subject's own rule. YAML's reader, next, calls it, and a pair (an
    emoji as json.dumps writes it), its syntax error: -> the text for YAML, each pair as YAML writes it."""
    from pathfit.engine.surrogates import (LONE_SURROGATE, SURROGATE, lone_surrogate, lone_surrogate_offset,
                                           pairs_for_yaml)

    yaml_text, text = pairs_for_yaml(text), text.removeprefix("\ufeff")
    if not isinstance(doc, dict) or not lone_surrogate(doc, text):
        return yaml_text
    at = lone_surrogate_offset(text)
    where = Pos(label, text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at))
    block = doc.get("facts") if isinstance(doc.get("facts"), dict) else {}
    said = next((s for s in (doc.get("subject"), block.get("subject")) if isinstance(s, str) and SURROGATE.search(s)), None)
    rest = {k: ({n: w for n, w in v.items() if n != "subject"} if v is block else v) for k, v in doc.items()
            if k != "subject"}
    if said is not None and not subject_is_fact and not lone_surrogate(rest, text):
        from pathfit.engine.audit.subject import check_who

        check_who(said, "subject", where)  # raises: it holds no character
    raise PathfitError([Problem("PF101", f"profile holds {LONE_SURROGATE}", where)])


def _token_at(text: str, label: str) -> Pos | None:
    """Where the NaN or Infinity json's reader refused is written, counted as JSON counts."""
    from pathfit.engine.audit.json_refusal import refused_at

    offset = refused_at(text, strict=False)
    if offset is None:
        return None
    return Pos(label, text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))


def _json_read(doc, values):
    """`values`, JSON's reading of the document, kept in YAML's located mappings and lists
    wherever the two readings have the same keys and lengths, so that a key or value is
    reported where it was written: with JSON's values alone (a plain dict) every problem of
    a file with one number YAML 1.1 reads otherwise (1e1) was at 0:0. Where they differ in
    shape (a key with an escape YAML reads otherwise), JSON's value, unlocated."""
    if type(values) is dict and isinstance(doc, Map) and list(doc) == list(values):
        for key, value in values.items():
            if not _same_values(doc[key], value):
                dict.__setitem__(doc, key, _json_read(doc[key], value))
                doc.surprises.pop(key, None)  # YAML's reading of it, which JSON's replaces
                doc.as_written.pop(key, None)
        return doc
    if type(values) is list and isinstance(doc, Seq) and len(doc) == len(values):
        for index, value in enumerate(values):
            if not _same_values(doc[index], value):
                list.__setitem__(doc, index, _json_read(doc[index], value))
                doc.surprises.pop(index, None)
                doc.as_written.pop(index, None)
        return doc
    return values


def _first_values_only(doc) -> None:
    """Set aside the later values of keys a JSON profile writes twice, in the profile and in its
    `facts`: each is reported (PF105), and the first value is the one JSON keeps (_first_wins);
    judging a later one would judge it as YAML 1.1 reads it (`1e1` as text, where JSON reads 10)."""
    for value in (doc, doc.get("facts") if isinstance(doc, Map) else None):
        if isinstance(value, Map):
            value.forget_later_values()


def _first_wins(pairs: list) -> dict:
    """A JSON object with each key's first value, as the YAML reading keeps it: with a key
    written twice (PF105) JSON and YAML still agree, and the profile keeps its positions."""
    obj: dict = {}
    for key, value in pairs:
        obj.setdefault(key, value)
    return obj


def _not_json(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _same_values(doc, values) -> bool:
    """Whether YAML read the document as JSON does: same types, same values."""
    if type(values) is dict:
        return isinstance(doc, dict) and list(doc) == list(values) and all(
            _same_values(doc[k], v) for k, v in values.items())
    if type(values) is list:
        return isinstance(doc, list) and len(doc) == len(values) and all(map(_same_values, doc, values))
    if type(values) is str and type(doc) is float:  # a number a float does not hold: JSON keeps its text
        from pathfit.engine.pipeline.scalars import inexact  # (scalars.json_float), YAML the float, judged as written

        return inexact(values, doc) and float(values) == doc
    return type(doc) is type(values) and doc == values
