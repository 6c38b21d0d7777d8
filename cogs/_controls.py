"""The verdict controls drawn under a stored article's reply (shared by the cogs that reply).

Each ``custom_id`` carries what it acts on (``cc:st:confirmed:123`` for claim
123, ``cc:review:45`` for source 45). The components drawn here are plain ones
that no view dispatches (:class:`RenderedButton`, :class:`RenderedSelect`): the
desk extension's registered :class:`~discord.ui.DynamicItem` classes
(``cogs/desk/_buttons.py``, registered in its ``setup()``) alone handle a press,
in any process, after any restart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord

from bot.engine.types import ClaimStatus, StoredClaim
from bot.render.limits import plain, truncate

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
