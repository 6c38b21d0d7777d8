"""What the store remembers for catch-up: a cursor per watched channel and each checked message.

Runs on SQLite, and on PostgreSQL when ``CROSSCHECK_TEST_PG_URL`` is set.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests.storage.test_store import store, store_url  # noqa: F401 - fixtures

WS = "guild-1"
CH = 987_654_321_098_765_432  # snowflake-sized ids
M1, M2, M3 = 1_300_000_000_000_000_001, 1_300_000_000_000_000_002, 1_300_000_000_000_000_003


async def test_a_cursor_starts_empty_and_never_moves_back(store):  # noqa: F811
    assert await store.channel_cursor(WS, CH) is None
    await store.advance_cursor(WS, CH, M2)
    assert await store.channel_cursor(WS, CH) == M2
    await store.advance_cursor(WS, CH, M1)
    assert await store.channel_cursor(WS, CH) == M2
    await store.advance_cursor(WS, CH, M3)
    assert await store.channel_cursor(WS, CH) == M3
    assert await store.channel_cursor("other", CH) is None


async def test_a_handled_message_is_remembered_with_its_reply_and_advances_the_cursor(store):  # noqa: F811
    assert await store.handled_message(WS, M1) is None
    await store.mark_handled(WS, CH, M1, edited_at=None, reply_id=M2)
    got = await store.handled_message(WS, M1)
    assert got is not None
    assert (got.channel_id, got.message_id, got.edited_at, got.reply_id) == (CH, M1, None, M2)
    assert got.handled_at.tzinfo is not None
    assert await store.channel_cursor(WS, CH) == M1


async def test_a_recheck_after_an_edit_keeps_the_reply_id(store):  # noqa: F811
    await store.mark_handled(WS, CH, M1, edited_at=None, reply_id=M2)
    edited = datetime(2026, 3, 5, 12, 0, tzinfo=timezone(timedelta(hours=1)))
    await store.mark_handled(WS, CH, M1, edited_at=edited, reply_id=None)
    got = await store.handled_message(WS, M1)
    assert got.edited_at == edited
    assert got.reply_id == M2
    assert await store.handled_message("other", M1) is None
