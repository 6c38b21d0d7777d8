"""The SSRF guard: hostile links refused, public links let through.

No test here touches the network: names are resolved by an injected resolver
that knows a handful of made-up hosts and fails for every other name.
"""

from __future__ import annotations

import ipaddress
import socket

import pytest
from yarl import URL

from bot.engine.errors import FetchError
from bot.fetch import find_urls
from bot.fetch.errors import (
    BlockedAddress,
    BlockedPort,
    CredentialsInLink,
    HostNotFound,
    InvalidLink,
    UnsupportedScheme,
)
from bot.fetch.guard import (
    GuardedResolver,
    URLGuard,
    blocked_reason,
    parse_legacy_ipv4,
)
from bot.fetch.urls import canonical_url

PUBLIC_V4 = "93.184.216.34"
PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946"

DNS: dict[str, list[str]] = {
    "news.example.com": [PUBLIC_V4, PUBLIC_V6],
    "evil.test": ["127.0.0.1"],
    "meta.test": ["169.254.169.254"],
    "rebind.test": [PUBLIC_V4, "10.0.0.1"],
    "ula.test": ["fd12:3456::1"],
    "mapped.test": ["::ffff:10.0.0.1"],
    "cgnat.test": ["100.64.12.7"],
}


class FakeDNS:
    """Resolves the names in :data:`DNS`; records every lookup."""

    def __init__(self, table: dict[str, list[str]] | None = None) -> None:
        self.table = DNS if table is None else table
        self.calls: list[tuple[str, int]] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append((host, port))
        try:
            return list(self.table[host.removesuffix(".")])
        except KeyError:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None


@pytest.fixture
def dns() -> FakeDNS:
    return FakeDNS()


@pytest.fixture
def guard(settings, dns) -> URLGuard:
    return URLGuard(settings, resolve=dns)


HOSTILE: list[tuple[str, type[FetchError]]] = [
    # loopback, in every spelling a socket library accepts
    ("http://127.0.0.1/", BlockedAddress),
    ("http://127.0.0.1./", BlockedAddress),
    ("http://2130706433/", BlockedAddress),
    ("http://0177.0.0.1/", BlockedAddress),
    ("http://0x7f.0.0.1/", BlockedAddress),
    ("http://0x7f000001/", BlockedAddress),
    ("http://127.1/", BlockedAddress),
    ("http://127.0.1/", BlockedAddress),
    ("http://017700000001/", BlockedAddress),
    ("http://[::1]/", BlockedAddress),
    ("http://[::1]:80/", BlockedAddress),
    ("http://[::ffff:127.0.0.1]/", BlockedAddress),
    ("http://[::ffff:7f00:1]/", BlockedAddress),
    ("http://[::127.0.0.1]/", BlockedAddress),
    ("http://localhost/", BlockedAddress),
    ("http://LOCALHOST:80/", BlockedAddress),
    ("http://app.localhost/", BlockedAddress),
    # cloud metadata and link-local
    ("http://169.254.169.254/latest/meta-data/", BlockedAddress),
    ("http://[0:0:0:0:0:ffff:169.254.169.254]/", BlockedAddress),
    ("http://[fe80::1]/", BlockedAddress),
    ("http://[fe80::1%25eth0]/", BlockedAddress),
    ("http://meta.test/latest/meta-data/", BlockedAddress),
    ("http://metadata.google.internal/computeMetadata/v1/", BlockedAddress),
    # unspecified, private, CGNAT, multicast, reserved, special purpose
    ("http://0.0.0.0/", BlockedAddress),
    ("http://0/", BlockedAddress),
    ("http://[::]/", BlockedAddress),
    ("http://10.0.0.1/", BlockedAddress),
    ("http://172.16.0.1/", BlockedAddress),
    ("http://172.31.255.254/", BlockedAddress),
    ("http://192.168.1.1/", BlockedAddress),
    ("http://100.64.0.1/", BlockedAddress),
    ("http://224.0.0.1/", BlockedAddress),
    ("http://[ff02::1]/", BlockedAddress),
    ("http://240.0.0.1/", BlockedAddress),
    ("http://255.255.255.255/", BlockedAddress),
    ("http://198.18.0.1/", BlockedAddress),
    ("http://192.0.2.10/", BlockedAddress),
    ("http://[2001:db8::1]/", BlockedAddress),
    ("http://[fd00::1]/", BlockedAddress),
    ("http://[fec0::1]/", BlockedAddress),
    # IPv4 embedded in IPv6: NAT64, 6to4, Teredo
    ("http://[64:ff9b::a00:1]/", BlockedAddress),
    ("http://[2002:c0a8:101::1]/", BlockedAddress),
    ("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", BlockedAddress),
    # names that resolve to private addresses
    ("http://evil.test/", BlockedAddress),
    ("https://evil.test/", BlockedAddress),
    ("http://rebind.test/", BlockedAddress),
    ("http://ula.test/", BlockedAddress),
    ("http://mapped.test/", BlockedAddress),
    ("http://cgnat.test/", BlockedAddress),
    ("http://intranet/", BlockedAddress),
    ("http://printer.local/", BlockedAddress),
    ("http://router.home.arpa/", BlockedAddress),
    # schemes
    ("file:///etc/passwd", UnsupportedScheme),
    ("gopher://news.example.com:70/_GET", UnsupportedScheme),
    ("ftp://news.example.com/file.txt", UnsupportedScheme),
    ("dict://127.0.0.1:6379/info", UnsupportedScheme),
    ("javascript:alert(1)", UnsupportedScheme),
    ("data:text/html,<script>alert(1)</script>", UnsupportedScheme),
    ("news.example.com/story", UnsupportedScheme),
    # credentials
    ("http://user:pass@news.example.com/", CredentialsInLink),
    ("http://user@news.example.com/", CredentialsInLink),
    ("http://:@news.example.com/", CredentialsInLink),
    # ports
    ("http://news.example.com:22/", BlockedPort),
    ("http://news.example.com:6379/", BlockedPort),
    ("https://news.example.com:8443/", BlockedPort),
    ("http://93.184.216.34:25/", BlockedPort),
    # malformed hosts
    ("http://" + "a" * 300 + ".com/", InvalidLink),
    ("http://" + "b" * 64 + ".example.com/", InvalidLink),
    ("http:///path", InvalidLink),
    ("http://%31%32%37.0.0.1/", InvalidLink),
    ("http://256.0.0.1/", InvalidLink),
    ("http://08.0.0.1/", InvalidLink),
    ("http://0x.0.0.1/", InvalidLink),
    ("http://a..example.com/", InvalidLink),
    ("http://news.example.com\\@evil.test/", InvalidLink),
    ("http://news.example.com/\nHost: evil", InvalidLink),
    ("http://no-such-host.example.org/", HostNotFound),
]


@pytest.mark.parametrize(("url", "error"), HOSTILE, ids=[u[:60] for u, _ in HOSTILE])
async def test_hostile_links_are_refused(guard: URLGuard, url: str, error: type[FetchError]) -> None:
    with pytest.raises(error) as info:
        await guard.check(url)
    assert isinstance(info.value, FetchError)
    assert str(info.value).endswith(".")


def test_there_are_at_least_thirty_hostile_cases() -> None:
    assert len(HOSTILE) >= 30


async def test_blocked_message_is_the_reporter_sentence(guard: URLGuard) -> None:
    with pytest.raises(BlockedAddress) as info:
        await guard.check("http://169.254.169.254/latest/meta-data/")
    assert str(info.value) == (
        "That address is not allowed (it points to a private or local network). "
        "Paste the article text instead."
    )
    with pytest.raises(UnsupportedScheme) as scheme:
        await guard.check("ftp://news.example.com/")
    assert str(scheme.value) == "Only http and https links can be checked."


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://2130706433/", "127.0.0.1"),
        ("http://0177.0.0.1/", "127.0.0.1"),
        ("http://0x7f.0.0.1/", "127.0.0.1"),
        ("http://127.1/", "127.0.0.1"),
        ("http://0/", "0.0.0.0"),  # noqa: S104 - an address the guard must refuse; nothing binds to it
        ("http://2852039166/", "169.254.169.254"),
        ("http://[::ffff:7f00:1]/", "::ffff:7f00:1"),
    ],
)
async def test_numeric_hosts_are_judged_as_the_address_they_mean(guard: URLGuard, url: str, address: str) -> None:
    with pytest.raises(BlockedAddress) as info:
        await guard.check(url)
    assert info.value.address == address


@pytest.mark.parametrize(
    "url", ["http://2130706433/", "http://[::1]/", "http://localhost/", "file:///etc/passwd", "http://10.0.0.1/"]
)
async def test_literal_and_static_refusals_never_resolve(guard: URLGuard, dns: FakeDNS, url: str) -> None:
    with pytest.raises(FetchError):
        await guard.check(url)
    assert dns.calls == []


async def test_public_link_passes_with_every_address(guard: URLGuard, dns: FakeDNS) -> None:
    checked, addresses = await guard.check("https://news.example.com/world/story-1?id=3#comments")
    assert [str(a) for a in addresses] == [PUBLIC_V4, PUBLIC_V6]
    assert dns.calls == [("news.example.com", 443)]
    assert checked.port == 443
    assert checked.host == "news.example.com"
    assert str(checked.url) == "https://news.example.com/world/story-1?id=3"  # fragment dropped


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://134744072/", "http://8.8.8.8/"),
        ("http://0x8.0x8.0x8.0x8/a", "http://8.8.8.8/a"),
        ("http://010.010.010.010/", "http://8.8.8.8/"),
        ("http://8.8.8.8/", "http://8.8.8.8/"),
        ("http://[2606:4700::1111]/", "http://[2606:4700::1111]/"),
        ("http://[::ffff:8.8.8.8]/", "http://[::ffff:808:808]/"),
    ],
)
async def test_public_numeric_hosts_pass_in_canonical_form(
    guard: URLGuard, dns: FakeDNS, url: str, expected: str,
) -> None:
    checked, addresses = await guard.check(url)
    assert str(checked.url) == expected
    assert len(addresses) == 1
    assert dns.calls == []


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1.2", "10.1.0.2"),
        ("1.2.3.4", "1.2.3.4"),
        ("0", "0.0.0.0"),  # noqa: S104 - the canonical form under test; nothing binds to it
    ],
)
def test_legacy_ipv4_forms_read_like_inet_aton(host: str, expected: str) -> None:
    assert parse_legacy_ipv4(host) == ipaddress.IPv4Address(expected)
    assert socket.inet_ntoa(socket.inet_aton(host)) == expected


@pytest.mark.parametrize("host", ["news.example.com", "1.2.3.4.example", "a1.b2"])
def test_names_are_not_numeric_hosts(host: str) -> None:
    assert parse_legacy_ipv4(host) is None


@pytest.mark.parametrize(
    ("address", "blocked"),
    [
        ("8.8.8.8", False),
        (PUBLIC_V6, False),
        ("2002:808:808::1", False),  # 6to4 of a public address
        ("64:ff9b::808:808", False),  # NAT64 of a public address
        ("::ffff:1.1.1.1", False),
        ("2002:a00:1::1", True),  # 6to4 of 10.0.0.1
        ("64:ff9b::7f00:1", True),  # NAT64 of 127.0.0.1
        ("64:ff9b:1::1", True),
        ("192.0.0.8", True),
        ("192.88.99.1", True),
        ("100.127.255.255", True),
        ("100.128.0.1", False),
    ],
)
def test_blocked_reason(address: str, blocked: bool) -> None:
    assert (blocked_reason(ipaddress.ip_address(address)) is not None) is blocked


async def test_allow_list_admits_private_networks_on_any_port(settings, dns: FakeDNS) -> None:
    allowing = settings.model_copy(
        update={"allow_private_urls": [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.0.0.0/8")]}
    )
    guard = URLGuard(allowing, resolve=dns)
    _, addrs = await guard.check("http://127.0.0.1:8080/page")
    assert addrs == [ipaddress.ip_address("127.0.0.1")]
    await guard.check("http://10.9.8.7:9000/")
    await guard.check("http://evil.test:5000/")  # resolves to 127.0.0.1, which is allowed
    with pytest.raises(BlockedAddress):
        await guard.check("http://127.0.0.2/")
    with pytest.raises(BlockedAddress):
        await guard.check("http://192.168.0.1/")
    # a public host on an odd port is still refused, once resolved
    with pytest.raises(BlockedPort):
        await guard.check("http://news.example.com:8080/")


async def test_allowed_ports_setting(settings, dns: FakeDNS) -> None:
    guard = URLGuard(settings.model_copy(update={"allowed_ports": [80, 443, 8080]}), resolve=dns)
    await guard.check("http://news.example.com:8080/")
    with pytest.raises(BlockedPort) as info:
        await guard.check("http://news.example.com:8081/")
    assert "8081" in str(info.value)


async def test_resolver_returns_only_vetted_addresses(guard: URLGuard) -> None:
    resolver = GuardedResolver(guard)
    results = await resolver.resolve("news.example.com", 443, family=socket.AF_UNSPEC)
    assert [(r["host"], r["port"], r["hostname"]) for r in results] == [
        (PUBLIC_V4, 443, "news.example.com"),
        (PUBLIC_V6, 443, "news.example.com"),
    ]
    v4_only = await resolver.resolve("news.example.com", 443, family=socket.AF_INET)
    assert [r["host"] for r in v4_only] == [PUBLIC_V4]
    assert v4_only[0]["family"] == socket.AF_INET
    with pytest.raises(BlockedAddress):
        await resolver.resolve("rebind.test", 80, family=socket.AF_UNSPEC)
    with pytest.raises(BlockedAddress):
        await resolver.resolve("127.0.0.1", 80)
    await resolver.close()


async def test_resolver_failure_is_host_not_found(settings) -> None:
    async def broken(host: str, port: int) -> list[str]:
        raise OSError("resolver down")

    async def empty(host: str, port: int) -> list[str]:
        return []

    for resolve in (broken, empty):
        with pytest.raises(HostNotFound) as info:
            await URLGuard(settings, resolve=resolve).check("https://news.example.com/")
        assert "news.example.com" in str(info.value)


# -- links in messages, canonical links --------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see https://news.example.com/a/b.", ["https://news.example.com/a/b"]),
        ("<https://news.example.com/a?x=1> no embed", ["https://news.example.com/a?x=1"]),
        ("(via https://news.example.com/a), said X!", ["https://news.example.com/a"]),
        ("https://en.wikipedia.org/wiki/Flood_(disambiguation)", ["https://en.wikipedia.org/wiki/Flood_(disambiguation)"]),
        ("[the story](https://news.example.com/s) is out", ["https://news.example.com/s"]),
        ("two: HTTP://A.example/x and http://b.example/y?", ["HTTP://A.example/x", "http://b.example/y"]),
        ("same https://a.example/x twice https://a.example/x", ["https://a.example/x"]),
        ("||https://a.example/spoiler||", ["https://a.example/spoiler"]),
        ("`https://a.example/code`", ["https://a.example/code"]),
        ("no links here, just ftp://a.example and www.example.com", []),
        ("'https://a.example/q'", ["https://a.example/q"]),
    ],
)
def test_find_urls(text: str, expected: list[str]) -> None:
    assert find_urls(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://News.Example.COM:443/a?b=2&a=1#top", "https://news.example.com/a?a=1&b=2"),
        ("http://news.example.com:80", "http://news.example.com/"),
        ("http://news.example.com:8080/x", "http://news.example.com:8080/x"),
        (
            "https://news.example.com/s?utm_source=tw&utm_medium=social&id=7&fbclid=abc&gclid=1&ref=hp",
            "https://news.example.com/s?id=7",
        ),
        ("https://news.example.com/s?mc_cid=1&mc_eid=2&igshid=3&ref_src=4&cmpid=5&ocid=6", "https://news.example.com/s"),
        ("https://news.example.com/s?UTM_Campaign=x&page=2", "https://news.example.com/s?page=2"),
        ("https://news.example.com/s?q=a%20b&p=1", "https://news.example.com/s?p=1&q=a%20b"),
        ("http://[2606:4700::1111]:80/", "http://[2606:4700::1111]/"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected
    assert canonical_url(URL(url)) == expected


def test_canonical_url_refuses_relative_links() -> None:
    with pytest.raises(InvalidLink):
        canonical_url("/just/a/path")
