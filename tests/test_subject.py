"""Subject and operator: --subject/--operator on recommend, interview and batch, a
profile's top-level `subject`, a batch's `subject` column; kept in records, the
subject sealed (AES-GCM under the audit key) unless the policy says `subject:
public`; `audit show --subject/--operator`; short plain text with located errors."""
from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.record import seal

from .audit_support import make_key
from .helpers import ROOT, bundled_copy

EXAMPLE = ROOT / "examples" / "new-vp-wants-structure.yaml"
SUBJECT = "Employee E-1042 (Zoë Quaid)"


def run(*args, env=None, input=None):
    return CliRunner().invoke(cli, list(map(str, args)), env=env, input=input)


@pytest.fixture
def keyed(tmp_path, monkeypatch):
    key = make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))
    return key


def test_recommend_keeps_the_operator_in_clear_and_seals_the_subject(tmp_path, keyed, monkeypatch):
    log, record = tmp_path / "audit.jsonl", tmp_path / "r.json"
    result = run("recommend", "--profile", EXAMPLE, "--record", record, "--audit-log", log, "--subject", SUBJECT,
                 "--operator", "J. Smith")
    assert result.exit_code == 0, result.output
    doc = json.loads(record.read_text())
    assert doc["operator"] == "J. Smith"
    assert set(doc["subject"]) == {"sealed", "key_id", "nonce", "box", "binds"}
    assert doc["subject"]["sealed"] == "aes-256-gcm"
    for raw in (record.read_bytes(), log.read_bytes()):
        assert b"Quaid" not in raw and SUBJECT.encode() not in raw
    assert run("audit", "verify", record).exit_code == 0 and run("audit", "verify", log).exit_code == 0
    shown = run("audit", "show", log, "--id", doc["id"])
    assert f"Subject:     {SUBJECT} (sealed in the record)" in shown.stdout and "Operator:    J. Smith" in shown.stdout
    assert json.loads(run("audit", "show", log, "--format", "json").stdout)[0]["subject"] == SUBJECT
    assert "1 of 1 record" in run("audit", "show", log, "--subject", SUBJECT).stderr
    assert "0 of 1 record" in run("audit", "show", log, "--subject", "E-1042").stderr
    assert "1 of 1 record" in run("audit", "show", log, "--operator", "J. Smith").stderr
    assert "0 of 1 record" in run("audit", "show", log, "--operator", "someone else").stderr
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE")
    shown = run("audit", "show", log, "--id", doc["id"])
    assert "Subject:     sealed (aes-256-gcm, key " in shown.stdout and "Quaid" not in shown.stdout
    refused = run("audit", "show", log, "--subject", SUBJECT)
    assert refused.exit_code == 2 and "PF610" in refused.stderr


def test_a_sealed_subject_moved_into_another_record_does_not_open(tmp_path, keyed):
    one, two = tmp_path / "1.json", tmp_path / "2.json"
    for path, who in ((one, "A"), (two, "B")):
        assert run("recommend", "--profile", EXAMPLE, "--record", path, "--subject", who).exit_code == 0
    a, b = json.loads(one.read_text()), json.loads(two.read_text())
    b["subject"] = a["subject"]  # resealed, so only the authenticated encryption can tell
    (tmp_path / "moved.json").write_text(json.dumps(seal(b)))
    result = run("audit", "show", tmp_path / "moved.json", "--id", b["id"])
    assert result.exit_code == 2 and "PF630" in result.stderr and "does not open" in result.stderr


def test_a_profile_carries_its_subject_beside_the_facts(tmp_path, keyed):
    facts = yaml.safe_load(EXAMPLE.read_text())["facts"]
    flat, wrapped = tmp_path / "flat.yaml", tmp_path / "wrapped.yaml"
    flat.write_text(yaml.safe_dump({**facts, "subject": "F-1"}))
    wrapped.write_text(yaml.safe_dump({"subject": "W-2", "facts": facts}))
    log = tmp_path / "audit.jsonl"
    for path in (flat, wrapped):
        result = run("recommend", "--profile", path, "--audit-log", log, "--operator", "ops")
        assert result.exit_code == 0, result.output
    shown = json.loads(run("audit", "show", log, "--format", "json").stdout)
    assert [s["subject"] for s in shown] == ["F-1", "W-2"]
    clash = run("recommend", "--profile", flat, "--subject", "other", "--audit-log", log)
    assert clash.exit_code == 2 and clash.stderr.startswith("--subject:0:0: PF628: ")


@pytest.mark.parametrize("value, where, message", [
    ("subjet: E-1\n", "1:1", "PF401: unknown fact 'subjet' (did you mean 'subject'?)"),
    ("subject: [E-1]\n", "1:10", "PF628: subject is text, not a list"),
    ('subject: "a\\tb"\n', "1:10", "PF628: subject holds a control character (U+0009 at character 2)"),
    ("subject: '" + "x" * 257 + "'\n", "1:10", "PF628: subject is 257 characters; at most 256 are allowed"),
    ("subject: '  '\n", "1:10", "PF628: subject is empty"),
])
def test_a_bad_subject_in_a_profile_is_located_and_writes_nothing(tmp_path, keyed, value, where, message):
    profile = tmp_path / "p.yaml"
    profile.write_text("goal_clarity: specific\n" + value)
    result = run("recommend", "--profile", profile, "--record", tmp_path / "r.json")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"{profile}:{int(where.split(':')[0]) + 1}:{where.split(':')[1]}: {message}"
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("option", ["--subject", "--operator"])
def test_bad_subject_or_operator_options_are_refused(tmp_path, keyed, option):
    for bad, words in (("x" * 257, "257 characters"), ("a\x1bb", "control character"), ("", "empty")):
        result = run("recommend", "--profile", EXAMPLE, "--record", tmp_path / "r.json", option, bad)
        assert result.exit_code == 2 and result.stderr.startswith(f"{option}:0:0: PF628: ") and words in result.stderr
    assert not (tmp_path / "r.json").exists()


def test_a_subject_without_an_audit_key_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    result = run("recommend", "--fact", "goal_clarity=specific", "--subject", "E-1", "--record", tmp_path / "r.json")
    assert result.exit_code == 2 and "PF610" in result.stderr and "subject: public" in result.stderr
    assert list(tmp_path.iterdir()) == []
    assert run("recommend", "--fact", "goal_clarity=specific", "--operator", "ops", "--record",
               tmp_path / "r.json").exit_code == 0  # the operator is not sensitive


def test_policy_subject_public_keeps_it_in_clear_and_other_values_are_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    rules = bundled_copy(tmp_path)
    policy = rules / "policy.yaml"
    text = policy.read_text()
    policy.write_text(text + "subject: public\n")
    result = run("recommend", "--rules", rules, "--fact", "goal_clarity=specific", "--subject", "E-1",
                 "--record", tmp_path / "r.json")
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "r.json").read_text())["subject"] == "E-1"
    policy.write_text(text + "subject: publik\n")
    result = run("recommend", "--rules", rules, "--fact", "goal_clarity=specific")
    line = len(text.splitlines()) + 1
    assert result.exit_code == 2
    assert f"policy.yaml:{line}:10: PF204: subject is sensitive or public, not 'publik' (did you mean 'public'?)" \
        in result.stderr


def test_batch_takes_a_subject_column_and_an_operator(tmp_path, keyed):
    source = tmp_path / "in.csv"
    source.write_text("id,subject,goal_clarity\na,S-1,specific\nb,,specific\nc,S-\x07,specific\n")
    log = tmp_path / "audit.jsonl"
    result = run("batch", source, "--out", tmp_path / "out.jsonl", "--audit-log", log, "--operator", "ops")
    assert result.exit_code == 1, result.output  # row c: a control character in its subject
    rows = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    # written raw in the file, refused as in a profile file (PF101, at it), before the subject's rule
    assert (rows[2]["id"], rows[2]["error"]["code"], rows[2]["error"]["line"], rows[2]["error"]["col"]) == (
        "c", "PF101", 4, 5)
    shown = json.loads(run("audit", "show", log, "--format", "json").stdout)
    assert [(s["subject"], s["record"]["operator"]) for s in shown] == [("S-1", "ops"), (None, "ops")]
    assert "subject" not in shown[1]["record"]
    assert b"S-1" not in log.read_bytes()


def test_a_crafted_record_with_a_malformed_subject_or_operator_is_refused(tmp_path, keyed):
    record = tmp_path / "r.json"
    assert run("recommend", "--profile", EXAMPLE, "--record", record, "--subject", "A").exit_code == 0
    doc = json.loads(record.read_text())
    for field, value in (("subject", 7), ("subject", {"sealed": "rot13"}), ("operator", ["x"])):
        crafted = tmp_path / f"c-{field}-{len(str(value))}.json"
        crafted.write_text(json.dumps(seal({**doc, field: value})))
        result = run("audit", "verify", crafted)
        assert result.exit_code == 1 and "PF608" in result.stdout, (field, value, result.output)


def test_interview_records_subject_and_operator_and_saves_the_subject(tmp_path, keyed):
    log, saved = tmp_path / "audit.jsonl", tmp_path / "person.yaml"
    result = run("interview", "--profile", EXAMPLE, "--subject", "I-9", "--operator", "ops", "--audit-log", log,
                 "--save", saved, input="quit\n")
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(saved.read_text())["subject"] == "I-9"
    [shown] = json.loads(run("audit", "show", log, "--format", "json").stdout)
    assert (shown["subject"], shown["record"]["operator"]) == ("I-9", "ops")
    again = run("recommend", "--profile", saved, "--record", tmp_path / "r.json")  # the saved profile reads back
    assert again.exit_code == 0, again.output


@pytest.mark.parametrize("change", ["digest", "binds", "moved"])
def test_a_sealed_subject_is_bound_to_its_record_id_and_rule_set_digest(tmp_path, keyed, change):
    """Regression: the subject's box bound only the record id, so a subject relabelled with
    another rule-set digest still opened; new subjects bind both (marked `binds`), and the
    marker cannot be dropped to fall back to the id alone."""
    one, two = tmp_path / "1.json", tmp_path / "2.json"
    for path, who in ((one, "A"), (two, "B")):
        assert run("recommend", "--profile", EXAMPLE, "--record", path, "--subject", who).exit_code == 0
    a, b = json.loads(one.read_text()), json.loads(two.read_text())
    assert a["subject"]["binds"] == "id+ruleset"
    assert "A" in run("audit", "show", one, "--id", a["id"]).stdout
    if change == "digest":
        a["ruleset"]["digest"] = "0" * 64
    elif change == "binds":
        del a["subject"]["binds"]
    else:  # the box of B under A's id and digest
        a["subject"] = b["subject"]
    (tmp_path / "changed.json").write_text(json.dumps(seal(a)))
    result = run("audit", "show", tmp_path / "changed.json", "--id", a["id"])
    assert result.exit_code == 2 and "PF630" in result.stderr and "does not open" in result.stderr, result.output


def test_subjects_sealed_before_the_digest_was_bound_still_open(tmp_path, monkeypatch):
    """Records written when the subject bound only the record id (no `binds` marker) still show their subject."""
    import shutil

    old = ROOT / "tests" / "fixtures" / "hmac-records"
    key = tmp_path / "audit.key"
    shutil.copy(old / "audit.key", key)
    key.chmod(0o600)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))
    entries = [json.loads(line) for line in (old / "audit.jsonl").read_text().splitlines()]
    assert entries and all("binds" not in e["record"]["subject"] for e in entries)
    shown = json.loads(run("audit", "show", old / "audit.jsonl", "--format", "json").stdout)
    assert [s["subject"] for s in shown] == [f"person-{p}" for p in ("new-coo-navigating-board-politics",
                                                                   "burnt-out-director-sleep-problems")]


@pytest.mark.parametrize("option", ["--subject", "--operator"])
def test_a_lone_surrogate_in_subject_or_operator_is_pf628_not_a_crash(tmp_path, keyed, option):
    """Regression: an undecodable byte on the command line (Python hands it on as a lone
    surrogate, U+DCFF) reached the record and ended in an internal UnicodeEncodeError; now
    it is refused as any bad subject or operator is, and nothing is written."""
    log, out = tmp_path / "audit.jsonl", tmp_path / "out.jsonl"
    result = run("recommend", "--profile", EXAMPLE, "--audit-log", log, option, "a\udcffb")
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"{option}:0:0: PF628: {option} is not valid text: U+DCFF at character 2 is no "
                             "character (a byte that is not UTF-8, or half of a surrogate pair)\n")
    rows = tmp_path / "in.jsonl"
    rows.write_text('{"id": "a", "goal_clarity": "specific"}\n')
    batch = run("batch", rows, "--out", out, "--audit-log", log, "--operator", "x\udcffy")
    assert batch.exit_code == 2 and batch.stderr.startswith("--operator:0:0: PF628: "), batch.output
    assert not log.exists() and not out.exists()


def test_a_batch_row_with_a_lone_surrogate_escape_is_that_rows_error(tmp_path, keyed):
    """Regression: a JSON Lines row whose id, fact or subject held a lone surrogate escape
    ("\\ud800") ended the whole batch in an internal UnicodeEncodeError; now the row is an
    error (PF628 for the subject, as everywhere; PF101 for the rest, located at the escape)
    and the other rows are decided and recorded."""
    rows = tmp_path / "in.jsonl"
    rows.write_text('{"id": "r\\ud800", "goal_clarity": "specific"}\n'
                    '{"id": "s", "subject": "\\ud800", "goal_clarity": "specific"}\n'
                    '{"id": "f", "needs": ["perf\\udc00"]}\n'
                    '{"id": "k", "go\\udbff": 1}\n'
                    '{"id": "pair \\ud83d\\ude00", "subject": "\\\\ud800 \\ud83d\\ude00", '
                    '"goal_clarity": "specific"}\n')
    log, out = tmp_path / "audit.jsonl", tmp_path / "out.jsonl"
    result = run("batch", rows, "--out", out, "--audit-log", log)
    assert result.exit_code == 1, result.output
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["error"] or {}).get("code") for r in got] == ["PF101", "PF628", "PF101", "PF101", None]
    assert [r["error"]["col"] for r in got if r["error"] and r["error"]["code"] == "PF101"] == [10, 28, 16]
    assert "U+D800" in got[1]["error"]["message"]
    assert got[4]["id"] == "pair \U0001f600"  # a whole pair is a character, and an escaped backslash is no escape
    [shown] = json.loads(run("audit", "show", log, "--format", "json").stdout)
    assert shown["subject"] == "\\ud800 \U0001f600"


@pytest.mark.parametrize("value, words", [
    ("a\u2028b", "holds a line separator (U+2028 at character 2)"),
    ("a\u2029b", "holds a paragraph separator (U+2029 at character 2)"),
    ("\u200b", "is empty: it holds only invisible characters"),
    ("\u200b\u2060\u3164 \ufeff", "is empty: it holds only invisible characters"),
    (42, 'is text, not a number (quote it: "42")'),
])
def test_subject_rule_is_one_for_the_cli_a_profile_and_a_batch(tmp_path, keyed, value, words):
    """Regression: --subject took U+2028 (which splits a listing's line) and a lone U+200B
    (a subject no one can read), which the service refused with its own code, and a batch
    turned a number into text which the service refused. One rule now (check_who), one code
    (PF628) and the same words however the subject comes in; a number is refused everywhere
    (YAML reads `subject: 0123` as 83: the text kept would not be the text written)."""
    record = tmp_path / "r.json"
    if isinstance(value, str):
        given = run("recommend", "--profile", EXAMPLE, "--record", record, "--subject", value)
        assert given.exit_code == 2 and given.stderr == f"--subject:0:0: PF628: --subject {words}\n", given.stderr
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"goal_clarity": "specific", "subject": value}))
    from_profile = run("recommend", "--profile", profile, "--record", record)
    assert from_profile.exit_code == 2 and f": PF628: subject {words}\n" in from_profile.stderr
    rows = tmp_path / "in.jsonl"
    rows.write_text(json.dumps({"id": "a", "subject": value, "goal_clarity": "specific"}) + "\n")
    batch = run("batch", rows, "--out", tmp_path / "out.jsonl", "--audit-log", tmp_path / "audit.jsonl")
    [row] = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert batch.exit_code == 1 and (row["error"]["code"], row["error"]["message"]) == ("PF628", f"subject {words}")
    assert not record.exists()


def test_a_subject_with_invisible_characters_among_visible_ones_is_kept(tmp_path, keyed):
    """What the rule does not refuse: a joiner inside a name, and text that is not ASCII."""
    log = tmp_path / "audit.jsonl"
    for subject in ("Zoë Quaid", "\u0915\u094d\u200d\u0937", "E-1 \U0001f600"):
        result = run("recommend", "--profile", EXAMPLE, "--audit-log", log, "--subject", subject)
        assert result.exit_code == 0, result.output
    shown = json.loads(run("audit", "show", log, "--format", "json").stdout)
    assert [s["subject"] for s in shown] == ["Zoë Quaid", "\u0915\u094d\u200d\u0937", "E-1 \U0001f600"]


def test_show_under_another_key_lists_the_records_with_the_subject_left_sealed(tmp_path, keyed):
    """Regression: `audit show LOG --audit-key OTHER` failed outright (PF611, exit 2, no
    listing) for a subject sealed with another key, where a facts box under another key is
    left sealed with a warning; now the subject is too, and a subject that does not open
    under its own key is still refused (PF630, as `audit verify` says it, above)."""
    log = tmp_path / "audit.jsonl"
    assert run("recommend", "--profile", EXAMPLE, "--audit-log", log, "--subject", SUBJECT).exit_code == 0
    other = make_key(tmp_path, "other.key")
    listed = run("audit", "show", log, "--audit-key", other)
    assert listed.exit_code == 0, listed.output
    assert len(listed.stdout.splitlines()) == 2 and "1 of 1 record" in listed.stderr
    assert "warning: subject left sealed: " in listed.stderr and ": PF611: " in listed.stderr
    whole = run("audit", "show", log, "--audit-key", other, "--format", "json")
    assert whole.exit_code == 0 and json.loads(whole.stdout)[0]["subject"] is None
    detail = run("audit", "show", log, "--audit-key", other, "--id", json.loads(whole.stdout)[0]["record"]["id"])
    assert detail.exit_code == 0 and "Subject:     sealed (aes-256-gcm, key " in detail.stdout
    assert "Quaid" not in listed.output + whole.output + detail.output


@pytest.mark.parametrize("written", ["0123", "1_000", "42"])
def test_a_numeric_subject_is_told_to_quote_what_was_written_not_the_number_read(tmp_path, written):
    """Regression: `subject: 0123` in a YAML profile was told to write "83", what YAML 1.1
    reads it as, so following the hint would have recorded another subject."""
    profile = tmp_path / "p.yaml"
    profile.write_text(f"subject: {written}\nneeds: [performance]\n")
    result = run("recommend", "--profile", profile)
    assert result.exit_code == 2 and f"{profile}:1:10: PF628: " in result.stderr
    assert f'(quote it: "{written}")' in result.stderr
