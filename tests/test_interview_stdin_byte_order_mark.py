"""Answers piped in from a file saved on Windows (a UTF-8 byte order mark, CRLF line ends) are
the same answers as the plain file's. Regression: the mark stuck to the first answer, which
was refused and asked again, so every later answer went to the question after the one it was
written for: a person's "no, yes" became "yes" to the first question, saved and decided on."""
from __future__ import annotations

import subprocess
import sys

import yaml

# the bundled rules' first questions are yes/no ones: a wellbeing concern, then a formal
# performance process, then an organisational cause
ANSWERS = ["no", "yes", "no"]


def _interview(tmp_path, data: bytes, name: str) -> tuple[subprocess.CompletedProcess, dict]:
    saved = tmp_path / name
    done = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "interview", "--save", str(saved)],
                          input=data, capture_output=True, cwd=tmp_path)
    return done, yaml.safe_load(saved.read_text(encoding="utf-8"))


def test_answers_from_a_file_with_a_byte_order_mark_go_to_the_questions_they_answer(tmp_path):
    plain, expected = _interview(tmp_path, "".join(a + "\n" for a in ANSWERS).encode(), "plain.yaml")
    marked, got = _interview(tmp_path, b"\xef\xbb\xbf" + "".join(a + "\r\n" for a in ANSWERS).encode(), "bom.yaml")
    assert plain.returncode == marked.returncode == 0, marked.stderr
    assert expected["wellbeing_concern"] is False and expected["formal_performance_process"] is True
    assert got == expected
    assert b"Answer yes or no" not in marked.stdout
