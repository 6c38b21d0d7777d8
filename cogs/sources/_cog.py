"""/sources query: what the newsroom has stored about a topic, with its sources.

Claims are grouped by measure, newest first, and paged with buttons only the
person who asked may press.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.engine.errors import NotFound
from bot.errorhandler import ANSWERED, defer, report_error
from bot.render.sources import sources_pages
from bot.ui.pagination import page_kwargs
from cogs._common import workspace_of

if TYPE_CHECKING:
    from bot.client import CrosscheckBot

#: stored claims read for one /sources answer (paged 12 at a time)
MAX_RESULTS = 120


class Sources(commands.Cog):
    """The store, searched by topic."""

    def __init__(self, bot: CrosscheckBot) -> None:
        self.bot = bot

    @app_commands.command(name="sources", description="Stored claims about a topic, with their sources.")
    @app_commands.describe(query="Who or what was counted, e.g. “soldiers killed Kharkiv”")
    @app_commands.guild_only()
    async def sources(self, interaction: discord.Interaction, query: app_commands.Range[str, 2, 200]) -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage
        await defer(interaction, ephemeral=False)
        groups = await self.bot.checker.sources(
            workspace_of(interaction.guild_id), query, limit=MAX_RESULTS, vocab=self.bot.engine.vocab
        )
        pages = sources_pages(query, groups)
        if not pages:
            raise NotFound(
                f"No stored claims about “{query}” yet. Try fewer or other words, "
                "or check articles with save on to build the store."
            )
        kwargs, view = page_kwargs(pages, owner_id=interaction.user.id, on_error_hook=report_error)
        interaction.extras[ANSWERED] = True
        sent = await interaction.followup.send(wait=True, **kwargs)
        if view is not None:
            view.message = sent
