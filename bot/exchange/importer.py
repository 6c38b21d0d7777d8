"""Importing a crosscheck JSON export or ClaimReview JSON-LD into a workspace, in one transaction per source."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from bot.engine.errors import InputError
from bot.engine.protocol import Actor, ClaimStore
from bot.engine.types import Claim, ClaimStatus, SourceInfo

from .claimreview import CLAIM_KEY, NAMESPACE, reviews_in, status_from_rating
from .records import EXPORT_FORMAT, claim_from_fields, opt_date, source_from_fields

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
        parts = [(f"{self.claims} claim{'s' if self.claims != 1 else ''} imported"
                  f" from {self.sources_created} new source{'s' if self.sources_created != 1 else ''}")]
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
        day = opt_date(published)
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
        items.append(_Item(info=_review_source(review, workspace),
                           status=status_from_rating(review.get("reviewRating")),
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
