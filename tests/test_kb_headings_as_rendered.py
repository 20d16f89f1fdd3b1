"""The knowledge base's sections are the headings its rendered page has: a heading
indented one to three spaces is one (CommonMark allows it), and a heading-like line
inside an HTML block (`<pre>`, `<div>` up to a blank line, ...) is none. Checked on
chosen pages and against markdown-it (CommonMark) on generated ones."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from pathfit.cli.main import cli
from pathfit.engine.errors import Collector
from pathfit.engine.pipeline.knowledge_base import parse_sections

from .helpers import simple_rule, tiny_copy


def _sections(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "kb.md"
    path.write_text(text, encoding="utf-8")
    out = Collector()
    found = parse_sections(path, "kb.md", out)
    assert not out.problems, [p.format() for p in out.problems]
    return {anchor: (pos.line, pos.col) for anchor, (_, pos) in found.items()}


INDENTED = """# Knowledge base
 ## One <a id="one"></a>
  ## Two <a id="two"></a>
   ## Three <a id="three"></a>
    ## Four is code <a id="four"></a>

## Closed <a id="closed"></a> ##
"""


def test_a_heading_indented_up_to_three_spaces_is_a_section(tmp_path: Path):
    assert _sections(tmp_path, INDENTED) == {"one": (2, 9), "two": (3, 10), "three": (4, 13), "closed": (7, 11)}


def test_citing_an_indented_heading_is_no_pf207(tmp_path: Path):
    rules = tiny_copy(tmp_path, [dict(simple_rule("x.indented", {"fact": "ready", "equals": True}),
                                      cites=["three", "four"])])
    with (rules / "kb.md").open("a") as kb:
        kb.write(INDENTED.replace("# Knowledge base\n", "\n"))
    result = CliRunner().invoke(cli, ["lint", "--rules", str(rules)])
    cited = [ln for ln in result.output.splitlines() if "PF207" in ln]
    assert len(cited) == 1 and "'four'" in cited[0], result.output


HTML = """# Knowledge base
## Focus <a id="focus"></a>
<pre>
## In pre <a id="pre"></a>
</pre>
## After pre <a id="after-pre"></a>
<div class="note">
## In div <a id="div"></a>

## After div <a id="after-div"></a>
<!DOCTYPE html
## In declaration <a id="declaration"></a>
>
<?php
## In instruction <a id="instruction"></a>
?>
<![CDATA[
## In cdata <a id="cdata"></a>
]]>
<span>
## In a tag's block <a id="span"></a>

text
<span>
## After text and a tag <a id="after-span"></a>
<!-->
## After an empty comment <a id="after-comment"></a>
"""


def test_a_heading_inside_an_html_block_is_no_section(tmp_path: Path):
    assert sorted(_sections(tmp_path, HTML)) == ["after-comment", "after-div", "after-pre", "after-span", "focus"]


# -- against markdown-it, CommonMark's reading, on generated pages ---------------------------------

_LINES = [
    "", "   ", "text", "more text", "<span>", "</div>", "<div>", "<DIV class=x>", "<pre>", "</pre>",
    "<pre>x</pre>", "<script>", "</script>", "<textarea>", "<!-- note", "-->", "<!-- one line -->", "<!-->",
    "<?x", "?>", "<!DOCTYPE x", "end>", "<![CDATA[", "]]>", "```", "````", "~~~", "```python", "``` x`",
    "  ```", "    ```", "~~~ ~", "---", "***", "===", "    code", "\tcode", " <div>", "    <div>",
]


# each strategy made once, not again for every line drawn: hypothesis checks a strategy the first
# time it draws from it, and that was a tenth of this test
_KIND = st.sampled_from(["heading", "text", "line", "line"])
_ESCAPE = st.sampled_from(["", "\\", "\\\\", " "])
_INDENT, _HASHES = st.integers(0, 4), st.integers(1, 7)
_GAP = st.sampled_from([" ", "  ", "\t", ""])
_CLOSING = st.sampled_from(["", " ##", "#", "  ", "\t#"])
_TEXT_END = st.sampled_from(["", " ", " #"])
_LINE = st.sampled_from(_LINES)


@st.composite
def _pages(draw):
    lines = []
    for n in range(draw(st.integers(1, 14))):
        kind = draw(_KIND)
        anchor = draw(_ESCAPE) + f'<a id="a{n}"></a>'
        if kind == "heading":
            indent = " " * draw(_INDENT)
            hashes = "#" * draw(_HASHES)
            gap = draw(_GAP)
            closing = draw(_CLOSING)
            lines.append(f"{indent}{hashes}{gap}Title {anchor}{closing}")
        elif kind == "text":  # a heading when underlined
            lines.append(" " * draw(_INDENT) + f"Words {anchor}" + draw(_TEXT_END))
        else:
            lines.append(draw(_LINE))
    return "\n".join(lines) + "\n"


def _rendered(text: str) -> dict:
    """Anchor -> line of each top-level heading markdown-it renders ending in its anchor: its
    own line, or an underlined paragraph's last (the line above the underline)."""
    tokens = MarkdownIt("commonmark").parse(text)
    found = {}
    for opening, inline in zip(tokens, tokens[1:]):
        if opening.type == "heading_open" and opening.level == 0 and inline.content.endswith("</a>"):
            anchor = inline.content.rsplit('<a id="', 1)[-1][:-len('"></a>')]
            if not any(c.type == "html_inline" and c.content == f'<a id="{anchor}">' for c in inline.children):
                continue  # written as text (after a backslash): no anchor on the page
            found[anchor] = opening.map[0] + 1 if opening.markup.startswith("#") else opening.map[1] - 1
    return found


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_pages())
def test_sections_are_the_headings_commonmark_renders(tmp_path: Path, text: str):
    path = tmp_path / "kb.md"
    path.write_text(text, encoding="utf-8")
    found = parse_sections(path, "kb.md", Collector())
    assert {anchor: pos.line for anchor, (_, pos) in found.items()} == _rendered(text), text


def test_positions_count_lines_as_grep_does(tmp_path: Path):
    """U+2028, U+2029 and U+0085 end no line, for CommonMark or `grep -n`; nor, for grep,
    does a lone carriage return (CommonMark's line ending: the heading after it is one)."""
    text = ("# Knowledge base\u2028still line 1\u0085\u2029\n"
            "## Goals <a id=\"goals\"></a>\r## Mentors <a id=\"mentors\"></a>\r\n"
            "## Goals again <a id=\"goals\"></a>\n")
    path = tmp_path / "kb.md"
    path.write_text(text, encoding="utf-8", newline="")
    out = Collector()
    found = parse_sections(path, "kb.md", out)
    assert {a: (pos.line, pos.col) for a, (_, pos) in found.items()} == {"goals": (2, 10), "mentors": (2, 40)}
    assert [(p.code, p.pos.line, p.pos.col) for p in out.problems] == [("PF217", 3, 16)]
    assert "first at line 2" in out.problems[0].message
