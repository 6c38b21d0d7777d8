"""Live views: the page buttons that turn through a long reply.

In the manner of python-discord's ``pagination.py`` and RoboDanny's
``utils/paginator.py``: the renderers (:mod:`bot.render`) build the pages,
pure and tested without Discord; :class:`Paginator` is the stateful
``discord.ui.View`` that shows them one at a time to the person who asked.
Every message it sends or edits mentions nobody.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

import discord

from bot.render.limits import MessageKwargs, Page

__all__ = ["PAGE_OWNER_ONLY", "ErrorHook", "Paginator", "page_kwargs"]

log = logging.getLogger(__name__)

PAGE_OWNER_ONLY = "Only the person who asked can turn these pages. Run the command yourself to page through it."

ErrorHook = Callable[[discord.Interaction, Exception], Awaitable[None]]


class Paginator(discord.ui.View):
    """Previous/Next buttons over pages; only ``owner_id`` may press them.

    Others get an ephemeral refusal. On timeout the buttons are disabled on the
    message (set :attr:`message` after sending).
    """

    def __init__(self, pages: Sequence[Page], *, owner_id: int, timeout: float = 600.0,
                 refusal: str = PAGE_OWNER_ONLY,
                 on_error_hook: ErrorHook | None = None) -> None:
        super().__init__(timeout=timeout)
        if not pages:
            raise ValueError("a paginator needs at least one page")
        self.pages = list(pages)
        self.owner_id = owner_id
        self.index = 0
        self.refusal = refusal
        self.message: discord.Message | discord.InteractionMessage | None = None
        self._on_error_hook = on_error_hook
        self._sync_buttons()

    @property
    def current(self) -> Page:
        return self.pages[self.index]

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1
        self.position.label = f"{self.index + 1}/{len(self.pages)}"

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            self.refusal, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )
        return False

    async def _show(self, interaction: discord.Interaction) -> None:
        self._sync_buttons()
        await interaction.response.edit_message(**self.current.kwargs(), view=self)

    @discord.ui.button(label="Previous", emoji="◀️", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        self.index = max(self.index - 1, 0)
        await self._show(interaction)

    @discord.ui.button(label="1/1", style=discord.ButtonStyle.secondary, disabled=True)
    async def position(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.defer()

    @discord.ui.button(label="Next", emoji="▶️", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        self.index = min(self.index + 1, len(self.pages) - 1)
        await self._show(interaction)

    async def on_timeout(self) -> None:
        # only the page buttons: other controls sharing the message (verdict buttons) stay live
        for item in (self.previous, self.position, self.next):
            item.disabled = True
        if self.message is None:
            return
        try:
            await self.message.edit(view=self, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as exc:
            log.info("could not disable the page buttons of message %s: %s", self.message.id, exc)

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item) -> None:
        if self._on_error_hook is not None:
            await self._on_error_hook(interaction, error)
        else:
            await super().on_error(interaction, error, item)


def page_kwargs(pages: Sequence[Page], *, owner_id: int, on_error_hook: ErrorHook | None = None,
                refusal: str | None = None,
                extra_items: Sequence[discord.ui.Item] = ()) -> tuple[MessageKwargs, Paginator | None]:
    """Send keyword arguments for the first page, with a :class:`Paginator` when there are more.

    ``extra_items`` (e.g. the verdict controls of a stored article) go under
    the page buttons, or alone in a view without timeout for a single page.
    """
    kwargs = pages[0].kwargs()
    if len(pages) == 1:
        if extra_items:
            plain_view = discord.ui.View(timeout=None)
            for item in extra_items:
                plain_view.add_item(item)
            kwargs["view"] = plain_view
        return kwargs, None
    view = Paginator(pages, owner_id=owner_id, on_error_hook=on_error_hook)
    if refusal:
        view.refusal = refusal
    for item in extra_items:
        view.add_item(item)
    kwargs["view"] = view
    return kwargs, view
