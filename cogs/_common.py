"""What the cogs share: where an article comes from, and checking it.

The watch, check and context-menu paths all turn "a text or a link, posted by
someone somewhere" into an :class:`~bot.engine.types.ArticleReport` the same
way: rate-limit link fetches (and every explicit check), fetch or read the
article off the event loop, check it, and store it only when it holds claims.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import discord

from bot.engine.errors import FetchError
from bot.engine.types import Article, ArticleReport, SourceInfo
from bot.errorhandler import RateLimited

if TYPE_CHECKING:
    from bot.client import CrosscheckBot

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """What to check: a link to fetch, or pasted text (exactly one)."""

    url: str | None = None
    text: str | None = None
    #: pasted text to fall back to when the link cannot be fetched
    fallback_text: str | None = None

    def __post_init__(self) -> None:
        if (self.url is None) == (self.text is None):
            raise ValueError("a CheckRequest holds a url or a text, not both or neither")


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


async def read_article(bot: CrosscheckBot, request: CheckRequest, source: SourceInfo) -> Article:
    """The article to check: fetched from the link (its URL, title, outlet... kept) or the text.

    When the link cannot be fetched and the request carries pasted text, that
    text is checked instead; otherwise the fetch error (a sentence for the
    reporter) propagates.
    """
    if request.url is not None:
        try:
            fetched = await bot.fetcher.fetch_article(request.url, workspace=source.workspace)
        except FetchError:
            if request.fallback_text is None:
                raise
            log.info("link %s not fetched; checking the pasted text instead", request.url)
            return await bot.checker.read(request.fallback_text, source)
        got = fetched.source
        merged = replace(
            source,
            url=got.url or request.url,
            title=got.title or source.title,
            outlet=got.outlet or source.outlet,
            author=got.author or source.author,
            published=got.published or source.published,
        )
        return await bot.checker.read(fetched.text, merged)
    assert request.text is not None
    return await bot.checker.read(request.text, source)


async def check_article(bot: CrosscheckBot, article: Article, *, save: bool) -> ArticleReport:
    """Verdicts for ``article``; with ``save``, stored as a source when it holds claims.

    An article without claims is never stored: chat that happens to be long
    does not fill the newsroom's store.
    """
    # verdicts first, then the article, its claims and its story in one transaction
    return await bot.checker.check(article, save=save, store_empty=False)
