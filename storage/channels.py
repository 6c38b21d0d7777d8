"""The bot's own state in the store: watched channels, catch-up cursors and the messages it answered."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from bot.engine.curation import require_moderator
from bot.engine.protocol import Actor, HandledMessage, WatchedChannel

from .driver import Driver, Executor, as_utc, to_datetime, utc_now
from .rows import advance_cursor, audit, required_datetime


class ChannelStore:
    """Watched channels and catching up on them (see the protocol)."""

    driver: Driver


    async def add_watch(self, workspace: str, channel_id: int, actor: Actor) -> bool:
        require_moderator(actor, "choose the watched channels")

        async def tx(ex: Executor) -> bool:
            now = utc_now()
            row = await ex.fetchone(
                "INSERT INTO watched_channels (workspace, channel_id, added_by, added_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING RETURNING channel_id",
                (workspace, channel_id, actor.name, now),
            )
            if row is not None:
                await audit(ex, workspace, None, actor, "watch", None, None, f"channel {channel_id}", now)
            return row is not None

        return await self.driver.write(tx)

    async def remove_watch(self, workspace: str, channel_id: int, actor: Actor) -> bool:
        require_moderator(actor, "choose the watched channels")

        async def tx(ex: Executor) -> bool:
            row = await ex.fetchone(
                "DELETE FROM watched_channels WHERE workspace = ? AND channel_id = ? RETURNING channel_id",
                (workspace, channel_id),
            )
            if row is not None:
                await audit(ex, workspace, None, actor, "unwatch", None, None, f"channel {channel_id}", utc_now())
            return row is not None

        return await self.driver.write(tx)

    async def list_watches(self, workspace: str) -> list[WatchedChannel]:
        rows = await self.driver.read(
            lambda ex: ex.fetchall(
                "SELECT workspace, channel_id, added_by, added_at FROM watched_channels"
                " WHERE workspace = ? ORDER BY added_at, channel_id",
                (workspace,),
            )
        )
        return [
            WatchedChannel(
                workspace=r["workspace"],
                channel_id=int(r["channel_id"]),
                added_by=r["added_by"],
                added_at=required_datetime(r["added_at"]),
            )
            for r in rows
        ]

    # -- catching up on watched channels ---------------------------------------------

    async def channel_cursor(self, workspace: str, channel_id: int) -> int | None:
        row = await self.driver.read(
            lambda ex: ex.fetchone(
                "SELECT last_message_id FROM channel_cursors WHERE workspace = ? AND channel_id = ?",
                (workspace, channel_id),
            )
        )
        return None if row is None else int(row["last_message_id"])

    async def advance_cursor(self, workspace: str, channel_id: int, message_id: int) -> None:
        await self.driver.write(partial(advance_cursor, workspace=workspace, channel_id=channel_id,
                                        message_id=message_id))

    async def handled_message(self, workspace: str, message_id: int) -> HandledMessage | None:
        row = await self.driver.read(
            lambda ex: ex.fetchone(
                "SELECT workspace, channel_id, message_id, edited_at, reply_id, handled_at"
                " FROM handled_messages WHERE workspace = ? AND message_id = ?",
                (workspace, message_id),
            )
        )
        if row is None:
            return None
        return HandledMessage(
            workspace=row["workspace"],
            channel_id=int(row["channel_id"]),
            message_id=int(row["message_id"]),
            edited_at=to_datetime(row["edited_at"]),
            reply_id=None if row["reply_id"] is None else int(row["reply_id"]),
            handled_at=required_datetime(row["handled_at"]),
        )

    async def mark_handled(
        self, workspace: str, channel_id: int, message_id: int, *,
        edited_at: datetime | None, reply_id: int | None,
    ) -> None:
        async def tx(ex: Executor) -> None:
            await ex.execute(
                "INSERT INTO handled_messages (workspace, channel_id, message_id, edited_at, reply_id, handled_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workspace, message_id) DO UPDATE SET"
                " edited_at = excluded.edited_at,"
                " reply_id = COALESCE(excluded.reply_id, handled_messages.reply_id),"
                " handled_at = excluded.handled_at",
                (workspace, channel_id, message_id, as_utc(edited_at) if edited_at else None, reply_id, utc_now()),
            )
            await advance_cursor(ex, workspace=workspace, channel_id=channel_id, message_id=message_id)

        await self.driver.write(tx)

    # -- curation -------------------------------------------------------------------
