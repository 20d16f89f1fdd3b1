"""`rules list --cites` takes a section's anchor with or without `kb#`; its completion after
`kb#go` offered `goals`, a word that does not begin with what was typed. A shell keeps only the
words that do (fish filters them so; bash's common prefix of such words is none of the line),
so nothing completed there. A word begun with `kb#` is now completed with it: `kb#goals`, which
the filter takes as it takes `goals`."""
from __future__ import annotations

from click.shell_completion import BashComplete

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.authoring.rule_queries import select
from pathfit.engine.pipeline.bundled import bundled_rules_dir


def _offered(incomplete: str) -> list[str]:
    complete = BashComplete(cli, {}, "pathfit", "_PATHFIT_COMPLETE")
    return [c.value for c in complete.get_completions(["rules", "list", "--cites"], incomplete)]


def test_each_word_offered_begins_with_what_was_typed_and_is_taken(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    anchors = _offered("")
    typed = "kb#" + anchors[0][:2]
    offered = _offered(typed)
    assert offered == ["kb#" + a for a in anchors if a.startswith(anchors[0][:2])]
    assert all(word.startswith(typed) for word in offered)
    with Engine.load(bundled_rules_dir()) as engine:
        for word in offered:
            select(engine.ruleset, cites=(word,))  # PF634 for a name it does not take
