"""/check and the "Check claims" message command."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import CrosscheckBot


async def setup(bot: CrosscheckBot) -> None:
    from ._cog import Check

    await bot.add_cog(Check(bot))
