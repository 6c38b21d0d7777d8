"""/sources: the stored claims about a topic."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import CrosscheckBot


async def setup(bot: CrosscheckBot) -> None:
    from ._cog import Sources

    await bot.add_cog(Sources(bot))
