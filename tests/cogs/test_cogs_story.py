"""/story and /story-curate, called as the desk cogs are tested (callbacks with mock interactions)."""

from __future__ import annotations

import discord
import pytest
from discord import app_commands

from bot.engine.errors import NotFound
from cogs.story._cog import Stories
from tests.bot.test_bot_e2e import bot  # noqa: F401 - fixture
from tests.cogs.test_cogs_desk import (  # noqa: F401 - fixtures
    MODERATOR,
    channel,
    guild,
    interaction_in,
    run_checks,
    settings,
    store_article,
)
from tests.helpers import BARRIER, BARRIER_CRITICS, text_of

pytestmark = pytest.mark.slow


async def test_story_shows_the_dossier_with_its_chart(bot, channel):  # noqa: F811
    await store_article(bot, channel.guild.id, BARRIER, outlet="Valley Post", day=3)
    await store_article(bot, channel.guild.id, BARRIER_CRITICS, outlet="Hill Gazette", day=5)
    cog = Stories(bot)
    interaction = interaction_in(bot, channel)
    await cog.story.callback(cog, interaction, query="Marrow Valley barrier", measure=None)
    call = interaction.followup.send.call_args
    embed: discord.Embed = call.kwargs["embed"]
    assert embed.title.startswith("Story #1")
    assert "Valley Post" in embed.description
    assert "Hill Gazette" in embed.description
    assert any("65 million euros" in f.value and "40 million euros" in f.value for f in embed.fields)
    assert call.kwargs["file"].filename == "story.png"
    assert call.kwargs["allowed_mentions"].everyone is False
    with pytest.raises(NotFound):
        await cog.story.callback(cog, interaction_in(bot, channel), query="volcano", measure=None)


async def test_story_curation_is_for_moderators_and_audited(bot, channel):  # noqa: F811
    first = await store_article(bot, channel.guild.id, BARRIER, outlet="Valley Post", day=3)
    second = await store_article(bot, channel.guild.id, BARRIER_CRITICS, outlet="Hill Gazette", day=5)
    cog = Stories(bot)
    split = app_commands.Choice(name="split", value="split")
    with pytest.raises(app_commands.CheckFailure):
        await run_checks(cog.story_curate, interaction_in(bot, channel))
    interaction = interaction_in(bot, channel, permissions=MODERATOR)
    await cog.story_curate.callback(cog, interaction, action=split, story=1, other=None,
                                    articles=str(second[0].source.id), reason="two events")
    assert "New story #2" in text_of(interaction.followup.send.call_args)
    ws = str(channel.guild.id)
    assert (await bot.store.stories_of_source(ws, first[0].source.id))[0].id == 1
    assert (await bot.store.stories_of_source(ws, second[0].source.id))[0].id == 2
    merge = app_commands.Choice(name="merge", value="merge")
    interaction = interaction_in(bot, channel, permissions=MODERATOR)
    await cog.story_curate.callback(cog, interaction, action=merge, story=1, other=2, articles=None, reason="")
    assert "merged into story #1" in text_of(interaction.followup.send.call_args)
    assert [e.action for e in await bot.store.audit_entries(ws)][:2] == ["story_merge", "story_split"]
