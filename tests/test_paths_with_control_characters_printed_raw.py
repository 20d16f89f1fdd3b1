"""A file or folder name holding a line break or an escape sequence was printed raw: `wrote
n<newline>l/schema.yaml` on two lines, `file:line:col` lines split in two, and a name with
ESC[31m shown without it (click strips colour where stderr is not a terminal), so the name
shown was not the real one. Every command that names a path now shows such a name quoted
as a Python string literal: no raw control character reaches stdout or stderr, and each
name shown reads back (by Python's own parser) as exactly the real file's name."""
from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

NAMES = ["r\x1b[31mX", "n\nl", "bidi\u202eX"]
PROBLEM = re.compile(r"""^('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^:'"]+):\d+:\d+: PF\d+: """)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(cwd, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "NO_COLOR": "1"}
    environ.pop("PATHFIT_RULES", None)
    environ.update(env or {})
    done = subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], cwd=cwd, env=environ,
                          capture_output=True, text=True, timeout=120)
    for stream in (done.stdout, done.stderr):
        assert CONTROL.search(stream) is None, stream
    return done


@pytest.fixture(scope="module")
def made_once(tmp_path_factory):
    """A rule project as `pathfit init` writes it and an audit key as `pathfit audit keygen`
    writes it, both under plain names, made once: the tests below copy them where a project or a
    key is only a means (init writes the same files whatever the folder is called)."""
    where = tmp_path_factory.mktemp("made")
    assert run(where, "init", "proj").returncode == 0
    assert run(where, "audit", "keygen", "key").returncode == 0
    return where


def project(made_once, where) -> None:
    """A copy of the project `pathfit init` wrote, at `where` (file modes kept)."""
    shutil.copytree(made_once / "proj", where)


def back(shown: str) -> str:
    """The real name a shown one stands for: a quoted name read as Python reads a literal."""
    return ast.literal_eval(shown) if shown[:1] in ("'", '"') else shown


def shown_files(lines: list[str]) -> list[str]:
    found = [PROBLEM.match(line) for line in lines]
    assert all(found), lines
    return [back(m.group(1)) for m in found]


@pytest.mark.parametrize("name", NAMES)
def test_every_command_shows_a_name_with_a_control_character_as_one_real_name(tmp_path, name):
    made = run(tmp_path, "init", name)
    assert made.returncode == 0, made.stderr
    wrote = made.stderr.splitlines()
    assert len(wrote) == 5 and all(line.startswith("wrote ") for line in wrote)
    assert sorted(back(line[len("wrote "):]) for line in wrote) == sorted(
        os.path.join(name, f) for f in ("schema.yaml", "policy.yaml", "rules.yaml", "knowledge_base.md",
                                        os.path.join("tests", "cases.yaml")))

    rules = tmp_path / name / "rules.yaml"
    rules.write_text(rules.read_text().replace("fact: goal_clarity", "fact: goal_clarty"))
    linted = run(tmp_path, "lint", "--rules", name)
    assert linted.returncode == 1
    assert shown_files(linted.stdout.splitlines()) == [os.path.join(name, "rules.yaml")]
    as_json = json.loads(run(tmp_path, "lint", "--rules", name, "--format", "json").stdout)
    assert [p["file"] for p in as_json["problems"]] == [os.path.join(name, "rules.yaml")]
    for command in ("test", "docs", "recommend"):
        refused = run(tmp_path, command, "--rules", name, *(["--fact", "goal_clarity=specific"] if command == "recommend" else []))
        assert refused.returncode == 2
        assert shown_files(refused.stderr.splitlines()) == [os.path.join(name, "rules.yaml")], command
    rules.write_text(rules.read_text().replace("fact: goal_clarty", "fact: goal_clarity"))

    cases = tmp_path / name / "tests" / "cases.yaml"
    cases.write_text(cases.read_text().replace("outcome: coaching", "outcome: mentoring"))
    tested = run(tmp_path, "test", "--rules", name)
    failed = [line for line in tested.stdout.splitlines() if "PF810" in line]
    assert tested.returncode == 1 and shown_files(failed) == [os.path.join(name, "tests", "cases.yaml")]

    announced = run(tmp_path, "recommend", "--fact", "goal_clarity=specific", env={"PATHFIT_RULES": name})
    line = next(line for line in announced.stderr.splitlines() if line.startswith("rules: "))
    assert back(line[len("rules: "):].rsplit(" (", 1)[0]) == name + "/"

    out = os.path.join(name, "out")
    for args, written in ((["docs", "--rules", name, "--out", out + ".md"], [out + ".md"]),
                          (["schema", "--rules", name, "--kind", "profile", "--out", out],
                           [os.path.join(out, "profile.schema.json")])):
        done = run(tmp_path, *args)
        assert done.returncode == 0, done.stderr
        assert [back(line[len("wrote "):]) for line in done.stderr.splitlines()] == written
        assert all((tmp_path / w).is_file() for w in written)


@pytest.mark.parametrize("name", NAMES)
def test_audit_and_batch_outputs_show_a_name_with_a_control_character_as_one_real_name(made_once, tmp_path, name):
    (tmp_path / name).mkdir()
    project(made_once, tmp_path / "proj")
    key = os.path.join(name, "key")
    made = run(tmp_path, "audit", "keygen", key)
    assert made.returncode == 0, made.stderr
    said = re.fullmatch(r"wrote a new audit key to (.*) \(key id \w+\); use it with: export "
                        r"PATHFIT_AUDIT_KEY_FILE=(.*)\n", made.stderr)
    assert said and back(said.group(1)) == key
    # the shell itself reads the command's word back as the real name
    echoed = subprocess.run(["bash", "-c", f"printf %s {said.group(2)}"], capture_output=True, timeout=30)
    assert echoed.stdout == os.fsencode(key)

    env = {"PATHFIT_AUDIT_KEY_FILE": str(tmp_path / key)}
    record, log = os.path.join(name, "rec.json"), os.path.join(name, "log.jsonl")
    decided = run(tmp_path, "recommend", "--rules", "proj", "--fact", "goal_clarity=specific", "--record", record, "--audit-log", log,
                  env=env)
    assert decided.returncode == 0, decided.stderr
    said = re.fullmatch(r"recorded decision \S+ in (.*)\nappended it to (.*) as entry 1; head \w+\n",
                        decided.stderr)
    assert said and [back(said.group(1)), back(said.group(2))] == [record, log]
    verified = run(tmp_path, "audit", "verify", log, env=env)
    assert back(verified.stdout.split(": intact", 1)[0]) == log

    page = os.path.join(name, "page.html")
    drawn = run(tmp_path, "report", record, "--out", page, env=env)
    assert drawn.returncode == 0, drawn.stderr
    assert back(re.fullmatch(r"wrote (.*): decision .*\n", drawn.stderr).group(1)) == page

    rows = os.path.join(name, "in.csv")
    (tmp_path / rows).write_text("id,goal_clarity\n1,specific\n2,bogus\n")
    batched = run(tmp_path, "batch", rows, "--rules", "proj", "--out", os.path.join(name, "out.csv"))
    assert batched.returncode == 1
    problem = [line.strip() for line in batched.stderr.splitlines() if "PF4" in line]
    assert shown_files(problem) == [rows]


def test_a_windows_path_is_shown_as_given(monkeypatch):
    """On Windows a backslash separates folders and is never part of a name, so a path there
    reads plainly as given; elsewhere a backslash is part of a name, and the name is quoted."""
    from pathfit.engine.quote import shown_path

    path = "proj\\rules\\goals.yaml"
    assert back(shown_path(path)) == path and shown_path(path).startswith("'")
    monkeypatch.setattr(os, "sep", "\\")
    assert shown_path(path) == path
    assert back(shown_path("proj\\r\x1b[31m.yaml")) == "proj\\r\x1b[31m.yaml"


@pytest.mark.parametrize("name", NAMES)
def test_impact_names_its_rule_sets_and_corpus_as_real_names(made_once, tmp_path, name):
    """`impact` named the new rules, the base rules and the corpus through one_line's escapes
    (`r\\u001b[31mX`), which no reader turns back into the name every other command quotes."""
    assert run(tmp_path, "init", name).returncode == 0
    project(made_once, tmp_path / "base")
    corpus = os.path.join(name, "corpus.jsonl")
    (tmp_path / corpus).write_text('{"id": "a", "goal_clarity": "specific"}\n')
    done = run(tmp_path, "impact", "--base", "base", "--rules", name, "--profiles", corpus)
    assert done.returncode == 0, done.stderr
    said = re.fullmatch(r"Impact of (.*) \(new\) against (.*) \(base\) on 1 profile from (.*)", done.stdout.splitlines()[0])
    assert said, done.stdout
    new, base, profiles = (back(said.group(i)) for i in (1, 2, 3))
    assert os.path.samefile(tmp_path / new, tmp_path / name) and os.path.samefile(tmp_path / base, tmp_path / "base")
    assert profiles == corpus


@pytest.mark.parametrize("name", NAMES)
def test_verify_repair_names_the_file_it_set_aside_as_its_real_name(made_once, tmp_path, name):
    """`audit verify --repair` printed the file it set a partial line aside in raw: a colour
    sequence in its folder's name was stripped (stdout not a terminal), naming no file."""
    project(made_once, tmp_path / "proj")
    (tmp_path / name).mkdir()
    env = {"PATHFIT_AUDIT_KEY_FILE": str(tmp_path / "key")}
    shutil.copy2(made_once / "key", tmp_path / "key")
    log = os.path.join(name, "log.jsonl")
    assert run(tmp_path, "recommend", "--rules", "proj", "--fact", "goal_clarity=specific", "--audit-log", log,
               env=env).returncode == 0
    with open(tmp_path / log, "ab") as f:
        f.write(b'{"seq": 2, "x')
    done = run(tmp_path, "audit", "verify", log, "--repair", env=env)
    assert done.returncode == 0, done.stderr
    said = re.fullmatch(r"(.*): repaired: set aside the partial entry from line 2 on \(13 bytes\) in (.*); every line "
                        r"before it was kept", done.stdout.splitlines()[0])
    assert said and back(said.group(1)) == log, done.stdout
    aside = back(said.group(2))
    assert os.path.dirname(aside) == name and (tmp_path / aside).read_bytes() == b'{"seq": 2, "x'


def said_name(pattern: str, text: str) -> str:
    """The real name a message shows where `pattern`'s one group is."""
    found = re.search(pattern, text)
    assert found, text
    return back(found.group(1))


@pytest.mark.parametrize("name", NAMES)
def test_audit_warnings_and_refusals_name_a_log_a_key_or_a_record_as_its_real_name(made_once, tmp_path, name):
    """The warning about a log others may read, PF623 (an unsigned entry after signed ones),
    PF611 (another audit key) and the text of `replay` and `audit show --id` printed the name
    raw, or through the escapes every message gets (`r\\u001b[31mX`), not as shown_path shows it."""
    from pathfit.engine.audit.signing import generate_signing_key

    project(made_once, tmp_path / "proj")
    (tmp_path / name).mkdir()
    key, other, log, record = (os.path.join(name, n) for n in ("key", "other", "log.jsonl", "rec.json"))
    assert run(tmp_path, "audit", "keygen", key).returncode == 0
    assert run(tmp_path, "audit", "keygen", other).returncode == 0
    signing = generate_signing_key(str(tmp_path / name / "signing.key")).path
    env = {"PATHFIT_AUDIT_KEY_FILE": str(tmp_path / key)}
    decide = ["recommend", "--rules", "proj", "--fact", "goal_clarity=specific", "--subject", "S1", "--audit-log", log]
    assert run(tmp_path, *decide, "--record", record, env={**env, "PATHFIT_SIGNING_KEY_FILE": signing}).returncode == 0

    os.chmod(tmp_path / log, 0o644)
    refused = run(tmp_path, *decide, env=env)
    assert refused.returncode == 2
    assert said_name(r"warning: (.*): the audit log is readable or writable by others", refused.stderr) == log
    assert said_name(r"PF623: the last entry of (.*) is signed", refused.stderr) == log

    record_id = json.loads((tmp_path / log).read_text().splitlines()[0])["record"]["id"]
    replayed = run(tmp_path, "replay", log, "--rules", "proj", env=env)
    assert replayed.returncode == 0, replayed.stderr
    assert said_name(rf"^{record_id}  \((.*):1\)  reproduced", replayed.stdout) == log
    shown = run(tmp_path, "audit", "show", log, "--id", record_id[:8], env=env)
    assert shown.returncode == 0, shown.stderr
    assert said_name(rf"^Record {record_id}  \((.*):1\)", shown.stdout) == log

    sealed = os.path.join(name, "sealed.jsonl")  # the bundled rules seal a sensitive fact
    assert run(tmp_path, "recommend", "--fact", "confidential_matter=true", "--audit-log", sealed, env=env).returncode == 0
    for args in (["audit", "verify", record, "--audit-key", other], ["replay", sealed]):
        wrong = run(tmp_path, *args, env={"PATHFIT_AUDIT_KEY_FILE": str(tmp_path / other)})
        assert wrong.returncode in (1, 2) and "PF611" in wrong.stdout + wrong.stderr, args
        assert said_name(r"PF611: .*, not \w+ \((.*)\)$", (wrong.stdout + wrong.stderr).strip().splitlines()[0]) in (
            other, str(tmp_path / other)), args


@pytest.mark.parametrize("name", NAMES)
def test_rule_set_problems_name_another_file_as_its_real_name(made_once, tmp_path, name):
    """PF206 (an id already used in another file), PF217 (a knowledge base that cannot be
    read) and PF216 (./rules holding another user's file) named a file in their message
    through the escapes every message gets, not as shown_path shows it."""
    assert run(tmp_path, "init", name).returncode == 0
    rules = (tmp_path / name / "rules.yaml").read_text()
    (tmp_path / name / "more.yaml").write_text(rules)
    linted = run(tmp_path, "lint", "--rules", name)
    assert said_name(r"PF206: rule id '[^']+' already used at (.*):\d+:\d+", linted.stdout) in (
        os.path.join(name, "more.yaml"), os.path.join(name, "rules.yaml"))
    (tmp_path / name / "more.yaml").unlink()

    os.rename(tmp_path / name / "knowledge_base.md", tmp_path / name / "kb.md")
    unread = run(tmp_path, "lint", "--rules", name)
    assert said_name(r"PF217: knowledge base (.*?): cannot ", unread.stdout + unread.stderr) == os.path.join(
        name, "knowledge_base.md")
    os.rename(tmp_path / name / "kb.md", tmp_path / name / "knowledge_base.md")

    if os.geteuid() == 0:  # only root can give a file to another user
        project(made_once, tmp_path / "rules")
        theirs = tmp_path / "rules" / name
        theirs.write_text("")
        os.chown(theirs, 54321, 54321)
        refused = run(tmp_path, "recommend", "--fact", "goal_clarity=specific")
        assert refused.returncode == 2
        assert said_name(r"PF216: (.*) is another user's", refused.stderr) == os.path.join(".", "rules", name)


@pytest.mark.parametrize("name", NAMES)
def test_the_wait_for_a_locked_log_names_it_as_its_real_name(tmp_path, name):
    """A reader held up by another's lock said `LOG: waiting: ...` with the name raw, written
    straight to stderr: a colour sequence or a line break in it reached the terminal as such."""
    import fcntl

    (tmp_path / name).mkdir()
    log = tmp_path / name / "log.jsonl"
    log.write_bytes(b"")
    environ = {**os.environ, "NO_COLOR": "1"}
    environ.pop("PATHFIT_RULES", None)
    with open(log, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        waiting = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "audit", "verify", os.path.join(name, "log.jsonl")],
                                   cwd=tmp_path, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            said = waiting.stderr.readline().decode()
        finally:
            fcntl.flock(held.fileno(), fcntl.LOCK_UN)
            waiting.communicate(timeout=120)
    assert CONTROL.search(said) is None, said
    assert said_name(r"^(.*): waiting: the audit log is locked", said.rstrip("\n")) == os.path.join(name, "log.jsonl")
