"""Regression: the web page's yes/no and list questions (a select) and number questions (a
number box) had no programmatic label: the question was the fieldset's legend, which names
the group, not the control, so a screen reader said "combo box" or "spin button" and nothing
more; and the operator's box, which asks the user's own name, did not say so to the browser.
Now each control is named by its question (aria-labelledby the legend) and described by its
help and range, and the operator's box is autocomplete="name". Checked on the HTML, as an
accessibility checker reads it (WCAG 2.2: 1.3.1, 1.3.5, 4.1.2)."""
from __future__ import annotations

from pathfit.engine.service import page

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .html_support import Tree

def accessible_name(tree: Tree, control: dict) -> str:
    """The name a screen reader gives the control: aria-labelledby, else a label naming it."""
    labelled = control["attrs"].get("aria-labelledby")
    if labelled:
        return " ".join((tree.by_id(i) or {"text": ""})["text"].strip() for i in labelled.split())
    ident = control["attrs"].get("id")
    for label in (e for e in tree.elements if e["tag"] == "label"):
        if ident and label["attrs"].get("for") == ident:
            return label["text"].strip()
    wrapping = [a for a in control["ancestors"] if a["tag"] == "label"]
    return wrapping[-1]["text"].strip() if wrapping else control["attrs"].get("aria-label", "")


def controls(tree: Tree) -> list[dict]:
    return [e for e in tree.elements if e["tag"] in ("select", "textarea")
            or e["tag"] == "input" and e["attrs"].get("type") not in ("hidden", "submit")]


def test_every_control_of_the_page_is_named_by_its_question(engine):
    rs = engine.ruleset
    tree = Tree(page.page(rs, []))
    found = controls(tree)
    assert {e["tag"] for e in found} == {"select", "input"}
    unnamed = [e["attrs"].get("name") for e in found if not accessible_name(tree, e)]
    assert unnamed == []
    for fact in rs.inputs:
        if fact.type != "set":
            control = tree.by_id(f"f-{fact.name}")
            assert accessible_name(tree, control) == fact.question, fact.name


def test_a_number_box_is_described_by_its_help_and_its_range(engine):
    rs = engine.ruleset
    tree = Tree(page.page(rs, []))
    numbers = [f for f in rs.inputs if f.type == "number"]
    assert numbers
    for fact in numbers:
        described = tree.by_id(f"f-{fact.name}")["attrs"].get("aria-describedby", "").split()
        said = " ".join(tree.by_id(i)["text"] for i in described)
        assert "empty if not known" in said and (not fact.help or fact.help in said), fact.name


def test_the_operators_box_says_it_asks_the_users_own_name(engine):
    tree = Tree(page.page(engine.ruleset, []))
    (operator,) = [e for e in tree.elements if e["attrs"].get("name") == ":operator"]
    (subject,) = [e for e in tree.elements if e["attrs"].get("name") == ":subject"]
    assert operator["attrs"].get("autocomplete") == "name" and "autocomplete" not in subject["attrs"]
