"""Whether the PostgreSQL tests can run here, and why not.

On CI (``CROSSCHECK_REQUIRE_PG=1``, which ``.ci/run`` sets, or ``CI=true``) a
PostgreSQL that cannot be reached fails the run instead of skipping its tests:
a green CI run always has PostgreSQL coverage.
"""

from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

import pytest


def pg_required() -> bool:
    """Whether this run must have PostgreSQL (CI)."""
    return os.environ.get("CROSSCHECK_REQUIRE_PG") == "1" or os.environ.get("CI", "").lower() == "true"


def pg_skip_reason(url: str | None) -> str | None:
    """Why the PostgreSQL tests cannot run here, or None when a server answers at ``url``.

    When PostgreSQL is required (:func:`pg_required`), its absence fails the test instead.
    """
    reason = _unreachable(url)
    if reason is not None and pg_required():
        pytest.fail(f"PostgreSQL is required on CI but unavailable: {reason}", pytrace=False)
    return reason


def _unreachable(url: str | None) -> str | None:
    if not url:
        return (
            "PostgreSQL tests skipped: set CROSSCHECK_TEST_PG_URL to a database they may use "
            "(e.g. postgresql://postgres@127.0.0.1:5432/test)"
        )
    parts = urlsplit(url)
    address = (parts.hostname or "127.0.0.1", parts.port or 5432)
    try:
        socket.create_connection(address, timeout=2).close()
    except OSError as exc:
        return f"PostgreSQL tests skipped: no server answers at {address[0]}:{address[1]} ({exc.strerror or exc})"
    return None
