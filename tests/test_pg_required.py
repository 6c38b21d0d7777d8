"""On CI a PostgreSQL that cannot be reached fails the run; elsewhere its tests skip, saying why."""

from __future__ import annotations

import pytest

from tests.pg_helpers import pg_required, pg_skip_reason

NOWHERE = "postgresql://postgres@127.0.0.1:1/test"  # port 1: nothing listens there


def test_without_ci_an_absent_server_is_a_skip_reason(monkeypatch):
    monkeypatch.delenv("CROSSCHECK_REQUIRE_PG", raising=False)
    monkeypatch.delenv("CI", raising=False)
    assert not pg_required()
    assert "no server answers at 127.0.0.1:1" in (pg_skip_reason(NOWHERE) or "")
    assert "set CROSSCHECK_TEST_PG_URL" in (pg_skip_reason(None) or "")


@pytest.mark.parametrize("env", [{"CROSSCHECK_REQUIRE_PG": "1"}, {"CI": "true"}])
def test_on_ci_an_absent_server_fails(monkeypatch, env):
    monkeypatch.delenv("CROSSCHECK_REQUIRE_PG", raising=False)
    monkeypatch.delenv("CI", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert pg_required()
    with pytest.raises(pytest.fail.Exception, match="required on CI"):
        pg_skip_reason(NOWHERE)
    with pytest.raises(pytest.fail.Exception, match="required on CI"):
        pg_skip_reason(None)
