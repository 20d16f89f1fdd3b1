"""The report's provenance: when and by what the decision was made, the digests that tie the
record to its facts and rule set, how it hides its sensitive facts, and its audit log entry.
Apart from engine.reports.html because it changes with the record's format, not with how a
decision is told."""
from __future__ import annotations

from html import escape

# How a record hides its sensitive facts, in words; the scheme's name follows for an auditor
SCHEMES = {"aes-256-gcm": "sealed: the sensitive facts, and all they bear on, encrypted with AES-256-GCM",
           "hmac-sha256": "masked: each sensitive value replaced by its keyed hash (HMAC-SHA-256)"}


def _e(value) -> str:
    return escape(str(value), quote=True)


def _row(name: str, value: str) -> str:
    return f"<tr><th>{_e(name)}</th><td>{value}</td></tr>"


def provenance(record: dict, entry: dict | None, masks: str = "") -> list[str]:
    """Where the decision came from and how the record keeps it, each as a row of a table.
    `masks`: what was and was not checked of a version 1 record's masks, or of a version 2 record's
    clear part against its seal, said beside them."""
    rs, v, m = record["ruleset"], record["versions"], record["masking"]
    rows = [
        _row("decided at (UTC)", _e(record["timestamp"])),
        _row("pathfit", _e(v.get("pathfit"))), _row("durable-rules", _e(v.get("durable_rules"))),
        _row("rule set", f"{_e(rs.get('name'))} <span class=\"hash\">{_e(rs.get('digest'))}</span>"),
        _row("facts digest", f'<span class="hash">{_e(record["facts_digest"])}</span>'),
        _row("record digest", f'<span class="hash">{_e(record["record_digest"])}</span> '
                              '<span class="ok">(checked when this page was made)</span>'),
        _row("masking", "none: no sensitive fact was known" if not m else
             f"{_e(SCHEMES.get(m.get('scheme'), 'masked'))} "
             f"(<code>{_e(m.get('scheme'))}</code>) with audit key <code>{_e(m.get('key_id'))}</code>; "
             f"shown as masked here: {_e(', '.join(m.get('masked', [])))}" + (f"; {_e(masks)}" if masks else "")),
    ]
    if entry is not None:
        rows.append(_row("audit log entry", f"seq {_e(entry['seq'])}, appended {_e(entry['time'])}, "
                                            f'hash <span class="hash">{_e(entry["hash"])}</span>'))
    files = "".join(f'<tr><td>{_e(name)}</td><td class="hash">{_e(digest)}</td></tr>'
                    for name, digest in sorted(rs.get("files", {}).items()))
    kb = rs.get("knowledge_base")
    files += f'<tr><td>knowledge base</td><td class="hash">{_e(kb)}</td></tr>' if kb else ""
    return ["<h2>Provenance</h2>", f"<table>{''.join(rows)}</table>",
            "<details><summary>Rule-set files (SHA-256)</summary>",
            f"<table><tr><th>file</th><th>digest</th></tr>{files}</table></details>"]
