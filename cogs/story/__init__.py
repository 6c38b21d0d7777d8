"""/story: a story's dossier and chart; /story-curate move, merge and split (moderators)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import CrosscheckBot


async def setup(bot: CrosscheckBot) -> None:
    from ._cog import Stories

    await bot.add_cog(Stories(bot))
