"""Regression: Ctrl-C that came while the interview wrote its last prompt ("Save these answers as
a profile?"), once the prompt was written apart from the read of its answer, went past the
prompt's handling: "pathfit: interrupted", exit status 130, though the advice had been shown,
where Ctrl-C at that prompt declines the save (exit status 0). It declines the save again,
whether it comes as the prompt is written or as its answer is awaited."""
from __future__ import annotations

import io

from click.testing import CliRunner

from pathfit.cli import interview, interview_answers
from pathfit.cli.main import cli

from .helpers import tiny_copy


def test_ctrl_c_as_the_save_prompt_is_written_declines_the_save(tmp_path, monkeypatch) -> None:
    def interrupted(text: str) -> int:
        raise KeyboardInterrupt

    stdout = type("O", (), {"write": staticmethod(interrupted), "flush": staticmethod(lambda: None)})()
    terminal = type("S", (), {"stdin": type("I", (), {"isatty": staticmethod(lambda: True),
                                                     "readline": staticmethod(lambda: "")})(),
                              "stdout": stdout, "stderr": io.StringIO()})()  # the streams the prompt is written to
    monkeypatch.setattr(interview, "sys", terminal)
    monkeypatch.setattr(interview_answers, "sys", terminal)
    (tmp_path / "partial.yaml").write_text("ready: true\n")
    result = CliRunner().invoke(cli, ["interview", "--rules", str(tiny_copy(tmp_path)), "--profile",
                                      str(tmp_path / "partial.yaml")])
    assert result.exit_code == 0, (result.exception, result.stderr)
    assert "The answers were not saved." in result.stderr, result.stderr
