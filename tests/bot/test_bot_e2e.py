"""The whole bot: messages through dpytest, slash commands through the real CommandTree.

* Watched channels run through dpytest 0.7 (``discord.ext.test``): a fake
  gateway and HTTP client under the real ``commands.Bot``; the bot's own
  ``setup_hook`` opens a temporary SQLite store and the real engine.
* Slash commands run through the bot's real ``CommandTree`` with real
  ``discord.Interaction`` objects built from gateway payloads, so option
  parsing, checks and the central error handler all run. The HTTP calls
  discord.py makes to answer interactions are captured at the webhook
  adapter and asserted on as JSON.
* ``run`` and startup: the token check, sharding options, intents, command sync.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import discord
import discord.ext.test as dpytest
import pytest
from discord.webhook.async_ import AsyncWebhookAdapter
from pydantic import SecretStr

from bot.client import EXTENSIONS, NO_TOKEN, CrosscheckBot, intents, run, shard_options
from bot.engine.errors import InputError
from bot.engine.protocol import Actor
from bot.engine.types import SourceInfo
from bot.moderation import NOT_MODERATOR
from cogs._common import CheckRequest, check
from cogs.check._parsing import BOTH
from tests.helpers import BARRIER, BARRIER_CRITICS, NO_FIGURES, make_engine

pytestmark = pytest.mark.slow

EPHEMERAL = 64
#: a reporter: reads and writes, does not moderate
REPORTER = discord.Permissions(view_channel=True, send_messages=True, read_message_history=True,
                               embed_links=True, use_application_commands=True)
_ids = itertools.count(900_000_000_000_000_000)


@pytest.fixture
async def bot(settings, nlp):
    b = CrosscheckBot(settings, engine=make_engine(nlp), sync_commands=False)
    await b._async_setup_hook()
    # dpytest's fake members live only in the member cache, which discord.py keeps only with the
    # members intent; the bot itself does not ask for it (test_intents_are_the_three_needed)
    b._connection._intents.members = True
    b._connection.member_cache_flags = discord.MemberCacheFlags.from_intents(b._connection._intents)
    dpytest.configure(b, members=["field_reporter", "desk_editor"])
    await b.setup_hook()
    yield b
    await dpytest.empty_queue()
    await b.close_resources()


@pytest.fixture
def sent_payloads(bot, monkeypatch):
    """The JSON of every message the bot sends through its HTTP client (dpytest still delivers them)."""
    payloads: list[dict[str, Any]] = []
    real = bot.http.send_message

    async def send_message(channel_id: int, *, params):
        channel = sys._getframe(1).f_locals["channel"]  # noqa: F841 - dpytest reads its caller's locals
        payloads.append(params.payload)
        return await real(channel_id, params=params)

    monkeypatch.setattr(bot.http, "send_message", send_message)
    return payloads


async def watch(bot: CrosscheckBot, channel: discord.TextChannel) -> None:
    await bot.store.add_watch(str(channel.guild.id), channel.id, Actor("test desk", is_moderator=True))


# -- watched channels through dpytest ---------------------------------------------------------------


async def test_article_in_watched_channel_gets_a_verdict_reply_and_is_stored(bot, sent_payloads):
    config = dpytest.get_config()
    channel, member = config.channels[0], config.members[0]
    await watch(bot, channel)

    await dpytest.message(BARRIER, channel=channel, member=member)
    posted = [m for m in channel._state._messages if m.author == member][-1]
    reply = dpytest.get_message()
    [embed] = reply.embeds
    assert "**40 million euros**" in embed.description
    assert embed.footer.text.endswith("saved to the newsroom's claims")

    [payload] = sent_payloads
    assert payload["allowed_mentions"]["parse"] == []
    assert payload["allowed_mentions"]["replied_user"] is False
    assert payload["message_reference"]["message_id"] == posted.id

    ws = str(channel.guild.id)
    assert await bot.store.count_claims(ws) >= 2
    groups = await bot.checker.sources(ws, "barrier cost", vocab=bot.engine.vocab)
    info = next(iter(groups.values()))[0].source.info
    assert info.message_link == posted.jump_url
    assert info.poster_id == member.id

    # a later article in the same channel is checked against it
    await dpytest.message(BARRIER_CRITICS, channel=channel, member=member)
    later = dpytest.get_message().embeds[0]
    assert later.description.startswith("⚠️ **65 million euros**")
    assert "conflicts with" in later.description


async def test_short_chat_gets_no_reply(bot):
    channel = dpytest.get_config().channels[0]
    await watch(bot, channel)
    await dpytest.message("Anyone seen the 3 new figures from the council?", channel=channel)
    assert dpytest.verify().message().nothing()


async def test_long_message_without_figures_gets_no_reply_and_is_not_stored(bot):
    channel = dpytest.get_config().channels[0]
    await watch(bot, channel)
    await dpytest.message(NO_FIGURES, channel=channel)
    assert dpytest.verify().message().nothing()
    assert await bot.store.count_claims(str(channel.guild.id)) == 0


async def test_unwatched_channel_gets_no_reply(bot):
    channel = dpytest.get_config().channels[0]
    await dpytest.message(BARRIER, channel=channel)
    assert dpytest.verify().message().nothing()
    assert await bot.store.count_claims(str(channel.guild.id)) == 0


# -- slash commands through the real CommandTree ---------------------------------------------------------


@dataclass
class Sent:
    method: str
    path: str
    payload: dict[str, Any]


class FakeDiscordAPI:
    """Stands in for Discord's interaction endpoints; records the JSON discord.py sends."""

    def __init__(self, channel: discord.TextChannel, bot_user: discord.ClientUser) -> None:
        self.channel = channel
        self.bot_user = bot_user
        self.sent: list[Sent] = []
        #: the messages "Discord" answered with, as discord.py received them
        self.messages: list[dict[str, Any]] = []

    async def request(self, adapter: AsyncWebhookAdapter, route, session=None, *, payload=None,
                      multipart=None, files=None, params=None, **_: Any) -> Any:
        body = payload
        if body is None and multipart:
            body = json.loads(next(p["value"] for p in multipart if p["name"] == "payload_json"))
        path = urlsplit(route.url).path.split("/api/v10", 1)[-1]
        self.sent.append(Sent(route.method, path, body or {}))
        if path.startswith("/interactions/"):
            return {"interaction": {"id": str(route.webhook_id), "type": 2}}
        if route.method in ("POST", "PATCH") and path.startswith("/webhooks/"):
            self.messages.append(self.message(body or {}))
            return self.messages[-1]
        return None

    def message(self, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": str(next(_ids)), "channel_id": str(self.channel.id), "type": 0, "tts": False,
            "content": body.get("content") or "", "embeds": body.get("embeds") or [], "attachments": [],
            "mentions": [], "mention_roles": [], "mention_everyone": False, "pinned": False,
            "timestamp": "2026-03-05T12:00:00+00:00", "edited_timestamp": None, "flags": body.get("flags", 0),
            "components": body.get("components") or [],
            "author": {"id": str(self.bot_user.id), "username": self.bot_user.name, "discriminator": "0",
                       "avatar": None, "bot": True},
        }


@pytest.fixture
def api(bot, monkeypatch):
    channel = dpytest.get_config().channels[0]
    fake = FakeDiscordAPI(channel, bot.user)

    async def request(adapter, route, session=None, **kwargs):
        return await fake.request(adapter, route, session, **kwargs)

    monkeypatch.setattr(AsyncWebhookAdapter, "request", request)
    return fake


def base_payload(bot: CrosscheckBot, *, kind: int, data: dict[str, Any], permissions: discord.Permissions,
                 member: discord.Member | None = None, token: str = "interaction-token") -> dict[str, Any]:
    """An INTERACTION_CREATE payload as the gateway sends it (discord.py 2.7 needs every key here)."""
    config = dpytest.get_config()
    guild, channel = config.guilds[0], config.channels[0]
    member = member or config.members[0]
    return {
        "id": str(next(_ids)),
        "application_id": str(bot.user.id),
        "type": kind,
        "token": token,
        "version": 1,
        "guild_id": str(guild.id),
        "channel_id": str(channel.id),
        "channel": {"id": str(channel.id), "type": 0, "guild_id": str(guild.id), "name": channel.name,
                    "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None},
        "member": {
            "user": {"id": str(member.id), "username": member.name, "discriminator": "0", "avatar": None,
                     "global_name": None},
            "roles": [], "joined_at": "2026-01-01T00:00:00+00:00", "deaf": False, "mute": False,
            "flags": 0, "permissions": str(permissions.value),
        },
        "data": data,
        "locale": "en-GB",
        "guild_locale": "en-GB",
        "app_permissions": str(discord.Permissions.text().value),
        "entitlements": [],
        "authorizing_integration_owners": {"0": str(guild.id)},
        "context": 0,
        "attachment_size_limit": 10 * 1024 * 1024,
    }


def interaction_payload(bot: CrosscheckBot, name: str, options: list[dict[str, Any]], *,
                        permissions: discord.Permissions, subcommand: str | None = None) -> dict[str, Any]:
    """A slash command invocation."""
    if subcommand is not None:
        options = [{"type": 1, "name": subcommand, "options": options}]
    data = {"id": str(next(_ids)), "name": name, "type": 1, "options": options}
    return base_payload(bot, kind=2, data=data, permissions=permissions)


async def call_tree(bot: CrosscheckBot, payload: dict[str, Any]) -> discord.Interaction:
    interaction = discord.Interaction(data=payload, state=bot._connection)
    await bot.tree._call(interaction)
    return interaction


async def test_check_through_the_tree_defers_then_follows_up_without_pings(bot, api):
    payload = interaction_payload(bot, "check", [{"type": 3, "name": "text", "value": BARRIER}],
                                  permissions=REPORTER)
    await call_tree(bot, payload)

    defer, followup = api.sent
    assert defer.path == f"/interactions/{payload['id']}/interaction-token/callback"
    assert defer.payload["type"] == discord.InteractionResponseType.deferred_channel_message.value
    assert not defer.payload.get("data", {}).get("flags", 0) & EPHEMERAL
    assert followup.method == "POST"
    assert followup.path == f"/webhooks/{bot.user.id}/interaction-token"
    assert followup.payload["allowed_mentions"] == {"parse": []}
    assert not followup.payload.get("flags", 0) & EPHEMERAL
    [embed] = followup.payload["embeds"]
    assert "**40 million euros**" in embed["description"]
    assert embed["title"] == "Pasted article"
    # save defaults to false: nothing stored
    assert await bot.store.count_claims(payload["guild_id"]) == 0


async def test_check_option_errors_come_back_ephemeral_through_the_error_handler(bot, api):
    payload = interaction_payload(
        bot, "check",
        [{"type": 3, "name": "text", "value": "x"}, {"type": 3, "name": "url", "value": "https://a.example/"}],
        permissions=REPORTER,
    )
    await call_tree(bot, payload)
    [answer] = api.sent
    assert answer.payload["type"] == discord.InteractionResponseType.channel_message.value
    data = answer.payload["data"]
    assert data["content"] == BOTH
    assert data["flags"] & EPHEMERAL
    assert data["allowed_mentions"] == {"parse": []}


async def test_watch_is_refused_to_non_moderators(bot, api):
    payload = interaction_payload(bot, "watch", [], subcommand="list", permissions=REPORTER)
    await call_tree(bot, payload)
    [answer] = api.sent
    data = answer.payload["data"]
    assert data["content"] == NOT_MODERATOR
    assert data["flags"] & EPHEMERAL


async def test_watch_list_for_a_moderator(bot, api):
    channel = dpytest.get_config().channels[0]
    await watch(bot, channel)
    payload = interaction_payload(bot, "watch", [], subcommand="list",
                                  permissions=discord.Permissions(manage_messages=True))
    await call_tree(bot, payload)
    defer, answer = api.sent
    assert defer.payload["type"] == discord.InteractionResponseType.deferred_channel_message.value
    assert defer.payload["data"]["flags"] & EPHEMERAL
    assert answer.payload["content"].startswith(f"Watched channels:\n• <#{channel.id}>")
    assert answer.payload["flags"] & EPHEMERAL
    assert answer.payload["allowed_mentions"] == {"parse": []}


async def test_sources_through_the_tree(bot, api):
    channel = dpytest.get_config().channels[0]
    await watch(bot, channel)
    await dpytest.message(BARRIER, channel=channel)
    await dpytest.empty_queue()
    payload = interaction_payload(bot, "sources", [{"type": 3, "name": "query", "value": "barrier cost"}],
                                  permissions=REPORTER)
    await call_tree(bot, payload)
    defer, followup = api.sent
    assert defer.payload["type"] == discord.InteractionResponseType.deferred_channel_message.value
    [embed] = followup.payload["embeds"]
    assert embed["title"] == "Stored claims about “barrier cost”"
    assert "40 million euros" in embed["description"]
    assert followup.payload["allowed_mentions"] == {"parse": []}


async def test_check_claims_message_command_through_the_tree(bot, api):
    config = dpytest.get_config()
    channel, poster = config.channels[0], config.members[1]
    posted = await dpytest.message(BARRIER_CRITICS, channel=channel, member=poster)
    await dpytest.empty_queue()
    message_data = {
        "id": str(posted.id), "channel_id": str(channel.id), "type": 0, "content": posted.content,
        "author": {"id": str(poster.id), "username": poster.name, "discriminator": "0", "avatar": None},
        "embeds": [], "attachments": [], "mentions": [], "mention_roles": [], "mention_everyone": False,
        "pinned": False, "tts": False, "timestamp": "2026-03-05T12:00:00+00:00", "edited_timestamp": None,
    }
    data = {"id": str(next(_ids)), "name": "Check claims", "type": 3, "target_id": str(posted.id),
            "resolved": {"messages": {str(posted.id): message_data}}}
    await call_tree(bot, base_payload(bot, kind=2, data=data, permissions=REPORTER))

    defer, followup = api.sent
    assert defer.payload["type"] == discord.InteractionResponseType.deferred_channel_message.value
    assert defer.payload["data"]["flags"] & EPHEMERAL
    assert followup.payload["flags"] & EPHEMERAL
    assert followup.payload["allowed_mentions"] == {"parse": []}
    assert "**65 million euros**" in followup.payload["embeds"][0]["description"]
    assert await bot.store.count_claims(str(channel.guild.id)) == 0


async def wait_for(predicate, timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


async def test_page_buttons_answer_only_the_asker(bot, api):
    config = dpytest.get_config()
    channel, asker, stranger = config.channels[0], config.members[0], config.members[1]
    ws = str(channel.guild.id)
    for i in range(10):
        text = BARRIER.replace("40 million", f"{40 + i} million").replace("Monday", f"Monday, day {i}")
        source = SourceInfo(workspace=ws, guild_id=channel.guild.id, poster="maria", outlet=f"Outlet {i}")
        await check(bot, CheckRequest(text=text), source, save=True)

    await call_tree(bot, interaction_payload(bot, "sources", [{"type": 3, "name": "query", "value": "barrier workers"}],
                                             permissions=REPORTER))
    _, followup = api.sent
    assert "components" in followup.payload, followup.payload["embeds"][0]["description"]
    buttons = {c["label"]: c for row in followup.payload["components"] for c in row["components"]}
    assert buttons["Previous"]["disabled"] is True
    assert buttons["1/2"]["disabled"] is True
    first_page = followup.payload["embeds"][0]["description"]
    [message] = api.messages

    def press(member: discord.Member) -> None:
        data = {"custom_id": buttons["Next"]["custom_id"], "component_type": 2}
        payload = base_payload(bot, kind=3, data=data, permissions=REPORTER, member=member, token="press")
        payload["message"] = message
        bot._connection.parse_interaction_create(payload)

    press(stranger)
    await wait_for(lambda: len(api.sent) == 3)
    refusal = api.sent[2].payload
    assert refusal["type"] == discord.InteractionResponseType.channel_message.value
    assert refusal["data"]["flags"] & EPHEMERAL
    assert refusal["data"]["content"].startswith("Only the person who asked can turn these pages.")

    press(asker)
    await wait_for(lambda: len(api.sent) == 4)
    update = api.sent[3].payload
    assert update["type"] == discord.InteractionResponseType.message_update.value
    assert update["data"]["allowed_mentions"] == {"parse": []}
    second_page = update["data"]["embeds"][0]["description"]
    assert second_page != first_page
    assert update["data"]["embeds"][0]["footer"]["text"].endswith("page 2/2")


# -- startup --------------------------------------------------------------------------------------------------


async def test_run_without_a_token_says_how_to_set_it(settings):
    with pytest.raises(InputError) as caught:
        await run(settings)
    assert str(caught.value) == NO_TOKEN
    blank = settings.model_copy(update={"discord_token": SecretStr("   ")})
    with pytest.raises(InputError) as caught:
        await run(blank)
    assert str(caught.value) == NO_TOKEN


def test_intents_are_the_three_needed():
    i = intents()
    assert i.guilds
    assert i.guild_messages
    assert i.message_content
    assert not i.members
    assert not i.presences
    assert not i.dm_messages


def test_shard_options(settings):
    assert shard_options(settings) == {}
    assert shard_options(settings.model_copy(update={"shard_id": 1, "shard_count": 4})) == {
        "shard_id": 1, "shard_count": 4}
    with pytest.raises(InputError):
        shard_options(settings.model_copy(update={"shard_id": 1}))
    with pytest.raises(InputError):
        shard_options(settings.model_copy(update={"shard_id": 4, "shard_count": 4}))


async def test_bot_defaults_pass_shards_and_mention_nobody(settings):
    b = CrosscheckBot(settings.model_copy(update={"shard_id": 0, "shard_count": 2}), sync_commands=False)
    assert (b.shard_id, b.shard_count) == (0, 2)
    assert b.allowed_mentions.to_dict() == {"parse": []}
    with pytest.raises(RuntimeError):
        b.checker  # noqa: B018 - not open before setup_hook


async def test_setup_hook_loads_every_cog_and_syncs_to_the_dev_guild(settings, nlp, monkeypatch):
    b = CrosscheckBot(settings.model_copy(update={"dev_guild_id": 4242}), engine=make_engine(nlp))
    synced: list[Any] = []

    async def sync(*, guild=None):
        synced.append(guild)
        return []

    monkeypatch.setattr(b.tree, "sync", sync)
    await b._async_setup_hook()
    try:
        await b.setup_hook()
        assert set(b.extensions) == set(EXTENSIONS)
        assert [g.id for g in synced] == [4242]
        names = {c.name for c in b.tree.get_commands(guild=discord.Object(4242))}
        assert {"check", "sources", "watch", "Check claims"} <= names
    finally:
        await b.close()
    assert b._store is None
    assert b._worker is None


async def test_without_a_dev_guild_commands_sync_globally(settings, monkeypatch):
    b = CrosscheckBot(settings)
    synced: list[Any] = []

    async def sync(*, guild=None):
        synced.append(guild)
        return []

    monkeypatch.setattr(b.tree, "sync", sync)
    await b.sync_commands()
    assert synced == [None]
