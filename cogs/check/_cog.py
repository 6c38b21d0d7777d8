"""/check and the "Check claims" message command: verdicts on demand.

/check reads pasted text or a link and answers in the channel; nothing is
stored unless ``save`` is true. "Check claims" does the same for any message
(its first link, else its text) and answers privately, without reposting it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.engine.errors import InputError
from bot.errorhandler import ANSWERED, defer, report_error
from bot.render.reports import report_pages
from bot.ui.pagination import page_kwargs
from cogs._common import CheckRequest, check, rate_limit, source_from_interaction, source_from_message

from ._parsing import request_from_any_message, request_from_options

if TYPE_CHECKING:
    from bot.client import CrosscheckBot
    from bot.engine.types import SourceInfo

log = logging.getLogger(__name__)

NO_CLAIMS = (
    "I found no figures to check in that text. I check counts, amounts and percentages "
    "(“at least 30 soldiers were killed”)."
)
#: Discord's longest string option
MAX_TEXT_OPTION = 6_000


class Check(commands.Cog):
    """Checks on demand."""

    def __init__(self, bot: CrosscheckBot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name="Check claims", callback=self.check_message)
        self.menu.guild_only = True

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    @app_commands.command(name="check",
                          description="Check the figures in an article against what the newsroom has seen.")
    @app_commands.describe(
        text="The article text, pasted",
        url="A link to the article",
        save="Also store this article as a source (default: no)",
    )
    @app_commands.guild_only()
    async def check(
        self,
        interaction: discord.Interaction,
        text: app_commands.Range[str, 1, MAX_TEXT_OPTION] | None = None,
        url: app_commands.Range[str, 1, 2000] | None = None,
        save: bool = False,
    ) -> None:
        request = request_from_options(text, url)
        rate_limit(self.bot, interaction.user.id, interaction.guild_id)
        await defer(interaction, ephemeral=False)
        await self._answer(interaction, request, source_from_interaction(interaction), save=save,
                           ephemeral=False)

    async def check_message(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """The "Check claims" message command."""
        if interaction.guild_id is None or message.guild is None:
            raise app_commands.NoPrivateMessage
        request = request_from_any_message(message.content, min_chars=self.bot.settings.min_article_chars)
        rate_limit(self.bot, interaction.user.id, interaction.guild_id)
        await defer(interaction, ephemeral=True)
        await self._answer(interaction, request, source_from_message(message), save=False, ephemeral=True)

    async def _answer(self, interaction: discord.Interaction, request: CheckRequest, source: SourceInfo, *,
                      save: bool, ephemeral: bool) -> None:
        checked = await check(self.bot, request, source, save=save)
        if not checked.report.checks:
            raise InputError(NO_CLAIMS)
        pages = report_pages(checked.report, grades=checked.grades)
        kwargs, view = page_kwargs(pages, owner_id=interaction.user.id, on_error_hook=report_error,
                                   extra_items=checked.items)
        interaction.extras[ANSWERED] = True
        sent = await interaction.followup.send(wait=True, ephemeral=ephemeral, **kwargs)
        if view is not None:
            view.message = sent
