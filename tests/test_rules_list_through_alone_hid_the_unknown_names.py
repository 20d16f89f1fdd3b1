"""`rules list --through --gives mentorng` said only that --through needs --reads (PF613), and
the unknown name (PF634) came once that was fixed, though README says every name the rule set
does not have is reported at once. Both are now said together, sorted by option; exit 2,
nothing on stdout."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

pytestmark = pytest.mark.usefixtures("module_rule_set_cache", "rule_set_cache_of_the_module")


@pytest.mark.parametrize("args, expected", [
    (["--through", "--gives", "mentorng"], [["--gives:0:0", "PF634"], ["--through:0:0", "PF613"]]),
    (["--through", "--cites", "nope", "--gives", "blended"],
     [["--cites:0:0", "PF634"], ["--gives:0:0", "PF613"], ["--through:0:0", "PF613"]]),
    (["--through", "--gives", "mentoring"], [["--through:0:0", "PF613"]]),
])
def test_through_without_reads_is_said_with_every_unknown_name(args, expected):
    result = CliRunner().invoke(cli, ["rules", "list", *args])
    assert result.exit_code == 2 and result.stdout == "", result.output
    assert [line.split(": ")[0:2] for line in result.stderr.splitlines()] == expected
