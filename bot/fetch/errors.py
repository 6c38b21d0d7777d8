"""Why a link could not be turned into an article, in words a reporter understands.

Every error is a :class:`bot.engine.errors.FetchError`, so the central error
handlers show its message and nothing else. Each message says what happened and
what to do next (usually: paste the article text).
"""

from __future__ import annotations

from http import HTTPStatus

from bot.engine.errors import FetchError

PASTE = "Paste the article text instead."


def format_bytes(n: int) -> str:
    """``5_000_000`` -> ``"5 MB"``, ``1_500_000`` -> ``"1.5 MB"``, ``20_000`` -> ``"20 KB"``."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f}".removesuffix(".0") + " MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f}".removesuffix(".0") + " KB"
    return f"{n} bytes"


def format_seconds(s: float) -> str:
    """``10.0`` -> ``"10 s"``, ``0.5`` -> ``"0.5 s"``."""
    return f"{s:g} s"


class UnsupportedScheme(FetchError):
    def __init__(self, scheme: str | None = None) -> None:
        super().__init__("Only http and https links can be checked.")
        self.scheme = scheme


class InvalidLink(FetchError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "That link is not a valid web address. Check it, or paste the article text instead."
        )
        self.detail = detail


class CredentialsInLink(FetchError):
    def __init__(self) -> None:
        super().__init__(
            "Links with a user name or password in them cannot be checked. " + PASTE
        )


class BlockedAddress(FetchError):
    def __init__(self, address: str | None = None, reason: str = "") -> None:
        super().__init__(
            "That address is not allowed (it points to a private or local network). " + PASTE
        )
        self.address = address
        self.reason = reason


class BlockedPort(FetchError):
    def __init__(self, port: int) -> None:
        super().__init__(
            f"That link uses port {port}, which is not allowed; only the usual web ports can be checked. "
            + PASTE
        )
        self.port = port


class HostNotFound(FetchError):
    def __init__(self, host: str) -> None:
        super().__init__(
            f"The site {host} could not be found. Check the link, or paste the article text instead."
        )
        self.host = host


class ConnectionFailed(FetchError):
    def __init__(self, host: str | None = None) -> None:
        where = f"The site {host}" if host else "That site"
        super().__init__(f"{where} could not be reached. Try again later, or paste the article text.")
        self.host = host


class CertificateError(FetchError):
    def __init__(self, host: str | None = None) -> None:
        super().__init__(
            "That site's security certificate is not valid, so it was not read. " + PASTE
        )
        self.host = host


class FetchTimeout(FetchError):
    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"That page did not answer within {format_seconds(seconds)}. "
            "Try again later, or paste the article text."
        )
        self.seconds = seconds


class TooManyRedirects(FetchError):
    def __init__(self, limit: int) -> None:
        super().__init__(
            f"Too many redirects (more than {limit}). Open the link in a browser and paste the article text instead."
        )
        self.limit = limit


class HTTPStatusError(FetchError):
    """A page answered with an error status.

    The sentence names the status with its standard phrase from
    :class:`http.HTTPStatus`, never the reason phrase the server sent: that is
    chosen by the remote server and would be posted in the channel.
    """

    def __init__(self, status: int) -> None:
        try:
            label = f"{status} {HTTPStatus(status).phrase}"
        except ValueError:
            label = str(status)
        super().__init__(
            f"That page answered with an error ({label}). Check the link, or paste the article text."
        )
        self.status = status


class NotAWebPage(FetchError):
    def __init__(self, content_type: str) -> None:
        super().__init__(f"That link is not a web page (it is {content_type}). " + PASTE)
        self.content_type = content_type


class PageTooLarge(FetchError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"That page is larger than {format_bytes(limit)}. " + PASTE)
        self.limit = limit


class NoArticleText(FetchError):
    def __init__(self) -> None:
        super().__init__("That page has no article text. " + PASTE)


__all__ = [
    "BlockedAddress",
    "BlockedPort",
    "CertificateError",
    "ConnectionFailed",
    "CredentialsInLink",
    "FetchError",
    "FetchTimeout",
    "HTTPStatusError",
    "HostNotFound",
    "InvalidLink",
    "NoArticleText",
    "NotAWebPage",
    "PageTooLarge",
    "TooManyRedirects",
    "UnsupportedScheme",
    "format_bytes",
    "format_seconds",
]
