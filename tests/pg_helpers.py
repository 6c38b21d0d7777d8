"""Whether the PostgreSQL tests can run here, and why not."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit


def pg_skip_reason(url: str | None) -> str | None:
    """Why the PostgreSQL tests cannot run here, or None when a server answers at ``url``."""
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
