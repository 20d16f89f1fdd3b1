"""An option given an empty value is refused, never taken as not given.

Regression: `audit show --id ""` (as `--id "$ID"` gives with ID unset), `--rule ""`,
`--outcome ""` and `--since ""` listed every record, `audit show --subject ""` and
`--operator ""` none ("0 of N records", as if nobody had been decided on), `replay --id ""`
replayed the whole log and `report --id ""` drew whichever record an empty prefix picked, all
with exit status 0; `lint --explain ""` linted the rule set instead of saying that '' is no
code; `serve --host ""` said " is not a loopback address".

Every text option of every command is found from the commands themselves, so one added later
is held to this too, unless it is listed in MEANINGFUL with what its empty value means.
"""
from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import cli_commands, keyed_workplace

PROFILE = "person.yaml"
PERSON = "career_stage: senior_leader\ntrigger: new_role\n"
LOG = "log.jsonl"

# Options whose empty value means something, and what.
MEANINGFUL = {
    ("docs", "--kb-link"): "the knowledge base's sections linked within the page written (#section)",
    ("test", "-k"): "every case, since every case's name contains the empty text",
}

# A command line that runs (exit status 0) with the fixtures below, to which the empty value
# is added (or, for an argument, put in place of its name): so a refusal is the empty
# value's, not a missing argument's.
RUNS = {
    "audit show": [LOG],
    "audit verify": [LOG],
    "batch": ["in.csv", "--out", "out.jsonl"],
    "docs": [],
    "explain": ["--profile", PROFILE],
    "interview": ["--profile", PROFILE],
    "lint": [],
    "recommend": ["--profile", PROFILE],
    "replay": [LOG],
    "report": ["record.json", "--out", "page.html"],
    "rules list": [],
    "rules show": ["RULE_ID"],
    "test": [],
}


def _text_options():
    """(command words, parameter) for every option taking text, flags aside."""
    return [(words, param) for words, command in cli_commands() for param in command.params
            if isinstance(param.type, click.types.StringParamType)
            and not (isinstance(param, click.Option) and param.is_flag)]


TEXT_OPTIONS = _text_options()


def _name(param: click.Parameter) -> str:
    return max(param.opts, key=len) if isinstance(param, click.Option) else param.human_readable_name


@pytest.fixture
def workplace(tmp_path, tmp_path_factory, monkeypatch):
    """A folder holding a profile, a cohort and an audit log of two decisions, with the audit key
    kept outside it: what every command line of RUNS reads."""
    keyed_workplace(tmp_path, tmp_path_factory, monkeypatch)
    (tmp_path / PROFILE).write_text(PERSON)
    (tmp_path / "in.csv").write_text("id,career_stage,trigger\nr1,senior_leader,new_role\n")
    for subject, record in (("ann", ["--record", "record.json"]), ("bob", [])):
        made = CliRunner().invoke(cli, ["recommend", "--profile", PROFILE, "--subject", subject, "--audit-log", LOG,
                                        *record])
        assert made.exit_code == 0, made.output
    return tmp_path


def test_the_sweep_finds_the_options_that_were_taken_as_not_given():
    names = {(words, _name(param)) for words, param in TEXT_OPTIONS}
    assert {("audit show", "--id"), ("audit show", "--subject"), ("replay", "--id"), ("report", "--id"),
            ("lint", "--explain"), ("serve", "--host")} <= names, names
    assert set(MEANINGFUL) <= names  # an entry there names an option that exists


@pytest.mark.parametrize("words", sorted(RUNS))
def test_each_command_line_the_sweep_adds_to_runs(workplace, words):
    line = [{"RULE_ID": "coaching.trigger"}.get(word, word) for word in RUNS[words]]
    result = CliRunner().invoke(cli, [*words.split(), *line], input="")
    assert result.exit_code == 0, result.output


REFUSED = [(words, param) for words, param in TEXT_OPTIONS if (words, _name(param)) not in MEANINGFUL]


@pytest.mark.parametrize("words, param", REFUSED, ids=[f"{w} {_name(p)}" for w, p in REFUSED])
def test_every_text_option_given_empty_is_refused_at_its_name(workplace, words, param):
    name = _name(param)
    if words == "serve":
        # a port out of range, read after the empty value: were the value let through, click's
        # usage error would end the command here, where a server would otherwise start and wait
        line = ["serve", name, "", "--port", "65536"]
    else:
        if isinstance(param, click.Option):
            line = [*words.split(), name, "", *RUNS[words]]
        else:
            line = [*words.split(), *("" if word == name else word for word in RUNS[words])]
            assert "" in line
    before = sorted(p.name for p in workplace.iterdir())
    log = (workplace / LOG).read_bytes()
    result = CliRunner().invoke(cli, line, input="")
    assert result.exit_code == 2, result.output
    first = result.stderr.splitlines()[0]
    located = first.startswith(f"{name}:0:0: PF")
    usage = "Usage:" in result.stderr and f"Invalid value for {name}: ''" in result.stderr
    assert located or usage, result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in workplace.iterdir()) == before and (workplace / LOG).read_bytes() == log


def test_an_empty_kb_link_links_the_sections_within_the_page(workplace):
    result = CliRunner().invoke(cli, ["docs", "--kb-link", ""])
    assert result.exit_code == 0, result.output
    assert "](#refer-counselling)" in result.stdout and "knowledge_base.md#" not in result.stdout


def test_an_empty_k_runs_every_case(workplace):
    every = CliRunner().invoke(cli, ["test", "--format", "json"])
    empty = CliRunner().invoke(cli, ["test", "--format", "json", "-k", ""])
    assert every.exit_code == empty.exit_code == 0, empty.output
    assert empty.stdout == every.stdout
