"""The verdict controls under a stored article's reply, alive across restarts.

Under every reply to a *stored* article (watched channels, ``/check save:True``)
moderators find either the three status buttons — **Confirm**, **Dispute**,
**Not a claim** — for its one claim, or a **Review a claim…** menu of its
claims; choosing one answers privately with that claim and the same three
buttons. Everyone else gets a private refusal.

The controls are persistent: each ``custom_id`` carries what it acts on
(``cc:st:confirmed:123`` for claim 123, ``cc:review:45`` for source 45), and
the desk extension registers :data:`DYNAMIC_ITEMS` with ``add_dynamic_items`` in
its ``setup()``, so a press is understood by any process, after any restart.

They are *rendered* (``cogs/_controls.py``) as plain components that no view
dispatches (:class:`~cogs._controls.RenderedButton`): the registered
:class:`~discord.ui.DynamicItem` classes alone handle them, so they can sit
beside the page buttons of a :class:`~bot.ui.pagination.Paginator` without
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
from bot.render.limits import escape, fit_text, truncate
from cogs._common import NO_MENTIONS, workspace_of
from cogs._controls import REVIEW_PLACEHOLDER, STATUS_BUTTONS, review_custom_id, status_button, status_view
from cogs._moderators import actor_of, require_moderator

if TYPE_CHECKING:
    from bot.client import CrosscheckBot

log = logging.getLogger(__name__)

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
    except Exception as exc:  # noqa: BLE001 - to the central handler, which logs it with an incident id
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
        except Exception as exc:  # noqa: BLE001 - to the central handler, which logs it with an incident id
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
        await interaction.followup.send(fit_text(claim_summary(stored)), ephemeral=True, allowed_mentions=NO_MENTIONS)


class ReviewSelect(discord.ui.DynamicItem[discord.ui.Select], template=r"cc:review:(?P<source>[0-9]{1,20})"):
    """The menu of a stored article's claims; a choice answers privately with the claim's buttons."""

    def __init__(self, source_id: int, options: Sequence[discord.SelectOption] = ()) -> None:
        select: discord.ui.Select[Any] = discord.ui.Select(
            custom_id=review_custom_id(source_id), placeholder=REVIEW_PLACEHOLDER,
            options=list(options) or [discord.SelectOption(label="…", value="0")],
        )
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
        except Exception as exc:  # noqa: BLE001 - to the central handler, which logs it with an incident id
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
        await interaction.followup.send(fit_text(claim_summary(stored)), view=status_view(stored.id), ephemeral=True,
                                        allowed_mentions=NO_MENTIONS)


#: registered by the desk extension's ``setup()`` (``bot.add_dynamic_items(*DYNAMIC_ITEMS)``)
DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (StatusButton, ReviewSelect)
