"""Tests of storage/: the claim store protocol on every backend (SQLite, PostgreSQL, memory), migrations and copies."""
