"""/claim show|edit|status|merge|delete: one stored claim at a time.

``show`` is open to everyone; the rest are curation, for moderators only
(see :mod:`bot.moderation`), checked here and again by the store, and written
to the audit log with the reason given. Claim ids autocomplete from the store.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.engine.errors import CrosscheckError, InputError
from bot.engine.figure_edit import parse_figure
from bot.engine.protocol import Actor, AuditEntry, ClaimEdit
from bot.engine.types import ClaimStatus, StoredClaim
from bot.errorhandler import ANSWERED, defer, report_error
from bot.render.common import source_date
from bot.render.limits import MessageKwargs, escape, fit_message, plain, short, truncate
from bot.render.reports import COLOURS, format_date, grade_of, source_link, status_text
from cogs._common import NO_MENTIONS, workspace_of
from cogs._moderators import actor_of, moderator_only

if TYPE_CHECKING:
    from bot.client import CrosscheckBot

log = logging.getLogger(__name__)

#: audit entries shown under /claim show
AUDIT_SHOWN = 5
#: seconds the delete confirmation stays usable
CONFIRM_TIMEOUT = 120.0
STATUS_CHOICES = [app_commands.Choice(name=s.value.replace("_", " "), value=s.value) for s in ClaimStatus]
STATUS_COLOURS = {
    ClaimStatus.CONFIRMED: discord.Colour(0x2ECC71),
    ClaimStatus.DISPUTED: discord.Colour(0xE74C3C),
}
Reason = app_commands.Range[str, 3, 300]
ClaimId = app_commands.Range[int, 1, 2**53]


def choice_label(sc: StoredClaim) -> str:
    """``#12 · at least 30 · killed · Ukrainian soldiers — BBC`` (at most 100 characters)."""
    c = sc.claim
    text = f"#{sc.id} · {c.figure.text} · {c.measure} · {c.subject}"
    if sc.source.info.outlet:
        text += f" — {sc.source.info.outlet}"
    return truncate(plain(text), 100)


async def claim_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[int]]:
    """Stored claims whose id starts with, or whose subject or figure holds, what was typed."""
    if interaction.guild_id is None:
        return []
    bot: CrosscheckBot = interaction.client  # type: ignore[assignment]
    try:
        found = await bot.store.claim_choices(workspace_of(interaction.guild_id), current.strip().lstrip("#"), 25)
    except CrosscheckError as exc:
        log.warning("claim autocomplete failed: %s", exc)
        return []
    return [app_commands.Choice(name=choice_label(sc), value=sc.id) for sc in found]


def audit_line(entry: AuditEntry) -> str:
    """``3 Mar 2026 · maria: unreviewed → confirmed — “two sources”``."""
    what = entry.action.replace("_", " ")
    if entry.old_status and entry.new_status and entry.old_status is not entry.new_status:
        what = f"{entry.old_status.value.replace('_', ' ')} → {entry.new_status.value.replace('_', ' ')}"
    elif entry.new_status and entry.action in ("set_status", "import"):
        what = f"{what}: {entry.new_status.value.replace('_', ' ')}"
    line = f"{format_date(entry.at)} · {escape(entry.actor)}: {escape(what)}"
    if entry.detail and entry.action != "delete":
        line += f" ({short(entry.detail, 'note')})"
    if entry.reason:
        line += f" — “{short(entry.reason, 'note')}”"
    return line


def claim_embed(sc: StoredClaim, *, grades: dict[str, str] | None = None,
                audit: list[AuditEntry] | None = None) -> discord.Embed:
    """A stored claim in full: figure, subject, attribution, source, status and its latest audit entries."""
    c, info = sc.claim, sc.source.info
    fig = c.figure
    embed = discord.Embed(
        title=f"Claim #{sc.id}: {truncate(plain(fig.text), 200)}",
        description=f"> {escape(truncate(c.sentence, 1500))}",
        colour=STATUS_COLOURS.get(sc.status, COLOURS[None]),
    )
    bounds = f"{_bound(fig.low)} – {_bound(fig.high)} {fig.unit}"
    if fig.qualifier:
        bounds += f" · “{fig.qualifier}”"
    if fig.approx:
        bounds += " · approximate"
    embed.add_field(name="Figure", value=escape(bounds), inline=True)
    embed.add_field(name="Measure", value=short(c.measure, "measure") or "—", inline=True)
    embed.add_field(name="Status", value=status_text(sc.status), inline=True)
    embed.add_field(name="Subject", value=short(c.subject, "subject") or "—", inline=False)
    who = " ← ".join(escape(x) for x in c.claimant_chain) if c.claimant_chain else short(c.claimant, "claimant")
    embed.add_field(name="Said by", value=who or "no source named", inline=False)
    context = [x for x in (c.location, c.period, format_date(c.date) if c.date else None) if x]
    if context:
        embed.add_field(name="Where · when", value=escape(", ".join(context)), inline=False)
    source = f"{source_link(info, grades)}, {format_date(source_date(info, sc.source.created_at))}"
    if info.title:
        source += f"\n*{short(info.title, 'subject')}*"
    embed.add_field(name="Source", value=source, inline=False)
    if audit:
        embed.add_field(name="History", value="\n".join(audit_line(e) for e in audit[:AUDIT_SHOWN]), inline=False)
    grade = grade_of(info, grades)
    footer = f"stored {format_date(sc.created_at or sc.source.created_at)}"
    if grade:
        footer += f" · {info.outlet} graded {grade}"
    embed.set_footer(text=plain(footer))
    return embed


def _bound(v: float | None) -> str:
    if v is None:
        return "open"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


async def _reply(interaction: discord.Interaction, text: str, *, embed: discord.Embed | None = None,
                 view: discord.ui.View | None = None) -> discord.WebhookMessage | None:
    """The private answer of a /claim command (deferred first)."""
    content, embeds = fit_message(text, [embed] if embed else [])
    interaction.extras[ANSWERED] = True
    kwargs: MessageKwargs = {"embeds": embeds, "ephemeral": True, "allowed_mentions": NO_MENTIONS}
    if content is not None:
        kwargs["content"] = content
    if view is not None:
        kwargs["view"] = view
        kwargs["wait"] = True
    return await interaction.followup.send(**kwargs)


class ConfirmDelete(discord.ui.View):
    """Delete / Keep it, pressable only by the moderator who asked."""

    def __init__(self, bot: CrosscheckBot, *, workspace: str, claim_id: int, actor: Actor, reason: str,
                 owner_id: int, timeout: float = CONFIRM_TIMEOUT) -> None:
        super().__init__(timeout=timeout)
        self.bot = bot
        self.workspace = workspace
        self.claim_id = claim_id
        self.actor = actor
        self.reason = reason
        self.owner_id = owner_id
        self.message: discord.WebhookMessage | None = None
        #: "deleted", "kept" or None while waiting
        self.outcome: str | None = None

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "Only the moderator who asked can confirm this delete.", ephemeral=True, allowed_mentions=NO_MENTIONS
        )
        return False

    @discord.ui.button(label="Delete", style=discord.ButtonStyle.danger, emoji="🗑️")
    async def delete(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self.bot.store.delete_claim(self.workspace, self.claim_id, self.actor, self.reason)
        self.outcome = "deleted"
        self.stop()
        await interaction.response.edit_message(
            content=f"Claim #{self.claim_id} deleted. The audit log keeps a copy and your reason.",
            embeds=[], view=None, allowed_mentions=NO_MENTIONS,
        )

    @discord.ui.button(label="Keep it", style=discord.ButtonStyle.secondary)
    async def keep(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        self.outcome = "kept"
        self.stop()
        await interaction.response.edit_message(content=f"Nothing deleted: claim #{self.claim_id} stays.",
                                                embeds=[], view=None, allowed_mentions=NO_MENTIONS)

    async def on_timeout(self) -> None:
        if self.message is None:
            return
        try:
            await self.message.edit(content="This delete was not confirmed in time: nothing deleted.", embeds=[],
                                    view=None, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            log.info("could not close the delete confirmation: %s", exc)

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item) -> None:
        await report_error(interaction, error)


class Claims(commands.Cog):
    """Stored claims, one at a time."""

    claim = app_commands.Group(name="claim", description="Show, correct, review, merge or delete a stored claim.",
                               guild_only=True)

    def __init__(self, bot: CrosscheckBot) -> None:
        self.bot = bot

    @claim.command(name="show", description="A stored claim in full, with its source, status and history.")
    @app_commands.rename(claim_id="id")
    @app_commands.describe(claim_id="The claim (type its number, subject or figure)")
    @app_commands.autocomplete(claim_id=claim_autocomplete)
    async def show(self, interaction: discord.Interaction, claim_id: ClaimId) -> None:
        ws = _workspace(interaction)
        await defer(interaction, ephemeral=True)
        sc = await self.bot.store.get_claim(ws, claim_id)
        grades = await self.bot.store.grades(ws)
        audit = await self.bot.store.audit_entries(ws, claim_id=claim_id, limit=AUDIT_SHOWN)
        await _reply(interaction, "", embed=claim_embed(sc, grades=grades, audit=audit))

    @claim.command(name="edit", description="Correct what was read wrong from the article (moderators).")
    @app_commands.rename(claim_id="id")
    @app_commands.describe(
        claim_id="The claim to correct",
        figure="The figure as written, e.g. “at least 30” or “about 11,000”",
        measure="What was counted, e.g. killed, injured, cost",
        subject="Who or what was counted",
        claimant="Who said it",
        reason="Why (kept in the audit log)",
    )
    @app_commands.autocomplete(claim_id=claim_autocomplete)
    @moderator_only()
    async def edit(self, interaction: discord.Interaction, claim_id: ClaimId, reason: Reason,
                   figure: app_commands.Range[str, 1, 100] | None = None,
                   measure: app_commands.Range[str, 1, 60] | None = None,
                   subject: app_commands.Range[str, 1, 200] | None = None,
                   claimant: app_commands.Range[str, 1, 200] | None = None) -> None:
        ws = _workspace(interaction)
        if not any((figure, measure, subject, claimant)):
            raise InputError("Give at least one of figure, measure, subject or claimant to correct.")
        if measure is not None:
            measure = measure.strip().lower()
            if measure not in self.bot.engine.vocab.measures:
                known = ", ".join(list(self.bot.engine.vocab.measures)[:12])
                raise InputError(f"“{measure}” is not a measure I know. Use one like: {known}.")
        await defer(interaction, ephemeral=True)
        actor = await actor_of(self.bot, interaction)
        before = await self.bot.store.get_claim(ws, claim_id)
        new_figure = None
        if figure is not None:
            new_figure = await self.bot.worker.run(parse_figure, self.bot.engine.nlp, figure, before.claim.figure.unit)
        edit = ClaimEdit(figure=new_figure, measure=measure, subject=subject.strip() if subject else None,
                         claimant=claimant.strip() if claimant else None)
        after = await self.bot.store.edit_claim(ws, claim_id, edit, actor, reason)
        changes = _changes(before, after)
        text = f"Claim #{claim_id} corrected" + (f": {changes}." if changes else " (nothing changed).")
        await _reply(interaction, text)

    @claim.command(name="status", description="Confirm, dispute, retract… a stored claim (moderators).")
    @app_commands.rename(claim_id="id")
    @app_commands.describe(claim_id="The claim", status="Its new status", reason="Why (kept in the audit log)")
    @app_commands.choices(status=STATUS_CHOICES)
    @app_commands.autocomplete(claim_id=claim_autocomplete)
    @moderator_only()
    async def status(self, interaction: discord.Interaction, claim_id: ClaimId,
                     status: app_commands.Choice[str], reason: Reason) -> None:
        ws = _workspace(interaction)
        await defer(interaction, ephemeral=True)
        actor = await actor_of(self.bot, interaction)
        sc = await self.bot.store.set_status(ws, claim_id, ClaimStatus(status.value), actor, reason)
        await _reply(interaction, f"Claim #{sc.id} ({short(sc.claim.figure.text, 'figure')} · "
                                  f"{short(sc.claim.subject, 'subject')}) is now **{status_text(sc.status)}**.")

    @claim.command(name="merge", description="Two stored claims that are one: keep one (moderators).")
    @app_commands.describe(keep="The claim to keep", merge="The duplicate: marked superseded by the kept one",
                           reason="Why (kept in the audit log)")
    @app_commands.autocomplete(keep=claim_autocomplete, merge=claim_autocomplete)
    @moderator_only()
    async def merge(self, interaction: discord.Interaction, keep: ClaimId, merge: ClaimId, reason: Reason) -> None:
        ws = _workspace(interaction)
        if keep == merge:
            raise InputError("Give two different claims to merge.")
        await defer(interaction, ephemeral=True)
        actor = await actor_of(self.bot, interaction)
        kept = await self.bot.store.merge_claims(ws, keep, merge, actor, reason)
        await _reply(interaction, f"Claim #{merge} is now superseded by claim #{kept.id} "
                                  f"({short(kept.claim.figure.text, 'figure')}).")

    @claim.command(name="delete", description="Remove a stored claim, after you confirm (moderators).")
    @app_commands.rename(claim_id="id")
    @app_commands.describe(claim_id="The claim to remove", reason="Why (kept in the audit log)")
    @app_commands.autocomplete(claim_id=claim_autocomplete)
    @moderator_only()
    async def delete(self, interaction: discord.Interaction, claim_id: ClaimId, reason: Reason) -> None:
        ws = _workspace(interaction)
        await defer(interaction, ephemeral=True)
        actor = await actor_of(self.bot, interaction)
        sc = await self.bot.store.get_claim(ws, claim_id)
        view = ConfirmDelete(self.bot, workspace=ws, claim_id=sc.id, actor=actor, reason=reason,
                             owner_id=interaction.user.id)
        sent = await _reply(interaction, f"Delete claim #{sc.id}? Prefer **/claim status** (retracted, not a "
                                         "claim) when the claim was simply wrong: it keeps the record.",
                            embed=claim_embed(sc), view=view)
        view.message = sent


def _workspace(interaction: discord.Interaction) -> str:
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage
    return workspace_of(interaction.guild_id)


def _changes(before: StoredClaim, after: StoredClaim) -> str:
    """``figure “about 10,000” → “about 11,000”; subject …`` for the fields that changed."""
    pairs = [
        ("figure", before.claim.figure.text, after.claim.figure.text),
        ("measure", before.claim.measure, after.claim.measure),
        ("subject", before.claim.subject, after.claim.subject),
        ("claimant", before.claim.claimant or "none", after.claim.claimant or "none"),
    ]
    if before.claim.figure != after.claim.figure and before.claim.figure.text == after.claim.figure.text:
        pairs[0] = ("figure", _bounds(before), _bounds(after))
    return "; ".join(f"{name} “{short(a, 'subject')}” → “{short(b, 'subject')}”" for name, a, b in pairs if a != b)


def _bounds(sc: StoredClaim) -> str:
    fig = sc.claim.figure
    return f"{_bound(fig.low)}–{_bound(fig.high)} {fig.unit}"
