"""Regression: a negative number too large for a float (`-1e400`, a whole number of 5,000 nines
with a minus) was refused saying "it would be read as infinity": it would be read as minus
infinity, which is what the message now says; a positive one is said as before. Every way in
says it alike: `--fact`, a YAML or JSON profile, and the web service's JSON body."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .serve_support import call
from .serve_support import server  # the module-scoped plain service the serve tests share

SAID = "hours_per_month is a number from 0 to 160, not '{}': too large for the numbers pathfit compares, " \
       "it would be read as {}infinity"


@pytest.mark.parametrize(("written", "sign"), [("-1e400", "-"), ("-2E+309", "-"), ("1e400", ""), ("+1e400", "")])
def test_each_way_in_says_which_infinity(tmp_path, server, written, sign):
    expected = SAID.format(written, sign)
    said = [CliRunner().invoke(cli, ["recommend", "--fact", f"hours_per_month={written}"]).stderr]
    for name, text in (("p.yaml", f"hours_per_month: {written}\n"), ("p.json", f'{{"hours_per_month": {written}}}\n')):
        (tmp_path / name).write_text(text)
        said.append(CliRunner().invoke(cli, ["recommend", "--profile", str(tmp_path / name)]).stderr)
    if not written.startswith("+"):  # JSON has no plus sign
        reply = call(server, "POST", "/v1/decisions", raw=f'{{"facts": {{"hours_per_month": {written}}}}}'.encode(),
                     headers={"Content-Type": "application/json"})
        assert reply.status == 422, reply.body
        said.append(f": PF402: {reply.json['errors'][0]['message']}\n")
    else:
        said.pop()  # nor a JSON profile
    for text in said:
        assert text.endswith(f": PF402: {expected}\n"), (text, expected)
