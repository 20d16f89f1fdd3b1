"""A corpus row with a problem found as it is read (a filled cell under a column with no name, an
id too long) is bad input to `impact`, which named that one problem and no other: the row's
other such problems, and its facts' problems, which `batch` names beside them, were left unsaid,
and nothing said there were more. Each is now named, at its place, as `batch` names them."""
from __future__ import annotations

from .helpers import HERE, impact_and_batch_problems

TINY = str(HERE / "fixtures" / "tiny")
CORPUS = ("id,goal,,\n"
          "a,spec,x,y\n"  # two cells under no name, and a goal that is none
          "b,specific,,\n")


def test_impact_names_every_problem_of_an_unreadable_row_as_batch_does(tmp_path):
    corpus = tmp_path / "corpus.csv"
    corpus.write_text(CORPUS)
    result, said, batch = impact_and_batch_problems(tmp_path, corpus, TINY)
    assert result.exit_code == 2, result.output
    assert batch == [("2", "3", "PF403"), ("2", "8", "PF401"), ("2", "10", "PF401")]
    assert said == batch
