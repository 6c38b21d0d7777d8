"""Articles from links, fetched safely.

* :class:`Fetcher` turns a link into an :class:`bot.engine.types.Article`;
* :func:`make_session` builds the guarded HTTP session it needs;
* :class:`URLGuard` is the SSRF guard (also usable alone);
* :func:`find_urls` finds the links in a Discord message;
* :func:`canonical_url` gives one spelling per page.
"""

from __future__ import annotations

from .errors import (
    BlockedAddress,
    BlockedPort,
    CertificateError,
    ConnectionFailed,
    CredentialsInLink,
    FetchTimeout,
    HostNotFound,
    HTTPStatusError,
    InvalidLink,
    NoArticleText,
    NotAWebPage,
    PageTooLarge,
    TooManyRedirects,
    UnsupportedScheme,
)
from .fetcher import Fetcher, GuardedConnector, Page, make_session
from .guard import GuardedResolver, URLGuard, blocked_reason
from .urls import canonical_url, find_urls

__all__ = [
    "BlockedAddress",
    "BlockedPort",
    "CertificateError",
    "ConnectionFailed",
    "CredentialsInLink",
    "FetchTimeout",
    "Fetcher",
    "GuardedConnector",
    "GuardedResolver",
    "HTTPStatusError",
    "HostNotFound",
    "InvalidLink",
    "NoArticleText",
    "NotAWebPage",
    "Page",
    "PageTooLarge",
    "TooManyRedirects",
    "URLGuard",
    "UnsupportedScheme",
    "blocked_reason",
    "canonical_url",
    "find_urls",
    "make_session",
]
