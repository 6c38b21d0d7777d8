"""Export and import of stored claims: crosscheck JSON, CSV and schema.org ClaimReview.

* **JSON** (``crosscheck-export``) and **CSV** carry every field of a stored
  claim, its figure, its source and its moderation status. The JSON export
  imports back losslessly (ids and stored-at times are the new store's).
* **ClaimReview** is schema.org ``ClaimReview`` JSON-LD for confirmed and
  disputed claims, as fact-checkers publish them: ``claimReviewed`` (the
  sentence), ``itemReviewed`` (a ``Claim`` by the claimant, with the sources as
  ``appearance``), ``reviewRating`` (see :data:`RATINGS`), ``author`` (the
  newsroom). crosscheck's own fields ride along under ``crosscheck:claim`` so
  a round trip loses nothing.

Import reads a crosscheck JSON export or ClaimReview JSON-LD (a list, one
object, a ``@graph`` or a ``DataFeed``), including fact-checks published by
other newsrooms: their claims are read from ``claimReviewed`` by the engine,
and their status from the rating's words (:func:`status_from_rating`).
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import json
import re
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from typing import Any, TextIO

from bot.engine.errors import InputError
from bot.engine.protocol import Actor, ClaimStore
from bot.engine.types import Claim, ClaimStatus, Figure, SourceInfo, StoredClaim

FORMATS = ("json", "csv", "claimreview")
EXPORT_FORMAT = "crosscheck-export"
EXPORT_VERSION = 1
#: JSON-LD prefix of crosscheck's own fields inside ClaimReview
NAMESPACE = "https://schema.crosscheck.dev/ns#"
CLAIM_KEY = "crosscheck:claim"
#: statuses a ClaimReview export holds
REVIEWED = (ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED)
#: ClaimReview ratings: a 1-5 scale, 5 = the figure stands (confirmed), 1 = it does not (disputed)
RATINGS: dict[ClaimStatus, tuple[int, str]] = {
    ClaimStatus.CONFIRMED: (5, "Confirmed"),
    ClaimStatus.DISPUTED: (1, "Disputed"),
}
BEST_RATING, WORST_RATING = 5, 1

#: rating words, checked in this order (a "not true" is false)
_FALSE_WORDS = re.compile(
    r"\b(false|falso|faux|misleading|incorrect|inaccurate|wrong|fake|fabricated|debunked|disputed|"
    r"pants on fire|not true|untrue|unsupported|baseless|exaggerat\w*|distort\w*)\b",
    re.IGNORECASE,
)
_MIXED_WORDS = re.compile(r"\b(half|partly|partially|mixed|mixture|unproven|unverified|needs context)\b",
                          re.IGNORECASE)
_TRUE_WORDS = re.compile(r"\b(true|correct|accurate|confirmed|verified|right)\b", re.IGNORECASE)

CSV_COLUMNS = (
    "claim_id", "status", "claim_created_at", "sentence", "subject", "measure", "figure_text", "low", "high",
    "qualifier", "approx", "unit", "claimant", "claimant_chain", "location", "date", "period", "start", "end",
    "figure_start", "figure_end", "subject_terms", "entities", "source_id", "workspace", "path", "url", "title",
    "outlet", "author", "published", "text_hash", "guild_id", "channel_id", "message_id", "message_link",
    "poster", "poster_id", "posted_at", "source_stored_at",
)


# -- records ---------------------------------------------------------------------------------


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


def _opt_date(v: Any) -> date | None:
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
            date=_opt_date(d.get("date")),
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
            published=_opt_date(d.get("published")),
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


# -- export --------------------------------------------------------------------------------


#: first characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """``value`` safe for a spreadsheet: text starting like a formula gets a leading ``'``.

    The rule applies to text cells only (sentences, subjects, titles, names...
    come from articles and posters). Numbers we write as numbers (a ``low`` of
    -5.0) are left as they are: a spreadsheet reads them as numbers, not
    formulas. JSON exports are never changed.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(sc: StoredClaim) -> dict[str, Any]:
    """One CSV row: every field, lists as JSON arrays, absent values empty, formula-like text quoted.

    See :func:`csv_cell` for the quoting rule.
    """
    rec = claim_record(sc)
    c, s, fig = rec["claim"], rec["source"], rec["claim"]["figure"]
    row = {
        "claim_id": rec["id"], "status": rec["status"], "claim_created_at": rec["created_at"],
        "sentence": c["sentence"], "subject": c["subject"], "measure": c["measure"], "figure_text": fig["text"],
        "low": fig["low"], "high": fig["high"], "qualifier": fig["qualifier"], "approx": int(fig["approx"]),
        "unit": fig["unit"], "claimant": c["claimant"], "claimant_chain": json.dumps(c["claimant_chain"]),
        "location": c["location"], "date": c["date"], "period": c["period"], "start": c["start"], "end": c["end"],
        "figure_start": c["figure_start"], "figure_end": c["figure_end"],
        "subject_terms": json.dumps(c["subject_terms"]), "entities": json.dumps(c["entities"]),
        "source_id": s["id"], "source_stored_at": s["stored_at"],
    }
    for key in ("workspace", "path", "url", "title", "outlet", "author", "published", "text_hash", "guild_id",
                "channel_id", "message_id", "message_link", "poster", "poster_id", "posted_at"):
        row[key] = s[key]
    return {k: ("" if v is None else csv_cell(v)) for k, v in row.items()}


#: words that make a claimant an organisation rather than a person
_ORGANISATION_WORDS = re.compile(
    r"\b(ministry|intelligence|officials?|agency|government|council|army|forces|police|office|service|"
    r"department|committee|command|staff|military|sources?|authorit\w+|group|organi[sz]ation|nations|union|"
    r"bank|company|report)\b",
    re.IGNORECASE,
)


def _looks_like_person(name: str) -> bool:
    """"Ana Ruiz" is a Person; "the regional governor", "Ukraine's military intelligence" are not."""
    words = name.split()
    return (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
            and not _ORGANISATION_WORDS.search(name) and not name.lower().startswith("the "))


def _entity(name: str) -> dict[str, Any]:
    return {"@type": "Person" if _looks_like_person(name) else "Organization", "name": name}


def _appearance(info: SourceInfo) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    url = info.url or info.message_link
    if url:
        work["url"] = url
    if info.title:
        work["headline"] = info.title
    if info.outlet:
        work["publisher"] = {"@type": "Organization", "name": info.outlet}
    if info.author:
        work["author"] = _entity(info.author)
    when = info.published or (info.posted_at.date() if info.posted_at else None)
    if when:
        work["datePublished"] = when.isoformat()
    return work


def claimreview(sc: StoredClaim, *, newsroom: str, reviewed_on: date) -> dict[str, Any]:
    """One confirmed or disputed claim as a schema.org ClaimReview (with crosscheck's fields)."""
    value, name = RATINGS[sc.status]
    info = sc.source.info
    item: dict[str, Any] = {"@type": "Claim", "appearance": [_appearance(info)]}
    if sc.claim.claimant:
        item["author"] = _entity(sc.claim.claimant)
    when = info.published or (info.posted_at.date() if info.posted_at else None)
    if when:
        item["datePublished"] = when.isoformat()
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "claimReviewed": sc.claim.sentence,
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": BEST_RATING,
                         "worstRating": WORST_RATING, "alternateName": name},
        "author": {"@type": "Organization", "name": newsroom},
        "datePublished": reviewed_on.isoformat(),
        CLAIM_KEY: claim_record(sc),
    }
    return review


def claimreview_document(reviews: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {"@context": ["https://schema.org", {"crosscheck": NAMESPACE}], "@graph": list(reviews)}


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
    reviewed_on = today or datetime.now(timezone.utc).date()
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
    reviewed_on = today or datetime.now(timezone.utc).date()
    data = await asyncio.to_thread(_serialise, claims, fmt, limit, workspace=workspace, newsroom=newsroom,
                                   reviewed_on=reviewed_on)
    return data, len(claims)


def _json_head(workspace: str) -> str:
    head = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "workspace": workspace,
            "exported_at": datetime.now(timezone.utc).isoformat()}
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
    day = (today or datetime.now(timezone.utc).date()).isoformat()
    ext = {"json": "json", "csv": "csv", "claimreview": "jsonld"}[fmt]
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", workspace)[:40] or "default"
    return f"crosscheck-{safe}-{day}{'.claimreview' if fmt == 'claimreview' else ''}.{ext}"


# -- import --------------------------------------------------------------------------------

#: reads claims from a sentence: (text, source) -> claims (the engine, in its worker)
Extractor = Callable[[str, SourceInfo], Awaitable[list[Claim]]]


@dataclass(slots=True)
class ImportSummary:
    reviews: int = 0
    sources_created: int = 0
    sources_existing: int = 0
    claims: int = 0
    #: reviews in which no figure was found
    without_figures: int = 0
    statuses: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        parts = [f"{self.claims} claim{'s' if self.claims != 1 else ''} imported"
                 f" from {self.sources_created} new source{'s' if self.sources_created != 1 else ''}"]
        if self.statuses:
            parts.append(", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(self.statuses.items())))
        if self.sources_existing:
            parts.append(f"{self.sources_existing} source{'s' if self.sources_existing != 1 else ''} "
                         "already stored (skipped)")
        if self.without_figures:
            parts.append(f"{self.without_figures} review{'s' if self.without_figures != 1 else ''} without a figure")
        return "; ".join(parts) + "."


@dataclass(slots=True)
class _Item:
    """One claim (or one review whose claims the engine will read) waiting to be stored."""

    info: SourceInfo
    status: ClaimStatus
    claim: Claim | None = None
    text: str | None = None


def load_document(data: bytes | str, *, name: str = "the file") -> Any:
    """Parse an import file's JSON, with a sentence naming the problem."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        return json.loads(text)
    except UnicodeDecodeError:
        raise InputError(f"{name} is not UTF-8 text. Export it again as JSON.") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}).") from None


def status_from_rating(rating: Any) -> ClaimStatus:
    """A moderation status from a ClaimReview ``reviewRating``.

    The rating's words (``alternateName``, a textual ``ratingValue``) decide:
    true/correct/accurate -> confirmed; false/misleading/incorrect -> disputed;
    half-true and the rest -> unreviewed. Without words, a numeric rating at
    the best end of its scale confirms and at the worst end disputes.
    """
    if not isinstance(rating, dict):
        return ClaimStatus.UNREVIEWED
    words = " ".join(str(rating.get(k) or "") for k in ("alternateName", "name", "ratingExplanation"))
    value = rating.get("ratingValue")
    if isinstance(value, str) and not _is_number(value):
        words += " " + value
    if _FALSE_WORDS.search(words):
        return ClaimStatus.DISPUTED
    if _MIXED_WORDS.search(words):
        return ClaimStatus.UNREVIEWED
    if _TRUE_WORDS.search(words):
        return ClaimStatus.CONFIRMED
    if words.strip():
        return ClaimStatus.UNREVIEWED
    if value is not None and _is_number(value):
        best = float(rating.get("bestRating") or BEST_RATING)
        worst = float(rating.get("worstRating") or WORST_RATING)
        v = float(value)
        if best != worst:
            if v == best:
                return ClaimStatus.CONFIRMED
            if v == worst:
                return ClaimStatus.DISPUTED
    return ClaimStatus.UNREVIEWED


def _is_number(v: Any) -> bool:
    try:
        float(v)
    except (TypeError, ValueError):
        return False
    return True


def reviews_in(doc: Any) -> list[dict[str, Any]]:
    """The ClaimReview objects of a JSON-LD document: a list, one object, a @graph or a DataFeed."""
    out: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for x in node:
                walk(x)
            return
        if not isinstance(node, dict):
            return
        types = node.get("@type")
        types = types if isinstance(types, list) else [types]
        if "ClaimReview" in types or "schema:ClaimReview" in types:
            out.append(node)
            return
        for key in ("@graph", "dataFeedElement", "item", "itemListElement", "mainEntity"):
            if key in node:
                walk(node[key])

    walk(doc)
    return out


def _first(v: Any) -> Any:
    if isinstance(v, list):
        return v[0] if v else None
    return v


def _name(v: Any) -> str | None:
    v = _first(v)
    if isinstance(v, dict):
        v = v.get("name")
    return str(v).strip() or None if v else None


def _review_source(review: dict[str, Any], workspace: str) -> SourceInfo:
    """Where a foreign review's claim appeared: its appearance (or first appearance), else the review."""
    item = _first(review.get("itemReviewed")) or {}
    if not isinstance(item, dict):
        item = {}
    work = _first(item.get("appearance")) or _first(item.get("firstAppearance")) or {}
    if isinstance(work, str):
        work = {"url": work}
    if not isinstance(work, dict):
        work = {}
    url = work.get("url") or item.get("url") or review.get("url")
    title = work.get("headline") or work.get("name") or review.get("name") or review.get("headline")
    outlet = _name(work.get("publisher")) or _name(work.get("author")) or _name(item.get("author"))
    published = work.get("datePublished") or item.get("datePublished")
    try:
        day = _opt_date(published)
    except ValueError:
        day = None
    return SourceInfo(workspace=workspace, url=str(url) if url else None, title=str(title) if title else None,
                      outlet=outlet, published=day)


def items_of(doc: Any, *, workspace: str) -> tuple[list[_Item], int]:
    """The claims to store from a crosscheck export or ClaimReview document, and the review count."""
    if isinstance(doc, dict) and doc.get("format") == EXPORT_FORMAT:
        records = doc.get("claims")
        if not isinstance(records, list):
            raise InputError("The crosscheck export has no list of claims.")
        return [_item_of_record(r, workspace) for r in records], len(records)
    reviews = reviews_in(doc)
    if not reviews:
        raise InputError("No ClaimReview found in the file, and it is not a crosscheck JSON export.")
    items = []
    for review in reviews:
        record = review.get(CLAIM_KEY) or review.get(NAMESPACE + "claim")
        if isinstance(record, dict):
            items.append(_item_of_record(record, workspace))
            continue
        sentence = review.get("claimReviewed")
        items.append(_Item(info=_review_source(review, workspace), status=status_from_rating(review.get("reviewRating")),
                           text=str(sentence).strip() if sentence else None))
    return items, len(reviews)


def _item_of_record(record: Any, workspace: str) -> _Item:
    if not isinstance(record, dict) or "claim" not in record or "source" not in record:
        raise InputError("A claim record in the file lacks its claim or source.")
    try:
        status = ClaimStatus(record.get("status") or "unreviewed")
    except ValueError:
        raise InputError(f"Unknown claim status {record.get('status')!r} in the file.") from None
    info = source_from_fields(record["source"], workspace)
    return _Item(info=info, status=status, claim=claim_from_fields(record["claim"]))


def _source_key(item: _Item, index: int) -> tuple[Any, ...]:
    """Claims of one source are stored together: same text hash, else same URL, else alone."""
    info = item.info
    if info.text_hash:
        return ("hash", info.text_hash)
    if info.url:
        return ("url", info.url)
    return ("alone", index)


def _with_hash(info: SourceInfo, texts: Iterable[str]) -> SourceInfo:
    """A foreign source without a URL gets a hash of its reviewed sentences, so a re-import is a duplicate."""
    if info.text_hash or info.url:
        return info
    digest = hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()
    return replace(info, text_hash=digest)


async def import_document(store: ClaimStore, doc: Any, *, workspace: str, actor: Actor,
                          extract: Extractor | None = None) -> ImportSummary:
    """Store the claims of an export or ClaimReview document in ``workspace`` (audited as 'import').

    Claims of one source go in one ``add_reviewed`` call; a source already in
    the workspace (same text hash or URL) is skipped. Reviews without
    crosscheck's fields need ``extract`` to read their claims.
    """
    items, count = items_of(doc, workspace=workspace)
    summary = ImportSummary(reviews=count)
    groups: dict[tuple[Any, ...], list[_Item]] = {}
    for i, item in enumerate(items):
        groups.setdefault(_source_key(item, i), []).append(item)
    for group in groups.values():
        pairs: list[tuple[Claim, ClaimStatus]] = []
        for item in group:
            if item.claim is not None:
                pairs.append((item.claim, item.status))
                continue
            if item.text and extract is None:
                raise InputError("This file holds fact-checks from elsewhere; reading their claims needs the engine.")
            found = await extract(item.text, item.info) if (extract and item.text) else []
            if not found:
                summary.without_figures += 1
            pairs.extend((c, item.status) for c in found)
        if not pairs:
            continue
        info = _with_hash(group[0].info, (it.text or "" for it in group))
        result = await store.add_reviewed(info, pairs, actor)
        if not result.created:
            summary.sources_existing += 1
            continue
        summary.sources_created += 1
        summary.claims += len(result.claims)
        summary.statuses.update(sc.status.value for sc in result.claims)
    return summary
