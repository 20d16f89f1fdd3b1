"""Load + validate a rule-set directory into one RuleSet, or raise every problem found.

A directory holds schema.yaml (the facts), policy.yaml (the decision policy)
and any number of other *.yaml rule files; subdirectories (rule tests, for
example) are not rule files. Order of files and of rules within them never
matters: rules are sorted by id.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from pathlib import Path

from .bundled import SCHEMA_FILE, bundled_rules_dir
from ..errors import Collector, PathfitError, Pos
from .kb_name import DEFAULT as KB_DEFAULT
from .knowledge_base import read_sections
from .load import Map, parse_yaml, plain_file, read_text, surprises_in
from .yaml_names import yaml_files
from .model import RuleSet, rule_index
from .validate_policy import parse_policy
from .validate_schema import parse_schema, schema_language
from .validate_rules import check_certainties, check_rule_set, parse_rule_file
from .tagged_words import for_text, plain_reads

POLICY_FILE = "policy.yaml"
__all__ = ["SCHEMA_FILE", "POLICY_FILE", "bundled_rules_dir", "read_ruleset", "unreadable", "canonical", "name_surprises"]


def read_ruleset(directory: str | Path, parsed: dict | None = None) -> RuleSet:
    """`parsed`, given, receives each file's document as it is parsed (label -> document), even
    when the rule set then fails: lint reads them again, and parsing a file twice doubled its
    largest cost."""
    directory = Path(directory)
    out = Collector()
    unread = unreadable(directory)
    if unread:
        out.add("PF216", unread, Pos(str(directory)))
        out.raise_if_errors()
    files = yaml_files(directory)
    names = {p.name for p in files}
    for required in (SCHEMA_FILE, POLICY_FILE):
        if required not in names:
            out.add("PF216", f"rules directory has no {required}", Pos(str(directory / required)))
    out.raise_if_errors()

    docs, digests, roots = {}, [], {}
    for path in files:
        try:
            plain_file(path, str(path))
            text = read_text(path, str(path))
            repeated: list = []  # duplicate keys (PF105): the file is checked still, each key's first value
            root: list = []  # where the document's value is written, for one that is no mapping
            docs[path.name] = parse_yaml(text, str(path), allow_empty=path.name not in (SCHEMA_FILE, POLICY_FILE),
                                         duplicates=repeated, root=root)
            roots[path.name] = root[0] if root else Pos(str(path), 1, 1)
            if parsed is not None:
                parsed[str(path)] = docs[path.name]
            out.problems.extend(repeated)
            digests.append((path.name, _file_digest(text)))
        except PathfitError as exc:
            out.problems.extend(exc.problems)
    if SCHEMA_FILE not in docs or POLICY_FILE not in docs:
        out.raise_if_errors()

    facts, name, kb_rel = parse_schema(docs[SCHEMA_FILE], out, roots[SCHEMA_FILE])
    language = schema_language(docs[SCHEMA_FILE], out)
    policy = parse_policy(docs[POLICY_FILE], out, at=roots[POLICY_FILE])
    kb_path = directory / (kb_rel or KB_DEFAULT)
    # a schema that could not be read, or whose knowledge_base was refused, names no knowledge
    # base: none is read, no citation judged; one it names is reported at its value when unreadable
    schema = docs[SCHEMA_FILE]
    kb_at = schema.at("knowledge_base") if isinstance(schema, Map) and "knowledge_base" in schema else None
    sections, kb_sha256 = read_sections(kb_path, str(kb_path), out, kb_at) if kb_rel is not None else ({}, None)
    rules, tables_read, ids = [], {}, []
    for fname in sorted(docs):
        if fname not in (SCHEMA_FILE, POLICY_FILE):
            rules.extend(parse_rule_file(docs[fname], str(directory / fname), facts, policy, out, sections,
                                         tables_read, ids, roots[fname]))
    digests = sorted(digests + [(name, _file_digest(text)) for name, text in tables_read.items()])
    check_rule_set(rules, facts, out, ids)
    if policy is not None and policy.combine == "certainty":
        check_certainties(rules, out)
    name_surprises(out, docs)
    out.raise_if_errors()
    rules.sort(key=lambda r: r.id)
    ordered = dict(sorted(facts.items(), key=lambda kv: (kv[1].kind != "input", kv[0])))
    derivers, readers = rule_index(rules)
    rs = RuleSet(name, ordered, tuple(rules), policy,
                 {a: title for a, (title, _) in sections.items()}, tuple(digests), "", str(directory), str(kb_path),
                 derivers, readers, kb_sha256, language)
    return _with_digest(rs, getattr(sections, "written", {}))


def name_surprises(out: Collector, docs: dict, booleans_only: bool = False) -> None:
    """An error at a token YAML 1.1 reinterpreted (`not_now: no`, `cites: [no]`) says so: the
    author wrote text and pathfit read a boolean or number. The error is then the one report
    at that token (lint's PF711 warning stays out); PF211 is that very report already. Rule
    test files are read as rule files are, and say it alike (engine.authoring.rule_tests).
    `booleans_only`: a profile's, whose errors quote a number readers disagree on as written."""
    if not any(p.severity == "error" and p.code != "PF211" for p in out.problems):
        return  # the common case: nothing to walk the documents for
    found = {}
    for doc in docs.values():
        for pos, raw, value in surprises_in(doc):
            if isinstance(value, bool) or not booleans_only:
                found[pos] = (raw, value)
    if not found:
        return
    for i, p in enumerate(out.problems):
        hit = found.get(p.pos) if p.severity == "error" and p.code != "PF211" else None
        if hit is not None:
            shown = ("true" if hit[1] else "false") if isinstance(hit[1], bool) else str(hit[1])
            out.problems[i] = p._replace(message=f"{p.message} ({plain_reads(hit[0], shown)}; {for_text(hit[0])} "
                                                 "for text)")


def unreadable(directory: str | Path) -> str | None:
    """Why `directory` cannot be read as a rule set's directory, or None. Asked of the system
    directly: Path.is_dir raises on a name too long or a parent that may not be searched, and
    Path.glob lists a directory that may not be read as empty, which said its files were missing.
    Listed and searched both: one that may be listed but not searched names its files and opens
    none of them, which said each file could not be read."""
    try:
        if not stat.S_ISDIR(os.stat(directory).st_mode):
            return "not a directory: give the rule set's directory"
        with os.scandir(directory):
            os.stat(os.path.join(directory, os.curdir))  # searched: what is in it may be opened
            return None
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return "rules directory not found" + _leads_nowhere(directory)
        return f"cannot read the rules directory: {exc.strerror or exc}"
    except ValueError:  # a NUL in the name, which no file's name holds
        return "rules directory not found"


def _leads_nowhere(directory: str | Path) -> str:
    """Where a link named as the rule set leads, when the directory is not found: the name alone
    is there to see (`ls`), and the message would deny it."""
    try:
        target = os.readlink(directory)
    except (OSError, ValueError):  # no link
        return ""
    from ..quote import quote  # for this message only

    return f": a link to {quote(target)}, which leads to no directory"


def _file_digest(text: str) -> str:
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


# derivers and readers are indexes computed from the rules; a policy's `subject` (sensitive or public) changes
# how records keep the subject, never a decision, so it stays out of the meaning (policy.yaml's own digest has it);
# so does the `language` the author's text is marked as on a page (schema.yaml's digest has it)
_SKIP = ("pos", "id_pos", "derive_pos", "file", "directory", "digest", "files", "knowledge_base", "kb_sha256",
         "derivers", "readers", "subject", "language")
_FIELDS: dict[type, tuple] = {}


_ATOMS = frozenset((str, int, float, bool, type(None)))


def canonical(value):
    """The rule set's meaning as JSON-able data: no positions, no file layout.
    Values of exactly a built-in type are told apart by their type first (asking
    a plain value for `_fields` costs a caught AttributeError); none has _fields.

    Every mapping comes out with its keys in sorted order (a NamedTuple's field names
    sorted once per type), so its JSON with sort_keys is its JSON as it stands: the
    digest writes it without asking the encoder to sort each of its 20,000 mappings
    (at 1,000 rules) again."""
    cls = value.__class__
    if cls in _ATOMS:
        return value
    if cls is tuple or cls is list:
        return [v if v.__class__ in _ATOMS else canonical(v) for v in value]
    if cls is dict:
        return _sorted_keys({str(k): canonical(v) for k, v in sorted(value.items())})
    fields = getattr(value, "_fields", None)  # a record from engine.pipeline.model
    if fields is not None:
        names = _FIELDS.get(type(value))
        if names is None:
            names = _FIELDS[type(value)] = tuple(sorted(f for f in fields if f not in _SKIP))
        return {name: v if (v := getattr(value, name)).__class__ in _ATOMS else canonical(v) for name in names}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return _sorted_keys({str(k): canonical(v) for k, v in sorted(value.items())})
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    return value


def _sorted_keys(mapping: dict) -> dict:
    """`mapping` with its (string, so distinct) keys in sorted order: already so when the
    keys were strings before they were made strings, as every mapping of a rule set's are."""
    keys = list(mapping)
    return mapping if keys == sorted(keys) else dict(sorted(mapping.items()))


def _with_digest(rs: RuleSet, written: dict) -> RuleSet:
    # the same text as json.dumps(canonical(rs), sort_keys=True) (tests/test_digest_text.py), the
    # knowledge base's titles as `written`: read as rendered, they moved the digest of unchanged
    # files (and would again with the Markdown reader's version), so replay said the rules changed
    meant = rs._replace(sections=written)
    return rs._replace(digest=hashlib.sha256(canonical_text(meant).encode("utf-8")).hexdigest())


def canonical_text(value) -> str:
    """json.dumps(canonical(value), separators=(",", ":"), ensure_ascii=False), written
    directly: building canonical's 30,000 mappings and lists at 1,000 rules, encoding and
    then freeing them took 25 ms, writing the text 15. Plain values, lists, tuples, records
    and mappings with string keys are written here as the encoder writes them (a string as
    its encode_basestring, an int or float by its type's repr, a float that is not finite
    as NaN or Infinity, records by their sorted fields but _SKIP); anything else, a subclass
    included, is canonical's and the encoder's own (JSON nests: a part's text is the same
    alone or within the whole)."""
    cls = value.__class__
    if cls is str:
        return _string(value)
    if cls is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if cls is bool:
        return "true" if value else "false"
    if cls is float:
        return float.__repr__(value) if value - value == 0 else _encoded(value)  # inf - inf, nan - nan: nan
    if cls is tuple or cls is list:
        return f"[{','.join([canonical_text(v) for v in value])}]"
    if cls is dict:
        if all(k.__class__ is str for k in value):
            return f"{{{','.join([f'{_string(k)}:{canonical_text(value[k])}' for k in sorted(value)])}}}"
        return _encoded(value)
    fields = _TEXT_FIELDS.get(cls)
    if fields is None:
        fields = _text_fields(value)
        if fields is None:
            return _encoded(value)
    return f"{{{','.join([name + canonical_text(value[i]) for i, name in fields])}}}"


_string = json.encoder.encode_basestring  # how dumps(ensure_ascii=False) writes a string
_TEXT_FIELDS: dict[type, tuple] = {}  # record class -> ((index, '"name":'), ...) in canonical's order


def _encoded(value) -> str:
    return json.dumps(canonical(value), separators=(",", ":"), ensure_ascii=False)


def _text_fields(record) -> tuple | None:
    """A record class's fields as canonical writes them, with each one's index in the
    tuple: None for a value that is not a tuple whose named fields are its items."""
    names = getattr(record, "_fields", None)
    if names is None or not isinstance(record, tuple) or len(record) != len(names):
        return None
    if any(getattr(record, name) is not record[i] for i, name in enumerate(names)):
        return None
    kept = sorted(n for n in names if n not in _SKIP)
    fields = _TEXT_FIELDS[record.__class__] = tuple((names.index(n), f"{_string(n)}:") for n in kept)
    return fields


def shown_file(path: str, known: dict | None = None) -> str:
    """A rule file named by its rule set's directory and the file in it (`rules/judgements.yaml`):
    the same wherever the rule set lives and however --rules spells it (`.`, `..`, a symbolic
    link: the directory's real name), never a path into a virtual environment. `known`, kept by
    a caller naming many rules' files, holds each directory's name once asked: a resolve per
    rule was a tenth of `pathfit docs` at 3,000 rules."""
    file = Path(path)
    directory = known.get(file.parent) if known is not None else None
    if directory is None:
        directory = file.parent.resolve().name
        if known is not None:
            known[file.parent] = directory
    return f"{directory}/{file.name}" if directory else file.name
