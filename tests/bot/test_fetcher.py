"""The fetcher against a real aiohttp server on 127.0.0.1.

The server is allowed through ``allow_private_urls=127.0.0.1``; everything
else private stays refused. Names (``news.test``) are resolved by an injected
resolver, so no test leaves the loopback interface.
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import ipaddress
import shutil
import ssl
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.engine.types import Article
from bot.fetch import Fetcher, make_session
from bot.fetch.errors import (
    BlockedAddress,
    BlockedPort,
    CertificateError,
    FetchTimeout,
    HostNotFound,
    HTTPStatusError,
    NoArticleText,
    NotAWebPage,
    PageTooLarge,
    TooManyRedirects,
)

ARTICLE_PARAGRAPHS = [
    ("At least 42 people have died after the Tallow river burst its banks on Thursday, "
     "regional emergency officials said on Saturday, raising the toll from 30 a day earlier."),
    ("Around 1,200 residents were evacuated from low-lying districts, according to the regional "
     "governor, who warned that the figure could rise as rescue teams reached cut-off villages."),
    ("The national weather service said more than 180 millimetres of rain fell in 24 hours, "
     "the heaviest downpour recorded in the valley since records began."),
    ("Aid groups estimated that about 8,000 homes had been damaged, although officials have not "
     "yet published their own assessment."),
]
NAV_TEXTS = ["World news section", "Sport headlines", "Weather forecasts"]
FOOTER_TEXTS = ["All rights reserved", "Privacy policy", "Terms of use"]
BANNER_TEXT = "We use cookies to improve your experience"
ASIDE_TEXTS = ["Celebrity chef opens bistro", "Transfer window rumours roundup"]


def article_html(canonical: str | None = None) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Flood death toll rises to 42 in river valley | The Riverside Ledger</title>
<meta property="og:site_name" content="The Riverside Ledger">
<meta property="og:title" content="Flood death toll rises to 42 in river valley">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2026-03-14T08:30:00Z">
<meta name="author" content="Mara Quill">
{link}
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>{BANNER_TEXT}. Accept all cookies,
or manage your preferences at any time from the settings page of your account.</p>
<button>Accept</button></div>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/world">{NAV_TEXTS[0]}</a></li>
<li><a href="/sport">{NAV_TEXTS[1]}</a></li><li><a href="/weather">{NAV_TEXTS[2]}</a></li>
</ul></nav></header>
<main><article>
<h1>Flood death toll rises to 42 in river valley</h1>
<p class="byline">By Mara Quill</p>
{paragraphs}
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">{ASIDE_TEXTS[0]}</a></li>
<li><a href="/b">{ASIDE_TEXTS[1]}</a></li></ul></aside>
<footer><p>Copyright 2026 The Riverside Ledger. {FOOTER_TEXTS[0]}.</p>
<p><a href="/privacy">{FOOTER_TEXTS[1]}</a> | <a href="/terms">{FOOTER_TEXTS[2]}</a></p></footer>
</body></html>"""


BOILERPLATE_HTML = f"""<!DOCTYPE html>
<html><head><title>The Riverside Ledger</title></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">{NAV_TEXTS[0]}</a></li>
<li><a href="/sport">{NAV_TEXTS[1]}</a></li></ul></nav></header>
<main><h2>Latest</h2><ul><li><a href="/a">Storm hits coast</a></li>
<li><a href="/b">Markets rally on rate hopes</a></li></ul></main>
<div class="cookie-consent">{BANNER_TEXT}. Accept all cookies or manage preferences.</div>
<footer><p>Copyright 2026 The Riverside Ledger. {FOOTER_TEXTS[0]}.</p></footer>
</body></html>"""

PLAIN_TEXT = "\n\n".join(ARTICLE_PARAGRAPHS)
HUGE_TOTAL = 20 * 1024 * 1024


@functools.cache
def gzip_bomb_body() -> bytes:
    """30 MB of HTML that travels as a few tens of kilobytes."""
    return gzip.compress(b"<html><body><p>" + b" " * (30 * 1024 * 1024) + b"</p></body></html>")


@dataclass
class ServerState:
    hits: Counter[str] = field(default_factory=Counter)
    hosts: list[str] = field(default_factory=list)
    huge_sent: int = 0
    huge_completed: bool = False
    huge_error: BaseException | None = None


def build_app(state: ServerState) -> web.Application:
    async def article(request: web.Request) -> web.Response:
        state.hits[request.path] += 1
        state.hosts.append(request.host)
        return web.Response(text=article_html(), content_type="text/html", charset="utf-8")

    async def canonical(request: web.Request) -> web.Response:
        own = f"http://{request.host}/news/flood-toll"
        return web.Response(text=article_html(canonical=own), content_type="text/html")

    async def foreign_canonical(request: web.Request) -> web.Response:
        return web.Response(text=article_html(canonical="https://other.example/x"), content_type="text/html")

    async def counted(request: web.Request) -> web.Response:
        state.hits["counted"] += 1
        return web.Response(text=article_html(), content_type="text/html")

    async def slow_counted(request: web.Request) -> web.Response:
        state.hits["slow-counted"] += 1
        await asyncio.sleep(0.3)
        return web.Response(text=article_html(), content_type="text/html")

    async def boilerplate(request: web.Request) -> web.Response:
        return web.Response(text=BOILERPLATE_HTML, content_type="text/html")

    async def plain(request: web.Request) -> web.Response:
        return web.Response(text=PLAIN_TEXT, content_type="text/plain")

    async def redirect(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        state.hits["redirect"] += 1
        target = "/article" if n == 0 else f"/redirect/{n - 1}"
        raise web.HTTPFound(target)

    async def loop_redirect(request: web.Request) -> web.Response:
        state.hits["loop"] += 1
        raise web.HTTPMovedPermanently("/loop")

    async def to_private(request: web.Request) -> web.Response:
        raise web.HTTPFound("http://10.0.0.1/")

    async def to_metadata(request: web.Request) -> web.Response:
        raise web.HTTPTemporaryRedirect("http://169.254.169.254/latest/meta-data/")

    async def to_evil_name(request: web.Request) -> web.Response:
        raise web.HTTPFound("http://evil.test/admin")

    async def to_decimal(request: web.Request) -> web.Response:
        raise web.HTTPFound("http://167772161:6379/")  # 10.0.0.1

    async def huge(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse()
        resp.content_type = "text/html"
        await resp.prepare(request)
        chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
        try:
            while state.huge_sent < HUGE_TOTAL:
                await resp.write(chunk)
                state.huge_sent += len(chunk)
            await resp.write_eof()
            state.huge_completed = True
        except (ConnectionError, aiohttp.ClientConnectionResetError) as exc:
            state.huge_error = exc
        return resp

    async def huge_declared(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Length": str(HUGE_TOTAL)})
        resp.content_type = "text/html"
        await resp.prepare(request)
        await resp.write(b"<html>")
        return resp

    async def gzip_bomb(request: web.Request) -> web.Response:
        return web.Response(
            body=gzip_bomb_body(), headers={"Content-Encoding": "gzip", "Content-Type": "text/html"}
        )

    async def latin1(request: web.Request) -> web.Response:
        html = article_html().replace('charset="utf-8"', 'charset="windows-1252"')
        html = html.replace("regional emergency officials", "the région's emergency officials")
        return web.Response(body=html.encode("cp1252"), headers={"Content-Type": "text/html"})

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(3)
        return web.Response(text=article_html(), content_type="text/html")

    async def slow_hop(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        await asyncio.sleep(0.15)
        raise web.HTTPFound("/article" if n == 0 else f"/slow-hop/{n - 1}")

    async def phish_reason(request: web.Request) -> web.Response:
        return web.Response(status=404, reason="[Log in again](https://phish.example/login)")

    async def pdf(request: web.Request) -> web.Response:
        return web.Response(body=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", content_type="application/pdf")

    async def image(request: web.Request) -> web.Response:
        return web.Response(body=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", content_type="image/png")

    async def missing(request: web.Request) -> web.Response:
        raise web.HTTPNotFound

    app = web.Application()
    app.router.add_get("/article", article)
    app.router.add_get("/news/flood-toll", canonical)
    app.router.add_get("/foreign-canonical", foreign_canonical)
    app.router.add_get("/counted", counted)
    app.router.add_get("/slow-counted", slow_counted)
    app.router.add_get("/boilerplate", boilerplate)
    app.router.add_get("/plain", plain)
    app.router.add_get("/redirect/{n}", redirect)
    app.router.add_get("/loop", loop_redirect)
    app.router.add_get("/to-private", to_private)
    app.router.add_get("/to-metadata", to_metadata)
    app.router.add_get("/to-evil-name", to_evil_name)
    app.router.add_get("/to-decimal", to_decimal)
    app.router.add_get("/huge", huge)
    app.router.add_get("/huge-declared", huge_declared)
    app.router.add_get("/gzip-bomb", gzip_bomb)
    app.router.add_get("/latin1", latin1)
    app.router.add_get("/slow", slow)
    app.router.add_get("/slow-hop/{n}", slow_hop)
    app.router.add_get("/report.pdf", pdf)
    app.router.add_get("/chart.png", image)
    app.router.add_get("/gone", missing)
    app.router.add_get("/phish-reason", phish_reason)
    return app


@pytest.fixture
def state() -> ServerState:
    return ServerState()


@pytest.fixture
async def server(state: ServerState):
    srv = TestServer(build_app(state), host="127.0.0.1", port=0)
    await srv.start_server()
    try:
        yield srv
    finally:
        await srv.close()


@pytest.fixture
def base(server: TestServer) -> str:
    return f"http://127.0.0.1:{server.port}"


@pytest.fixture
def fetch_settings(settings):
    return settings.model_copy(
        update={
            "allow_private_urls": [ipaddress.ip_network("127.0.0.1/32")],
            "fetch_timeout": 5.0,
        }
    )


async def fake_dns(host: str, port: int) -> list[str]:
    table = {"news.test": ["127.0.0.1"], "evil.test": ["192.168.7.7"]}
    try:
        return table[host]
    except KeyError:
        raise OSError(f"unknown host {host}") from None


@pytest.fixture
async def fetcher(fetch_settings):
    f = Fetcher(fetch_settings, resolve=fake_dns)
    try:
        yield f
    finally:
        await f.close()


# -- extraction ----------------------------------------------------------------


async def test_article_text_without_navigation_footer_or_banner(fetcher: Fetcher, base: str) -> None:
    article = await fetcher.fetch_article(f"{base}/article", workspace="guild-1")
    assert isinstance(article, Article)
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in article.text
    for boilerplate in NAV_TEXTS + FOOTER_TEXTS + ASIDE_TEXTS + [BANNER_TEXT]:
        assert boilerplate not in article.text
    src = article.source
    assert src.title == "Flood death toll rises to 42 in river valley"
    assert src.outlet == "The Riverside Ledger"
    assert src.author == "Mara Quill"
    assert src.published == date(2026, 3, 14)
    assert src.url == f"{base}/article"
    assert src.text_hash == ""
    assert src.workspace == "guild-1"


async def test_paragraphs_are_separated_by_blank_lines(fetcher: Fetcher, base: str) -> None:
    article = await fetcher.fetch_article(f"{base}/article")
    assert f"{ARTICLE_PARAGRAPHS[0]}\n\n{ARTICLE_PARAGRAPHS[1]}" in article.text


async def test_host_header_is_the_name_while_the_vetted_address_is_reached(
    fetcher: Fetcher, server: TestServer, state: ServerState
) -> None:
    article = await fetcher.fetch_article(f"http://news.test:{server.port}/article")
    assert state.hosts == [f"news.test:{server.port}"]
    assert article.source.url == f"http://news.test:{server.port}/article"


async def test_same_site_canonical_link_is_the_source_url(fetcher: Fetcher, base: str) -> None:
    article = await fetcher.fetch_article(f"{base}/news/flood-toll?utm_source=chat")
    assert article.source.url == f"{base}/news/flood-toll"
    other = await fetcher.fetch_article(f"{base}/foreign-canonical")
    assert other.source.url == f"{base}/foreign-canonical"  # another site's claim is ignored


async def test_charset_declared_only_in_the_page(fetcher: Fetcher, base: str) -> None:
    article = await fetcher.fetch_article(f"{base}/latin1")
    assert "the région's emergency officials" in article.text


async def test_boilerplate_page_has_no_article_text(fetcher: Fetcher, base: str) -> None:
    with pytest.raises(NoArticleText) as info:
        await fetcher.fetch_article(f"{base}/boilerplate")
    assert str(info.value) == "That page has no article text. Paste the article text instead."


async def test_plain_text_is_the_article_as_is(fetcher: Fetcher, base: str) -> None:
    article = await fetcher.fetch_article(f"{base}/plain")
    assert article.text == PLAIN_TEXT
    assert article.source.outlet == "127.0.0.1"
    assert article.source.title is None


@pytest.mark.parametrize(("path", "kind"), [("/report.pdf", "application/pdf"), ("/chart.png", "image/png")])
async def test_documents_and_images_are_not_web_pages(fetcher: Fetcher, base: str, path: str, kind: str) -> None:
    with pytest.raises(NotAWebPage) as info:
        await fetcher.fetch_article(base + path)
    assert str(info.value) == f"That link is not a web page (it is {kind}). Paste the article text instead."


async def test_http_error_status(fetcher: Fetcher, base: str) -> None:
    with pytest.raises(HTTPStatusError) as info:
        await fetcher.fetch_article(f"{base}/gone")
    assert info.value.status == 404
    assert "404" in str(info.value)


async def test_http_error_ignores_the_servers_reason_phrase(fetcher: Fetcher, base: str) -> None:
    with pytest.raises(HTTPStatusError) as info:
        await fetcher.fetch_article(f"{base}/phish-reason")
    assert info.value.status == 404
    assert "(404 Not Found)" in str(info.value)
    assert "phish" not in str(info.value)
    assert "Log in" not in str(info.value)


async def test_unknown_name(fetcher: Fetcher) -> None:
    with pytest.raises(HostNotFound):
        await fetcher.fetch_article("https://nowhere.example.org/story")


# -- redirects -----------------------------------------------------------------


async def test_redirect_chain_within_the_limit_is_followed(fetcher: Fetcher, base: str, state: ServerState) -> None:
    article = await fetcher.fetch_article(f"{base}/redirect/4")  # 5 redirects: the limit
    assert state.hits["redirect"] == 5
    assert state.hits["/article"] == 1
    assert article.source.url == f"{base}/article"
    assert ARTICLE_PARAGRAPHS[0] in article.text


async def test_redirect_chain_over_the_limit(fetcher: Fetcher, base: str, state: ServerState) -> None:
    with pytest.raises(TooManyRedirects) as info:
        await fetcher.fetch_article(f"{base}/redirect/5")  # 6 redirects
    assert state.hits["redirect"] == 6
    assert state.hits["/article"] == 0
    assert str(info.value).startswith("Too many redirects")


async def test_redirect_loop_stops(fetcher: Fetcher, base: str, state: ServerState) -> None:
    with pytest.raises(TooManyRedirects):
        await fetcher.fetch_article(f"{base}/loop")
    assert state.hits["loop"] == 6


async def test_redirect_limit_setting(fetch_settings, base: str) -> None:
    async with Fetcher(fetch_settings.model_copy(update={"fetch_max_redirects": 1})) as f:
        await f.fetch_article(f"{base}/redirect/0")
        with pytest.raises(TooManyRedirects):
            await f.fetch_article(f"{base}/redirect/1")


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata", "/to-evil-name", "/to-decimal"])
async def test_redirects_into_private_networks_are_refused(fetcher: Fetcher, base: str, path: str) -> None:
    with pytest.raises(BlockedAddress) as info:
        await fetcher.fetch_article(base + path)
    assert "private or local network" in str(info.value)


async def test_loopback_is_refused_without_the_allow_list(settings, base: str, state: ServerState) -> None:
    async with Fetcher(settings, resolve=fake_dns) as f:
        with pytest.raises(BlockedAddress):
            await f.fetch_article(f"{base}/article")
        # a name on a non-standard port is refused before it is even resolved
        with pytest.raises(BlockedPort):
            await f.fetch_article(f"http://news.test:{base.rsplit(':', 1)[1]}/article")
    assert state.hits["/article"] == 0


# -- limits ----------------------------------------------------------------------


async def test_huge_page_is_cut_off_while_streaming(fetcher: Fetcher, base: str, state: ServerState) -> None:
    with pytest.raises(PageTooLarge) as info:
        await fetcher.fetch_article(f"{base}/huge")
    assert str(info.value) == "That page is larger than 5 MB. Paste the article text instead."
    await asyncio.sleep(0.2)
    assert not state.huge_completed
    assert state.huge_sent < HUGE_TOTAL


async def test_compressed_page_is_measured_decompressed(fetcher: Fetcher, base: str) -> None:
    assert len(gzip_bomb_body()) < 1_000_000
    with pytest.raises(PageTooLarge):
        await fetcher.fetch_article(f"{base}/gzip-bomb")


async def test_declared_size_over_the_limit_is_refused_before_reading(fetcher: Fetcher, base: str) -> None:
    with pytest.raises(PageTooLarge):
        await fetcher.fetch_article(f"{base}/huge-declared")


async def test_slow_page_times_out(fetch_settings, base: str) -> None:
    async with Fetcher(fetch_settings.model_copy(update={"fetch_timeout": 0.3})) as f:
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(FetchTimeout) as info:
            await f.fetch_article(f"{base}/slow")
        assert loop.time() - started < 2
    assert str(info.value) == "That page did not answer within 0.3 s. Try again later, or paste the article text."


async def test_timeout_covers_the_whole_redirect_chain(fetch_settings, base: str) -> None:
    # every hop answers in 0.15 s, well inside the limit; four of them do not
    async with Fetcher(fetch_settings.model_copy(update={"fetch_timeout": 0.4})) as f:
        with pytest.raises(FetchTimeout):
            await f.fetch_article(f"{base}/slow-hop/3")
        await f.fetch_article(f"{base}/slow-hop/0")


async def test_default_timeout_message(settings) -> None:
    assert settings.fetch_timeout == 10
    assert str(FetchTimeout(settings.fetch_timeout)).startswith("That page did not answer within 10 s.")


# -- caching -------------------------------------------------------------------


async def test_same_page_with_tracking_parameters_is_fetched_once(
    fetcher: Fetcher, base: str, state: ServerState
) -> None:
    first = await fetcher.fetch_article(f"{base}/counted?id=7&utm_source=twitter&utm_medium=social")
    second = await fetcher.fetch_article(f"{base}/counted?fbclid=XYZ&id=7#comments", workspace="other")
    assert state.hits["counted"] == 1
    assert first.text == second.text
    assert first.source.url == second.source.url == f"{base}/counted?id=7"
    assert (first.source.workspace, second.source.workspace) == ("default", "other")


async def test_concurrent_fetches_of_one_page_coalesce(fetcher: Fetcher, base: str, state: ServerState) -> None:
    urls = [f"{base}/slow-counted?utm_campaign={i}" for i in range(5)]
    articles = await asyncio.gather(*(fetcher.fetch_article(u) for u in urls))
    assert state.hits["slow-counted"] == 1
    assert len({a.text for a in articles}) == 1


async def test_cache_expires_after_ttl(fetch_settings, base: str, state: ServerState) -> None:
    now = [1000.0]
    async with Fetcher(fetch_settings.model_copy(update={"fetch_cache_ttl": 60}), clock=lambda: now[0]) as f:
        await f.fetch_article(f"{base}/counted")
        now[0] += 59
        await f.fetch_article(f"{base}/counted")
        assert state.hits["counted"] == 1
        now[0] += 2
        await f.fetch_article(f"{base}/counted")
        assert state.hits["counted"] == 2


async def test_redirect_target_is_cached_too(fetcher: Fetcher, base: str, state: ServerState) -> None:
    await fetcher.fetch_article(f"{base}/redirect/0")
    await fetcher.fetch_article(f"{base}/article?utm_source=x")
    assert state.hits["/article"] == 1


async def test_failures_are_not_cached(fetcher: Fetcher, base: str, state: ServerState) -> None:
    for _ in range(2):
        with pytest.raises(TooManyRedirects):
            await fetcher.fetch_article(f"{base}/loop")
    assert state.hits["loop"] == 12


# -- sessions --------------------------------------------------------------------


async def test_a_shared_session_from_make_session(fetch_settings, base: str) -> None:
    session = make_session(fetch_settings)
    try:
        async with Fetcher(fetch_settings, session) as f:
            article = await f.fetch_article(f"{base}/article")
            assert ARTICLE_PARAGRAPHS[1] in article.text
        assert not session.closed  # the caller's session outlives the fetcher
    finally:
        await session.close()


async def test_an_unguarded_session_is_refused(fetch_settings) -> None:
    async with aiohttp.ClientSession() as plain:
        with pytest.raises(TypeError):
            Fetcher(fetch_settings, plain)


# -- TLS: the name is verified while the vetted address is reached -------------------


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory) -> tuple[str, str]:
    """A self-signed certificate for ``news.test`` (made with the openssl tool)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
         "-days", "2", "-subj", "/CN=news.test", "-addext", "subjectAltName=DNS:news.test"],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
async def tls_port(tls_files, state: ServerState):
    cert, key = tls_files
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    runner = web.AppRunner(build_app(state))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=server_ctx)
    await site.start()
    try:
        yield runner.addresses[0][1]
    finally:
        await runner.cleanup()


async def test_https_uses_the_name_for_sni_and_verification(
    fetch_settings, tls_files, tls_port: int, state: ServerState
) -> None:
    client_ctx = ssl.create_default_context(cafile=tls_files[0])
    session = make_session(fetch_settings, resolve=fake_dns, ssl_context=client_ctx)
    try:
        async with Fetcher(fetch_settings, session) as f:
            article = await f.fetch_article(f"https://news.test:{tls_port}/article")
            assert ARTICLE_PARAGRAPHS[2] in article.text
            assert state.hosts == [f"news.test:{tls_port}"]
            # the same server by address: the certificate does not name it
            with pytest.raises(CertificateError):
                await f.fetch_article(f"https://127.0.0.1:{tls_port}/article")
    finally:
        await session.close()
