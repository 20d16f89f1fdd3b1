"""Regression: `/v1/explain` took a `why_not` written as a number a float or an int does not hold
(`1e400`, a whole number of 5,000 digits, kept as the text it was written in so that a fact's
check can quote it) for the name of an outcome: PF613 "the policy gives no outcome '1e400'", the
whole number quoted, where `"why_not": 5` is PF905 "why_not is the name of an outcome". Any number
is now refused alike, as the key's wrong type."""
from __future__ import annotations

import pytest

from pathfit.engine import Engine
from pathfit.engine.service.core import Service
from pathfit.engine.service.request import ServiceError, parse_json_body

from .helpers import HERE


@pytest.mark.parametrize("number", [b"5", b"1e400", b"1.00000000000000000001", b"9" * 5000])
def test_a_number_for_why_not_is_the_wrong_type_however_written(monkeypatch, number):
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    with Engine.load(HERE / "fixtures" / "tiny") as engine, pytest.raises(ServiceError) as refused:
        Service(engine).explain(parse_json_body(b'{"facts": {}, "why_not": ' + number + b"}"))
    assert refused.value.status == 422
    assert [(p.code, p.message, p.pos.file) for p in refused.value.problems] == [
        ("PF905", "why_not is the name of an outcome", "why_not")]
