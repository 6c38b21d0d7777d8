"""Watched channels: /watch and the on_message check."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import CrosscheckBot


async def setup(bot: CrosscheckBot) -> None:
    from ._cog import Watch

    await bot.add_cog(Watch(bot))
