"""PF707 (a derived fact no rule derives) names the rules that read it, which see it false:
one reader is told in the singular ("which sees it false"), several in the plural."""
from __future__ import annotations

import shutil
from pathlib import Path

from pathfit.engine.authoring.lint.run import lint

BASE = Path(__file__).parent / "lint_cases" / "base"


def _pf707(tmp: Path, readers: int) -> str:
    rules = tmp / "rules"
    shutil.copytree(BASE, rules)
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text(encoding="utf-8") + "  orphan:\n    description: never derived\n",
                      encoding="utf-8")
    text = "rules:\n" + "".join(
        f"  - id: orphan.r{i}\n    reason: Reads orphan.\n    cites: [focus]\n"
        f"    when: {{all: [{{fact: orphan, equals: true}}, {{fact: hours, gt: {i}}}]}}\n"
        f"    then: {{evidence: {{coaching: 1}}}}\n" for i in range(readers))
    (rules / "orphan.yaml").write_text(text, encoding="utf-8")
    found = [p.message for p in lint(rules).problems if p.code == "PF707"]
    assert len(found) == 1, found
    return found[0]


def test_one_rule_reading_a_fact_no_rule_derives_sees_it_false(tmp_path: Path) -> None:
    assert _pf707(tmp_path, 1).endswith("; read by orphan.r0, which sees it false")


def test_several_rules_reading_a_fact_no_rule_derives_see_it_false(tmp_path: Path) -> None:
    assert _pf707(tmp_path, 2).endswith("; read by orphan.r0, orphan.r1, which see it false")
