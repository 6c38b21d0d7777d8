"""The verification desk: /source, /settings, /timeline, /export, and the persistent verdict buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import CrosscheckBot


async def setup(bot: CrosscheckBot) -> None:
    from ._cog import Desk

    await bot.add_cog(Desk(bot))
