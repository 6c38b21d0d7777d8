"""crosscheck's own record of a stored claim: every field of the claim, its figure and its source, and back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.engine.errors import InputError
from bot.engine.types import Claim, Figure, SourceInfo, StoredClaim

EXPORT_FORMAT = "crosscheck-export"


EXPORT_VERSION = 1


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _num(v: float | None) -> int | float | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else float(v)


def claim_fields(claim: Claim) -> dict[str, Any]:
    """Every field of a claim and its figure, JSON-ready."""
    fig = claim.figure
    return {
        "sentence": claim.sentence,
        "subject": claim.subject,
        "measure": claim.measure,
        "figure": {"text": fig.text, "low": _num(fig.low), "high": _num(fig.high), "qualifier": fig.qualifier,
                   "approx": fig.approx, "unit": fig.unit},
        "claimant": claim.claimant,
        "claimant_chain": list(claim.claimant_chain),
        "location": claim.location,
        "date": _iso(claim.date),
        "period": claim.period,
        "start": claim.start,
        "end": claim.end,
        "figure_start": claim.figure_start,
        "figure_end": claim.figure_end,
        "subject_terms": list(claim.subject_terms),
        "entities": list(claim.entities),
    }


def source_fields(info: SourceInfo) -> dict[str, Any]:
    """Every field of a source, JSON-ready."""
    return {
        "workspace": info.workspace,
        "path": info.path,
        "url": info.url,
        "title": info.title,
        "outlet": info.outlet,
        "author": info.author,
        "published": _iso(info.published),
        "text_hash": info.text_hash or None,
        "guild_id": info.guild_id,
        "channel_id": info.channel_id,
        "message_id": info.message_id,
        "message_link": info.message_link,
        "poster": info.poster,
        "poster_id": info.poster_id,
        "posted_at": _iso(info.posted_at),
    }


def claim_record(sc: StoredClaim) -> dict[str, Any]:
    """A stored claim as one export record: the claim, its status and its source."""
    source = source_fields(sc.source.info)
    source["id"] = sc.source.id
    source["stored_at"] = _iso(sc.source.created_at)
    return {
        "id": sc.id,
        "status": sc.status.value,
        "created_at": _iso(sc.created_at),
        "claim": claim_fields(sc.claim),
        "source": source,
    }


def _opt_str(d: dict[str, Any], key: str) -> str | None:
    v = d.get(key)
    return None if v is None or v == "" else str(v)


def _opt_int(d: dict[str, Any], key: str) -> int | None:
    v = d.get(key)
    return None if v is None or v == "" else int(v)


def _opt_float(v: Any) -> float | None:
    return None if v is None or v == "" else float(v)


def opt_date(v: Any) -> date | None:
    return date.fromisoformat(str(v)[:10]) if v not in (None, "") else None


def _opt_datetime(v: Any) -> datetime | None:
    return datetime.fromisoformat(str(v)) if v not in (None, "") else None


def claim_from_fields(d: dict[str, Any]) -> Claim:
    """The inverse of :func:`claim_fields`; raises InputError on a malformed record."""
    try:
        fig = d["figure"]
        return Claim(
            sentence=str(d["sentence"]),
            figure=Figure(text=str(fig["text"]), low=_opt_float(fig.get("low")), high=_opt_float(fig.get("high")),
                          qualifier=_opt_str(fig, "qualifier"), approx=bool(fig.get("approx", False)),
                          unit=str(fig.get("unit") or "people")),
            measure=str(d["measure"]),
            subject=str(d.get("subject") or ""),
            claimant=_opt_str(d, "claimant"),
            claimant_chain=tuple(str(x) for x in d.get("claimant_chain") or ()),
            location=_opt_str(d, "location"),
            date=opt_date(d.get("date")),
            period=_opt_str(d, "period"),
            start=int(d.get("start") or 0),
            end=int(d.get("end") or 0),
            figure_start=int(d.get("figure_start") or 0),
            figure_end=int(d.get("figure_end") or 0),
            subject_terms=tuple(str(x) for x in d.get("subject_terms") or ()),
            entities=tuple(str(x) for x in d.get("entities") or ()),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"A claim in the file is malformed ({exc.__class__.__name__}: {exc}).") from None


def source_from_fields(d: dict[str, Any], workspace: str) -> SourceInfo:
    """The inverse of :func:`source_fields`, placed in ``workspace``."""
    try:
        return SourceInfo(
            workspace=workspace,
            path=_opt_str(d, "path"),
            url=_opt_str(d, "url"),
            title=_opt_str(d, "title"),
            outlet=_opt_str(d, "outlet"),
            author=_opt_str(d, "author"),
            published=opt_date(d.get("published")),
            text_hash=_opt_str(d, "text_hash") or "",
            guild_id=_opt_int(d, "guild_id"),
            channel_id=_opt_int(d, "channel_id"),
            message_id=_opt_int(d, "message_id"),
            message_link=_opt_str(d, "message_link"),
            poster=_opt_str(d, "poster"),
            poster_id=_opt_int(d, "poster_id"),
            posted_at=_opt_datetime(d.get("posted_at")),
        )
    except (TypeError, ValueError) as exc:
        raise InputError(f"A source in the file is malformed ({exc.__class__.__name__}: {exc}).") from None
