"""`pathfit replay`: re-run recorded decisions and say whether the rules or the engine changed."""
from __future__ import annotations

import json
import sys

import click

from pathfit.engine.errors import PathfitError
from pathfit.engine.quote import quote, shown_path
from pathfit.engine.audit.record_bytes import json_array
from pathfit.engine.program_json import json_on
from pathfit.engine.pipeline.figures import ON_ANSWERS_GIVEN, OPEN_NOT_RECORDED, figure_text

from .audit_show import field
from .common import echo, fail_with, load_engine, rules_option
from .params import Choice, Command, FilePath, not_empty


@click.command(cls=Command)
@click.argument("source", metavar="RECORD_OR_LOG", type=FilePath())
@rules_option
@click.option("--audit-key", type=FilePath(), metavar="FILE",
              help="The key the records were sealed or masked with (default: $PATHFIT_AUDIT_KEY_FILE).")
@click.option("--id", "record_id", metavar="ID", callback=not_empty, help="Only this record of a log (a unique prefix will do).")
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True)
def replay(source: str, rules: str | None, audit_key: str | None, record_id: str | None, fmt: str) -> None:
    """Re-run each recorded decision with today's rules (or --rules DIR) and
    confirm the same outcome and trace. Where they differ, say whether the rule
    set changed (which files, which rules fire differently) or the engine did.

    Exit status: 0 every decision reproduced, 1 some differ (or an entry was
    altered, or the log does not verify: anything `audit verify` finds (with the audit key, a
    seal that does not hold too), a half-written last
    line or an uncommitted batch included (`audit verify --repair` sets those aside), warned
    about on stderr as `audit show` warns), 2 bad input (unreadable; PF610 no audit key for a sealed or masked
    record, PF611 another key, PF630 a seal or sealed subject that does not open, in the record
    --id names or in any record of the log replayed whole).

    \b
    Examples:
      pathfit replay decision.json
      pathfit replay audit.jsonl --rules rules-v2/
      PATHFIT_AUDIT_KEY_FILE=audit.key pathfit replay audit.jsonl --id 3f1c2a
    """
    from pathfit.engine.audit.read import refuse_empty, select
    from pathfit.engine.audit.masking import load_key
    from pathfit.engine.audit.replay import recover_facts, replay as replay_one
    from pathfit.engine.audit.seal_check import check_subject
    from pathfit.engine.audit.stream import CheckedLog

    from .audit_show import printable, warn_unverified

    broken, seal, only = None, None, None
    try:
        refuse_empty(source)
        key = load_key(audit_key)
        # the whole log verified first (with the key every seal too, as `audit verify` checks them),
        # holding no record; each read again below
        checked = CheckedLog(source, key=lambda: key)
        broken, seal = checked.problem, checked.seal
        if record_id:  # a damaged record named is kept, and reported NOT REPLAYED as in a whole log's replay
            only = {select(checked.items, record_id, source, damaged=True).where.line}
        problems = []
        # every masked record must be recoverable before anything is replayed: those whose seals held
        # with the key as the log was verified are, and are not opened and checked again
        for item in checked.to_check(key, only):
            if item.record is not None:
                try:
                    check_subject(key, item.record, item.subject_where)  # first, as verify: an earlier box does not hold it
                    recover_facts(item.record, key, item.seal_where, checked=True)  # CheckedLog did
                except PathfitError as err:
                    problems.extend(err.problems)
        if problems:
            raise PathfitError(problems)
    except PathfitError as err:
        if seal not in err.problems:  # a record's own seal: said once, as its own problem, first or not
            warn_unverified(broken)  # said first, as for every reader of a log that does not verify
        fail_with(err)
    warn_unverified(broken)
    count, bad, unread = 0, 0, 0  # a line read as no record is no record replayed: counted apart
    with load_engine(rules, announce=fmt == "text") as engine:
        def replayed():  # each record's result said as it is made: a year's log takes hours to replay
            nonlocal count, bad, unread
            for item in checked.records(only):
                if item.record is None:
                    r = {"id": None, "where": f"{item.where.file}:{item.where.line}", "status": "unreadable",
                         "notes": [item.problem.format()]}
                    unread += 1
                else:
                    # opened, not checked again where verifying the log checked its seals
                    r = replay_one(engine, checked.opened(item, key, "replaying it").record, key, item.where,
                                   checked=True, opened=True)
                    count, bad = count + 1, bad + (r["status"] != "reproduced")
                at = item.where  # JSON keeps the exact name; text shows it as every message does
                yield r, f"{shown_path(at.file)}:{at.line}" if at.line else shown_path(at.file)

        try:
            if fmt == "json":
                for piece, last in json_array(r for r, _ in replayed()):
                    echo(json_on(sys.stdout, piece), nl=last)
            else:
                for r, where in replayed():
                    echo(printable(render(r, where)))
        except PathfitError as err:  # the log cut and written again since it was verified
            fail_with(err)
    if fmt == "text":
        echo(f"replayed {count} record{'s' if count != 1 else ''}: {count - bad} reproduced, {bad} not"
             + (f"; {unread} line{' not read as a record' if unread == 1 else 's not read as records'}"
                if unread else "") + ("; the log does not verify" if broken is not None else ""))
    raise SystemExit(1 if bad or unread or broken is not None else 0)  # a broken log vouches for nothing


def render(r: dict, where: str | None = None) -> str:
    """One record's replay in words: the verdict line, then the cause and the evidence for it;
    `where` names the record as shown_path shows its file (the command gives it; else r's own)."""
    where = r["where"] if where is None else where
    if r["status"] == "unreadable":
        return field(f"{where}  NOT REPLAYED: " + "; ".join(r["notes"]))
    was, now = r["outcome"]["recorded"], r["outcome"]["now"]
    head = f"{r['id']}  ({where})  "
    if r["status"] == "reproduced":
        lines = [head + f"reproduced: {_outcome(was)}, same trace"]
    else:
        lines = [head + f"DIFFERS: recorded {_outcome(was)}, now {_outcome(now) if now else 'no decision'}"]
        lines += ["  cause: " + c for c in _causes(r)]
    files = r.get("files") or {}
    for kind in ("changed", "added", "removed"):
        if files.get(kind):
            lines.append(f"    rule files {kind}: {', '.join(map(shown_path, files[kind]))}")
    if files.get("knowledge_base"):
        lines.append("    knowledge base changed")
    if r.get("firings"):
        lines.append("  rules whose firing changed:")
        for f in r["firings"]:
            text = f"    {f['rule']}: {f['change']}"
            for part, d in sorted(f.get("diff", {}).items()):
                text += f"; {part} {_j(d['before'])} -> {_j(d['after'])}"
            lines.append(text)
    for d in r.get("differences", []):
        lines.append(f"  differs at {d['path']}: recorded {_side(d, 'recorded')}, now {_side(d, 'now')}")
    lines += ["  note: " + n for n in r.get("notes", [])]
    return "\n".join(map(field, lines))  # record text is untrusted: no value may print a line of its own


def _causes(r: dict) -> list[str]:
    out = []
    if r["cause"] in ("rules", "rules+engine"):
        rs, names = r["ruleset"], r["ruleset_name"]
        digests = f"digest {str(rs['recorded'])[:12]}... -> {rs['now'][:12]}..."
        out.append(f"another rule set ({quote(names['recorded'])} -> {quote(names['now'])}; {digests})"
                   if names["recorded"] != names["now"] else f"the rule set changed ({digests})")
    if r["cause"] in ("engine", "rules+engine"):
        was, now = r["versions"]["recorded"], r["versions"]["now"]
        moved = [f"{name} {was.get(k)} -> {now.get(k)}" for k, name in
                 (("pathfit", "pathfit"), ("durable_rules", "durable-rules")) if was.get(k) != now.get(k)]
        out.append("the engine changed (" + "; ".join(moved) + ")")
    if r["cause"] == "engine-unexplained":
        out.append("the engine: same rule set and the same pathfit and durable-rules versions, yet a different "
                   "result (the engine or its installation is not the one that made the record, or the record "
                   "was changed after it was made: `pathfit audit verify` checks it against its audit log)")
    return out


def _outcome(o: dict) -> str:
    text = o["recommendation"] + (f" ({o['referral']})" if o.get("referral") else "")
    if o.get("settled") is False:  # no figure while answers could still change the advice, as every view says
        return f"{text} (provisional)"
    figure = f"{text} {figure_text(o.get('confidence', 0))}"
    # a record made before pathfit recorded it: said as `audit show --id` says it (replay opens every
    # sealed record, so whether it was settled is never sealed here)
    if not o.get("settled"):
        return f"{figure} (whether it was settled is not recorded)"
    open_ = o.get("confidence_open")  # a settled figure an answer not yet given might move: as recommend said it
    return figure if open_ is False else f"{figure} {ON_ANSWERS_GIVEN if open_ else OPEN_NOT_RECORDED}"


def _j(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _side(difference: dict, side: str) -> str:
    """One side of a difference as JSON, or (absent) where that decision has no such key: never
    JSON, so never taken for a value, as the text "(absent)" would be."""
    return _j(difference[side]) if side in difference else "(absent)"

