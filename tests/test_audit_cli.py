"""The auditor's commands through click: recommend --record/--audit-log, audit verify,
audit show, audit keygen, replay and report; exit statuses, located errors, and
nothing written on failure."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from .audit_support import (EXAMPLES, PLAIN_EXAMPLE, SENSITIVE_EXAMPLE, clear_value_patterns, example_facts, keyed,
                            make_key, run)
from .helpers import bundled_copy


def read_lines(path) -> list[str]:
    with open(path) as f:
        return f.readlines()


def write_lines(path, lines) -> None:
    with open(path, "w") as f:
        f.writelines(lines)


def append_bytes(path, data: bytes) -> None:
    with open(path, "ab") as f:
        f.write(data)


def recorded_log(tmp_path, profiles=EXAMPLES) -> str:
    log = tmp_path / "audit.jsonl"
    for p in profiles:
        assert run("recommend", "--profile", p, "--audit-log", log).exit_code == 0
    return str(log)


# --- recommend --record / --audit-log --------------------------------------------------------------------------

def test_recording_changes_nothing_on_stdout(tmp_path, keyed):
    plain = run("recommend", "--profile", SENSITIVE_EXAMPLE, "--format", "json")
    recorded = run("recommend", "--profile", SENSITIVE_EXAMPLE, "--format", "json",
                   "--record", tmp_path / "r.json", "--audit-log", tmp_path / "log.jsonl")
    assert recorded.exit_code == 0 and recorded.stdout == plain.stdout
    record = json.loads((tmp_path / "r.json").read_text())
    entry = json.loads((tmp_path / "log.jsonl").read_text())
    assert entry["record"] == record and entry["seq"] == 1
    assert f"recorded decision {record['id']}" in recorded.stderr and entry["hash"] in recorded.stderr
    assert oct(os.stat(tmp_path / "r.json").st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("args,code", [
    (["--fact", "nope=1"], "PF401"),  # the evaluation fails
    (["--profile", str(SENSITIVE_EXAMPLE)], "PF610"),  # a sensitive fact and no key
])
def test_nothing_is_written_when_recommend_fails(tmp_path, monkeypatch, args, code):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    result = run("recommend", *args, "--record", tmp_path / "r.json", "--audit-log", tmp_path / "log.jsonl")
    assert result.exit_code == 2 and f": {code}: " in result.stderr and result.stdout == ""
    assert "Traceback" not in result.stderr and list(tmp_path.iterdir()) == []


def test_an_existing_record_is_never_overwritten_and_the_log_is_untouched(tmp_path, keyed):
    (tmp_path / "r.json").write_text("evidence")
    result = run("recommend", "--profile", PLAIN_EXAMPLE, "--record", tmp_path / "r.json",
                 "--audit-log", tmp_path / "log.jsonl")
    assert result.exit_code == 2 and f"{tmp_path / 'r.json'}:0:0: PF612: " in result.stderr
    assert (tmp_path / "r.json").read_text() == "evidence" and not (tmp_path / "log.jsonl").exists()


def test_a_bad_key_file_is_an_error_even_when_not_needed(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(tmp_path / "missing.key"))
    result = run("recommend", "--profile", PLAIN_EXAMPLE, "--record", tmp_path / "r.json")
    assert result.exit_code == 2 and f"{tmp_path / 'missing.key'}:0:0: PF610: " in result.stderr


def test_sealing_holds_in_every_output_without_the_key_and_show_opens_with_it(tmp_path, keyed, monkeypatch):
    log = recorded_log(tmp_path, [SENSITIVE_EXAMPLE])
    facts = example_facts(SENSITIVE_EXAMPLE)
    record_id = json.loads(read_lines(log)[0])["record"]["id"]
    assert run("report", log, "--out", tmp_path / "r.html").exit_code == 0  # with the key: drawn, values masked
    opened = run("audit", "show", log, "--id", record_id).stdout
    assert re.search(r"confidential_matter\s+yes", opened) and "coaching.confidential" in opened
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE")
    shown = run("audit", "show", log, "--format", "json").stdout + run("audit", "show", log).stdout
    detail = run("audit", "show", log, "--id", record_id).stdout
    assert "(sensitive facts: sealed)" in detail and "confidential_matter" not in detail
    assert "coaching.confidential" not in detail  # the rule that reads it is sealed with it
    for text in (Path(log).read_text(), shown, (tmp_path / "r.html").read_text()):
        for pattern in clear_value_patterns("confidential_matter", facts["confidential_matter"]):
            assert not pattern.search(text)
    assert ">confidential_matter</code></td><td><span class=\"masked\"" in (tmp_path / "r.html").read_text()
    refused = run("report", log, "--out", tmp_path / "r2.html")
    assert refused.exit_code == 2 and "PF610" in refused.output and not (tmp_path / "r2.html").exists()
    assert "--audit-key FILE" in refused.output  # the option its message names exists (regression: it did not)
    assert run("report", log, "--audit-key", keyed, "--out", tmp_path / "r2.html").exit_code == 0
    assert (tmp_path / "r2.html").read_text() == (tmp_path / "r.html").read_text()  # as drawn with the variable
    assert run("audit", "show", log, "--id", record_id, "--audit-key", keyed).stdout == opened


# --- audit verify ----------------------------------------------------------------------------------------------

def test_verify_intact_prints_the_head_and_exits_0(tmp_path, keyed):
    log = recorded_log(tmp_path, EXAMPLES[:3])
    head = json.loads(read_lines(log)[-1])["hash"]
    result = run("audit", "verify", log)
    assert result.exit_code == 0 and result.stdout.strip() == f"{log}: intact, 3 entries, head {head}"
    as_json = json.loads(run("audit", "verify", log, "--format", "json").stdout)
    assert as_json["intact"] and as_json["head"] == head and as_json["problem"] is None


def test_verify_broken_exits_1_with_the_located_first_problem(tmp_path, keyed):
    log = recorded_log(tmp_path, EXAMPLES[:4])
    lines = read_lines(log)
    write_lines(log, lines[:1] + lines[2:])
    result = run("audit", "verify", log)
    assert result.exit_code == 1 and result.stdout.startswith(f"{log}:2:1: PF603: ")
    assert "Traceback" not in result.output


def test_verify_expect_head_catches_entries_cut_off_the_end(tmp_path, keyed):
    log = recorded_log(tmp_path, EXAMPLES[:4])
    lines = read_lines(log)
    seen = json.loads(lines[-1])["hash"]
    write_lines(log, lines[:2])
    assert run("audit", "verify", log).exit_code == 0
    result = run("audit", "verify", log, "--expect-head", seen)
    assert result.exit_code == 1 and f"{log}:0:0: PF607: " in result.stdout
    earlier = json.loads(lines[0])["hash"]
    grown = run("audit", "verify", log, "--expect-head", earlier.upper())
    assert grown.exit_code == 0 and "expected head is line 1 (1 entry appended since)" in grown.stdout


@pytest.mark.parametrize("args,where,code", [
    (["--expect-head", "abc"], "--expect-head:0:0", "PF613"),
    ([], "{missing}:0:0", "PF100"),
])
def test_verify_bad_input_exits_2(tmp_path, keyed, args, where, code):
    log = recorded_log(tmp_path, EXAMPLES[:1]) if args else str(tmp_path / "missing.jsonl")
    result = run("audit", "verify", log, *args)
    assert result.exit_code == 2 and f"{where.format(missing=log)}: {code}: " in result.stderr


def test_repair_sets_a_partial_tail_aside_and_appends_resume(tmp_path, keyed):
    log = recorded_log(tmp_path, EXAMPLES[:2])
    whole = Path(log).read_bytes()
    append_bytes(log, b'{"hash":"12')
    refused = run("recommend", "--profile", PLAIN_EXAMPLE, "--audit-log", log, "--record", tmp_path / "r.json")
    assert refused.exit_code == 2 and "PF606" in refused.stderr and not (tmp_path / "r.json").exists()
    broken = run("audit", "verify", log)
    assert broken.exit_code == 1 and f"{log}:3:12: PF606: " in broken.stdout
    repaired = run("audit", "verify", log, "--repair")
    assert repaired.exit_code == 0 and "repaired" in repaired.stdout and "intact, 2 entries" in repaired.stdout
    assert Path(log).read_bytes() == whole
    aside = [p for p in tmp_path.iterdir() if ".partial-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == b'{"hash":"12'
    assert run("recommend", "--profile", PLAIN_EXAMPLE, "--audit-log", log).exit_code == 0
    assert "intact, 3 entries" in run("audit", "verify", log).stdout


def test_repair_refuses_a_log_with_other_damage(tmp_path, keyed):
    log = recorded_log(tmp_path, EXAMPLES[:3])
    lines = read_lines(log)
    write_lines(log, [lines[1], lines[0], lines[2], '{"hash"'])
    before = Path(log).read_text()
    result = run("audit", "verify", log, "--repair")
    assert result.exit_code == 1 and "PF605" in result.stdout and "not repaired" in result.stderr
    assert Path(log).read_text() == before


# --- audit show and keygen -------------------------------------------------------------------------------------

def test_show_lists_filters_and_details(tmp_path, keyed):
    log = recorded_log(tmp_path, EXAMPLES[:6])
    records = [json.loads(line)["record"] for line in read_lines(log)]
    listing = run("audit", "show", log)
    assert listing.exit_code == 0 and len(listing.stdout.splitlines()) == 7 and "6 of 6 records" in listing.stderr
    refer = json.loads(run("audit", "show", log, "--outcome", "refer", "--format", "json").stdout)
    assert refer and all(r["record"]["outcome"]["recommendation"] == "refer" for r in refer)
    assert len(refer) == sum(r["outcome"]["recommendation"] == "refer" for r in records)
    rule = records[0]["decision"]["fired"][0]
    by_rule = json.loads(run("audit", "show", log, "--rule", rule, "--format", "json").stdout)
    assert {r["record"]["id"] for r in by_rule} == {r["id"] for r in records if rule in r["decision"]["fired"]}
    assert run("audit", "show", log, "--since", "2999-01-01").stdout.count("\n") == 1  # the header only
    assert "6 of 6" in run("audit", "show", log, "--since", "2000-01-01T00:00:00Z").stderr
    detail = run("audit", "show", log, "--id", records[2]["id"][:8])
    assert f"Record {records[2]['id']}" in detail.stdout and "Fired, in order:" in detail.stdout
    assert records[2]["rules"][records[2]["decision"]["fired"][0]]["reason"][:30] in detail.stdout.replace("\n      ",
                                                                                                         " ")


@pytest.mark.parametrize("args,code", [(["--since", "last tuesday"], "PF613"), (["--id", "nope"], "PF616")])
def test_show_bad_input_exits_2(tmp_path, keyed, args, code):
    log = recorded_log(tmp_path, EXAMPLES[:1])
    result = run("audit", "show", log, *args)
    assert result.exit_code == 2 and f": {code}: " in result.stderr


def test_show_warns_about_a_log_that_does_not_verify(tmp_path, keyed):
    log = recorded_log(tmp_path, EXAMPLES[:3])
    lines = read_lines(log)
    write_lines(log, [lines[0], lines[2]])
    result = run("audit", "show", log)
    assert result.exit_code == 0 and "warning: the log does not verify" in result.stderr and "PF603" in result.stderr


def test_keygen_makes_a_private_key_and_never_overwrites(tmp_path):
    path = tmp_path / "k.key"
    made = run("audit", "keygen", path)
    assert made.exit_code == 0 and oct(os.stat(path).st_mode & 0o777) == "0o600"
    assert re.fullmatch(r"[0-9a-f]{64}\n", path.read_text())
    again = run("audit", "keygen", path)
    assert again.exit_code == 2 and "PF612" in again.stderr


# --- replay ----------------------------------------------------------------------------------------------------

def test_replay_reproduces_a_log_of_every_example(tmp_path, keyed):
    log = recorded_log(tmp_path)
    result = run("replay", log)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(f"replayed {len(EXAMPLES)} records: {len(EXAMPLES)} reproduced, 0 not")


def test_a_provisional_record_is_shown_and_replayed_without_a_figure(tmp_path, keyed):
    """Regression: `audit show` and `replay` printed a confidence figure for a decision recorded
    as provisional, which every other view says it has none."""
    provisional = str(EXAMPLES[0].parent / "graduate-seeking-career-direction.yaml")
    assert run("recommend", "--profile", provisional, "--record", tmp_path / "r.json").exit_code == 0
    record = json.loads((tmp_path / "r.json").read_text())
    assert record["decision"]["settled"] is False
    listed = run("audit", "show", tmp_path / "r.json").stdout.splitlines()
    assert listed[0].split()[5] == "conf" and listed[1].split()[5] == "prov."
    shown = run("audit", "show", tmp_path / "r.json", "--id", record["id"])
    outcome_line = next(line for line in shown.stdout.splitlines() if line.startswith("Outcome:"))
    assert outcome_line.startswith(f"Outcome:     {record['decision']['recommendation']}, provisional: no "
                                   "confidence given")
    replayed = run("replay", tmp_path / "r.json")
    assert f"reproduced: {record['decision']['recommendation']} (provisional), same trace" in replayed.stdout
    assert not re.search(r"\d\.\d\d", outcome_line + replayed.stdout.splitlines()[0])


def test_a_sealed_record_shown_without_the_key_prints_no_figure_when_its_settledness_is_sealed(
        tmp_path, keyed, monkeypatch):
    """Regression: without the audit key `audit show` printed the clear part's confidence
    (0.65) for a sealed decision whose `settled` is in the box, where with the key it said
    "prov.": whether it was provisional cannot be read, so no figure is printed, in the
    listing or in full."""
    provisional = str(EXAMPLES[0].parent / "new-coo-navigating-board-politics.yaml")
    assert run("recommend", "--profile", provisional, "--record", tmp_path / "r.json").exit_code == 0
    record = json.loads((tmp_path / "r.json").read_text())
    assert record["masking"] and "settled" not in record["decision"] and "confidence" in record["decision"]
    listed = run("audit", "show", tmp_path / "r.json").stdout.splitlines()
    assert listed[1].split()[5] == "prov."  # with the key
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE")
    listed = run("audit", "show", tmp_path / "r.json").stdout.splitlines()
    assert listed[0].split()[5] == "conf" and listed[1].split()[5] == "sealed"
    shown = run("audit", "show", tmp_path / "r.json", "--id", record["id"]).stdout
    outcome_line = next(line for line in shown.splitlines() if line.startswith("Outcome:"))
    assert "confidence not shown (whether it was settled is sealed)" in outcome_line
    assert not re.search(r"\d\.\d\d", "\n".join(listed) + outcome_line)


@pytest.mark.parametrize("damage", ["removed", "swapped", "repeated"])
def test_replay_of_a_log_that_does_not_verify_warns_and_exits_1(tmp_path, keyed, damage):
    """Regression: replay said "3 reproduced, 0 not" and exited 0 for a log with a line
    removed, swapped or repeated, where `audit show` warns that it does not verify."""
    log = recorded_log(tmp_path, EXAMPLES[:3])
    lines = read_lines(log)
    write_lines(log, {"removed": [lines[0], lines[2]], "swapped": [lines[1], lines[0], lines[2]],
                               "repeated": [lines[0], lines[1], lines[1], lines[2]]}[damage])
    shown = run("audit", "show", log)
    warning = next(line for line in shown.stderr.splitlines() if line.startswith("warning: the log does not verify"))
    for fmt in ("text", "json"):
        result = run("replay", log, "--format", fmt)
        assert result.exit_code == 1, result.output
        assert warning in result.stderr.splitlines()
    assert result.stdout.strip() == "" or json.loads(result.stdout)
    assert run("replay", log).stdout.rstrip().endswith(" reproduced, 0 not; the log does not verify")


def test_replay_with_a_changed_rule_names_file_rule_and_cause(tmp_path, keyed):
    run("recommend", "--profile", SENSITIVE_EXAMPLE, "--record", tmp_path / "r.json")
    rules = bundled_copy(tmp_path)
    text = (rules / "coaching.yaml").read_text()
    at = text.index("id: coaching.trigger")
    (rules / "coaching.yaml").write_text(text[:at] + text[at:].replace("{coaching: 1}", "{coaching: 3}", 1))
    result = run("replay", tmp_path / "r.json", "--rules", rules)
    assert result.exit_code == 1
    # the decision is provisional before and after: no figure, as every view says it
    assert "DIFFERS: recorded mentoring (provisional), now blended (provisional)" in result.stdout
    assert "cause: the rule set changed" in result.stdout
    assert "rule files changed: coaching.yaml" in result.stdout
    assert 'coaching.trigger: fires differently; evidence {"coaching": 1} -> {"coaching": 3}' in result.stdout
    as_json = json.loads(run("replay", tmp_path / "r.json", "--rules", rules, "--format", "json").stdout)
    assert as_json[0]["cause"] == "rules" and as_json[0]["files"]["changed"] == ["coaching.yaml"]


def test_replay_without_the_key_is_bad_input(tmp_path, keyed, monkeypatch):
    run("recommend", "--profile", SENSITIVE_EXAMPLE, "--record", tmp_path / "r.json")
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE")
    result = run("replay", tmp_path / "r.json")
    text = (tmp_path / "r.json").read_text()  # said at the sealed box, as verify says a seal's problem, not at 0:0
    box_line = text[:text.index('"box": "' + json.loads(text)["masking"]["box"])].count("\n") + 1
    assert result.exit_code == 2 and f"{tmp_path / 'r.json'}:{box_line}:5: PF610: " in result.stderr, result.stderr
    other = make_key(tmp_path, "other.key")
    result = run("replay", tmp_path / "r.json", "--audit-key", other)
    assert result.exit_code == 2 and "PF611" in result.stderr


def test_replay_of_an_altered_record_is_refused(tmp_path, keyed):
    run("recommend", "--profile", PLAIN_EXAMPLE, "--record", tmp_path / "r.json")
    path = tmp_path / "r.json"
    path.write_text(path.read_text().replace('"recommendation": "coaching"', '"recommendation": "mentoring"'))
    result = run("replay", path)
    assert result.exit_code == 2 and f"{path}:0:0: PF609: " in result.stderr


# --- report ----------------------------------------------------------------------------------------------------

def test_report_from_a_record_or_a_log_entry(tmp_path, keyed):
    log = recorded_log(tmp_path, EXAMPLES[:2])
    first = json.loads(read_lines(log)[0])["record"]["id"]
    ambiguous = run("report", log, "--out", tmp_path / "x.html")
    assert ambiguous.exit_code == 2 and "PF616" in ambiguous.stderr and not (tmp_path / "x.html").exists()
    made = run("report", log, "--id", first[:8], "--out", tmp_path / "x.html")
    assert made.exit_code == 0
    html = (tmp_path / "x.html").read_text()
    assert first in html and "audit log entry" in html and "<svg" in html
    assert not re.search(r"https?://", html) and "<script" not in html
    assert run("report", log, "--id", first, "--out", tmp_path / "y.html").exit_code == 0
    assert (tmp_path / "y.html").read_text() == html  # the same record, the same bytes


def test_report_of_an_altered_record_is_refused_and_nothing_written(tmp_path, keyed):
    run("recommend", "--profile", PLAIN_EXAMPLE, "--record", tmp_path / "r.json")
    path = tmp_path / "r.json"
    path.write_text(path.read_text().replace('"reason": "', '"reason": "<b>', 1))
    result = run("report", path, "--out", tmp_path / "r.html")
    assert result.exit_code == 2 and f"{path}:0:0: PF609: " in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_show_never_sends_record_text_escapes_to_the_terminal(tmp_path, keyed):
    from pathfit.engine.audit.record import record_text, seal

    run("recommend", "--profile", PLAIN_EXAMPLE, "--record", tmp_path / "r.json")
    record = json.loads((tmp_path / "r.json").read_text())
    first = record["decision"]["fired"][0]
    record["rules"][first]["reason"] = "\x1b[2J\x1b[31mall clear\x1b[0m"
    (tmp_path / "forged.json").write_text(record_text(seal(record)))
    result = run("audit", "show", tmp_path / "forged.json", "--id", record["id"])
    assert result.exit_code == 0 and "\x1b" not in result.stdout and "\\x1b[2J" in result.stdout


@pytest.mark.parametrize("command", [["audit"], ["audit", "verify"], ["audit", "show"], ["audit", "keygen"],
                                     ["replay"], ["report"]])
def test_help_has_an_example(command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Example" in result.output


def test_verify_checks_the_seal_of_a_single_record_file(tmp_path, keyed):
    """Regression: `audit verify decision.json` said "PF601: not JSON ... NOT intact" on a valid record."""
    record = tmp_path / "decision.json"
    assert run("recommend", "--profile", PLAIN_EXAMPLE, "--record", record).exit_code == 0
    result = run("audit", "verify", record)
    assert result.exit_code == 0 and "seal intact" in result.stdout, result.output
    record.write_text(record.read_text().replace('"recommendation": "coaching"', '"recommendation": "mentoring"'))
    result = run("audit", "verify", record)
    assert result.exit_code == 1 and f"{record}:0:0: PF609:" in result.stdout
    assert run("audit", "verify", record, "--repair").exit_code == 2


def test_new_logs_are_private_and_appending_to_an_exposed_log_warns_once(tmp_path, keyed):
    import subprocess
    import sys

    log = tmp_path / "audit.jsonl"
    recorded_log(tmp_path, EXAMPLES[:1])
    assert log.stat().st_mode & 0o777 == 0o600
    log.chmod(0o644)
    script = ("import sys; from pathfit.engine.audit.append import append; from pathfit.engine.audit.read import "
              "read_record_file as r; rec = r(sys.argv[2]); append(sys.argv[1], rec); append(sys.argv[1], rec)")
    record = tmp_path / "r.json"
    assert run("recommend", "--profile", PLAIN_EXAMPLE, "--record", record).exit_code == 0
    done = subprocess.run([sys.executable, "-c", script, str(log), str(record)], capture_output=True, text=True,
                          env={**os.environ, "PATHFIT_SIGNING_KEY_FILE": ""})
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("readable or writable by others (mode 644)") == 1


def test_report_numbers_clauses_from_1_as_policy_yaml_is_read(tmp_path, keyed):
    """The report printed the record's 0-based index: a referral, decided by policy.yaml's
    first clause, read 'Clause 0'. The expected number, and the outcome's words, are found in
    policy.yaml itself."""
    import yaml

    from .helpers import ROOT

    policy = yaml.safe_load((ROOT / "rules" / "policy.yaml").read_text())
    clauses = policy["decision"]
    refer = next(o["label"] for o in policy["outcomes"] if o["name"] == "refer")
    first_refer = 1 + next(i for i, c in enumerate(clauses) if c["when"].get("concluded") == "refer")
    profile = EXAMPLES[0].parent / "burnt-out-director-sleep-problems.yaml"  # expected outcome: refer
    assert run("recommend", "--profile", profile, "--record", tmp_path / "r.json").exit_code == 0
    assert run("report", tmp_path / "r.json", "--out", tmp_path / "r.html").exit_code == 0
    html = (tmp_path / "r.html").read_text()
    assert f"<p>Clause {first_refer} of the policy decided <bdi>{refer}</bdi>;" in html


def test_a_misspelt_outcome_finds_nothing_and_says_what_was_meant(tmp_path, keyed):
    log = recorded_log(tmp_path, [PLAIN_EXAMPLE])
    result = run("audit", "show", log, "--outcome", "coachng")
    assert result.exit_code == 0 and "0 of 1 record" in result.stderr
    assert "note: no record decided 'coachng' (did you mean 'coaching'?)" in result.stderr
    decided = json.loads(read_lines(log)[0])["record"]["decision"]["recommendation"]
    found = run("audit", "show", log, "--outcome", decided)
    assert "1 of 1 record" in found.stderr and "note:" not in found.stderr


def test_a_log_whose_first_byte_is_damaged_is_still_read_as_a_log(tmp_path, keyed):
    """Regression: a log whose first byte was overwritten was taken for a record file:
    verify said "it does not read as a decision record" (PF608), and show and replay
    refused the whole log instead of skipping the damaged line."""
    log = recorded_log(tmp_path, EXAMPLES[:3])
    data = Path(log).read_bytes()
    Path(log).write_bytes(b"X" + data[1:])
    verified = run("audit", "verify", log)
    assert verified.exit_code == 1 and ":1:1: PF601: " in verified.output and "PF608" not in verified.output
    shown = run("audit", "show", log)
    assert shown.exit_code == 0 and len(shown.stdout.splitlines()) == 3  # the header and the two whole records
    assert "warning: skipped: " in shown.stderr
    replayed = run("replay", log)
    assert replayed.exit_code == 1 and f"{log}:1  NOT REPLAYED: " in replayed.stdout
    assert replayed.stdout.rstrip().endswith(
        "replayed 2 records: 2 reproduced, 0 not; 1 line not read as a record; the log does not verify")
