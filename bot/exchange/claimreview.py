"""schema.org ClaimReview: a confirmed or disputed claim as fact-checkers publish it, and a review's rating
read back as a status."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from bot.engine.types import ClaimStatus, SourceInfo, StoredClaim

from .records import claim_record

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
