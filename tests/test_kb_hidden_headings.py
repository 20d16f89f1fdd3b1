"""A heading-like line inside a fenced code block or an HTML comment of the
knowledge base is no section: citing it is PF207 like any unknown anchor, and
the real headings keep their own line and column."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.errors import Collector
from pathfit.engine.pipeline.knowledge_base import parse_sections

from .helpers import simple_rule, tiny_copy

KB = """# Tiny knowledge base
## Focus <a id="focus"></a>
Focus.

```markdown
## Fenced <a id="fenced"></a>
```

~~~~
## Tilde <a id="tilde"></a>
~~~
## Still fenced <a id="still"></a>
~~~~

<!--
## Commented <a id="commented"></a>
-->
<!-- one line --> 
## Structure <a id="structure"></a>
Structure.
"""


def test_hidden_headings_are_no_sections(tmp_path: Path):
    path = tmp_path / "kb.md"
    path.write_text(KB)
    out = Collector()
    sections = parse_sections(path, "kb.md", out)
    assert not out.problems
    assert sorted(sections) == ["focus", "structure"]
    assert (sections["focus"][1].line, sections["focus"][1].col) == (2, 10)
    assert (sections["structure"][1].line, sections["structure"][1].col) == (19, 14)


def test_citing_a_hidden_heading_is_pf207(tmp_path: Path):
    rules = tiny_copy(tmp_path, [dict(simple_rule("x.hidden", {"fact": "ready", "equals": True}),
                                      cites=["fenced", "commented"])])
    (rules / "kb.md").write_text(KB)
    result = CliRunner().invoke(cli, ["lint", "--rules", str(rules)])
    assert result.exit_code == 1, result.output  # lint: 1 when the rule set has errors
    lines = [ln for ln in result.output.splitlines() if "PF207" in ln]
    assert len(lines) == 2 and "'fenced'" in lines[0] and "'commented'" in lines[1], result.output
    assert all(ln.startswith(f"{rules / 'extra.yaml'}:") for ln in lines), result.output
