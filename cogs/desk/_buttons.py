"""The verdict controls under a stored article's reply, alive across restarts.

Under every reply to a *stored* article (watched channels, ``/check save:True``)
moderators find either the three status buttons — **Confirm**, **Dispute**,
**Not a claim** — for its one claim, or a **Review a claim…** menu of its
claims; choosing one answers privately with that claim and the same three
buttons. Everyone else gets a private refusal.

The controls are persistent: each ``custom_id`` carries what it acts on
(``cc:st:confirmed:123`` for claim 123, ``cc:review:45`` for source 45), and
the bot registers :data:`DYNAMIC_ITEMS` with ``add_dynamic_items`` in its
``setup_hook``, so a press is understood by any process, after any restart.

They are *rendered* as plain components that no view dispatches
(:class:`RenderedButton`, :class:`RenderedSelect`): the registered
:class:`~discord.ui.DynamicItem` classes alone handle them, so they can sit
beside the page buttons of a :class:`~bot.render.discord.Paginator` without
its owner check or its timeout touching them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from bot.engine.errors import CrosscheckError
from bot.engine.types import ClaimStatus, StoredClaim
from bot.errorhandler import ANSWERED, defer, error_text, report_error, send_ephemeral
from bot.render.discord import escape, fit_message, plain, truncate
from cogs._common import NO_MENTIONS, workspace_of

from ._checks import actor_of, require_moderator

if TYPE_CHECKING:
    from bot.client import CrosscheckBot

log = logging.getLogger(__name__)

#: the three buttons: status, label, emoji, style
STATUS_BUTTONS: tuple[tuple[ClaimStatus, str, str, discord.ButtonStyle], ...] = (
    (ClaimStatus.CONFIRMED, "Confirm", "✔️", discord.ButtonStyle.success),
    (ClaimStatus.DISPUTED, "Dispute", "✖️", discord.ButtonStyle.danger),
    (ClaimStatus.NOT_A_CLAIM, "Not a claim", "🚫", discord.ButtonStyle.secondary),
)
#: most claims offered in one menu (Discord's limit)
MENU_OPTIONS = 25
REVIEW_PLACEHOLDER = "Review a claim (moderators)…"


class RenderedButton(discord.ui.Button):
    """A button shown in a view but handled only by a registered dynamic item."""

    def is_dispatchable(self) -> bool:
        return False


class RenderedSelect(discord.ui.Select):
    """A select menu shown in a view but handled only by a registered dynamic item."""

    def is_dispatchable(self) -> bool:
        return False


def status_custom_id(status: ClaimStatus, claim_id: int) -> str:
    return f"cc:st:{status.value}:{claim_id}"


def review_custom_id(source_id: int) -> str:
    return f"cc:review:{source_id}"


def status_button(status: ClaimStatus, claim_id: int, *, row: int | None = None,
                  rendered: bool = True) -> discord.ui.Button:
    """The button of ``status`` for a claim: rendered (for a message) or live (inside its dynamic item)."""
    _, label, emoji, style = next(b for b in STATUS_BUTTONS if b[0] is status)
    cls = RenderedButton if rendered else discord.ui.Button
    return cls(label=label, emoji=emoji, style=style, custom_id=status_custom_id(status, claim_id), row=row)


def option_for(sc: StoredClaim) -> discord.SelectOption:
    c = sc.claim
    label = truncate(plain(f"#{sc.id} · {c.figure.text} · {c.measure}"), 100)
    bits = [c.subject or ""]
    if c.claimant:
        bits.append(f"— {c.claimant}")
    if sc.status is not ClaimStatus.UNREVIEWED:
        bits.append(f"({sc.status.value.replace('_', ' ')})")
    description = truncate(plain(" ".join(b for b in bits if b)), 100) or None
    return discord.SelectOption(label=label, value=str(sc.id), description=description)


def review_select(source_id: int, claims: Sequence[StoredClaim], *, row: int | None = None) -> RenderedSelect:
    options = [option_for(sc) for sc in claims[:MENU_OPTIONS]]
    return RenderedSelect(custom_id=review_custom_id(source_id), placeholder=REVIEW_PLACEHOLDER, options=options,
                          min_values=1, max_values=1, row=row)


def verdict_items(claims: Sequence[StoredClaim], *, row: int = 1) -> list[discord.ui.Item[Any]]:
    """The controls for a stored article's claims: three buttons for one claim, else the menu."""
    if not claims:
        return []
    if len(claims) == 1:
        return [status_button(s, claims[0].id, row=row) for s, *_ in STATUS_BUTTONS]
    return [review_select(claims[0].source.id, claims, row=row)]


def status_view(claim_id: int) -> discord.ui.View:
    """A view holding the three buttons of one claim (for private answers)."""
    view = discord.ui.View(timeout=None)
    for s, *_ in STATUS_BUTTONS:
        view.add_item(status_button(s, claim_id))
    return view


async def _gate(interaction: discord.Interaction) -> bool:
    """Moderators pass; everyone else gets a private refusal (a dynamic item's check must answer itself)."""
    if interaction.guild_id is None:
        await send_ephemeral(interaction, "These buttons work in a server, not in direct messages.")
        return False
    try:
        await require_moderator(interaction.client, interaction)  # type: ignore[arg-type]
    except CrosscheckError as exc:
        await send_ephemeral(interaction, error_text(exc))
        return False
    except Exception as exc:  # the central handler: logged with an incident id
        await report_error(interaction, exc)
        return False
    return True


def claim_summary(sc: StoredClaim) -> str:
    """``Claim #12: **at least 30** · killed · soldiers — *officials* · status: unreviewed``."""
    c = sc.claim
    line = f"Claim #{sc.id}: **{escape(c.figure.text)}** · {escape(c.measure)} · {escape(c.subject)}"
    if c.claimant:
        line += f" — *{escape(c.claimant)}*"
    line += f"\n> {escape(truncate(c.sentence, 600))}"
    line += f"\nStatus: **{sc.status.value.replace('_', ' ')}**"
    return line


class StatusButton(discord.ui.DynamicItem[discord.ui.Button],
                   template=r"cc:st:(?P<status>confirmed|disputed|not_a_claim):(?P<claim>[0-9]{1,20})"):
    """Confirm / Dispute / Not a claim, for one stored claim."""

    def __init__(self, status: ClaimStatus, claim_id: int) -> None:
        super().__init__(status_button(status, claim_id, rendered=False))
        self.status = status
        self.claim_id = claim_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: Any) -> StatusButton:
        return cls(ClaimStatus(match["status"]), int(match["claim"]))

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return await _gate(interaction)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self._set(interaction)
        except Exception as exc:
            await report_error(interaction, exc)

    async def _set(self, interaction: discord.Interaction) -> None:
        bot: CrosscheckBot = interaction.client  # type: ignore[assignment]
        await defer(interaction, ephemeral=True)
        actor = await actor_of(bot, interaction)
        _, label, _, _ = next(b for b in STATUS_BUTTONS if b[0] is self.status)
        reason = f"“{label}” button under a verdict reply"
        stored = await bot.store.set_status(workspace_of(interaction.guild_id or 0), self.claim_id, self.status,
                                            actor, reason)
        interaction.extras[ANSWERED] = True
        content, _ = fit_message(claim_summary(stored), [])
        await interaction.followup.send(content, ephemeral=True, allowed_mentions=NO_MENTIONS)


class ReviewSelect(discord.ui.DynamicItem[discord.ui.Select], template=r"cc:review:(?P<source>[0-9]{1,20})"):
    """The menu of a stored article's claims; a choice answers privately with the claim's buttons."""

    def __init__(self, source_id: int, options: Sequence[discord.SelectOption] = ()) -> None:
        select = discord.ui.Select(custom_id=review_custom_id(source_id), placeholder=REVIEW_PLACEHOLDER,
                                   options=list(options) or [discord.SelectOption(label="…", value="0")])
        super().__init__(select)
        self.source_id = source_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: Any) -> ReviewSelect:
        options = item.options if isinstance(item, discord.ui.Select) else []
        return cls(int(match["source"]), options)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return await _gate(interaction)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self._show(interaction)
        except Exception as exc:
            await report_error(interaction, exc)

    async def _show(self, interaction: discord.Interaction) -> None:
        bot: CrosscheckBot = interaction.client  # type: ignore[assignment]
        values = self.item.values
        if not values or not values[0].isdigit():
            await send_ephemeral(interaction, "Choose a claim in the menu.")
            return
        await defer(interaction, ephemeral=True)
        stored = await bot.store.get_claim(workspace_of(interaction.guild_id or 0), int(values[0]))
        interaction.extras[ANSWERED] = True
        content, _ = fit_message(claim_summary(stored), [])
        await interaction.followup.send(content, view=status_view(stored.id), ephemeral=True, allowed_mentions=NO_MENTIONS)


#: registered by the bot in ``setup_hook`` (``bot.add_dynamic_items(*DYNAMIC_ITEMS)``)
DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (StatusButton, ReviewSelect)
