"""`serve --token-file`: the secret is 16 to 4096 printable ASCII characters in a file no one else
may read or write (mode 600), else PF902 at the file before anything is served; at each bound the
token is taken whole, one past it refused, and the token taken is exactly the file's text with
the blank space around it left off.

Regression: the file was read only to its 4,097th character, so a 4,096-character token after a
blank line was taken cut short (the service then answered every caller holding the real token
401), and text after a 4,096-character token and a line break was never seen (a file holding
two lines served the first)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.cli.serve import read_token
from pathfit.engine import PathfitError


def _file(tmp_path, text: str, mode: int = 0o600):
    path = tmp_path / "token"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return str(path)


def _code(path: str) -> str | None:
    try:
        read_token(path)
    except PathfitError as err:
        assert [(p.pos.file, p.pos.line, p.pos.col) for p in err.problems] == [(path, 0, 0)]
        return err.codes[0]
    return None


@pytest.mark.parametrize("token", ["a" * 16, "!" * 16, "~" * 16, "x" * 4096, "Zz9-_.~+/=" * 409 + "abcdef"])
def test_a_token_at_either_bound_is_taken_whole(tmp_path, token):
    assert read_token(_file(tmp_path, token + "\n")) == token


@pytest.mark.parametrize("text", ["a" * 15, "x" * 4097, "x" * 20000, "a" * 8 + " " + "a" * 8, "a" * 16 + "\u00e9",
                                  "a" * 16 + "\x7f", "", "\n"])
def test_a_token_past_either_bound_or_not_printable_ascii_is_pf902(tmp_path, text):
    assert _code(_file(tmp_path, text)) == "PF902"


@pytest.mark.parametrize("mode", [0o640, 0o620, 0o604, 0o602, 0o644, 0o660])
def test_a_token_file_others_may_read_or_write_is_pf902(tmp_path, mode):
    assert _code(_file(tmp_path, "a" * 32, mode)) == "PF902"


@pytest.mark.parametrize("before", ["\n", "\n\n", "   ", "\t\n "])
def test_a_token_of_4096_characters_after_blank_space_is_taken_whole(tmp_path, before):
    token = "k" * 4095 + "Z"
    assert read_token(_file(tmp_path, before + token + "\n")) == token


def test_text_after_a_4096_character_token_and_a_line_break_is_not_left_unread(tmp_path):
    assert _code(_file(tmp_path, "k" * 4096 + "\nsecond-line-of-the-file\n")) == "PF902"


def test_serve_with_a_token_file_it_refuses_says_pf902_at_it_and_serves_nothing(tmp_path):
    import socket

    path = _file(tmp_path, "x" * 4097)
    with socket.socket() as taken:  # a port in use: were the token taken, PF910, never a server left running
        taken.bind(("0.0.0.0", 0))
        taken.listen(1)
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", port, "--token-file", path])
    assert result.exit_code == 2 and result.stderr.startswith(f"{path}:0:0: PF902: "), result.output
    assert "serving" not in result.output
