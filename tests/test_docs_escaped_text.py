"""`pathfit docs` writes authors' text (reasons, descriptions, outcome labels, knowledge-base
titles, the rule set's name) so the rendered page shows exactly that text: no heading,
bullet, emphasis or HTML made from it, and a line break as `<br>` inside one line."""
from __future__ import annotations

from pathlib import Path

import yaml

from pathfit.engine.authoring.catalogue import render
from pathfit.engine.reports.markdown_text import code, md
from pathfit.engine.pipeline.ruleset import read_ruleset

from .helpers import tiny_copy

INJECTED = "First line.\n\n## Injected heading\n- **Then** refer to **counselling**\n"


def test_md_escapes_what_markdown_and_html_read():
    assert md(INJECTED) == "First line.<br><br>## Injected heading<br>- \\*\\*Then\\*\\* refer to \\*\\*counselling\\*\\*"
    assert md("Uses <b>html</b> & a | pipe, `tick, _u_, [l](x) and ~s~") == (
        "Uses &lt;b&gt;html&lt;/b&gt; &amp; a \\| pipe, \\`tick, \\_u\\_, \\[l\\](x) and \\~s\\~")
    assert [md(t) for t in ("# h", "- b", "+ b", "= s", "12. n", "3) n", "1999 was")] == [
        "\\# h", "\\- b", "\\+ b", "\\= s", "12\\. n", "3\\) n", "1999 was"]
    assert md("Plain text, with a dash - and a dot.") == "Plain text, with a dash - and a dot."
    assert code("a`b") == "``a`b``" and code("`x") == "`` `x ``" and code("tiny") == "`tiny`"


def test_rendered_catalogue_has_no_injected_structure(tmp_path: Path):
    rules = tiny_copy(tmp_path, [{"id": "x.inject", "reason": INJECTED, "cites": ["focus"],
                                  "when": {"fact": "ready", "equals": True}, "then": {"evidence": {"coaching": 1}}}])
    schema = yaml.safe_load((rules / "schema.yaml").read_text())
    schema["ruleset"] = "ti`ny"
    schema["derived"]["structured"]["description"] = "# wants <i>structure</i>"
    (rules / "schema.yaml").write_text(yaml.safe_dump(schema, sort_keys=False))
    kb = (rules / "kb.md").read_text().replace("## Focus <a", "## Focus *and* <b>more</b> <a")
    (rules / "kb.md").write_text(kb)
    text = render(read_ruleset(rules), "kb.md")
    assert text.startswith("# Rules of ``ti`ny``\n")
    assert "\n## Injected heading" not in text and "\n- **Then** refer to **counselling**" not in text
    assert "\nFirst line.<br><br>## Injected heading<br>- \\*\\*Then\\*\\* refer to" in text
    assert "<i>" not in text and "<b>" not in text
    assert "  - \\# wants &lt;i&gt;structure&lt;/i&gt; (`structured`)" in text
    assert "[Focus and more](kb.md#focus)" in text  # the heading's words as its page shows them
