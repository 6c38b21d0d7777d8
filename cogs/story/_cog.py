"""/story QUERY: the story dossier with the chart of a measure; /story-curate for moderators.

The dossier is read from the store; verdicts are computed from story
membership at check time, so a move, merge or split changes the next
verdicts at once.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.errorhandler import ANSWERED, defer
from bot.render.dossier import dossier_embed
from bot.render.limits import MessageKwargs, escape
from cogs._common import NO_MENTIONS, rate_limit, workspace_of
from cogs._moderators import moderator_only, require_moderator

from ._logic import CHART_NAME, curate, dossier_and_chart

if TYPE_CHECKING:
    from bot.client import CrosscheckBot

ACTIONS = [app_commands.Choice(name=n, value=n) for n in ("move", "merge", "split")]


class Stories(commands.Cog):
    """News events and their figures side by side."""

    def __init__(self, bot: CrosscheckBot) -> None:
        self.bot = bot

    @app_commands.command(name="story", description="A story's dossier: its articles and every figure, side by side.")
    @app_commands.describe(query="The story's id (from a check's reply) or words of its name",
                           measure="The measure to chart (default: the most reported)")
    @app_commands.guild_only()
    async def story(self, interaction: discord.Interaction, query: app_commands.Range[str, 1, 200],
                    measure: app_commands.Range[str, 1, 60] | None = None) -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage
        rate_limit(self.bot, interaction.user.id, interaction.guild_id)
        await defer(interaction, ephemeral=False)
        dossier, png = await dossier_and_chart(self.bot.checker, workspace_of(interaction.guild_id), query, measure)
        embed = dossier_embed(dossier, chart_name=CHART_NAME if png else None)
        kwargs: MessageKwargs = {"embed": embed, "allowed_mentions": NO_MENTIONS}
        if png:
            kwargs["file"] = discord.File(io.BytesIO(png), filename=CHART_NAME)
        interaction.extras[ANSWERED] = True
        await interaction.followup.send(**kwargs)

    @app_commands.command(name="story-curate", description="Move an article, merge or split stories (moderators).")
    @app_commands.describe(action="move an article, merge two stories, or split articles off a story",
                           story="move: the target story (empty: a new one); merge: the story kept; split: the story",
                           other="merge: the story merged into the kept one",
                           articles="move/split: article ids, e.g. “12, 14”",
                           reason="Why (kept in the audit log)")
    @app_commands.choices(action=ACTIONS)
    @app_commands.guild_only()
    @moderator_only()
    async def story_curate(self, interaction: discord.Interaction, action: app_commands.Choice[str],
                           story: int | None = None, other: int | None = None,
                           articles: app_commands.Range[str, 1, 200] | None = None,
                           reason: app_commands.Range[str, 0, 300] = "") -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage
        actor = await require_moderator(self.bot, interaction)
        await defer(interaction, ephemeral=True)
        text = await curate(self.bot.store, workspace_of(interaction.guild_id), action.value, actor,
                            story=story, other=other, articles=articles, reason=reason)
        interaction.extras[ANSWERED] = True
        await interaction.followup.send(escape(text), ephemeral=True, allowed_mentions=NO_MENTIONS)
