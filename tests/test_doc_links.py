"""The language guide shows exactly what `pathfit init` writes, and every
relative link in the README, docs/*.md and rule-file comments resolves."""
from __future__ import annotations

import re

from pathfit.engine.authoring.starter import FILES

from .helpers import ROOT

BLOCK = re.compile(r"<!-- file: (\S+) -->\n```[a-z]*\n(.*?)```\n", re.S)
LINK = re.compile(r"\]\(([^)\s]+)\)")
PATH_IN_COMMENT = re.compile(r"[\w./-]+\.md\b")


def test_rule_language_example_is_exactly_what_init_writes():
    text = (ROOT / "docs" / "rule-language.md").read_text(encoding="utf-8")
    shown = dict(BLOCK.findall(text))
    assert shown == FILES


def _relative_links(path):
    text = path.read_text(encoding="utf-8")
    for target in LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # a URL or an anchor in the same page
        yield target.split("#", 1)[0]


def test_every_relative_markdown_link_resolves():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    broken = [f"{page.relative_to(ROOT)}: {target}" for page in pages for target in _relative_links(page)
              if not (page.parent / target).exists()]
    assert broken == []


def test_every_file_named_in_a_rule_file_comment_exists():
    broken = []
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            comment = line.partition("#")[2] if "#" in line else ""
            for target in PATH_IN_COMMENT.findall(comment):
                if not ((ROOT / target).exists() or (path.parent / target).exists()):
                    broken.append(f"{path.relative_to(ROOT)}: {target}")
    assert broken == []
    assert "docs/rule-language.md" in (ROOT / "rules" / "policy.yaml").read_text(encoding="utf-8")
