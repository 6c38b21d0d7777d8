"""Article text and metadata from a fetched page, with trafilatura.

Pure CPU work with no I/O: :class:`bot.fetch.fetcher.Fetcher` runs it in a
worker thread. Navigation, footers, comments and cookie banners are left out;
title, site name, author and date come from the page's metadata (Open Graph,
JSON-LD, ``<meta>``), as trafilatura reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from yarl import URL

#: Least prose (characters in lines of :data:`MIN_PROSE_WORDS` words or more) for a page to hold an article.
MIN_PROSE_CHARS = 200
MIN_PROSE_WORDS = 8

# Consent and cookie banners, which trafilatura sometimes keeps as text.
_PRUNE_XPATH = [
    ("//*[contains(translate(@id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'cookie')"
    " or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'cookie')"
    " or contains(translate(@id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'consent')"
    " or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'consent')"
    " or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'gdpr')]"),
    "//*[@role='dialog' or @aria-modal='true']",
]
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    #: the page's own ``<link rel="canonical">``, when it is on the same site
    canonical_url: str | None = None


def decode(body: bytes, charset: str | None) -> str:
    """``body`` as text: the declared charset, else UTF-8, else cp1252 (never fails)."""
    for encoding in (charset, "utf-8"):
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", errors="replace")


def has_prose(text: str, min_chars: int = MIN_PROSE_CHARS) -> bool:
    """True when ``text`` holds at least ``min_chars`` characters of sentence-length lines."""
    prose = sum(len(line) for line in text.splitlines() if len(line.split()) >= MIN_PROSE_WORDS)
    return prose >= min_chars


def extract_html(
    html: str | bytes, url: str, *, min_chars: int = MIN_PROSE_CHARS
) -> ExtractedArticle | None:
    """The article in ``html``, or ``None`` when the page holds no article text."""
    import trafilatura  # heavy (lxml, htmldate, justext): loaded on the first page, not with the bot
    from trafilatura.settings import Document

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        prune_xpath=_PRUNE_XPATH,
    )
    if not isinstance(doc, Document):  # None: no article (a dict comes only with as_dict=True)
        return None
    text = _paragraphs(doc.text or "")
    if not has_prose(text, min_chars):
        return None
    return ExtractedArticle(
        text=text,
        title=_clean(doc.title),
        outlet=_clean(doc.sitename) or site_name_from_url(url),
        author=_clean(doc.author),
        published=_parse_date(doc.date),
        canonical_url=_same_site(doc.url, url),
    )


def extract_plain(text: str, url: str, *, min_chars: int = MIN_PROSE_CHARS) -> ExtractedArticle | None:
    """A text/plain page is the article as it is."""
    text = text.replace("\r\n", "\n").strip()
    if not has_prose(text, min_chars):
        return None
    return ExtractedArticle(text=text, outlet=site_name_from_url(url))


def site_name_from_url(url: str) -> str | None:
    host = URL(url).host
    if not host:
        return None
    return host.removeprefix("www.").removesuffix(".")


def _paragraphs(text: str) -> str:
    """One paragraph per line in trafilatura's output -> blank-line separated paragraphs.

    Headlines end without a full stop; the blank line keeps a sentence splitter
    from running them into the first sentence.
    """
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n\n".join(line for line in lines if line))


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = _SPACES.sub(" ", value).strip()
    return value or None


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _same_site(candidate: str | None, url: str) -> str | None:
    """``candidate`` when it is an http(s) link on the same host as ``url`` (``www.`` aside)."""
    if not candidate:
        return None
    try:
        cand, base = URL(candidate), URL(url)
    except (ValueError, UnicodeError):
        return None
    if cand.scheme not in ("http", "https") or not cand.host or not base.host:
        return None
    if cand.host.removeprefix("www.") != base.host.removeprefix("www."):
        return None
    return str(cand)


__all__ = [
    "ExtractedArticle",
    "decode",
    "extract_html",
    "extract_plain",
    "has_prose",
    "site_name_from_url",
]
