"""The cogs without Discord: command callbacks called with spec_set mocks.

Each test runs the real thing behind the mocks: a real ``CrosscheckBot``
whose resources are open (a temporary SQLite store, the real engine around
the session's spaCy pipeline, the NLP worker, the checker, the fetcher and
the rate limiter). Links are served by an aiohttp server on 127.0.0.1.
The store is the in-memory one: these tests are about the cogs, and the
store's protocol is tested on every backend in ``tests/storage/test_store*.py``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re

import discord
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from discord import app_commands

from bot.client import CrosscheckBot
from bot.engine.errors import FetchError, InputError, NotFound
from bot.engine.protocol import Actor
from bot.engine.types import Verdict
from bot.errorhandler import RateLimited, report_error
from bot.render.limits import limit_violations
from bot.render.reports import COLOURS
from bot.ui.pagination import Paginator
from cogs._common import CheckRequest
from cogs.check._cog import NO_CLAIMS, Check
from cogs.check._parsing import BOTH, NEITHER, request_from_any_message, request_from_options
from cogs.sources._cog import Sources
from cogs.watch._cog import Watch
from cogs.watch._parsing import request_from_message
from tests.helpers import (
    BARRIER,
    BARRIER_CRITICS,
    NO_FIGURES,
    MockGuild,
    MockInteraction,
    MockMember,
    MockMessage,
    MockTextChannel,
    MockThread,
    all_sends,
    make_engine,
    text_of,
)

pytestmark = pytest.mark.slow

MODERATOR = discord.Permissions(manage_messages=True)
NO_PINGS = {"parse": []}


def article_page(title: str, text: str) -> str:
    paragraphs = "\n".join(f"<p>{p}.</p>" for p in text.split(". ") if p)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Valley Courier</title>
<meta property="og:site_name" content="The Valley Courier">
<meta property="og:title" content="{title}">
<meta property="og:type" content="article">
</head><body><main><article><h1>{title}</h1>{paragraphs}</article></main></body></html>"""


@pytest.fixture
async def server():
    async def barrier(request: web.Request) -> web.Response:
        return web.Response(text=article_page("Council approves flood barrier", BARRIER), content_type="text/html")

    app = web.Application()
    app.router.add_get("/barrier", barrier)
    srv = TestServer(app, host="127.0.0.1")
    await srv.start_server()
    yield srv
    await srv.close()


@pytest.fixture
def settings(settings):
    """The conftest's settings on the in-memory store."""
    return settings.model_copy(update={"db": "memory://"})


@pytest.fixture
async def bot(settings, nlp, server):
    s = settings.model_copy(update={
        "allow_private_urls": [ipaddress.ip_network("127.0.0.1/32")],
        "allowed_ports": [server.port],
    })
    b = CrosscheckBot(s, engine=make_engine(nlp), sync_commands=False)
    await b.open_resources()
    yield b
    await b.close_resources()


@pytest.fixture
def guild():
    return MockGuild()


@pytest.fixture
def channel(guild):
    return MockTextChannel(guild=guild)


def interaction_in(channel, **kwargs) -> MockInteraction:
    return MockInteraction(guild=channel.guild, channel=channel, **kwargs)


def only_followup(interaction: MockInteraction):
    interaction.followup.send.assert_awaited_once()
    return interaction.followup.send.call_args


def assert_sendable(call) -> None:
    kwargs = call.kwargs
    assert kwargs["allowed_mentions"].to_dict() == NO_PINGS
    assert limit_violations(kwargs.get("content"), kwargs.get("embeds") or []) == []


async def save_text(bot: CrosscheckBot, channel, text: str) -> None:
    cog = Check(bot)
    await cog.check.callback(cog, interaction_in(channel), text=text, url=None, save=True)


# -- /check -------------------------------------------------------------------------------------


async def test_check_text_replies_with_verdicts_and_stores_nothing(bot, channel):
    cog = Check(bot)
    interaction = interaction_in(channel)
    await cog.check.callback(cog, interaction, text=BARRIER, url=None, save=False)

    interaction.response.defer.assert_awaited_once_with(thinking=True, ephemeral=False)
    call = only_followup(interaction)
    assert_sendable(call)
    assert call.kwargs["ephemeral"] is False
    [embed] = call.kwargs["embeds"]
    assert embed.title == "Pasted article"
    assert "**40 million euros**" in embed.description
    assert "— *the council's finance director*" in embed.description
    assert embed.colour == COLOURS[Verdict.UNVERIFIED]
    assert await bot.store.count_claims(str(channel.guild.id)) == 0


async def test_check_with_save_stores_then_a_later_report_conflicts_and_matches(bot, channel):
    await save_text(bot, channel, BARRIER)
    stored = await bot.store.count_claims(str(channel.guild.id))
    assert stored >= 2

    cog = Check(bot)
    interaction = interaction_in(channel, user=MockMember(name="desk_editor"))
    await cog.check.callback(cog, interaction, text=BARRIER_CRITICS, url=None, save=False)
    [embed] = only_followup(interaction).kwargs["embeds"]
    assert embed.colour == COLOURS[Verdict.CONFLICTING]
    lines = embed.description.splitlines()
    assert lines[0].startswith("⚠️ **65 million euros**")
    assert "conflicts with posted by reporter" in lines[1]
    assert "**40 million euros**" in lines[1]
    assert any(line.startswith("✅ **150**") for line in lines)
    assert embed.footer.text.startswith("1 match · 1 conflict")
    # /check without save stored nothing more
    assert await bot.store.count_claims(str(channel.guild.id)) == stored


async def test_check_saved_twice_says_seen_before(bot, channel):
    await save_text(bot, channel, BARRIER)
    cog = Check(bot)
    interaction = interaction_in(channel)
    await cog.check.callback(cog, interaction, text=BARRIER, url=None, save=True)
    [embed] = only_followup(interaction).kwargs["embeds"]
    assert "seen before on" in embed.footer.text


async def test_check_url_fetches_the_article_from_the_link(bot, channel, server):
    cog = Check(bot)
    interaction = interaction_in(channel)
    url = str(server.make_url("/barrier"))
    await cog.check.callback(cog, interaction, text=None, url=url, save=True)
    [embed] = only_followup(interaction).kwargs["embeds"]
    assert embed.title == "Council approves flood barrier"
    assert embed.url == url
    assert embed.author.name.startswith("The Valley Courier")
    groups = await bot.checker.sources(str(channel.guild.id), "barrier cost", vocab=bot.engine.vocab)
    sources = {sc.source.info.url for claims in groups.values() for sc in claims}
    assert sources == {url}


@pytest.mark.parametrize(("text", "url", "sentence"), [
    ("some text", "https://example.com/a", BOTH),
    (None, None, NEITHER),
    ("   ", None, NEITHER),
])
async def test_check_needs_exactly_one_of_text_and_url(bot, channel, text, url, sentence):
    cog = Check(bot)
    interaction = interaction_in(channel)
    with pytest.raises(InputError) as caught:
        await cog.check.callback(cog, interaction, text=text, url=url, save=False)
    assert str(caught.value) == sentence
    interaction.response.defer.assert_not_awaited()
    # the central handler shows that sentence privately
    await report_error(interaction, app_commands.CommandInvokeError(cog.check, caught.value))
    call = interaction.response.send_message.call_args
    assert call.args[0] == sentence
    assert call.kwargs["ephemeral"] is True
    assert call.kwargs["allowed_mentions"].to_dict() == NO_PINGS


async def test_check_without_figures_answers_privately_after_deferring(bot, channel):
    cog = Check(bot)
    interaction = interaction_in(channel)
    with pytest.raises(InputError) as caught:
        await cog.check.callback(cog, interaction, text=NO_FIGURES, url=None, save=True)
    assert str(caught.value) == NO_CLAIMS
    assert await bot.store.count_claims(str(channel.guild.id)) == 0
    await report_error(interaction, app_commands.CommandInvokeError(cog.check, caught.value))
    interaction.delete_original_response.assert_awaited_once()
    call = interaction.followup.send.call_args
    assert call.args[0] == NO_CLAIMS
    assert call.kwargs["ephemeral"] is True


async def test_check_is_rate_limited_per_user(bot, channel, settings):
    cog = Check(bot)
    user = MockMember()
    for _ in range(bot.settings.rate_user_per_minute):
        bot.ratelimiter.check(user.id, channel.guild.id)
    interaction = interaction_in(channel, user=user)
    with pytest.raises(RateLimited):
        await cog.check.callback(cog, interaction, text=BARRIER, url=None, save=False)
    interaction.response.defer.assert_not_awaited()


async def test_check_refused_link_says_why(bot, channel):
    cog = Check(bot)
    interaction = interaction_in(channel)
    with pytest.raises(FetchError) as caught:
        await cog.check.callback(cog, interaction, text=None, url="http://10.1.2.3/internal", save=False)
    await report_error(interaction, app_commands.CommandInvokeError(cog.check, caught.value))
    call = interaction.followup.send.call_args
    assert "private or local network" in call.args[0]
    assert "incident" not in call.args[0]


async def test_check_claims_message_command_answers_privately_without_storing(bot, channel):
    cog = Check(bot)
    message = MockMessage(content=BARRIER_CRITICS, channel=channel, author=MockMember(name="stringer"))
    interaction = interaction_in(channel)
    await cog.check_message(interaction, message)
    interaction.response.defer.assert_awaited_once_with(thinking=True, ephemeral=True)
    call = only_followup(interaction)
    assert call.kwargs["ephemeral"] is True
    assert_sendable(call)
    [embed] = call.kwargs["embeds"]
    assert "**65 million euros**" in embed.description
    assert await bot.store.count_claims(str(channel.guild.id)) == 0
    message.reply.assert_not_awaited()


async def test_message_command_errors_stay_in_the_private_thinking_message(bot, channel):
    cog = Check(bot)
    interaction = interaction_in(channel)
    with pytest.raises(InputError) as caught:
        await cog.check_message(interaction, MockMessage(content=NO_FIGURES, channel=channel))
    await report_error(interaction, app_commands.CommandInvokeError(cog.menu, caught.value))
    interaction.delete_original_response.assert_not_awaited()
    call = interaction.followup.send.call_args
    assert call.args[0] == NO_CLAIMS
    assert call.kwargs["ephemeral"] is True


async def test_context_menu_is_registered_on_the_tree_and_removed_on_unload(bot):
    cog = Check(bot)
    await bot.add_cog(cog)
    assert bot.tree.get_command("Check claims", type=discord.AppCommandType.message) is cog.menu
    assert bot.tree.get_command("check") is not None
    await bot.remove_cog("Check")
    assert bot.tree.get_command("Check claims", type=discord.AppCommandType.message) is None


# -- /watch -------------------------------------------------------------------------------------------


async def test_watch_add_list_remove(bot, channel):
    cog = Watch(bot)
    ws = str(channel.guild.id)
    i1 = interaction_in(channel, permissions=MODERATOR, user=MockMember(name="news_editor"))
    await cog.add.callback(cog, i1, channel)
    call = i1.followup.send.call_args
    assert call.kwargs["ephemeral"] is True
    assert call.kwargs["allowed_mentions"].to_dict() == NO_PINGS
    assert call.args[0].startswith(f"Watching {channel.mention}")
    assert [w.channel_id for w in await bot.store.list_watches(ws)] == [channel.id]
    assert await cog.watched(channel.guild.id) == {channel.id}

    i2 = interaction_in(channel, permissions=MODERATOR)
    await cog.add.callback(cog, i2, channel)
    assert "already watched" in i2.followup.send.call_args.args[0]

    i3 = interaction_in(channel, permissions=MODERATOR)
    await cog.list_watched.callback(cog, i3)
    listing = i3.followup.send.call_args.args[0]
    assert f"<#{channel.id}>" in listing
    assert "added by news\\_editor" in listing

    i4 = interaction_in(channel, permissions=MODERATOR)
    await cog.remove.callback(cog, i4, channel)
    assert i4.followup.send.call_args.args[0] == f"Stopped watching {channel.mention}."
    assert await bot.store.list_watches(ws) == []
    assert await cog.watched(channel.guild.id) == frozenset()


async def test_watch_add_names_missing_permissions(bot, channel):
    channel.permissions_for.return_value = discord.Permissions(view_channel=True)
    cog = Watch(bot)
    interaction = interaction_in(channel, permissions=MODERATOR)
    await cog.add.callback(cog, interaction, channel)
    text = interaction.followup.send.call_args.args[0]
    assert "Send Messages" in text
    assert "Embed Links" in text


async def test_watch_commands_follow_the_desk_moderator_rule(bot, channel):
    from bot.engine.errors import PermissionDenied  # cogs may be reloaded: their classes change identity
    from bot.moderation import MODERATOR_ROLE
    from tests.helpers import MockRole

    cog = Watch(bot)
    assert cog.watch.guild_only

    def asked_by(permissions, user=None) -> MockInteraction:
        interaction = interaction_in(channel, permissions=permissions, user=user or MockMember(roles=[]))
        interaction.client = bot
        return interaction

    for command in cog.watch.commands:
        assert command.checks, f"/watch {command.name} has no permission check"
        with pytest.raises(PermissionDenied, match=r"^Only moderators can do that"):
            await command._check_can_run(asked_by(discord.Permissions.none()))
        assert await command._check_can_run(asked_by(MODERATOR))

    role = MockRole(name="fact desk")
    await bot.store.set_setting(str(channel.guild.id), MODERATOR_ROLE, str(role.id),
                                Actor("admin", is_moderator=True))
    for command in cog.watch.commands:  # with a moderator role, Manage Messages alone no longer moderates
        with pytest.raises(PermissionDenied, match=r"^Only moderators can do that"):
            await command._check_can_run(asked_by(MODERATOR))
        assert await command._check_can_run(asked_by(discord.Permissions.none(), MockMember(roles=[role])))
    # the callback refuses too, as if the check were missing
    with pytest.raises(PermissionDenied, match=r"^Only moderators can do that"):
        await cog.add.callback(cog, asked_by(MODERATOR), channel)
    assert await bot.store.list_watches(str(channel.guild.id)) == []


async def watched(bot, channel) -> Watch:
    cog = Watch(bot)
    await cog.add.callback(cog, interaction_in(channel, permissions=MODERATOR), channel)
    return cog


async def test_article_in_watched_channel_gets_verdicts_and_is_stored(bot, channel):
    cog = await watched(bot, channel)
    message = MockMessage(content=BARRIER, channel=channel, author=MockMember(name="field_reporter"))
    await cog.on_message(message)

    message.reply.assert_awaited_once()
    call = message.reply.call_args
    assert call.kwargs["mention_author"] is False
    assert_sendable(call)
    [embed] = call.kwargs["embeds"]
    assert "**40 million euros**" in embed.description
    assert "saved to the newsroom's claims" in embed.footer.text

    groups = await bot.checker.sources(str(channel.guild.id), "barrier cost", vocab=bot.engine.vocab)
    [sc] = groups["euro"] if "euro" in groups else next(iter(groups.values()))
    info = sc.source.info
    assert info.message_link == message.jump_url
    assert info.poster == "field_reporter"
    assert info.poster_id == message.author.id
    assert (info.guild_id, info.channel_id, info.message_id) == (channel.guild.id, channel.id, message.id)


async def test_thread_under_a_watched_channel_is_watched(bot, channel):
    cog = await watched(bot, channel)
    message = MockMessage(content=BARRIER, channel=MockThread(parent=channel))
    await cog.on_message(message)
    message.reply.assert_awaited_once()


@pytest.mark.parametrize("content", [
    "Great work on the flood story, 10/10!",
    NO_FIGURES,
])
async def test_chat_and_text_without_figures_get_no_reply(bot, channel, content):
    cog = await watched(bot, channel)
    message = MockMessage(content=content, channel=channel)
    await cog.on_message(message)
    message.reply.assert_not_awaited()
    assert await bot.store.count_claims(str(channel.guild.id)) == 0


async def test_unwatched_channels_bots_and_itself_are_ignored(bot, channel, guild):
    cog = await watched(bot, channel)
    elsewhere = MockMessage(content=BARRIER, channel=MockTextChannel(guild=guild))
    from_bot = MockMessage(content=BARRIER, channel=channel, author=MockMember(bot=True))
    for message in (elsewhere, from_bot):
        await cog.on_message(message)
        message.reply.assert_not_awaited()
    assert await bot.store.count_claims(str(guild.id)) == 0


async def test_refused_link_in_watched_channel_gets_a_brief_reply(bot, channel):
    cog = await watched(bot, channel)
    message = MockMessage(content="Is this right? http://192.168.1.20/story", channel=channel)
    await cog.on_message(message)
    call = message.reply.call_args
    assert "private or local network" in call.kwargs["content"]
    assert call.kwargs["allowed_mentions"].to_dict() == NO_PINGS


async def test_link_in_watched_channel_is_fetched_checked_and_stored(bot, channel, server):
    cog = await watched(bot, channel)
    url = str(server.make_url("/barrier"))
    message = MockMessage(content=f"New from the Courier: {url}", channel=channel)
    await cog.on_message(message)
    [embed] = message.reply.call_args.kwargs["embeds"]
    assert embed.url == url
    assert embed.title == "Council approves flood barrier"
    assert await bot.store.count_claims(str(channel.guild.id)) >= 2


async def test_a_burst_of_articles_is_answered_in_posting_order(bot, channel):
    cog = await watched(bot, channel)
    order: list[int] = []
    messages = [MockMessage(content=text, channel=channel) for text in (BARRIER, BARRIER_CRITICS, BARRIER)]
    for m in messages:
        m.reply.side_effect = lambda *a, _id=m.id, **k: order.append(_id)
    await asyncio.gather(*(cog.on_message(m) for m in messages))
    assert order == [m.id for m in messages]
    # the repeat was recognised as seen before
    assert "seen before on" in messages[2].reply.call_args.kwargs["embeds"][0].footer.text
    assert cog.queue.pending == 0


async def test_deleted_channel_is_no_longer_watched(bot, channel):
    cog = await watched(bot, channel)
    await cog.on_guild_channel_delete(channel)
    assert await bot.store.list_watches(str(channel.guild.id)) == []
    message = MockMessage(content=BARRIER, channel=channel)
    await cog.on_message(message)
    message.reply.assert_not_awaited()


# -- /sources ---------------------------------------------------------------------------------------------


async def test_sources_lists_stored_claims_grouped_by_measure(bot, channel):
    await save_text(bot, channel, BARRIER)
    await save_text(bot, channel, BARRIER_CRITICS)
    cog = Sources(bot)
    interaction = interaction_in(channel)
    await cog.sources.callback(cog, interaction, query="barrier cost")
    interaction.response.defer.assert_awaited_once_with(thinking=True, ephemeral=False)
    call = only_followup(interaction)
    assert_sendable(call)
    [embed] = call.kwargs["embeds"]
    assert embed.title == "Stored claims about “barrier cost”"
    lines = embed.description.splitlines()
    assert re.match(r"\*\*\w+\*\*", lines[0])
    # newest first: the critics' figure before the council's
    text = embed.description
    assert text.index("65 million euros") < text.index("40 million euros")


async def test_sources_with_nothing_stored_says_so(bot, channel):
    cog = Sources(bot)
    with pytest.raises(NotFound):
        await cog.sources.callback(cog, interaction_in(channel), query="volcano ash")


async def test_sources_paginates_with_buttons_for_the_asker(bot, channel):
    for i in range(8):
        await save_text(bot, channel, BARRIER.replace("40 million", f"{40 + i} million").replace(
            "Monday", f"Monday {i}"))
    cog = Sources(bot)
    asker = MockMember()
    interaction = interaction_in(channel, user=asker)
    await cog.sources.callback(cog, interaction, query="barrier workers cost euros")
    call = only_followup(interaction)
    view = call.kwargs["view"]
    assert isinstance(view, Paginator)
    assert view.owner_id == asker.id
    assert len(view.pages) >= 2
    assert view.message is interaction.followup.send.return_value


# -- the central error handler ---------------------------------------------------------------------------


async def test_unexpected_errors_get_an_incident_id_and_a_logged_traceback(caplog):
    interaction = MockInteraction()
    try:
        raise KeyError("secret internals")
    except KeyError as exc:
        error = exc
    with caplog.at_level(logging.ERROR, logger="bot.errorhandler"):
        await report_error(interaction, error)
    sent = interaction.response.send_message.call_args
    match = re.fullmatch(
        r"Something went wrong on our side \(incident ([0-9a-f]{8})\)\. Try again later; if it keeps "
        r"happening, give that id to the bot's operators\.",
        sent.args[0],
    )
    assert match
    assert sent.kwargs["ephemeral"] is True
    assert "secret internals" not in sent.args[0]
    [record] = [r for r in caplog.records if match.group(1) in r.getMessage()]
    assert record.exc_info
    assert record.exc_info[0] is KeyError


async def test_permission_failures_get_a_short_refusal():
    interaction = MockInteraction()
    await report_error(interaction, app_commands.MissingPermissions(["manage_messages"]))
    assert interaction.response.send_message.call_args.args[0] == \
        "You need the Manage Messages permission to do that."
    other = MockInteraction()
    await report_error(other, app_commands.CheckFailure())
    assert other.response.send_message.call_args.kwargs["ephemeral"] is True


async def test_errors_after_an_answer_go_to_a_private_followup():
    interaction = MockInteraction()
    await interaction.response.defer(thinking=True)
    from bot.errorhandler import ANSWERED

    interaction.extras[ANSWERED] = True
    await report_error(interaction, NotFound("No such claim."))
    interaction.delete_original_response.assert_not_awaited()
    assert interaction.followup.send.call_args.kwargs["ephemeral"] is True
    assert all(c.kwargs["allowed_mentions"].to_dict() == NO_PINGS for c in all_sends(interaction))
    assert text_of(interaction.followup.send.call_args) == "No such claim."


# -- parsing --------------------------------------------------------------------------------------------------


def test_watched_message_parsing():
    link = "https://news.example/story"
    assert request_from_message(f"look: {link}", min_chars=280) == CheckRequest(url=link)
    with_article = f"{BARRIER} Source: {link}"
    assert request_from_message(with_article, min_chars=280) == CheckRequest(url=link, fallback_text=with_article)
    assert request_from_message(BARRIER, min_chars=280) == CheckRequest(text=BARRIER)
    assert request_from_message(BARRIER, min_chars=len(BARRIER) + 1) is None
    assert request_from_message(NO_FIGURES, min_chars=280) is None


def test_a_watched_message_is_gated_by_the_engines_own_rule():
    """The watch cog has no rule of its own: a message passes when the engine's line gate would read it."""
    from bot.engine.pipeline import may_hold_figure

    miner = ("Residents of the valley gathered on Sunday to mourn the death of a miner in the collapse at the "
             "old shaft, and asked the company why the tunnel had not been closed after the last inspection. "
             "The union said the company had ignored its warnings and called for an inquiry into the collapse.")
    chat = ("The editors met on Sunday to talk about the layout of the front page, and agreed that the weekend "
            "edition would keep its larger photographs. Everyone thought the new fonts looked clean and calm, "
            "and the designers promised a draft of the other sections before the meeting next week is over.")
    for text in (miner, chat, BARRIER, NO_FIGURES):
        passed = request_from_message(text, min_chars=100) is not None
        assert passed is may_hold_figure(text), text[:40]
    assert request_from_message(miner, min_chars=100) == CheckRequest(text=miner)  # it reaches the engine
    assert request_from_message(chat, min_chars=100) is None


def test_check_option_parsing():
    assert request_from_options(" text ", None) == CheckRequest(text="text")
    assert request_from_options(None, "<https://news.example/a>") == CheckRequest(url="https://news.example/a")
    for bad in ("news.example/a", "ftp://news.example/a", "https://a.example/ https://b.example/"):
        with pytest.raises(InputError, match="web link"):
            request_from_options(None, bad)
    msg = f"Worth a look https://news.example/a {BARRIER}"
    assert request_from_any_message(msg, min_chars=280).fallback_text == msg
    assert request_from_any_message("https://news.example/a", min_chars=280).fallback_text is None
    with pytest.raises(InputError):
        request_from_any_message("   ", min_chars=280)


async def test_error_sentences_cannot_mention_anyone():
    interaction = MockInteraction()
    await report_error(interaction, FetchError("The site said: @everyone <@123> go away"))
    sent = interaction.response.send_message.call_args
    assert "@everyone" not in sent.args[0]
    assert "<@123>" not in sent.args[0]
    assert sent.args[0].startswith("The site said: @\u200beveryone")
