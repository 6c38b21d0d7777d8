"""The options of /check and the "Check claims" message command, validated."""

from __future__ import annotations

from bot.engine.errors import InputError
from bot.fetch import find_urls
from cogs._common import CheckRequest

BOTH = "Give either text or a url to /check, not both."
NEITHER = "Give /check something to read: paste the article in text, or give its link in url."
BAD_URL = "The url option needs a web link starting with http:// or https://."
EMPTY_MESSAGE = "That message has no text or link to check."


def request_from_options(text: str | None, url: str | None) -> CheckRequest:
    """Exactly one of ``text`` and ``url``; raises InputError with the sentence to show otherwise."""
    text = text.strip() if text else None
    url = url.strip() if url else None
    if text and url:
        raise InputError(BOTH)
    if url:
        found = find_urls(url)
        if len(found) != 1 or found[0] != url.strip("<>"):
            raise InputError(BAD_URL)
        return CheckRequest(url=found[0])
    if text:
        return CheckRequest(text=text)
    raise InputError(NEITHER)


def request_from_any_message(content: str, *, min_chars: int) -> CheckRequest:
    """For the message command: the message's first link, else its text.

    When the message also carries a pasted article (at least ``min_chars``
    besides the link), that text is the fallback if the link cannot be fetched.
    """
    content = (content or "").strip()
    if not content:
        raise InputError(EMPTY_MESSAGE)
    urls = find_urls(content)
    if urls:
        rest = " ".join(content.replace(urls[0], " ").split())
        return CheckRequest(url=urls[0], fallback_text=content if len(rest) >= min_chars else None)
    return CheckRequest(text=content)
