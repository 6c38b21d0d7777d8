"""Articles from links: fetched safely, extracted off the event loop, cached.

Usage::

    async with Fetcher(settings) as fetcher:
        article = await fetcher.fetch_article("https://example.com/news/1")

or, sharing one HTTP session made at startup::

    session = make_session(settings)
    fetcher = Fetcher(settings, session)

A session given to :class:`Fetcher` must come from :func:`make_session`: its
connector resolves names through the SSRF guard and connects only to the
addresses the guard vetted. Redirects are followed by hand, each hop checked
again; the whole fetch, redirects included, has ``settings.fetch_timeout``
seconds; the body is streamed and abandoned beyond ``settings.fetch_max_bytes``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

import aiohttp
from yarl import URL

from bot.engine.types import Article, SourceInfo
from bot.settings import Settings

from .cache import TTLCache
from .errors import (
    BlockedAddress,
    BlockedPort,
    CertificateError,
    ConnectionFailed,
    FetchError,
    FetchTimeout,
    HostNotFound,
    HTTPStatusError,
    InvalidLink,
    NoArticleText,
    NotAWebPage,
    PageTooLarge,
    TooManyRedirects,
)
from .extract import ExtractedArticle, decode, extract_html, extract_plain
from .guard import GuardedResolver, ResolveFunc, URLGuard
from .urls import canonical_url

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK_SIZE = 64 * 1024
ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched response body, before extraction."""

    url: URL
    content_type: str
    charset: str | None
    body: bytes


class GuardedConnector(aiohttp.TCPConnector):
    """A TCP connector whose every name lookup goes through ``guard``."""

    def __init__(self, guard: URLGuard, **kwargs: object) -> None:
        kwargs.setdefault("limit", 100)
        kwargs.setdefault("limit_per_host", 4)
        super().__init__(resolver=GuardedResolver(guard), use_dns_cache=False, **kwargs)  # type: ignore[arg-type]
        self.guard = guard


def make_session(
    settings: Settings,
    *,
    resolve: ResolveFunc | None = None,
    ssl_context: ssl.SSLContext | None = None,
) -> aiohttp.ClientSession:
    """An HTTP session for fetching links: guarded resolver, no cookies, no proxies from the environment.

    Call it from a coroutine (the bot's ``setup_hook``); close it on shutdown.
    ``resolve`` replaces the system resolver (tests); ``ssl_context`` the
    default certificate verification (a private CA on a closed network).
    Certificates are always verified.
    """
    guard = URLGuard(settings, resolve=resolve)
    return aiohttp.ClientSession(
        connector=GuardedConnector(guard, ssl=ssl_context if ssl_context is not None else True),
        cookie_jar=aiohttp.DummyCookieJar(),
        trust_env=False,
        headers={"User-Agent": settings.user_agent, "Accept": ACCEPT, "Accept-Language": "en;q=1.0, *;q=0.5"},
        timeout=aiohttp.ClientTimeout(total=settings.fetch_timeout),
    )


class Fetcher:
    """Fetches links as :class:`Article` objects, safely and at most once per TTL."""

    def __init__(
        self,
        settings: Settings,
        session: aiohttp.ClientSession | None = None,
        *,
        resolve: ResolveFunc | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if session is not None:
            if not isinstance(session.connector, GuardedConnector):
                raise TypeError(
                    "Fetcher needs a session from bot.fetch.make_session(settings): "
                    "its connector checks every address it connects to"
                )
            if resolve is not None:
                raise TypeError("pass resolve to make_session, not to Fetcher, when giving a session")
            self._guard = session.connector.guard
        else:
            self._guard = URLGuard(settings, resolve=resolve)
        self._settings = settings
        self._session = session
        self._owns_session = session is None
        self._resolve = resolve
        self._cache: TTLCache[Article] = TTLCache(settings.fetch_cache_ttl, clock=clock)

    # -- lifecycle --

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Cancel fetches under way; close the session if this fetcher made it."""
        await self._cache.aclose()
        if self._owns_session and self._session is not None:
            await self._session.close()
            self._session = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            if not self._owns_session:
                raise RuntimeError("the session given to this Fetcher is closed")
            self._session = make_session(self._settings, resolve=self._resolve)
        return self._session

    # -- public API --

    @property
    def guard(self) -> URLGuard:
        """The SSRF guard, for checking a link before queueing work for it."""
        return self._guard

    @property
    def cache(self) -> TTLCache[Article]:
        return self._cache

    async def fetch_article(self, url: str, *, workspace: str = "default") -> Article:
        """The article at ``url``: extracted text, canonical URL, title, outlet, author, date.

        Raises a :class:`bot.engine.errors.FetchError` whose message a reporter
        can act on. ``text_hash`` is left empty for the engine to fill.
        """
        try:
            checked = self._guard.check_url(url)  # refuse before touching cache or network
            key = canonical_url(checked.url)
            article = await self._cache.get_or_load(key, lambda: self._load(checked.url))
        except (BlockedAddress, BlockedPort) as exc:
            log.warning("refused link %r: %s %s", url, type(exc).__name__, _refusal_detail(exc))
            raise
        return dataclasses.replace(article, source=dataclasses.replace(article.source, workspace=workspace))

    async def fetch_page(self, url: str | URL) -> Page:
        """The page at ``url`` after redirects, every hop guarded (not cached)."""
        return await self._download(self._guard.check_url(url).url)

    # -- internals --

    async def _load(self, url: URL) -> Article:
        page = await self._download(url)
        extracted = await asyncio.to_thread(_extract, page)
        if extracted is None:
            raise NoArticleText
        final = canonical_url(extracted.canonical_url or page.url)
        article = Article(
            text=extracted.text,
            source=SourceInfo(
                url=final,
                title=extracted.title,
                outlet=extracted.outlet,
                author=extracted.author,
                published=extracted.published,
            ),
        )
        self._cache.put(final, article)
        self._cache.put(canonical_url(page.url), article)
        return article

    async def _download(self, url: URL) -> Page:
        timeout = self._settings.fetch_timeout
        try:
            async with asyncio.timeout(timeout):
                return await self._follow(url)
        except TimeoutError:
            raise FetchTimeout(timeout) from None
        except aiohttp.ClientConnectorDNSError as exc:
            raise HostNotFound(exc.host) from None
        except aiohttp.ClientConnectorCertificateError as exc:
            raise CertificateError(exc.host) from None
        except aiohttp.ClientSSLError as exc:
            raise CertificateError(exc.host) from None
        except aiohttp.InvalidURL as exc:
            raise InvalidLink(str(exc)) from None
        except aiohttp.ClientConnectorError as exc:
            raise ConnectionFailed(exc.host) from None
        except aiohttp.ClientError as exc:
            log.info("fetch of %s failed: %r", url, exc)
            raise ConnectionFailed(url.host) from None

    async def _follow(self, url: URL) -> Page:
        session = self._get_session()
        limit = self._settings.fetch_max_redirects
        redirects = 0
        while True:
            checked = self._guard.check_url(url)
            async with session.get(checked.url, allow_redirects=False) as resp:
                target = _redirect_target(resp)
                if target is None:
                    return await self._read(resp)
            if redirects >= limit:
                raise TooManyRedirects(limit)
            redirects += 1
            log.debug("redirect %d: %s -> %s", redirects, checked.url, target)
            url = target

    async def _read(self, resp: aiohttp.ClientResponse) -> Page:
        if not 200 <= resp.status < 300:
            raise HTTPStatusError(resp.status)
        declared = "Content-Type" in resp.headers
        content_type = resp.content_type.lower() if declared else ""
        if declared and content_type not in HTML_TYPES | TEXT_TYPES:
            raise NotAWebPage(content_type)
        limit = self._settings.fetch_max_bytes
        if resp.content_length is not None and resp.content_length > limit:
            raise PageTooLarge(limit)
        body = await _read_capped(resp.content, limit)
        if not declared:
            content_type = _sniff(body)
        if content_type in TEXT_TYPES and b"\x00" in body[:4096]:
            raise NotAWebPage("binary data")
        return Page(url=resp.url, content_type=content_type, charset=resp.charset, body=body)


def _refusal_detail(exc: BlockedAddress | BlockedPort) -> str:
    if isinstance(exc, BlockedPort):
        return f"port {exc.port}"
    return f"{exc.address} ({exc.reason})"


def _redirect_target(resp: aiohttp.ClientResponse) -> URL | None:
    if resp.status not in REDIRECT_STATUSES:
        return None
    location = resp.headers.get("Location")
    if not location:
        return None
    try:
        return resp.url.join(URL(location.strip()))
    except (ValueError, UnicodeError) as exc:
        raise InvalidLink(f"bad redirect {location!r}: {exc}") from None


async def _read_capped(content: aiohttp.StreamReader, limit: int) -> bytes:
    """Read the body chunk by chunk; give up as soon as it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    total = 0
    async for chunk in content.iter_chunked(CHUNK_SIZE):
        total += len(chunk)
        if total > limit:
            raise PageTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _sniff(body: bytes) -> str:
    """The type of a body sent without Content-Type: HTML or refused."""
    head = body[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "text/html"
    raise NotAWebPage("of an unknown type")


def _extract(page: Page) -> ExtractedArticle | None:
    """CPU-bound: runs in a worker thread."""
    url = str(page.url)
    if page.content_type in TEXT_TYPES:
        return extract_plain(decode(page.body, page.charset), url)
    html: str | bytes = decode(page.body, page.charset) if page.charset else page.body
    return extract_html(html, url)


__all__ = ["FetchError", "Fetcher", "GuardedConnector", "Page", "make_session"]
