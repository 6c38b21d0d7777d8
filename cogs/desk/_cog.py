"""The verification desk: /source show|grade, /settings moderator-role, /timeline, /export.

Grading, settings and exports are for moderators (see :mod:`bot.moderation`);
/source show and /timeline are open to everyone. Every change is audited by
the store with the reason given.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections import Counter
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.engine.errors import CrosscheckError, InputError, NotFound
from bot.engine.protocol import GRADES, Actor
from bot.engine.types import ClaimStatus, StoredClaim
from bot.errorhandler import ANSWERED, defer
from bot.exchange import FORMATS, export_file, file_name
from bot.moderation import MODERATOR_ROLE, describe_rule
from bot.render.limits import MessageKwargs, escape, fit_message, plain, truncate
from bot.render.reports import COLOURS, status_text
from bot.render.sources import stored_claim_line
from bot.timeline import chart_title, pick_group, query_measures, render_timeline
from cogs._common import NO_MENTIONS, rate_limit, workspace_of
from cogs._moderators import actor_of, moderator_only

if TYPE_CHECKING:
    from bot.client import CrosscheckBot

log = logging.getLogger(__name__)

#: claims shown under /source show
OUTLET_CLAIMS_SHOWN = 10
#: stored claims read for one /timeline
TIMELINE_LIMIT = 500
#: largest export attached when Discord does not say its limit
DEFAULT_FILE_LIMIT = 8 * 1024 * 1024
NEWSROOM_SETTING = "newsroom"
GRADE_CHOICES = [app_commands.Choice(name=g, value=g) for g in GRADES]
FORMAT_CHOICES = [
    app_commands.Choice(name="JSON (every field)", value="json"),
    app_commands.Choice(name="CSV (every field)", value="csv"),
    app_commands.Choice(name="ClaimReview JSON-LD (confirmed and disputed)", value="claimreview"),
]
STATUS_CHOICES = [app_commands.Choice(name=s.value.replace("_", " "), value=s.value) for s in ClaimStatus]
Reason = app_commands.Range[str, 3, 300]


async def outlet_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Stored outlets starting with what was typed."""
    if interaction.guild_id is None:
        return []
    bot: CrosscheckBot = interaction.client  # type: ignore[assignment]
    try:
        names = await bot.store.outlets(workspace_of(interaction.guild_id), current.strip(), 25)
    except CrosscheckError as exc:
        log.warning("outlet autocomplete failed: %s", exc)
        return []
    return [app_commands.Choice(name=truncate(plain(n), 100) or "?", value=n[:100]) for n in names]


async def outlet_claims(bot: CrosscheckBot, workspace: str, outlet: str,
                        limit: int = OUTLET_CLAIMS_SHOWN) -> tuple[list[StoredClaim], Counter[ClaimStatus]]:
    """An outlet's newest claims (newest first) and how many it has of each status."""
    newest, counts = await bot.store.outlet_claims(workspace, outlet, limit=limit)
    return newest, Counter(counts)


def outlet_embed(outlet: str, grade: str | None, claims: list[StoredClaim],
                 counts: Counter[ClaimStatus]) -> discord.Embed:
    total = sum(counts.values())
    embed = discord.Embed(title=truncate(plain(outlet), 200), colour=COLOURS[None])
    embed.add_field(name="Grade", value=escape(grade or "unrated"), inline=True)
    embed.add_field(name="Claims stored", value=str(total), inline=True)
    if counts:
        embed.add_field(name="By status", value=", ".join(
            f"{n} {status_text(s)}" for s, n in sorted(counts.items(), key=lambda kv: -kv[1])), inline=False)
    if claims:
        grades = {outlet.strip().lower(): grade} if grade else None
        embed.description = "\n".join(stored_claim_line(sc, grades) for sc in claims)
    embed.set_footer(text=f"newest {len(claims)} of {total}" if total > len(claims) else "newest first")
    return embed


async def _answer(interaction: discord.Interaction, text: str | None = None, *,
                  embed: discord.Embed | None = None, file: discord.File | None = None,
                  ephemeral: bool = True) -> None:
    content, embeds = fit_message(text, [embed] if embed else [])
    interaction.extras[ANSWERED] = True
    kwargs: MessageKwargs = {"embeds": embeds, "ephemeral": ephemeral, "allowed_mentions": NO_MENTIONS}
    if content is not None:
        kwargs["content"] = content
    if file is not None:
        kwargs["file"] = file
    await interaction.followup.send(**kwargs)


def _guild_id(interaction: discord.Interaction) -> int:
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage
    return interaction.guild_id


class Desk(commands.Cog):
    """Sources and their grades, settings, timelines and exports."""

    source = app_commands.Group(name="source", description="Outlets: their claims and the newsroom's grade.",
                                guild_only=True)
    settings = app_commands.Group(name="settings", description="The bot's settings for this server.",
                                  guild_only=True, default_permissions=discord.Permissions(manage_guild=True))

    def __init__(self, bot: CrosscheckBot) -> None:
        self.bot = bot

    # -- /source -------------------------------------------------------------------------
    @source.command(name="show", description="An outlet's stored claims and its grade.")
    @app_commands.describe(outlet="The outlet, as stored (type to search)")
    @app_commands.autocomplete(outlet=outlet_autocomplete)
    async def source_show(self, interaction: discord.Interaction, outlet: app_commands.Range[str, 1, 100]) -> None:
        ws = workspace_of(_guild_id(interaction))
        await defer(interaction, ephemeral=True)
        claims, counts = await outlet_claims(self.bot, ws, outlet)
        grade = (await self.bot.store.grades(ws)).get(outlet.strip().lower())
        if not counts and grade is None:
            raise NotFound(f"No stored claims from “{outlet}”. Pick an outlet from the suggestions.")
        await _answer(interaction, embed=outlet_embed(outlet, grade, claims, counts))

    @source.command(name="grade", description="Grade an outlet's reliability (moderators).")
    @app_commands.describe(outlet="The outlet, as stored", grade="How far the newsroom relies on it",
                           reason="Why (kept in the audit log)")
    @app_commands.autocomplete(outlet=outlet_autocomplete)
    @app_commands.choices(grade=GRADE_CHOICES)
    @moderator_only()
    async def source_grade(self, interaction: discord.Interaction, outlet: app_commands.Range[str, 1, 100],
                           grade: app_commands.Choice[str], reason: Reason) -> None:
        ws = workspace_of(_guild_id(interaction))
        await defer(interaction, ephemeral=True)
        actor = await actor_of(self.bot, interaction)
        await self.bot.store.set_grade(ws, outlet.strip(), grade.value, actor, reason)
        await _answer(interaction, f"{escape(outlet.strip())} is now graded **{grade.value}**. "
                                   "Replies show the grade beside its reports.")

    # -- /settings ---------------------------------------------------------------------------
    @settings.command(name="moderator-role", description="Who may review claims: a role, or Manage Messages.")
    @app_commands.describe(role="Members with this role moderate; leave empty for members who may Manage Messages")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def moderator_role(self, interaction: discord.Interaction, role: discord.Role | None = None) -> None:
        ws = workspace_of(_guild_id(interaction))
        await defer(interaction, ephemeral=True)
        actor = Actor(name=str(interaction.user), user_id=interaction.user.id, is_moderator=True)
        value = str(role.id) if role is not None else None
        await self.bot.store.set_setting(ws, MODERATOR_ROLE, value, actor)
        await _answer(interaction, f"Saved. {describe_rule(value)}")

    @settings.command(name="newsroom", description="The newsroom's name on ClaimReview exports.")
    @app_commands.describe(name="Your newsroom's name; leave empty to use the server's name")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def newsroom(self, interaction: discord.Interaction,
                       name: app_commands.Range[str, 2, 100] | None = None) -> None:
        ws = workspace_of(_guild_id(interaction))
        await defer(interaction, ephemeral=True)
        actor = Actor(name=str(interaction.user), user_id=interaction.user.id, is_moderator=True)
        value = " ".join(name.split()) if name else None
        await self.bot.store.set_setting(ws, NEWSROOM_SETTING, value, actor)
        shown = value or (interaction.guild.name if interaction.guild else "this server's name")
        await _answer(interaction, f"Saved. ClaimReview exports name {escape(shown)} as their author.")

    # -- /timeline -----------------------------------------------------------------------------
    @app_commands.command(name="timeline", description="A figure's history as a chart: who reported what, when.")
    @app_commands.describe(query="Who or what was counted, e.g. “North Korean casualties”")
    @app_commands.guild_only()
    async def timeline(self, interaction: discord.Interaction, query: app_commands.Range[str, 2, 200]) -> None:
        guild_id = _guild_id(interaction)
        rate_limit(self.bot, interaction.user.id, guild_id)
        await defer(interaction, ephemeral=False)
        groups = await self.bot.checker.sources(workspace_of(guild_id), query, limit=TIMELINE_LIMIT,
                                                vocab=self.bot.engine.vocab)
        claims = [sc for group in groups.values() for sc in group]
        if not claims:
            raise NotFound(f"No stored claims about “{query}” yet. Try fewer or other words.")
        prefer = query_measures(query, self.bot.engine.vocab)
        group = pick_group(claims, prefer)
        png = await asyncio.to_thread(render_timeline, claims, title=query, prefer=prefer)
        text = escape(chart_title(query, group))
        await _answer(interaction, text, file=discord.File(io.BytesIO(png), filename="timeline.png"),
                      ephemeral=False)

    # -- /export -------------------------------------------------------------------------------
    @app_commands.command(name="export", description="Download the stored claims (moderators).")
    @app_commands.describe(format="JSON or CSV with every field, or ClaimReview JSON-LD",
                           status="Only claims with this status")
    @app_commands.choices(format=FORMAT_CHOICES, status=STATUS_CHOICES)
    @app_commands.guild_only()
    @moderator_only()
    async def export(self, interaction: discord.Interaction, format: app_commands.Choice[str],
                     status: app_commands.Choice[str] | None = None) -> None:
        guild_id = _guild_id(interaction)
        ws = workspace_of(guild_id)
        if format.value not in FORMATS:
            raise InputError(f"Unknown format {format.value!r}.")
        await defer(interaction, ephemeral=True)
        statuses = [ClaimStatus(status.value)] if status else None
        newsroom = await self.bot.store.get_setting(ws, NEWSROOM_SETTING) or (
            interaction.guild.name if interaction.guild else "crosscheck")
        limit = interaction.filesize_limit or DEFAULT_FILE_LIMIT
        data, n = await export_file(self.bot.store, ws, format.value, limit=limit, statuses=statuses,
                                    newsroom=newsroom)
        name = file_name(ws, format.value)
        await _answer(interaction, f"{n} claim{'s' if n != 1 else ''} exported.",
                      file=discord.File(io.BytesIO(data), filename=name))
