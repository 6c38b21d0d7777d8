"""What the cogs share: where an article comes from, and checking it.

The watch, check and context-menu paths all turn "a text or a link, posted by
someone somewhere" into a reply the same way: rate-limit link fetches (and
every explicit check), then one call to the bot's
:class:`~bot.service.CheckService` (fetch or read, extract, check, store by the
one rule), and the verdict controls of the stored claims it returns.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import discord

from bot.engine.types import ArticleReport, SourceInfo
from bot.errorhandler import RateLimited
from bot.service import CheckRequest
from cogs._controls import verdict_items

__all__ = [
    "NO_MENTIONS",
    "CheckReply",
    "CheckRequest",
    "check",
    "rate_limit",
    "source_from_interaction",
    "source_from_message",
    "workspace_of",
]

if TYPE_CHECKING:
    from bot.client import CrosscheckBot

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()


def workspace_of(guild_id: int) -> str:
    """The store workspace of a guild: its id as a string."""
    return str(guild_id)


def source_from_message(message: discord.Message) -> SourceInfo:
    """Where a Discord message's article came from (before anything is fetched)."""
    guild = message.guild
    if guild is None:
        raise ValueError("a source needs a guild message")
    return SourceInfo(
        workspace=workspace_of(guild.id),
        guild_id=guild.id,
        channel_id=message.channel.id,
        message_id=message.id,
        message_link=message.jump_url,
        poster=str(message.author),
        poster_id=message.author.id,
        posted_at=message.created_at,
    )


def source_from_interaction(interaction: discord.Interaction) -> SourceInfo:
    """Where an article given to a slash command came from."""
    guild_id = interaction.guild_id
    if guild_id is None:
        raise ValueError("a source needs a guild interaction")
    return SourceInfo(
        workspace=workspace_of(guild_id),
        guild_id=guild_id,
        channel_id=interaction.channel_id,
        poster=str(interaction.user),
        poster_id=interaction.user.id,
        posted_at=interaction.created_at,
    )


def rate_limit(bot: CrosscheckBot, user_id: int, guild_id: int | None) -> None:
    """Count one check for this user and guild, or raise :class:`RateLimited`."""
    wait = bot.ratelimiter.check(user_id, guild_id)
    if wait is not None:
        raise RateLimited(wait)


@dataclass(frozen=True, slots=True)
class CheckReply:
    """A check's report, the outlet grades its reply shows and the verdict controls to attach."""

    report: ArticleReport
    grades: Mapping[str, str] = field(default_factory=dict)
    items: tuple[discord.ui.Item[Any], ...] = ()


async def check(bot: CrosscheckBot, request: CheckRequest, source: SourceInfo, *, save: bool) -> CheckReply:
    """Check a request through the bot's check service; controls only for stored claims."""
    outcome = await bot.service.check(request, source, save=save)
    return CheckReply(outcome.report, outcome.grades, tuple(verdict_items(outcome.claims)))
