"""A PF210 refusal of `is: known` in a rule that must be refuted names the rule needing the
derived fact false by its place; in another rule file, by that file's name.

The bug this pins: that file's name went into the message as written, so a name holding a
colour sequence coloured the terminal, or lost the sequence where the output is no terminal,
naming a file that does not exist. It is shown as every path is (quote.shown_path): quoted,
reading back as exactly the real name."""
from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT

NAME = "r\x1b[31mX.yaml"


def test_the_other_rule_file_is_named_as_every_path_is(tmp_path: Path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", rules)
    text = (rules / "rules.yaml").read_text(encoding="utf-8")
    mentor = text.index("  - id: e.mentor")
    after = text.index("  - id: e.broad")
    (rules / NAME).write_text("rules:\n" + text[mentor:after], encoding="utf-8")
    text = (text[:mentor] + text[after:]).replace(
        "when: {any: [{fact: goal, equals: specific}, {fact: hours, gte: 4}]}", "when: {fact: broad, is: known}")
    (rules / "rules.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", "--rules", str(rules)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    line = next(x for x in result.output.splitlines() if ": PF210: " in x and "e.mentor" in x)
    place = re.search(r"rule 'e\.mentor' \((.*):(\d+):(\d+)\) needs", line)
    assert place and place.group(1).startswith("'")
    assert Path(ast.literal_eval(place.group(1))).name == NAME and place.group(2, 3) == ("5", "11")
