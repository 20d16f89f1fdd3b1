"""After `pathfit init .`, a plain `pathfit lint` there linted the bundled rules and said
`0 errors, 0 warnings` without a word of which rules: an author whose own rules were broken
read them as clean. `pathfit test` already said so; lint now says it too, on stderr, with the
`--rules .` that lints the folder (which, as ever, is not read unasked)."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli

NOTE = "rules: the rules bundled with pathfit; the rule set in this folder (./schema.yaml) is read only when named"


def _run(*args: str):
    return CliRunner(env={"PATHFIT_RULES": None, "NO_COLOR": "1"}).invoke(cli, list(args))


def test_lint_in_a_folder_init_made_says_the_bundled_rules_were_linted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _run("init", ".").exit_code == 0
    (tmp_path / "rules.yaml").write_text("rules: [\n")  # the folder's own rules are broken
    for fmt in ("text", "json"):
        done = _run("lint", "--format", fmt)
        assert done.exit_code == 0
        assert done.stderr.splitlines()[0] == NOTE + ": give --rules . to lint it"
    own = _run("lint", "--rules", ".")
    assert own.exit_code == 1 and own.stdout.split(": ")[1] == "PF102" and NOTE not in own.stderr
    assert _run("lint", ".").exit_code == 1
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert _run("lint").stderr == "0 errors, 0 warnings\n"  # no rule set here: nothing to say
