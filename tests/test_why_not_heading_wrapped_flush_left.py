"""`explain --why-not` wrapped each of its sentences with the lines after the first indented,
except "Rules supporting ... that did not fire (most relevant first):" (and "No rule supporting
... was left unfired.", "... and N more"), whose second line started flush left, where only a
new sentence or a rule's "- " starts: at 40 columns "fire (most relevant first):" read as a
sentence of its own. Each now goes on indented, as every other sentence does."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

FACTS = ["--fact", "goal=emerging", "--fact", "hours=1", "--fact", "needs=network", "--fact", "ready=true"]


def test_every_sentence_goes_on_indented_at_a_narrow_width():
    for outcome in ("coaching", "undetermined"):  # rules left unfired; none left unfired
        result = CliRunner().invoke(cli, ["explain", "--rules", str(HERE / "fixtures" / "tiny"), *FACTS,
                                          "--why-not", outcome], env={"COLUMNS": "40", "NO_COLOR": "1"})
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        for before, line in zip(lines, lines[1:]):
            if not line.startswith((" ", "- ")):  # flush left: a new sentence, after one that ended
                assert before.endswith((".", ":")), (outcome, before, line)
