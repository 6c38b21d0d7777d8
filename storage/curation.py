"""Curation in the store: statuses, edits, merges, deletions, grades and settings, each audited.

The rules (who may curate, what an edit may say, what the audit log keeps) are
the engine's (:mod:`bot.engine.curation`); here they are applied and stored,
the change and its audit entry in one transaction.
"""

from __future__ import annotations

from typing import Any

from bot.engine.curation import (
    check_merge,
    check_setting_key,
    checked_edit,
    checked_grade,
    edited,
    grade_detail,
    merge_details,
    reason_text,
    require_moderator,
    retrieval_changed,
    setting_detail,
    snapshot,
)
from bot.engine.protocol import Actor, AuditEntry, ClaimEdit
from bot.engine.types import ClaimStatus, StoredClaim

from .driver import Executor, utc_now
from .retrieval import RetrievalStore
from .rows import INSERT_TERM, SELECT_AUDIT, audit, audit_from, grades_of, no_claim, term_rows


class CurationStore(RetrievalStore):
    """The verification desk's writes (see the protocol: moderators only, each audited)."""


    async def set_status(
        self, workspace: str, claim_id: int, status: ClaimStatus, actor: Actor, reason: str
    ) -> StoredClaim:
        require_moderator(actor, "change a claim's status")
        status = ClaimStatus(status)

        async def tx(ex: Executor) -> StoredClaim:
            row = await ex.fetchone(
                "SELECT status FROM claims WHERE workspace = ? AND id = ?", (workspace, claim_id)
            )
            if row is None:
                raise no_claim(workspace, claim_id)
            now = utc_now()
            await ex.execute(
                "UPDATE claims SET status = ?, updated_at = ? WHERE workspace = ? AND id = ?",
                (status.value, now, workspace, claim_id),
            )
            await audit(ex, workspace, claim_id, actor, "set_status", row["status"], status.value,
                         reason_text(reason), now)
            found = await self._claims_by_ids(ex, workspace, [claim_id])
            return found[0]

        return await self.driver.write(tx)

    async def edit_claim(
        self, workspace: str, claim_id: int, edit: ClaimEdit, actor: Actor, reason: str
    ) -> StoredClaim:
        """Correct an extraction error: the fields of ``edit`` that are not None.

        ``subject`` and ``measure`` must not be blank; a blank ``claimant``,
        ``location`` or ``period`` clears it. Retrieval terms are recomputed
        when the subject or measure changes (and follow a new unit). The
        audit entry's ``detail`` lists ``field: old -> new``; an edit that
        changes nothing is neither written nor audited.
        """
        require_moderator(actor, "correct a claim")
        edit = checked_edit(edit)

        async def tx(ex: Executor) -> StoredClaim:
            found = await self._claims_by_ids(ex, workspace, [claim_id])
            if not found:
                raise no_claim(workspace, claim_id)
            before = found[0].claim
            after, changes = edited(before, edit)
            if not changes:
                return found[0]
            now = utc_now()
            fig = after.figure
            await ex.execute(
                "UPDATE claims SET figure_text = ?, low = ?, high = ?, qualifier = ?, approx = ?, unit = ?,"
                " measure = ?, subject = ?, claimant = ?, location = ?, period = ?, updated_at = ?"
                " WHERE workspace = ? AND id = ?",
                (fig.text, fig.low, fig.high, fig.qualifier, bool(fig.approx), fig.unit, after.measure,
                 after.subject, after.claimant, after.location, after.period, now, workspace, claim_id),
            )
            if retrieval_changed(before, after):
                await ex.execute("DELETE FROM claim_terms WHERE claim_id = ?", (claim_id,))
                rows = term_rows(claim_id, workspace, after)
                if rows:
                    await ex.executemany(INSERT_TERM, rows)
            await audit(ex, workspace, claim_id, actor, "edit", None, None, reason_text(reason), now,
                         detail="; ".join(changes))
            return (await self._claims_by_ids(ex, workspace, [claim_id]))[0]

        return await self.driver.write(tx)

    async def merge_claims(
        self, workspace: str, keep_id: int, merge_id: int, actor: Actor, reason: str
    ) -> StoredClaim:
        """``merge_id`` becomes superseded by ``keep_id``; both get a 'merge' audit entry. Returns the kept claim."""
        require_moderator(actor, "merge claims")
        check_merge(keep_id, merge_id)
        merged_detail, kept_detail = merge_details(keep_id, merge_id)

        async def tx(ex: Executor) -> StoredClaim:
            rows = await ex.fetchall(
                "SELECT id, status FROM claims WHERE workspace = ? AND id IN (?, ?)", (workspace, keep_id, merge_id)
            )
            statuses = {int(r["id"]): r["status"] for r in rows}
            for wanted in (keep_id, merge_id):
                if wanted not in statuses:
                    raise no_claim(workspace, wanted)
            now = utc_now()
            why = reason_text(reason)
            await ex.execute(
                "UPDATE claims SET status = ?, updated_at = ? WHERE workspace = ? AND id = ?",
                (ClaimStatus.SUPERSEDED.value, now, workspace, merge_id),
            )
            await audit(ex, workspace, merge_id, actor, "merge", statuses[merge_id], ClaimStatus.SUPERSEDED.value,
                         why, now, detail=merged_detail)
            await audit(ex, workspace, keep_id, actor, "merge", None, None, why, now,
                         detail=kept_detail)
            return (await self._claims_by_ids(ex, workspace, [keep_id]))[0]

        return await self.driver.write(tx)

    async def delete_claim(self, workspace: str, claim_id: int, actor: Actor, reason: str) -> None:
        """Remove a claim with its terms and attribution chain; its audit entries stay.

        The 'delete' entry's ``detail`` is a snapshot of the claim, so the log
        still says what was removed.
        """
        require_moderator(actor, "delete claims")

        async def tx(ex: Executor) -> None:
            found = await self._claims_by_ids(ex, workspace, [claim_id])
            if not found:
                raise no_claim(workspace, claim_id)
            gone = found[0]
            await ex.execute("DELETE FROM claim_terms WHERE claim_id = ?", (claim_id,))
            await ex.execute("DELETE FROM claimant_chain WHERE claim_id = ?", (claim_id,))
            await ex.execute("DELETE FROM claims WHERE workspace = ? AND id = ?", (workspace, claim_id))
            await audit(ex, workspace, claim_id, actor, "delete", gone.status.value, None, reason_text(reason),
                         utc_now(), detail=snapshot(gone))

        try:
            await self.driver.write(tx)
        finally:
            self._cache.discard(claim_id)

    async def audit_entries(
        self, workspace: str, *, claim_id: int | None = None, limit: int = 50
    ) -> list[AuditEntry]:
        """The workspace's audit log (or one claim's, deleted or not), newest first."""
        if limit < 1:
            return []
        sql = f"{SELECT_AUDIT} WHERE workspace = ?"
        params: list[Any] = [workspace]
        if claim_id is not None:
            sql += " AND claim_id = ?"
            params.append(claim_id)
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(limit)
        rows = await self.driver.read(lambda ex: ex.fetchall(sql, params))
        return [audit_from(r) for r in rows]

    # -- outlet grades and settings -------------------------------------------------

    async def set_grade(self, workspace: str, outlet: str, grade: str, actor: Actor, reason: str) -> None:
        """Grade an outlet (one of :data:`~bot.engine.protocol.GRADES`), keyed case-insensitively; audited."""
        require_moderator(actor, "grade outlets")
        name, key, wanted = checked_grade(outlet, grade)

        async def tx(ex: Executor) -> None:
            row = await ex.fetchone(
                "SELECT grade FROM source_grades WHERE workspace = ? AND outlet_key = ?", (workspace, key)
            )
            now = utc_now()
            await ex.execute(
                "INSERT INTO source_grades (workspace, outlet_key, outlet, grade, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (workspace, outlet_key) DO UPDATE SET outlet = excluded.outlet,"
                " grade = excluded.grade, updated_at = excluded.updated_at",
                (workspace, key, name, wanted, now),
            )
            await audit(ex, workspace, None, actor, "grade", None, None, reason_text(reason), now,
                        detail=grade_detail(name, row["grade"] if row is not None else None, wanted))

        await self.driver.write(tx)

    async def grades(self, workspace: str) -> dict[str, str]:
        """Outlet key (trimmed, lower-cased) -> grade, for every graded outlet of the workspace."""
        return await self.driver.read(lambda ex: grades_of(ex, workspace))

    async def get_setting(self, workspace: str, key: str) -> str | None:
        row = await self.driver.read(
            lambda ex: ex.fetchone(
                "SELECT value FROM guild_settings WHERE workspace = ? AND key = ?", (workspace, key)
            )
        )
        return row["value"] if row is not None else None

    async def set_setting(self, workspace: str, key: str, value: str | None, actor: Actor) -> None:
        """Set a workspace setting (None removes it); audited as 'setting' when it changes. Moderators only."""
        require_moderator(actor, "change this server's settings")
        check_setting_key(key)

        async def tx(ex: Executor) -> None:
            row = await ex.fetchone(
                "SELECT value FROM guild_settings WHERE workspace = ? AND key = ?", (workspace, key)
            )
            before = row["value"] if row is not None else None
            if before == value:
                return
            if value is None:
                await ex.execute("DELETE FROM guild_settings WHERE workspace = ? AND key = ?", (workspace, key))
            else:
                await ex.execute(
                    "INSERT INTO guild_settings (workspace, key, value) VALUES (?, ?, ?)"
                    " ON CONFLICT (workspace, key) DO UPDATE SET value = excluded.value",
                    (workspace, key, value),
                )
            await audit(ex, workspace, None, actor, "setting", None, None, None, utc_now(),
                         detail=setting_detail(key, before, value))

        await self.driver.write(tx)

    # -- autocomplete, export, import ---------------------------------------------------

