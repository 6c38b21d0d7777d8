"""Watched channels: /watch add|remove|list, and checking what is posted there.

A message in a watched channel (or in a thread under one) that holds a link or
a pasted article is checked, stored as a source when it holds claims, and
answered with the verdicts. Messages without claims get no reply; errors get a
brief reply only when the poster can act on them (a link refused, the bot
busy, too many checks). Messages of one channel are handled in the order they
were posted.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.engine.errors import Busy, CrosscheckError, FetchError, InputError, StoreUnavailable
from bot.engine.protocol import Actor, HandledMessage
from bot.errorhandler import ANSWERED, RateLimited, defer, error_text, new_incident_id, report_error
from bot.fetch import NotAWebPage
from bot.render.limits import escape, fit_text
from bot.render.reports import report_pages
from bot.ui.pagination import page_kwargs
from cogs._common import NO_MENTIONS, CheckRequest, check, rate_limit, source_from_message
from cogs._moderators import moderator_only, require_moderator

from ._catchup import catch_up_guild, reply_is_useful
from ._parsing import request_from_message
from ._queue import FairQueue

if TYPE_CHECKING:
    from bot.client import CrosscheckBot

log = logging.getLogger(__name__)

PAGE_REFUSAL = (
    "Only the person who posted the article can turn these pages. "
    "Use the “Check claims” message command on it to read every page yourself."
)
#: the permissions the bot needs in a watched channel
NEEDED = ("view_channel", "send_messages", "read_message_history", "embed_links")


@dataclass(frozen=True, slots=True)
class _Job:
    """A watched message waiting its guild's turn."""

    message: discord.Message
    request: CheckRequest
    #: posted (or edited) while the bot was connected; False for a post found by catch-up
    live: bool
    #: the bot's reply found in the channel's history (catch-up), if any
    answered_by: int | None = None


def edited_since(message: discord.Message, handled: HandledMessage) -> bool:
    """Whether the message was edited after it was checked (an embed unfurling is no edit)."""
    edited = message.edited_at
    return edited is not None and (handled.edited_at is None or edited > handled.edited_at)


def replies_to(exc: CrosscheckError) -> bool:
    """Whether an error in a watched channel deserves a (brief) reply: only when the poster can act."""
    if isinstance(exc, NotAWebPage):
        return False  # images, PDFs and other files shared in the channel
    return isinstance(exc, (FetchError, Busy, RateLimited, InputError))


class Watch(commands.Cog):
    """Watched channels and what is posted in them."""

    watch = app_commands.Group(
        name="watch",
        description="Choose the channels whose articles are checked and stored automatically.",
        guild_only=True,
    )

    def __init__(self, bot: CrosscheckBot) -> None:
        self.bot = bot
        #: guild id -> watched channel ids, loaded from the store on first use
        self._watched: dict[int, frozenset[int]] = {}
        #: watched messages wait here; guilds take turns (see _queue.py)
        self._queue: FairQueue[_Job] = FairQueue(self._run_job, workers=bot.settings.watch_workers)
        self._catchup_running = False
        self._catchup_again = False
        #: catch-up runs completed (each reads every watched channel once)
        self.catchups = 0

    async def cog_unload(self) -> None:
        # checks in flight finish (their replies get recorded); waiting ones are found by the next catch-up
        await self._queue.close(grace=self.bot.settings.db_timeout)

    @property
    def queue(self) -> FairQueue[_Job]:
        return self._queue

    # -- the watched set -------------------------------------------------------------
    async def watched(self, guild_id: int) -> frozenset[int]:
        """The channel ids watched in a guild (cached; refreshed on every change)."""
        cached = self._watched.get(guild_id)
        if cached is None:
            cached = await self._refresh(guild_id)
        return cached

    async def _refresh(self, guild_id: int) -> frozenset[int]:
        rows = await self.bot.store.list_watches(str(guild_id))
        ids = frozenset(w.channel_id for w in rows)
        self._watched[guild_id] = ids
        return ids

    async def is_watched(self, message: discord.Message) -> bool:
        if message.guild is None:
            return False
        ids = await self.watched(message.guild.id)
        channel = message.channel
        parent_id = getattr(channel, "parent_id", None) if isinstance(channel, discord.Thread) else None
        return channel.id in ids or (parent_id is not None and parent_id in ids)

    # -- /watch ------------------------------------------------------------------------
    @watch.command(name="add", description="Check and store every article posted in a channel.")
    @app_commands.describe(channel="The channel to watch")
    @moderator_only()
    async def add(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        guild = _guild(interaction)
        await defer(interaction, ephemeral=True)
        actor = await require_moderator(self.bot, interaction)
        added = await self.bot.store.add_watch(str(guild.id), channel.id, actor)
        await self._refresh(guild.id)
        if added:
            text = f"Watching {channel.mention}: articles and links posted there are checked and stored."
        else:
            text = f"{channel.mention} was already watched."
        missing = _missing_permissions(channel, guild)
        if missing:
            text += f"\nI still need these permissions there: {', '.join(missing)}."
        await _answer(interaction, text)

    @watch.command(name="remove", description="Stop checking a channel.")
    @app_commands.describe(channel="The channel to stop watching")
    @moderator_only()
    async def remove(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        guild = _guild(interaction)
        await defer(interaction, ephemeral=True)
        actor = await require_moderator(self.bot, interaction)
        removed = await self.bot.store.remove_watch(str(guild.id), channel.id, actor)
        await self._refresh(guild.id)
        text = f"Stopped watching {channel.mention}." if removed else f"{channel.mention} was not watched."
        await _answer(interaction, text)

    @watch.command(name="list", description="The channels whose articles are checked.")
    @moderator_only()
    async def list_watched(self, interaction: discord.Interaction) -> None:
        guild = _guild(interaction)
        await defer(interaction, ephemeral=True)
        rows = await self.bot.store.list_watches(str(guild.id))
        self._watched[guild.id] = frozenset(w.channel_id for w in rows)
        if not rows:
            text = "No channel is watched yet. Add one with /watch add."
        else:
            lines = [
                f"• <#{w.channel_id}> — added by {escape(w.added_by)}"
                f" on {w.added_at:%Y-%m-%d}"
                for w in rows
            ]
            text = "Watched channels:\n" + "\n".join(lines)
        await _answer(interaction, text)

    # -- watched channels -------------------------------------------------------------
    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        done = await self.enqueue(message, live=True)
        if done is not None:
            await done  # this listener's task ends when the message has been answered

    @commands.Cog.listener()
    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        """A post edited after it was checked is checked again (the queue compares the edit times)."""
        if payload.guild_id is None or payload.message.edited_at is None:
            return  # a link preview appearing is not an edit
        done = await self.enqueue(payload.message, live=True)
        if done is not None:
            await done

    async def enqueue(self, message: discord.Message, *, live: bool,
                      answered_by: int | None = None) -> asyncio.Future[None] | None:
        """Queue a message that may be a watched article; None when it cannot be one.

        Whether its channel is watched is asked when its turn comes, so even
        the first look-up of a guild's watch list keeps posting order.
        """
        if message.guild is None or message.author.bot or message.webhook_id is not None:
            return None
        if self.bot.user is not None and message.author.id == self.bot.user.id:
            return None
        if message.type not in (discord.MessageType.default, discord.MessageType.reply):
            return None
        request = request_from_message(message.content, min_chars=self.bot.settings.min_article_chars)
        if request is None:
            return None
        return self._queue.put(message.guild.id, _Job(message, request, live, answered_by))

    async def _run_job(self, job: _Job) -> None:
        message = job.message
        if message.guild is None:  # only a server's messages are queued (see above)
            return
        workspace = str(message.guild.id)
        try:
            if not await self.is_watched(message):
                return
            handled = await self.bot.store.handled_message(workspace, message.id)
        except CrosscheckError as exc:
            log.warning("message %s of guild %s not checked: %s", message.id, message.guild.id, exc)
            return
        if handled is not None and not edited_since(message, handled):
            return  # answered already (seen live and again in the history, or replayed on resume)
        if handled is None and job.answered_by is not None and message.edited_at is None:
            # replied to just before a stop, not recorded: record it, do not answer twice
            with contextlib.suppress(CrosscheckError):
                await self.bot.store.mark_handled(workspace, message.channel.id, message.id,
                                                  edited_at=None, reply_id=job.answered_by)
            return
        reply = job.live or reply_is_useful(message, self.bot.settings)
        outcome = await self.check_message(message, job.request, reply=reply, rate_limited=job.live,
                                           earlier_reply=handled.reply_id if handled else None)
        if outcome is None:
            return  # a passing failure (store down, busy): catch-up tries again later
        try:
            await self.bot.store.mark_handled(workspace, message.channel.id, message.id,
                                              edited_at=message.edited_at, reply_id=outcome.reply_id)
        except CrosscheckError as exc:
            log.warning("message %s checked but not recorded as handled: %s", message.id, exc)

    # -- catching up ---------------------------------------------------------------------
    @commands.Cog.listener()
    async def on_ready(self) -> None:
        await self.catch_up()

    @commands.Cog.listener()
    async def on_resumed(self) -> None:
        await self.catch_up()

    async def catch_up(self) -> None:
        """Read what the watched channels of every guild got while the bot was away (one run at a time;
        a trigger during a run makes it run once more)."""
        if self._catchup_running:
            self._catchup_again = True
            return
        self._catchup_running = True
        try:
            while True:
                self._catchup_again = False
                for guild in list(self.bot.guilds):
                    await catch_up_guild(self, guild)
                self.catchups += 1
                if not self._catchup_again:
                    break
        finally:
            self._catchup_running = False

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        """A deleted channel is no longer watched."""
        if channel.id not in await self.watched(channel.guild.id):
            return
        actor = Actor(name="crosscheck (channel deleted)", is_moderator=True)
        await self.bot.store.remove_watch(str(channel.guild.id), channel.id, actor)
        await self._refresh(channel.guild.id)
        log.info("channel %s of guild %s was deleted: no longer watched", channel.id, channel.guild.id)

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """Forget the cached watch list of a server the bot left (the store keeps it for a return)."""
        self._watched.pop(guild.id, None)

    async def check_message(self, message: discord.Message, request: CheckRequest, *, reply: bool = True,
                            rate_limited: bool = True, earlier_reply: int | None = None) -> Checked | None:
        """Check one watched message and reply with its verdicts (or stay silent).

        ``reply=False`` stores without answering (an old post found by
        catch-up); ``earlier_reply`` is the bot's answer to the message before
        it was edited, which is edited instead of answering twice. None when a
        passing failure (the store down, the bot busy) left the message unchecked.
        """
        try:
            if request.url is not None and rate_limited:
                rate_limit(self.bot, message.author.id, message.guild.id if message.guild else None)
            checked = await check(self.bot, request, source_from_message(message), save=True)
        except CrosscheckError as exc:
            transient = isinstance(exc, (Busy, StoreUnavailable))
            if replies_to(exc) and reply and not transient:
                sent = await self._send(message, earlier_reply, content=error_text(exc))
                return Checked(sent.id if sent is not None else earlier_reply)
            log.warning("message %s in channel %s not checked: %s", message.id, message.channel.id, exc)
            return None if transient else Checked(earlier_reply)
        except Exception:
            log.exception("incident %s: checking message %s in channel %s failed",
                          new_incident_id(), message.id, message.channel.id)
            return None
        if not checked.report.checks:
            log.debug("message %s holds no claims", message.id)
            return Checked(earlier_reply)
        if not reply:
            return Checked(earlier_reply)
        pages = report_pages(checked.report, grades=checked.grades)
        kwargs, view = page_kwargs(pages, owner_id=message.author.id, on_error_hook=report_error,
                                   refusal=PAGE_REFUSAL, extra_items=checked.items)
        sent = await self._send(message, earlier_reply, **kwargs)
        if view is not None:
            if sent is None:
                view.stop()
            else:
                view.message = sent
        return Checked(sent.id if sent is not None else earlier_reply)

    async def _send(self, message: discord.Message, earlier_reply: int | None,
                    **kwargs: Any) -> discord.Message | None:
        """Reply, or edit the earlier reply to this message when there is one."""
        if earlier_reply is not None and not isinstance(message.channel, discord.GroupChannel):  # bots never are in one
            kwargs["allowed_mentions"] = NO_MENTIONS
            kwargs.setdefault("content", None)
            kwargs.setdefault("embeds", [])
            try:
                return await message.channel.get_partial_message(earlier_reply).edit(**kwargs)
            except discord.NotFound:
                pass  # the reply was deleted: answer anew
            except discord.HTTPException as exc:
                log.warning("could not edit reply %s in channel %s: %s", earlier_reply, message.channel.id, exc)
                return None
        return await self._reply(message, **kwargs)

    async def _reply(self, message: discord.Message, **kwargs: Any) -> discord.Message | None:
        kwargs["allowed_mentions"] = NO_MENTIONS
        try:
            return await message.reply(mention_author=False, **kwargs)
        except discord.HTTPException as exc:
            log.warning("could not reply in channel %s: %s", message.channel.id, exc)
            return None


@dataclass(frozen=True, slots=True)
class Checked:
    """A watched message that was checked, and the bot's reply to it, if any."""

    reply_id: int | None


async def _answer(interaction: discord.Interaction, text: str) -> None:
    """The private answer to a /watch command (deferred before the store was asked)."""
    interaction.extras[ANSWERED] = True
    await interaction.followup.send(fit_text(text), ephemeral=True, allowed_mentions=NO_MENTIONS)


def _guild(interaction: discord.Interaction) -> discord.Guild:
    if interaction.guild is None:
        raise app_commands.NoPrivateMessage
    return interaction.guild


def _missing_permissions(channel: discord.TextChannel, guild: discord.Guild) -> list[str]:
    me = guild.me
    if me is None:
        return []
    perms = channel.permissions_for(me)
    return [name.replace("_", " ").title() for name in NEEDED if not getattr(perms, name)]
