"""/claim show|edit|status|merge|delete: the verification desk's claim commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import CrosscheckBot


async def setup(bot: CrosscheckBot) -> None:
    from ._cog import Claims

    await bot.add_cog(Claims(bot))
