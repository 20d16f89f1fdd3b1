"""zsh reads a completion as lines, three to a word (type, word, help); an outcome after
`explain --why-not` was offered with its policy label as its help as written, so a label of two
lines (`label: "Executive\\ncoaching"`) put four lines in the answer and zsh offered `Executive`'s
line as a word's type from there on: every later outcome was lost or garbled. The label is now
one line, as a rule's reason after `rules show` already was."""
from __future__ import annotations

from click.shell_completion import ZshComplete

from pathfit.cli.main import cli

from .helpers import bundled_copy


def test_every_outcome_is_offered_to_zsh_whatever_its_label(tmp_path):
    rules = bundled_copy(tmp_path)
    policy = rules / "policy.yaml"
    text = policy.read_text()
    assert "    label: Executive coaching\n" in text
    policy.write_text(text.replace("    label: Executive coaching\n", '    label: "Executive\\n  coaching "\n', 1))
    zsh = ZshComplete(cli, {}, "pathfit", "_PATHFIT_COMPLETE")
    items = zsh.get_completions(["explain", "--rules", str(rules), "--why-not"], "")
    lines = "\n".join(zsh.format_completion(item) for item in items).split("\n")
    assert len(lines) == 3 * len(items)
    triples = [lines[i:i + 3] for i in range(0, len(lines), 3)]  # as zsh's `for type key descr` reads them
    assert [t[1] for t in triples] == [item.value for item in items]
    assert all(t[0] == "plain" for t in triples)
    assert dict((t[1], t[2]) for t in triples)["coaching"] == "Executive coaching"
    assert {"coaching", "mentoring", "blended", "undetermined"} <= {t[1] for t in triples}
