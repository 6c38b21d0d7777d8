"""Exporting a workspace's claims in one of :data:`FORMATS`, streamed or capped to a file size."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, date, datetime
from typing import Any, TextIO

from bot.engine.errors import InputError
from bot.engine.protocol import ClaimStore
from bot.engine.types import ClaimStatus, StoredClaim

from .claimreview import REVIEWED, claimreview, claimreview_document
from .csv_format import CSV_COLUMNS, csv_row
from .records import EXPORT_FORMAT, EXPORT_VERSION, claim_record

FORMATS = ("json", "csv", "claimreview")


async def export_claims(store: ClaimStore, workspace: str, fmt: str, out: TextIO, *,
                        statuses: Sequence[ClaimStatus] | None = None, newsroom: str = "crosscheck",
                        today: date | None = None) -> int:
    """Write the workspace's claims to ``out`` in ``fmt``; returns how many were written.

    Claims are streamed from the store oldest first; JSON and CSV hold every
    status unless ``statuses`` is given, ClaimReview only confirmed and disputed.
    """
    statuses = _export_statuses(fmt, statuses)
    claims = store.iter_claims(workspace, statuses=statuses)
    if fmt == "csv":
        return await _write_csv(claims, out)
    if fmt == "json":
        return await _write_json(claims, out, workspace=workspace)
    reviewed_on = today or datetime.now(UTC).date()
    reviews = [claimreview(sc, newsroom=newsroom, reviewed_on=reviewed_on) async for sc in claims]
    # one document, serialised at once: off the event loop (a large store takes a second)
    text = await asyncio.to_thread(json.dumps, claimreview_document(reviews), ensure_ascii=False, indent=2)
    out.write(text + "\n")
    return len(reviews)


def _export_statuses(fmt: str, statuses: Sequence[ClaimStatus] | None) -> list[ClaimStatus] | None:
    """The statuses an export of ``fmt`` holds (None: all); InputError for an unknown format."""
    if fmt not in FORMATS:
        raise InputError(f"Unknown export format {fmt!r}: use one of {', '.join(FORMATS)}.")
    if fmt == "claimreview":
        wanted = [s for s in (statuses or REVIEWED) if s in REVIEWED]
        if not wanted:
            raise InputError("A ClaimReview export holds confirmed and disputed claims only.")
        return wanted
    return list(statuses) if statuses else None


class ExportTooLarge(InputError):
    """An export bigger than an upload may be (stopped as soon as it passed the limit)."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"The export is larger than Discord allows ({_mebibytes(limit)}). "
            "Use crosscheck export on the server, or filter by status."
        )
        self.limit = limit


def _mebibytes(n: int) -> str:
    """Sizes as Discord states its upload limits: ``26_214_400`` -> ``"25 MB"`` (MiB)."""
    if n < 1024 * 1024:
        return f"{n / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{n / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


class _CappedBytes(io.TextIOBase):
    """A text sink that keeps UTF-8 bytes and raises :class:`ExportTooLarge` once past ``limit``."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self._chunks: list[bytes] = []
        self._size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self._size += len(data)
        if self._size > self.limit:
            raise ExportTooLarge(self.limit)
        self._chunks.append(data)
        return len(text)

    def getvalue(self) -> bytes:
        return b"".join(self._chunks)


def _serialise(claims: list[StoredClaim], fmt: str, limit: int, *, workspace: str, newsroom: str,
               reviewed_on: date) -> bytes:
    """The export of ``claims`` as UTF-8 bytes, stopping at ``limit`` (CPU work: run it in a thread)."""
    out = _CappedBytes(limit)
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for sc in claims:
            writer.writerow(csv_row(sc))
    elif fmt == "json":
        out.write(_json_head(workspace))
        for i, sc in enumerate(claims):
            out.write(",\n  " if i else "\n  ")
            out.write(json.dumps(claim_record(sc), ensure_ascii=False))
        out.write("\n]}\n")
    else:
        reviews = [claimreview(sc, newsroom=newsroom, reviewed_on=reviewed_on) for sc in claims]
        out.write(json.dumps(claimreview_document(reviews), ensure_ascii=False, indent=2) + "\n")
    return out.getvalue()


async def export_file(store: ClaimStore, workspace: str, fmt: str, *, limit: int,
                      statuses: Sequence[ClaimStatus] | None = None, newsroom: str = "crosscheck",
                      today: date | None = None) -> tuple[bytes, int]:
    """The export as the bytes of an upload of at most ``limit`` bytes, and its claim count.

    Serialising and encoding run in a thread, off the event loop; they stop
    with :class:`ExportTooLarge` as soon as the bytes pass ``limit``.
    """
    wanted = _export_statuses(fmt, statuses)
    claims = [sc async for sc in store.iter_claims(workspace, statuses=wanted)]
    reviewed_on = today or datetime.now(UTC).date()
    data = await asyncio.to_thread(_serialise, claims, fmt, limit, workspace=workspace, newsroom=newsroom,
                                   reviewed_on=reviewed_on)
    return data, len(claims)


def _json_head(workspace: str) -> str:
    head = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "workspace": workspace,
            "exported_at": datetime.now(UTC).isoformat()}
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "claims": ['


async def _write_csv(claims: AsyncIterator[StoredClaim], out: TextIO) -> int:
    # RFC 4180 line ends: the writer then quotes a field holding a lone carriage return
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    n = 0
    async for sc in claims:
        writer.writerow(csv_row(sc))
        n += 1
    return n


async def _write_json(claims: AsyncIterator[StoredClaim], out: TextIO, *, workspace: str) -> int:
    out.write(_json_head(workspace))
    n = 0
    async for sc in claims:
        out.write(",\n  " if n else "\n  ")
        out.write(json.dumps(claim_record(sc), ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


async def export_text(store: ClaimStore, workspace: str, fmt: str, **kwargs: Any) -> tuple[str, int]:
    """The export as one string (for a Discord attachment) and its claim count."""
    buf = io.StringIO()
    n = await export_claims(store, workspace, fmt, buf, **kwargs)
    return buf.getvalue(), n


def file_name(workspace: str, fmt: str, today: date | None = None) -> str:
    day = (today or datetime.now(UTC).date()).isoformat()
    ext = {"json": "json", "csv": "csv", "claimreview": "jsonld"}[fmt]
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", workspace)[:40] or "default"
    return f"crosscheck-{safe}-{day}{'.claimreview' if fmt == 'claimreview' else ''}.{ext}"
