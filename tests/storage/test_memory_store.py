"""The in-memory store: how it is chosen, and that every write is all or nothing.

The protocol itself is tested on it with the SQL stores (``tests/storage/test_store.py``,
``test_store_desk.py``, ``test_story_store.py``, ``test_catchup_store.py``: their
``store`` fixture runs every test on SQLite, PostgreSQL and memory). Here: a
failure in the middle of a write, after part of it was made, leaves nothing of it.
"""

from __future__ import annotations

from datetime import date

import pytest

import storage
from bot.engine.errors import InputError, NotFound
from bot.engine.protocol import Actor
from bot.engine.stories import MemoryStories
from bot.engine.types import ClaimStatus
from storage.memory import MemoryClaimStore
from tests.store_fixtures import make_claim, make_source

FLOOD = "Rivers burst their banks in Arden overnight; 40 homes stand in water, the council said."
FIRE = "A blaze gutted the Bexley cotton mill on Tuesday and 3 workers were hurt, firefighters said."
MOD = Actor("Desk editor", user_id=42, is_moderator=True)
WS = "guild-1"


@pytest.fixture
async def store(settings):
    st = await storage.open_store("memory://", settings)
    yield st
    await st.close()


async def everything(st: MemoryClaimStore, workspace: str = WS) -> dict[str, object]:
    """What the store answers about a workspace, through the protocol."""
    sources = [await st.get_source(workspace, i) for i in range(1, 20) if await _has_source(st, workspace, i)]
    return {
        "claims": [sc async for sc in st.iter_claims(workspace)],
        "sources": sources,
        "stories": {s.id: await st.stories_of_source(workspace, s.id) for s in sources},
        "found": await st.find_stories(workspace, "Story"),
        "candidates": await st.candidates(workspace, measure="trapped", units=["people"], terms=["miner", "pump"]),
        "audit": await st.audit_entries(workspace, limit=1000),
        "workspaces": await st.workspaces(),
    }


async def _has_source(st: MemoryClaimStore, workspace: str, source_id: int) -> bool:
    try:
        await st.get_source(workspace, source_id)
    except NotFound:
        return False
    return True


# -- choosing it ---------------------------------------------------------------------------------


async def test_memory_urls_open_an_empty_store_each(settings):
    tuned = settings.model_copy(update={"store_postings_cap": 7, "store_lead_depth": 3})
    first = await storage.open_store("memory://", tuned)
    second = await storage.open_store("MEMORY://", tuned)
    assert isinstance(first, MemoryClaimStore)
    assert (first.postings_cap, first.lead_depth) == (7, 3)
    await first.add_article(make_source(), [make_claim()])
    assert await first.count_claims(WS) == 1
    assert await second.count_claims(WS) == 0
    await first.close()
    await second.close()


async def test_migrate_store_refuses_memory_in_one_sentence(settings, tmp_path):
    with pytest.raises(InputError, match=r"^The in-memory store \(memory://\) has no tables to copy"):
        await storage.open_sql_store("memory://", settings)
    from storage.copy import migrate_store

    with pytest.raises(InputError, match="memory://"):
        await migrate_store("memory://", str(tmp_path / "to.db"), settings)


# -- all or nothing ---------------------------------------------------------------------------------


async def test_an_article_whose_story_link_fails_is_not_stored_at_all(store, monkeypatch):
    kept = await store.add_article(make_source(title="Story of the pump"), [make_claim(("pump",))])
    before = await everything(store)

    def broken_add(self, *args, **kwargs):
        raise RuntimeError("the story index failed")

    # the source and its claims are in the write's state by then; the story link fails
    monkeypatch.setattr(MemoryStories, "add", broken_add)
    info = make_source(title="Story of the miners", published=date(2025, 5, 10))
    with pytest.raises(RuntimeError, match="story index failed"):
        await store.add_article(info, [make_claim(("miner",)), make_claim(("pump",))])
    assert await everything(store) == before
    assert await store.find_source(WS, text_hash=info.text_hash) is None
    monkeypatch.undo()

    stored = await store.add_article(info, [make_claim(("miner",))])  # the same article, once fixed
    assert stored.created
    assert stored.source.id == kept.source.id + 1  # the failed write took no id
    assert [sc.id for sc in stored.claims] == [kept.claims[0].id + 1]
    assert stored.stories
    assert stored.source.id in stored.stories[0].source_ids


async def test_a_story_curation_that_fails_midway_changes_nothing(store, monkeypatch):
    a = await store.add_article(make_source(title="Flood in Arden"), [make_claim(("miner",), sentence=FLOOD)])
    b = await store.add_article(make_source(title="Fire at Bexley mill"), [make_claim(("pump",), sentence=FIRE)])
    assert a.stories[0].id != b.stories[0].id
    before = await everything(store)
    calls = []

    def rebuild_then_fail(ws, sid):
        calls.append(sid)
        real(ws, sid)
        if len(calls) == 2:  # the first story is rebuilt, the article already moved
            raise RuntimeError("out of memory")

    real = storage.memory._rebuild_story
    monkeypatch.setattr(storage.memory, "_rebuild_story", rebuild_then_fail)
    with pytest.raises(RuntimeError, match="out of memory"):
        await store.move_article(WS, b.source.id, a.stories[0].id, MOD, "one event")
    assert len(calls) == 2
    assert await everything(store) == before
    assert (await store.get_story(WS, a.stories[0].id)).n_articles == 1


async def test_every_kind_of_write_is_undone_when_its_audit_entry_fails(store, monkeypatch):
    sc = (await store.add_article(make_source(), [make_claim(("miner",))])).claims[0]
    await store.add_watch(WS, 5, MOD)
    before = await everything(store)

    def broken(*args, **kwargs):
        raise RuntimeError("the audit log is full")

    monkeypatch.setattr(storage.memory, "audit", broken)
    for attempt in (
        store.add_watch(WS, 6, MOD),
        store.remove_watch(WS, 5, MOD),
        store.set_status(WS, sc.id, ClaimStatus.CONFIRMED, MOD, "ok"),
        store.delete_claim(WS, sc.id, MOD, "noise"),
        store.split_story(WS, 1, [1], MOD, "x"),  # refused before any audit: nothing to undo either
    ):
        with pytest.raises((RuntimeError, InputError)):
            await attempt
    assert await everything(store) == before
    assert [w.channel_id for w in await store.list_watches(WS)] == [5]


async def test_a_failed_write_in_one_workspace_leaves_the_others_alone(store):
    here = await store.add_article(make_source(WS), [make_claim()])
    there = await store.add_article(make_source("guild-2"), [make_claim()])
    with pytest.raises(ValueError, match="refused a claim"):
        await store.add_article(make_source("guild-2"), [make_claim(), make_claim(low=5, high=2)])
    assert [sc.id async for sc in store.iter_claims(WS)] == [here.claims[0].id]
    assert [sc.id async for sc in store.iter_claims("guild-2")] == [there.claims[0].id]
