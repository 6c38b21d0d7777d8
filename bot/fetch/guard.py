"""SSRF guard: which links the bot may fetch, and which addresses it may reach.

Follows the OWASP SSRF prevention cheat sheet:

* only ``http``/``https``; no credentials in the link; ports 80/443 unless
  ``settings.allowed_ports`` says otherwise;
* hosts are parsed the way a socket library would read them: legacy numeric
  IPv4 forms (``2130706433``, ``0177.0.0.1``, ``0x7f.0.0.1``, ``127.1``) are
  normalised with ``inet_aton`` semantics before they are judged, and rewritten
  to the canonical dotted form before anything connects;
* every address a name resolves to is checked against ``ipaddress`` properties
  and an explicit list of special-purpose ranges (loopback, RFC 1918, ULA,
  link-local and cloud metadata, CGNAT, multicast, reserved, benchmarking,
  documentation...); IPv4 addresses embedded in IPv6 (IPv4-mapped, NAT64,
  6to4) are judged by the IPv4 address they carry;
* the name is resolved once and the connection goes to exactly the vetted
  addresses: :class:`GuardedResolver` plugs into aiohttp's connector, so there
  is no window for DNS rebinding between the check and the connect.

``settings.allow_private_urls`` lists networks that may be reached although
they are private (tests and closed networks); addresses in it may be reached
on any port.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from bot.settings import Settings

from .errors import (
    BlockedAddress,
    BlockedPort,
    CredentialsInLink,
    HostNotFound,
    InvalidLink,
    UnsupportedScheme,
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

#: ``resolve(host, port)`` -> the addresses the host name stands for, as strings.
ResolveFunc = Callable[[str, int], Awaitable[Sequence[str]]]

ALLOWED_SCHEMES = frozenset({"http", "https"})
MAX_HOST_LENGTH = 253
MAX_LABEL_LENGTH = 63

# Special-purpose ranges refused outright (IANA special-purpose registries),
# in addition to what the ``ipaddress`` properties already say.
_BLOCKED_NETWORKS: tuple[tuple[IPNetwork, str], ...] = tuple(
    (ipaddress.ip_network(net), why)
    for net, why in (
        ("0.0.0.0/8", "this network"),
        ("10.0.0.0/8", "private (RFC 1918)"),
        ("100.64.0.0/10", "carrier-grade NAT"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local / cloud metadata"),
        ("172.16.0.0/12", "private (RFC 1918)"),
        ("192.0.0.0/24", "IETF protocol assignments"),
        ("192.0.2.0/24", "documentation"),
        ("192.88.99.0/24", "6to4 relay anycast"),
        ("192.168.0.0/16", "private (RFC 1918)"),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("224.0.0.0/4", "multicast"),
        ("240.0.0.0/4", "reserved"),
        ("255.255.255.255/32", "broadcast"),
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("::/96", "IPv4-compatible (deprecated)"),
        ("64:ff9b:1::/48", "local-use NAT64"),
        ("100::/64", "discard-only"),
        ("2001::/32", "Teredo"),
        ("2001:2::/48", "benchmarking"),
        ("2001:10::/28", "ORCHID"),
        ("2001:20::/28", "ORCHIDv2"),
        ("2001:db8::/32", "documentation"),
        ("3fff::/20", "documentation"),
        ("5f00::/16", "segment routing"),
        ("fc00::/7", "unique local (ULA)"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local (deprecated)"),
        ("ff00::/8", "multicast"),
    )
)

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_SIXTOFOUR = ipaddress.IPv6Network("2002::/16")

_LOOPBACK_ADDRESSES: tuple[IPAddress, ...] = (
    ipaddress.IPv4Address("127.0.0.1"),
    ipaddress.IPv6Address("::1"),
)
#: Names that stand for the local network whatever DNS says.
_LOCAL_SUFFIXES = (
    ".local",
    ".localdomain",
    ".internal",
    ".intranet",
    ".lan",
    ".home.arpa",
    ".corp",
)

_NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+)){0,3}\.?$")
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$")


# -- addresses -------------------------------------------------------------


def embedded_ipv4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries: IPv4-mapped, NAT64 or 6to4."""
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr in _NAT64:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    if addr.sixtofour is not None:
        return addr.sixtofour
    return None


def blocked_reason(addr: IPAddress) -> str | None:
    """Why ``addr`` may not be fetched from, or ``None`` when it is public."""
    if isinstance(addr, ipaddress.IPv6Address):
        inner = embedded_ipv4(addr)
        if inner is not None:
            why = blocked_reason(inner)
            if why is not None:
                return f"embeds {inner} ({why})"
            if addr.ipv4_mapped is not None or addr in _NAT64:
                # a public IPv4 address in IPv6 clothing: judged as that address
                return None
        if addr.scope_id:
            return "scoped address"
    for net, why in _BLOCKED_NETWORKS:
        if addr.version == net.version and addr in net:
            return why
    for prop in ("is_loopback", "is_private", "is_link_local", "is_multicast", "is_reserved",
                 "is_unspecified", "is_site_local"):
        if getattr(addr, prop, False):
            return prop.removeprefix("is_").replace("_", "-")
    if not addr.is_global:
        return "not globally routable"
    return None


def parse_legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Read ``host`` the way ``inet_aton`` would, or ``None`` if it is not numeric.

    Accepts 1 to 4 parts, each decimal, octal (leading ``0``) or hex (``0x``);
    the last part fills the remaining bytes (``127.1`` = ``127.0.0.1``,
    ``2130706433`` = ``127.0.0.1``). A numeric-looking host that ``inet_aton``
    would refuse (``08.0.0.1``, ``256.1.1.1``) raises :class:`InvalidLink`.
    """
    host = host.lower()
    if not _NUMERIC_HOST.match(host):
        return None
    parts = host.removesuffix(".").split(".")
    try:
        values = [_parse_ipv4_part(p) for p in parts]
    except ValueError:
        raise InvalidLink(f"bad numeric host {host!r}") from None
    *head, last = values
    if any(v > 0xFF for v in head) or last >= 1 << (8 * (4 - len(head))):
        raise InvalidLink(f"numeric host out of range {host!r}")
    number = last
    for i, v in enumerate(head):
        number |= v << (8 * (3 - i))
    return ipaddress.IPv4Address(number)


def _parse_ipv4_part(part: str) -> int:
    if part.startswith("0x"):
        return int(part[2:], 16)  # "0x" alone raises ValueError
    if len(part) > 1 and part.startswith("0"):
        return int(part, 8)
    return int(part, 10)


def parse_ip_host(host: str) -> IPAddress | None:
    """The address an URL host names directly (IPv6 literal or any IPv4 form), else ``None``."""
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host.strip("[]"))
        except ValueError:
            raise InvalidLink(f"bad IPv6 host {host!r}") from None
    return parse_legacy_ipv4(host)


# -- URLs ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckedURL:
    """A link that passed the static checks (everything but DNS)."""

    #: the link to request: canonical numeric host, no fragment
    url: URL
    #: the host to resolve (IDNA-encoded)
    host: str
    port: int
    #: set when the host is an IP address (nothing to resolve)
    address: IPAddress | None = None


async def system_resolve(host: str, port: int) -> list[str]:
    """Resolve ``host`` with the system resolver (``getaddrinfo`` in a thread)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP, flags=socket.AI_ADDRCONFIG
    )
    return [str(info[4][0]) for info in infos]


class URLGuard:
    """Decides whether a link may be fetched, and vets the addresses it resolves to."""

    def __init__(self, settings: Settings, resolve: ResolveFunc | None = None) -> None:
        self._allowed_ports = frozenset(settings.allowed_ports)
        self._allowed_networks: tuple[IPNetwork, ...] = tuple(settings.allow_private_urls)
        self._resolve = resolve or system_resolve

    # -- addresses --

    def is_allowlisted(self, addr: IPAddress) -> bool:
        """True when ``addr`` (or the IPv4 address it embeds) is in ``allow_private_urls``."""
        candidates: list[IPAddress] = [addr]
        if isinstance(addr, ipaddress.IPv6Address):
            inner = embedded_ipv4(addr)
            if inner is not None:
                candidates.append(inner)
        return any(
            a.version == net.version and a in net
            for a in candidates
            for net in self._allowed_networks
        )

    def check_address(self, addr: IPAddress, port: int) -> None:
        """Raise unless ``addr:port`` may be connected to."""
        if self.is_allowlisted(addr):
            return
        why = blocked_reason(addr)
        if why is not None:
            raise BlockedAddress(str(addr), why)
        if port not in self._allowed_ports:
            raise BlockedPort(port)

    # -- links --

    def check_url(self, url: str | URL) -> CheckedURL:
        """Every check that needs no DNS; raises a :class:`FetchError` on refusal."""
        u = _parse(url)
        scheme = (u.scheme or "").lower()
        if scheme not in ALLOWED_SCHEMES:
            raise UnsupportedScheme(scheme or None)
        if u.raw_user or u.raw_password or "@" in (u.raw_authority or ""):
            raise CredentialsInLink
        host = (u.raw_host or "").lower()
        if not host:
            raise InvalidLink("empty host")
        port = u.port
        if port is None or not 0 < port < 65536:
            raise InvalidLink(f"bad port {port!r}")
        u = u.with_fragment(None)
        address = parse_ip_host(host)
        if address is not None:
            self.check_address(address, port)
            if address.version == 4 and host.removesuffix(".") != str(address):
                u = u.with_host(str(address))
                host = str(address)
            return CheckedURL(url=u, host=host, port=port, address=address)
        fixed = _check_name(host)
        for addr in fixed:
            self.check_address(addr, port)
        if port not in self._allowed_ports and not self._allowed_networks:
            raise BlockedPort(port)
        return CheckedURL(url=u, host=host, port=port)

    async def resolve_host(self, host: str, port: int) -> list[IPAddress]:
        """Resolve ``host`` and vet every address; all must pass, or none is used."""
        host = host.lower()
        address = parse_ip_host(host)
        if address is not None:
            self.check_address(address, port)
            return [address]
        addresses: list[IPAddress] = list(_check_name(host))
        if not addresses:
            addresses = await self._lookup(host, port)
        for addr in addresses:
            self.check_address(addr, port)
        return addresses

    async def check(self, url: str | URL) -> tuple[CheckedURL, list[IPAddress]]:
        """The static checks, then resolution and address checks."""
        checked = self.check_url(url)
        if checked.address is not None:
            return checked, [checked.address]
        return checked, await self.resolve_host(checked.host, checked.port)

    async def _lookup(self, host: str, port: int) -> list[IPAddress]:
        try:
            raw = await self._resolve(host, port)
        except (OSError, UnicodeError):
            raise HostNotFound(host.removesuffix(".")) from None
        found: list[IPAddress] = []
        for text in raw:
            try:
                addr = ipaddress.ip_address(text)
            except ValueError:
                raise HostNotFound(host.removesuffix(".")) from None
            if addr not in found:
                found.append(addr)
        if not found:
            raise HostNotFound(host.removesuffix("."))
        return found


def _parse(url: str | URL) -> URL:
    if isinstance(url, URL):
        return url
    text = url.strip()
    if not text or any(ord(c) < 0x20 or c == "\x7f" for c in text):
        raise InvalidLink("empty or control characters")
    try:
        return URL(text)
    except (ValueError, UnicodeError) as exc:
        raise InvalidLink(str(exc)) from None


def _check_name(host: str) -> tuple[IPAddress, ...]:
    """Validate a DNS name; return the loopback addresses for ``localhost`` names.

    Refuses overlong names, malformed labels, single-label names (intranet
    hosts found through the resolver's search domains) and names reserved for
    local networks (``.local``, ``.internal``...).
    """
    name = host.removesuffix(".")
    if not name or len(name) > MAX_HOST_LENGTH:
        raise InvalidLink("host length")
    labels = name.split(".")
    if any(len(lab) > MAX_LABEL_LENGTH or not _LABEL.match(lab) for lab in labels):
        raise InvalidLink(f"bad host {host!r}")
    if name == "localhost" or name.endswith(".localhost"):
        return _LOOPBACK_ADDRESSES
    if len(labels) < 2 or name.endswith(_LOCAL_SUFFIXES):
        raise BlockedAddress(name, "local network name")
    return ()


# -- aiohttp integration ---------------------------------------------------


class GuardedResolver(AbstractResolver):
    """An aiohttp resolver that only ever returns vetted addresses.

    The connector connects to what this returns, so the address that was
    checked is the address that is reached. Refusals raise the guard's
    :class:`FetchError`, which aiohttp passes through unchanged.
    """

    def __init__(self, guard: URLGuard) -> None:
        self.guard = guard

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        addresses = await self.guard.resolve_host(host, port)
        results: list[ResolveResult] = []
        for addr in addresses:
            fam = socket.AF_INET if addr.version == 4 else socket.AF_INET6
            if family not in (socket.AF_UNSPEC, fam):
                continue
            results.append(
                ResolveResult(
                    hostname=host,
                    host=str(addr),
                    port=port,
                    family=fam,
                    proto=socket.IPPROTO_TCP,
                    flags=socket.AI_NUMERICHOST,
                )
            )
        if not results:
            raise HostNotFound(host.removesuffix("."))
        return results

    async def close(self) -> None:
        return None


__all__ = [
    "CheckedURL",
    "GuardedResolver",
    "IPAddress",
    "ResolveFunc",
    "URLGuard",
    "blocked_reason",
    "embedded_ipv4",
    "parse_ip_host",
    "parse_legacy_ipv4",
    "system_resolve",
]
