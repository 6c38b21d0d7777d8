"""The whole bot, unmodified, against a Discord stand-in on 127.0.0.1 (tests/discord_standin.py).

discord.py connects to the stand-in's gateway (hello, identify, ready, guild
create, heartbeats, dispatches, resume) and calls its REST routes; only the
base URLs differ from production. The bot opens its own SQLite store.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

import pytest

from bot.client import CrosscheckBot
from bot.engine.protocol import Actor
from tests.discord_standin import TOKEN, FakeDiscord, point_discord_py_at
from tests.helpers import BARRIER, BARRIER_CRITICS, make_engine

pytestmark = pytest.mark.slow

DESK = Actor("test desk", is_moderator=True)


@pytest.fixture(scope="module")
def engine(nlp):
    return make_engine(nlp)


@pytest.fixture
async def discord_api():
    fake = FakeDiscord(guilds=2, heartbeat_ms=250)
    await fake.start()
    with point_discord_py_at(fake):
        yield fake
    await fake.close()


@asynccontextmanager
async def running(settings, engine, fake: FakeDiscord) -> AsyncIterator[CrosscheckBot]:
    """The bot started as ``crosscheck run`` starts it (token, setup hook, gateway), stopped after."""
    bot = CrosscheckBot(settings, engine=engine)
    task = asyncio.create_task(bot.start(TOKEN))
    try:
        await asyncio.wait_for(bot.wait_until_ready(), 20)
        yield bot
    finally:
        await bot.close()
        await asyncio.wait_for(task, 20)


async def test_a_post_in_a_watched_channel_gets_its_reply(settings, engine, discord_api):
    fake = discord_api
    channel = fake.guilds[0].channels[0]
    async with running(settings, engine, fake) as bot:
        await bot.store.add_watch(str(fake.guilds[0].id), channel, DESK)
        posted = await fake.post(channel, BARRIER)
        await fake.wait_for(lambda: fake.replies_to(posted["id"]))
        [reply] = fake.replies_to(posted["id"])
        assert "**40 million euros**" in reply["embeds"][0]["description"]
        assert reply["allowed_mentions"]["parse"] == []
        assert fake.synced, "slash commands were synced with the stand-in"
