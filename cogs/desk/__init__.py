"""The verification desk: /source, /settings, /timeline, /export, and the persistent verdict buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import CrosscheckBot


async def setup(bot: CrosscheckBot) -> None:
    from ._buttons import DYNAMIC_ITEMS
    from ._cog import Desk

    # the verdict buttons under earlier replies keep working after a restart
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
    await bot.add_cog(Desk(bot))


async def teardown(bot: CrosscheckBot) -> None:
    from ._buttons import DYNAMIC_ITEMS

    bot.remove_dynamic_items(*DYNAMIC_ITEMS)
