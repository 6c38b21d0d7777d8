"""The whole bot, unmodified, against a Discord stand-in on 127.0.0.1 (tests/discord_standin.py).

discord.py connects to the stand-in's gateway (hello, identify, ready, guild
create, heartbeats, dispatches, resume) and calls its REST routes; only the
base URLs differ from production. The bot opens its own SQLite store (or the
PostgreSQL test database when ``CROSSCHECK_TEST_PG_URL`` is set).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from bot.client import CrosscheckBot
from bot.engine.protocol import Actor
from tests.discord_standin import TOKEN, FakeDiscord, point_discord_py_at
from tests.helpers import BARRIER, BARRIER_CRITICS, make_engine
from tests.pg_helpers import pg_skip_reason

pytestmark = pytest.mark.slow

DESK = Actor("test desk", is_moderator=True)
EPHEMERAL = 64
#: read at import: the clean_env fixture removes every CROSSCHECK_ variable
PG_URL = os.environ.get("CROSSCHECK_TEST_PG_URL")


def short_article(n: int) -> str:
    """A short article with its own figure (and text), for bursts."""
    return (f"Floods in Aldmoor: {n + 2} people were evacuated from the riverside district {n} "
            f"on Monday after the Wend burst its banks, the county council said.")


@pytest.fixture(scope="module")
def engine(nlp):
    return make_engine(nlp)


@pytest.fixture
def settings(settings):
    """Short posts count as articles here (the tests stay fast)."""
    return settings.model_copy(update={"min_article_chars": 60})


@pytest.fixture(params=["sqlite", "postgres"])
async def bot_settings(request, settings):
    """The bot's settings, on each backend (PostgreSQL: a scratch database when the server answers)."""
    if request.param == "sqlite":
        yield settings
        return
    url = PG_URL
    reason = pg_skip_reason(url)
    if reason:
        pytest.skip(reason)
    from storage.postgres import scratch_database

    async with scratch_database(url) as scratch:
        yield settings.model_copy(update={"db": scratch})


@pytest.fixture
async def discord_api():
    fake = FakeDiscord(guilds=3, heartbeat_ms=250)
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
        await caught_up(bot, 1)
        yield bot
    finally:
        await bot.close()
        await asyncio.wait_for(task, 20)


async def caught_up(bot: CrosscheckBot, runs: int) -> None:
    """Wait until the watch cog has finished ``runs`` catch-ups and its queue is empty."""
    watch = bot.get_cog("Watch")
    for _ in range(1000):
        if watch.catchups >= runs and not watch._catchup_running:
            break
        await asyncio.sleep(0.02)
    else:
        raise AssertionError(f"catch-up did not finish (runs: {watch.catchups})")
    await asyncio.wait_for(watch.queue.join(), 60)


async def test_a_post_in_a_watched_channel_gets_its_reply(bot_settings, engine, discord_api):
    fake = discord_api
    channel = fake.guilds[0].channels[0]
    async with running(bot_settings, engine, fake) as bot:
        await bot.store.add_watch(str(fake.guilds[0].id), channel, DESK)
        posted = await fake.post(channel, BARRIER)
        await fake.wait_for(lambda: fake.replies_to(posted["id"]))
        [reply] = fake.replies_to(posted["id"])
        assert "**40 million euros**" in reply["embeds"][0]["description"]
        assert reply["allowed_mentions"]["parse"] == []
        assert fake.synced, "slash commands were synced with the stand-in"
        assert await bot.store.count_claims(str(fake.guilds[0].id)) >= 2


async def test_posts_made_while_the_bot_was_stopped_are_caught_up_after_a_restart(bot_settings, engine,
                                                                                   discord_api):
    fake = discord_api
    guild, channel = fake.guilds[0], fake.guilds[0].channels[0]
    async with running(bot_settings, engine, fake) as bot:
        await bot.store.add_watch(str(guild.id), channel, DESK)
        first = await fake.post(channel, BARRIER)
        await fake.wait_for(lambda: fake.replies_to(first["id"]))
    # the bot is down: these are in the channel's history only
    missed = [await fake.post(channel, BARRIER_CRITICS),
              await fake.post(channel, "lunch anyone?"),
              await fake.post(channel, short_article(1))]
    async with running(bot_settings, engine, fake) as bot:
        for m in (missed[0], missed[2]):
            assert len(fake.replies_to(m["id"])) == 1
        assert fake.replies_to(missed[1]["id"]) == []
        later = fake.replies_to(missed[0]["id"])[0]["embeds"][0]["description"]
        assert "65 million euros" in later
        assert len(fake.replies_to(first["id"])) == 1
    # a third start reads the history again and answers nothing twice
    replies = len(fake.bot_messages)
    async with running(bot_settings, engine, fake):
        pass
    assert len(fake.bot_messages) == replies


async def test_old_posts_found_by_catch_up_are_stored_without_a_reply(settings, engine, discord_api):
    fake = discord_api
    guild, channel = fake.guilds[1], fake.guilds[1].channels[0]
    quiet = settings.model_copy(update={"catchup_reply_hours": 0.0})
    async with running(quiet, engine, fake) as bot:
        await bot.store.add_watch(str(guild.id), channel, DESK)
    missed = await fake.post(channel, BARRIER)
    async with running(quiet, engine, fake) as bot:
        assert fake.replies_to(missed["id"]) == []
        assert await bot.store.count_claims(str(guild.id)) >= 2
        assert await bot.store.channel_cursor(str(guild.id), channel) == int(missed["id"])


async def test_a_dropped_connection_resumes_and_nothing_is_lost(bot_settings, engine, discord_api):
    fake = discord_api
    guild, channel = fake.guilds[0], fake.guilds[0].channels[1]
    async with running(bot_settings, engine, fake) as bot:
        await bot.store.add_watch(str(guild.id), channel, DESK)
        await fake.drop()
        during = await fake.post(channel, BARRIER)  # dispatched to the session while nobody listens
        await fake.wait_online()
        await fake.wait_for(lambda: fake.replies_to(during["id"]))
        await caught_up(bot, 2)  # the resume's catch-up reads the same post in the history
        assert fake.resumes == 1
        assert fake.identifies == 1
        assert fake.replayed >= 1
        # Discord asks for a reconnect (op 7): the bot resumes again
        await fake.send_reconnect()
        after = await fake.post(channel, BARRIER_CRITICS)
        await fake.wait_online()
        await fake.wait_for(lambda: fake.replies_to(after["id"]))
        await caught_up(bot, 3)
        assert fake.resumes == 2
        assert len(fake.replies_to(during["id"])) == 1
        assert len(fake.replies_to(after["id"])) == 1


async def test_an_invalidated_session_reconnects_and_catch_up_finds_the_lost_event(settings, engine,
                                                                                   discord_api):
    fake = discord_api
    guild, channel = fake.guilds[2], fake.guilds[2].channels[0]
    async with running(settings, engine, fake) as bot:
        await bot.store.add_watch(str(guild.id), channel, DESK)
        fake.sessions.clear()  # Discord forgot the session: the resume is refused (op 9)
        fake.session = None
        await fake.drop()
        lost = await fake.post(channel, BARRIER)  # no session: the event is gone
        await fake.wait_for(lambda: fake.identifies == 2)
        await fake.wait_for(lambda: fake.replies_to(lost["id"]))
        await caught_up(bot, 2)
        assert len(fake.replies_to(lost["id"])) == 1


async def test_an_edit_after_the_check_is_checked_again_and_the_reply_edited(settings, engine, discord_api):
    fake = discord_api
    guild, channel = fake.guilds[0], fake.guilds[0].channels[0]
    async with running(settings, engine, fake) as bot:
        await bot.store.add_watch(str(guild.id), channel, DESK)
        posted = await fake.post(channel, BARRIER)
        await fake.wait_for(lambda: fake.replies_to(posted["id"]))
        [reply] = fake.replies_to(posted["id"])
        await fake.edit(channel, int(posted["id"]), BARRIER.replace("40 million", "45 million"))
        await fake.wait_for(lambda: fake.edits)
        [edit] = fake.edits
        assert edit["message_id"] == reply["id"]
        assert "45 million euros" in edit["embeds"][0]["description"]
        assert len(fake.replies_to(posted["id"])) == 1
        await bot.get_cog("Watch").queue.join()  # the recheck is recorded after its reply is edited
        handled = await bot.store.handled_message(str(guild.id), int(posted["id"]))
        assert handled.edited_at is not None
        assert handled.reply_id == int(reply["id"])


async def test_a_slash_command_round_trip_then_the_watched_post_is_answered(settings, engine, discord_api):
    fake = discord_api
    guild, channel = fake.guilds[1], fake.guilds[1].channels[1]
    async with running(settings, engine, fake) as bot:
        option = {"type": 7, "name": "channel", "value": str(channel)}
        resolved = {"channels": {str(channel): {**fake.channel_payload(channel), "permissions": str((1 << 31) - 1)}}}
        await fake.interact("watch", [{"type": 1, "name": "add", "options": [option]}], member=fake.editor,
                            channel_id=channel, resolved=resolved)
        await fake.wait_for(lambda: fake.followups)
        [defer] = fake.callbacks
        assert defer["type"] == 5
        assert defer["data"]["flags"] & EPHEMERAL
        [answer] = fake.followups
        assert answer["content"].startswith(f"Watching <#{channel}>")
        assert answer["allowed_mentions"] == {"parse": []}
        assert [w.channel_id for w in await bot.store.list_watches(str(guild.id))] == [channel]

        posted = await fake.post(channel, BARRIER)
        await fake.wait_for(lambda: fake.replies_to(posted["id"]))

        # a reporter may not change the watched channels: refused, privately
        await fake.interact("watch", [{"type": 1, "name": "list", "options": []}], member=fake.reporter,
                            channel_id=channel)
        await fake.wait_for(lambda: len(fake.callbacks) == 2)
        refusal = fake.callbacks[1]
        assert refusal["type"] == 4
        assert refusal["data"]["flags"] & EPHEMERAL


async def test_a_burst_of_500_articles_across_guilds_is_answered_fairly_and_heartbeats_flow(
        settings, engine, discord_api):
    fake = discord_api
    async with running(settings, engine, fake) as bot:
        for g in fake.guilds:
            await bot.store.add_watch(str(g.id), g.channels[0], DESK)
        big, *small = fake.guilds
        posted = [await fake.post(big.channels[0], short_article(n)) for n in range(440)]
        posted += [await fake.post(g.channels[0], short_article(1000 + n)) for n in range(30) for g in small]
        beats_before = len(fake.heartbeat_gaps)
        ids = [p["id"] for p in posted]
        await fake.wait_for(lambda: all(i in fake.replies for i in ids), timeout=300)
        order = [m["message_reference"]["message_id"] for m in fake.bot_messages]
        small_ids = {p["id"] for p in posted if int(p["guild_id"]) != big.id}
        last_small = max(i for i, mid in enumerate(order) if mid in small_ids)
        assert last_small < 200, f"the small guilds waited behind the big one (last answered {last_small})"
        assert all(len(fake.replies_to(p["id"])) == 1 for p in posted)
        for g in fake.guilds:
            handled = [await bot.store.handled_message(str(g.id), int(p["id"])) for p in posted
                       if int(p["guild_id"]) == g.id]
            assert all(h is not None for h in handled)
        gaps = fake.heartbeat_gaps[beats_before:]
        assert gaps, "no heartbeats"
        assert max(gaps) < 2.0, f"heartbeats stalled: longest gap {max(gaps):.2f} s"


async def test_an_article_over_the_time_limit_gets_a_sentence_and_the_bot_serves_the_next(settings, engine,
                                                                                          discord_api):
    fake = discord_api
    guild, channel = fake.guilds[0], fake.guilds[0].channels[0]
    async with running(settings, engine, fake) as bot:
        await bot.store.add_watch(str(guild.id), channel, DESK)
        limit = bot.worker.time_limit
        bot.worker.time_limit = bot.worker.engine.time_limit = 1e-9  # every article is over it
        try:
            slow = await fake.post(channel, BARRIER)
            await fake.wait_for(lambda: fake.replies_to(slow["id"]))
        finally:
            bot.worker.time_limit = bot.worker.engine.time_limit = limit
        [refusal] = fake.replies_to(slow["id"])
        assert "took longer than" in refusal["content"]
        assert refusal["allowed_mentions"]["parse"] == []
        after = await fake.post(channel, BARRIER_CRITICS)
        await fake.wait_for(lambda: fake.replies_to(after["id"]))
        assert "65 million euros" in fake.replies_to(after["id"])[0]["embeds"][0]["description"]


async def test_catch_up_reads_long_histories_within_the_rate_limit(settings, engine):
    fake = FakeDiscord(guilds=1, heartbeat_ms=250, history_per_second=2)  # Discord answers 429 beyond it
    await fake.start()
    try:
        with point_discord_py_at(fake):
            guild, channel = fake.guilds[0], fake.guilds[0].channels[0]
            async with running(settings, engine, fake) as bot:
                await bot.store.add_watch(str(guild.id), channel, DESK)
            chat = [await fake.post(channel, f"chat line {n}") for n in range(260)]
            articles = [await fake.post(channel, short_article(n)) for n in range(3)]
            async with running(settings, engine, fake) as bot:
                assert all(len(fake.replies_to(a["id"])) == 1 for a in articles)
                assert not any(fake.replies_to(c["id"]) for c in chat)
                assert await bot.store.channel_cursor(str(guild.id), channel) == int(articles[-1]["id"])
            assert fake.history_reads >= 3
            assert fake.rate_limited >= 1
    finally:
        await fake.close()


async def test_a_post_edited_while_the_bot_was_stopped_is_checked_again_after_a_restart(settings, engine,
                                                                                        discord_api):
    fake = discord_api
    guild, channel = fake.guilds[0], fake.guilds[0].channels[0]
    async with running(settings, engine, fake) as bot:
        await bot.store.add_watch(str(guild.id), channel, DESK)
        posted = await fake.post(channel, BARRIER)
        await fake.wait_for(lambda: fake.replies_to(posted["id"]))
    [reply] = fake.replies_to(posted["id"])
    await fake.edit(channel, int(posted["id"]), BARRIER.replace("40 million", "47 million"))  # nobody listens
    async with running(settings, engine, fake):
        [edit] = fake.edits
        assert edit["message_id"] == reply["id"]
        assert "47 million euros" in edit["embeds"][0]["description"]
        assert len(fake.replies_to(posted["id"])) == 1


async def test_catch_up_gets_past_more_chat_than_one_catch_up_reads(settings, engine, discord_api):
    fake = discord_api
    guild, channel = fake.guilds[1], fake.guilds[1].channels[1]
    small = settings.model_copy(update={"catchup_max_messages": 50})
    async with running(small, engine, fake) as bot:
        await bot.store.add_watch(str(guild.id), channel, DESK)
    for n in range(120):
        await fake.post(channel, f"chat line {n}")
    article = await fake.post(channel, BARRIER)
    for _ in range(3):  # 50 messages a start: the third reaches the article
        async with running(small, engine, fake):
            pass
    assert len(fake.replies_to(article["id"])) == 1
