"""`pathfit docs --kb-link "https://x/kb.html#top"` (a page's address copied with the part
after `#`) wrote every citation as `https://x/kb.html#top#refer-counselling`: a link with two
fragments, which leads to no section. A link's own fragment is now replaced by the section's."""
from __future__ import annotations

import re

from click.testing import CliRunner

from pathfit.cli.main import cli


def _targets(link: str) -> list[str]:
    result = CliRunner().invoke(cli, ["docs", "--kb-link", link])
    assert result.exit_code == 0, result.output
    return re.findall(r"\]\((https://x/kb\.html[^)]*)\)", result.stdout)


def test_a_links_fragment_is_replaced_by_the_sections():
    targets = _targets("https://x/kb.html#top")
    assert targets and all(t.count("#") == 1 and "#top" not in t for t in targets)
    assert targets == _targets("https://x/kb.html")


def test_a_bare_hash_links_as_no_fragment():
    assert _targets("https://x/kb.html#") == _targets("https://x/kb.html")
