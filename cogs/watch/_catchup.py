"""Catching up on watched channels: what was posted while the bot was away is checked too.

The store keeps, per watched channel, the newest message the bot handled (its
cursor). On start and after every gateway resume or reconnect, each watched
channel's history after the cursor is read, oldest first, through discord.py
(which keeps to Discord's rate limits, waiting when told to), never further
back than ``catchup_days`` nor before the channel was watched, and at most
``catchup_max_messages`` messages per channel. Each message that holds an
article joins the fair queue like a live post; the queue skips a message
already handled (so a post seen live and again in history is answered once),
checks again one edited since, and replies only to posts younger than
``catchup_reply_hours``: older ones are stored without a reply. The last
``EDIT_LOOKBACK`` messages before the cursor are read too, for posts edited
while the bot was away.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import discord

from bot.engine.errors import CrosscheckError

if TYPE_CHECKING:
    from bot.engine.protocol import WatchedChannel
    from bot.settings import Settings

log = logging.getLogger(__name__)

#: messages read before the cursor, for posts edited while the bot was away (one page of history)
EDIT_LOOKBACK = 100


@dataclass
class CatchupStats:
    channels: int = 0
    read: int = 0
    queued: int = 0


async def _advance_past_chat(bot, workspace: str, channel_id: int, newest: int, cursor: int | None,  # noqa: ANN001
                             queued: list[tuple[discord.Message, asyncio.Future[None]]]) -> None:
    """Once every post queued from after the cursor is handled, move the cursor to the newest message
    read, chat included: the next catch-up starts there instead of reading the same chat again (a
    channel with more chat than one catch-up reads would otherwise never get past it). A post left
    unhandled (the store or the reader was down) keeps the cursor where it is, to be tried again."""
    await asyncio.gather(*(done for _, done in queued), return_exceptions=True)
    if bot.is_closed():
        return  # stopped meanwhile: the next start reads from the cursor as it is
    try:
        for message, _ in queued:
            if message.id > (cursor or 0) and await bot.store.handled_message(workspace, message.id) is None:
                return
        await bot.store.advance_cursor(workspace, channel_id, newest)
    except CrosscheckError as exc:
        log.warning("catch-up cursor of channel %s not advanced: %s", channel_id, exc)


def catchup_start(watch: WatchedChannel, cursor: int | None, settings: Settings,
                  now: datetime | None = None) -> int | None:
    """The message id after which a channel's history is read, or None when catch-up is off.

    The later of: the cursor (else the time the channel was watched) and the
    start of the catch-up window.
    """
    if settings.catchup_days <= 0:
        return None
    now = now or datetime.now(UTC)
    window = discord.utils.time_snowflake(now - timedelta(days=settings.catchup_days))
    since = cursor if cursor is not None else discord.utils.time_snowflake(watch.added_at)
    return max(since, window)


def reply_is_useful(message: discord.Message, settings: Settings, now: datetime | None = None) -> bool:
    """Whether a caught-up post is recent enough to answer (older ones are stored silently)."""
    now = now or datetime.now(UTC)
    return now - message.created_at <= timedelta(hours=settings.catchup_reply_hours)


async def catch_up_guild(cog, guild: discord.Guild) -> CatchupStats:  # noqa: ANN001 - cogs.watch._cog.Watch
    """Read every watched channel of ``guild`` after its cursor and queue what holds an article."""
    bot = cog.bot
    settings = bot.settings
    stats = CatchupStats()
    workspace = str(guild.id)
    try:
        watches = await bot.store.list_watches(workspace)
    except CrosscheckError as exc:
        log.warning("catch-up of guild %s skipped: %s", guild.id, exc)
        return stats
    for watch in watches:
        channel = guild.get_channel_or_thread(watch.channel_id)
        if not isinstance(channel, (discord.TextChannel, discord.Thread)):
            continue
        try:
            cursor = await bot.store.channel_cursor(workspace, channel.id)
        except CrosscheckError as exc:
            log.warning("catch-up of channel %s skipped: %s", channel.id, exc)
            continue
        after = catchup_start(watch, cursor, settings)
        if after is None:
            return stats
        stats.channels += 1
        messages: list[discord.Message] = []
        newest: int | None = None  # the newest message read after the cursor
        #: posts the bot answered already (a reply sent just before a crash, not yet recorded)
        answered: dict[int, int] = {}
        me = bot.user.id if bot.user is not None else None
        try:
            async for message in channel.history(after=discord.Object(after), oldest_first=True,
                                                  limit=settings.catchup_max_messages):
                stats.read += 1
                newest = message.id
                ref = message.reference
                if message.author.id == me and ref is not None and ref.message_id is not None:
                    answered.setdefault(ref.message_id, message.id)
                else:
                    messages.append(message)
            if cursor is not None:
                # posts handled before the stop and edited since: the queue compares the edit times
                async for message in channel.history(before=discord.Object(cursor + 1), limit=EDIT_LOOKBACK):
                    if message.edited_at is not None and message.author.id != me:
                        messages.insert(0, message)
        except discord.HTTPException as exc:  # Forbidden (no Read Message History), or Discord down
            log.warning("could not read the history of channel %s: %s", channel.id, exc)
        queued: list[tuple[discord.Message, asyncio.Future[None]]] = []
        for message in messages:
            done = await cog.enqueue(message, live=False, answered_by=answered.get(message.id))
            if done is not None:
                queued.append((message, done))
        stats.queued += len(queued)
        if newest is not None:
            await _advance_past_chat(bot, workspace, channel.id, newest, cursor, queued)
    if stats.read:
        log.info("catch-up of guild %s: %d channels, %d messages read, %d queued",
                 guild.id, stats.channels, stats.read, stats.queued)
    return stats
