"""Small builders shared by tests: a copy of a fixture rule set plus extra rule files."""
from __future__ import annotations

import faulthandler
import json
import os
import pty
import shutil
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import yaml

HERE = Path(__file__).parent
ROOT = HERE.parent


def yaml_text(doc) -> str:
    """`yaml.safe_dump(doc, sort_keys=False)`'s text, written by libyaml's emitter where PyYAML has
    it: the same text five times faster, for the brute-force tests that write a rule set for each
    example hypothesis draws (tests/test_drawn_rule_sets_written_as_pyyaml_writes_them.py)."""
    return yaml.dump(doc, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False)


def tiny_copy(tmp: Path, extra_rules: list[dict] | None = None, name: str = "extra.yaml") -> Path:
    """tests/fixtures/tiny copied to tmp/rules, with `extra_rules` written as one more file."""
    rules = tmp / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    if extra_rules:
        (rules / name).write_text(yaml.safe_dump({"rules": extra_rules}, sort_keys=False))
    return rules


def run_where_gone(tmp: Path, args: list[str]) -> subprocess.CompletedProcess:
    """`pathfit ARGS` with its working directory removed before it starts (as a shell left in a
    folder another process deleted), the rule-set cache under `tmp`."""
    gone = tmp / "gone"
    gone.mkdir()

    def leave_it_deleted() -> None:
        os.chdir(gone)
        os.rmdir(gone)

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache")}
    env.pop("PATHFIT_RULES", None)
    return subprocess.run([str(Path(sys.executable).with_name("pathfit")), *args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120, preexec_fn=leave_it_deleted, env=env)


def tiny_edited_problems(tmp: Path, file: str, old: str, new: str) -> list:
    """The tiny rule set with `old` replaced by `new` in `file` (once; `old` must be there),
    loaded -> its problems as (code, file name, line, column): what a load refused, by place."""
    from pathfit.engine import Engine, PathfitError

    rules = tmp / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    edited = rules / file
    assert old in edited.read_text()
    edited.write_text(edited.read_text().replace(old, new, 1))
    try:
        Engine.load(rules)
    except PathfitError as exc:
        return [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col) for p in exc.problems]
    raise AssertionError(f"the tiny rule set loaded with {new!r} in {file}")


def tiny_versions(tmp: Path) -> tuple[Path, Path]:
    """Two versions of tests/fixtures/tiny, in tmp/old/rules and tmp/new/rules: the new one's
    broad-development rule weighs mentoring 1, not 2 (for `pathfit impact`)."""
    old = tiny_copy(tmp / "old")
    new = tiny_copy(tmp / "new")
    text = (new / "rules.yaml").read_text()
    (new / "rules.yaml").write_text(text.replace("{evidence: {mentoring: 2}}", "{evidence: {mentoring: 1}}", 1))
    return old, new


TINY_SECRET = "  secret:\n    type: bool\n    question: Sensitive matter?\n    sensitive: true\n"


def tiny_with_and_without_secret(tmp: Path) -> tuple[Path, Path]:
    """Two versions of tests/fixtures/tiny, in tmp/with/rules and tmp/without/rules: the second's
    schema has no fact `secret` (for `pathfit impact` across a fact added or removed)."""
    with_it = tiny_copy(tmp / "with")
    without = tiny_copy(tmp / "without")
    schema = (without / "schema.yaml").read_text()
    assert TINY_SECRET in schema
    (without / "schema.yaml").write_text(schema.replace(TINY_SECRET, ""))
    return with_it, without


def tiny_with_cases(tmp: Path, cases: str) -> Path:
    """`tiny_copy` with `cases` (YAML text) as its one rule-test file, tests/cases.yaml."""
    rules = tiny_copy(tmp)
    (rules / "tests").mkdir()
    (rules / "tests" / "cases.yaml").write_text(cases)
    return rules


# two cases of the tiny rule set that pass: a rule-test file some tests name in several ways
TWO_TINY_CASES = """\
cases:
  - name: a specific goal and a skill need is coaching
    profile: {goal: specific, needs: [skill]}
    expect: {outcome: coaching}
  - name: networking with few hours is mentoring
    profile: {goal: emerging, hours: 1, needs: [network]}
    expect: {outcome: mentoring}
"""


def fixture_copy(tmp: Path, fixture: str) -> Path:
    """A copy of the rule set tests/fixtures/`fixture` at `tmp`/rules, to change."""
    rules = tmp / "rules"
    shutil.copytree(HERE / "fixtures" / fixture, rules)
    return rules


def bundled_copy(tmp: Path) -> Path:
    shutil.copytree(ROOT / "rules", tmp / "rules")
    shutil.copy(ROOT / "knowledge_base.md", tmp / "knowledge_base.md")
    return tmp / "rules"


def simple_rule(rule_id: str, when: dict, evidence: str = "coaching") -> dict:
    return {"id": rule_id, "reason": "r", "cites": ["focus"], "when": when, "then": {"evidence": {evidence: 1}}}


@contextmanager
def synthetic_engine(tmp_path_factory, n_rules: int, seed: int) -> Iterator:
    """An Engine on a generated layered rule base (tools/synth.py), closed afterwards:
    for module-scoped fixtures."""
    from pathfit.engine import Engine
    from tools import synth

    where = tmp_path_factory.mktemp(f"synth{n_rules}") / "rules"
    synth.write_rule_base(where, n_rules, seed=seed)
    with Engine.load(where) as engine:
        yield engine


class CountedFirings(tuple):
    """Firings that count every one looked at, in LOOKS[0]: each one an iteration yields, each
    one a membership test compares (as a tuple's test scans). A test that pins how work grows
    with the rule count counts with it at two sizes, never with a clock."""

    def __iter__(self):
        for item in tuple.__iter__(self):
            LOOKS[0] += 1
            yield item

    def __contains__(self, wanted) -> bool:
        for item in tuple.__iter__(self):
            LOOKS[0] += 1
            if item == wanted:
                return True
        return False


LOOKS = [0]


@contextmanager
def synthetic_engines(tmp_path_factory) -> Iterator[Callable[[int, int], object]]:
    """A loader of Engines by (rules, seed), each built once, all closed afterwards: 0
    rules is the bundled rule set. For module-scoped fixtures that need several bases."""
    from pathfit.engine import Engine
    from tools import synth

    made: dict = {}

    def load(n_rules: int, seed: int):
        if (n_rules, seed) not in made:
            if n_rules == 0:
                made[0, seed] = Engine.load()
            else:
                where = tmp_path_factory.mktemp(f"synth{n_rules}_{seed}") / "rules"
                synth.write_rule_base(where, n_rules, seed=seed)
                made[n_rules, seed] = Engine.load(where)
        return made[n_rules, seed]

    try:
        yield load
    finally:
        for engine in made.values():
            engine.close()


# the schema of a rule set with one number fact, `share` (0 to 1): for tests of thresholds on it
SHARE_SCHEMA = """ruleset: {name}
knowledge_base: kb.md
facts:
  share:
    type: number
    min: 0
    max: 1
    question: What share of the week is free?
derived: {{}}
"""

# a policy of two evidence outcomes, the one that leads deciding: for small rule sets' tests
LEADS_POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {}
decision:
  - {outcome: undetermined, when: {strongest_below: 1}, confidence: shortfall}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""

# the same without its first clause: nothing fired is undetermined by its last
SHARE_POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {}
decision:
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""

# the knowledge base of the small yes/no rule sets some tests write (`yes_no_rule_set`)
SMALL_KB = """# Knowledge base

## Goals <a id="goals"></a>

Coaching works towards agreed objectives.

## Mentors <a id="mentors"></a>

A mentor has done the job.
"""


def yes_no_rule_set(where: Path, name: str, facts: str, rules: str, policy: str, kb_more: str = "") -> Path:
    """A rule set of yes/no facts (`facts`: their names, each asked as "NAME?"), the rules and
    policy given as YAML text, and SMALL_KB (with `kb_more` after it): for a test that needs a
    few rules whose scores it controls exactly."""
    asked = "".join(f"  {f}: {{type: bool, question: {f.upper()}?}}\n" for f in facts)
    schema = f"ruleset: {name}\nknowledge_base: knowledge_base.md\nfacts:\n{asked}derived: {{}}\n"
    for file, text in (("schema.yaml", schema), ("knowledge_base.md", SMALL_KB + kb_more), ("rules.yaml", rules),
                       ("policy.yaml", policy)):
        (where / file).write_text(text, encoding="utf-8")
    return where


def written_rule_set(where: Path, schema: str, policy: str, rules: str, section: tuple[str, str]) -> Path:
    """A rule set made in the new folder `where` from its three files' texts and a knowledge
    base of one section, (heading, anchor): the small rule sets a regression test writes whole."""
    where.mkdir(parents=True)
    heading, anchor = section
    for name, text in {"schema.yaml": schema, "policy.yaml": policy, "rules.yaml": rules,
                       "kb.md": f'# KB\n\n## {heading} <a id="{anchor}"></a>\n\nText.\n'}.items():
        (where / name).write_text(text)
    return where


# the valued-derived-fact fixture, and a rule that sets its `pace` to a second value for anyone
# not ready: with p.steady (hours 2 to 8) both fire for such a person (PF231)
VALUED = HERE / "fixtures" / "valued"
UNREADY_SLOW = """  - id: p.unready
    reason: Someone not ready moves slowly.
    cites: [focus]
    when: {fact: ready, equals: false}
    then: {derive: {pace: slow}}
"""


def on_a_terminal(command: list[str], cwd, env: dict | None = None, stream: str = "stderr") -> bytes:
    """Run `command` with one stream (stderr by default: a progress bar is drawn there) on a
    pseudo-terminal and the other discarded; -> all it wrote to the terminal."""
    master, slave = pty.openpty()
    streams = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, stream: slave}
    proc = subprocess.Popen(command, cwd=cwd, **streams,
                            env=env if env is not None else {**os.environ, "COLUMNS": "100"})
    os.close(slave)
    seen = b""
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        seen += data
    try:
        proc.wait(timeout=60)
    finally:
        proc.kill()
        os.close(master)
    return seen


# two yes/no rules, `a` giving coaching and `b` mentoring the weights written in (YAML text), and a
# policy deciding by the stronger of the two, undetermined below `below`: for tests that need
# scores they control exactly
COACHING_RULE = """  - id: c.goal
    reason: A says coaching.
    cites: [goals]
    when: {{fact: a, equals: true}}
    then: {{evidence: {{coaching: {coaching}}}}}
"""  # SCORED_RULES' first rule alone (format it with the weight), for rule sets built around it
SCORED_RULES = "rules:\n" + COACHING_RULE + """  - id: m.guide
    reason: B says mentoring.
    cites: [mentors]
    when: {{fact: b, equals: true}}
    then: {{evidence: {{mentoring: {mentoring}}}}}
"""
SCORED_POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {{}}
decision:
  - {{outcome: undetermined, when: {{strongest_below: {below}}}, confidence: shortfall}}
  - {{outcome: coaching, when: {{leads: coaching}}, confidence: share}}
  - {{outcome: mentoring, when: {{leads: mentoring}}, confidence: share}}
  - {{outcome: undetermined, when: {{}}, confidence: balance}}
"""

# SCORED_POLICY (below 2) after a first clause giving not now whenever a rule concluded it, at
# confidence `certain`: for tests of a figure always 1 that the concluding rules share
NOT_NOW_FIRST_POLICY = SCORED_POLICY.replace(
    "decision:\n", "decision:\n  - {{outcome: not_now, when: {{concluded: not_now}}, confidence: certain}}\n", 1).format(
    below="2")


def scored_rule_set(where: Path, name: str, coaching: str, mentoring: str, below: str = "2") -> Path:
    """A rule set of SCORED_RULES and SCORED_POLICY at these weights (YAML text, as written)."""
    return yes_no_rule_set(where, name, "ab", SCORED_RULES.format(coaching=coaching, mentoring=mentoring),
                           SCORED_POLICY.format(below=below))


# rules that conclude, added to SCORED_RULES where a test needs a not now (fact n) or a referral to
# training (fact r) beside the evidence rules
NOT_NOW_RULE = """  - id: n.unready
    reason: N says not now.
    cites: [goals]
    when: {fact: n, equals: true}
    then: {not_now: true}
"""
TRAINING_RULE = """  - id: r.train
    reason: R says training.
    cites: [mentors]
    when: {fact: r, equals: true}
    then: {refer: training}
"""


def batch_ends_with_pf632_when_a_worker_dies(tmp_path, monkeypatch, audited: bool, dies) -> None:
    """Run a `--jobs 2` batch of 400 rows on the tiny rule set whose workers do `dies` (a
    module-level function standing in for cohort.batch._work, the real one kept as `_real_work`)
    and hold it to what a worker gone must give: PF632, exit 2, no output, nothing appended, no
    temporary file left; under a 60 s watchdog that ends the test run if the batch hangs."""
    from click.testing import CliRunner

    from pathfit.cli.main import cli
    from pathfit.engine.cohort import batch as cohort

    from .audit_support import make_key

    monkeypatch.setitem(cohort.__dict__, "_real_work", cohort._work)
    monkeypatch.setattr(cohort, "_work", dies)
    (tmp_path / "key").mkdir()
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path / "key")))
    (tmp_path / "in.jsonl").write_text('{"id": "a", "goal": "specific"}\n' * 400)
    out, log = tmp_path / "out.jsonl", tmp_path / "audit.jsonl"
    with watchdog(60):
        result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.jsonl"), "--out", str(out), "--rules",
                                          str(HERE / "fixtures" / "tiny"), "--jobs", "2", "--quiet",
                                          *(["--audit-log", str(log)] if audited else [])])
    assert result.exit_code == 2, result.output
    assert "PF632" in result.output
    assert not out.exists()
    assert not log.exists() or not log.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in.jsonl", "key"] + (["audit.jsonl"] if log.exists() else []))


def sideways(browser, inside: str | None = None) -> tuple[int, int, list[str]]:
    """(the page's width, the width it scrolls to, the first elements reaching past its right
    edge) of the page a browser shows, leaving out the elements within `inside` (a CSS
    selector of a box that may scroll on its own)."""
    client, scrolled = browser.execute_script(
        "return [document.documentElement.clientWidth, document.documentElement.scrollWidth]")
    wide = browser.execute_script(
        "const w = document.documentElement.clientWidth, inside = arguments[0];"
        "return [...document.querySelectorAll('body *')]"
        ".filter(e => !(inside && e.closest(inside)) && e.getBoundingClientRect().right > w + 1)"
        ".map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 5)", inside)
    return client, scrolled, wide


def child_processes() -> set[int]:
    """This process's children, of every thread, zombies included: a batch worker left
    running, or ended and never waited for, shows here."""
    pid = os.getpid()
    return {int(c) for t in os.listdir(f"/proc/{pid}/task")
            for c in Path(f"/proc/{pid}/task/{t}/children").read_text().split()}


def open_pipes() -> set[str]:
    """The pipes this process holds an end of, by name (`pipe:[inode]`)."""
    ends = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            ends.add(os.readlink(f"/proc/self/fd/{fd}"))
        except FileNotFoundError:  # the listing's own
            pass
    return {end for end in ends if end.startswith("pipe:")}


@contextmanager
def watchdog(seconds: int) -> Iterator[None]:
    """End the whole test run, after printing every thread's stack, if the block takes longer
    than `seconds`: for a test whose failure would be a hang. An alarm signal that faulthandler
    handles in C, so it fires with the main thread blocked in a system call too, and then ends
    the process as an unhandled alarm does. No thread: faulthandler's own timer is one, and a
    batch forking its workers beside a thread is warned about from Python 3.12."""
    faulthandler.register(signal.SIGALRM, all_threads=True, chain=True)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        faulthandler.unregister(signal.SIGALRM)


NOBODY = 65534  # the unprivileged user


def as_another_user(call: Callable[[], object]) -> object:
    """`call()`'s answer, as JSON gives it back, run as a user other than root, who may read and
    search every directory: in a forked child, as NOBODY, when this process is root."""
    if os.geteuid() != 0:
        return json.loads(json.dumps(call()))
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(read)
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            os.write(write, json.dumps(call()).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        said = f.read()
    os.waitpid(pid, 0)
    return json.loads(said)


def run_forking_script(script: str, cwd: Path) -> subprocess.CompletedProcess:
    """`script` run by this Python in a process of its own, with the bundled rules loaded afresh
    (no load cache, no PATHFIT_RULES): for a test that forks beside threads, which would leave
    the test process itself with them. Python's warning about such a fork is silenced there:
    the fork is what is under test."""
    env = {**os.environ, "PATHFIT_CACHE": "0"}
    env.pop("PATHFIT_RULES", None)
    return subprocess.run([sys.executable, "-W", "ignore::DeprecationWarning", "-c", script], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def cli_commands() -> list:
    """(words, command) for every command of `pathfit`, "audit show" for a subcommand, walked
    from the group itself: a sweep over them holds a command added later to what it checks."""
    import click

    from pathfit.cli.main import cli

    found = []

    def walk(command, words: list, ctx) -> None:
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                walk(sub, [*words, name], click.Context(sub, parent=ctx, info_name=name))
        else:
            found.append((" ".join(words), command))

    walk(cli, [], click.Context(cli, info_name="pathfit"))
    return found


def keyed_workplace(tmp_path, tmp_path_factory, monkeypatch):
    """Work in `tmp_path` with a new audit key kept outside it (PATHFIT_AUDIT_KEY_FILE) and
    no PATHFIT_RULES: the bundled rules, and records that can be sealed. -> the key's path."""
    from click.testing import CliRunner

    from pathfit.cli.main import cli

    key = tmp_path_factory.mktemp("key") / "audit.key"
    assert CliRunner().invoke(cli, ["audit", "keygen", str(key)]).exit_code == 0
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))
    monkeypatch.delenv("PATHFIT_RULES", raising=False)
    monkeypatch.chdir(tmp_path)
    return key


# What setup.py reads to lay out the package and its metadata (the C core is build_ext's)
BUILD_INPUTS = ("setup.py", "pyproject.toml", "README.md", "MANIFEST.in", "knowledge_base.md",
                "build_tools", "engine", "cli", "src", "rules", "examples", "docs")


def build_checkout(tmp: Path) -> Path:
    """A copy of what the build reads, in tmp/checkout, for running setup.py's steps there."""
    top = tmp / "checkout"
    top.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.so", "*.LICENSE")
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, top / name, ignore=ignore)
        else:
            shutil.copy2(source, top / name)
    return top


def run_setup(top: Path, *steps: str) -> subprocess.CompletedProcess:
    """`python setup.py -q STEPS...` in `top`, with this Python and its setuptools."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, "setup.py", "-q", *steps], cwd=top, env=env,
                          capture_output=True, text=True, timeout=120)


def full_pipe() -> tuple[int, int]:
    """(read end, write end) of a pipe whose buffer is already full and never read: whatever a
    process writes to it next blocks, as a stdout nobody reads does."""
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    try:
        while True:
            os.write(write_end, b"x" * 4096)
    except BlockingIOError:
        pass
    os.set_blocking(write_end, True)
    return read_end, write_end


def impact_and_batch_problems(tmp_path: Path, corpus: Path, rules) -> tuple:
    """(impact's result, the problems it names in `corpus` as (line, col, code), those `batch`
    gives the same corpus in its rows): impact comparing `rules` with itself, so every row is
    refused or invalid under both versions alike, and each problem should be batch's own."""
    import re

    from click.testing import CliRunner

    from pathfit.cli.main import cli

    result = CliRunner().invoke(cli, ["impact", "--base", str(rules), "--rules", str(rules), "--profiles", str(corpus)])
    said = re.findall(rf"^{re.escape(str(corpus))}:(\d+):(\d+): (PF\d+): ", result.stderr, re.M)
    out = tmp_path / "out.jsonl"
    CliRunner().invoke(cli, ["batch", str(corpus), "--out", str(out), "--rules", str(rules), "--jobs", "1"])
    batch = [(str(e["line"]), str(e["col"]), e["code"]) for line in out.read_text().splitlines()
             for e in json.loads(line)["errors"]]
    return result, said, batch


def cached_and_uncached(tmp_path: Path, monkeypatch, args: list[str]) -> tuple:
    """The CLI's results for `args`: with the rule-set cache off, then on (the rule set read and
    kept), then on with the rule files never read again (a read fails the run): for a command
    that should take its rule set from the cache and print the same bytes either way."""
    from click.testing import CliRunner

    from pathfit.cli.main import cli
    from pathfit.engine.pipeline import ruleset

    def not_read_again(*args: object) -> None:
        raise AssertionError("the rule files were read again")

    uncached = CliRunner().invoke(cli, args)
    monkeypatch.setenv("PATHFIT_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = CliRunner().invoke(cli, args)
    monkeypatch.setattr(ruleset, "read_ruleset", not_read_again)
    return uncached, first, CliRunner().invoke(cli, args)
